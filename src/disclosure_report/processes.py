"""Whether a process of this computer still runs: for edit locks and for leftovers of killed writes."""

from __future__ import annotations

import os
import sys


def process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        # by its exit code (os.kill(pid, 0) would terminate it), through _winapi, built into Python: ctypes
        # would load _ctypes.pyd and libffi, at the start when an edit lock is looked at
        import _winapi

        process_query_limited_information, still_active = 0x1000, 259
        try:
            handle = _winapi.OpenProcess(process_query_limited_information, False, pid)
        except OSError:  # no such process (or not ours to ask)
            return False
        try:
            return _winapi.GetExitCodeProcess(handle) == still_active
        except OSError:
            return False
        finally:
            _winapi.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        return True
    return not _dead_on_linux(pid)


def started_after(pid: int, when: float) -> bool:
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
