"""The fill-in workbook a sub-unit completes in Excel or WPS, offline.

Laid out from the format's one definition (see :mod:`.layout`): a cover with
the unit, year and contact; one protected sheet a table in the official
layout, where only the input cells are open, with data validation on them
and the totals as SUM formulas; a 核对 sheet whose formulas show every sum
relation of the format as 通过/不通过 with the difference.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Dict, List, Union

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from disclosure_report.atomicwrite import write_atomically
from disclosure_report.excel import layout
from disclosure_report.excel.cells import plain_text, put
from disclosure_report.format import AMOUNT, ReportFormat, Table
from disclosure_report.model import Report

FONT = "宋体"
INPUT_FILL = PatternFill("solid", fgColor="FFF6D5")
TOTAL_FILL = PatternFill("solid", fgColor="E7E6E6")
FAIL_FILL = PatternFill("solid", fgColor="F8CBAD")
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
UNLOCKED = Protection(locked=False)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def write_workbook(report: Report, path: Union[str, Path]) -> None:
    """The fill-in workbook, pre-filled with the report's values (blank cells stay blank)."""
    write_atomically(path, workbook_bytes(report))


def workbook_bytes(report: Report) -> bytes:
    wb = build_workbook(report)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def build_workbook(report: Report) -> Workbook:
    fmt = report.format
    wb = Workbook()
    _cover(wb.active, report, fmt)
    for table in fmt.tables.values():
        _table_sheet(wb.create_sheet(table.name), table, report)
    _check_sheet(wb.create_sheet(layout.CHECK_SHEET), fmt)
    wb.properties.title = plain_text(report.display_title())
    wb.properties.keywords = fmt.id
    return wb


def _protect(ws: Worksheet) -> None:
    """Locked labels keep the layout readable by the importer; no password, so nobody is locked out."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column or row stays allowed
    ws.protection.formatRows = False


def font(bold: bool = False, size: int = 11) -> Font:
    return Font(name=FONT, size=size, bold=bold)


def _cover(ws: Worksheet, report: Report, fmt: ReportFormat) -> None:
    ws.title = layout.COVER_SHEET
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 72
    ws.merge_cells("A1:B1")
    ws["A1"] = layout.COVER_TITLE
    ws["A1"].font = font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    contents = {
        "organ": report.organ,
        "year": report.year,
        "address": report.contact.address,
        "phone": report.contact.phone,
        "website": report.contact.website,
        "basis": fmt.basis,
        "template": f"{layout.TEMPLATE_ID} · {fmt.id}",
    }
    inputs = ("organ", "year", "address", "phone", "website")
    for label, field in layout.COVER_FIELDS:
        row = layout.cover_row(field)
        ws.cell(row, 1, label).font = font(bold=True)
        value = ws.cell(row, 2)
        put(value, contents[field] if contents[field] not in ("", None) else None)  # the unit's text stays text
        value.font = font()
        value.alignment = Alignment(horizontal="left", vertical="center")
        for cell in (ws.cell(row, 1), value):
            cell.border = BORDER
        if field in inputs:
            value.protection = UNLOCKED
            value.fill = INPUT_FILL
    year = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100",
                          allow_blank=True, showErrorMessage=True, errorTitle="年度有误",
                          error="请填写报告所属年度，四位数字，如 2024")
    year.add(f"B{layout.cover_row('year')}")
    ws.add_data_validation(year)
    row = layout.COVER_FIRST_ROW + len(layout.COVER_FIELDS) + 1
    for n, line in enumerate(layout.INSTRUCTIONS):
        cell = ws.cell(row + n, 1, line)
        cell.font = font(bold=(n == 0))
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(start_row=row + n, start_column=1, end_row=row + n, end_column=2)
    print_setup(ws, False)
    _protect(ws)


def draw_table(ws: Worksheet, table: Table, heading: str) -> List[layout.Placed]:
    """The table's title and grid (labels, merges, borders, sizes); returns its value cells, still empty."""
    widths = layout.column_widths(table)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, height in layout.row_heights(table, widths).items():
        ws.row_dimensions[row].height = height
    last = get_column_letter(table.grid_columns)
    ws.merge_cells(f"A{layout.TITLE_ROW}:{last}{layout.TITLE_ROW}")
    title = ws.cell(layout.TITLE_ROW, 1)
    put(title, heading)  # holds the organ's name
    title.font = font(bold=True, size=14)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[layout.TITLE_ROW].height = 26
    values = []
    for placed in layout.placed_cells(table):
        cell = ws.cell(placed.row, placed.col)
        if placed.merged:
            ws.merge_cells(placed.range)
        for r in range(placed.row, placed.last_row + 1):
            for c in range(placed.col, placed.last_col + 1):
                ws.cell(r, c).border = BORDER
        if placed.cell.role == "value":
            cell.font = font()
            cell.alignment = Alignment(horizontal="center", vertical="center")
            values.append(placed)
            continue
        cell.value = placed.cell.text or None
        cell.font = font(bold=placed.cell.role == "header")
        horizontal = "left" if placed.cell.role == "label" and placed.cell.rowspan == 1 else "center"
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    print_setup(ws, table.grid_columns > 4)
    return values


def _table_sheet(ws: Worksheet, table: Table, report: Report) -> None:
    value_cells = draw_table(ws, table, f"{table.name}　{table.title}")
    last = get_column_letter(table.grid_columns)
    ws.merge_cells(f"A{layout.HINT_ROW}:{last}{layout.HINT_ROW}")
    ws.cell(layout.HINT_ROW, 1, layout.HINT).font = font(size=10)
    fmt = report.format
    totals = {inst.computes: inst for inst in fmt.computations}
    coordinates = layout.value_coordinates(table)
    validations = {
        "count": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True, showErrorMessage=True, errorTitle="请填整数",
                                error="件数请填 0 或正整数（没有发生的填 0）"),
        AMOUNT: DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                               allow_blank=True, showErrorMessage=True, errorTitle="请填金额",
                               error="金额请填不小于 0 的数字，单位为万元，可带小数"),
    }
    for placed in value_cells:
        cell = ws.cell(placed.row, placed.col)
        path = placed.cell.path
        assert path is not None  # a value cell always has its path
        if path in totals and not report.manual_totals:
            cell.value = "=" + layout.sum_formula(coordinates[p] for p in totals[path].right)
            cell.fill = TOTAL_FILL
            continue
        # a report whose totals are typed (a published one transcribed) keeps them as typed, open like the
        # other inputs: a formula would silently replace a total that does not add up; 核对 shows it
        cell.value = report.values.get(path)
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
        validations[fmt.cells[path].kind].add(placed.coordinate)
    for validation in validations.values():
        if validation.sqref.ranges:
            ws.add_data_validation(validation)
    _protect(ws)


def print_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _text_formula(template: str, context: Dict[str, str], refs: Dict[str, str]) -> str:
    """The relation's message as an Excel formula: fixed text joined with the cells' figures."""
    pieces = []
    literal = ""
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        literal += template[position:match.start()]
        name = match.group(1)
        position = match.end()
        if name not in refs:
            literal += context.get(name, match.group(0))
            continue
        if literal:
            pieces.append(_quote(literal))
        pieces.append(refs[name])
        literal = ""
    literal += template[position:]
    if literal:
        pieces.append(_quote(literal))
    return "=" + "&".join(pieces)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _check_sheet(ws: Worksheet, fmt: ReportFormat) -> None:
    """One row an equation: left, right, difference, 通过/不通过 and the format's own message."""
    headers = ("表", "核对内容", "左边", "右边", "差额", "结果")
    for letter, width in zip("ABCDEF", (7, 72, 9, 9, 9, 9)):
        ws.column_dimensions[letter].width = width
    ws.merge_cells("A1:F1")
    ws["A1"] = "核对：表内勾稽关系（随填写自动计算）"
    ws["A1"].font = font(bold=True, size=14)
    first = 4
    rows = [(rel, inst) for rel in fmt.relations for inst in rel.instances]
    last = first + len(rows) - 1
    failing = f'COUNTIF(F{first}:F{last},"不通过")'
    ws.merge_cells("A2:F2")
    ws["A2"] = f'=IF({failing}=0,"全部通过","有"&{failing}&"项不通过，请按差额修改红色各项")'
    ws["A2"].font = font(bold=True)
    for col, header in enumerate(headers, 1):
        cell = ws.cell(3, col, header)
        cell.font = font(bold=True)
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center")
    coordinates = {p: c for t in fmt.tables.values() for p, c in layout.value_coordinates(t).items()}
    for row, (relation, inst) in enumerate(rows, first):
        sheet = fmt.tables[relation.table].name
        values = (
            sheet,
            _text_formula(relation.message, inst.context,
                          {"left": f"C{row}", "right": f"D{row}", "diff": f"ABS(E{row})"}),
            "=" + layout.sum_formula((coordinates[p] for p in inst.left), sheet),
            "=" + layout.sum_formula((coordinates[p] for p in inst.right), sheet),
            f"=C{row}-D{row}",
            f'=IF(E{row}=0,"通过","不通过")',
        )
        for col, value in enumerate(values, 1):
            cell = ws.cell(row, col, value)
            cell.font = font()
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="left" if col == 2 else "center", vertical="center",
                                       wrap_text=col == 2)
    ws.conditional_formatting.add(f"F{first}:F{last}",
                                  CellIsRule(operator="equal", formula=['"不通过"'], fill=FAIL_FILL))
    ws.freeze_panes = f"A{first}"
    print_setup(ws, False)
    _protect(ws)
