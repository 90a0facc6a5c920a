"""The tables as an .xlsx for statisticians: one sheet a table, the values themselves, no formulas.

The same official layout as the fill-in workbook, so that the sheets read
like the published tables; nothing is locked and nothing needs recomputing.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Union

from openpyxl import Workbook

from disclosure_report.atomicwrite import write_atomically
from disclosure_report.excel.cells import plain_text
from disclosure_report.excel.workbook import draw_table
from disclosure_report.model import Report


def write_values(report: Report, path: Union[str, Path]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for table in report.format.tables.values():
        ws = wb.create_sheet(table.name)
        for placed in draw_table(ws, table, f"{report.display_title()}　{table.name}　{table.title}"):
            if placed.cell.path is not None:
                ws.cell(placed.row, placed.col).value = report.values[placed.cell.path]
    wb.properties.title = plain_text(report.display_title())
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomically(path, buffer.getvalue())
