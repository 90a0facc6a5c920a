"""Figures the text states about table quantities, and text.figure.

A figure counts only when a keyword of the table stands right before it
(收到政府信息公开申请 80 件, 予以公开 21 件, 现行有效行政规范性文件 5 件), its
sentence speaks of this report's year and of this organ as a whole, and it
is not approximate (约, 余, 多, 左右). Figures that only make sense after
another (自然人 78 件 after 收到申请; 维持 1 件 after 行政复议; 废止 3 件 after
规范性文件) are bound to it within the sentence. Everything else is left
alone: a missed comparison costs less than a false warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import List, Optional, Tuple

from disclosure_report.checks.findings import Finding, Span, quoted
from disclosure_report.checks.rules import rule
from disclosure_report.checks.text.numerals import (
    APPROX_AFTER,
    APPROX_BEFORE,
    APPROX_INSIDE,
    BLANK,
    COUNT_UNIT,
    NOT_A_COUNT,
    NUMBER,
    Figure,
    figure_value,
)
from disclosure_report.checks.text.passage import Passage, speaks_of_other_scope, speaks_of_other_time, speaks_of_plans
from disclosure_report.checks.text.quantities import Vocabulary, table_value
from disclosure_report.numbers import format_value

# a figure, its keyword and its unit stand on one line (BLANK): paragraphs are read one by one (scan.py)
_FILL = rf"{BLANK}*(?:(?:总数|数量|总量|数){BLANK}*)?(?:(?:共计|总计|合计|一共|共|计|为|达到|达|是|有|了){BLANK}*){{0,2}}"
# PDF text layers put spaces around figures (“答复 3050 件”): allowed before the unit
_COUNT_TAIL = (rf"{_FILL}(?P<a0>{APPROX_BEFORE})?(?P<num>{NUMBER})(?P<a1>{APPROX_INSIDE})?"
               rf"{BLANK}?(?P<mult>万|亿)?(?P<unit>{COUNT_UNIT}){NOT_A_COUNT}(?P<a2>{APPROX_AFTER})?")
_MONEY_TAIL = (rf"{_FILL}(?P<a0>{APPROX_BEFORE})?(?P<num>{NUMBER})(?P<a1>{APPROX_INSIDE})?"
               rf"{BLANK}?(?P<unit>万元|亿元|元)(?P<a2>{APPROX_AFTER})?")

# The keywords come from the format definition (text_vocabulary.keywords): (kind, quantity, pattern); kind
# "q" is a quantity of its own; "applicant", "appeal" and "doc" are bound to the row, group or document
# type before them. Every keyword starts with a literal (or a choice of literals): the regex engine then
# skips ahead to its first character, which keeps a pass over 6,000 characters per keyword cheap
# (bench/bench_text.py). One keyword alternation for all was measured 3× slower.
@cache
def _patterns(words: Vocabulary) -> Tuple[Tuple[Tuple[str, str, re.Pattern[str]], ...], Optional[re.Pattern[str]],
                                                 Optional[re.Pattern[str]]]:
    """The keyword patterns, the figure-first appeal pattern and the document nouns of a format."""
    patterns = tuple((kind, key, re.compile(f"(?P<kw>{keyword}){_MONEY_TAIL if money else _COUNT_TAIL}"))
                     for kind, key, keyword, money in words.keywords)
    # the figure first: “有 1 件涉及政府信息公开工作的行政复议” (only with 信息公开 between, nothing else)
    named = "|".join(re.escape(word) for word in words.appeal_groups)
    appeal_after = re.compile(
        rf"(?P<a0>{APPROX_BEFORE})?(?P<num>{NUMBER})(?P<a1>{APPROX_INSIDE})?{BLANK}?(?P<unit>件)(?P<a2>{APPROX_AFTER})?"
        rf"(?:涉及|关于)?(?:政府)?信息公开(?:工作|类)?的?(?P<kw>{named})") if named else None
    nouns = re.compile("|".join(p.pattern for p, _ in words.documents)) if words.documents else None
    return patterns, appeal_after, nouns


_NEGATION = "不未非"
# 不予公开答复 2件, 留言办结 12件: the verb of a longer phrase, not the applications replied to
_QUALIFIED_VERB = re.compile(rf"(?:(?<!依申请)(?<!信息)公开|处理|提供|留言|信箱|来信|来电|咨询|热线|问政|建议|提案|诉求|投诉|举报)"
                             rf"{BLANK}*\Z")
# 予以公开/办结 … are table 三's only where the sentence speaks of applications
# (“政府信息公开” alone is everywhere in these reports)
_APPLICATIONS_CONTEXT = re.compile(r"申请")
_APPEALS_CONTEXT = re.compile(r"信息公开|依申请")
# 行政复议和行政诉讼共 2 件: one figure for both, not for the one named last
_JOINED = re.compile(r"(?:行政复议|行政诉讼|复议|诉讼)(?:案件)?[和及、与或]\Z")
_PERCENT = re.compile(rf"[，,（(]?{BLANK}*占(?P<of>[^，,。；;%％0-9０-９\n]{{0,12}}?)(?:为|达)?{BLANK}*"
                      rf"(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?){BLANK}*[%％]")
_UP = ("增加", "增长", "上升", "提高", "多")
_DOWN = ("减少", "下降", "降低", "少")
# 较上年 … 增加 12 件 / 下降 5.2%: what the two patterns below share
_THAN_LAST_YEAR = "同比|较上一?年度?|比上一?年度?|较去年|比去年"
_CHANGE = rf"[，,]?(?P<dir>{'|'.join(_UP + _DOWN)})了?{BLANK}*(?P<num>{NUMBER}){BLANK}*(?P<unit>[%％]|件)"
_YOY = re.compile(rf"[^。；;0-9０-９\n]{{0,8}}?(?:{_THAN_LAST_YEAR}|与上一?年度?相比|与去年相比){_CHANGE}")
# 依申请公开数量同比增长25%: a change of the applications received, with no figure stated
_YOY_OF_APPLICATIONS = re.compile(
    rf"(?:政府信息公开|依申请公开|信息公开)(?:申请(?:数量|数|量|件数)?|数量){BLANK}*(?:{_THAN_LAST_YEAR}){_CHANGE}")


@dataclass
class Mention:
    """A figure stated in the text, tied to a table quantity (qid) or not (None)."""

    kind: str
    key: str
    start: int  # the keyword
    end: int  # after the unit
    num_start: int
    value: Optional[Figure]  # None: a figure that cannot be read (approximate)
    unit: str
    approximate: bool
    qid: Optional[str] = None
    skip: bool = False  # the sentence does not speak of this report's table


def _raw_mentions(text: str, words: Vocabulary) -> List[Tuple[re.Match, str, str]]:
    patterns, appeal_after, _ = _patterns(words)
    found = []
    for kind, key, pattern in patterns:
        for m in pattern.finditer(text):
            if m.start() and text[m.start() - 1] in _NEGATION:
                continue  # 不予以公开, 未审结 read as 审结 …: not this keyword
            found.append((m, kind, key))
    groups = words.appeal_groups
    for m in appeal_after.finditer(text) if appeal_after else ():
        found.append((m, "q", groups[m.group("kw")]))
    found.sort(key=lambda item: (item[0].start(), -item[0].end()))
    kept, last_end = [], -1
    for m, kind, key in found:
        if m.start("num") < last_end:
            continue  # the same figure, already read by a longer keyword
        kept.append((m, kind, key))
        last_end = m.end()
    return kept


def find_mentions(passage: Passage, organ: str, year: Optional[int]) -> List[Mention]:
    text = passage.text
    words = passage.vocabulary
    _, _, nouns = _patterns(words)
    doc_nouns = [(m.start(), m.group()) for m in nouns.finditer(text)] if nouns else []
    verbs = (words.received, words.handled)
    appeal_groups = set(words.appeal_groups.values())
    mentions: List[Mention] = []
    last_row: Optional[Mention] = None  # 收到/上年结转/办结, for 自然人 N 件
    last_appeal: Optional[Mention] = None  # 行政复议/行政诉讼, for 维持 N 件
    for m, kind, key in _raw_mentions(text, words):
        value = figure_value(m.group("num"))
        approximate = bool(m.group("a0") or m.group("a1") or m.group("a2")
                           or ("mult" in m.groupdict() and m.group("mult")))
        mention = Mention(kind, key, m.start(), m.end(), m.start("num"), value, m.group("unit"),
                          approximate or value is None)
        _resolve(mention, m, passage, doc_nouns, last_row, last_appeal)
        if passage.quoted(mention.start) or (
                key in verbs and _QUALIFIED_VERB.search(text, max(0, m.start() - 8), m.start())):
            mention.skip = True
        if mention.kind == "q" and mention.key in words.rows_with_applicants:
            last_row = mention
        if mention.kind == "q" and mention.key in appeal_groups:
            last_appeal = mention
        if mention.qid is not None and not mention.skip:
            mention.skip = _out_of_scope(mention, passage, organ, year)
        mentions.append(mention)
    return mentions


def _same_sentence(passage: Passage, earlier: Optional[Mention], pos: int) -> bool:
    if earlier is None:
        return False
    here = passage.sentence_index(pos)
    there = passage.sentence_index(earlier.start)
    return here == there or (here == there + 1 and passage.opens_with_qizhong(pos))


def _resolve(mention: Mention, m: re.Match, passage: Passage, doc_nouns, last_row, last_appeal) -> None:
    """Which quantity the figure states, and whether its sentence is about the table."""
    pos = mention.start
    context = passage.context(pos)
    if mention.kind == "q":
        mention.qid = mention.key
        words = passage.vocabulary
        table = words.quantities[mention.key].table
        if table == words.applications:
            mention.skip = not _applications_context(passage, context, pos, m.group("kw"))
        elif table == words.appeals:
            mention.skip = (not (_APPEALS_CONTEXT.search(context) or _APPEALS_CONTEXT.search(m.group("kw"))
                                 or _APPEALS_CONTEXT.search(m.group()) or passage.in_applications_part(pos))
                            or bool(_JOINED.search(passage.text[max(0, pos - 8):pos])))
    elif mention.kind == "applicant":
        if _same_sentence(passage, last_row, pos):
            mention.qid = f"{last_row.key}@{mention.key}"
            mention.skip = last_row.skip
    elif mention.kind == "appeal":
        if _same_sentence(passage, last_appeal, pos):
            mention.qid = f"{last_appeal.key}@{mention.key}"
            mention.skip = last_appeal.skip
    elif mention.kind == "doc":
        _, _, nouns = _patterns(passage.vocabulary)
        found = nouns.search(m.group("kw")) if nouns else None
        noun = found.group() if found else None
        if noun is None:
            start, _ = passage.sentence(pos)
            before = [n for p, n in doc_nouns if start <= p < pos]
            noun = before[-1] if before else None
        row = next((row for pattern, row in passage.vocabulary.documents if pattern.fullmatch(noun)), None) \
            if noun is not None else None
        if row is not None:
            mention.qid = f"{row}.{mention.key}"


def _applications_context(passage: Passage, context: str, pos: int, keyword: str) -> bool:
    return bool(_APPLICATIONS_CONTEXT.search(context) or _APPLICATIONS_CONTEXT.search(keyword)
                or passage.in_applications_part(pos))


def _out_of_scope(mention: Mention, passage: Passage, organ: str, year: Optional[int]) -> bool:
    context = passage.context(mention.start)
    clause = passage.text[passage.clause_start(mention.start):mention.start]
    return (mention.approximate
            or speaks_of_other_time(context, year)
            or speaks_of_other_scope(context, organ)
            or speaks_of_plans(clause))


def stated_amount(mention: Mention) -> Decimal:
    """A money figure in 万元, as the table keeps it."""
    assert mention.value is not None  # amounts are compared only when they were read
    value = Decimal(mention.value)
    if mention.unit == "元":
        return value / 10000
    if mention.unit == "亿元":
        return value * 10000
    return value


def agrees(mention: Mention, table) -> bool:
    if mention.unit in ("万元", "亿元", "元"):
        stated = stated_amount(mention)
        return Decimal(table).quantize(_last_place(stated), ROUND_HALF_UP) == stated
    return mention.value == table


# a figure compared with the table: its mention, the share (占 N%) and the change (同比…) written after it
Compared = Tuple[Mention, Optional[re.Match], Optional[re.Match]]


def compared_figures(passage: Passage, mentions: List[Mention]) -> List[Compared]:
    """The mentions of table quantities the sentence speaks of, with what follows them (no table needed)."""
    text = passage.text
    compared = []
    for mention in mentions:
        if mention.qid is None or mention.skip:
            continue
        percent = _PERCENT.match(text, mention.end)
        compared.append((mention, percent, _YOY.match(text, percent.end() if percent else mention.end)))
    return compared


def figure_findings(passage: Passage, compared: List[Compared], values, previous_values=None,
                    previous_year=None) -> List[Finding]:
    findings = []
    text = passage.text
    for mention, percent, yoy in compared:
        assert mention.qid is not None  # compared_figures keeps only table quantities
        q = passage.vocabulary.quantities[mention.qid]
        table = table_value(values, q.cells)
        if table is None:
            continue
        if not agrees(mention, table):
            quote = text[mention.start:mention.end]
            message = (f"{passage.where}{quoted(quote)}与{q.name}不一致（表中为 {format_value(table)} {q.unit}）；"
                       f"请核对后把文字或表格改成一致")
            findings.append(rule("text.figure").finding(q.cells, message,
                                                         Span(passage.section, mention.start, mention.end)))
            continue
        if percent:
            finding = _percent_finding(passage, mention, percent, table, values)
            if finding:
                findings.append(finding)
        if previous_values is not None and yoy:
            finding = _yoy_finding(passage, mention, yoy, table, previous_values, previous_year)
            if finding:
                findings.append(finding)
    return findings


def stated_changes(passage: Passage, organ: str, year: Optional[int]) -> List[re.Match]:
    """依申请公开数量同比增长25%: changes of the applications received stated without the figure itself."""
    changes = []
    for match in _YOY_OF_APPLICATIONS.finditer(passage.text):
        received = passage.vocabulary.received
        mention = Mention("q", received, match.start(), match.start(), match.start(), None, "件", False, received)
        if not _out_of_scope(mention, passage, organ, year):
            changes.append(match)
    return changes


def change_findings(passage: Passage, changes: List[re.Match], values, previous_values,
                    previous_year) -> List[Finding]:
    """The stated changes (stated_changes) against last year's table."""
    findings: List[Finding] = []
    received = passage.vocabulary.received
    table = table_value(values, passage.vocabulary.quantities[received].cells)
    if table is None:
        return findings
    for match in changes:
        mention = Mention("q", received, match.start(), match.start(), match.start(), table, "件", False, received)
        finding = _yoy_finding(passage, mention, match, table, previous_values, previous_year)
        if finding:
            findings.append(finding)
    return findings


def _bases(words, qid: str) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """What a stated share (占 N%) of a quantity may be of: (name, cells)."""
    qs = words.quantities
    if "@" in qid:
        row = qid.split("@")[0]
        return ((f"{qs[row].name}", qs[row].cells),)
    new, carried_in = qs[words.received].cells, qs[words.carried_in].cells
    if qs[qid].table != words.applications or qid in (words.received, words.carried_in):
        return ()
    return (("办结总数", qs[words.handled].cells), ("新收申请总数", new), ("新收与上年结转之和", new + carried_in))


def _last_place(stated: Decimal) -> Decimal:
    """1 in the last decimal place written (1 for a whole number)."""
    exponent = stated.as_tuple().exponent  # an int for every finite number
    return Decimal(1).scaleb(min(exponent, 0) if isinstance(exponent, int) else 0)


def _within_rounding(stated: Decimal, actual: Decimal) -> bool:
    return abs(stated - actual) <= _last_place(stated)


def _percent_finding(passage, mention, match, value, values) -> Optional[Finding]:
    percent = figure_value(match.group("pct"))
    if percent is None:
        return None
    stated = Decimal(percent)
    shares = []
    for name, cells in _bases(passage.vocabulary, mention.qid):
        base = table_value(values, cells)
        if not base:
            continue
        actual = Decimal(value) * 100 / Decimal(base)
        if _within_rounding(stated, actual):
            return None
        shares.append((name, base, actual, cells))
    if not shares:
        return None
    name, base, actual, cells = shares[0]
    quote = passage.text[mention.start:match.end()]
    message = (f"{passage.where}{quoted(quote)}：按表格，{format_value(value)} 件占{name} {format_value(base)} 件的 "
               f"{actual.quantize(Decimal('0.01'), ROUND_HALF_UP)}%，与所写比例不符；请核对比例")
    own = passage.vocabulary.quantities[mention.qid].cells
    cells = own + tuple(c for c in cells if c not in own)
    return rule("text.figure").finding(cells, message, Span(passage.section, mention.start, match.end()))


def _yoy_finding(passage, mention, match, value, previous_values, previous_year) -> Optional[Finding]:
    q = passage.vocabulary.quantities[mention.qid]
    last = table_value(previous_values, q.cells)
    stated = figure_value(match.group("num"))
    if last is None or stated is None:
        return None
    up = match.group("dir") in _UP
    stated = Decimal(stated) if up else -Decimal(stated)
    if match.group("unit") == "件":
        actual = Decimal(value - last)
        ok = actual == stated
        shown = f"实际{'增加' if actual >= 0 else '减少'} {format_value(abs(value - last))} 件"
    else:
        if not last:
            return None
        actual = (Decimal(value) - Decimal(last)) * 100 / Decimal(last)
        ok = _within_rounding(stated, actual)
        rounded = abs(actual).quantize(Decimal("0.1"), ROUND_HALF_UP)
        shown = "与上年持平" if actual == 0 else f"实际{'增长' if actual > 0 else '下降'} {rounded}%"
    if ok:
        return None
    quote = passage.text[mention.start:match.end()]
    message = (f"{passage.where}{quoted(quote)}：{previous_year} 年报告{q.name}为 {format_value(last)} 件，"
               f"本年为 {format_value(value)} 件，{shown}；请核对同比数字")
    return rule("text.figure").finding(q.cells, message, Span(passage.section, mention.start, match.end()))
