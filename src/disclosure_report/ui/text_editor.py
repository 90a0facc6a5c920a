"""The editor of one text of the report (the text pages and the preamble on 报告信息).

It shows the text as stored: one paragraph a line, a picture as a line of
its own ``[图片:name]``, so the character offsets of a finding's span select
the right passage. Typing goes through the document's undo stack like every
other edit. Paragraphs are shown as printed, with a first-line indent of two
characters (a QTextEdit in plain-text use: QPlainTextEdit ignores indents).
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from disclosure_report.limits import edit_problem
from disclosure_report.ui.document import TEXT_PREFIX


class TextEditor(QTextEdit):
    """A plain-text editor bound to one text of the report."""

    def __init__(self, document, text_id: str, parent=None):
        super().__init__(parent)
        self.document_ = document
        self.key = TEXT_PREFIX + text_id
        self.text_id = text_id
        self._sending = None  # the text this editor is handing to the document right now
        self.setUndoRedoEnabled(False)  # the window's undo stack holds text edits too
        self.setAcceptRichText(False)  # pasted from Word or a web page: the text only
        self._set_text(document.field(self.key))
        self.setReadOnly(bool(document.read_only))
        document.readOnlyChanged.connect(self.setReadOnly)
        self.textChanged.connect(self._typed)
        document.fieldChanged.connect(self._field_changed)
        document.reportReplaced.connect(lambda: self._field_changed(self.key))

    def keyPressEvent(self, event):
        # the editor claims the undo keys for its own (disabled) undo: they undo the window's stack here.
        # Not by overriding event(): every event the editor gets before the window is shown would then
        # go through Python, and PySide6 would build QEvent's enum classes for them (bench_startup).
        from PySide6.QtGui import QKeySequence

        if event.matches(QKeySequence.Undo):
            self.document_.undo_stack.undo()
        elif event.matches(QKeySequence.Redo):
            self.document_.undo_stack.redo()
        else:
            super().keyPressEvent(event)

    def _typed(self):
        text = self.toPlainText()
        before = self.document_.field(self.key)
        problem = edit_problem(self.document_.report, self.text_id, text)
        if problem and len(text) >= len(before):  # shortening an over-long draft stays allowed
            self._refuse(problem)
            return
        self._sending = text
        try:
            self.document_.edit_field(self.key, text)
        finally:
            self._sending = None

    def _refuse(self, problem: str) -> None:
        """Put back the text as it was (printing and the readers rely on the limits) and say why."""
        from PySide6.QtWidgets import QToolTip

        self._field_changed(self.key)
        QToolTip.showText(self.mapToGlobal(self.cursorRect().bottomLeft()), f"未能输入：{problem}", self)

    def _field_changed(self, key):
        if key != self.key:
            return
        text = self.document_.field(self.key)
        if text is self._sending or text == self.toPlainText():
            return  # what was typed coming back: no second copy of a long text
        position = self.textCursor().position()
        self.blockSignals(True)
        self._set_text(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)

    def select_span(self, start: int, end: int) -> None:
        from PySide6.QtGui import QTextCursor

        cursor = self.textCursor()
        length = len(self.toPlainText())
        cursor.setPosition(min(start, length))
        cursor.setPosition(min(end, length), QTextCursor.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.setFocus()

    def _set_text(self, text: str) -> None:
        """The text, each paragraph indented two characters as printed; new paragraphs inherit it."""
        self.setPlainText(text)
        fmt = QTextBlockFormat()
        fmt.setTextIndent(2 * self.fontMetrics().horizontalAdvance("中"))
        fmt.setLineHeight(130, 1)  # QTextBlockFormat.ProportionalHeight: easier to read than Qt's tight lines
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.Document)
        cursor.mergeBlockFormat(fmt)

