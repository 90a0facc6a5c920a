"""Standard sentences written from the tables, and knowing when they went stale.

The program offers the passages a clerk would otherwise type from the
tables: the 依申请公开 paragraph (with 同比 against last year's report when
it is known), the 复议诉讼 sentence, the 主动公开 figures and the
信息处理费 statement. They use the wording the text rules read, so a fresh
passage always checks clean against its own tables.

How a passage remembers what it rests on: it ends with an invisible mark,
kept in the report text itself (so JSON, the library, undo and copy/paste
carry it with nothing else to store). The mark is U+034F COMBINING GRAPHEME
JOINER followed by 28 bits written as U+200C (0) / U+200D (1): 4 bits name
the kind of passage, 24 bits are a fingerprint of the table figures (and
last year's) it was written from. These characters print as nothing and
attach to the full stop before them, so the cursor steps over the mark as
one character. When the tables change, the fingerprint no longer matches:
the passage is stale. ``strip_marks`` removes the marks for anyone who wants
the bare text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from disclosure_report.model import Report, is_last_year
from disclosure_report.numbers import Number, format_value

APPLICATIONS, APPEALS, ACTIVE, FEE = "applications", "appeals", "active", "fee"
KINDS = (APPLICATIONS, APPEALS, ACTIVE, FEE)
TITLES = {
    APPLICATIONS: "依申请公开情况（一、总体情况）",
    APPEALS: "行政复议、行政诉讼情况（一、总体情况）",
    ACTIVE: "规范性文件和主动公开数据（一、总体情况）",
    FEE: "信息处理费收取情况（六、其他需要报告的事项）",
}
SECTIONS = {APPLICATIONS: "overview", APPEALS: "overview", ACTIVE: "overview", FEE: "other"}
# the subheading of 一、总体情况 a passage goes under (the 2021 reports' （一）主动公开 （二）依申请公开 …)
HEADING_WORDS = {APPLICATIONS: ("依申请公开",), APPEALS: ("行政复议", "依申请公开"), ACTIVE: ("主动公开",), FEE: ()}
_SUBHEADING = re.compile(r"\s*(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)[^。；]{1,30}\s*")

_MARK_START = "\u034f"
_BITS = {"0": "\u200c", "1": "\u200d"}
_KIND_BITS = 4
_PRINT_BITS = 24
MARK = re.compile(_MARK_START + f"([\u200c\u200d]{{{_KIND_BITS + _PRINT_BITS}}})")


@dataclass(frozen=True)
class Draft:
    kind: str
    text: str  # the passage with its mark; empty when it cannot be written yet
    problem: str = ""  # why not, for the clerk

    @property
    def section(self) -> str:
        return SECTIONS[self.kind]

    @property
    def title(self) -> str:
        return TITLES[self.kind]


@dataclass(frozen=True)
class PlacedDraft:
    """A generated passage found in the report text."""

    kind: str
    section: str
    start: int
    end: int  # after the mark
    stale: bool


# -- what each passage rests on ------------------------------------------------------------

def _group_label(text: str) -> str:
    """（二）部分公开（区分处理的…） -> 部分公开"""
    return re.sub(r"^（[一二三四五六七八九十]+）|（.*）$", "", text)


def _words(report: Report, part: str) -> Mapping[str, Any]:
    """The format's text_vocabulary for applications, appeals or active: which rows play which part."""
    return report.format.text_vocabulary[part]


def _total(report: Report, table_id: str) -> str:
    return next(c.id for c in report.format.tables[table_id].columns.values() if c.total)


def _cell(report: Report, part: str, row_role: str, column: Optional[str] = None) -> str:
    """The path of a row's cell (its total when no column) named by its part in the vocabulary."""
    words = _words(report, part)
    table_id = words["table"]
    return f"{table_id}.{words[row_role]}.{column or _total(report, table_id)}"


def _result_parts(report: Report) -> List[Tuple[str, Tuple[str, ...]]]:
    """The six kinds of result of table 三: (name, cells of the total column)."""
    words = _words(report, "applications")
    table_id = words["table"]
    table, total = report.format.tables[table_id], _total(report, table_id)
    parts: List[Tuple[str, Tuple[str, ...]]] = []
    for result in words["results"]:
        if result in table.groups:
            cells = tuple(f"{table_id}.{r.id}.{total}" for r in table.rows if r.group == result)
            parts.append((_group_label(table.groups[result]), cells))
        else:
            parts.append((_group_label(table.row(result).label), (f"{table_id}.{result}.{total}",)))
    return parts


def _basis(kind: str, report: Report) -> Tuple[str, ...]:
    fmt = report.format
    if kind == APPLICATIONS:
        table_id = _words(report, "applications")["table"]
        received = _cell(report, "applications", "received").rpartition(".")[0] + "."
        total = "." + _total(report, table_id)
        return tuple(p for p in fmt.cells if p.startswith(f"{table_id}.") and
                     (p.endswith(total) or p.startswith(received)))
    if kind in (APPEALS, ACTIVE):
        table_id = _words(report, kind)["table"]
        return tuple(p for p in fmt.cells if p.startswith(f"{table_id}."))
    return ()


def _previous_new(report: Report, previous: Optional[Report]):
    if previous is None or not is_last_year(report, previous):
        return None
    return previous.values.get(_cell(report, "applications", "received"))


def fingerprint(kind: str, report: Report, previous: Optional[Report] = None) -> int:
    """24 bits of the figures (and the year) a passage of this kind is written from."""
    figures = [report.year] + [report.values[p] for p in _basis(kind, report)]
    if kind == APPLICATIONS:
        figures.append(_previous_new(report, previous))
    digest = hashlib.sha1(repr(figures).encode("utf-8")).digest()
    return int.from_bytes(digest[:3], "big")


def _mark(kind: str, print_: int) -> str:
    bits = format(KINDS.index(kind), f"0{_KIND_BITS}b") + format(print_, f"0{_PRINT_BITS}b")
    return _MARK_START + "".join(_BITS[b] for b in bits)


def strip_marks(text: str) -> str:
    return MARK.sub("", text)


# -- the passages --------------------------------------------------------------------------

def _year(report: Report) -> str:
    return f"{report.year}年" if report.year else "本年度"


def _blank(report: Report, paths: Sequence[str], table: str) -> str:
    blanks = [p for p in paths if report.values[p] is None]
    if not blanks:
        return ""
    return f"{table}还有 {len(blanks)} 个空格（如{report.format.cells[blanks[0]].description}）；请先填完再生成"


def _filled(report: Report) -> Dict[str, Number]:
    """The filled cells: a passage is written only once its cells are (see _blank)."""
    return {p: x for p, x in report.values.items() if x is not None}


def _n(value) -> str:
    return format_value(value)


def _percent(change: Decimal) -> str:
    rounded = abs(change).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{rounded.normalize():f}%" if rounded == rounded.to_integral_value() else f"{rounded}%"


def _applications(report: Report, previous: Optional[Report]) -> str:
    v = _filled(report)
    new, carried_in, handled, carried_out = (v[_cell(report, "applications", role)] for role in
                                             ("received", "carried_in", "handled", "carried_out"))
    text = f"{_year(report)}，本机关共收到政府信息公开申请{_n(new)}件"
    last = _previous_new(report, previous)
    if last:
        change = (Decimal(new) - Decimal(last)) * 100 / Decimal(last)
        if change == 0:
            text += "，与上年持平"
        else:
            text += f"，同比{'增长' if change > 0 else '下降'}{_percent(change)}"
    if new:
        words = _words(report, "applications")
        natural = v[_cell(report, "applications", "received", words["natural"])]
        organizations = sum(v[_cell(report, "applications", "received", c)] for c in words["organizations"]["columns"])
        text += f"，其中自然人申请{_n(natural)}件、法人或其他组织申请{_n(organizations)}件"
    text += f"；上年结转政府信息公开申请{_n(carried_in)}件。办结政府信息公开申请{_n(handled)}件"
    results = [(name, sum(v[c] for c in cells)) for name, cells in _result_parts(report)]
    listed = [f"{name}{_n(n)}件" for name, n in results if n]
    if listed:
        text += "，其中" + "、".join(listed)
    return text + f"；结转下年度继续办理{_n(carried_out)}件。"


def _appeals(report: Report) -> str:
    v = _filled(report)
    words = _words(report, "appeals")
    table_id = words["table"]
    table, total = report.format.tables[table_id], _total(report, table_id)
    review_rows, suit_rows = (group["rows"] for group in words["groups"])  # 行政复议, then 行政诉讼
    review = sum(v[f"{table_id}.{g}.{total}"] for g in review_rows)
    suits = sum(v[f"{table_id}.{g}.{total}"] for g in suit_rows)
    if review == 0 and suits == 0:
        return f"{_year(report)}，本机关未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"

    def outcomes(groups: Sequence[str]) -> str:
        listed = []
        for column in words["outcomes"]:
            n = sum(v[f"{table_id}.{g}.{column}"] for g in groups)
            if n:
                listed.append(f"{table.columns[column].label}{_n(n)}件")
        return "，其中" + "、".join(listed) if listed else ""

    return (f"{_year(report)}，本机关因政府信息公开工作被申请行政复议{_n(review)}件{outcomes(review_rows)}；"
            f"被提起行政诉讼{_n(suits)}件{outcomes(suit_rows)}。")


def _active(report: Report) -> str:
    v = _filled(report)
    words = _words(report, "active")
    parts = []
    for document in words["documents"]:
        noun = document["noun"]
        figures = [v[f"{words['table']}.{document['row']}.{c}"] for c in words["document_columns"]]
        if document.get("unless_all_zero") and not any(figures):
            continue  # counties make no 规章: say nothing rather than three zeros
        issued, repealed, in_force = (_n(f) for f in figures)  # the columns: 制发, 废止, 现行有效
        parts.append(f"制发{noun}{issued}件、废止{noun}{repealed}件，现行有效{noun}{in_force}件")
    text = f"{_year(report)}，本机关" + "；".join(parts)
    decisions = "、".join(f"{d['named']}{_n(v[d['cell']])}件" for d in words["decisions"])
    text += f"；作出{decisions}；行政事业性收费{_n(v[words['fees']])}万元。"
    return text


def draft(kind: str, report: Report, previous: Optional[Report] = None) -> Draft:
    """The passage of this kind for the report as it stands, with its mark."""
    if kind == FEE:
        text = f"{_year(report)}未收取信息处理费。"
    else:
        table = {APPLICATIONS: "表三", APPEALS: "表四", ACTIVE: "表二"}[kind]
        problem = _blank(report, _basis(kind, report), table)
        if problem:
            return Draft(kind, "", problem)
        text = {APPLICATIONS: lambda: _applications(report, previous),
                APPEALS: lambda: _appeals(report), ACTIVE: lambda: _active(report)}[kind]()
    return Draft(kind, text + _mark(kind, fingerprint(kind, report, previous)))


def drafts(report: Report, previous: Optional[Report] = None) -> List[Draft]:
    return [draft(kind, report, previous) for kind in KINDS]


# -- finding them again --------------------------------------------------------------------

def placed_drafts(report: Report, previous: Optional[Report] = None) -> List[PlacedDraft]:
    """Every marked passage in the report text, and whether its figures have changed."""
    found = []
    prints: Dict[str, int] = {}
    for section in report.format.text_ids:
        text = report.text.get(section) or ""
        for m in MARK.finditer(text):
            bits = "".join("0" if ch == _BITS["0"] else "1" for ch in m.group(1))
            kind_index, print_ = int(bits[:_KIND_BITS], 2), int(bits[_KIND_BITS:], 2)
            if kind_index >= len(KINDS):
                continue
            kind = KINDS[kind_index]
            if kind not in prints:
                prints[kind] = fingerprint(kind, report, previous)
            start = text.rfind("\n", 0, m.start()) + 1
            found.append(PlacedDraft(kind, section, start, m.end(), print_ != prints[kind]))
    return found


def heading_position(text: str, kind: str) -> Optional[int]:
    """Where the subheading of the passage's topic starts (（二）依申请公开 for the applications), if the text has one."""
    for words in HEADING_WORDS[kind]:
        offset = 0
        for line in text.split("\n"):
            if words in line and _SUBHEADING.fullmatch(line):
                return offset
            offset += len(line) + 1
    return None


def insert_draft(text: str, position: int, passage: str) -> Tuple[str, int, int]:
    """The text with the passage as a paragraph of its own at position; its start and end."""
    position = max(0, min(position, len(text)))
    line_end = text.find("\n", position)
    at = len(text) if line_end < 0 else line_end  # after the paragraph the cursor is in
    before, after = text[:at], text[at:]
    lead = "\n" if before and not before.endswith("\n") else ""
    start = len(before) + len(lead)
    return before + lead + passage + after, start, start + len(passage)


def replace_draft(text: str, placed: PlacedDraft, passage: str) -> str:
    """The text with a placed (stale) passage replaced by a fresh one."""
    return text[:placed.start] + passage + text[placed.end:]
