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
