import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_report.errors import ReportFileError
from disclosure_report.format import load_format
from disclosure_report.jsonfile import dumps, fingerprint, loads, read_report, report_to_data, write_report
from disclosure_report.model import Contact, Report

FMT = load_format()


def test_sample_is_the_seed_report_transcribed(sample, fixtures_dir):
    assert (sample.organ, sample.year) == ("鄄城县人民政府", 2023)
    assert sample.values["active.fees.amount"] == Decimal("15156.9")
    assert sample.values["active.penalty.decisions"] == 190929
    assert sample.values["applications.unable.not_held.natural"] == 11
    seed = (fixtures_dir / "000_312774fa3765aab5.txt").read_text(encoding="utf-8")
    # every number cell of the seed's table 三, in order, equals the sample's, row by row
    table = seed[seed.index("一、本年新收"):seed.index("四、政府信息公开行政复议")]
    seed_numbers = [int(n) for n in re.findall(r"^\t(\d+)$", table, re.MULTILINE)]
    ours = [sample.values[c.path] for c in FMT.tables["applications"].cells]
    assert seed_numbers == ours
    for text_id in FMT.text_ids:
        assert sample.text[text_id], text_id
    assert "收到政府信息公开申请80件" in sample.text["overview"]
    assert "[image" not in sample.text["overview"]
    assert sample.text["other"].startswith("（一）收取政府信息公开信息处理费情况")


def test_json_layout_is_as_format_md_shows_it(sample):
    data = json.loads(dumps(sample))
    assert data["format"] == "gov-disclosure-annual-report/2021"
    assert data["active"]["fees"] == {"amount": "15156.9"}
    assert data["applications"]["new"]["natural"] == 80
    assert data["applications"]["withheld"]["state_secret"]["natural"] == 0
    assert data["appeals"]["review"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
    assert set(data["text"]) == {"preamble", "overview", "problems", "other"}


def test_sample_round_trips_through_a_file(sample, tmp_path):
    path = tmp_path / "r.json"
    write_report(sample, path)
    assert read_report(path) == sample


_count = st.one_of(st.none(), st.integers(min_value=-5, max_value=2 * 10 ** 9))
_amount = st.one_of(st.none(), st.decimals(min_value=-10, max_value=10 ** 10, places=7, allow_nan=False))


@st.composite
def reports(draw):
    report = Report(
        organ=draw(st.text(max_size=20)),
        year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
        title=draw(st.text(max_size=10)),
        contact=Contact(draw(st.text(max_size=8)), draw(st.text(max_size=8)), ""),
        manual_totals=draw(st.booleans()),
    )
    for path, cell in FMT.cells.items():
        report.values[path] = draw(_amount if cell.kind == "amount" else _count)
    for text_id in FMT.text_ids:
        report.text[text_id] = draw(st.text(max_size=30))
    if draw(st.booleans()):
        report.images = {"a.png": draw(st.binary(max_size=20))}
    return report


@settings(max_examples=60, deadline=None)
@given(reports())
def test_json_round_trip_is_lossless(report):
    back = loads(dumps(report))
    assert back == report
    for path, value in report.values.items():
        assert type(back.values[path]) is type(value), path
        if isinstance(value, Decimal):
            assert str(back.values[path]) == str(value)


def _data(sample, **changes):
    data = report_to_data(sample)
    data.update(changes)
    return data


@pytest.mark.parametrize("text,fragment", [
    ("{", "不是有效的 JSON"),
    ("[]", "最外层"),
    ('{"organ": 5}', "organ 应为文字"),
    ('{"year": "二〇二三"}', "四位数年份"),
    ('{"year": 23}', "四位数年份"),
    ('{"year": true}', "四位数年份"),
    ('{"year": 2023.5}', "四位数年份"),
    ('{"colour": "red"}', "不认识的字段"),
    ('{"format": "gov-disclosure-annual-report/2019"}', "format.outdated"),
    ('{"format": "gov-disclosure-annual-report/2030"}', "不认识"),
    ('{"applications": {"new": {"natural": "abc"}}}', "applications.new.natural"),
    ('{"applications": {"new": {"natural": [1]}}}', "应为数字"),
    ('{"applications": {"new": {"natural": true}}}', "应为数字"),
    ('{"applications": {"new": {"natrual": 1}}}', "不认识的单元格"),
    ('{"applications": {"new": 5}}', "应为对象"),
    ('{"text": {"overview": 5}}', "text.overview"),
    ('{"text": {"summary": "x"}}', "不认识的部分"),
    ('{"images": {"a": "***"}}', "base64"),
    ("1" * 5000, "最外层"),
    ('{"applications": {"new": {"natural": 1e400}}}', "太大"),
    ('{"applications": {"new": {"natural": 1000000000000000}}}', "太大"),
    ('{"active": {"fees": {"amount": "1e3"}}}', "不是数字"),
])
def test_bad_json_is_refused_with_a_clear_message(text, fragment):
    with pytest.raises(ReportFileError) as info:
        loads(text)
    assert fragment in str(info.value)


def test_wrong_but_numeric_values_are_kept_for_the_checks_to_show():
    report = loads(
        '{"applications": {"new": {"natural": -3, "commercial": 2.5, "research": 5000000000}},'
        ' "active": {"fees": {"amount": 1.12345678}}}'
    )
    assert report.values["applications.new.natural"] == -3
    assert report.values["applications.new.commercial"] == Decimal("2.5")
    assert report.values["applications.new.research"] == 5000000000
    assert report.values["active.fees.amount"] == Decimal("1.12345678")


def test_strings_in_cells_go_through_the_shared_normalisation():
    report = loads('{"applications": {"new": {"natural": "８０", "commercial": "无"}}, "active": {"fees": {"amount": "1，234.5"}}}')
    assert report.values["applications.new.natural"] == 80
    assert report.values["applications.new.commercial"] is None
    assert report.values["active.fees.amount"] == Decimal("1234.5")


def test_unreadable_files(tmp_path):
    with pytest.raises(ReportFileError, match="无法读取"):
        read_report(tmp_path / "missing.json")
    bad = tmp_path / "gbk.json"
    bad.write_bytes("{\"organ\": \"鄄城\"}".encode("gbk"))
    with pytest.raises(ReportFileError, match="UTF-8"):
        read_report(bad)


def test_write_into_a_missing_folder_is_a_clear_error(sample, tmp_path):
    with pytest.raises(ReportFileError, match="无法写入"):
        write_report(sample, tmp_path / "no" / "such" / "r.json")


def test_fingerprint_changes_with_any_content_and_only_then(sample):
    same = sample.copy()
    assert fingerprint(sample) == fingerprint(same) and len(fingerprint(sample)) == 10
    same.text["problems"] += "。"
    assert fingerprint(sample) != fingerprint(same)
    other = sample.copy()
    other.values["active.fees.amount"] = other.values["active.fees.amount"] + 0
    assert fingerprint(sample) == fingerprint(other)
