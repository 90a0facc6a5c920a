"""汇总 dialog, 与汇总报告对照: the published county report against the sum of its units, as `--against` does."""

from disclosure_report import files
from disclosure_report.consolidate import consolidate
from disclosure_report.jsonfile import write_report
from disclosure_report.ui.consolidate_dialog import ConsolidateDialog
from test_against import _units
from test_consolidate import NEW
from ui_support import *  # noqa: F401,F403


def _dialog(window, tmp_path, qtbot):
    for unit in _units():
        write_report(unit.report, tmp_path / unit.source)
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.add_files([tmp_path / unit.source for unit in _units()])
    dialog.organ_edit.setText("某县人民政府")
    return dialog


def _sum(dialog, qtbot):
    dialog.run()
    qtbot.waitUntil(lambda: dialog.result is not None and dialog._job is None, timeout=10000)


def _texts(table, column):
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_each_differing_cell_is_a_row_with_the_units_shares(window, library, tmp_path, qtbot, dialogs):
    parent = consolidate(_units(), organ="某县人民政府").report
    parent.values[NEW] = parent.values["applications.new.total"] = 80  # published 80; the units sum to 78
    files.write_report(parent, tmp_path / "全县.xlsx")  # as the county's own workbook
    dialog = _dialog(window, tmp_path, qtbot)
    panel = dialog.against
    assert "汇总后逐格对照" in panel.verdict.text()
    dialogs.open_path = str(tmp_path / "全县.xlsx")
    panel.choose_parent()
    assert "已选汇总报告 全县.xlsx。点“开始汇总”后逐格对照" in panel.verdict.text()
    assert panel.table.rowCount() == 0
    _sum(dialog, qtbot)
    assert panel.table.rowCount() == 0  # not shown yet: laid out when the clerk opens its tab
    dialog.tabs.setCurrentWidget(panel)
    assert panel.verdict.text().startswith("与 全县.xlsx 逐格对照：2 格与各单位之和不一致")
    assert _texts(panel.table, 0) == ["表三“一、本年新收政府信息公开申请数量”行“自然人”列",
                                      "表三“一、本年新收政府信息公开申请数量”行“总计”列"]
    assert _texts(panel.table, 1) == ["80", "80"]
    assert _texts(panel.table, 2) == ["78", "78"]
    assert _texts(panel.table, 3) == ["多 2", "多 2"]
    assert "某县人民政府报告为 80，各单位之和为 78（相差 2）" in panel.table.item(0, 0).toolTip()
    panel.table.selectRow(0)
    assert _texts(panel.shares, 0) == ["县政府办公室", "县自然资源和规划局", "某某镇人民政府"]
    assert _texts(panel.shares, 1) == ["41", "28", "9"]
    assert _texts(panel.shares, 2) == ["52.6%", "35.9%", "11.5%"]

    dialog.units_table.selectRow(2)
    dialog.remove_selected()  # without 某某镇 the units sum to 69, and its other cells differ too
    _sum(dialog, qtbot)
    assert panel.table.rowCount() > 2
    assert _texts(panel.table, 2)[:2] == ["69", "69"] and _texts(panel.table, 3)[:2] == ["多 11", "多 11"]
    assert _texts(panel.shares, 0) == ["县政府办公室", "县自然资源和规划局"]  # the first row, selected
    panel.clear_parent()
    assert panel.table.rowCount() == 0 and "汇总后逐格对照" in panel.verdict.text()


def test_a_parent_that_agrees_says_so(window, library, tmp_path, qtbot, dialogs):
    files.write_report(consolidate(_units(), organ="某县人民政府").report, tmp_path / "全县.docx")
    dialog = _dialog(window, tmp_path, qtbot)
    _sum(dialog, qtbot)
    assert dialog.against.read_parent(tmp_path / "全县.docx")
    assert dialog.against.verdict.text() == "与 全县.docx 逐格对照：每一格都等于各单位之和。"
    assert dialog.against.table.rowCount() == 0
    assert not dialogs.shown


def test_a_parent_that_cannot_be_read_is_said_in_chinese(window, library, tmp_path, qtbot, dialogs):
    (tmp_path / "全县.pdf").write_bytes(b"%PDF-1.4 truncated")
    dialog = _dialog(window, tmp_path, qtbot)
    _sum(dialog, qtbot)
    assert not dialog.against.read_parent(tmp_path / "全县.pdf")
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("warning", "无法读取汇总报告")
    assert text.startswith("全县.pdf：不是有效的 PDF 文件，或文件已损坏") and "未作对照" in text
    assert "Error" not in text and "Traceback" not in text
    assert dialog.model.parent is None and dialog.against.table.rowCount() == 0


def test_a_parent_of_another_year_is_pointed_out(window, library, tmp_path, qtbot, dialogs):
    parent = consolidate(_units(), organ="某县人民政府").report
    parent.year = 2022
    files.write_report(parent, tmp_path / "全县2022.json")
    dialog = _dialog(window, tmp_path, qtbot)
    _sum(dialog, qtbot)
    assert dialog.against.read_parent(tmp_path / "全县2022.json")
    assert "注意：汇总报告为 2022 年，各单位报表为 2023 年" in dialog.against.verdict.text()
