"""Typing into the tables like a spreadsheet: Enter, Tab, IME digits, refusals, Delete, paste, undo."""

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QFocusEvent, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from disclosure_report.ui.document import ReportDocument
from disclosure_report.ui.table_page import TablePage
from ui_support import *  # noqa: F401,F403


@pytest.fixture
def page(qtbot, sample):
    document = ReportDocument(sample)
    page = TablePage(document, "applications")
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def go(page, path):
    index = page.model.index_of(path)
    page.view.setCurrentIndex(index)
    # only this cell, whatever modifier state an earlier simulated key left behind
    page.view.selectionModel().select(index, QItemSelectionModel.ClearAndSelect)
    return index


def editor_of(page):
    return page.view.findChild(QLineEdit)


def type_text(page, qtbot, text):
    """As a clerk types: the first key opens the editor, the rest go to it."""
    qtbot.keyClicks(page.view, text[0])
    qtbot.keyClicks(editor_of(page), text[1:])


def values(page):
    return page.model.document.report.values


def test_typing_over_a_cell_replaces_it_and_enter_moves_down(page, qtbot):
    go(page, "applications.new.natural")
    type_text(page, qtbot, "93")
    assert editor_of(page).text() == "93"  # not "8093": typing replaces
    qtbot.keyClick(editor_of(page), Qt.Key_Return)
    qtbot.waitUntil(lambda: values(page)["applications.new.natural"] == 93)
    assert values(page)["applications.new.total"] == 93  # the total followed
    assert page.view.currentIndex() == page.model.index_of("applications.carried_in.natural")


def test_tab_moves_right_and_enter_on_a_cell_not_being_edited_moves_down(page, qtbot):
    go(page, "applications.new.natural")
    type_text(page, qtbot, "5")
    qtbot.keyClick(editor_of(page), Qt.Key_Tab)
    qtbot.waitUntil(lambda: values(page)["applications.new.natural"] == 5)
    assert page.view.currentIndex() == page.model.index_of("applications.new.commercial")
    qtbot.keyClick(page.view, Qt.Key_Return)
    assert page.view.currentIndex() == page.model.index_of("applications.carried_in.commercial")


def test_arrow_keys_jump_over_merged_labels(page, qtbot):
    go(page, "applications.partial.natural")
    qtbot.keyClick(page.view, Qt.Key_Down)
    assert page.view.currentIndex() == page.model.index_of("applications.withheld.state_secret.natural")
    qtbot.keyClick(page.view, Qt.Key_Left)  # labels are not cells to land on
    assert page.view.currentIndex() == page.model.index_of("applications.withheld.state_secret.natural")


def test_full_width_digits_from_an_input_method_are_accepted(page, qtbot):
    index = go(page, "applications.granted.natural")
    page.view.edit(index)
    editor = editor_of(page)
    event = QInputMethodEvent()
    event.setCommitString("１２３")
    QApplication.sendEvent(editor, event)
    assert editor.text() == "123"
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: values(page)["applications.granted.natural"] == 123)


def test_an_invalid_entry_is_refused_visibly_and_the_editor_stays_open(page, qtbot):
    go(page, "applications.granted.natural")
    type_text(page, qtbot, "2l")
    with qtbot.waitSignal(page.view.refused) as blocker:
        qtbot.keyClick(editor_of(page), Qt.Key_Return)
    assert "不是数字" in blocker.args[0]
    assert editor_of(page) is not None and editor_of(page).text() == "2l"
    assert values(page)["applications.granted.natural"] == 21


def test_delete_clears_the_selected_cells_in_one_undo_step(page, qtbot):
    go(page, "applications.new.natural")
    qtbot.keyClick(page.view, Qt.Key_Right, Qt.ShiftModifier)
    qtbot.keyClick(page.view, Qt.Key_Delete)
    assert values(page)["applications.new.natural"] is None
    assert values(page)["applications.new.commercial"] is None
    assert page.model.index_of("applications.new.natural").data() == ""
    page.model.document.undo_stack.undo()
    assert values(page)["applications.new.natural"] == 80
    assert values(page)["applications.new.commercial"] == 0


def test_a_row_pasted_from_excel_fills_from_the_current_cell_skipping_the_total(page, qtbot):
    go(page, "applications.new.natural")
    QGuiApplication.clipboard().setText("70\t5\t1\t0\t２\t0\t78\r\n3\t0\t0\t0\t0\t0\t3\r\n")
    qtbot.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    v = values(page)
    assert [v[f"applications.new.{c}"] for c in ("natural", "commercial", "research", "legal")] == [70, 5, 1, 2]
    assert v["applications.new.total"] == 78  # computed, not pasted
    assert v["applications.carried_in.natural"] == 3
    page.model.document.undo_stack.undo()  # the whole paste is one step
    assert v["applications.new.natural"] == 80 and v["applications.carried_in.natural"] == 0
    assert v["applications.new.total"] == 80


def test_a_row_without_its_totals_goes_to_the_cells_that_take_input(qtbot, sample):
    document = ReportDocument(sample)
    page = TablePage(document, "appeals")
    qtbot.addWidget(page)
    page.view.setCurrentIndex(page.model.index_of("appeals.review.upheld"))
    page.view.paste("1 2 3 4 5 6 7 8 9 10 11 12")  # 12 numbers copied from a web page: no totals
    v = sample.values
    assert v["appeals.review.pending"] == 4 and v["appeals.review.total"] == 10
    assert v["appeals.suit_direct.upheld"] == 5 and v["appeals.suit_after_review.pending"] == 12
    assert v["appeals.suit_after_review.total"] == 9 + 10 + 11 + 12


def test_a_paste_with_a_wrong_entry_changes_nothing_and_says_where(page, qtbot):
    go(page, "applications.new.natural")
    with qtbot.waitSignal(page.view.refused) as blocker:
        page.view.paste("1\t2\n3\tabc")
    assert "第 2 行第 2 个" in blocker.args[0] and "abc" in blocker.args[0]
    assert values(page)["applications.new.natural"] == 80


def test_undo_and_redo_of_a_typed_cell(page, qtbot):
    page.model.setData(page.model.index_of("applications.new.natural"), "81")
    stack = page.model.document.undo_stack
    stack.undo()
    assert values(page)["applications.new.natural"] == 80
    assert page.model.index_of("applications.new.total").data() == "80"
    stack.redo()
    assert values(page)["applications.new.natural"] == 81
    assert page.model.index_of("applications.new.total").data() == "81"


def test_typing_into_a_total_says_why_it_is_not_taken(page, qtbot):
    go(page, "applications.new.total")
    with qtbot.waitSignal(page.view.refused) as blocker:
        qtbot.keyClicks(page.view, "7")
    assert "合计格" in blocker.args[0] and "手工填写合计" in blocker.args[0]
    assert values(page)["applications.new.total"] == 80


def test_the_right_click_menu_pastes_like_ctrl_v(page, qtbot):
    go(page, "applications.granted.natural")
    QGuiApplication.clipboard().setText("30")
    paste = next(a for a in page.view.actions() if a.text().startswith("粘贴"))
    paste.trigger()
    assert values(page)["applications.granted.natural"] == 30


def test_an_input_method_commit_on_a_cell_not_being_edited_starts_the_entry(page, qtbot):
    go(page, "applications.partial.natural")
    event = QInputMethodEvent()
    event.setCommitString("４５")
    QApplication.sendEvent(page.view, event)
    assert editor_of(page) is not None and editor_of(page).text() == "45"
    qtbot.keyClick(editor_of(page), Qt.Key_Return)
    qtbot.waitUntil(lambda: values(page)["applications.partial.natural"] == 45)


def test_a_wrong_entry_left_by_clicking_elsewhere_is_not_dropped_silently(page, qtbot):
    go(page, "applications.granted.natural")
    type_text(page, qtbot, "2l")
    editor = editor_of(page)
    with qtbot.waitSignal(page.view.refused) as blocker:
        QApplication.sendEvent(editor, QFocusEvent(QEvent.FocusOut, Qt.MouseFocusReason))
    assert "“2l”不是数字" in blocker.args[0] and blocker.args[0].endswith("未填入")
    assert values(page)["applications.granted.natural"] == 21


def test_rows_copied_with_their_labels_and_header_paste_only_the_numbers(page, qtbot):
    go(page, "applications.new.natural")
    page.view.paste("\t自然人\t商业企业\n一、本年新收政府信息公开申请数量\t66\t1\n二、上年结转政府信息公开申请数量\t２\t无\n")
    v = values(page)
    assert (v["applications.new.natural"], v["applications.new.commercial"]) == (66, 1)
    assert (v["applications.carried_in.natural"], v["applications.carried_in.commercial"]) == (2, None)


def test_copy_and_paste_a_row_within_the_table(page, qtbot):
    go(page, "applications.granted.natural")
    qtbot.keyClick(page.view, Qt.Key_End, Qt.ShiftModifier)  # the whole 予以公开 row, its total included
    qtbot.keyClick(page.view, Qt.Key_C, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text() == "21\t0\t0\t0\t0\t0\t21"
    go(page, "applications.partial.natural")
    qtbot.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    assert values(page)["applications.partial.natural"] == 21
    assert values(page)["applications.partial.total"] == 21


def test_delete_on_a_total_says_why_nothing_is_cleared(page, qtbot):
    go(page, "applications.new.total")
    with qtbot.waitSignal(page.view.refused) as blocker:
        qtbot.keyClick(page.view, Qt.Key_Delete)
    assert "合计格" in blocker.args[0]
