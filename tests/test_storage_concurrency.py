"""A second copy of the program on the same library: a clear message, never an overwrite or corruption."""

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from disclosure_report import jsonfile
from disclosure_report.model import Report, apply_values
from disclosure_report.storage import Library, StorageError, locks

sys.path.insert(0, str(Path(__file__).parent))
from crash_worker import ORGAN, YEAR  # noqa: E402

WORKER = Path(__file__).parent / "crash_worker.py"


@pytest.fixture
def two(tmp_path, sample):
    path = tmp_path / "library.sqlite3"
    first, second = Library(path), Library(path)
    yield first, second, first.create(sample), first.create(Report(organ="某局", year=2024))
    first.close()
    second.close()


def test_the_report_being_edited_in_one_copy_is_refused_in_the_other(two, sample):
    first, second, report_id, other_id = two
    first.claim(report_id)

    apply_values(sample, {"applications.new.natural": 1})
    with pytest.raises(StorageError, match="正在本程序的另一个窗口中编辑") as refused:
        second.save(report_id, sample)
    assert "修改没有保存（仍在窗口中）" in str(refused.value)
    with pytest.raises(StorageError, match="另一个窗口"):
        second.claim(report_id)
    with pytest.raises(StorageError, match="另一个窗口"):
        second.delete(report_id)
    second.save(other_id, Report(organ="某局", year=2024))  # other reports are free
    assert second.load(report_id).values["applications.new.natural"] != 1  # reading is free

    first.release(report_id)
    second.save(report_id, sample)
    assert first.load(report_id).values["applications.new.natural"] == 1
    with pytest.raises(StorageError, match="另一个窗口"):
        first.save(report_id, sample)


def test_closing_a_copy_frees_its_reports(tmp_path, sample):
    path = tmp_path / "library.sqlite3"
    first = Library(path)
    report_id = first.create(sample)
    first.save(report_id, sample)
    first.close()
    with Library(path) as second:
        second.save(report_id, sample)


def test_a_lock_without_heartbeat_goes_stale(two, sample):
    first, second, report_id, _ = two
    first.save(report_id, sample)
    first._db.execute("UPDATE edit_locks SET heartbeat = heartbeat - 3600")
    second.save(report_id, sample)  # the first copy was left idle: taken over
    with pytest.raises(StorageError, match="另一个窗口"):
        first.save(report_id, sample)  # and the first copy is told, not silently overwriting


def test_heartbeat_keeps_the_lock(two, sample):
    first, second, report_id, _ = two
    first.save(report_id, sample)
    first._db.execute("UPDATE edit_locks SET heartbeat = heartbeat - 3600")
    first.heartbeat()
    with pytest.raises(StorageError, match="另一个窗口"):
        second.save(report_id, sample)


def test_a_lock_of_a_dead_process_is_taken_over(two, sample):
    first, second, report_id, _ = two
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    first.save(report_id, sample)
    first._db.execute("UPDATE edit_locks SET pid = ?", (int(dead.stdout),))
    second.save(report_id, sample)


def test_a_lock_left_by_an_earlier_process_with_this_process_s_number_is_taken_over(two, sample, monkeypatch):
    # a killed program restarted at once under Windows or Wine often gets the same process number back
    first, second, report_id, _ = two
    first.save(report_id, sample)  # as the earlier process did, seconds before this one started
    monkeypatch.setattr(locks, "_LOADED", time.time() + 1)
    second.save(report_id, sample)
    monkeypatch.undo()  # this process as it is: second's lock was written since it started
    with pytest.raises(StorageError, match="另一个窗口"):  # so it is another window of this one
        first.save(report_id, sample)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the start time in /proc")
def test_a_lock_whose_number_now_belongs_to_a_process_started_since_is_taken_over(two, sample):
    first, second, report_id, _ = two
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        first.save(report_id, sample)
        first._db.execute("UPDATE edit_locks SET pid = ?, heartbeat = ?", (other.pid, time.time() + 5))
        with pytest.raises(StorageError, match="另一个窗口"):  # its process started before: it holds the lock
            second.save(report_id, sample)
        first._db.execute("UPDATE edit_locks SET heartbeat = ?", (time.time() - 30,))
        second.save(report_id, sample)  # written 30 s ago, its process started since: not the lock's
    finally:
        other.kill()
        other.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_two_processes_write_at_once_without_waiting_errors_or_damage(tmp_path, sample):
    path = tmp_path / "library.sqlite3"
    # the worker saves every 5 ms: far more often than a window's autosave, yet it lets others in
    worker = subprocess.Popen([sys.executable, str(WORKER), str(path), "0.005"], stdout=subprocess.PIPE, text=True)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(worker.stdout), daemon=True)
    try:
        assert worker.stdout.readline().startswith("ready")
        reader.start()
        with Library(path) as library:
            mine = library.create(sample)
            here, deadline = 0, time.monotonic() + 30
            # both keep writing until each has saved plenty while the other was at it
            while (here < 100 or sum(line.startswith("saved") for line in lines) < 20) and time.monotonic() < deadline:
                here += 1
                apply_values(sample, {"applications.new.natural": here})
                library.save(mine, sample)  # a "database is locked" would raise StorageError
            theirs = library.find(ORGAN, YEAR).id
            with pytest.raises(StorageError, match="另一个窗口"):
                library.save(theirs, Report(organ=ORGAN, year=YEAR))
            saved_here = jsonfile.dumps(sample)
    finally:
        worker.kill()
        worker.wait()
        reader.join(timeout=5)
    saves = [int(line.split()[1]) for line in lines if line.startswith("saved ") and line.endswith("\n")]
    assert here >= 100 and len(saves) >= 20
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Library(path) as library:
        assert jsonfile.dumps(library.load(mine)) == saved_here
        assert library.load(theirs).values["applications.new.natural"] >= saves[-1]
