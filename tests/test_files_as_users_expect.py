"""Leftovers and files as users expect (issue 12, cases 8 and 9)."""

import os
import stat
import subprocess
import sys

from disclosure_report.files import write_report
from disclosure_report.storage import Library


def dead_pid():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_an_export_is_readable_by_others_as_other_programs_make_files(tmp_path, sample):
    old = os.umask(0o022)
    try:
        write_report(sample, tmp_path / "报告.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "报告.json").stat().st_mode) == 0o644


def test_proposed_file_names_stay_in_the_folder_and_are_names_windows_takes():
    from disclosure_report.files import file_name

    assert file_name("../../etc/某县2023年报告", ".docx") == "_.._etc_某县2023年报告.docx"
    assert file_name('a\\b/c:d*e?f"g<h>i|j', ".json") == "a_b_c_d_e_f_g_h_i_j.json"
    assert file_name("CON", ".docx") == "CON_.docx" and file_name("nul.x", ".pdf") == "nul.x_.pdf"
    assert file_name(" 报告. ", ".pdf") == "报告.pdf" and file_name("...", ".pdf") == "报告.pdf"


def test_a_killed_export_s_and_a_killed_backup_s_leftovers_are_removed_at_the_next_start(tmp_path, sample):
    from disclosure_report.atomicwrite import remove_leftovers

    pid = dead_pid()
    export_left = tmp_path / f".~{pid}-abc123.json"
    export_left.write_text("{", encoding="utf-8")
    others = tmp_path / f".~{os.getpid()}-live.json"  # this process's own, still being written
    others.write_text("{", encoding="utf-8")
    remove_leftovers(tmp_path)
    assert not export_left.exists() and others.exists()

    path = tmp_path / "lib" / "library.sqlite3"
    Library(path).close()
    backups = path.parent / "backups"
    backups.mkdir(exist_ok=True)
    half = backups / f"library-2020-01-01.sqlite3.{pid}.tmp"
    journal = backups / f"library-2020-01-01.sqlite3.{pid}.tmp-journal"
    half.write_bytes(b"x" * 1000)
    journal.write_bytes(b"x")
    Library(path).close()  # the next start (today's backup is made then, or found made)
    assert not half.exists() and not journal.exists()
