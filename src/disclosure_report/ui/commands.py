"""Undo steps. ``redo``/``undo`` are the only code that writes the report.

QUndoStack.push() runs redo() at once, so asking for an edit and doing it
are the same path; a paste or an import is one command, hence one undo step.
"""

from __future__ import annotations

import time

from PySide6.QtGui import QUndoCommand

from disclosure_report.model import FIELD_LABELS, Report

_TYPING = 1  # id under which consecutive typing into one field merges
_PAUSE = 2.0  # seconds: typing after a pause is a new undo step


class EditValuesCommand(QUndoCommand):
    def __init__(self, document, values, description: str):
        super().__init__(description)
        self._document = document
        self._new = dict(values)
        self._old = {}

    def redo(self):
        self._old = self._document.apply_values(self._new)

    def undo(self):
        self._document.apply_values(self._old)


class EditFieldCommand(QUndoCommand):
    """One field (organ, a text section …); typing on into the same field merges."""

    def __init__(self, document, key: str, value):
        super().__init__(f"修改{FIELD_LABELS.get(key, '文字')}")
        self._document = document
        self._key = key
        self._old = document.field(key)
        self._new = value
        self._old_cells = {}
        self._when = time.monotonic()

    def id(self):
        return _TYPING

    def mergeWith(self, other):
        if other._key != self._key or self._key in ("manual_totals", "settled") or other._when - self._when > _PAUSE:
            return False
        self._new = other._new
        self._when = other._when
        return True

    def redo(self):
        self._old_cells = self._document.apply_field(self._key, self._new)

    def undo(self):
        self._document.apply_field(self._key, self._old)
        if self._old_cells:
            self._document.apply_values(self._old_cells)


class ReplaceReportCommand(QUndoCommand):
    """Everything at once: an import into the open report, a snapshot restored."""

    def __init__(self, document, report: Report, description: str):
        super().__init__(description)
        self._document = document
        self._other = report

    def redo(self):
        self._other = self._document.apply_report(self._other)

    undo = redo  # swapping back and forth


class SetImageCommand(QUndoCommand):
    """Add (or, undone, remove) a picture in report.images."""

    def __init__(self, document, name: str, data):
        super().__init__("插入图片")
        self._document = document
        self._name = name
        self._data = data

    def redo(self):
        self._data = self._document.apply_image(self._name, self._data)

    undo = redo
