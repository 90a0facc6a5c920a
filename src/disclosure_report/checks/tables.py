"""The table rules of FORMAT.md: applications.*, appeals.*, cell.*.

Cheap enough to run on every keystroke: the relations are expanded once
when the format is loaded, and a check is a pass over ~40 small sums.
"""

from __future__ import annotations

from typing import List

from disclosure_report.checks.findings import Finding, quoted
from disclosure_report.checks.import_notes import missing_tables
from disclosure_report.checks.rules import rule
from disclosure_report.model import Report
from disclosure_report.numbers import difference, shown_value, total, value_problem


def check_cells(report: Report) -> List[Finding]:
    fmt = report.format
    findings = []
    absent = missing_tables(report) if report.import_notes else []
    for table in fmt.tables.values():
        if table.id in absent:
            continue  # one table.missing finding says it
        for row in table.rows:
            blanks = []
            for column_id in row.columns:
                path = f"{table.id}.{row.id}.{column_id}"
                cell = fmt.cells[path]
                value = report.values[path]
                if value is None:
                    blanks.append(cell)
                    continue
                problem = value_problem(value, cell.kind, fmt.count_max, fmt.amount_decimals)
                if problem:
                    findings.append(rule("cell.value").finding((path,), f"{cell.quoting}：{problem}"))
            if blanks:
                findings.append(_blank_finding(table, row, blanks))
    return findings


def _blank_finding(table, row, blanks) -> Finding:
    paths = tuple(c.path for c in blanks)
    if len(row.columns) == 1:
        where = f"{table.name}{quoted(row.label)}为空"
    elif len(blanks) == len(row.columns):
        where = f"{table.name}{quoted(row.label)}整行为空"
    else:
        names = "、".join(table.columns[c.column].label for c in blanks)
        where = f"{table.name}{quoted(row.label)}行有 {len(blanks)} 个空格（{names}）"
    return rule("cell.blank").finding(paths, f"{where}：没有发生的请填 0，不要留空")


def check_relations(report: Report) -> List[Finding]:
    values = report.values
    findings = []
    for relation in report.format.relations:
        for inst in relation.instances:
            cells = inst.left + inst.right
            known = [values[p] for p in cells]
            if all(v is None for v in known):
                continue
            left, right = total(values[p] for p in inst.left), total(values[p] for p in inst.right)
            if left == right:
                continue
            message = relation.message.format(
                left=shown_value(left), right=shown_value(right),
                diff=shown_value(difference(left, right)), **inst.context,
            )
            if any(v is None for v in known):
                message += "（空格按 0 计）"
            findings.append(rule(relation.rule).finding(cells, message))
    return findings


def check_tables(report: Report) -> List[Finding]:
    return check_relations(report) + check_cells(report)
