"""Backup copies of the drafts library, kept next to it in ``backups/``.

One copy a day (the last few days kept) and one before every migration,
each written with ``Connection.backup`` (never a file copy of a live
database) to a temporary name and renamed, so a crash never leaves half a
backup under a real name.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import sqlite3
import time
from pathlib import Path
from typing import Optional

from disclosure_report.oserror import os_reason
from disclosure_report.processes import process_alive
from disclosure_report.storage.errors import _CANTOPEN, _FULL, _IOERR, _PERM, _READONLY, StorageError, error_code

KEEP_DAILY = 7
_TMP_SUFFIX = ".tmp"


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def write_backup(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of the open library at target (replaced whole or not at all)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}{_TMP_SUFFIX}")
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.backup(dst)
            # a standalone file: no -wal/-shm companions next to the copy
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def daily_backup(conn: sqlite3.Connection, path: Path, today: Optional[_dt.date] = None) -> Optional[Path]:
    """Today's copy unless there is one; older daily copies beyond KEEP_DAILY are removed."""
    folder = backup_dir(path)
    today = today or _dt.date.today()
    target = folder / f"{path.stem}-{today.isoformat()}.sqlite3"
    _remove_stale_temporaries(folder)
    if target.exists():
        return None
    write_backup(conn, target)
    daily = sorted(folder.glob(f"{path.stem}-????-??-??.sqlite3"))
    for old in daily[:-KEEP_DAILY]:
        old.unlink()
    return target


def migration_backup(conn: sqlite3.Connection, path: Path, from_version: int) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir(path) / f"{path.stem}-v{from_version}-before-upgrade-{stamp}.sqlite3"
    write_backup(conn, target)
    return target


def latest_backup(path: Path) -> Optional[Path]:
    """The newest backup copy of the library at path, or None."""
    folder = backup_dir(Path(path))
    try:
        copies = [p for p in folder.glob(f"{Path(path).stem}-*.sqlite3") if p.is_file()]
    except OSError:
        return None
    return max(copies, key=lambda p: p.stat().st_mtime, default=None)


def restore_backup(path: Path, backup: Path) -> Path:
    """Put backup in place of the library at path; the file it replaces is kept aside.

    Returns where the replaced file went. No Library may be open on path.
    """
    path, backup = Path(path), Path(backup)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    restored = path.with_name(f"{path.name}.restoring{_TMP_SUFFIX}")
    try:
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if src.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise StorageError(f"备份文件也已损坏（{backup}），请选择更早的备份")
            dst = sqlite3.connect(restored, isolation_level=None)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        for suffix in ("", "-wal", "-shm"):
            current = Path(f"{path}{suffix}")
            if os.path.lexists(current):
                os.replace(current, Path(f"{aside}{suffix}"))
        os.replace(restored, path)
    except sqlite3.Error as e:
        raise StorageError(f"无法从备份恢复（{backup}）：{e}。请换一个备份文件再试") from None
    except OSError as e:
        raise StorageError(f"无法从备份恢复（{backup}）：{os_reason(e)}。请检查文件夹权限和磁盘空间") from None
    finally:
        if restored.exists():
            restored.unlink()
    return aside


# what a backup's failure means more precisely than oserror.os_reason's general words (the rest are its)
_OS_REASONS = {
    errno.EEXIST: "备份文件夹的位置上有一个同名的文件",
    errno.ENOTDIR: "备份文件夹的位置上有一个同名的文件",
    errno.EISDIR: "备份文件的位置上有一个同名的文件夹",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
}
_SQLITE_REASONS = {_CANTOPEN: "无法创建备份文件", _FULL: "磁盘已满", _READONLY: "磁盘或文件夹只读",
                   _PERM: "没有写入权限", _IOERR: "读写磁盘出错"}


def failure_reason(error: Exception) -> str:
    """Why a backup failed, in Chinese (the system's own words are English)."""
    if isinstance(error, OSError):
        return _OS_REASONS.get(error.errno or 0) or os_reason(error)
    if isinstance(error, sqlite3.Error):
        return _SQLITE_REASONS.get(error_code(error) or 0, "写入备份出错")
    return "写入备份出错"


def _remove_stale_temporaries(folder: Path) -> None:
    """Half-written copies (and SQLite's journals of them) left by a process killed while writing one:
    <name>.<pid>.tmp, <name>.<pid>.tmp-journal. Removed once their process is gone (older names: after an hour)."""
    hour_ago = time.time() - 3600
    try:
        for tmp in [*folder.glob(f"*{_TMP_SUFFIX}"), *folder.glob(f"*{_TMP_SUFFIX}-journal")]:
            pid = tmp.name.split(_TMP_SUFFIX)[0].rsplit(".", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid():
                stale = not process_alive(int(pid))
            else:
                stale = tmp.stat().st_mtime < hour_ago
            if stale:
                tmp.unlink()
    except OSError:
        pass
