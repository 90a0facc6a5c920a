"""Checks evaluators and other tools make that need no table: text.problems_perfunctory
(五 empty or a sentence or two) and text.wrong_year (本年 statements naming last year)."""

from __future__ import annotations

import re
from typing import List

from disclosure_report.checks.findings import Finding, Span
from disclosure_report.checks.rules import rule
from disclosure_report.checks.text.statements import counted_characters
from disclosure_report.model import Report

# 五 asks for the problems and what is done about them: a sentence or two under
# this many characters is “无” or a line of boilerplate (real ones run 150–600)
PERFUNCTORY_CHARACTERS = 60
FEWEST_CHARACTERS = 20  # below this even three short sentences say nothing
_SENTENCES = re.compile(r"[^。！？!?；;\n]*[\u4e00-\u9fff][^。！？!?；;\n]*")

# a sentence that opens with a year (“2023年，我局共收到…”): it says what happened in that year
_OPENING_YEAR = re.compile(r"(?:^|(?<=[。！？\n]))[ \t　]*(?:[（(][一二三四五六七八九十]+[)）][^。\n]{0,20}?[。．.]?)?"
                           r"(?P<year>(?:19|20)\d{2})\s*年度?[，,]")
# … unless it compares, looks back or names the report of that year
_NOT_THIS_YEAR = re.compile(r"同比|相比|较上|比上|上年|去年|以来|结转|年度报告|年报|工作报告|累计|截至|截止")
# the statistics period of the preamble: 统计期限自2023年1月1日起至2023年12月31日止
_PERIOD = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")


def problems_perfunctory(report: Report) -> List[Finding]:
    text = report.text.get("problems") or ""
    if not (report.text.get("overview") or "").strip():
        return []  # the report is not written yet: nothing to judge
    label = report.format.text_label("problems")
    count = counted_characters(text)
    sentences = len(_SENTENCES.findall(text))
    if count >= PERFUNCTORY_CHARACTERS or (sentences > 2 and count >= FEWEST_CHARACTERS):
        return []
    if not text.strip():
        what = "为空"
    else:
        what = f"只有“{text.strip()[:30]}”" if sentences <= 1 else f"只有 {sentences} 句、{count} 字"
    message = (f"{label}{what}：评估要求写明本年存在的具体问题和对应的改进措施（如“一是……；二是……”），"
               f"请据实补充")
    return [rule("text.problems_perfunctory").finding((), message, Span("problems", 0, len(text)))]


def wrong_year(report: Report) -> List[Finding]:
    if not report.year:
        return []
    findings = []
    last = report.year - 1
    for section in report.format.text_ids:
        text = report.text.get(section) or ""
        for m in _OPENING_YEAR.finditer(text):
            if int(m.group("year")) != last:
                continue
            end = _sentence_end(text, m.end())
            sentence = text[m.start("year"):end]
            if _NOT_THIS_YEAR.search(sentence) or str(report.year) in sentence:
                continue
            findings.append(_wrong_year(report, section, m.start("year"), end, sentence, last))
        if section == "preamble":
            for m in _PERIOD.finditer(text):
                if int(m.group("year")) == last:
                    end = _sentence_end(text, m.end())
                    findings.append(_wrong_year(report, section, m.start(), end, text[m.start():end], last))
    return findings


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find("。", pos), text.find("\n", pos)) if i >= 0]
    return min(ends) if ends else len(text)


def _wrong_year(report: Report, section: str, start: int, end: int, sentence: str, last: int) -> Finding:
    from disclosure_report.checks.text.statements import where

    quote = sentence if len(sentence) <= 40 else sentence[:40] + "…"
    message = (f"{where(report, section)}“{quote}”写的是 {last} 年，而这是 {report.year} 年的报告；"
               f"如是照抄上年报告，请改为 {report.year} 年的情况")
    return rule("text.wrong_year").finding((), message, Span(section, start, end))
