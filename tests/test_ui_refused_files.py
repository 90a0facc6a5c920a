"""A file the readers refuse, as the window tells it: what is wrong, the file named once, what to do — in 导入
(also dropped on the window), 由上年报告新建, 读取上年报告文件, 汇总 (the units table) and 与汇总报告对照."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from disclosure_report.ui.consolidate_dialog import ConsolidateDialog
from disclosure_report.ui.new_reports import LastYearDialog
from ui_support import *  # noqa: F401,F403

JSON_ERROR = "不是有效的 JSON 文件：第 1 行第 2 列附近有误（Expecting property name enclosed in double quotes）"
# the file, its content, and the reader's refusal as the window says it: named once, by its name
REFUSED = {
    "文本.docx": ("hello", "文本.docx 不是 Word 文档（.docx），内容无法识别", False),
    "坏.json": ("{", f"坏.json：{JSON_ERROR}", False),
    "坏.pdf": ("%PDF-1.4 garbage", "坏.pdf：不是有效的 PDF 文件，或文件已损坏；请重新下载后再导入", True),  # says what to do
}
# the same beside the file's name, in the units table of 汇总
BESIDE = {"文本.docx": "不是 Word 文档（.docx），内容无法识别", "坏.json": JSON_ERROR,
          "坏.pdf": "不是有效的 PDF 文件，或文件已损坏；请重新下载后再导入"}


@pytest.fixture(params=sorted(REFUSED))
def refused(request, tmp_path):
    path = tmp_path / request.param
    path.write_text(REFUSED[request.param][0], encoding="utf-8")
    return path


def _told(path, advice):
    _, named, advised = REFUSED[path.name]
    return f"{named}。" if advised else f"{named}；{advice}。"


def test_import_names_the_file_once_and_says_what_to_do(window, refused, dialogs):
    assert not window.import_file(refused)
    told = _told(refused, "请确认选的是年度报告文件，或改用该报告的另一种版本（Word、PDF 或网页）")
    assert dialogs.shown == [("warning", "无法导入", f"{told}当前报告未被修改。")]
    assert dialogs.shown[0][2].count(refused.name) == 1


def test_a_refused_file_dropped_on_the_window_is_told_as_imported(window, refused, dialogs):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(refused))])
    window.dropEvent(QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    told = _told(refused, "请确认选的是年度报告文件，或改用该报告的另一种版本（Word、PDF 或网页）")
    assert dialogs.shown == [("warning", "无法导入", f"{told}当前报告未被修改。")]


def test_last_years_report_file_that_is_refused_is_named_once(window, refused, dialogs, qtbot):
    told = ("warning", "无法读取上年报告", _told(refused, "请另选上年报告文件"))
    assert not window.text_tools.use_previous_file(refused)  # 工具 → 读取上年报告文件…
    assert dialogs.shown == [told]
    dialog = LastYearDialog(window.library, window)  # 由上年报告新建 → 选择文件…
    qtbot.addWidget(dialog)
    assert not dialog.use_file(refused)
    assert dialogs.shown == [told, told]


def test_the_units_table_says_why_a_file_is_left_out_without_naming_it_again(window, refused, qtbot):
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    mime = QMimeData()  # dragged in from the units' folder
    mime.setUrls([QUrl.fromLocalFile(str(refused))])
    dialog.dropEvent(QDropEvent(QPointF(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    dialog.organ_edit.setText("某县人民政府")
    dialog.run()
    qtbot.waitUntil(lambda: dialog.result is not None and dialog._job is None, timeout=10000)
    row = [dialog.units_table.item(0, column).text() for column in range(dialog.units_table.columnCount())]
    why = BESIDE[refused.name] + ("" if REFUSED[refused.name][2] else "；请向该单位重新索取报表后再汇总")
    assert row == [refused.name, "", "", "未计入", "无法读取", f"无法读取，未计入：{why}"]
    assert dialog.model.unit_findings(0) == [f"无法读取，未计入：{why}"]


def test_a_refused_consolidated_report_is_named_once(window, refused, dialogs, qtbot):
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    assert not dialog.against.read_parent(refused)
    named = REFUSED[refused.name][1]
    assert dialogs.shown == [("warning", "无法读取汇总报告", f"{named}。\n\n未作对照。请选择能读出的汇总报告"
                                                         f"（.docx、.pdf、网页、.xlsx 或 .json）。")]
