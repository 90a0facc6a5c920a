"""One Qt model per table, laid out like the official table.

The grid is ``format.tables[id].layout``: header, label and note cells are
read-only (merged in the view with ``setSpan``), value cells hold the
numbers. Totals are shown as computed (own colour, read-only) unless the
report's totals are typed by hand.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from disclosure_report.checks.findings import ERROR
from disclosure_report.format import LayoutCell, Table
from disclosure_report.numbers import InvalidNumber, cell_value, format_value
from disclosure_report.ui import marks

# Looking up Qt.SomeRole costs ~15 µs in PySide6 6.9 (lazy enum attributes),
# and data() runs for every cell on every repaint: look them up once here.
DISPLAY, EDIT, ALIGN, BACKGROUND, FOREGROUND, DECORATION, TOOLTIP = (
    Qt.DisplayRole, Qt.EditRole, Qt.TextAlignmentRole, Qt.BackgroundRole, Qt.ForegroundRole,
    Qt.DecorationRole, Qt.ToolTipRole)
_SERVED = frozenset({DISPLAY, EDIT, ALIGN, BACKGROUND, FOREGROUND, DECORATION, TOOLTIP})
_FINDING_ROLES = [BACKGROUND, DECORATION, TOOLTIP, FOREGROUND]
_NO_FLAGS = Qt.NoItemFlags
_LABEL_FLAGS = Qt.ItemIsEnabled
_VALUE_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable
_INPUT_FLAGS = _VALUE_FLAGS | Qt.ItemIsEditable
_LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_CENTER = int(Qt.AlignCenter)


class TableModel(QAbstractTableModel):
    def __init__(self, document, table: Table, parent=None):
        super().__init__(parent)
        self.document = document
        self.table = table
        self._fmt = document.report.format
        rows, cols = len(table.layout), table.grid_columns
        # the layout cell drawn at each grid position (top-left of a merge only)
        self._grid: List[List[Optional[LayoutCell]]] = [[None] * cols for _ in range(rows)]
        self.spans: List[Tuple[int, int, int, int]] = []
        self._position: Dict[str, Tuple[int, int]] = {}
        for layout_row in table.layout:
            for cell in layout_row:
                if cell.continued:
                    continue
                self._grid[cell.row][cell.col] = cell
                if cell.rowspan > 1 or cell.colspan > 1:
                    self.spans.append((cell.row, cell.col, cell.rowspan, cell.colspan))
                if cell.path:
                    self._position[cell.path] = (cell.row, cell.col)
        document.valuesChanged.connect(self._values_changed)
        document.findingsChanged.connect(self._findings_changed)
        document.reportReplaced.connect(self._everything_changed)
        document.fieldChanged.connect(self._field_changed)
        document.readOnlyChanged.connect(self._everything_changed)

    # -- the grid -----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._grid)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.table.grid_columns

    def cell(self, index: QModelIndex) -> Optional[LayoutCell]:
        if not index.isValid():
            return None
        return self._grid[index.row()][index.column()]

    def index_of(self, path: str) -> QModelIndex:
        row, col = self._position[path]
        return self.index(row, col)

    def paths(self):
        return self._position.keys()

    def is_value(self, index: QModelIndex) -> bool:
        cell = self.cell(index)
        return cell is not None and cell.role == "value"

    def is_computed(self, path: str) -> bool:
        return self._fmt.cells[path].computed and not self.document.report.manual_totals

    def is_editable(self, index: QModelIndex) -> bool:
        return self.is_value(index) and not self.is_computed(self.cell(index).path) and not self.document.read_only

    # -- Qt model interface -----------------------------------------------------------
    def flags(self, index):
        cell = self.cell(index)
        if cell is None:
            return _NO_FLAGS
        if cell.role != "value":
            return _LABEL_FLAGS
        if self.document.read_only or self.is_computed(cell.path):
            return _VALUE_FLAGS
        return _INPUT_FLAGS

    def data(self, index, role=DISPLAY):
        if role not in _SERVED:
            return None
        cell = self._grid[index.row()][index.column()] if index.isValid() else None
        if cell is None:
            return None
        if cell.role != "value":
            return self._label_data(cell, role)
        path = cell.path
        if role in (DISPLAY, EDIT):
            return format_value(self.document.report.values[path])
        if role == ALIGN:
            return _RIGHT
        findings = self.document.findings_by_cell.get(path)
        severity = _worst(findings)
        if role == BACKGROUND:
            if severity:
                return marks.background(severity)
            return marks.COMPUTED_BACKGROUND if self.is_computed(path) else None
        if role == FOREGROUND:
            return marks.COMPUTED_TEXT if self.is_computed(path) else marks.TEXT
        if role == DECORATION:
            return marks.severity_icon(severity) if severity else None
        if role == TOOLTIP:
            return self._tooltip(path, findings)
        return None

    def _label_data(self, cell: LayoutCell, role):
        if role == DISPLAY:
            return cell.text
        if role == ALIGN:
            # row labels read left to right; headers and tall group labels are centred
            return _LEFT if cell.role == "label" and cell.rowspan == 1 else _CENTER
        if role == BACKGROUND:
            return marks.LABEL_BACKGROUND if cell.role == "label" else marks.HEADER_BACKGROUND
        if role == FOREGROUND:
            return marks.TEXT
        if role == TOOLTIP and cell.text:
            return cell.text
        return None

    def _tooltip(self, path: str, findings) -> str:
        lines = [self._fmt.cells[path].description]
        if self.is_computed(path):
            lines.append("自动合计：由各分项相加得出（要照抄已公布的报告，可在“报告信息”中改为手工填写合计）")
        for finding in findings or ():
            lines.append(f"{finding.severity_label}：{finding.message}")
        return "\n".join(lines)

    def kind(self, index) -> str:
        """count or amount: what the cell at index takes."""
        return self._fmt.cells[self.cell(index).path].kind

    def setData(self, index, value, role=EDIT):
        if role != EDIT or not self.is_editable(index):
            return False
        path = self.cell(index).path
        try:
            number = cell_value(str(value), self._fmt.cells[path].kind)
        except InvalidNumber as e:
            self.document.message.emit(f"{self._fmt.cells[path].description}：{e}，未填入")
            return False
        self.document.edit_values({path: number}, f"填写{self._fmt.cells[path].description}")
        return True

    # -- keeping the view in step with the document ---------------------------------
    def _values_changed(self, paths):
        for path in paths:
            if path in self._position:
                index = self.index_of(path)
                self.dataChanged.emit(index, index, [DISPLAY, EDIT])

    def _findings_changed(self):
        for path in self.document.cells_with_new_findings:
            if path in self._position:
                index = self.index_of(path)
                self.dataChanged.emit(index, index, _FINDING_ROLES)

    def _field_changed(self, key):
        if key == "manual_totals":
            self._everything_changed()

    def _everything_changed(self):
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))


def _worst(findings) -> Optional[str]:
    if not findings:
        return None
    return ERROR if any(f.severity == ERROR for f in findings) else findings[0].severity
