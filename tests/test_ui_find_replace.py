"""A text page as in Word/WPS: find and replace within the text (Ctrl+H), Chinese right-click menu."""

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from ui_support import *  # noqa: F401,F403


def text_page(window, qtbot):
    page = window.editor.show_page("overview")
    page.editor.setFocus()
    qtbot.waitUntil(page.editor.hasFocus)
    return page


def test_ctrl_h_finds_and_replaces_all_as_one_undo_step(window, qtbot):
    page = text_page(window, qtbot)
    before = window.document.report.text["overview"]
    count = before.count("鄄城县")
    assert count > 1
    QTest.keySequence(page.editor, QKeySequence("Ctrl+H"))
    bar = page.find_replace
    assert bar.isVisible()
    bar.find_edit.setText("鄄城县")
    assert bar.find_next() and page.editor.textCursor().selectedText() == "鄄城县"
    bar.replace_edit.setText("某某县")
    assert bar.replace_all() == count and bar.result.text() == f"已替换 {count} 处"
    assert window.document.report.text["overview"] == before.replace("鄄城县", "某某县")
    window.actions["undo"].trigger()
    assert window.document.report.text["overview"] == before
    bar.find_edit.setText("没有这几个字")
    assert not bar.find_next() and bar.result.text() == "没有找到“没有这几个字”"


def test_replace_one_changes_the_found_passage_only(window, qtbot):
    page = text_page(window, qtbot)
    bar = page.find_replace
    bar.open()
    bar.find_edit.setText("鄄城县")
    bar.replace_edit.setText("某某县")
    bar.find_next()
    bar.replace()
    text = window.document.report.text["overview"]
    assert text.count("某某县") == 1


def test_the_right_click_menu_of_a_text_is_chinese(window, qtbot):
    page = text_page(window, qtbot)
    menu = page.editor.createStandardContextMenu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert any(t.startswith("复制") for t in texts) and any(t.startswith("粘贴") for t in texts)
    assert not any(t.replace("&", "").startswith(("Copy", "Paste", "Select")) for t in texts)


def test_paragraphs_show_with_a_first_line_indent_as_printed_and_new_ones_too(window, qtbot):
    from PySide6.QtCore import Qt

    page = text_page(window, qtbot)
    editor = page.editor
    two_chars = 2 * editor.fontMetrics().horizontalAdvance("中")
    block = editor.document().begin()
    while block.isValid():
        assert block.blockFormat().textIndent() == two_chars
        block = block.next()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    QTest.keyClick(editor, Qt.Key_Return)
    editor.insertPlainText("新的一段")  # as an input method commits it
    assert editor.document().lastBlock().blockFormat().textIndent() == two_chars
    assert window.document.report.text["overview"].endswith("\n新的一段")  # stored as plain paragraphs
