"""What sections must or must not say: text.fee_statement,
text.overview_length, text.outdated_basis."""

from __future__ import annotations

import re
from typing import List

from disclosure_report.checks.findings import Finding, Span, quoted
from disclosure_report.checks.rules import rule
from disclosure_report.checks.text.facts import section_facts
from disclosure_report.model import Report

# 原则上不超过一千字: counted as CJK characters and digits (no spaces, no
# punctuation, no picture lines). Real reports that pass evaluation run to
# ~1,300 (the sample: 1,296), so only "far beyond" is flagged.
OVERVIEW_GUIDE = 1000
OVERVIEW_LIMIT = 1500


_OUTDATED = re.compile(r"国办公开办函\s*[〔\[［【(（]\s*2019\s*[〕\]］】)）]\s*60\s*号")


def counted_characters(text: str) -> int:
    """The length the format's 一千字 means (the window's live count shows the same)."""
    return sum(facts.characters for _, facts in section_facts(text))


def overview_length(report: Report) -> List[Finding]:
    text = report.text.get("overview") or ""
    count = counted_characters(text)
    if count <= OVERVIEW_LIMIT:
        return []
    label = report.format.text_label("overview")
    message = (f"{label}约 {count} 字（不计标点和空格），远超格式要求的“篇幅原则上不超过一千字”；"
               f"请精简到 {OVERVIEW_GUIDE} 字左右，细节可放到其他部分")
    return [rule("text.overview_length").finding((), message, Span("overview", 0, len(text)))]


def fee_statement(report: Report) -> List[Finding]:
    other = report.text.get("other") or ""
    if not other.strip():
        return []  # 六 not written yet: nothing to judge
    year = f"{report.year}年" if report.year else ""
    example = f"如“{year}未收取信息处理费。”或“{year}共收取信息处理费××元。”"
    mentioned = None
    for section in report.format.text_ids:
        for _, facts in section_facts(report.text.get(section) or ""):
            fees = facts.fees
            if facts.no_fee or any(stated for _, _, stated in fees):
                return []
            if fees and (mentioned is None or section == "other"):
                mentioned = (section, fees[-1 if section == "other" else 0])
    label = report.format.text_label("other")
    if mentioned is None:
        message = (f"{label}没有说明信息处理费的收取情况（《政府信息公开信息处理费管理办法》要求在年报中报告）；"
                   f"请写明收取金额或未收取，{example}")
        return [rule("text.fee_statement").finding((), message, Span("other", 0, 0))]
    section, (start, end, _) = mentioned
    message = f"{where(report, section)}提到了信息处理费，但没有写明收取了多少或未收取；请补上，{example}"
    return [rule("text.fee_statement").finding((), message, Span(section, start, end))]


def where(report: Report, section: str) -> str:
    """一、总体情况中 / 前言中: where a message says the passage is."""
    return report.format.text_label(section).split("（")[0] + "中"


def outdated_basis(report: Report) -> List[Finding]:
    if not report.year or report.year < 2021:
        return []
    basis = report.format.basis
    findings = []
    for section in report.format.text_ids:
        for m in _OUTDATED.finditer(report.text.get(section) or ""):
            message = (f"{where(report, section)}引用的{quoted(m.group())}是 2019 年的旧格式，{report.year} 年的年报应依据"
                       f"《中华人民共和国政府信息公开工作年度报告格式》（{basis}）；请改正引用")
            findings.append(rule("text.outdated_basis").finding((), message, Span(section, m.start(), m.end())))
    return findings
