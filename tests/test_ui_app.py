"""Starting the program: a damaged library is offered its backup, never silently replaced."""

import pytest
from PySide6.QtWidgets import QMessageBox

from disclosure_report.storage import Library
from disclosure_report.ui.app import open_library
from ui_support import *  # noqa: F401,F403


def damaged_library(tmp_path):
    path = tmp_path / "library.sqlite3"
    library = Library(path)
    library.ensure_sample()
    library.close()
    Library(path).close()  # a second start: the backup holds the sample
    path.write_bytes(b"this is not a database" * 100)
    return path


def test_a_damaged_library_is_restored_from_its_backup_when_the_clerk_agrees(qtbot, tmp_path, dialogs):
    path = damaged_library(tmp_path)
    dialogs.answer = QMessageBox.Yes
    library = open_library(path)
    assert library is not None
    assert "损坏" in dialogs.texts()
    assert [e.organ for e in library.list_reports()] == ["鄄城县人民政府"]
    library.close()
    assert any(p.name.startswith("library.sqlite3.damaged") for p in tmp_path.iterdir())


def test_a_damaged_library_is_left_alone_when_the_clerk_declines(qtbot, tmp_path, dialogs):
    path = damaged_library(tmp_path)
    dialogs.answer = QMessageBox.No
    assert open_library(path) is None
    assert path.read_bytes().startswith(b"this is not a database")


@pytest.mark.chinese_font
def test_the_command_without_arguments_opens_the_window_on_the_sample(tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "from PySide6.QtCore import QTimer\n"
        "def look_and_quit():\n"
        "    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]\n"
        "    print(window.windowTitle())\n"
        "    QApplication.instance().quit()\n"
        "QApplication.exec_original = QApplication.exec\n"
        "QApplication.exec = lambda self: (QTimer.singleShot(200, look_and_quit), self.exec_original())[1]\n"
        "from disclosure_report.cli import main\n"
        "raise SystemExit(main([]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    assert "示例 · 鄄城县2023年政府信息公开工作年度报告（起草中）" in out.stdout
    assert (tmp_path / "disclosure-report" / "library.sqlite3").is_file()


def test_a_library_on_a_network_drive_is_warned_about(qtbot, tmp_path, dialogs, monkeypatch):
    import disclosure_report.storage as storage

    monkeypatch.setattr(storage, "is_network_path", lambda path: True)
    library = open_library(tmp_path / "library.sqlite3")
    assert library is not None  # still usable, but the clerk knows the risk
    assert "网络驱动器" in dialogs.texts()
    library.close()


def test_the_first_check_runs_once_the_window_is_on_screen_and_fills_the_findings_panel(qtbot, library, monkeypatch):
    from disclosure_report.ui.app import create_application, create_main_window
    from disclosure_report.ui.document import ReportDocument

    create_application([])
    window = create_main_window(library)
    qtbot.addWidget(window)
    on_screen_at_check = []
    check = ReportDocument.check
    monkeypatch.setattr(ReportDocument, "check", lambda self: (
        on_screen_at_check.append(window.windowHandle() is not None and window.windowHandle().isExposed()),
        check(self)))
    assert not window.document.checked and window.findings_panel.item(0).text() == "正在核对……"
    assert window.counts_label.text() == "正在核对……"
    window.show()
    qtbot.waitUntil(lambda: window.document.checked)  # no edit, no click: the check comes by itself
    assert on_screen_at_check == [True]
    rules = [f.rule for f in window.findings_panel.findings()]
    assert "text.parts_sum" in rules  # the sample's known fault, listed
    assert window.findings_panel.count() == len(rules)
    assert window.counts_label.text().startswith("错误 ")
    window.close()


def test_the_days_backup_is_made_once_the_window_is_on_screen(qtbot, tmp_path):
    from disclosure_report.ui.app import create_application, create_main_window

    path = tmp_path / "library.sqlite3"
    Library(path).close()  # made yesterday, say: no backup of it yet
    create_application([])
    library = open_library(path)
    window = create_main_window(library)
    qtbot.addWidget(window)
    backups = tmp_path / "backups"
    assert not backups.exists() or not list(backups.iterdir())  # not while the clerk waits for the window
    window.show()
    qtbot.waitUntil(lambda: backups.exists() and len(list(backups.glob("library-*.sqlite3"))) == 1)
    assert window.document.checked
    window.close()
    library.close()


def test_the_window_writes_when_it_is_on_screen_where_the_windows_start_bench_asks(qtbot, library, monkeypatch, tmp_path):
    """bench/bench_startup_windows.py times the installed exe by this file (no other way into a frozen exe)."""
    import time

    from disclosure_report.ui.app import create_application, create_main_window
    from disclosure_report.ui.main_window import SHOWN_MARK

    mark = tmp_path / "shown.txt"
    monkeypatch.setenv(SHOWN_MARK, str(mark))
    create_application([])
    window = create_main_window(library)
    qtbot.addWidget(window)
    assert not mark.exists()  # built, not yet on screen
    before = time.time()
    window.show()
    qtbot.waitUntil(lambda: mark.exists() and bool(mark.read_text(encoding="ascii")))
    assert window.windowHandle().isExposed()
    assert before <= float(mark.read_text(encoding="ascii")) <= time.time()
    window.close()


def test_an_empty_library_file_is_a_damaged_one_and_its_backup_is_offered(qtbot, tmp_path, dialogs):
    path = damaged_library(tmp_path)
    path.write_bytes(b"")  # zero bytes, as a failing disk or a sync tool leaves it
    dialogs.answer = QMessageBox.Yes
    library = open_library(path)
    assert "草稿库文件是空的（0 字节" in dialogs.texts() and "可以恢复" in dialogs.texts()
    assert [e.organ for e in library.list_reports()] == ["鄄城县人民政府"]
    library.close()
    assert any(p.name.startswith("library.sqlite3.damaged") for p in tmp_path.iterdir())  # kept aside


def test_the_windows_font_probe_agrees_with_fontconfig():
    """Windows asks by laying out 政 (families() read every font there); here both ways must agree, with the
    machine's fonts and in .ci/without-chinese-font's pass, where the answer is no."""
    from disclosure_report.ui.app import chinese_family_laid_out, create_application, has_chinese_font

    create_application([])
    assert (chinese_family_laid_out() is not None) == has_chinese_font()


_WINDOW_START = """
import gc, json, re, sys
from PySide6.QtWidgets import QApplication
from disclosure_report.resources import resource_path
from disclosure_report.ui.main_window import MainWindow

compiled, compile_pattern = set(), re._compile
def recording(pattern, flags):
    compiled.add(pattern)
    return compile_pattern(pattern, flags)
re._compile = recording

import disclosure_report.ui.app as app_module
collections, run_app = [], app_module.run_app
def counting_run_app(*args):  # Python's collections from the moment the window's start begins
    collections.extend(generation["collections"] for generation in gc.get_stats())
    return run_app(*args)
app_module.run_app = counting_run_app

def on_screen(window):  # in place of the first check: what the start did, then quit
    words = json.loads(resource_path("format-2021.json").read_text(encoding="utf-8"))["text_vocabulary"]
    patterns = {k["pattern"] for k in words["keywords"]} | {d["pattern"] for d in words["active"]["documents"]}
    print(json.dumps({"modules": sorted(sys.modules), "patterns": len(patterns), "compiled": len(patterns & compiled),
                      "vertical": window.panes.orientation().name == "Vertical",
                      "collections": [g["collections"] - n for g, n in zip(gc.get_stats(), collections)]}))
    QApplication.instance().quit()

MainWindow._after_shown = on_screen
from disclosure_report.cli import main
raise SystemExit(main([]))
"""


@pytest.mark.chinese_font
def test_the_window_is_on_screen_before_the_text_rules_their_patterns_and_the_collector_run(tmp_path):
    """They come with the first check, once the report is on screen (bench/bench_startup_windows.py):
    compiling the format's patterns was half the cost of reading its definition at every start."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path),
               XDG_CACHE_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", _WINDOW_START], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    start = json.loads(out.stdout.splitlines()[-1])
    assert {"disclosure_report.ui.main_window", "disclosure_report.format"} <= set(start["modules"])
    assert "disclosure_report.checks.text.quantities" not in start["modules"]
    assert "unicodedata" not in start["modules"]  # a 1 MB extension: the drafts' numbers are ASCII
    assert "disclosure_report.ui.banner" not in start["modules"]  # made when needed; its QEvent has 180 names
    assert start["patterns"] > 30 and start["compiled"] == 0
    assert start["vertical"]  # the first start's layout: the report above the findings (test_ui_window_layout)
    assert start["collections"] == [0, 0, 0]  # Python's collector waits until the window is on screen
    assert (tmp_path / "disclosure-report" / "library.sqlite3").exists()  # the real start: the clerk's library


def test_python_collects_again_once_the_window_is_on_screen(library, qtbot):
    """run_app pauses the collector while the window starts; a program left without it would grow all day."""
    import gc

    from disclosure_report.ui.app import create_main_window

    gc.disable()  # as run_app does
    try:
        window = create_main_window(library)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(gc.isenabled, timeout=5000)
    finally:
        gc.enable()


@pytest.mark.chinese_font
def test_the_chinese_font_named_second_draws_full_width_marks_on_their_own(qapp):
    """On Windows the window names the font the check found as its second family (ui.look): a lone ：or （
    then needs no search through every font, and 大字号 keeps it."""
    from PySide6.QtGui import QTextLayout

    from disclosure_report.ui.app import chinese_family_laid_out
    from disclosure_report.ui.look import LARGE_POINT_SIZE, apply_font_size, name_chinese_family

    before = qapp.font()
    family = chinese_family_laid_out()
    try:
        name_chinese_family(family)
        name_chinese_family(family)  # once only
        name_chinese_family(None)  # no Chinese font found: nothing to name
        assert qapp.font().families() == [*before.families(), family] and family not in before.families()
        apply_font_size(LARGE_POINT_SIZE)
        assert qapp.font().families()[-1] == family and qapp.font().pointSize() == LARGE_POINT_SIZE
        layout = QTextLayout("：", qapp.font())
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        assert [run.rawFont().familyName() for run in layout.glyphRuns()] == [family]
    finally:
        qapp.setFont(before)
