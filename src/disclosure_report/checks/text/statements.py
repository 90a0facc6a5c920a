"""What sections must or must not say: text.fee_statement,
text.overview_length, text.outdated_basis."""

from __future__ import annotations

import re
from typing import List

from disclosure_report.checks.findings import Finding, Span
from disclosure_report.checks.rules import rule
from disclosure_report.checks.text.numerals import NUMBER
from disclosure_report.model import IMAGE_LINE, Report

# 原则上不超过一千字: counted as CJK characters and digits (no spaces, no
# punctuation, no picture lines). Real reports that pass evaluation run to
# ~1,300 (the sample: 1,296), so only "far beyond" is flagged.
OVERVIEW_GUIDE = 1000
OVERVIEW_LIMIT = 1500
_COUNTED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9０-９]")

_FEE = re.compile(r"(?:信息)?处理费")
# a statement: an amount (120元, 0元, 一百元) or that none was collected
_FEE_STATED = re.compile(rf"(?:未|不|没有|无)[^。\n]{{0,10}}?(?:收取|收费|产生|发生)|免收|免予收取|免费|零元"
                         rf"|(?:^|\n)\s*无[。.]?\s*(?:\n|$)|{NUMBER}\s*(?:万元|元)")
# 政府信息公开未发生收费情况, 未收取任何费用: no fee collected, said without the word 处理费
_NO_FEE = re.compile(r"(?:未|没有|无|不)(?:发生|产生|收取|存在|涉及)?(?:任何)?(?:收费|费用)")
_OTHER_FEE = "行政事业性"  # table 二's fees, not the processing fee
_OUTDATED = re.compile(r"国办公开办函\s*[〔\[［【(（]\s*2019\s*[〕\]］】)）]\s*60\s*号")


def counted_characters(text: str) -> int:
    """The length the format's 一千字 means (the window's live count shows the same)."""
    return len(_COUNTED.findall(IMAGE_LINE.sub("", text)))


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
        text = report.text.get(section) or ""
        if any(_OTHER_FEE not in _sentence(text, m.start()) for m in _NO_FEE.finditer(text)):
            return []
        for m in _FEE.finditer(text):
            if _FEE_STATED.search(_statement_window(text, m.start())):
                return []
            if mentioned is None or section == "other":
                mentioned = (section, m)
    label = report.format.text_label("other")
    if mentioned is None:
        message = (f"{label}没有说明信息处理费的收取情况（《政府信息公开信息处理费管理办法》要求在年报中报告）；"
                   f"请写明收取金额或未收取，{example}")
        return [rule("text.fee_statement").finding((), message, Span("other", 0, 0))]
    section, m = mentioned
    message = f"{where(report, section)}提到了信息处理费，但没有写明收取了多少或未收取；请补上，{example}"
    return [rule("text.fee_statement").finding((), message, Span(section, m.start(), m.end()))]


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find("。", pos), text.find("\n", pos)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _statement_window(text: str, pos: int) -> str:
    """The line of the mention and, when that line is a heading, the line after it."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    line = text[start:end]
    if end < len(text) and len(line.strip()) <= 30 and "。" not in line:
        after = text.find("\n", end + 1)
        line += text[end:len(text) if after < 0 else after]
    return line[pos - start:] if "。" in line[:pos - start] else line


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
            message = (f"{where(report, section)}引用的“{m.group()}”是 2019 年的旧格式，{report.year} 年的年报应依据"
                       f"《中华人民共和国政府信息公开工作年度报告格式》（{basis}）；请改正引用")
            findings.append(rule("text.outdated_basis").finding((), message, Span(section, m.start(), m.end())))
    return findings
