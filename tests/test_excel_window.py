"""The fill-in workbook through the window: exported from 导出, filled in, read back by 导入."""

from disclosure_report.excel.reader import read_workbook
from test_excel import NEW, fill
from ui_support import *  # noqa: F401,F403


def test_export_a_workbook_fill_it_and_import_it_as_a_new_report(window, library, tmp_path):
    path = tmp_path / "鄄城.xlsx"
    assert window.export_file(path)
    assert read_workbook(path).values == window.document.report.values
    fill(path, {NEW: "９０", "applications.granted.natural": 31})
    assert window.import_file(path, into_current=False)
    report = window.document.report
    assert report.values[NEW] == 90
    assert report.values["applications.new.total"] == 90  # the workbook's SUM, computed on import
    assert report.values["applications.handled.natural"] == 90
    assert window.counts_label.text() == "错误 0 处 · 提醒 0 处"
    assert len(library.list_reports()) == 2


def test_a_workbook_with_text_in_a_number_cell_is_refused_naming_the_cell(window, tmp_path, dialogs):
    path = tmp_path / "某镇.xlsx"
    assert window.export_file(path)
    fill(path, {NEW: "十二"})
    assert not window.import_file(path, into_current=True)
    assert "表三!D6：“十二”不是数字" in dialogs.texts()
    assert window.document.report.values[NEW] == 80  # the open report is untouched
