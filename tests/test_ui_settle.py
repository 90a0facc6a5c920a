"""The findings pane: right-click → 标为已核实… with a reason, shown as settled; 取消核实; undo."""

import copy

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from disclosure_report.ui.findings_panel import FindingsPanel
from ui_support import *  # noqa: F401,F403

REASON = "文字所述为县政府本级数字"


def _right_click(qtbot, panel, row, monkeypatch, choose):
    """Right-click a row; the menu offers its actions and `choose` picks one (or None)."""
    offered = []

    def popup(menu, pos):
        offered.extend(a.text() for a in menu.actions())
        for action in menu.actions():
            if action.text() == choose and action.isEnabled():
                action.trigger()
        return None

    monkeypatch.setattr(FindingsPanel, "popup", staticmethod(popup))
    center = panel.visualItemRect(panel.item(row)).center()
    event = QContextMenuEvent(QContextMenuEvent.Mouse, center, panel.viewport().mapToGlobal(center))
    QApplication.sendEvent(panel.viewport(), event)
    return offered


def _row_of(panel, rule):
    return next(i for i in range(panel.count())
                if panel.item(i).data(Qt.UserRole) is not None and panel.item(i).data(Qt.UserRole).rule == rule)


def test_a_warning_settled_from_the_pane_shows_settled_and_is_not_counted(window, qtbot, dialogs, monkeypatch):
    panel = window.findings_panel
    assert window.document.counts()["warning"] >= 1
    warnings = window.document.counts()["warning"]
    row = _row_of(panel, "text.parts_sum")
    dialogs.text = REASON
    offered = _right_click(qtbot, panel, row, monkeypatch, "标为已核实…")
    assert offered == ["标为已核实…"]
    qtbot.waitUntil(lambda: bool(window.document.report.settled))
    row = _row_of(panel, "text.parts_sum")
    assert panel.item(row).text().startswith("已核实：") and f"理由：{REASON}" in panel.item(row).text()
    assert row == panel.count() - 1  # settled findings come last
    assert window.document.counts()["warning"] == warnings - 1

    offered = _right_click(qtbot, panel, row, monkeypatch, "取消核实")
    assert offered == ["取消核实"]
    assert window.document.report.settled == ()
    assert not panel.item(_row_of(panel, "text.parts_sum")).text().startswith("已核实")


def test_settling_is_one_undo_step(window, qtbot, dialogs):
    panel = window.findings_panel
    finding = panel.item(_row_of(panel, "text.parts_sum")).data(Qt.UserRole)
    dialogs.text = REASON
    panel.ask_to_settle(finding)
    assert window.document.report.settled
    window.document.undo_stack.undo()
    assert window.document.report.settled == ()


def test_a_table_sum_offers_no_settling(window, qtbot, monkeypatch):
    document = window.document
    document.edit_field("manual_totals", True)
    document.edit_values({"applications.new.total": 999}, "改")
    panel = window.findings_panel
    row = _row_of(panel, "applications.row_total")
    offered = _right_click(qtbot, panel, row, monkeypatch, "标为已核实…")
    assert offered == ["表格算术关系，改正数字即可（不能标为已核实）"]
    assert document.report.settled == ()


def test_cancelling_the_reason_settles_nothing(window, dialogs):
    panel = window.findings_panel
    dialogs.text = None
    panel.ask_to_settle(panel.item(_row_of(panel, "text.parts_sum")).data(Qt.UserRole))
    assert window.document.report.settled == ()



def test_a_cell_with_quote_marks_in_its_row_is_described_without_doubling_them(window, qtbot):
    """表三“3.危及‘三安全一稳定’”行: in the tooltip, the status bar, the undo step and the findings pane."""
    described = "表三“3.危及‘三安全一稳定’”行“自然人”列"
    path = "applications.withheld.security_stability.natural"
    report = copy.deepcopy(window.document.report)
    report.import_notes = {path: "0（其中涉及维稳1件）"}
    window.document.replace_report(report, "导入")
    view = window.editor.show_page("applications").view
    index = view.model().index_of(path)
    assert index.data(Qt.ToolTipRole).startswith(f"{described}\n提醒：{described}原文印为“0（其中涉及维稳1件）”")
    texts = [window.findings_panel.item(i).text() for i in range(window.findings_panel.count())]
    assert any(t.startswith(f"提醒：{described}原文印为") for t in texts)
    assert not view.model().setData(index, "1.5")
    assert window.statusBar().currentMessage().startswith(f"{described}：")
    assert view.model().setData(index, "2")
    assert window.document.undo_stack.undoText() == f"填写{described}"
