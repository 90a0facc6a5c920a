"""Findings a clerk has settled (已核实): matched by a fingerprint of what they concern.

A settlement names a finding by its rule and a fingerprint of its cells'
values, its passage and its message (which holds last year's figure for the
cross-year rules). While those are unchanged the finding stays settled:
listed apart, not counted. Table sums cannot be settled (rules.py says which
rules can): they are arithmetic.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from typing import List, Optional, Sequence, Tuple

from disclosure_report.checks.findings import Finding
from disclosure_report.checks.rules import rule
from disclosure_report.model import Report, Settlement


class NotSettleable(ValueError):
    pass


def fingerprint(report: Report, finding: Finding) -> str:
    parts = [finding.rule, finding.fingerprinted or finding.message]  # the message as ever: Finding
    parts += [f"{path}={report.values.get(path)!r}" for path in sorted(finding.cells)]
    if finding.span is not None:
        text = report.text.get(finding.span.section) or ""
        passage = text[finding.span.start:finding.span.end] if finding.span.end > finding.span.start else text
        parts.append(f"{finding.span.section}:{passage}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def mark_settled(report: Report, findings: Sequence[Finding]) -> List[Finding]:
    """The findings, those the report's settlements still match marked as settled."""
    if not report.settled:
        return list(findings)
    by_key = {(s.rule, s.fingerprint): s for s in report.settled}
    marked = []
    for finding in findings:
        found = by_key.get((finding.rule, fingerprint(report, finding))) if rule(finding.rule).settleable else None
        marked.append(replace(finding, settled=found) if found else finding)
    return marked


def settle(report: Report, finding: Finding, reason: str, by: str = "",
           day: Optional[date] = None) -> Tuple[Settlement, ...]:
    """The report's settlements with this finding added (the report itself is not changed)."""
    if not rule(finding.rule).settleable:
        raise NotSettleable(f"“{finding.rule}”是表格的算术关系，不能标为已核实；请改正数字")
    reason = " ".join(reason.split())
    if not reason:
        raise NotSettleable("请写明核实的理由，如“文字所述为区政府本级数字”")
    key = fingerprint(report, finding)
    kept = tuple(s for s in report.settled if (s.rule, s.fingerprint) != (finding.rule, key))
    return kept + (Settlement(finding.rule, key, reason, by, (day or date.today()).isoformat()),)


def unsettle(report: Report, finding: Finding) -> Tuple[Settlement, ...]:
    key = (finding.rule, fingerprint(report, finding))
    return tuple(s for s in report.settled if (s.rule, s.fingerprint) != key)


def settled_note(settlement: Settlement) -> str:
    """理由：…（张三，2025-01-20核实）: how a settled finding is shown and printed."""
    who = "，".join(x for x in (settlement.by, f"{settlement.at}核实" if settlement.at else "") if x)
    return f"理由：{settlement.reason}" + (f"（{who}）" if who else "")
