"""Chinese numerals as report texts write them, checked against cn2an."""

import re
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_report.checks.text.numerals import CHINESE, NUMBER, chinese_to_int, figure_value


@pytest.mark.parametrize("text,value", [
    ("八十", 80), ("一百零三", 103), ("两千", 2000), ("十一", 11), ("十", 10), ("零", 0), ("〇", 0),
    ("二百五", 250), ("两千五", 2500), ("一千零十", 1010), ("一千〇五", 1005), ("三千零二十", 3020),
    ("一万二千三百", 12300), ("两万零五", 20005), ("二十万零三百", 200300), ("一亿", 100000000),
])
def test_chinese_numerals(text, value):
    assert chinese_to_int(text) == value
    assert figure_value(text) == value


@pytest.mark.parametrize("text", ["一二", "百十", "千", "十十", "万"])
def test_malformed_numerals_are_not_numbers(text):
    assert chinese_to_int(text) is None


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10 ** 9))
def test_agrees_with_cn2an_on_every_number_it_writes(n):
    text = cn2an.an2cn(n)
    assert re.fullmatch(CHINESE, text)
    assert chinese_to_int(text) == n == cn2an.cn2an(text, "normal")


@pytest.mark.parametrize("text,value", [
    ("80", 80), ("８０", 80), ("1,234", 1234), ("1，234", 1234), ("15156.9", Decimal("15156.9")),
    ("24252.311082", Decimal("24252.311082")),
])
def test_arabic_figures_are_exact(text, value):
    assert re.fullmatch(NUMBER, text)
    result = figure_value(text)
    assert result == value and type(result) is type(value)


def test_words_that_only_look_like_numerals_are_not_numbers():
    # 百余件, 数十件, 万件 start with no digit: the pattern does not take them
    for text in ("百", "数十", "万"):
        assert not re.fullmatch(CHINESE, text)
