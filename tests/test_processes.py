"""Whether the process behind an edit lock or a killed write's leftover still runs."""

import os
import subprocess
import sys
import time
import types

import pytest

from disclosure_report import processes
from disclosure_report.processes import process_alive, started_after


@pytest.mark.skipif(sys.platform == "win32", reason="Linux and macOS ask the process itself")
def test_this_process_runs_and_a_finished_one_does_not():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert process_alive(os.getpid()) and not process_alive(child.pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the start time in /proc")
def test_a_process_started_after_a_moment_before_it_and_not_after_one_since():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert started_after(child.pid, time.time() - 30) and not started_after(child.pid, time.time())
    finally:
        child.kill()
        child.wait()
    assert not started_after(child.pid, 0)  # gone: not known


class FakeWinapi:
    """_winapi as Windows answers: handles for the processes it knows, their exit codes."""

    def __init__(self, exit_codes):
        self.exit_codes, self.open, self.closed = exit_codes, [], []

    def OpenProcess(self, access, inherit, pid):  # noqa: N802 - Windows' names
        if pid not in self.exit_codes:
            raise OSError(87, "The parameter is incorrect")  # ERROR_INVALID_PARAMETER: no such process
        self.open.append((access, inherit, pid))
        return 1000 + pid

    def GetExitCodeProcess(self, handle):  # noqa: N802
        code = self.exit_codes[handle - 1000]
        if code is None:
            raise OSError(5, "Access is denied")
        return code

    def CloseHandle(self, handle):  # noqa: N802
        self.closed.append(handle)


@pytest.fixture
def windows(monkeypatch):
    monkeypatch.setattr(processes.sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "ctypes", None)  # not loaded for this: _winapi is built into Python
    fake = FakeWinapi({10: 259, 11: 0, 12: None})  # STILL_ACTIVE, exited, not ours to ask
    monkeypatch.setitem(sys.modules, "_winapi", types.SimpleNamespace(
        OpenProcess=fake.OpenProcess, GetExitCodeProcess=fake.GetExitCodeProcess, CloseHandle=fake.CloseHandle))
    return fake


def test_on_windows_a_process_runs_while_its_exit_code_says_still_active(windows):
    assert [process_alive(pid) for pid in (10, 11, 12, 13)] == [True, False, False, False]
    assert windows.open == [(0x1000, False, 10), (0x1000, False, 11), (0x1000, False, 12)]  # query-limited only
    assert windows.closed == [1010, 1011, 1012]  # every handle opened is closed
