"""One rule for what a count cell takes (issue 12, case 7): fractions, negatives and 10^15 or more are refused
with the message wherever a count is typed or pasted; the amount cell keeps its decimals."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui_support import *  # noqa: F401,F403

NEW_NATURAL = "applications.new.natural"


@pytest.mark.parametrize("typed, said", [("1.5", "不是整数"), ("-1", "是负数"), ("1000000000000000", "太大")])
def test_a_count_cell_refuses_what_no_count_can_be_typed_or_pasted(window, qtbot, typed, said):
    view = window.editor.show_page("applications").view
    model = view.model()
    index = model.index_of(NEW_NATURAL)
    view.setCurrentIndex(index)
    view.setFocus()
    QTest.keyClicks(view, typed[0])  # typing opens the cell's editor
    QTest.keyClicks(QApplication.focusWidget(), typed[1:])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert window.document.report.values[NEW_NATURAL] == 80
    assert said in window.statusBar().currentMessage()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Escape)

    view.setCurrentIndex(index)
    view.paste(typed)
    assert window.document.report.values[NEW_NATURAL] == 80
    assert said in window.statusBar().currentMessage()
    assert not model.setData(index, typed)
    assert window.document.report.values[NEW_NATURAL] == 80


def _type_into(view, path, keys, qtbot):
    """Click-free typing into a cell as the clerk does: select it, type (the editor opens), Enter."""
    view.setCurrentIndex(view.model().index_of(path))
    view.setFocus()
    QTest.keyClicks(view, keys[0])
    QTest.keyClicks(QApplication.focusWidget(), keys[1:])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.wait(20)


@pytest.mark.parametrize("typed, said", [("1.5", "不是整数"), ("-1", "是负数"), ("1000000000000000", "太大"),
                                         ("1x", "")])
def test_the_refusal_goes_from_the_status_bar_once_the_entry_is_put_right(window, qtbot, typed, said):
    view = window.editor.show_page("applications").view
    _type_into(view, NEW_NATURAL, typed, qtbot)
    message = window.statusBar().currentMessage()
    assert message and said in message and window.document.report.values[NEW_NATURAL] == 80
    editor = QApplication.focusWidget()  # still open on the wrong entry
    editor.selectAll()
    QTest.keyClicks(editor, "7")
    QTest.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.document.report.values[NEW_NATURAL] == 7)
    assert window.statusBar().currentMessage() == ""


def test_a_refusal_is_not_kept_after_an_edit_elsewhere_or_another_page(window, qtbot):
    view = window.editor.show_page("applications").view
    view.setCurrentIndex(view.model().index_of(NEW_NATURAL))
    view.paste("-3")
    assert "是负数" in window.statusBar().currentMessage()
    _type_into(view, "applications.new.legal", "5", qtbot)  # another cell, a good entry
    assert window.document.report.values["applications.new.legal"] == 5
    assert window.statusBar().currentMessage() == ""

    _type_into(view, NEW_NATURAL, "2.5", qtbot)
    assert "不是整数" in window.statusBar().currentMessage()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    window.editor.show_page("info")  # the clerk moves on
    assert window.statusBar().currentMessage() == ""


def test_a_note_about_the_edit_itself_stays_after_it(window, qtbot):
    view = window.editor.show_page("applications").view
    view.setCurrentIndex(view.model().index_of(NEW_NATURAL))
    view.paste("-3")
    window.editor.show_page("info")
    address = window.editor.page("info").edits["contact.address"]
    address.setFocus()
    address.selectAll()
    QApplication.clipboard().setText("新\x00地址")
    QTest.keySequence(address, "Ctrl+V")
    assert window.document.report.contact.address == "新地址"
    assert window.statusBar().currentMessage().startswith("输入的文字中有 1 个无法保存的字符（U+0000）")
