"""Printing from the window, and the status rules 起草中 → 送审中 → 已签发 through the library."""

import re

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QMessageBox

from disclosure_report.jsonfile import fingerprint
from disclosure_report.storage import STATUS_DRAFTING, STATUS_REVIEW, STATUS_SIGNED, StorageError
from disclosure_report.ui.print_actions import PrintOptionsDialog
from ui_support import *  # noqa: F401,F403

LICENSING = "active.licensing.decisions"


def flat_pages(path):
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(path).pages]


def edit(window, path, text):
    model = window.editor.table_views()[path.split(".", 1)[0]].model()
    assert model.setData(model.index_of(path), text)


@pytest.fixture
def accept_options(monkeypatch):
    """The print options dialog answers OK with what it shows by default."""
    monkeypatch.setattr(PrintOptionsDialog, "exec", lambda self: QDialog.Accepted)


def test_file_menu_prints_and_tools_menu_changes_status(window):
    file_texts = [a.text() for a in window.file_menu.actions()]
    for text in ("打印预览…", "打印…", "导出 PDF…", "打印空白统计表…"):
        assert text in file_texts
    assert window.actions["print"].shortcut().toString() == "Ctrl+P"
    tools_texts = [a.text() for a in window.tools_menu.actions()]
    for text in ("送审", "退回修改", "签发…", "开始新版本"):  # 开始新版本 is the window's own
        assert text in tools_texts
    window.print_actions.update_status_actions()
    assert window.actions["submit"].isEnabled() and not window.actions["sign"].isEnabled()


@pytest.mark.chinese_font
def test_export_pdf_from_the_window_marks_the_draft(window, dialogs, accept_options, tmp_path):
    dialogs.save_path = str(tmp_path / "draft")
    window.print_actions.export_pdf()
    pages = flat_pages(tmp_path / "draft.pdf")
    code = fingerprint(window.document.report)
    assert all("草稿" in page and f"内容码{code}" in page and "起草中第1版" in page for page in pages)
    assert "鄄城县2023年政府信息公开工作年度报告" in pages[0]


@pytest.mark.chinese_font
def test_the_printer_gets_page_numbers_watermark_and_signoff(window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = window.print_actions._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    report, options = window.print_actions.job(signoff=True)
    assert window.print_actions.paint(printer, report, options)
    pages = flat_pages(tmp_path / "printed.pdf")
    assert "审签单" in pages[0].replace("\u3000", "")
    assert all("草稿" in page for page in pages)
    assert "—1—" in pages[1] and f"—{len(pages) - 1}—" in pages[-1]


def test_submit_sign_freezes_the_version_and_a_new_version_keeps_the_signed_one(window, library, dialogs):
    actions = window.print_actions
    report_id = window.report_id
    actions.submit()
    assert library.status(report_id) == STATUS_REVIEW
    assert "送审中" in window.windowTitle()
    assert actions.job()[1].watermark == "送审稿"

    dialogs.answer = QMessageBox.Yes
    actions.sign()
    assert library.status(report_id) == STATUS_SIGNED
    signed = library.list_snapshots(report_id)[0]
    assert signed.name == "已签发 v1" and signed.status == STATUS_SIGNED
    assert signed.fingerprint == fingerprint(window.document.report)
    assert signed.fingerprint in dialogs.texts()
    assert actions.job()[1].watermark == ""  # the signed version prints without a watermark

    # a signed version cannot be edited: not in the window, not in the library
    model = window.editor.table_views()["active"].model()
    assert not model.setData(model.index_of(LICENSING), "34188")
    assert window.document.report.values[LICENSING] == 34187
    assert "已签发" in window.banner.text()
    with pytest.raises(StorageError, match="已签发"):
        library.save(report_id, window.document.report)

    actions.update_status_actions()
    assert window.actions["start_new_version"].isEnabled() and not window.actions["submit"].isEnabled()
    window.actions["start_new_version"].trigger()
    assert library.status(report_id) == STATUS_DRAFTING
    assert library.entry(report_id).version == 2
    edit(window, LICENSING, "34188")
    assert window.autosaver.flush()
    assert library.load(report_id).values[LICENSING] == 34188
    assert library.load_snapshot(signed.id).values[LICENSING] == 34187  # the signed one kept


@pytest.mark.chinese_font
def test_a_stored_snapshot_prints_with_its_own_name_time_and_code(window, library, tmp_path):
    window.autosaver.flush()
    library.snapshot(window.report_id, "送审稿 v1")
    entry = library.list_snapshots(window.report_id)[0]
    edit(window, LICENSING, "1")  # the draft moves on; the snapshot does not
    report, options = window.print_actions.job(entry)
    assert report.values[LICENSING] == 34187
    assert options.version == "送审稿 v1"
    assert window.print_actions.write_pdf(tmp_path / "v1.pdf", report, options)
    page = flat_pages(tmp_path / "v1.pdf")[0]
    assert f"送审稿v1·{entry.created_at[:16].replace(' ', '')}·内容码{entry.fingerprint}" in page


def test_the_options_dialog_offers_versions_and_parts(window, library):
    window.autosaver.flush()
    library.snapshot(window.report_id, "送审稿 v1")
    entry = library.list_snapshots(window.report_id)[0]
    dialog = PrintOptionsDialog(window, "打印", STATUS_REVIEW, "ABC", [entry])
    assert dialog.version.count() == 2 and entry.fingerprint in dialog.version.itemText(1)
    assert dialog.watermark.currentData() == "送审稿"
    dialog.parts["overview"].setChecked(False)
    dialog._choose_parts(("active", "applications", "appeals"))
    assert dialog.settings()["parts"] == ("active", "applications", "appeals")
    dialog.version.setCurrentIndex(1)
    assert dialog.snapshot() == entry


def test_the_print_dialog_speaks_chinese(window):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QAbstractButton

    dialog = QPrintDialog(window.print_actions._printer(), window)
    texts = " ".join(button.text() for button in dialog.findChildren(QAbstractButton))
    assert "打印全部" in texts and "当前页面" in texts


@pytest.mark.chinese_font
def test_only_the_pages_chosen_in_the_print_dialog_are_printed(window, tmp_path):
    from PySide6.QtGui import QPageRanges
    from PySide6.QtPrintSupport import QPrinter

    printer = window.print_actions._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "pages.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    ranges = QPageRanges()
    ranges.addRange(2, 3)  # after the 审签单: the report's pages 1 and 2
    printer.setPageRanges(ranges)
    assert window.print_actions.paint(printer, *window.print_actions.job(signoff=True))
    pages = flat_pages(tmp_path / "pages.pdf")
    assert len(pages) == 2
    assert "—1—" in pages[0] and "—2—" in pages[1] and "审签单" not in pages[0].replace("\u3000", "")
