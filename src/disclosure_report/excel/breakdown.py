"""The consolidation's breakdown as a workbook: who contributed what, and each unit's own checks.

Sheets: 单位 (every return: included or why not), 明细 (one row a cell of the
report: the sum, then each included unit's value), 各单位核对 (each unit's
findings). Plain values, written in openpyxl's streaming mode; names and
messages always as text (see :mod:`.cells`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Union

from openpyxl import Workbook
from openpyxl.styles import Font

from disclosure_report.atomicwrite import write_atomically
from disclosure_report.consolidate import Consolidation
from disclosure_report.excel.cells import stream_cell, stream_row

BOLD = Font(bold=True)


def write_breakdown(consolidation: Consolidation, path: Union[str, Path]) -> None:
    write_atomically(path, breakdown_bytes(consolidation))


def breakdown_bytes(consolidation: Consolidation) -> bytes:
    wb = Workbook(write_only=True)
    _units(wb.create_sheet("单位"), consolidation)
    _cells(wb.create_sheet("明细"), consolidation)
    _findings(wb.create_sheet("各单位核对"), consolidation)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _header(ws, texts):
    cells = []
    for text in texts:
        cell = stream_cell(ws, text)
        cell.font = BOLD
        cells.append(cell)
    ws.append(cells)


def _units(ws, consolidation: Consolidation) -> None:
    for col, width in zip("ABCDEFGH", (6, 30, 8, 40, 8, 8, 8, 60)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    _header(ws, ("序号", "单位", "年度", "来源", "是否计入", "错误", "提醒", "说明"))
    for n, unit in enumerate(consolidation.units, 1):
        warnings = len(unit.findings) - unit.errors
        ws.append(stream_row(ws, (n, unit.organ, unit.year, unit.source, "计入" if unit.included else "未计入",
                                  unit.errors, warnings, unit.reason)))
    for note in consolidation.notes:
        ws.append(())
        ws.append(stream_row(ws, (None, note)))


def _cells(ws, consolidation: Consolidation) -> None:
    fmt = consolidation.report.format
    included = [i for i, u in enumerate(consolidation.units) if u.included]
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 12
    ws.freeze_panes = "C2"
    _header(ws, ["单元格", "汇总"] + [consolidation.units[i].name for i in included])
    for path, cell in fmt.cells.items():
        by_unit = dict(consolidation.contributions[path])
        ws.append(stream_row(ws, [cell.description, consolidation.report.values[path]]
                             + [by_unit.get(i) for i in included]))


def _findings(ws, consolidation: Consolidation) -> None:
    for col, width in zip("ABCD", (30, 8, 28, 90)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    _header(ws, ("单位", "级别", "规则", "内容"))
    for unit in consolidation.units:
        for finding in unit.findings:
            ws.append(stream_row(ws, (unit.name, finding.severity_label, finding.rule, finding.message)))
