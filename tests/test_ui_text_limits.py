"""The editor refuses text beyond the limits up front, so that whatever it holds can be printed."""

from PySide6.QtWidgets import QToolTip

from disclosure_report.limits import MAX_SECTION_CHARS
from ui_support import *  # noqa: F401,F403


def test_a_paste_beyond_the_limit_is_refused_and_said_why(window):
    editor = window.editor.show_page("overview").editor
    before = window.document.report.text["overview"]
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("很长的文字。" * (MAX_SECTION_CHARS // 6 + 1))  # as a paste inserts it
    assert window.document.report.text["overview"] == before
    assert editor.toPlainText() == before
    assert "未能输入：“一、总体情况”有" in QToolTip.text() and "150000 字的上限" in QToolTip.text()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("再写一句。")  # typing within the limits goes on as before
    assert window.document.report.text["overview"] == before + "再写一句。"
