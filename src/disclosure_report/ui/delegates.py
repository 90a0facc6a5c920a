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
from PySide6.QtGui import QPalette, QValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from disclosure_report.numbers import InvalidNumber, cell_value, parse_number

TEXT_MARGIN = 4  # as Qt's item view leaves on either side of a cell's text


class NumberValidator(QValidator):
    """Turns full-width input into ASCII as it is typed; refuses nothing."""

    def validate(self, text, pos):
        fixed = unicodedata.normalize("NFKC", text).replace("。", ".")
        try:
            parse_number(fixed)
        except InvalidNumber:
            return QValidator.Intermediate, fixed, pos
        return QValidator.Acceptable, fixed, pos


def break_between_words(text: str, chars_per_line: int) -> str:
    """A header too wide for its column, broken after an even number of characters.

    The official headers are two-character words (社会公益组织, 法律服务机构,
    结果维持): Qt would break wherever the line is full (社会公益组/织).
    """
    if len(text) <= chars_per_line or chars_per_line < 2:
        return text
    step = chars_per_line - chars_per_line % 2
    return "\n".join(text[i:i + step] for i in range(0, len(text), step))


def label_text(text: str, role: str, metrics, width: int) -> str:
    """The text of a header or label cell as drawn in a cell so wide (headers kept whole words)."""
    if role != "header" or "\n" in text or metrics.horizontalAdvance(text) <= width:
        return text
    return break_between_words(text, max(width // max(metrics.horizontalAdvance("中"), 1), 1))


class LabelDelegate(QStyledItemDelegate):
    """Headers and row labels, drawn in the part of their merge that is in view.

    A label merged over 22 rows is centred on the merge: scrolled, its text
    would be off screen or cut (“（三）不…”); centred on what is visible, it
    can be read at every scroll position. The view repaints all of its
    viewport when it scrolls (see TableView.scrollContentsBy).
    """

    def paint(self, painter, option, index):
        cell = index.model().cell(index)
        if cell is None or cell.role == "value":
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, widget)  # background, no text
        if not text:
            return
        area = option.rect
        if widget is not None:
            area = area.intersected(widget.viewport().rect())
        area = area.adjusted(TEXT_MARGIN, 1, -TEXT_MARGIN, -1)
        painter.save()
        painter.setPen(opt.palette.color(QPalette.Text))  # the model's label colour, put there by initStyleOption
        shown = label_text(text, cell.role, opt.fontMetrics, area.width())
        painter.drawText(area, int(opt.displayAlignment) | int(Qt.TextWordWrap), shown)
        painter.restore()


class CellDelegate(LabelDelegate):
    refused = Signal(str)  # why an entry was not taken

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setValidator(NumberValidator(editor))
        editor.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        editor.setFrame(False)
        editor.setProperty("kind", index.model().kind(index))  # what entry_problem judges the entry as
        return editor

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.EditRole) or "")

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.EditRole)

    def eventFilter(self, editor, event):
        # Enter/Tab with a wrong entry: say why, keep the editor open
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab,
                                                                Qt.Key_Backtab):
            problem = entry_problem(editor.text(), editor.property("kind"))
            if problem:
                QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), problem, editor)
                self.refused.emit(problem)
                return True
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                # at once, not queued as Qt does: keys typed fast after Enter would reach this editor still
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.SubmitModelCache)
                return True
        if event.type() == QEvent.FocusOut:
            # Qt closes the editor without committing an entry its validator does not accept
            problem = entry_problem(editor.text(), editor.property("kind"))
            if problem:
                self.refused.emit(f"{problem.split('。')[0]}，未填入")
        return super().eventFilter(editor, event)


def entry_problem(text: str, kind: str = "count"):
    try:
        cell_value(text, kind or "count")
    except InvalidNumber as e:
        return f"{e}。改正后按回车，或按 Esc 放弃"
    return None

