"""Numbers as clerks type or paste them, made exact.

Every way a number enters the program (typing, paste, JSON, DOCX, Excel)
goes through :func:`parse_number`, so ``８０``, ``1,234``, ``1，234`` and
`` 80 `` all mean 80, and the marks offices use for "nothing" (``/``, ``—``,
``－``, ``-``, ``无``) mean a blank cell, which is not 0.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional, Union

Number = Union[int, Decimal]
Value = Optional[Number]  # None is a blank cell, never 0

# After NFKC: the full-width forms have become their ASCII twins.
BLANK_MARKS = frozenset({"", "/", "\\", "-", "--", "—", "——", "–", "无", "空", "-/-"})
_NUMBER = re.compile(r"^(?P<sign>-)?(?P<int>\d+)(?:\.(?P<frac>\d+))?$")
_GROUPED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_MAX_LENGTH = 40
# Beyond any real count or amount, and far within what can be shown: refused, never stored.
MAX_MAGNITUDE = 10 ** 15
_SHOWN_DIGITS = 16


def total(values: Iterable[Value]) -> Number:
    """The sum of the filled cells; 0 when none is filled (a blank cell adds nothing)."""
    return sum(v for v in values if v is not None)


def difference(a: Number, b: Number) -> Number:
    """|a − b|, typed as a number (abs() of an int-or-Decimal is an object to mypy)."""
    d = a - b
    return -d if d < 0 else d


class InvalidNumber(ValueError):
    """Text that is not a number; the message says why, in Chinese."""


def _clean(text: str) -> str:
    if not text.isascii():  # ASCII is its own NFKC form: the drafts' numbers, read as the window opens
        import unicodedata  # here: a 1 MB extension, not needed to open the window

        text = unicodedata.normalize("NFKC", text)
    # a Chinese IME types 。 for the decimal point; NFKC leaves it alone
    text = text.replace("。", ".")
    return "".join(text.split())  # every kind of space, inside too: "1 234" is never meant otherwise


def parse_number(text: str) -> Value:
    """An int, an exact Decimal, or None for a blank; InvalidNumber otherwise."""
    cleaned = _clean(text)
    if cleaned in BLANK_MARKS:
        return None
    if len(cleaned) > _MAX_LENGTH:
        raise InvalidNumber(f"“{_shorten(text)}”太长，不是一个数字")
    if "," in cleaned:
        if not _GROUPED.match(cleaned):
            raise InvalidNumber(f"“{_shorten(text)}”的千位分隔符位置不对，请只填数字，如 1234")
        cleaned = cleaned.replace(",", "")
    match = _NUMBER.match(cleaned)
    if not match:
        raise InvalidNumber(f"“{_shorten(text)}”不是数字，请填阿拉伯数字（没有请填 0）")
    value = int(cleaned) if match.group("frac") is None else Decimal(cleaned)
    check_magnitude(value)
    return value


def is_number(text: str) -> bool:
    """Whether parse_number reads the text (a blank is a number: none)."""
    try:
        parse_number(text)
    except InvalidNumber:
        return False
    return True


def check_magnitude(value) -> None:
    """Refuse a number no report can hold (InvalidNumber); smaller oddities are kept for the checks."""
    if abs(value) >= MAX_MAGNITUDE:
        raise InvalidNumber(f"{shown_value(value)} 太大，不可能是报告中的数字，请核对")


def _shorten(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 20 else text[:20] + "…"


def as_kind(value: Value, kind: str) -> Value:
    """Store a parsed value the way its cell kind wants it.

    An amount is always a Decimal (万元); a count is an int when the number is
    whole (``80.0`` is 80). A fractional count stays a Decimal so that the
    check can show it rather than the program rounding it away.
    """
    if value is None:
        return None
    if kind == "amount":
        return value if isinstance(value, Decimal) else Decimal(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def cell_value(text: str, kind: str) -> Value:
    """What a clerk typed or pasted into a cell of that kind, stored as it wants it (as_kind); InvalidNumber
    for what no such cell can hold: not a number, 10^15 or more, negative, or a fraction of a count."""
    value = as_kind(parse_number(text), kind)
    if value is not None and value < 0:
        raise InvalidNumber(f"“{_shorten(text)}”是负数，件数和金额不能为负")
    if kind != "amount" and isinstance(value, Decimal):
        raise InvalidNumber(f"“{_shorten(text)}”不是整数，件数只能填整数")
    return value


def value_problem(value: Value, kind: str, count_max: int, amount_decimals: int) -> Optional[str]:
    """Why a stored value is not acceptable for its cell, or None."""
    if value is None:
        return None
    if value < 0:
        return f"{shown_value(value)} 是负数，数量和金额不能为负"
    if kind == "amount":
        exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
        if isinstance(exponent, int) and -exponent > amount_decimals:
            return f"{shown_value(value)} 的小数超过 {amount_decimals} 位（金额以万元计，精确到分即可）"
        if value > count_max:
            return f"{shown_value(value)} 大得不合常理，请核对单位（万元）"
        return None
    if isinstance(value, Decimal):
        return f"{shown_value(value)} 不是整数，件数应为整数"
    if value > count_max:
        return f"{shown_value(value)} 大得不合常理，请核对"
    return None


def format_value(value: Value) -> str:
    """How a value is shown and written: no exponent, decimals as stored."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def shown_value(value: Value) -> str:
    """A value as a message shows it: exact, unless it is too long to read (then its first digits)."""
    text = format_value(value)
    if len(text) <= _SHOWN_DIGITS:
        return text
    return f"{text[:_SHOWN_DIGITS]}…（共 {len(text)} 位）"
