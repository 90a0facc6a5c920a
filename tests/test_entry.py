"""packaging/entry.py: a process multiprocessing started runs its task; every other start runs the program."""

import importlib.util
import multiprocessing.spawn
from pathlib import Path

import pytest

ENTRY = Path(__file__).resolve().parents[1] / "packaging" / "entry.py"


@pytest.fixture
def entry():
    spec = importlib.util.spec_from_file_location("bundle_entry", ENTRY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("argv", [["disclosure-report.exe"], ["disclosure-report-cli.exe", "check", "-c"],
                                  ["disclosure-report-cli.exe", "check", "报告.docx", "--json"],
                                  ["disclosure-report-cli.exe", "-c", "print('not multiprocessing')"]])
def test_a_clerks_start_runs_the_program(entry, argv):
    assert entry.run_as_multiprocessing_child(argv) is False


def test_a_spawned_worker_gets_its_handles(entry, monkeypatch):
    calls = []
    monkeypatch.setattr(multiprocessing.spawn, "spawn_main", lambda **kwds: calls.append(kwds))
    argv = ["disclosure-report-cli.exe", "--multiprocessing-fork", "parent_pid=4242", "pipe_handle=812"]
    assert entry.run_as_multiprocessing_child(argv) is True
    assert calls == [{"parent_pid": 4242, "pipe_handle": 812}]


def test_the_resource_tracker_runs_its_command(entry, monkeypatch):
    import multiprocessing.resource_tracker

    calls = []
    monkeypatch.setattr(multiprocessing.resource_tracker, "main", calls.append)
    argv = ["disclosure-report", "-B", "-s", "-c", "from multiprocessing.resource_tracker import main;main(7)"]
    assert entry.run_as_multiprocessing_child(argv) is True
    assert calls == [7]
