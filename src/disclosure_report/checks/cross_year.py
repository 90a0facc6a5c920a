"""This year's report against last year's: cross_year.* of FORMAT.md."""

from __future__ import annotations

from typing import List

from disclosure_report.checks.findings import Finding
from disclosure_report.checks.rules import rule
from disclosure_report.model import Report
from disclosure_report.numbers import difference, format_value


def is_previous_year(report: Report, previous: Report) -> bool:
    return bool(report.year and previous.year and previous.year == report.year - 1)


def check_cross_year(report: Report, previous: Report) -> List[Finding]:
    if not is_previous_year(report, previous):
        return []
    return _carried_in(report, previous) + _in_force(report, previous)


def _carried_in(report: Report, previous: Report) -> List[Finding]:
    table = report.format.tables["applications"]
    findings = []
    for column in table.columns.values():
        this_path = f"applications.carried_in.{column.id}"
        last = previous.values[f"applications.carried_out.{column.id}"]
        this = report.values[this_path]
        if (this or 0) == (last or 0):
            continue
        message = (
            f"{column.label}列：本年“二、上年结转”为 {_shown(this)}，"
            f"但 {previous.year} 年报告“四、结转下年度继续办理”为 {_shown(last)}，"
            f"两者应相等"
        )
        findings.append(rule("cross_year.carried_in").finding((this_path,), message))
    return findings


def _in_force(report: Report, previous: Report) -> List[Finding]:
    findings = []
    table = report.format.tables["active"]
    for row_id in ("regulations", "normative_documents"):
        prefix = f"active.{row_id}."
        in_force = report.values[prefix + "in_force"]
        last = previous.values[prefix + "in_force"]
        issued = report.values[prefix + "issued"]
        repealed = report.values[prefix + "repealed"]
        if in_force is None or last is None:
            continue
        expected = last + (issued or 0) - (repealed or 0)
        if in_force == expected:
            continue
        label = table.row(row_id).label
        message = (
            f"{label}：现行有效 {format_value(in_force)} 件，"
            f"但上年现行有效 {format_value(last)} + 本年制发 {_shown(issued)} − 本年废止 {_shown(repealed)}"
            f" = {format_value(expected)} 件，相差 {format_value(difference(in_force, expected))} 件；"
            f"如有清理或统计口径变化，请在六、其他需要报告的事项中说明"
        )
        cells = (prefix + "in_force", prefix + "issued", prefix + "repealed")
        findings.append(rule("cross_year.in_force").finding(cells, message))
    return findings


def _shown(value) -> str:
    return "空" if value is None else format_value(value)
