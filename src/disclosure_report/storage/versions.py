"""A stored report's versions: named snapshots, its status 起草中 → 送审中 → 已签发, and the stored text itself.

Part of :class:`~disclosure_report.storage.library.Library` (which provides the
transactions and the edit locks), kept here so that each file stays readable.
What the statuses are and which changes are allowed is disclosure_report.workflow.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import sqlite3
from typing import ContextManager, Dict, List, NamedTuple, Optional, Protocol

from disclosure_report import jsonfile
from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report, organ_key
from disclosure_report.storable import clean_report
from disclosure_report.storage import images
from disclosure_report.storage.errors import StorageError
from disclosure_report.storage.locks import EditLocks
from disclosure_report.workflow import (
    FROZEN_MESSAGE,
    STATUS_DRAFTING,
    STATUS_SIGNED,
    STATUSES,
    new_version_refusal,
    transition_refusal,
)


class SnapshotEntry(NamedTuple):
    id: int
    report_id: int
    name: str
    created_at: str
    fingerprint: str
    status: str
    version: int


_SNAPSHOT_COLUMNS = "id, report_id, name, created_at, fingerprint, status, version"


def _now() -> str:
    return _dt.datetime.now().isoformat(sep=" ", timespec="seconds")


def _new_id(cursor: sqlite3.Cursor) -> int:
    """The id SQLite gave the row just inserted."""
    assert cursor.lastrowid is not None  # set by every INSERT
    return cursor.lastrowid


def _content(report: Report) -> str:
    """The stored text, checked to read back: a draft that could not be opened again is never stored."""
    without_images = report.copy()
    without_images.images = {}
    unstorable = clean_report(without_images)  # the window and the readers clean at the door; this is the last
    if unstorable:
        raise StorageError(f"这份草稿暂时无法保存：{'；'.join(unstorable)}。请删去这些字符（或撤销带入它们的修改），"
                           f"之后会自动保存；在此之前修改仍在窗口中。")
    text = jsonfile.dumps(without_images)
    try:
        jsonfile.loads(text)
    except ReportFileError as e:
        raise StorageError(f"这份草稿暂时无法保存：{e}。请改正，改正后会自动保存；在此之前修改仍在窗口中。") from None
    return text


def _revision(content: str) -> str:
    return hashlib.blake2b(content.encode("utf-8"), digest_size=12).hexdigest()


def _store_content(db: sqlite3.Connection, report_id: int, report: Report, content: str) -> None:
    """The report's stored text, and the columns the list shows, as of now (a save, a restore)."""
    db.execute(
        "UPDATE reports SET organ = ?, organ_key = ?, year = ?, title = ?, content = ?, updated_at = ? WHERE id = ?",
        (report.organ, organ_key(report.organ), report.year, report.display_title(), content, _now(), report_id),
    )


def _report_from(content: str, pictures: Dict[str, bytes], what: str) -> Report:
    try:
        report = jsonfile.loads(content)
    except ReportFileError as e:
        raise StorageError(f"草稿库中的{what}内容已损坏：{e}。可以从快照或备份恢复。") from None
    report.images = pictures
    return report


def _snapshot_of(db: sqlite3.Connection, report_id: int, name: str, report: Report) -> int:
    row = db.execute("SELECT status, version FROM reports WHERE id = ?", (report_id,)).fetchone()
    if row is None:
        raise _not_found(report_id)
    without_images = report.copy()
    without_images.images = {}
    cursor = db.execute(
        "INSERT INTO snapshots (report_id, name, created_at, fingerprint, status, version, content) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (report_id, name, _now(), jsonfile.fingerprint(report), row[0], row[1], jsonfile.dumps(without_images)),
    )
    snapshot_id = _new_id(cursor)
    images.store(db, "snapshot_images", snapshot_id, report.images)
    return snapshot_id


def _not_found(report_id: int) -> StorageError:
    return StorageError(f"找不到该报告（编号 {report_id}），可能已被彻底删除。请刷新报告列表。")


class _Store(Protocol):
    """What the versions need of the library."""

    _locks: EditLocks

    def _write(self, doing: str) -> ContextManager[sqlite3.Connection]: ...

    def _read(self, doing: str) -> ContextManager[sqlite3.Connection]: ...

    def _snapshot(self, db: sqlite3.Connection, report_id: int, name: str) -> int: ...


class Versions:
    # -- snapshots ----------------------------------------------------------

    def snapshot(self: _Store, report_id: int, name: str, report: Optional[Report] = None) -> int:
        """A named copy of the stored draft (save() it first), or of report: a copy of it that could not be
        stored as the draft (another window saved a newer one), kept beside it."""
        with self._write("保存快照") as db:
            if report is None:
                return self._snapshot(db, report_id, name)
            return _snapshot_of(db, report_id, name, report)

    def _snapshot(self: _Store, db: sqlite3.Connection, report_id: int, name: str) -> int:
        row = db.execute("SELECT content, status, version FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise _not_found(report_id)
        content, status, version = row
        report = _report_from(content, images.load(db, "report_images", report_id),
                              f"报告（编号 {report_id}）")
        cursor = db.execute(
            "INSERT INTO snapshots (report_id, name, created_at, fingerprint, status, version, content) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (report_id, name, _now(), jsonfile.fingerprint(report), status, version, content),
        )
        snapshot_id = _new_id(cursor)
        images.copy(db, "report_images", report_id, "snapshot_images", snapshot_id)
        return snapshot_id

    def list_snapshots(self: _Store, report_id: int) -> List[SnapshotEntry]:
        """The report's snapshots, newest first."""
        with self._read("读取快照列表") as db:
            rows = db.execute(f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots WHERE report_id = ? ORDER BY id DESC",
                              (report_id,)).fetchall()
        return [SnapshotEntry(*row) for row in rows]

    def load_snapshot(self: _Store, snapshot_id: int) -> Report:
        with self._read("读取快照") as db:
            row = db.execute("SELECT content FROM snapshots WHERE id = ?", (snapshot_id,)).fetchone()
            if row is None:
                raise StorageError(f"找不到该快照（编号 {snapshot_id}），可能已随报告一起被彻底删除。")
            pictures = images.load(db, "snapshot_images", snapshot_id)
        return _report_from(row[0], pictures, f"快照（编号 {snapshot_id}）")

    def restore_snapshot(self: _Store, snapshot_id: int) -> None:
        """The draft becomes the snapshot; the draft before is kept as a snapshot “恢复前自动保存 …”."""
        with self._write("恢复快照") as db:
            row = db.execute("SELECT report_id, content FROM snapshots WHERE id = ?", (snapshot_id,)).fetchone()
            if row is None:
                raise StorageError(f"找不到该快照（编号 {snapshot_id}），可能已随报告一起被彻底删除。")
            report_id, content = row
            if db.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()[0] == STATUS_SIGNED:
                raise StorageError(FROZEN_MESSAGE)
            self._locks.claim(db, report_id)
            self._snapshot(db, report_id, f"恢复前自动保存 {_now()[:16]}")
            report = _report_from(content, {}, f"快照（编号 {snapshot_id}）")
            _store_content(db, report_id, report, content)
            images.copy(db, "snapshot_images", snapshot_id, "report_images", report_id)
            images.drop_unused(db)

    # -- status -------------------------------------------------------------

    def set_status(self: _Store, report_id: int, status: str) -> None:
        """起草中 → 送审中 → 已签发 (送审中 may go back to 起草中); signing stores the frozen snapshot “已签发 v…”."""
        if status not in STATUSES:
            raise StorageError(transition_refusal(STATUS_DRAFTING, status))
        with self._write("更改报告状态") as db:
            row = db.execute("SELECT status, version FROM reports WHERE id = ?", (report_id,)).fetchone()
            if row is None:
                raise _not_found(report_id)
            current, version = row
            if current == status:
                return
            refusal = transition_refusal(current, status)
            if refusal:
                raise StorageError(refusal)
            self._locks.check(db, report_id)
            db.execute("UPDATE reports SET status = ?, updated_at = ? WHERE id = ?", (status, _now(), report_id))
            if status == STATUS_SIGNED:
                self._snapshot(db, report_id, f"已签发 v{version}")

    def start_new_version(self: _Store, report_id: int) -> None:
        """From 已签发: version + 1 and 起草中; the signed snapshot stays."""
        with self._write("开始新版本") as db:
            row = db.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
            if row is None:
                raise _not_found(report_id)
            refusal = new_version_refusal(row[0])
            if refusal:
                raise StorageError(refusal)
            self._locks.check(db, report_id)
            db.execute("UPDATE reports SET status = ?, version = version + 1, updated_at = ? WHERE id = ?",
                       (STATUS_DRAFTING, _now(), report_id))
