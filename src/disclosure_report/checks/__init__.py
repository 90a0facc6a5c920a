"""All checks of a report, in one call."""

from __future__ import annotations

from typing import List, Optional

from disclosure_report.checks.cross_year import check_cross_year
from disclosure_report.checks.findings import ERROR, WARNING, Finding, Span
from disclosure_report.checks.import_notes import check_import_notes
from disclosure_report.checks.settle import mark_settled
from disclosure_report.checks.tables import check_tables
from disclosure_report.checks.text import check_text
from disclosure_report.model import Report

__all__ = ["ERROR", "WARNING", "Finding", "Span", "run_checks", "count_by_severity"]


def run_checks(report: Report, previous: Optional[Report] = None) -> List[Finding]:
    """Every rule that applies; the cross-year rules only with last year's report."""
    findings = check_import_notes(report) + check_tables(report)
    if previous is not None:
        findings += check_cross_year(report, previous)
    findings += check_text(report, previous)
    return mark_settled(report, findings)


def count_by_severity(findings: List[Finding]) -> dict:
    counts = {ERROR: 0, WARNING: 0}
    for finding in findings:
        if finding.settled is None:  # a settled finding is listed apart, not counted
            counts[finding.severity] += 1
    return counts
