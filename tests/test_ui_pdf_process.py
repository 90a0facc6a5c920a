"""导出 PDF from the window by a worker process: the file appears with its text, 取消 leaves none, errors are told."""

import multiprocessing
import os
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

import hostile
from disclosure_report.errors import ReportFileError
from disclosure_report.printing import pdf_process
from ui_support import *  # noqa: F401,F403


def pdf_text(path):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return ["".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def leftovers(folder):
    return [name for name in os.listdir(folder) if name.startswith(".~")]


def painted_here(monkeypatch):
    """Fails the test if the report is laid out in this process (it is the worker's job)."""
    import disclosure_report.printing.render as render

    def not_here(*args, **kwargs):
        raise AssertionError("the PDF was painted in the window's process")

    monkeypatch.setattr(render, "paint_report", not_here)


@pytest.mark.chinese_font
def test_the_pdf_is_written_by_a_worker_process_and_reads_back_with_its_text(window, tmp_path, monkeypatch):
    painted_here(monkeypatch)
    window.document.report.text["overview"] = "本年度我机关认真贯彻落实工作要求。\n" + "第二段文字。" * 40
    path = tmp_path / "报告.pdf"
    assert window.export_file(path)
    pages = pdf_text(path)
    assert "鄄城县2023年政府信息公开工作年度报告" in pages[0]
    assert "本年度我机关认真贯彻落实工作要求。" in "".join(pages)
    assert "已导出到" in window.statusBar().currentMessage()
    assert leftovers(tmp_path) == [] and multiprocessing.active_children() == []


@pytest.mark.chinese_font
def test_export_pdf_with_options_marks_every_page_as_the_window_asked(window, tmp_path, monkeypatch):
    painted_here(monkeypatch)
    report, options = window.print_actions.job(watermark="送审稿")
    assert window.print_actions.write_pdf(tmp_path / "送审", report, options)
    pages = pdf_text(tmp_path / "送审.pdf")
    assert all("送审稿" in page for page in pages)


@pytest.mark.chinese_font  # without one the worker refuses at once: nothing to cancel
def test_cancelling_kills_the_worker_and_leaves_no_file(window, tmp_path):
    report = hostile.sample()
    for text_id in report.text:  # seconds of Qt layout in the worker
        report.text[text_id] = "\n".join(f"第{n}段，本段文字用于测试长报告。" for n in range(2000))
    options = window.print_actions.job()[1]
    shown = []

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, press_cancel)
            return
        shown.append(dialogs[0].labelText())
        QTimer.singleShot(300, dialogs[0].cancel)

    QTimer.singleShot(100, press_cancel)
    path = tmp_path / "长报告.pdf"
    assert not window.print_actions.write_pdf(path, report, options)
    assert shown and "正在导出 长报告.pdf" in shown[0]
    assert "已取消导出" in window.statusBar().currentMessage()
    QApplication.processEvents()
    deadline = time.monotonic() + 10
    while (leftovers(tmp_path) or multiprocessing.active_children()) and time.monotonic() < deadline:
        QApplication.processEvents()
    assert not path.exists()
    assert leftovers(tmp_path) == [] and multiprocessing.active_children() == []


def test_without_a_chinese_font_the_worker_says_what_to_install(window, dialogs, tmp_path, monkeypatch):
    (tmp_path / "fonts.conf").write_text(  # a machine whose only fonts are Latin ones
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}/cache</cachedir></fontconfig>')
    monkeypatch.setenv("FONTCONFIG_FILE", str(tmp_path / "fonts.conf"))
    report, options = window.print_actions.job()
    assert not window.print_actions.write_pdf(tmp_path / "x.pdf", report, options)
    assert "无法导出 PDF" in dialogs.texts()
    assert "找不到中文字体" in dialogs.texts() and "fonts-noto-cjk" in dialogs.texts()
    assert not (tmp_path / "x.pdf").exists() and leftovers(tmp_path) == []


def test_a_worker_that_dies_without_a_word_is_told_in_chinese_and_leaves_no_file(tmp_path):
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=os._exit, args=(3,))
    process.start()
    send.close()
    temporary, report_file = tmp_path / ".~1-x.pdf", tmp_path / "report.json"
    temporary.write_bytes(b"%PDF-1.4 half")
    report_file.write_text("{}")
    worker = pdf_process.Worker(process, receive, str(report_file), str(temporary), tmp_path / "x.pdf")
    with pytest.raises(ReportFileError, match="生成 PDF 的后台进程意外退出（退出码 3），未写出文件"):
        worker.wait()
    assert not temporary.exists() and not report_file.exists() and not (tmp_path / "x.pdf").exists()
    from disclosure_report import errorlog

    assert "生成 PDF 的进程意外退出，退出码 3" in (errorlog.log_folder() / errorlog.LOG_NAME).read_text(encoding="utf-8")


def test_a_folder_that_cannot_be_written_is_refused_before_any_worker_starts(tmp_path):
    with pytest.raises(ReportFileError, match="无法写入"):
        pdf_process.start(hostile.sample(), tmp_path / "没有这个文件夹" / "x.pdf")
    assert multiprocessing.active_children() == []
