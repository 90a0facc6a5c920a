"""打印 on paper by a worker process: the print dialog's settings go with it, 取消 leaves nothing, errors are told.

No CUPS needed: the printer of these tests is Qt's 打印到文件 (PDF), the QPrinter path the print dialog
takes when the clerk chooses it, read back page by page.
"""

import dataclasses
import multiprocessing
import os
import pickle
import tempfile
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageLayout, QPageRanges, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

import hostile
from disclosure_report.errors import ReportFileError
from disclosure_report.printing import paper
from test_ui_pdf_process import leftovers, painted_here, pdf_text
from ui_support import *  # noqa: F401,F403


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """The temporary folder the workers' scratch folders go to, to see that none is left behind."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def choose_in_print_dialog(monkeypatch, output_file, first=None, last=None, copies=1):
    """Qt's print dialog answers OK with 打印到文件 (PDF) and, if given, the pages from first to last."""

    def accept(self):
        printer = self.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output_file))
        printer.setCopyCount(copies)
        if first is not None:
            ranges = QPageRanges()
            ranges.addRange(first, last)
            printer.setPageRanges(ranges)
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)


def settled(folder, scratch_folder):
    deadline = time.monotonic() + 10
    while (leftovers(folder) or os.listdir(scratch_folder) or multiprocessing.active_children()) \
            and time.monotonic() < deadline:
        QApplication.processEvents()
    return leftovers(folder) == [] and os.listdir(scratch_folder) == [] and multiprocessing.active_children() == []


@pytest.mark.chinese_font
def test_printing_lays_out_and_paints_in_a_worker_process_the_pages_the_clerk_chose(
        window, tmp_path, scratch, monkeypatch):
    painted_here(monkeypatch)
    target = tmp_path / "打印.pdf"
    choose_in_print_dialog(monkeypatch, target, 2, 3)  # after the 审签单: the report's pages 1 and 2
    report, options = window.print_actions.job(signoff=True)
    window.print_actions.send_to_printer(report, options)
    pages = pdf_text(target)
    assert len(pages) == 2
    assert "—1—" in pages[0] and "—2—" in pages[1] and "审签单" not in pages[0].replace("\u3000", "")
    assert all("草稿" in page for page in pages)
    assert window.statusBar().currentMessage() == f"已打印到文件：{target}"
    assert settled(tmp_path, scratch)


def test_the_print_dialogs_settings_go_to_the_worker_by_value_and_come_back_the_same(tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    printer.setCopyCount(3)
    printer.setCollateCopies(False)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.B5))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    printer.setPageRanges(QPageRanges.fromString("2-3,5"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setDocName("鄄城县2023年政府信息公开工作年度报告")
    settings = pickle.loads(pickle.dumps(paper.settings_of(printer)))  # as the worker receives them
    assert settings.output_file == str(tmp_path / "x.pdf") and settings.printer_name == ""
    made = paper.make_printer(settings, str(tmp_path / ".~1-x.pdf"))
    assert made.outputFormat() == QPrinter.OutputFormat.PdfFormat
    assert made.outputFileName() == str(tmp_path / ".~1-x.pdf")  # the worker writes beside the target
    assert (made.copyCount(), made.collateCopies()) == (3, False)  # duplex: only a printer has it (tried on CUPS)
    assert made.colorMode() == QPrinter.ColorMode.GrayScale
    assert made.pageLayout().pageSize().id() == QPageSize.PageSizeId.B5
    assert made.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    assert made.pageOrder() == QPrinter.PageOrder.LastPageFirst
    assert made.printRange() == QPrinter.PrintRange.PageRange and made.pageRanges().toString() == "2-3,5"
    assert (made.fromPage(), made.toPage()) == (2, 5)
    assert made.docName() == "鄄城县2023年政府信息公开工作年度报告"
    assert made.fullPage()  # the layout sets its own GB/T 9704 margins
    assert paper.settings_of(made) == dataclasses.replace(settings, output_file=str(tmp_path / ".~1-x.pdf"))


@pytest.mark.chinese_font  # without one the worker refuses at once: nothing to cancel
def test_cancelling_a_print_kills_the_worker_and_leaves_no_file_and_no_temporary(
        window, tmp_path, scratch, monkeypatch):
    report = hostile.sample()
    for text_id in report.text:  # seconds of Qt layout and painting in the worker
        report.text[text_id] = "\n".join(f"第{n}段，本段文字用于测试长报告。" for n in range(2000))
    target = tmp_path / "长报告.pdf"
    choose_in_print_dialog(monkeypatch, target)
    shown = []

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, press_cancel)
            return
        shown.append(dialogs[0].labelText())
        QTimer.singleShot(300, dialogs[0].cancel)

    QTimer.singleShot(100, press_cancel)
    window.print_actions.send_to_printer(report, window.print_actions.job()[1])
    assert shown and "正在打印到 长报告.pdf" in shown[0]
    assert window.statusBar().currentMessage() == "已取消打印，未写出文件"
    assert settled(tmp_path, scratch)
    assert not target.exists()


def test_an_unknown_printer_is_refused_in_chinese_and_nothing_is_printed(window, dialogs, scratch, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(paper, "settings_of", lambda printer: paper.PrinterSettings(printer_name="已拆除的打印机"))
    window.print_actions.send_to_printer(*window.print_actions.job())
    assert ("warning", "无法打印", "找不到打印机“已拆除的打印机”，可能已被删除、改名或暂时不可用；"
            "请检查打印机后重新打印，在打印对话框中另选打印机") in dialogs.shown
    assert os.listdir(scratch) == [] and multiprocessing.active_children() == []


def test_an_unknown_printer_is_refused_by_the_worker_not_replaced_by_the_default(scratch):
    worker = paper.start(hostile.sample(), window_options(), paper.PrinterSettings(printer_name="Nonexistent-42"))
    with pytest.raises(ReportFileError, match="找不到打印机“Nonexistent-42”"):
        worker.wait()
    assert os.listdir(scratch) == []


def window_options():
    from disclosure_report.printing.marking import draft_options

    return draft_options("起草中", 1)


@pytest.mark.parametrize("system, progress, ended, queued", [
    ("linux", (0, 0), False, False),  # still laying out
    ("linux", (5, 9), False, False),  # CUPS spools at painter.end(), after the last page
    ("linux", (9, 9), False, True),
    ("linux", (3, 9), True, True),  # it had ended: the job is there
    ("win32", (0, 0), False, False),
    ("win32", (0, 9), False, True),  # Windows' spooler has the job from StartDoc on
])
def test_a_cancelled_job_is_said_to_be_in_the_printers_queue_only_when_it_may_be(system, progress, ended, queued):
    settings = paper.PrinterSettings(printer_name="办公室打印机")
    assert paper.may_be_queued(settings, progress, ended, system) is queued
    to_file = paper.PrinterSettings(output_file="/tmp/x.pdf")
    assert not paper.may_be_queued(to_file, progress, ended, system)
