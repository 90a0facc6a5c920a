"""What the rules on the whole report read in each block of a text, kept while the block is unchanged.

For the character count (text.overview_length, the window's live count), the fee statement
(text.fee_statement) and the sentences that open with a year (text.wrong_year): one reading of each block
(memo.blocks), so a keystroke rereads one block and a cell commit none. A block's reading depends on its
text alone, and for a 处理费 on its last line on the line after it (a heading is read with its next line).
"""

from __future__ import annotations

import re
from typing import List, NamedTuple, Optional, Tuple

from disclosure_report.checks.text.memo import Memo, blocks
from disclosure_report.checks.text.numerals import BLANK, NUMBER
from disclosure_report.model import IMAGE_LINE

_COUNTED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9０-９]")

_FEE = re.compile(r"(?:信息)?处理费")
# a statement: an amount (120元, 0元, 一百元) or that none was collected
_FEE_STATED = re.compile(rf"(?:未|不|没有|无)[^。\n]{{0,10}}?(?:收取|收费|产生|发生)|免收|免予收取|免费|零元"
                         rf"|(?:^|\n)\s*无[。.]?\s*(?:\n|$)|{NUMBER}\s*(?:万元|元)")
# 政府信息公开未发生收费情况, 未收取任何费用: no fee collected, said without the word 处理费
_NO_FEE = re.compile(r"(?:未|没有|无|不)(?:发生|产生|收取|存在|涉及)?(?:任何)?(?:收费|费用)")
_OTHER_FEE = "行政事业性"  # table 二's fees, not the processing fee

# a sentence that opens with a year (“2023年，我局共收到…”): it says what happened in that year
_OPENING_YEAR = re.compile(r"(?:^|(?<=[。！？\n]))[ \t　]*(?:[（(][一二三四五六七八九十]+[)）][^。\n]{0,20}?[。．.]?)?"
                           rf"(?P<year>(?:19|20)\d{{2}}){BLANK}*年度?[，,]")
# … unless it compares, looks back or names the report of that year
_NOT_THIS_YEAR = re.compile(r"同比|相比|较上|比上|上年|去年|以来|结转|年度报告|年报|工作报告|累计|截至|截止")
# the statistics period of the preamble: 统计期限自2023年1月1日起至2023年12月31日止
_PERIOD = re.compile(rf"(?P<year>(?:19|20)\d{{2}}){BLANK}*年{BLANK}*1{BLANK}*月{BLANK}*1{BLANK}*日")


# (year, start, end, sentence): a sentence that opens with a year, or the preamble's statistics period
Years = Tuple[Tuple[int, int, int, str], ...]


class Facts(NamedTuple):
    characters: int  # counted characters (statements.counted_characters)
    no_fee: bool  # says that no fee was collected (未收取任何费用)
    fees: Tuple[Tuple[int, int, bool], ...]  # each 处理费: start, end, whether an amount or none is stated
    opening: Years  # sentences opening with a year that say what happened then
    periods: Years  # 统计期限自2023年1月1日起…


_facts: Memo[Facts] = Memo(1_000_000)
_sections: Memo[List[Tuple[int, Facts]]] = Memo(700_000)


def section_facts(text: str) -> List[Tuple[int, Facts]]:
    """(offset, facts) of each block of a text, offsets within the text."""
    return _sections.get(text, len(text), lambda: _read_section(text))


def _read_section(text: str) -> List[Tuple[int, Facts]]:
    found = []
    parts = blocks(text)
    for i, (offset, block) in enumerate(parts):
        following = None  # a heading on the block's last line is read with the line after it
        if "处理费" in block and i + 1 < len(parts):
            after = parts[i + 1][1]
            following = after[:after.find("\n")] if "\n" in after else after
        facts = _facts.get((block, following), len(block), lambda: _read(block, following))  # noqa: B023
        if offset and (facts.fees or facts.opening or facts.periods):
            facts = facts._replace(fees=tuple((offset + s, offset + e, stated) for s, e, stated in facts.fees),
                                   opening=_moved(facts.opening, offset), periods=_moved(facts.periods, offset))
        found.append((offset, facts))
    return found


def _moved(years: Years, offset: int) -> Years:
    return tuple((year, start + offset, end + offset, sentence) for year, start, end, sentence in years)


def _read(block: str, following: Optional[str]) -> Facts:
    text = block if following is None else block + "\n" + following
    size = len(block)
    no_fee = any(_OTHER_FEE not in _sentence(text, m.start()) for m in _NO_FEE.finditer(text, 0, size))
    fees = tuple((m.start(), m.end(), bool(_FEE_STATED.search(_statement_window(text, m.start()))))
                 for m in _FEE.finditer(text) if m.start() < size)
    opening, periods = _year_statements(block)
    return Facts(len(_COUNTED.findall(IMAGE_LINE.sub("", block))), no_fee, fees, opening, periods)


def _year_statements(text: str) -> Tuple[Years, Years]:
    """Sentences that open with a year and say what happened then; the statistics periods."""
    opening = []
    for m in _OPENING_YEAR.finditer(text):
        end = _sentence_end(text, m.end())
        sentence = text[m.start("year"):end]
        if not _NOT_THIS_YEAR.search(sentence):
            opening.append((int(m.group("year")), m.start("year"), end, sentence))
    periods = []
    for m in _PERIOD.finditer(text):
        end = _sentence_end(text, m.end())
        periods.append((int(m.group("year")), m.start(), end, text[m.start():end]))
    return tuple(opening), tuple(periods)


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find("。", pos), text.find("\n", pos)) if i >= 0]
    return min(ends) if ends else len(text)


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
