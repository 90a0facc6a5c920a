"""Figures as report texts write them: 80, ８０, 1,234, 15156.9, 八十, 一百零三, 两千.

The patterns here are pieces the figure rules assemble; the conversion of
Chinese numerals is our own (see ``chinese_to_int``): `cn2an` gives the same
values (tests compare the two) but costs ~130 ms to import, pulls in a
second package and turns 三点五 into a float; the texts only need whole
counts written with 零〇一二两三四五六七八九十百千万亿.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Optional, Union

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8}

# Arabic: half- or full-width digits, optional thousands groups, optional decimals.
ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
# Chinese: starts with a digit or 十 (so 百余件, 万件 and 数十件 are no numbers).
CHINESE = r"(?:[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*|[零〇])"
NUMBER = rf"(?:{ARABIC}|{CHINESE})"

# What makes a figure approximate: 约80件, 近百件, 80余件, 80多件, 80件左右 …
APPROX_BEFORE = r"(?:约|大约|近|将近|接近|超过|逾|不足|不到|多达|上)"
APPROX_INSIDE = r"(?:余|多|来|几)"
APPROX_AFTER = r"(?:左右|以上|以下|上下|之多|余)"

BLANK = r"[^\S\n]"  # a space that does not end the line

COUNT_UNIT = r"(?:件|个|条|宗|起|份|例|项)"
# after the unit: 5个工作日, 90件次, 3个方面 are no counts of cases
NOT_A_COUNT = r"(?!工作日|自然日|日|天|小时|月|周|年|人|次|字|页|方面|类|种|批|环节|阶段|百分点)"

Figure = Union[int, Decimal]


def chinese_to_int(text: str) -> Optional[int]:
    """一百零三 -> 103, 两千 -> 2000, 十一 -> 11, 二百五 -> 250; None if malformed."""
    total = 0  # everything above the current 万/亿 section
    section = 0  # the current section below 万
    digit: Optional[int] = None
    last_unit = 0  # the unit written last in this section, for 二百五 = 250
    zero_since_unit = False
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None  # 一二 is not a number here
            digit = _DIGITS[ch]
            if digit == 0:
                zero_since_unit = True
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if last_unit and unit >= last_unit:
                return None  # 百十, 十十
            if not digit and unit != 10:
                return None  # 千, 零百: only 十 stands without a digit (十一, 一千零十)
            section += (digit or 1) * unit
            digit, last_unit, zero_since_unit = None, unit, False
        elif ch in _BIG_UNITS:
            big = _BIG_UNITS[ch]
            section += digit or 0
            if section == 0 and total == 0:
                return None
            if big == 10 ** 8:
                total = (total + section) * big
            else:
                total += section * big
            section, digit, last_unit, zero_since_unit = 0, None, 0, False
        else:
            return None
    if digit:
        if last_unit >= 100 and not zero_since_unit:
            section += digit * last_unit // 10  # 二百五 is 250, 两千五 is 2500
        else:
            section += digit
    return total + section


def figure_value(text: str) -> Optional[Figure]:
    """The value of a NUMBER match: int, or Decimal when it has decimals."""
    if not text:
        return None
    if text[0] in _DIGITS or text[0] in _UNITS:
        return chinese_to_int(text)
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace("．", ".")
    try:
        return Decimal(cleaned) if "." in cleaned else int(cleaned)
    except ArithmeticError:
        return None
