"""Files written whole or not at all, with the permissions other programs give theirs."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Union

from disclosure_report.errors import ReportFileError
from disclosure_report.oserror import os_reason

# .~<pid>-<random><suffix>: whose it was, so that the next start can remove a killed write's leftover
_LEFTOVER = re.compile(r"^\.~(\d+)-")


def write_atomically(path: Union[str, Path], content: Union[str, bytes]) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = temporary_beside(path)
    try:
        try:
            write_whole(tmp, data)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as e:
        raise cannot_write(path, e) from None


def temporary_beside(path: Path) -> str:
    """An empty temporary file in path's folder, named so that remove_leftovers knows whose it is."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".~{os.getpid()}-", suffix=path.suffix, dir=path.parent or ".")
    except OSError as e:
        raise cannot_write(path, e) from None
    os.close(fd)
    return tmp


def write_whole(tmp: str, data: bytes) -> None:
    """data into the temporary file, on the disk, readable as other programs make their files (OSError)."""
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    if os.name != "nt":
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600: readable by its owner only


def cannot_write(path: Path, error: OSError) -> ReportFileError:
    return ReportFileError(f"无法写入 {path}：{os_reason(error)}（请检查文件夹是否存在、可写，磁盘是否已满）")


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def remove_leftovers(folder: Union[str, Path]) -> None:
    """Remove the temporary files of writes into folder whose process is gone (killed while writing)."""
    from disclosure_report.processes import process_alive

    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _LEFTOVER.match(name)
        if match and int(match.group(1)) != os.getpid() and not process_alive(int(match.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass  # another's file, or already gone
