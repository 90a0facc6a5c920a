from decimal import Decimal

import pytest

from disclosure_report.numbers import InvalidNumber, as_kind, format_value, parse_number, shown_value, value_problem


@pytest.mark.parametrize("text,expected", [
    ("80", 80),
    ("８０", 80),
    (" 80 ", 80),
    ("\u300080\u3000", 80),
    ("1,234", 1234),
    ("1，234", 1234),
    ("１，２３４", 1234),
    ("15156.9", Decimal("15156.9")),
    ("15156。9", Decimal("15156.9")),
    ("24252.311082", Decimal("24252.311082")),
    ("0", 0),
    ("-3", -3),
])
def test_numbers_as_clerks_type_them(text, expected):
    value = parse_number(text)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("mark", ["", "  ", "/", "／", "—", "——", "－", "-", "无", "–"])
def test_marks_for_nothing_are_blank_not_zero(mark):
    assert parse_number(mark) is None


@pytest.mark.parametrize("text", ["abc", "八十", "80件", "1,2345", "1e5", "NaN", "Infinity", "1.2.3", "+5", "9" * 60])
def test_non_numbers_are_refused_with_a_chinese_message(text):
    with pytest.raises(InvalidNumber) as info:
        parse_number(text)
    assert "数字" in str(info.value)


def test_amounts_are_decimals_and_counts_ints():
    assert as_kind(100, "amount") == Decimal(100) and isinstance(as_kind(100, "amount"), Decimal)
    assert as_kind(Decimal("80.0"), "count") == 80 and isinstance(as_kind(Decimal("80.0"), "count"), int)
    assert as_kind(Decimal("2.5"), "count") == Decimal("2.5")


@pytest.mark.parametrize("value,kind,fragment", [
    (-1, "count", "负数"),
    (Decimal("2.5"), "count", "整数"),
    (10 ** 9 + 1, "count", "不合常理"),
    (Decimal("1.1234567"), "amount", "6 位"),
])
def test_problems_are_named(value, kind, fragment):
    assert fragment in value_problem(value, kind, 10 ** 9, 6)


def test_acceptable_values_have_no_problem():
    assert value_problem(Decimal("24252.311082"), "amount", 10 ** 9, 6) is None
    assert value_problem(0, "count", 10 ** 9, 6) is None
    assert value_problem(None, "count", 10 ** 9, 6) is None


def test_numbers_no_report_can_hold_are_refused_and_long_values_shown_short():
    with pytest.raises(InvalidNumber, match="太大"):
        parse_number("1" + "0" * 15)
    assert parse_number("9" * 15) == 10 ** 15 - 1
    assert shown_value(Decimal("1." + "0" * 30 + "1")) == "1.00000000000000…（共 33 位）"
    assert shown_value(12345) == "12345"


def test_format_value_never_uses_an_exponent():
    assert format_value(Decimal("1E+3")) == "1000"
    assert format_value(Decimal("1.50")) == "1.50"
    assert format_value(None) == ""
