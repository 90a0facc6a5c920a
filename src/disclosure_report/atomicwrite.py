"""Files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Union

from disclosure_report.errors import ReportFileError


def write_atomically(path: Union[str, Path], content: Union[str, bytes]) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=path.parent or ".")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as e:
        raise ReportFileError(f"无法写入 {path}：{e.strerror or e}（请检查文件夹是否存在、可写，磁盘是否已满）") from None
