"""Where the drafts library lives (the user's data folder, or beside a portable program),
and whether that place is a network drive.

WAL needs shared memory that network file systems do not provide, so the
window warns when the library is on one.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Optional, Union

from disclosure_report.userdata import user_data_folder

PROC_MOUNTS = Path("/proc/mounts")
PORTABLE_MARKER = "portable.txt"  # packaging/windows/portable.txt, in the portable zip
_NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "fuse.glusterfs", "fuse.gvfsd-fuse", "fuse.rclone", "davfs", "fuse.davfs2",
}
_DRIVE_REMOTE = 4


def portable_data_folder() -> Optional[Path]:
    """The data folder beside the program of a portable copy (绿色版), None for an installed one.

    A bundle with ``portable.txt`` beside its exe (the portable zip) keeps its drafts in ``data``
    beside the program, so the folder can live on a USB stick or a share and carry them along.
    """
    if not getattr(sys, "frozen", False):
        return None
    program = Path(sys.executable).resolve().parent
    return program / "data" if (program / PORTABLE_MARKER).is_file() else None


def default_library_path() -> Path:
    """library.sqlite3 in the user data folder, or beside a portable program."""
    portable = portable_data_folder()
    return (portable if portable is not None else user_data_folder()) / "library.sqlite3"


def is_network_path(path: Union[str, Path]) -> bool:
    """True for a UNC path or mapped network drive (Windows), an nfs/cifs/sshfs mount (Linux)."""
    if sys.platform == "win32":
        text = str(path)
        return _is_unc(text) or _windows_drive_is_remote(text)
    try:
        mounts = PROC_MOUNTS.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _mount_fs_type(_existing_ancestor(Path(path)), mounts) in _NETWORK_FS


def _is_unc(text: str) -> bool:
    r"""\\server\share\… or \\?\UNC\…; not the local device forms \\?\C:\ and \\.\ ."""
    upper = text.replace("/", "\\").upper()
    if upper.startswith("\\\\?\\UNC\\"):
        return True
    return upper.startswith("\\\\") and not upper.startswith(("\\\\?\\", "\\\\.\\"))


def _windows_drive_is_remote(text: str) -> bool:
    import ntpath  # os.path on Windows

    drive = ntpath.splitdrive(ntpath.abspath(text))[0]
    # Windows starts from a local disk: the installed program's library, in %LOCALAPPDATA%, is asked
    # about without loading ctypes before the window shows
    if drive and drive.upper() == os.environ.get("SYSTEMDRIVE", "").upper():
        return False
    import ctypes

    root = drive + "\\"
    return ctypes.windll.kernel32.GetDriveTypeW(root) == _DRIVE_REMOTE  # type: ignore[attr-defined]  # Windows only


def _existing_ancestor(path: Path) -> str:
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return os.path.realpath(path)


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as \040 \011 \012 \134
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _mount_fs_type(path: str, mounts: str) -> str:
    """The file system type of the longest mount point containing path."""
    best, best_type = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fs_type = _unescape(fields[1]), fields[2]
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fs_type
    return best_type
