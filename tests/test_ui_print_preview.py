"""打印预览: the worker's PDF shown page by page, rendered as pages come into view, with 打印 and 导出 of it."""

import gc
import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog

from disclosure_report.errors import ReportFileError
from disclosure_report.jsonfile import fingerprint
from disclosure_report.ui import background, pdf_export
from disclosure_report.ui.page_view import GAP, KEPT_IMAGES
from disclosure_report.ui.print_actions import PrintOptionsDialog
from disclosure_report.ui.print_preview import PrintPreview
from ui_support import *  # noqa: F401,F403

pytestmark = pytest.mark.chinese_font


@pytest.fixture
def shown(monkeypatch, dialogs):
    """The print options dialog answers OK; the preview shows without blocking and is left open to look at."""
    monkeypatch.setattr(PrintOptionsDialog, "exec", lambda self: QDialog.Accepted)
    opened = []

    def show(self):
        opened.append(self)
        self.collecting = gc.isenabled()
        self.show()
        return 0

    monkeypatch.setattr(PrintPreview, "exec", show)
    yield opened
    for dialog in opened:
        dialog.reject()


def pdf_pages(data):
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def rendered(qtbot, dialog, index):
    qtbot.waitUntil(lambda: index in dialog.view.column.images, timeout=20000)
    qtbot.wait(50)  # the repaint after the image arrived


def dark_share(widget, rect):
    """The share of dark pixels in rect of what the widget shows: text drawn, not a blank page."""
    image = widget.grab(rect).toImage()
    dark = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).lightness() < 100)
    return dark / max(1, (image.width() // 3) * (image.height() // 3))


def test_the_preview_shows_the_pages_the_worker_printed(window, shown, qtbot):
    window.print_actions.preview()
    dialog = shown[0]
    assert dialog.windowTitle() == "打印预览 — 鄄城县2023年政府信息公开工作年度报告"
    pages = pdf_pages(dialog.data)
    code = fingerprint(window.document.report)
    assert all("草稿" in page and f"内容码{code}" in page for page in pages)
    assert dialog.view.page_count() == len(pages) > 3
    assert dialog.page_box.text() == f"第 1 页，共 {len(pages)} 页"
    rendered(qtbot, dialog, 0)
    column = dialog.view.column
    first = column.page_rect(0).intersected(column.visibleRegion().boundingRect())
    assert dark_share(column, first) > 0.002  # the title and the first lines, in black
    assert dialog.view.page_count() - 1 not in column.images  # the last page waits until it is scrolled to


def test_scrolling_to_the_end_renders_the_last_page_and_keeps_few_images(window, shown, qtbot):
    window.document.report.text["overview"] = "\n".join(f"第{n}段，本段文字用于测试长报告的打印预览。" * 3
                                                        for n in range(600))
    window.print_actions.preview()
    dialog = shown[0]
    last = dialog.view.page_count() - 1
    assert last > 2 * KEPT_IMAGES
    rendered(qtbot, dialog, 0)
    for index in range(0, last + 1, 4):  # the clerk pages through
        dialog.view.show_page(index)
        rendered(qtbot, dialog, index)
    dialog.page_box.setValue(last + 1)  # typed into 第 n 页
    rendered(qtbot, dialog, last)
    assert dialog.view.current_page() == last
    assert dialog.page_box.text().startswith(f"第 {last + 1} 页")
    assert len(dialog.view.column.images) <= KEPT_IMAGES
    assert 0 not in dialog.view.column.images


def test_zoom_fits_the_width_then_the_page_then_steps(window, shown, qtbot):
    window.print_actions.preview()
    dialog = shown[0]
    view, column = dialog.view, dialog.view.column
    assert abs(column.page_rect(0).width() - (view.viewport().width() - 2 * GAP)) <= 1
    label = lambda: dialog.zoom_label.text().strip()  # noqa: E731
    before = dialog.zoom_percent()
    assert label() == f"{before}%"  # the zoom the page is shown at, not the one before it was fitted
    dialog.commands["fit_page"].trigger()
    assert column.page_rect(0).height() <= view.viewport().height() - 2 * GAP + 1
    assert dialog.zoom_percent() < before and label() == f"{dialog.zoom_percent()}%"
    fitted = column.zoom
    dialog.commands["zoom_in"].trigger()
    assert column.zoom == pytest.approx(fitted * 1.25) and label() == f"{dialog.zoom_percent()}%"
    dialog.resize(dialog.width() + 100, dialog.height())  # no longer fitted: a resize keeps the zoom
    qtbot.wait(20)
    assert column.zoom == pytest.approx(fitted * 1.25)
    rendered(qtbot, dialog, view.current_page())
    assert column.images[view.current_page()][0] == pytest.approx(column.zoom * column.devicePixelRatioF())


def test_export_from_the_preview_saves_the_previewed_pdf(window, shown, dialogs, tmp_path):
    window.print_actions.preview()
    dialog = shown[0]
    dialogs.save_path = str(tmp_path / "预览")
    dialog.commands["export"].trigger()
    assert (tmp_path / "预览.pdf").read_bytes() == dialog.data
    assert ("box", "导出完成", f"已导出：{tmp_path / '预览.pdf'}") in dialogs.shown


def test_export_from_the_preview_into_a_missing_folder_says_so(window, shown, dialogs, tmp_path):
    window.print_actions.preview()
    dialogs.save_path = str(tmp_path / "没有的文件夹" / "x.pdf")
    shown[0].commands["export"].trigger()
    title, text = [(t, x) for kind, t, x in dialogs.shown if kind == "warning"][0]
    assert title == "无法导出 PDF" and "没有的文件夹" in text and "请检查" in text


def test_print_from_the_preview_prints_the_previewed_version(window, shown, monkeypatch):
    sent = []
    monkeypatch.setattr(type(window.print_actions), "send_to_printer", lambda self, report, options: sent.append(
        (report, options)))
    window.print_actions.preview()
    dialog = shown[0]
    dialog.commands["print"].trigger()
    assert sent == [(dialog.report, dialog.options)]
    assert dialog.commands["print"].shortcut().toString() == "Ctrl+P"


def test_the_blank_form_previews_the_three_tables(window, shown):
    window.print_actions.print_blank()
    dialog = shown[0]
    assert dialog.windowTitle() == "打印预览 — 空白统计表"
    text = "".join(pdf_pages(dialog.data))
    assert "主动公开政府信息情况" in text and "34187" not in text


def test_a_cancelled_or_failed_layout_shows_no_preview(window, shown, dialogs, monkeypatch):
    def cancelled(*args):
        raise background.Cancelled()

    monkeypatch.setattr(pdf_export, "pdf_data", cancelled)
    window.print_actions.preview()
    assert not shown and window.statusBar().currentMessage() == "已取消打印预览"

    def refused(*args):
        raise ReportFileError("磁盘已满")

    monkeypatch.setattr(pdf_export, "pdf_data", refused)
    window.print_actions.preview()
    assert not shown and ("warning", "无法预览", "无法生成打印预览：磁盘已满") in dialogs.shown


def test_closing_the_preview_stops_its_page_thread(window, shown):
    window.print_actions.preview()
    dialog = shown.pop()
    renderer = dialog.view.renderer
    dialog.reject()
    assert renderer.wait_closed(10)


def test_no_garbage_collection_pauses_the_open_preview(window, shown):
    """A full collection with big reports open holds the window 70–170 ms: it waits while the preview is open."""
    assert gc.isenabled()
    window.print_actions.preview()
    assert shown[0].collecting is False
    assert gc.isenabled()
