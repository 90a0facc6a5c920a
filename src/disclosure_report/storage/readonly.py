"""A library in a place that cannot be written (a read-only folder or file, a CD, a write-protected stick):
opened to look at, print and export, never to save, and without leaving files behind that would later
stop a writable open.

SQLite gives the ``-wal``/``-shm`` files it creates the database file's permissions, so a read-only open
of a read-only file in a writable folder used to leave a read-only ``-shm`` behind: after the file was made
writable again, every save failed. Here a read-only open creates no side files when there is nothing in a
``-wal`` to read (``immutable=1``), and a writable open first makes its own read-only side files writable.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Optional, Tuple

from disclosure_report.storage.errors import _PERM, _READONLY, StorageError, error_code

SIDE_FILES = ("-wal", "-shm")


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _read_only_medium(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows has no statvfs: the file's own attribute says it there
        return False


def why_read_only(path: Path) -> Optional[str]:
    """Why the existing library at path can only be read (Chinese, no full stop), or None when it can be written.

    Read-only side files of this user's (left by a read-only open of an older version) are made writable."""
    folder = path.parent
    if _read_only_medium(folder):
        return f"草稿库所在的磁盘是只读的（{folder}），如光盘、写保护的 U 盘或只读共享"
    if not os.access(path, os.W_OK):
        return f"草稿库文件是只读的（{path}）"
    if not os.access(folder, os.W_OK):
        return f"草稿库所在的文件夹不能写入（{folder}）"
    for suffix in SIDE_FILES:
        side = _side(path, suffix)
        if side.exists() and not os.access(side, os.W_OK):
            try:
                os.chmod(side, stat.S_IMODE(path.stat().st_mode) | stat.S_IWUSR)
            except OSError:
                return f"草稿库旁的 {side.name} 是只读的（{folder}）"
    return None


def refusal(error: StorageError, path: Path) -> Optional[str]:
    """Why a writable open that failed (as error) is read-only after all (Windows' folder rights), or None."""
    cause = error.__cause__ or error.__context__
    if isinstance(cause, sqlite3.Error) and error_code(cause) in (_READONLY, _PERM) \
            and path.is_file() and os.access(path, os.R_OK):
        return f"草稿库所在的文件夹或文件不能写入（{path}）"
    return None


def cannot_create(path: Path) -> Optional[StorageError]:
    """Why no library can be made at path (its folder cannot be written), or None."""
    folder = path.parent
    if _read_only_medium(folder) or not os.access(folder, os.W_OK):
        return StorageError(f"无法在 {folder} 新建草稿库：该文件夹或磁盘不能写入，里面也还没有草稿库。"
                            f"请检查文件夹权限，或把程序放到可写的位置（如本机的“文档”）后再打开。")
    return None


def connect(path: Path, timeout: float) -> Tuple[sqlite3.Connection, str]:
    """A connection that only reads (with nothing in the -wal it makes no side files at all), and what the
    clerk should know of it: that the last changes, left in the -wal, cannot be read here ("" when none)."""
    wal = _side(path, "-wal")
    uri = path.resolve().as_uri()
    if wal.exists() and wal.stat().st_size > 0:  # a program killed before its last changes reached the file
        conn = None
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=timeout)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn, ""
        except sqlite3.Error:
            if conn is not None:
                conn.close()
        try:  # no -shm, and no way to make one here: the file and its -wal read together elsewhere
            return _copied(path, wal), ""
        except (OSError, sqlite3.Error):
            conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, timeout=timeout)
            return conn, f"；最近的修改还在 {wal.name} 中，只读时读不出，显示的可能不是最新内容"
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, timeout=timeout), ""


def _copied(path: Path, wal: Path) -> sqlite3.Connection:
    """The library with its -wal applied, held in memory (the copy that applied it is removed at once)."""
    with tempfile.TemporaryDirectory(prefix="disclosure-report-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, _side(copy, "-wal"))
        source = sqlite3.connect(copy, isolation_level=None)
        try:
            memory = sqlite3.connect(":memory:", isolation_level=None)
            source.backup(memory)
        finally:
            source.close()
    return memory
