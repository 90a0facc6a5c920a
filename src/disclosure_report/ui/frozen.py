"""Frozen panes (冻结窗格) for a table: its header rows and row-label columns stay in view.

As in Qt's "Frozen Column" example: read-only views of the same model lie
over the table's viewport, one over the header rows (scrolling sideways
with the table), one over the label columns (scrolling up and down with
it) and one over the corner where they meet. They take no focus and no
selection; a click or the wheel on them goes on to the table.
"""

from __future__ import annotations

from typing import List, Tuple

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QTableView

from disclosure_report.ui.delegates import LabelDelegate


def frozen_extent(model) -> Tuple[int, int]:
    """(rows, columns) to freeze: the leading rows and columns that hold no number.

    Rows only when the table has one block of headers (表三, 表四): 表二
    repeats its headers before each block, and a frozen first block would
    then name the wrong columns.
    """
    rows, cols = model.rowCount(), model.columnCount()

    def has_value(cells) -> bool:
        return any(model.is_value(model.index(r, c)) for r, c in cells)

    def lead(count, cells_of) -> int:
        n = 0
        while n < count and not has_value(cells_of(n)):
            n += 1
        return n

    header_rows = lead(rows, lambda r: [(r, c) for c in range(cols)])
    if any(not has_value([(r, c) for c in range(cols)]) for r in range(header_rows, rows)):
        header_rows = 0
    label_cols = lead(cols, lambda c: [(r, c) for r in range(rows)])
    # not when a merge reaches across into the numbers (表二's 第二十条第（一）项 rows over all its columns)
    crossing = any(c.col < label_cols < c.col + c.colspan for row in model.table.layout for c in row)
    return header_rows, (label_cols if 0 < label_cols < cols and not crossing else 0)


class FrozenPart(QTableView):
    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        self.setModel(table.model())
        self.setItemDelegate(LabelDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setFocusPolicy(Qt.NoFocus)
        self.setSelectionMode(QAbstractItemView.NoSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        for span in table.model().spans:
            self.setSpan(*span)

    def scrollContentsBy(self, dx, dy):
        super().scrollContentsBy(dx, dy)
        self.viewport().update()  # merged labels are drawn in their visible part: redraw it whole

    def wheelEvent(self, event):
        QApplication.sendEvent(self.table.viewport(), event)

    def mousePressEvent(self, event):
        self.table.setFocus()
        super().mousePressEvent(event)


class FrozenPanes:
    """The parts over a table, kept in step with its sizes and scrolling."""

    def __init__(self, table: QTableView):
        self.table = table
        self.rows, self.cols = frozen_extent(table.model())
        self.top = FrozenPart(table) if self.rows else None
        self.left = FrozenPart(table) if self.cols else None
        self.corner = FrozenPart(table) if self.rows and self.cols else None
        if self.top is not None:
            table.horizontalScrollBar().valueChanged.connect(self.top.horizontalScrollBar().setValue)
        if self.left is not None:
            table.verticalScrollBar().valueChanged.connect(self.left.verticalScrollBar().setValue)
        table.horizontalHeader().sectionResized.connect(self._column_resized)
        table.verticalHeader().sectionResized.connect(self._row_resized)

    def parts(self) -> List[FrozenPart]:
        return [p for p in (self.top, self.left, self.corner) if p is not None]

    def _column_resized(self, col: int, _old: int, width: int) -> None:
        for part in self.parts():
            part.setColumnWidth(col, width)
        self.place()

    def _row_resized(self, row: int, _old: int, height: int) -> None:
        for part in self.parts():
            part.setRowHeight(row, height)
        self.place()

    def height(self) -> int:
        return sum(self.table.rowHeight(r) for r in range(self.rows))

    def width(self) -> int:
        return sum(self.table.columnWidth(c) for c in range(self.cols))

    def place(self) -> None:
        viewport = self.table.viewport().geometry()
        x, y = viewport.x(), viewport.y()
        height, width = min(self.height(), viewport.height()), min(self.width(), viewport.width())
        if self.top is not None:
            self.top.setGeometry(QRect(x, y, viewport.width(), height))
            self.top.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value())
        if self.left is not None:
            self.left.setGeometry(QRect(x, y, width, viewport.height()))
            self.left.verticalScrollBar().setValue(self.table.verticalScrollBar().value())
        if self.corner is not None:
            self.corner.setGeometry(QRect(x, y, width, height))
        for part in self.parts():
            part.raise_()
        if self.corner is not None:
            self.corner.raise_()

    def uncovered(self, rect: QRect) -> Tuple[int, int]:
        """How far (dx, dy) to scroll so that a cell's rect is not under a frozen part."""
        dx = rect.left() - self.width() if self.left is not None and rect.left() < self.width() else 0
        dy = rect.top() - self.height() if self.top is not None and rect.top() < self.height() else 0
        return dx, dy
