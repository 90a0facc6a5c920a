"""The drafts library: every report a clerk works on, kept in one SQLite file.

A report is stored as the JSON interchange text (lossless, exact Decimals)
plus indexed columns (organ, year, status …); pictures once each by content
hash. Every change is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT`` on
an autocommit connection), the file is in WAL mode with ``synchronous =
FULL``, so killing the program at any moment leaves the last committed save
and a sound file. Status: 起草中 → 送审中 → 已签发; a signed version is frozen.
"""

import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, List, NamedTuple, Optional, Tuple, Union

from disclosure_report import jsonfile
from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report, organ_key
from disclosure_report.resources import sample_path
from disclosure_report.rollover import NoYear, next_year
from disclosure_report.storage import images
from disclosure_report.storage.errors import (
    StaleDraft,
    StorageError,
    storage_error,
)
from disclosure_report.storage.locks import EditLocks
from disclosure_report.storage.opening import BUSY_TIMEOUT_MS, Opening
from disclosure_report.storage.paths import default_library_path
from disclosure_report.storage.versions import (
    Versions,
    _content,
    _new_id,
    _not_found,
    _now,
    _report_from,
    _revision,
    _store_content,
)
from disclosure_report.workflow import (
    FROZEN_MESSAGE,
    STATUS_DRAFTING,
    STATUS_SIGNED,
)

__all__ = ["BUSY_TIMEOUT_MS", "Library", "ReportEntry"]


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


def _entry(row: tuple) -> ReportEntry:
    return ReportEntry._make((*row[:7], bool(row[7]), row[8]))


class Library(Opening, Versions):
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
        # None, or why the library can only be read here (readonly.py): saving is refused, the window says so
        self.read_only: Optional[str] = None
        self._conn: Optional[sqlite3.Connection] = None
        self._conn = self._open()

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
        if self.read_only is not None:
            raise StorageError(f"{doing}失败：草稿库是只读打开的，不能保存。{self.read_only}。")
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
            _store_content(db, report_id, report, content)
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
