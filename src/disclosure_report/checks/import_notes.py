"""What an imported report printed beside its numbers, shown until the clerk deals with it.

``import.cell_note`` (a warning the clerk can settle): a cell printed as
``22（其中修订16件）`` was read as 22; the remark is not part of the table.
It is shown while the cell still holds the number read. ``format.outdated``
(an error): （六）其他处理 was printed as one 2019-layout row; its three
rows were left blank until the clerk fills them.
"""

from __future__ import annotations

from typing import List

from disclosure_report.checks.findings import Finding, quoted
from disclosure_report.checks.rules import rule
from disclosure_report.model import Report
from disclosure_report.numbers import InvalidNumber, format_value, parse_number

SINGLE_ROW_PATH = "applications.other"  # the group whose three rows one 2019-layout row stands for


def check_import_notes(report: Report) -> List[Finding]:
    fmt = report.format
    findings = []
    for path, printed in report.import_notes.items():
        if path in fmt.tables:
            findings += _missing_table(report, path)
            continue
        if path == SINGLE_ROW_PATH:
            rows = [c.path for c in fmt.cells.values() if c.path.startswith(path + ".")]
            if all(report.values[p] is None for p in rows):
                findings.append(rule("format.outdated").finding(rows, _single_row_message(printed)))
            continue
        cell = fmt.cells.get(path)
        if cell is None or report.values[path] != _number_in(printed):
            continue  # edited since the import: the remark no longer speaks for the cell
        findings.append(rule("import.cell_note").finding((path,), (
            f"{cell.quoting}原文印为{quoted(printed)}，已读作 {format_value(report.values[path])}；"
            f"括号中的说明不属于表格，请核实数字，需要时把说明写入正文")))
    return findings


def _single_row_message(printed: str) -> str:
    return (f"表三“（六）其他处理”按已废止的 2019 年格式印为一行（{quoted(printed)}），现行格式分为"
            f"“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”“3.其他”三行；"
            f"这三行已留空，其余数字照常读入。请按办理台账把这一行的数字分填到三行（format.outdated）")


def _number_in(printed: str):
    try:
        return parse_number(printed.split("（")[0].split("(")[0])
    except InvalidNumber:
        return None


def missing_tables(report: Report) -> List[str]:
    """Tables an imported report did not have, while the clerk has filled none of their cells."""
    fmt = report.format
    return [t for t in report.import_notes if t in fmt.tables
            and all(report.values[c.path] is None for c in fmt.tables[t].cells)]


def _missing_table(report: Report, table_id: str) -> List[Finding]:
    if table_id not in missing_tables(report):
        return []
    table = report.format.tables[table_id]
    return [rule("table.missing").finding([c.path for c in table.cells], (
        f"导入的报告中没有{table.name}（{table.title}）：标题在，表格不在（未计为 {len(table.cells)} 个空格）；"
        f"请按原报告补填这张表，或向原单位索取完整的报告"))]
