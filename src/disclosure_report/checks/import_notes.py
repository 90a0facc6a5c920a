"""What an imported report printed beside its numbers, shown until the clerk deals with it.

``import.cell_note`` (a warning the clerk can settle): a cell printed as
``22（其中修订16件）`` was read as 22; the remark is not part of the table.
It is shown while the cell still holds the number read. ``format.outdated``
(an error): （六）其他处理 was printed as one 2019-layout row; its three
rows were left blank until the clerk fills them.
"""

from __future__ import annotations

from typing import List

from disclosure_report.checks.findings import ERROR, WARNING, Finding
from disclosure_report.model import Report
from disclosure_report.numbers import InvalidNumber, format_value, parse_number
from disclosure_report.reading import outdated

CELL_NOTE = "import.cell_note"


def check_import_notes(report: Report) -> List[Finding]:
    fmt = report.format
    findings = []
    for path, printed in report.import_notes.items():
        if path == outdated.SINGLE_ROW_PATH:
            rows = [c.path for c in fmt.cells.values() if c.path.startswith(path + ".")]
            if all(report.values[p] is None for p in rows):
                findings.append(Finding(outdated.RULE, ERROR, tuple(rows), outdated.single_row_message(printed)))
            continue
        cell = fmt.cells.get(path)
        if cell is None or report.values[path] != _number_in(printed):
            continue  # edited since the import: the remark no longer speaks for the cell
        findings.append(Finding(CELL_NOTE, WARNING, (path,), (
            f"{cell.description}原文印为“{printed}”，已读作 {format_value(report.values[path])}；"
            f"括号中的说明不属于表格，请核实数字，需要时把说明写入正文")))
    return findings


def _number_in(printed: str):
    try:
        return parse_number(printed.split("（")[0].split("(")[0])
    except InvalidNumber:
        return None
