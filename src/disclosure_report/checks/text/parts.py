"""text.parts_sum: a whole stated with its parts (共 N 件，其中 A 件、B 件…).

Parts listed after 其中 are often not all of the whole (其中自然人 78 件), so
a list is judged only when its parts exceed the whole, or when it closes
with the rest (其余单位 6 件) and so claims to be complete. A list ends
where its parts change kind (applicants, results, appeal outcomes, other);
approximate figures leave it alone.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional

from disclosure_report.checks.findings import Finding, Span, quoted
from disclosure_report.checks.rules import rule
from disclosure_report.checks.text.figures import Mention
from disclosure_report.checks.text.numerals import (
    APPROX_AFTER,
    APPROX_BEFORE,
    APPROX_INSIDE,
    COUNT_UNIT,
    NOT_A_COUNT,
    NUMBER,
    figure_value,
)
from disclosure_report.checks.text.passage import Passage
from disclosure_report.numbers import format_value

_QIZHONG = re.compile(r"其中[：:，,]?")
_WHOLE = re.compile(rf"(?P<a0>{APPROX_BEFORE})?(?P<num>{NUMBER})(?P<a1>{APPROX_INSIDE})?"
                    rf"\s?(?P<unit>{COUNT_UNIT}){NOT_A_COUNT}(?P<a2>{APPROX_AFTER})?")
_PART = re.compile(rf"\s*(?P<label>[^0-9０-９、，,；;。！？\n（）()]{{1,20}}?)(?:为|共|有)?"
                   rf"(?P<a0>{APPROX_BEFORE})?\s?(?P<num>{NUMBER})(?P<a1>{APPROX_INSIDE})?"
                   rf"\s?(?P<unit>{COUNT_UNIT}){NOT_A_COUNT}(?P<a2>{APPROX_AFTER})?(?:（□*）)?\s*")
_PART_SEPARATOR = re.compile(r"[、，,；;]")
_SHARE = re.compile(r"\s*占[^、，,；;。%％]{0,16}[%％][、，,；;]?")
# labels that end the list: changes (同比…), shares, a new list, qualifiers of the
# whole (按时办结 80 件), another dimension (涉及…)
_NOT_A_PART = re.compile(r"同比|增加|减少|增长|下降|较|比|占|率|其中|累计|结转|按时|全部|均|涉及|主要")
_THE_REST = re.compile(r"^(?:其余|剩余|余下|另有|另|其他(?:单位|部门|机关|镇街|乡镇|各))")
_TOTAL_WORD = re.compile(r"共|总计|合计|总数|全年|全部")
_KINDS = (("applicant", re.compile(r"自然人|企业|法人|机构|组织")),
          ("result", re.compile(r"公开|提供|处理|不掌握|秘密")),
          ("appeal", re.compile(r"维持|纠正|审结|结果")))


def _kind(label: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(label):
            return kind
    return "other"


def parts_findings(passage: Passage, mentions: List[Mention]) -> List[Finding]:
    masked = passage.masked()
    by_number: Dict[int, Mention] = {m.num_start: m for m in mentions}
    findings = []
    for q in _QIZHONG.finditer(masked):
        finding = _judge(passage, masked, q, by_number)
        if finding:
            findings.append(finding)
    return findings


def _whole(passage: Passage, masked: str, pos: int):
    """The last count before 其中 in its sentence (or the sentence before)."""
    start, _ = passage.sentence(pos)
    if passage.opens_with_qizhong(pos):
        before = passage.previous_sentence(pos)
        if before:
            start = before[0]
    last = None
    for last in _WHOLE.finditer(masked, start, pos):  # noqa: B007 - the last match is the one wanted
        pass
    return last


def _judge(passage: Passage, masked: str, qizhong, by_number) -> Optional[Finding]:
    whole = _whole(passage, masked, qizhong.start())
    if whole is None or whole.group("a0") or whole.group("a1") or whole.group("a2"):
        return None
    total = figure_value(whole.group("num"))
    clause_start = passage.clause_start(whole.start())
    mention = by_number.get(whole.start("num"))
    is_table = mention is not None and mention.qid is not None and not mention.skip
    if total is None or not (is_table or _TOTAL_WORD.search(masked, clause_start, whole.start())):
        return None
    parts: list = []
    pos = qizhong.end()
    _, sentence_end = passage.sentence(qizhong.start())
    while pos < sentence_end:
        share = _SHARE.match(masked, pos, sentence_end)  # 予以公开21件，占25.93%，部分公开…
        if share:
            pos = share.end()
            continue
        part = _PART.match(masked, pos, sentence_end)
        if part is None or _NOT_A_PART.search(part.group("label")) or part.group("unit") != whole.group("unit"):
            break
        if parts and _kind(part.group("label")) != _kind(parts[0][0]):
            break  # 其中结果维持1件；被提起行政诉讼1件: the list has ended
        if part.group("a0") or part.group("a1") or part.group("a2"):
            return None
        value = figure_value(part.group("num"))
        if value is None:
            return None
        parts.append((part.group("label").strip(), value, part.end()))
        pos = part.end()
        separator = _PART_SEPARATOR.match(masked, pos)
        if separator is None:
            break
        pos = separator.end()
    if len(parts) < 2 or any(value == total for _, value, _ in parts):
        return None  # a part as large as the whole: not a partition of it
    added = sum(value for _, value, _ in parts)
    if any(figure_value(m.group("num")) == added for m in _WHOLE.finditer(passage.text, passage.sentence(whole.start())[0], whole.start())):
        return None  # the parts add up to another total stated before: which one they part is unclear
    complete = bool(_THE_REST.match(parts[-1][0])) and _kind(parts[-1][0]) == "other"
    if added <= total and not (complete and added != total):
        return None
    unit = whole.group("unit")
    end = parts[-1][2]
    while end > qizhong.end() and masked[end - 1].isspace():
        end -= 1
    sums = "+".join(format_value(v) for _, v, _ in parts)
    how = f"多 {format_value(added - total)} {unit}" if added > total else f"少 {format_value(total - added)} {unit}"
    message = (f"{passage.where}{quoted(passage.text[clause_start:whole.end()])}，但“其中”所列各项之和为 "
               f"{sums}={format_value(added)} {unit}，比总数 {format_value(total)} {unit}{how}；"
               f"请核对各项数字或总数")
    cells = passage.vocabulary.quantities[mention.qid].cells if is_table else ()
    return rule("text.parts_sum").finding(cells, message, Span(passage.section, clause_start, end))
