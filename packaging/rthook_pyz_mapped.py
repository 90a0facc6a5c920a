# PyInstaller runtime hook, run before the program's own imports: read the bundle's modules from one
# read-only memory map of the executable instead of opening it anew for each module.
#
# PyInstaller's reader (pyimod01_archive.ZlibArchiveReader.extract) opens, seeks and closes the exe for every
# module, so that an updater may replace a running exe. Under Wine each open costs ~0.5 ms, on Windows an
# antivirus scanner may look at each one; the window imports ~170 modules from the archive before it shows. Our installer
# refuses to install over a running program, so nothing needs the exe to stay replaceable.
#
# The hook checks what it relies on (the reader's attributes, and one module read both ways) and otherwise leaves
# PyInstaller's reader in place: a newer PyInstaller can only make the start slower, never break it.
import marshal
import mmap
import sys
import zlib

MODULE, PACKAGE, NAMESPACE = 0, 1, 3  # PYZ entry type codes (pyimod01_archive)


def map_archive(archive):
    """Make `archive.extract` read from a memory map; True if it now does."""
    try:
        with open(archive._filename, "rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        start = archive._start_offset
        toc = archive.toc
    except (AttributeError, OSError, ValueError):
        return False
    original = archive.extract

    def extract(name, raw=False):
        entry = toc.get(name)
        if entry is None:
            return original(name, raw)  # its KeyError and message
        kind, offset, length = entry
        if kind == NAMESPACE:
            return None
        data = zlib.decompress(mapped[start + offset:start + offset + length])
        return marshal.loads(data) if kind in (MODULE, PACKAGE) and not raw else data

    sample = next((name for name, entry in toc.items() if entry[0] in (MODULE, PACKAGE)), None)
    try:
        same = sample is not None and extract(sample, raw=True) == original(sample, raw=True)
    except Exception:  # noqa: BLE001 - any surprise means: keep PyInstaller's reader
        same = False
    if not same:
        mapped.close()
        return False
    archive.extract = extract
    return True


if getattr(sys, "frozen", False) and "pyimod02_importers" in sys.modules:
    map_archive(sys.modules["pyimod02_importers"].pyz_archive)
