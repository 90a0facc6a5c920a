"""The 汇总 dialog's table of units: what each row says, and the table filled with it in one go.

The cells stay Qt's own items (QTableWidgetItem), not a Python model: while
the units are read, the reading threads hold Python's lock most of the time,
and a view painting from a Python model needs that lock for every cell and
role it asks about; measured with 50 units, the dialog then stalled longer
(bench/bench_event_loop.py). Columns are sized to the first 30 rows.
"""

from __future__ import annotations

from typing import List, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from disclosure_report.ui.list_table import list_table

COLUMNS = ("来源", "单位", "年度", "是否计入", "自身核对", "说明")
CONFIRM_COLUMN = 3


class UnitRow(NamedTuple):
    cells: tuple  # the six texts
    source: str  # the tooltip of the first column
    confirmable: bool  # has errors: 是否计入 is a check box
    confirmed: bool


def unit_rows(model) -> List[UnitRow]:
    """The rows of a ConsolidationModel, as the table shows them."""
    rows = []
    for source, shown, unit, readable in model.rows():
        cells = (shown, "", "", "", "", "")
        confirmable = confirmed = False
        if unit is not None:
            counts = len(unit.findings) - unit.errors
            verdict = (f"{unit.errors} 个错误，{counts} 个提醒" if unit.errors else
                       f"通过（{counts} 个提醒）" if counts else "通过")
            included = "计入" if unit.included else "未计入"
            confirmable = unit.confirmable
            if confirmable:
                confirmed = unit.source in model.confirmed
                included = "确认计入" if unit.included else "未计入（勾选确认计入）"
            cells = (shown, unit.organ, str(unit.year or ""), included, verdict if readable else "无法读取",
                     unit.reason)
        rows.append(UnitRow(cells, source, confirmable, confirmed))
    return rows


def fill(table: QTableWidget, rows: List[UnitRow]) -> None:
    """The rows into the table, in one go: its signals blocked and no painting until all are in."""
    table.setUpdatesEnabled(False)
    table.blockSignals(True)
    table.setRowCount(len(rows))
    for row, shown in enumerate(rows):
        for col, text in enumerate(shown.cells):
            item = QTableWidgetItem(text)
            item.setToolTip(shown.source if col == 0 else text)
            if col == CONFIRM_COLUMN and shown.confirmable:
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if shown.confirmed else Qt.Unchecked)
            table.setItem(row, col, item)
    table.resizeColumnsToContents()
    table.blockSignals(False)
    table.setUpdatesEnabled(True)


def units_table() -> QTableWidget:
    """Read-only, whole rows selected (several at once, for 移除所选), 说明 taking the spare width."""
    table = list_table(COLUMNS, stretch=len(COLUMNS) - 1, single=False)
    table.horizontalHeader().setResizeContentsPrecision(30)  # columns sized to the first rows, not to hundreds
    return table
