"""One text section cut into sentences, with what the figure rules ask of it.

The rules compare a figure only when its sentence clearly speaks of this
report's own year and this organ as a whole; the questions "which year does
this sentence speak of?" and "does it speak of a sub-unit or a wider area?"
are answered here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Optional, Tuple

from disclosure_report.checks.text.quantities import Vocabulary, vocabulary

SENTENCE_END = re.compile(r"[。！？!?\n]")
CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
# （一）依申请公开 / 二、依申请公开情况。…: the name of a part, alone on its line or before its text
_HEADING = re.compile(r"^[ \t　]*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])"
                      r"[^\n。：:]{0,28}", re.MULTILINE)
# asides of any length on their line: a breakdown by unit (县政府349件、……、某开发区16件) runs long
_PARENS = re.compile(r"[（(][^（()）\n]*[)）]")
# slogans and quotations (“办结一件申请、解决一个问题”): their numerals are no figures
_QUOTED = re.compile(r"“[^“”\n]{0,60}”|‘[^‘’\n]{0,60}’|「[^「」\n]{0,60}」|『[^『』\n]{0,60}』|\"[^\"\n]{0,60}\"")

# The time a sentence speaks of: the last reference before the figure wins.
_TIME = re.compile(
    r"(?P<this>今年|本年|当年|全年|年内|1月1日|1\s*[-—–~至到]\s*12月|12月(?:31日|底|末|份)|年底|年末)"
    r"|(?P<year>(?:19|20)\d{2})\s*年"
    r"|(?P<other>去年|上一?年度?(?!度?结转)|前年|往年|历年|以来|累计|近[一二两三四五六七八九十\d]+年"
    r"|上半年|下半年|第?[一二三四1-4]季度|\d{1,2}月|[一二三四五六七八九十]{1,2}月)"
)
# Who a sentence speaks of, when it is not this organ as a whole.
_WIDE = r"全(?:县|市|区|省|州|旗|镇|乡|国)|各(?:级|部门|单位|镇|乡|街道|县|区|市|成员单位)|所属|下属|直属|系统"
_ORG = r"[\u4e00-\u9fff]{1,12}?(?:局|委员会|委(?!托)|办公室|镇|乡|街道|中心|公司|部门|单位|政府|厅|队)"
_SELF_AREA = r"[我本](?:县|市|区|镇|乡|街道|旗)"  # a government's own area, a department's wider scope
_OTHER_SCOPE = re.compile(rf"{_WIDE}|{_ORG}|{_SELF_AREA}")
_SELF = r"本机关|本单位|我单位|本部门|我部门|本级|[我本](?:局|委|办|中心|厅|院|所|处|站|队)|政府(?=信息|网站|门户|公报|公开)"
_PLAN = re.compile(r"计划|拟|预计|力争|争取|目标")


@lru_cache(maxsize=64)
def self_names(organ: str) -> re.Pattern[str]:
    """The ways a text names its own organ: 鄄城县人民政府, 鄄城县, 县政府, 我局 …"""
    names = []
    organ = "".join(organ.split())
    if organ:
        names.append(re.escape(organ))
        if "人民政府" in organ:
            place = organ.split("人民政府")[0]
            if place:
                names += [re.escape(place + "政府"), re.escape(place)]
            names.append(r"[县市区旗]人民政府|[县市区旗]政府")
        if organ.endswith(("人民政府", "办事处")):
            names.append(_SELF_AREA)
    names.append(_SELF)
    return re.compile("|".join(names))


class Passage:
    """A section's text with its sentence boundaries and part headings."""

    def __init__(self, section: str, text: str, where: str = "文中", opens_in_applications_part: bool = False,
                 words: Optional[Vocabulary] = None):
        self.section = section
        self.vocabulary = words or vocabulary()  # how the format names its figures (the current one's)
        self.text = text
        self.where = where  # how messages name the section: 一、总体情况中
        # a paragraph read on its own (scan.py): whether the heading above it names 依申请
        self.opens_in_applications_part = opens_in_applications_part
        self._ends = [m.start() for m in SENTENCE_END.finditer(text)]
        self._headings = [(m.start(), m.group()) for m in _HEADING.finditer(text)]
        self._heading_starts = [start for start, _ in self._headings]
        self._quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        self._quote_starts = [start for start, _ in self._quotes]

    def sentence_index(self, pos: int) -> int:
        return bisect_right(self._ends, pos - 1) if pos else 0

    def sentence(self, pos: int) -> Tuple[int, int]:
        """Start and end (exclusive, before the stop) of the sentence holding pos."""
        i = bisect_right(self._ends, pos - 1) if pos else 0
        start = self._ends[i - 1] + 1 if i else 0
        end = self._ends[i] if i < len(self._ends) else len(self.text)
        return start, end

    def previous_sentence(self, pos: int) -> Optional[Tuple[int, int]]:
        start, _ = self.sentence(pos)
        if start == 0:
            return None
        return self.sentence(start - 1)

    def opens_with_qizhong(self, pos: int) -> bool:
        """The sentence starts with 其中: it goes on with the sentence before."""
        start, _ = self.sentence(pos)
        return self.text[start:start + 6].lstrip(" \t　，,").startswith("其中")

    def clause_start(self, pos: int) -> int:
        start, _ = self.sentence(pos)
        i = pos
        while i > start and not CLAUSE_END.match(self.text, i - 1):
            i -= 1
        return i

    def quoted(self, pos: int) -> bool:
        """pos lies inside quotation marks."""
        i = bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and pos < self._quotes[i][1]

    def in_applications_part(self, pos: int) -> bool:
        """pos lies under a part heading that names 依申请 (（二）依申请公开情况)."""
        i = bisect_right(self._heading_starts, pos) - 1
        return "依申请" in self._headings[i][1] if i >= 0 else self.opens_in_applications_part

    def ends_in_applications_part(self) -> bool:
        """Whether the text after this passage still lies under a heading that names 依申请."""
        return self.in_applications_part(len(self.text))

    def context(self, pos: int) -> str:
        """The sentence up to pos, with the sentence before when this one opens with 其中."""
        start, _ = self.sentence(pos)
        text = self.text[start:pos]
        if self.opens_with_qizhong(pos):
            before = self.previous_sentence(pos)
            if before:
                text = self.text[before[0]:before[1]] + "。" + text
        return text

    def masked(self) -> str:
        """The text with parenthesised asides blanked (same length, same offsets)."""
        return _PARENS.sub(lambda m: "（" + "□" * (len(m.group()) - 2) + "）", self.text)


def speaks_of_other_time(context: str, year: Optional[int]) -> bool:
    last = None
    for last in _TIME.finditer(context):  # noqa: B007 - the last match is the one wanted
        pass
    if last is None:
        return False
    if last.group("this"):
        return False
    if last.group("year"):
        return year is not None and int(last.group("year")) != year
    return True


# 按照省政府办公厅相关工作要求: the organ that instructed, not the one the figure is about
_INSTRUCTED_BY = re.compile(r"(?:按照|根据|依据|依照|遵照|落实|贯彻)[^，,。；;：:]{0,30}?"
                            r"(?:要求|部署|规定|精神|安排|通知|意见|决定)")


def speaks_of_other_scope(context: str, organ: str) -> bool:
    stripped = self_names(organ).sub("", _INSTRUCTED_BY.sub("", context))
    return any(not _abbreviates(m.group(), organ) for m in _OTHER_SCOPE.finditer(stripped))


def _abbreviates(name: str, organ: str) -> bool:
    """A short name of the organ itself: 市科委 for 上海市科学技术委员会, 县发改局 for 某县发展和改革局.

    Some tail of the name (three characters or more) keeps the organ's characters in order and ends
    as the organ does (委员会 shortened to 委).
    """
    organ = "".join(organ.split())
    if len(organ) < 3:
        return False
    end = "委" if organ.endswith("委员会") else organ[-1]
    for i in range(len(name) - 2):
        tail = name[i:]
        if tail[-1] == end and _in_order(tail, organ):
            return True
    return False


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


def speaks_of_plans(clause: str) -> bool:
    return bool(_PLAN.search(clause))
