"""Opening the drafts library: checking, migrating, backing it up, or opening it read-only (readonly.py).

Part of :class:`~disclosure_report.storage.library.Library`, kept here so that each file stays readable.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Union

from disclosure_report.oserror import os_reason
from disclosure_report.storage import backups, readonly, schema
from disclosure_report.storage.errors import RESTORABLE, StorageError, error_code, is_damage, storage_error

BUSY_TIMEOUT_MS = 5000


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)


class Opening:
    path: Path
    backup_warning: Optional[str]
    read_only: Optional[str]
    _backup_later: bool
    _backup_due: bool

    @property
    def _db(self) -> sqlite3.Connection:
        raise NotImplementedError  # Library's

    # -- opening, migrating, backups -------------------------------------

    def _open(self) -> sqlite3.Connection:
        path = self.path
        if path.is_dir():
            raise self._unreadable(f"草稿库的位置（{path}）是一个文件夹，不是草稿库文件。")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StorageError(f"无法创建草稿库文件夹（{path.parent}）：{os_reason(e)}。请检查权限或磁盘空间。") from None
        if path.exists() and not os.access(path, os.R_OK):
            raise self._unreadable(f"没有权限读取草稿库文件（{path}）。")
        if path.exists() and path.stat().st_size == 0 and backups.latest_backup(path) is not None:
            # SQLite would take it for a new library and the drafts in the backup would go unnoticed
            raise self._unreadable(f"草稿库文件是空的（0 字节，{path}），其中的报告已丢失，可能是磁盘出错或同步软件所致。")
        refusal = None if path.exists() else readonly.cannot_create(path)
        if refusal is not None:
            raise refusal
        self.read_only = readonly.why_read_only(path) if path.exists() else None
        if self.read_only is None:
            try:
                return self._open_writable(path)
            except StorageError as e:
                self.read_only = readonly.refusal(e, path)
                if self.read_only is None:
                    raise
        return self._open_read_only(path)

    def _open_read_only(self, path: Path) -> sqlite3.Connection:
        conn, note = readonly.connect(path, BUSY_TIMEOUT_MS / 1000)
        with self._closed_on_failure(conn):
            if self._prepare(conn) < schema.LATEST:
                raise StorageError(f"草稿库（{path}）需要升级到新的数据版本，但它不能写入（{self.read_only}）。"
                                   f"请恢复写入权限后再打开。")
        self.read_only = f"{self.read_only}{note}"
        return conn

    def _open_writable(self, path: Path) -> sqlite3.Connection:
        try:
            conn = _connect(path)
        except sqlite3.Error as e:
            raise self._open_failure(e) from None
        with self._closed_on_failure(conn):
            version = self._prepare(conn)
            self._migrate(conn, version)
        if version:
            self._backup_due = True
            if not self._backup_later:
                self._daily_backup(conn)
        return conn

    @contextmanager
    def _closed_on_failure(self, conn: sqlite3.Connection) -> Iterator[None]:
        """A connection whose checks fail is closed, and SQLite's error told as a StorageError."""
        try:
            yield
        except sqlite3.Error as e:
            conn.close()
            raise self._open_failure(e) from None
        except BaseException:
            conn.close()
            raise

    def _prepare(self, conn: sqlite3.Connection) -> int:
        """Check that the file is a sound library this program understands; returns its schema version."""
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("BEGIN")  # version and tables read together, even while another copy creates the library
        try:
            version = schema.user_version(conn)
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
        if version > schema.LATEST:
            raise StorageError(
                f"草稿库（{self.path}）由更新版本的本程序建立（数据版本 {version}），"
                f"当前程序只认识到版本 {schema.LATEST}。请安装最新版本的程序后再打开。"
            )
        if version == 0 and tables:
            raise StorageError(f"文件（{self.path}）不是本程序的草稿库。请换一个文件名或位置。")
        if version and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("database disk image is malformed")
        if self.read_only is None:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return version

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        if version == 0:  # a new library
            for step in range(1, schema.LATEST + 1):
                schema.migrate_step(conn, step)
            return
        if version == schema.LATEST:
            return
        try:
            saved = backups.migration_backup(conn, self.path, version)
        except (OSError, sqlite3.Error) as e:
            reason = backups.failure_reason(e)
            raise StorageError(f"草稿库需要升级，但升级前无法先做备份（{backups.backup_dir(self.path)}）：{reason}。"
                               f"草稿库没有改动；请检查磁盘空间和文件夹权限后再打开。") from None
        for step in range(version + 1, schema.LATEST + 1):
            try:
                schema.migrate_step(conn, step)
            except sqlite3.Error as e:
                raise StorageError(
                    f"{storage_error(e, self.path, f'草稿库升级到数据版本 {step} ', in_window=False)}"
                    f"草稿库仍是升级前的数据版本 {schema.user_version(conn)}，升级前的备份在 {saved}。"
                ) from None

    def make_daily_backup(self) -> None:
        """Today's backup, if it was left for later when opening (see backup_later); sets backup_warning."""
        if self._backup_due and self.read_only is None:
            self._daily_backup(self._db)

    def _daily_backup(self, conn: sqlite3.Connection) -> None:
        # A failed backup must not keep the clerk from working: the window shows backup_warning.
        self._backup_due = False
        try:
            backups.daily_backup(conn, self.path)
        except (OSError, sqlite3.Error) as e:
            reason = backups.failure_reason(e)
            self.backup_warning = (f"今天的自动备份没有做成（{backups.backup_dir(self.path)}）：{reason}。"
                                   f"草稿照常保存；请检查磁盘空间和文件夹权限。")

    def _open_failure(self, error: sqlite3.Error) -> StorageError:
        if is_damage(error):
            return self._unreadable(f"草稿库文件已损坏（{self.path}）。")
        problem = storage_error(error, self.path, "打开草稿库", in_window=False)
        if error_code(error) in RESTORABLE:
            return self._unreadable(str(problem))
        return problem

    def _unreadable(self, problem: str) -> StorageError:
        backup = backups.latest_backup(self.path)
        if backup is None:
            return StorageError(problem + "没有找到可恢复的备份。请检查该文件，或换一个位置新建草稿库。")
        when = _dt.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        return StorageError(problem + f"可以恢复 {when} 的备份（{backup.name}），损坏的文件会保留在原处旁边。",
                            backup=backup)

    @staticmethod
    def latest_backup(path: Union[str, Path]) -> Optional[Path]:
        """The newest backup copy of the library at path (in its backups/ folder), or None."""
        return backups.latest_backup(Path(path))

    @staticmethod
    def restore_backup(path: Union[str, Path], backup: Union[str, Path, None] = None) -> Path:
        """Replace the (damaged) library at path by a backup, by default the newest.

        The replaced file is moved aside (``library.sqlite3.damaged-…``), never
        deleted; returns where it went. Call with no Library open on path.
        """
        path = Path(path)
        backup = Path(backup) if backup is not None else backups.latest_backup(path)
        if backup is None:
            raise StorageError(f"没有找到草稿库（{path}）的备份。")
        return backups.restore_backup(path, backup)

    def backup(self, target: Union[str, Path]) -> None:
        """A consistent copy of the whole library at target (e.g. to a USB stick)."""
        target = Path(target)
        try:
            backups.write_backup(self._db, target)
        except sqlite3.Error as e:
            raise storage_error(e, target, "备份草稿库") from None
        except OSError as e:
            raise StorageError(f"备份草稿库失败：无法写入 {target}（{os_reason(e)}）。请检查目标位置是否可写、空间是否足够。") from None
