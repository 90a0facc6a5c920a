"""Every library the bundle links against is inside it or comes from a package the .deb depends on.

The spec leaves the system's libraries out of the bundle on purpose; this check keeps the Depends line
of deb/control.in in step with what the bundle really needs (read from each ELF file's DT_NEEDED
entries), mapping each library to its Debian package with dpkg -S on the build machine.

    python3 packaging/check_depends.py dist/disclosure-report packaging/deb/control.in
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Set

from glibc_floor import read_elf, string_at

SHT_DYNAMIC, DT_NEEDED = 6, 1


def needed_libraries(path: Path) -> List[str]:
    """The DT_NEEDED names of an ELF file ([] if it is not ELF)."""
    elf = read_elf(path)
    if elf is None:
        return []
    data, order, wide, sections = elf
    entry = order + ("qQ" if wide else "iI")
    size = struct.calcsize(entry)
    names = []
    for kind, offset, link in sections:
        if kind != SHT_DYNAMIC or link >= len(sections):
            continue
        strings = sections[link][1]
        at = offset
        while True:
            tag, value = struct.unpack_from(entry, data, at)
            if tag == 0:
                break
            if tag == DT_NEEDED:
                names.append(string_at(data, strings + value))
            at += size
    return names


def depends(control: str) -> Set[str]:
    """Package names in the Depends line (alternatives and versions dropped)."""
    line = re.search(r"^Depends:(.*)$", control, re.MULTILINE).group(1)
    return {re.sub(r"\(.*?\)", "", alternative).strip()
            for item in line.split(",") for alternative in item.split("|")}


def package_of(library: str) -> str:
    out = subprocess.run(["dpkg", "-S", f"*/{library}"], capture_output=True, text=True).stdout
    return out.split(":")[0].strip() if out else ""


def main(argv: List[str]) -> int:
    bundle, control = Path(argv[0]), Path(argv[1]).read_text(encoding="utf-8")
    inside = {p.name for p in bundle.rglob("*")}
    wanted_by: Dict[str, str] = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            for library in needed_libraries(path):
                if library not in inside:
                    wanted_by.setdefault(library, str(path.relative_to(bundle)))
    declared = depends(control)
    missing, uninstalled = [], False
    for library, user in sorted(wanted_by.items()):
        package = package_of(library)
        uninstalled = uninstalled or not package
        if package not in declared:
            missing.append(f"  {library} (package {package or 'unknown: not installed here'}), needed by {user}")
    if missing:
        print("libraries the bundle needs whose package is not in the .deb's Depends:\n" + "\n".join(missing))
        if uninstalled:
            print("a library not installed on the build machine has no package to name: install the Depends of "
                  "packaging/deb/control.in here first (.ci/run does)")
        return 1
    print(f"Depends covers all {len(wanted_by)} system libraries the bundle links against")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
