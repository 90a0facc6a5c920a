"""The text.* rules of FORMAT.md: the report's words against its tables.

``check_text(report, previous)`` runs them all; it is cheap enough for every
keystroke (bench/bench_text.py): the patterns are compiled at import and a
section is scanned once per rule family.
"""

from __future__ import annotations

from typing import List, Optional

from disclosure_report.checks.findings import Finding
from disclosure_report.checks.text.figures import change_findings, figure_findings, find_mentions
from disclosure_report.checks.text.parts import parts_findings
from disclosure_report.checks.text.passage import Passage
from disclosure_report.checks.text.peers import problems_perfunctory, wrong_year
from disclosure_report.checks.text.repeats import repeats_last_year
from disclosure_report.checks.text.statements import fee_statement, outdated_basis, overview_length, where
from disclosure_report.model import Report, is_last_year

__all__ = ["check_text"]


def check_text(report: Report, previous: Optional[Report] = None) -> List[Finding]:
    last_year = previous if is_last_year(report, previous) else None
    findings: List[Finding] = []
    for section in report.format.text_ids:
        text = report.text.get(section) or ""
        if not text.strip():
            continue
        passage = Passage(section, text, where(report, section))
        mentions = find_mentions(passage, report.organ, report.year)
        findings += figure_findings(passage, mentions, report.values,
                                    last_year.values if last_year else None,
                                    last_year.year if last_year else None)
        if last_year is not None:
            findings += change_findings(passage, report.organ, report.year, report.values,
                                        last_year.values, last_year.year)
        findings += parts_findings(passage, mentions)
    findings += fee_statement(report) + overview_length(report) + outdated_basis(report)
    findings += problems_perfunctory(report) + wrong_year(report)
    findings += repeats_last_year(report, last_year)
    return findings
