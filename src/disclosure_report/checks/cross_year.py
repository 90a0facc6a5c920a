"""This year's report against last year's: cross_year.* of FORMAT.md."""

from __future__ import annotations

from typing import List

from disclosure_report.checks.findings import Finding, quoted
from disclosure_report.checks.rules import rule
from disclosure_report.model import Report, is_last_year
from disclosure_report.numbers import difference, format_value


def check_cross_year(report: Report, previous: Report) -> List[Finding]:
    if not is_last_year(report, previous):
        return []
    return _carried_in(report, previous) + _in_force(report, previous)


def _carried_in(report: Report, previous: Report) -> List[Finding]:
    """Each row a new year carries over (format: carry_over) equals last year's, column by column."""
    findings = []
    fmt = report.format
    for this_row, last_row in fmt.carry_over:
        table_id, _, this_id = this_row.partition(".")
        table = fmt.tables[table_id]
        this_label, last_label = table.row(this_id).label, table.row(last_row.partition(".")[2]).label
        for column in table.columns.values():
            this_path = f"{this_row}.{column.id}"
            last = previous.values[f"{last_row}.{column.id}"]
            this = report.values[this_path]
            if (this or 0) == (last or 0):
                continue
            message = (
                f"{column.label}列：本年{quoted(_short_label(this_label))}为 {_shown(this)}，"
                f"但 {previous.year} 年报告{quoted(_short_label(last_label))}为 {_shown(last)}，"
                f"两者应相等"
            )
            findings.append(rule("cross_year.carried_in").finding((this_path,), message))
    return findings


def _short_label(label: str) -> str:
    """二、上年结转政府信息公开申请数量 -> 二、上年结转 (as a sentence names the row)."""
    return label.removesuffix("政府信息公开申请数量")


def _in_force(report: Report, previous: Report) -> List[Finding]:
    """Stock rows (format: cross_year.in_force): this year's = last year's + added − removed."""
    stock = report.format.in_force
    if stock is None:
        return []
    findings = []
    for row_path in stock.rows:
        table_id, _, row_id = row_path.partition(".")
        table = report.format.tables[table_id]
        names = {c: table.columns[c].label.removesuffix("件数") for c in (stock.stock, stock.added, stock.removed)}
        prefix = f"{row_path}."
        in_force = report.values[prefix + stock.stock]
        last = previous.values[prefix + stock.stock]
        issued = report.values[prefix + stock.added]
        repealed = report.values[prefix + stock.removed]
        if in_force is None or last is None:
            continue
        expected = last + (issued or 0) - (repealed or 0)
        if in_force == expected:
            continue
        message = (
            f"{table.row(row_id).label}：{names[stock.stock]} {format_value(in_force)} 件，"
            f"但上年{names[stock.stock]} {format_value(last)} + {names[stock.added]} {_shown(issued)}"
            f" − {names[stock.removed]} {_shown(repealed)}"
            f" = {format_value(expected)} 件，相差 {format_value(difference(in_force, expected))} 件；"
            f"如有清理或统计口径变化，请在六、其他需要报告的事项中说明"
        )
        cells = (prefix + stock.stock, prefix + stock.added, prefix + stock.removed)
        findings.append(rule("cross_year.in_force").finding(cells, message))
    return findings


def _shown(value) -> str:
    return "空" if value is None else format_value(value)
