"""A library in a place that cannot be written (issue 12, case 6): opened to read, saving refused with the
reason, nothing left behind that stops a later writable open. Each case runs in its own process where the
permission bits (or a read-only mount) really apply: see read_only_support.py."""

import sqlite3
from pathlib import Path

import pytest

from disclosure_report.storage import Library
from disclosure_report.storage.errors import storage_error
from read_only_support import as_clerk, listing, make_read_only, make_writable, on_read_only_medium, run_python

# open the library at argv[1], read it, try to save; print what happened
TRY = """
import json, sys
from disclosure_report.storage import Library, StorageError
out = {}
try:
    library = Library(sys.argv[1])
except StorageError as e:
    print(json.dumps({"refused": str(e)}, ensure_ascii=False)); raise SystemExit
out["read_only"] = library.read_only
out["reports"] = [e.title for e in library.list_reports()]
report = library.load(library.list_reports()[0].id)
out["address"] = report.contact.address
report.contact.address = "新地址"
try:
    library.save(library.list_reports()[0].id, report)
    out["saved"] = True
except StorageError as e:
    out["save_refused"] = str(e)
library.close()
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.fixture
def stored(folder, sample):
    """A library with one report, opened twice (so it has its backup), closed."""
    path = folder / "library.sqlite3"
    with Library(path) as library:
        library.create(sample)
    with Library(path):
        pass
    return path


def test_a_read_only_folder_is_opened_to_read_and_saving_is_refused_with_the_reason(stored, folder, sample):
    clerk = as_clerk()
    make_read_only(folder)
    before = listing(folder)
    seen = run_python(clerk, TRY, stored)
    assert seen["reports"] == [sample.display_title()] and seen["address"] == sample.contact.address
    assert seen["read_only"] == f"草稿库文件是只读的（{stored}）"
    assert seen["save_refused"] == f"保存草稿失败：草稿库是只读打开的，不能保存。草稿库文件是只读的（{stored}）。"
    assert listing(folder) == before  # no -wal, no -shm, no backup: nothing written


def test_a_read_only_file_leaves_no_read_only_shm_and_saves_once_writable_again(stored, folder, sample):
    clerk = as_clerk()
    stored.chmod(0o444)  # the folder stays writable: SQLite made a read-only -shm here before
    seen = run_python(clerk, TRY, stored)
    assert "save_refused" in seen and seen["read_only"].startswith("草稿库文件是只读的")
    assert sorted(p.name for p in folder.iterdir()) == ["backups", "library.sqlite3"]
    stored.chmod(0o644)
    seen = run_python(clerk, TRY, stored)
    assert seen["read_only"] is None and seen["saved"]


def test_a_read_only_shm_left_by_an_older_version_no_longer_stops_saving(stored, folder):
    clerk = as_clerk()
    stored.chmod(0o444)
    # what the previous version did: a plain open of the read-only file, which makes -wal and -shm read-only
    run_python(clerk, "import sqlite3, sys, json; c = sqlite3.connect(sys.argv[1]); "
                      "c.execute('SELECT count(*) FROM reports').fetchone(); print('{}')", stored)
    shm = folder / "library.sqlite3-shm"
    assert oct(shm.stat().st_mode & 0o777) == "0o444"
    stored.chmod(0o644)  # the clerk (or the administrator) makes the library writable again
    seen = run_python(clerk, TRY, stored)
    assert seen["read_only"] is None and seen["saved"], seen


def test_a_read_only_medium_is_opened_to_read(stored, folder, sample):
    medium = on_read_only_medium(folder)
    before = listing(folder)
    seen = run_python(medium, TRY, stored)
    assert seen["read_only"].startswith(f"草稿库所在的磁盘是只读的（{folder}）")
    assert seen["address"] == sample.contact.address and "不能保存" in seen["save_refused"]
    assert listing(folder) == before


def test_a_read_only_folder_without_a_library_says_so_without_a_window_to_speak_of(folder):
    clerk = as_clerk()
    folder.chmod(0o555)
    seen = run_python(clerk, TRY, folder / "library.sqlite3")
    assert seen["refused"].startswith(f"无法在 {folder} 新建草稿库：该文件夹或磁盘不能写入")
    assert "窗口" not in seen["refused"]


def test_the_last_changes_left_in_the_wal_are_read_or_said_to_be_missing(folder, sample):
    clerk = as_clerk()
    path = folder / "library.sqlite3"
    # a program killed after saving: its last save is only in the -wal
    run_python([], "import os, sys\nfrom disclosure_report.storage import Library\n"
                   "from disclosure_report.jsonfile import read_report\nfrom disclosure_report.resources import "
                   "sample_path\nlibrary = Library(sys.argv[1])\nreport = read_report(sample_path())\n"
                   "rid = library.create(report)\nreport.contact.address = '最后的地址'\nlibrary.save(rid, report)\n"
                   "print('{}', flush=True)\nos._exit(0)", path)
    assert (folder / "library.sqlite3-wal").stat().st_size > 0
    make_read_only(folder)
    seen = run_python(clerk, TRY, path)
    assert seen["address"] == "最后的地址" and "最近的修改" not in seen["read_only"]
    make_writable(folder)
    (folder / "library.sqlite3-shm").unlink()  # without the -shm, SQLite cannot read the -wal in a read-only folder
    make_read_only(folder)
    before = listing(folder)
    seen = run_python(clerk, TRY, path)
    assert seen["address"] == "最后的地址" and "最近的修改" not in seen["read_only"]  # read from a copy
    assert listing(folder) == before


def test_a_failure_while_opening_does_not_speak_of_a_window():
    error = sqlite3.OperationalError("attempt to write a readonly database")
    assert "仍在窗口中" not in str(storage_error(error, Path("library.sqlite3"), "打开草稿库",
                                                in_window=False))
    assert "仍在窗口中" in str(storage_error(error, Path("library.sqlite3"), "保存草稿"))
