"""The drafts library: every report a clerk works on, kept in one SQLite file.

A report is stored as the JSON interchange text (lossless, exact Decimals)
plus indexed columns (organ, year, status …); pictures once each by content
hash. Every change is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT`` on
an autocommit connection), the file is in WAL mode with ``synchronous =
FULL``, so killing the program at any moment leaves the last committed save
and a sound file. Status: 起草中 → 送审中 → 已签发; a signed version is frozen.
"""

import datetime as _dt
import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, List, NamedTuple, Optional, Tuple, Union

from disclosure_report import jsonfile
from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report, organ_key
from disclosure_report.resources import sample_path
from disclosure_report.rollover import NoYear, next_year
from disclosure_report.storage import backups, images, schema
from disclosure_report.storage.errors import (
    RESTORABLE,
    StaleDraft,
    StorageError,
    error_code,
    is_damage,
    storage_error,
)
from disclosure_report.storage.locks import EditLocks
from disclosure_report.storage.paths import default_library_path
from disclosure_report.storage.versions import (
    Versions,
    _content,
    _new_id,
    _not_found,
    _now,
    _report_from,
    _revision,
)
from disclosure_report.workflow import (
    FROZEN_MESSAGE,
    STATUS_DRAFTING,
    STATUS_SIGNED,
)

BUSY_TIMEOUT_MS = 5000


# NamedTuples rather than frozen dataclasses: cheaper to define, and the window's start loads this module
class ReportEntry(NamedTuple):
    id: int
    organ: str
    year: Optional[int]
    title: str
    status: str
    version: int
    updated_at: str
    is_sample: bool
    deleted_at: Optional[str]


_ENTRY_COLUMNS = "id, organ, year, title, status, version, updated_at, is_sample, deleted_at"


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)


def _entry(row: tuple) -> ReportEntry:
    return ReportEntry._make((*row[:7], bool(row[7]), row[8]))


class Library(Versions):
    """One drafts library file; open it once per program, close it on exit.

    Every method raises StorageError (Chinese message) when the file cannot
    do what was asked; nothing is then half-written, and a Report passed in
    is never modified.
    """

    def __init__(self, path: Union[str, Path, None] = None, backup_later: bool = False):
        """backup_later: today's backup waits for make_daily_backup() (the window: once it is on screen)."""
        self.path = Path(path) if path is not None else default_library_path()
        self._locks = EditLocks()
        # None, or why today's automatic backup could not be made (the library works all the same)
        self.backup_warning: Optional[str] = None
        self._backup_later = backup_later
        self._backup_due = False
        self._conn: Optional[sqlite3.Connection] = None
        self._conn = self._open()

    # -- opening, migrating, backups -------------------------------------

    def _open(self) -> sqlite3.Connection:
        path = self.path
        if path.is_dir():
            raise self._unreadable(f"草稿库的位置（{path}）是一个文件夹，不是草稿库文件。")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StorageError(f"无法创建草稿库文件夹（{path.parent}）：{e.strerror or e}。请检查权限或磁盘空间。") from None
        if path.exists() and not os.access(path, os.R_OK):
            raise self._unreadable(f"没有权限读取草稿库文件（{path}）。")
        if path.exists() and path.stat().st_size == 0 and backups.latest_backup(path) is not None:
            # SQLite would take it for a new library and the drafts in the backup would go unnoticed
            raise self._unreadable(f"草稿库文件是空的（0 字节，{path}），其中的报告已丢失，可能是磁盘出错或同步软件所致。")
        try:
            conn = _connect(path)
        except sqlite3.Error as e:
            raise self._open_failure(e) from None
        try:
            version = self._prepare(conn)
            self._migrate(conn, version)
        except sqlite3.Error as e:
            conn.close()
            raise self._open_failure(e) from None
        except BaseException:
            conn.close()
            raise
        if version:
            self._backup_due = True
            if not self._backup_later:
                self._daily_backup(conn)
        return conn

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
                    f"{storage_error(e, self.path, f'草稿库升级到数据版本 {step} ')}"
                    f"草稿库仍是升级前的数据版本 {schema.user_version(conn)}，升级前的备份在 {saved}。"
                ) from None

    def make_daily_backup(self) -> None:
        """Today's backup, if it was left for later when opening (see backup_later); sets backup_warning."""
        if self._backup_due:
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
        problem = storage_error(error, self.path, "打开草稿库")
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
            raise StorageError(f"备份草稿库失败：无法写入 {target}（{e.strerror or e}）。请检查目标位置是否可写、空间是否足够。") from None

    def close(self) -> None:
        if self._conn is None:
            return
        try:
            if self._locks.held:
                with self._write("关闭草稿库") as db:
                    self._locks.release(db, set(self._locks.held))
        except StorageError:
            pass  # a lock left behind goes stale; closing must not fail
        finally:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ----------------------------------------------------

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StorageError("草稿库已关闭。")
        return self._conn

    @contextmanager
    def _write(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; any failure rolls it back whole."""
        conn = self._db
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            raise storage_error(e, self.path, doing) from None

    @contextmanager
    def _read(self, doing: str) -> Iterator[sqlite3.Connection]:
        try:
            yield self._db
        except sqlite3.Error as e:
            raise storage_error(e, self.path, doing) from None

    # -- reports ----------------------------------------------------------

    def list_reports(self, *, deleted: bool = False) -> List[ReportEntry]:
        """The reports (or, deleted=True, the recycle bin), most recently changed first."""
        where = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        with self._read("读取报告列表") as db:
            rows = db.execute(f"SELECT {_ENTRY_COLUMNS} FROM reports WHERE {where} "
                              f"ORDER BY updated_at DESC, id DESC").fetchall()
        return [_entry(row) for row in rows]

    def entry(self, report_id: int) -> ReportEntry:
        with self._read("读取报告") as db:
            row = db.execute(f"SELECT {_ENTRY_COLUMNS} FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise _not_found(report_id)
        return _entry(row)

    def create(self, report: Report, *, is_sample: bool = False) -> int:
        content = _content(report)
        now = _now()
        with self._write("新建报告") as db:
            cursor = db.execute(
                "INSERT INTO reports (organ, organ_key, year, title, status, version, content, is_sample, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                (report.organ, organ_key(report.organ), report.year, report.display_title(), STATUS_DRAFTING,
                 content, int(is_sample), now, now),
            )
            report_id = _new_id(cursor)
            images.store(db, "report_images", report_id, report.images)
        return report_id

    def ensure_sample(self) -> int:
        """The embedded sample (鄄城县 2023) as “示例”: created once, taken back out of the recycle bin if it is there."""
        with self._read("读取示例报告") as db:
            row = db.execute("SELECT id, deleted_at FROM reports WHERE is_sample = 1 "
                             "ORDER BY deleted_at IS NOT NULL, id LIMIT 1").fetchone()
        if row is not None:
            if row[1] is not None:
                self.restore(row[0])
            return row[0]
        try:
            sample = jsonfile.read_report(sample_path())
        except ReportFileError as e:
            raise StorageError(f"程序自带的示例报告无法读取：{e}。请重新安装本程序。") from None
        return self.create(sample, is_sample=True)

    def revision(self, report_id: int) -> str:
        """What the stored draft is now (a digest of it): save(based_on=…) refuses to write over a newer one."""
        with self._read("读取报告") as db:
            row = db.execute("SELECT content FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise _not_found(report_id)
        return _revision(row[0])

    def load(self, report_id: int) -> Report:
        with self._read("读取报告") as db:
            row = db.execute("SELECT content FROM reports WHERE id = ?", (report_id,)).fetchone()
            if row is None:
                raise _not_found(report_id)
            pictures = images.load(db, "report_images", report_id)
        return _report_from(row[0], pictures, f"报告（编号 {report_id}）")

    def save(self, report_id: int, report: Report, based_on: Optional[str] = None) -> str:
        """Store the draft in one transaction; returns its revision. StorageError (nothing written) when it
        cannot be; StaleDraft when based_on (the revision the caller loaded or last saved) is no longer what
        is stored, i.e. another window saved since: its work is never overwritten."""
        content = _content(report)
        with self._write("保存草稿") as db:
            row = db.execute("SELECT status, content FROM reports WHERE id = ?", (report_id,)).fetchone()
            if row is None:
                raise _not_found(report_id)
            if row[0] == STATUS_SIGNED:
                raise StorageError(FROZEN_MESSAGE)
            if based_on is not None and _revision(row[1]) != based_on and row[1] != content:
                raise StaleDraft(
                    "这份报告在另一个窗口中已有更新的保存，为免覆盖那边的修改，这里的修改没有存入草稿。")
            self._locks.claim(db, report_id)
            db.execute(
                "UPDATE reports SET organ = ?, organ_key = ?, year = ?, title = ?, content = ?, updated_at = ? "
                "WHERE id = ?",
                (report.organ, organ_key(report.organ), report.year, report.display_title(), content, _now(),
                 report_id),
            )
            images.store(db, "report_images", report_id, report.images)
        return _revision(content)

    def duplicate(self, report_id: int) -> int:
        """A copy of the draft as a new report (起草中, version 1, no snapshots)."""
        now = _now()
        with self._write("复制报告") as db:
            cursor = db.execute(
                "INSERT INTO reports (organ, organ_key, year, title, status, version, content, is_sample, "
                "created_at, updated_at) SELECT organ, organ_key, year, title, ?, 1, content, 0, ?, ? "
                "FROM reports WHERE id = ?",
                (STATUS_DRAFTING, now, now, report_id),
            )
            if cursor.rowcount == 0:
                raise _not_found(report_id)
            new_id = _new_id(cursor)
            images.copy(db, "report_images", report_id, "report_images", new_id)
        return new_id

    def delete(self, report_id: int) -> None:
        """Move to the recycle bin (restore() brings it back)."""
        self._set_deleted(report_id, _now(), "删除报告")

    def restore(self, report_id: int) -> None:
        self._set_deleted(report_id, None, "从回收站恢复报告")

    def _set_deleted(self, report_id: int, when: Optional[str], doing: str) -> None:
        with self._write(doing) as db:
            self._locks.check(db, report_id)
            if db.execute("UPDATE reports SET deleted_at = ? WHERE id = ?", (when, report_id)).rowcount == 0:
                raise _not_found(report_id)

    def purge(self, report_id: int) -> None:
        """Delete for good, with its snapshots."""
        with self._write("彻底删除报告") as db:
            self._locks.check(db, report_id)
            if db.execute("DELETE FROM reports WHERE id = ?", (report_id,)).rowcount == 0:
                raise _not_found(report_id)
            self._locks.held.discard(report_id)
            images.drop_unused(db)

    def new_from_last_year(self, report_id: int) -> int:
        """Next year's report from this one (rollover.next_year), stored as a new draft."""
        try:
            return self.create(next_year(self.load(report_id)))
        except NoYear as e:
            raise StorageError(str(e)) from None

    def find(self, organ: str, year: int) -> Optional[ReportEntry]:
        """The report of that organ (whitespace ignored) and year, not deleted; a real one before the sample."""
        with self._read("查找报告") as db:
            row = db.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM reports WHERE organ_key = ? AND year = ? AND deleted_at IS NULL "
                f"ORDER BY is_sample, updated_at DESC, id DESC LIMIT 1",
                (organ_key(organ), year),
            ).fetchone()
        return _entry(row) if row else None

    def previous_year(self, report: Union[int, Report]) -> Optional[Report]:
        """The same organ's report of the year before, for the cross-year checks.

        report: a report's id, or a Report as the window holds it (its organ and year perhaps not stored yet)."""
        entry = self.entry(report) if isinstance(report, int) else report
        if entry.year is None or not organ_key(entry.organ):
            return None
        previous = self.find(entry.organ, entry.year - 1)
        return self.load(previous.id) if previous else None

    def years_of(self, organ: str) -> List[Tuple[int, int]]:
        """(year, report_id) of every year the organ has a report for, oldest first."""
        with self._read("查找报告") as db:
            rows = db.execute(
                "SELECT year, id FROM reports WHERE organ_key = ? AND year IS NOT NULL AND deleted_at IS NULL "
                "ORDER BY year, is_sample DESC, updated_at, id",
                (organ_key(organ),),
            ).fetchall()
        return list(dict(rows).items())  # per year the last row wins: a real report before the sample

    def status(self, report_id: int) -> str:
        return self.entry(report_id).status

    # -- settings -------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._read("读取设置") as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set_setting(self, key: str, value: Any) -> None:
        """value: anything JSON can hold (recent report ids, font size …)."""
        text = json.dumps(value, ensure_ascii=False)
        with self._write("保存设置") as db:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, text))

    # -- edit locks: a second copy of the program must not overwrite ----------

    def claim(self, report_id: int) -> None:
        """Mark the report as edited here; StorageError when another copy of the program is editing it.

        save() claims by itself; the window calls this on opening a report to
        tell the clerk at once, and heartbeat() every half minute or so.
        """
        with self._write("打开报告") as db:
            if db.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
                raise _not_found(report_id)
            self._locks.claim(db, report_id)

    def release(self, report_id: int) -> None:
        """No longer edited here (the window switched to another report)."""
        if report_id not in self._locks.held:
            return
        with self._write("关闭报告") as db:
            self._locks.release(db, {report_id})

    def heartbeat(self) -> None:
        """Keep this copy's edit locks fresh while the clerk reads without typing."""
        if not self._locks.held:
            return
        with self._write("刷新编辑标记") as db:
            self._locks.refresh(db)
