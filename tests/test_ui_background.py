"""Imports and exports off the GUI thread: the window keeps ticking, 取消 leaves everything as it was."""

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

import hostile
from disclosure_report import files
from disclosure_report.ui import background
from ui_support import *  # noqa: F401,F403


class Ticks:
    """A 10 ms timer on the GUI thread: how often it fired, and the longest gap between two ticks."""

    def __init__(self):
        self.count, self.longest, self._last = 0, 0.0, time.perf_counter()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self):
        now = time.perf_counter()
        self.count, self.longest, self._last = self.count + 1, max(self.longest, now - self._last), now

    def stop(self):
        self.timer.stop()


def slow_reader(monkeypatch, seconds):
    """files.read_report as a reader that takes ``seconds`` (as a huge file would), then reads."""
    real = files.read_report

    def read(path):
        time.sleep(seconds)
        return real(path)

    monkeypatch.setattr(files, "read_report", read)


def test_the_window_keeps_ticking_while_a_big_docx_is_imported(window, tmp_path):
    path = hostile.many_paragraphs(tmp_path, 150_000)  # ~1 s of python-docx
    before = len(window.current.library.list_reports())
    ticks = Ticks()
    start = time.perf_counter()
    assert window.import_file(path, into_current=False)
    took = time.perf_counter() - start
    ticks.stop()
    assert len(window.current.library.list_reports()) == before + 1
    # the GUI thread ran its timer all along: at least one tick in every 100 ms of the import
    assert ticks.count >= took * 10, (ticks.count, took, ticks.longest)


def test_cancelling_an_import_leaves_report_and_library_unchanged(window, tmp_path, monkeypatch):
    slow_reader(monkeypatch, 1.5)
    path = tmp_path / "unit.json"
    from disclosure_report.jsonfile import write_report

    write_report(hostile.sample(), path)
    before = len(window.current.library.list_reports())
    text_before = window.document.report.text["overview"]

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, press_cancel)
            return
        dialogs[0].cancel()

    QTimer.singleShot(300, press_cancel)
    assert not window.import_file(path, into_current=True)
    assert "已取消导入" in window.statusBar().currentMessage()
    assert window.document.report.text["overview"] == text_before
    assert len(window.current.library.list_reports()) == before


def test_an_import_error_raised_on_the_worker_is_told_on_the_window(window, tmp_path, dialogs):
    path = hostile.grid_span_not_a_number(tmp_path)
    assert not window.import_file(path, into_current=False)
    assert "合并列数“abc”不是整数" in dialogs.texts()


@pytest.mark.chinese_font  # prints a PDF
def test_a_pdf_exported_from_the_window_is_painted_off_the_gui_thread(window, tmp_path):
    path = tmp_path / "report.pdf"
    ticks = Ticks()
    assert window.export_file(path)
    ticks.stop()
    assert path.read_bytes().startswith(b"%PDF")
    assert ticks.count > 0


def test_work_that_reports_progress_stops_at_its_next_step_when_cancelled(qtbot):
    steps = []

    def work(progress):
        for n in range(200):
            progress(n, 200, f"第 {n} 个")
            steps.append(n)
            time.sleep(0.01)
        return "done"

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs:
            dialogs[0].cancel()
        else:
            QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(400, press_cancel)
    with pytest.raises(background.Cancelled):
        background.run(None, "测试", work, with_progress=True)
    qtbot.wait(100)
    assert 10 < len(steps) < 200


def test_an_import_is_checked_on_the_worker_not_again_for_the_review(window, tmp_path, monkeypatch, dialogs):
    """导入前核对 shows the findings of the worker's check: a report at the limits takes ~0.1 s to check."""
    import threading

    from disclosure_report import checks
    from disclosure_report.jsonfile import write_report
    from disclosure_report.ui import import_review

    where = []
    real = checks.run_checks

    def spy(*args, **kwargs):
        where.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(checks, "run_checks", spy)
    monkeypatch.setattr(import_review, "run_checks", spy)
    path = tmp_path / "unit.json"
    write_report(hostile.sample(), path)
    assert not window.import_file(path)  # the review shown (patched: closed at once, so nothing taken)
    assert ("dialog", "导入前核对：unit.json", "") in dialogs.shown
    assert where and threading.main_thread() not in where


def test_a_job_holds_the_garbage_collector_back_until_it_ends_or_is_cancelled(qtbot):
    """A full collection started by the worker would hold up the window; it may run again once the job is over."""
    import gc

    assert gc.isenabled()
    seen, ended = [], []
    job = background.Job(lambda progress: seen.append(gc.isenabled()) or "done", lambda *a: None,
                         ended.append, ended.append)
    qtbot.waitUntil(lambda: ended == ["done"], timeout=5000)
    assert seen == [False] and gc.isenabled()

    release = __import__("threading").Event()
    job = background.Job(lambda progress: release.wait(5), lambda *a: None, ended.append, ended.append)
    assert not gc.isenabled()
    job.cancel()
    assert gc.isenabled()
    release.set()
