"""After a crash, no false alarm (issue 12, case 4): the lock of this machine's killed process is recognised at
once, and a banner never moves the page under the pointer."""

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtCore import QPoint

from ui_support import *  # noqa: F401,F403
from ui_support import open_window

CLAIM_AND_WAIT = textwrap.dedent("""
    import sys, time
    from disclosure_report.storage import Library
    library = Library(sys.argv[1])
    library.claim(int(sys.argv[2]))
    print("claimed", flush=True)
    time.sleep(600)
""")


def state_of(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0]


def test_a_killed_window_s_lock_is_taken_over_at_once_even_before_its_process_is_reaped(qtbot, library):
    report_id = library.ensure_sample()
    other = subprocess.Popen([sys.executable, "-c", CLAIM_AND_WAIT, str(library.path), str(report_id)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "claimed"
        os.kill(other.pid, signal.SIGKILL)  # kill -9; not waited for: a zombie until reaped
        qtbot.waitUntil(lambda: state_of(other.pid) == "Z")
        window = open_window(qtbot, library)  # restarted within a second
        assert not window.banner.isVisible(), window.banner.text()
        window.document.edit_values({"applications.new.natural": 5}, "test")
        assert window.autosaver.flush()
        window.close()
    finally:
        other.kill()
        other.wait()


def test_a_banner_lies_over_the_page_and_never_moves_what_is_under_the_pointer(window, qtbot):
    window.editor.show_page("applications")
    view = window.editor.table_views()["applications"]
    qtbot.wait(50)
    where = view.viewport().mapTo(window, QPoint(0, 0))
    window._save_failed("保存草稿失败：磁盘已满（/tmp）。")
    qtbot.waitUntil(window.banner.isVisible)
    qtbot.wait(50)
    assert view.viewport().mapTo(window, QPoint(0, 0)) == where
    window._saved()
    qtbot.wait(50)
    assert not window.banner.isVisible() and view.viewport().mapTo(window, QPoint(0, 0)) == where
