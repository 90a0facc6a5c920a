"""Edit locks: which copy of the program is editing a report.

A second copy gets a clear message instead of overwriting the first one's
work. A lock whose process is gone (same computer) or that has not been
refreshed for LOCK_STALE_SECONDS is taken over, so a crash never locks a
report for good. All calls run inside the caller's write transaction.
"""

from __future__ import annotations

import os
import sqlite3
import time
from typing import Set

from disclosure_report.processes import process_alive, started_after
from disclosure_report.storage.errors import StorageError

# The window refreshes its locks every 30 s (heartbeat); after this long without, a lock is stale.
LOCK_STALE_SECONDS = 90.0
# This computer's name from os, not platform or socket: importing those slows the window's start
_HOST = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
# This process writes its locks only after this moment. A lock with this process's number and an older
# heartbeat was left by an earlier process that had the same number: Windows and Wine hand a killed
# program's number to the next one at once, and its restart must not be told it is editing elsewhere.
_LOADED = time.time()


class EditLocks:
    """The locks one open Library holds."""

    def __init__(self) -> None:
        self.owner = os.urandom(16).hex()
        self.held: Set[int] = set()

    def check(self, db: sqlite3.Connection, report_id: int) -> None:
        """StorageError when another live copy of the program is editing the report."""
        row = db.execute("SELECT owner, host, pid, heartbeat FROM edit_locks WHERE report_id = ?",
                         (report_id,)).fetchone()
        if row is None:
            return
        owner, host, pid, heartbeat = row
        if owner == self.owner or time.time() - heartbeat > LOCK_STALE_SECONDS:
            return
        if host == _HOST:
            if pid == os.getpid() and heartbeat < _LOADED:
                return  # an earlier process with this number, gone (another window of this one: refused)
            if pid != os.getpid() and (not process_alive(pid) or started_after(pid, heartbeat)):
                return  # its process is gone, or the number now belongs to a process started since
        raise StorageError(
            "这份报告正在本程序的另一个窗口中编辑"
            + (f"（计算机 {host}）" if host != _HOST else "")
            + "，为免互相覆盖，这里的修改没有保存（仍在窗口中）。请关闭另一个窗口后再试，或在那个窗口中继续编辑。"
        )

    def claim(self, db: sqlite3.Connection, report_id: int) -> None:
        self.check(db, report_id)
        db.execute("INSERT OR REPLACE INTO edit_locks (report_id, owner, host, pid, heartbeat) VALUES (?, ?, ?, ?, ?)",
                   (report_id, self.owner, _HOST, os.getpid(), time.time()))
        self.held.add(report_id)

    def release(self, db: sqlite3.Connection, report_ids) -> None:
        db.executemany("DELETE FROM edit_locks WHERE report_id = ? AND owner = ?",
                       [(rid, self.owner) for rid in report_ids])
        self.held.difference_update(report_ids)

    def refresh(self, db: sqlite3.Connection) -> None:
        db.executemany("UPDATE edit_locks SET heartbeat = ? WHERE report_id = ? AND owner = ?",
                       [(time.time(), rid, self.owner) for rid in self.held])
