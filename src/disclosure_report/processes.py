"""Whether a process of this computer still runs: for edit locks and for leftovers of killed writes."""

from __future__ import annotations

import os
import sys
from typing import Optional


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
    """The process with that number started after when (Linux and Windows; elsewhere not known: False)."""
    started = _started_on_windows(pid) if sys.platform == "win32" else _started_on_linux(pid)
    return started is not None and started > when + 1


def _started_on_linux(pid: int) -> Optional[float]:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            ticks = int(stat.read().rsplit(b")", 1)[1].split()[19])
        with open("/proc/stat", "rb") as system:
            boot = next(int(line.split()[1]) for line in system if line.startswith(b"btime "))
    except (OSError, IndexError, ValueError, StopIteration):
        return None
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def _started_on_windows(pid: int) -> Optional[float]:
    # ctypes here only: asked only about a fresh lock whose process number is in use, not at an ordinary start
    if sys.platform != "win32":  # (for mypy on other systems, where ctypes has no WinDLL)
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetProcessTimes.argtypes = (wintypes.HANDLE,) + (ctypes.POINTER(wintypes.FILETIME),) * 4
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    times = [wintypes.FILETIME() for _ in range(4)]  # created, exited, kernel, user
    try:
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
    finally:
        kernel32.CloseHandle(handle)
    created = (times[0].dwHighDateTime << 32) | times[0].dwLowDateTime  # 100 ns since 1601
    return created / 10_000_000 - 11_644_473_600


def _dead_on_linux(pid: int) -> bool:
    """A zombie (killed, not yet reaped by its parent) counts as gone; /proc missing (macOS): not known."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return fields[0] in (b"Z", b"X")
