"""Typing goes where the clerk looks: fast typing after switching pages and tables lands in the cells clicked
(issue 12, case 1). The clicks and keys are queued at once, as a busy window finds a fast typist's (keystrokes.py)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from keystrokes import cell_center, part_center, post_click, post_keys
from ui_support import *  # noqa: F401,F403


@pytest.fixture
def active(window, qtbot):
    window.resize(1366, 740)  # a 1366×768 screen: 表三's first columns in view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def settle(qtbot):
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(20)


def column_below(view, path, n):
    """path and the n-1 editable cells below it, as Enter walks down."""
    model = view.model()
    index = model.index_of(path)
    paths = []
    for row in range(index.row(), model.rowCount()):
        candidate = model.index(row, index.column())
        if model.is_editable(candidate):
            paths.append(model.cell(candidate).path)
    return paths[:n]


@pytest.mark.parametrize("start", ["info", "other", "active"])
def test_digits_typed_fast_after_switching_pages_go_into_the_cells_clicked(active, qtbot, start):
    window = active
    editor = window.editor
    view = editor.show_page("applications").view  # laid out once: the clerk clicks where the cell was seen
    settle(qtbot)
    address = editor.page("info").edits["contact.address"]
    before = window.document.report.contact.address
    for round_ in range(4):
        editor.show_page(start)
        settle(qtbot)
        if start == "info":
            QTest.mouseClick(address, Qt.LeftButton, pos=address.rect().center())
            QTest.keyClicks(address, "x")
        elif start == "other":
            text = editor.page(start).editor
            QTest.mouseClick(text.viewport(), Qt.LeftButton, pos=text.viewport().rect().center())
        else:  # 表二: a cell left in editing
            table = editor.page(start).view
            QTest.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(table.model().index(3, 2)).center())
            QTest.keyClicks(table, "3")
        column = ["applications.new.natural", "applications.new.commercial"][round_ % 2]
        cells = column_below(view, column, 6)[3 * (round_ // 2):][:3]
        post_click(window, *part_center(editor, "applications"))
        post_click(window, *cell_center(view, cells[0]))
        post_keys(window, f"{round_ + 7}\n1\n5\n")
        settle(qtbot)
        values = window.document.report.values
        assert [values[p] for p in cells] == [round_ + 7, 1, 5], (start, round_, address.text(), QApplication.focusWidget())
        assert QApplication.focusWidget().isVisible()
    assert window.document.report.contact.address in (before, before + "x" * 4)
