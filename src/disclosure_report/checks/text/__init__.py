"""The text.* rules of FORMAT.md: the report's words against its tables.

``check_text(report, previous)`` runs them all; it is cheap enough for every
keystroke (bench/bench_text.py, bench/bench_keystroke.py): the patterns are
compiled at import, a section is read paragraph by paragraph and what a
paragraph yields is kept while it is unchanged (scan.py), so a keystroke
rereads one paragraph and a cell commit only compares the figures read.
"""

from __future__ import annotations

from typing import List, Optional

from disclosure_report.checks.findings import Finding
from disclosure_report.checks.text.figures import change_findings, figure_findings
from disclosure_report.checks.text.peers import problems_perfunctory, wrong_year
from disclosure_report.checks.text.quantities import vocabulary
from disclosure_report.checks.text.repeats import repeats_last_year
from disclosure_report.checks.text.scan import scan_section, shifted
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
        scan = scan_section(section, text, where(report, section), report.organ, report.year,
                            vocabulary(report.format.id))
        for piece in scan.pieces:
            findings += shifted(figure_findings(piece.passage, list(piece.compared), report.values,
                                                last_year.values if last_year else None,
                                                last_year.year if last_year else None), piece.offset)
        if last_year is not None:
            for piece in scan.pieces:
                findings += shifted(change_findings(piece.passage, list(piece.changes), report.values,
                                                    last_year.values, last_year.year), piece.offset)
        findings += scan.parts
    findings += fee_statement(report) + overview_length(report) + outdated_basis(report)
    findings += problems_perfunctory(report) + wrong_year(report)
    findings += repeats_last_year(report, last_year)
    return findings
