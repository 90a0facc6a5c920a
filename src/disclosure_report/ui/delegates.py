"""Typing a number into a cell.

Qt's own validators reject full-width digits from a Chinese IME (NOTES.md),
so the editor's validator only normalises (NFKC: ``１２３`` becomes
``123``) and never refuses a keystroke; the number is judged when the cell
is committed, and a wrong entry is refused with a message next to the cell
while the editor stays open for correction.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QToolTip

from disclosure_report.numbers import InvalidNumber, parse_number


class NumberValidator(QValidator):
    """Turns full-width input into ASCII as it is typed; refuses nothing."""

    def validate(self, text, pos):
        fixed = unicodedata.normalize("NFKC", text).replace("。", ".")
        try:
            parse_number(fixed)
        except InvalidNumber:
            return QValidator.Intermediate, fixed, pos
        return QValidator.Acceptable, fixed, pos


class CellDelegate(QStyledItemDelegate):
    refused = Signal(str)  # why an entry was not taken

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setValidator(NumberValidator(editor))
        editor.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.EditRole) or "")

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.EditRole)

    def eventFilter(self, editor, event):
        # Enter/Tab with a wrong entry: say why, keep the editor open
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab,
                                                                Qt.Key_Backtab):
            problem = entry_problem(editor.text())
            if problem:
                QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), problem, editor)
                self.refused.emit(problem)
                return True
        if event.type() == QEvent.FocusOut:
            # Qt closes the editor without committing an entry its validator does not accept
            problem = entry_problem(editor.text())
            if problem:
                self.refused.emit(f"{problem.split('。')[0]}，未填入")
        return super().eventFilter(editor, event)


def entry_problem(text: str):
    try:
        parse_number(text)
    except InvalidNumber as e:
        return f"{e}。改正后按回车，或按 Esc 放弃"
    return None
