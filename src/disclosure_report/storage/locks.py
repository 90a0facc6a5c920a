"""Edit locks: which copy of the program is editing a report.

A second copy gets a clear message instead of overwriting the first one's
work. A lock whose process is gone (same computer) or that has not been
refreshed for LOCK_STALE_SECONDS is taken over, so a crash never locks a
report for good. All calls run inside the caller's write transaction.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from typing import Set

from disclosure_report.storage.errors import StorageError

# The window refreshes its locks every 30 s (heartbeat); after this long without, a lock is stale.
LOCK_STALE_SECONDS = 90.0
# This computer's name from os, not platform or socket: importing those slows the window's start
_HOST = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")


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
        if host == _HOST and pid != os.getpid() and (not _pid_alive(pid) or _started_after(pid, heartbeat)):
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


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        # os.kill(pid, 0) would terminate the process on Windows
        process_query_limited_information, still_active = 0x1000, 259
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        return True
    return not _dead_on_linux(pid)


def _started_after(pid: int, when: float) -> bool:
    """The process with that number started after when (Linux; elsewhere not known: False)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            ticks = int(stat.read().rsplit(b")", 1)[1].split()[19])
        with open("/proc/stat", "rb") as system:
            boot = next(int(line.split()[1]) for line in system if line.startswith(b"btime "))
    except (OSError, IndexError, ValueError, StopIteration):
        return False
    return boot + ticks / os.sysconf("SC_CLK_TCK") > when + 1


def _dead_on_linux(pid: int) -> bool:
    """A zombie (killed, not yet reaped by its parent) counts as gone; /proc missing (macOS): not known."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return fields[0] in (b"Z", b"X")
