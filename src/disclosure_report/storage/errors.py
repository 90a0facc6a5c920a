"""What goes wrong with the drafts library, said so that a clerk can act on it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Optional

# SQLite primary result codes (sqlite3.h); Python < 3.11 lacks sqlite_errorcode,
# so the message text is the fallback.
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26
_BY_TEXT = (
    ("disk is full", _FULL),
    ("readonly", _READONLY),
    ("database is locked", _BUSY),
    ("malformed", _CORRUPT),
    ("not a database", _NOTADB),
    ("unable to open", _CANTOPEN),
    ("disk i/o error", _IOERR),
)

# failures to open that an older copy of the file may cure
RESTORABLE = (_PERM, _IOERR, _CORRUPT, _CANTOPEN, _NOTADB)


class StorageError(Exception):
    """The drafts library cannot do what was asked; the message is Chinese.

    ``backup`` names the newest backup copy when restoring it would help
    (a damaged or unreadable file); the window offers it to the clerk.
    """

    def __init__(self, message: str, *, backup: Optional[Path] = None):
        super().__init__(message)
        self.backup = backup


class StaleDraft(StorageError):
    """The stored draft is newer than the one the caller changed (another window saved it since)."""


def error_code(error: sqlite3.Error) -> Optional[int]:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF
    text = str(error).lower()
    for fragment, code in _BY_TEXT:
        if fragment in text:
            return code
    return None


def is_damage(error: sqlite3.Error) -> bool:
    return error_code(error) in (_CORRUPT, _NOTADB)


def storage_error(error: sqlite3.Error, path: Path, doing: str, in_window: bool = True) -> StorageError:
    """Translate an sqlite3 error met while ``doing`` (保存草稿 …) into a StorageError.

    in_window: a window holds what was being stored (not so while the library is being opened)."""
    code = error_code(error)
    folder = path.parent
    if code == _FULL:
        text = (f"{doing}失败：磁盘已满（{folder}）。请删除不需要的文件腾出空间后再试"
                + ("；在此之前请不要关闭程序，正在编辑的内容仍在窗口中。" if in_window else "。"))
    elif code in (_READONLY, _PERM):
        text = (f"{doing}失败：草稿库所在的文件夹或文件只读（{path}）。请检查文件夹权限，或将草稿库移到可写的位置"
                + ("；正在编辑的内容仍在窗口中。" if in_window else "。"))
    elif code in (_BUSY, _LOCKED):
        text = f"{doing}失败：草稿库正被另一个程序占用（{path}）。请关闭另一个正在运行的本程序后再试。"
    elif code in (_CORRUPT, _NOTADB):
        text = f"{doing}失败：草稿库文件已损坏（{path}）。可以恢复最近的备份。"
    elif code == _CANTOPEN:
        text = f"{doing}失败：无法打开草稿库文件（{path}）。请检查该位置是否存在、是否有权限访问。"
    elif code == _IOERR:
        text = f"{doing}失败：读写磁盘出错（{path}）。请检查磁盘或 U 盘是否已拔出、是否有坏道。"
    else:
        text = f"{doing}失败：{error}（{path}）"
    return StorageError(text)
