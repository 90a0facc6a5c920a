"""Where everything sits in our workbooks: one place for writer, reader and values export.

Each table of the format gets a sheet named after it (表二, 表三, 表四) with
its title on row 1, a hint on row 2 and the official grid from row 3, laid
out from ``Table.layout`` (merges included). The cover sheet holds the unit,
the year and the contact in fixed cells; the reader finds values only by
these positions and refuses a workbook whose labels are not where this
module puts them.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Dict, Iterable, List, Sequence, Tuple

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from disclosure_report.format import LayoutCell, Table

TITLE_ROW = 1
HINT_ROW = 2
TOP_ROW = 3  # sheet row of the table grid's first row

COVER_SHEET = "封面"
CHECK_SHEET = "核对"
COVER_TITLE = "政府信息公开工作年度报告 · 数据填报表"
# (label, what the cell holds) on the cover, one a row from COVER_FIRST_ROW, label in A, value in B
COVER_FIELDS: Tuple[Tuple[str, str], ...] = (
    ("填报单位", "organ"),
    ("报告年度", "year"),
    ("联系地址", "address"),
    ("联系电话", "phone"),
    ("公开网址", "website"),
    ("表格格式", "basis"),
    ("模板标识", "template"),
)
COVER_FIRST_ROW = 3
TEMPLATE_ID = "disclosure-report 填报表 1"
HINT = "浅黄色格子填写数字，没有发生的填 0，不要留空；灰色格子为自动合计。"
INSTRUCTIONS = (
    "填写说明",
    "1. 只在浅黄色格子中填写；灰色格子是自动合计，不必也不能填写。",
    "2. 填阿拉伯数字；没有发生的填 0，不要留空。收费金额以万元为单位，可带小数。",
    "3. 填完后请看“核对”表：每一项都应显示“通过”；“不通过”的请按差额修改。",
    "4. 请勿插入或删除行列、改动表头和工作表名称，否则汇总时无法读取。",
    "5. 保存为 .xlsx 格式报送（不要另存为 .xls，也不要启用宏）。",
)

LABEL_ROLES = ("header", "label", "note")
VALUE_WIDTH = 11
MAX_WIDTH = 40
MERGED_LABEL_WIDTH = 8  # a label running down several rows wraps in a narrow column
LINE_HEIGHT = 15  # points, one line of 11 pt text


def cover_row(field: str) -> int:
    return COVER_FIRST_ROW + [f for _, f in COVER_FIELDS].index(field)


@dataclass(frozen=True)
class Placed:
    """A layout cell at its place on the sheet (1-based rows and columns)."""

    cell: LayoutCell
    row: int
    col: int

    @property
    def last_row(self) -> int:
        return self.row + self.cell.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cell.colspan - 1

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.col)}{self.row}"

    @property
    def range(self) -> str:
        return f"{self.coordinate}:{get_column_letter(self.last_col)}{self.last_row}"

    @property
    def merged(self) -> bool:
        return self.cell.rowspan > 1 or self.cell.colspan > 1


def placed_cells(table: Table) -> List[Placed]:
    """Every visible cell of the table's grid; the covered parts of merges are left out."""
    return [Placed(cell, TOP_ROW + cell.row, 1 + cell.col)
            for layout_row in table.layout for cell in layout_row if not cell.continued]


def value_coordinates(table: Table) -> Dict[str, str]:
    """JSON path -> the address of its cell on the table's sheet ("D4")."""
    return {p.cell.path: p.coordinate for p in placed_cells(table) if p.cell.role == "value" and p.cell.path}


def label_cells(table: Table) -> List[Placed]:
    return [p for p in placed_cells(table) if p.cell.role in LABEL_ROLES]


def last_row(table: Table) -> int:
    return TOP_ROW + len(table.layout) - 1


def display_width(text: str) -> int:
    """Width in Excel's units: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_widths(table: Table) -> Dict[int, float]:
    """Wide enough for one-column labels (up to MAX_WIDTH, then they wrap)."""
    widths = {col: 0.0 for col in range(1, table.grid_columns + 1)}
    for p in placed_cells(table):
        if p.cell.colspan != 1:
            continue
        if p.cell.role == "value":
            want = VALUE_WIDTH
        elif p.cell.rowspan > 1 and p.cell.role == "label":
            want = MERGED_LABEL_WIDTH
        else:
            want = min(display_width(p.cell.text) + 2, MAX_WIDTH)
        widths[p.col] = max(widths[p.col], want)
    return {col: width or VALUE_WIDTH for col, width in widths.items()}


def _runs(cells: Sequence[Tuple[int, int]]) -> List[Tuple[Tuple[int, int], Tuple[int, int]]]:
    """Consecutive cells along a row or a column, as (first, last) pairs."""
    runs: List[List[Tuple[int, int]]] = []
    for row, col in cells:
        if runs:
            first, last = runs[-1]
            same_col = first[1] == last[1] == col and row == last[0] + 1
            same_row = first[0] == last[0] == row and col == last[1] + 1
            if same_col or same_row:
                runs[-1][1] = (row, col)
                continue
        runs.append([(row, col), (row, col)])
    return [(first, last) for first, last in runs]


def sum_formula(coordinates: Iterable[str], sheet: str = "") -> str:
    """SUM over the cells, with ranges where they run on: SUM(D6:D26); written and recognised by this."""
    prefix = f"'{sheet}'!" if sheet else ""
    parts = []
    for (r1, c1), (r2, c2) in _runs([coordinate_to_tuple(c) for c in coordinates]):
        start = f"{prefix}{get_column_letter(c1)}{r1}"
        parts.append(start if (r1, c1) == (r2, c2) else f"{start}:{get_column_letter(c2)}{r2}")
    return f"SUM({','.join(parts)})"


def row_heights(table: Table, widths: Dict[int, float]) -> Dict[int, float]:
    """Heights for rows whose label wraps (openpyxl cannot make Excel autofit)."""
    heights: Dict[int, float] = {}
    for p in label_cells(table):
        room = sum(widths[c] for c in range(p.col, p.last_col + 1)) - 1
        # a Chinese character renders narrower than two of Excel's units
        lines = math.ceil(display_width(p.cell.text) * 0.85 / max(room, 1))
        per_row = math.ceil(lines / p.cell.rowspan)
        if per_row > 1:
            heights[p.row] = max(heights.get(p.row, 0), per_row * LINE_HEIGHT + 3)
    return heights
