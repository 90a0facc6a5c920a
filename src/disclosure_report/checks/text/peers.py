"""Checks evaluators and other tools make that need no table: text.problems_perfunctory
(五 empty or a sentence or two) and text.wrong_year (本年 statements naming last year)."""

from __future__ import annotations

import re
from typing import List

from disclosure_report.checks.findings import Finding, Span, quoted
from disclosure_report.checks.rules import rule
from disclosure_report.checks.text.facts import section_facts
from disclosure_report.checks.text.statements import counted_characters
from disclosure_report.model import Report

# 五 asks for the problems and what is done about them: a sentence or two under
# this many characters is “无” or a line of boilerplate (real ones run 150–600)
PERFUNCTORY_CHARACTERS = 60
FEWEST_CHARACTERS = 20  # below this even three short sentences say nothing
_SENTENCES = re.compile(r"[^。！？!?；;\n]*[\u4e00-\u9fff][^。！？!?；;\n]*")


def problems_perfunctory(report: Report) -> List[Finding]:
    text = report.text.get("problems") or ""
    if not (report.text.get("overview") or "").strip():
        return []  # the report is not written yet: nothing to judge
    label = report.format.text_label("problems")
    count = counted_characters(text)
    if count >= PERFUNCTORY_CHARACTERS:
        return []
    sentences = len(_SENTENCES.findall(text))
    if sentences > 2 and count >= FEWEST_CHARACTERS:
        return []
    if not text.strip():
        what = "为空"
    else:
        what = f"只有{quoted(text.strip()[:30])}" if sentences <= 1 else f"只有 {sentences} 句、{count} 字"
    message = (f"{label}{what}：评估要求写明本年存在的具体问题和对应的改进措施（如“一是……；二是……”），"
               f"请据实补充")
    return [rule("text.problems_perfunctory").finding((), message, Span("problems", 0, len(text)))]


def wrong_year(report: Report) -> List[Finding]:
    if not report.year:
        return []
    findings = []
    last = report.year - 1
    for section in report.format.text_ids:
        read = section_facts(report.text.get(section) or "")
        for _, facts in read:
            for year, start, end, sentence in facts.opening:
                if year == last and str(report.year) not in sentence:
                    findings.append(_wrong_year(report, section, start, end, sentence, last))
        if section == "preamble":
            for _, facts in read:
                for year, start, end, sentence in facts.periods:
                    if year == last:
                        findings.append(_wrong_year(report, section, start, end, sentence, last))
    return findings


def _wrong_year(report: Report, section: str, start: int, end: int, sentence: str, last: int) -> Finding:
    from disclosure_report.checks.text.statements import where

    quote = sentence if len(sentence) <= 40 else sentence[:40] + "…"
    message = (f"{where(report, section)}{quoted(quote)}写的是 {last} 年，而这是 {report.year} 年的报告；"
               f"如是照抄上年报告，请改为 {report.year} 年的情况")
    return rule("text.wrong_year").finding((), message, Span(section, start, end))
