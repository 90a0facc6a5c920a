"""text.repeats_last_year: 五 largely the same as last year's (年年雷同).

Sentence by sentence: a sentence of this year's 五 repeats when last year's
五 has one that is nearly the same (rapidfuzz ratio ≥ 85 after dropping
years, figures, spaces and enumerators, so 2022年→2023年 or 1、→一是 does
not hide a copy). Evaluators deduct points above 50 % overlap; the share is
measured in characters of this year's text.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from disclosure_report.checks.findings import Finding, Span, quoted
from disclosure_report.checks.rules import rule
from disclosure_report.model import Report

OVERLAP_LIMIT = 0.5
SIMILAR = 85
_MIN_LENGTH = 6  # shorter pieces (存在问题：) say nothing of copying
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_NOISE = re.compile(r"[\s0-9０-９\u034f\u200c\u200d]|[（(][一二三四五六七八九十\d]+[)）]|^[一二三四五六七八九十]+[、是]|"
                    r"[，,、。！？!?；;：:“”\"'‘’《》（）()]")


def _sentences(text: str) -> List[Tuple[int, int, str]]:
    found = []
    for m in _SENTENCE.finditer(text):
        key = _NOISE.sub("", m.group())
        if len(key) >= _MIN_LENGTH:
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            found.append((start, m.end(), key))
    return found


def repeats_last_year(report: Report, previous: Optional[Report]) -> List[Finding]:
    if previous is None:
        return []
    from rapidfuzz import fuzz, process  # only needed with last year's report at hand

    this = _sentences(report.text.get("problems") or "")
    last = [key for _, _, key in _sentences(previous.text.get("problems") or "")]
    if not this or not last:
        return []
    repeated = [(start, end) for start, end, key in this
                if process.extractOne(key, last, scorer=fuzz.ratio, score_cutoff=SIMILAR)]
    total = sum(len(key) for _, _, key in this)
    share = sum(len(key) for start, end, key in this if (start, end) in repeated) / total
    if share <= OVERLAP_LIMIT:
        return []
    text = report.text["problems"]
    sentences = "；".join(quoted(_short(text[s:e])) for s, e in repeated[:3])
    more = f"等 {len(repeated)} 句" if len(repeated) > 3 else ""
    label = report.format.text_label("problems")
    message = (f"{label}与 {previous.year} 年报告约 {round(share * 100)}% 相同（评估中超过 50% 视为年年雷同并扣分）。"
               f"重复的句子：{sentences}{more}；请结合本年实际情况改写")
    return [rule("text.repeats_last_year").finding((), message,
                    Span("problems", repeated[0][0], repeated[-1][1]))]


def _short(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence if len(sentence) <= 24 else sentence[:24] + "…"
