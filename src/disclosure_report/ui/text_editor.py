"""The editor of one text of the report (the text pages and the preamble on 报告信息).

It shows the text as stored: one paragraph a line, a picture as a line of
its own ``[图片:name]``, so the character offsets of a finding's span select
the right passage. Typing goes through the document's undo stack like every
other edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from disclosure_report.ui.document import TEXT_PREFIX


class TextEditor(QPlainTextEdit):
    """A plain-text editor bound to one text of the report."""

    def __init__(self, document, text_id: str, parent=None):
        super().__init__(parent)
        self.document_ = document
        self.key = TEXT_PREFIX + text_id
        self.setUndoRedoEnabled(False)  # the window's undo stack holds text edits too
        self.setPlainText(document.field(self.key))
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
        self.document_.edit_field(self.key, self.toPlainText())

    def _field_changed(self, key):
        if key != self.key:
            return
        text = self.document_.field(self.key)
        if text == self.toPlainText():
            return
        position = self.textCursor().position()
        self.blockSignals(True)
        self.setPlainText(text)
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
        self.centerCursor()
        self.setFocus()

