"""A damaged, unreadable, full or read-only library: a clear message, nothing lost, a way back."""

import os
import sqlite3

import pytest

from disclosure_report import jsonfile
from disclosure_report.model import apply_values
from disclosure_report.storage import Library, StorageError
from disclosure_report.storage import opening as library_module
from disclosure_report.storage.backups import KEEP_DAILY, backup_dir, daily_backup
from read_only_support import as_clerk, run_python


@pytest.fixture
def stored(tmp_path, sample):
    """A library with the sample that was opened twice, so that it has its daily backup."""
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        report_id = library.create(sample)
    with Library(path):
        pass
    return path, report_id


def _chinese(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_the_daily_backup_is_made_once_a_day_and_a_week_kept(stored):
    path, _ = stored
    [today] = backup_dir(path).glob("*.sqlite3")
    with Library(path):
        pass
    assert list(backup_dir(path).glob("*.sqlite3")) == [today]
    import datetime as dt
    with Library(path) as library:
        for day in range(1, 11):
            daily_backup(library._db, path, dt.date(2025, 1, day))
    kept = sorted(p.name for p in backup_dir(path).glob("*.sqlite3"))
    assert len(kept) == KEEP_DAILY
    assert kept[-1] == today.name and kept[0] == "library-2025-01-05.sqlite3"


def test_random_bytes_offer_the_latest_backup_which_restores_everything(stored, sample):
    path, report_id = stored
    path.write_bytes(os.urandom(40000))

    with pytest.raises(StorageError) as damaged:
        Library(path)

    error = damaged.value
    assert "已损坏" in str(error) and "可以恢复" in str(error)
    assert error.backup == Library.latest_backup(path) and error.backup is not None
    aside = Library.restore_backup(path, error.backup)
    assert aside.exists() and aside.name.startswith("library.sqlite3.damaged-")
    with Library(path) as library:
        assert jsonfile.dumps(library.load(report_id)) == jsonfile.dumps(sample)


def test_a_truncated_file_is_reported_as_damaged(stored, sample):
    path, _ = stored
    with Library(path) as library:
        for year in range(2000, 2030):
            sample.year = year
            library.create(sample)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StorageError, match="已损坏") as damaged:
        Library(path)
    assert damaged.value.backup is not None


def test_no_backup_says_so(tmp_path):
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    with pytest.raises(StorageError, match="没有找到可恢复的备份") as damaged:
        Library(path)
    assert damaged.value.backup is None


def test_a_folder_in_place_of_the_file(tmp_path):
    (tmp_path / "library.sqlite3").mkdir()
    with pytest.raises(StorageError, match="是一个文件夹"):
        Library(tmp_path / "library.sqlite3")


def test_a_folder_that_cannot_be_made(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StorageError, match="无法创建草稿库文件夹"):
        Library(tmp_path / "file" / "library.sqlite3")


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_a_file_without_read_permission(stored):
    path, _ = stored
    path.chmod(0)
    try:  # in a process of its own, where the bits apply even to root (read_only_support.py)
        seen = run_python(as_clerk(), "import json, sys\nfrom disclosure_report.storage import Library, StorageError\n"
                                      "try:\n    Library(sys.argv[1])\nexcept StorageError as e:\n"
                                      "    print(json.dumps([str(e), e.backup is not None]))", path)
        assert "没有权限读取" in seen[0] and seen[1]  # and the backup offered
    finally:
        path.chmod(0o644)


def test_a_file_sqlite_cannot_open(stored, monkeypatch):
    # what SQLite answers when the operating system refuses the file (permissions, locked by antivirus)
    path, _ = stored

    def refuse(_path):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(library_module, "_connect", refuse)
    with pytest.raises(StorageError, match="无法打开草稿库文件") as refused:
        Library(path)
    assert refused.value.backup is not None and _chinese(str(refused.value))


def test_disk_full_keeps_the_draft_in_memory_and_the_last_save_on_disk(stored, sample):
    path, report_id = stored
    with Library(path) as library:
        pages = library._db.execute("PRAGMA page_count").fetchone()[0]
        library._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full now
        apply_values(sample, {"applications.new.natural": 4242})
        sample.text["overview"] = "很长的总体情况。" * 20000
        in_memory = jsonfile.dumps(sample)

        with pytest.raises(StorageError) as full:
            library.save(report_id, sample)

        assert "磁盘已满" in str(full.value) and "仍在窗口中" in str(full.value)
        assert jsonfile.dumps(sample) == in_memory
        assert library.load(report_id).values["applications.new.natural"] != 4242
        library._db.execute("PRAGMA max_page_count = 1073741823")  # space freed: the next autosave works
        library.save(report_id, sample)
        assert library.load(report_id).values["applications.new.natural"] == 4242


def test_a_read_only_library_keeps_the_draft_in_memory(stored, sample, monkeypatch):
    path, report_id = stored
    monkeypatch.setattr(library_module, "_connect",
                        lambda p: sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None))
    with Library(path) as library:
        assert library.load(report_id).organ == sample.organ  # reading still works
        apply_values(sample, {"applications.new.natural": 4242})
        in_memory = jsonfile.dumps(sample)
        with pytest.raises(StorageError, match="只读") as refused:
            library.save(report_id, sample)
        assert "仍在窗口中" in str(refused.value)
        assert jsonfile.dumps(sample) == in_memory
    monkeypatch.undo()
    with Library(path) as library:
        assert library.load(report_id).values["applications.new.natural"] != 4242


def test_a_damaged_backup_is_not_restored(stored):
    path, _ = stored
    backup = Library.latest_backup(path)
    backup.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    original = path.read_bytes()
    with pytest.raises(StorageError, match="备份"):
        Library.restore_backup(path, backup)
    assert path.read_bytes() == original


def test_a_failed_daily_backup_does_not_stop_the_clerk(tmp_path, sample):
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        report_id = library.create(sample)
    (tmp_path / "backups").write_text("not a folder")
    with Library(path) as library:
        assert "今天的自动备份没有做成" in library.backup_warning
        library.save(report_id, sample)
    with Library(tmp_path / "fresh.sqlite3") as fresh:
        assert fresh.backup_warning is None


def test_a_library_busy_elsewhere_is_not_offered_a_backup(stored, monkeypatch):
    path, _ = stored
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # a program holding an exclusive lock (not WAL)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="正被另一个程序占用") as busy:
            Library(path)
        assert busy.value.backup is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
