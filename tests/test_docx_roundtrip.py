"""import(export(report)) gives the report back: the sample and random reports."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_report.files import read_report, write_report
from disclosure_report.format import AMOUNT, load_format
from disclosure_report.model import Contact, Report, image_line
from test_docx_support import png


def carried(report):
    """What a DOCX carries (an imported report always keeps its totals as printed)."""
    return {
        "organ": report.organ, "year": report.year, "title": report.title, "shown": report.display_title(),
        "contact": vars(report.contact), "values": report.values, "text": report.text,
        "images": report.images, "kinds": {p: type(v) for p, v in report.values.items()},
    }


def test_sample_round_trip(sample, tmp_path):
    path = tmp_path / "sample.docx"
    write_report(sample, path)
    back = read_report(path)
    assert carried(back) == carried(sample)
    assert back.title == sample.title == "鄄城县2023年政府信息公开工作年度报告"
    assert back.manual_totals


def test_blank_report_round_trip(tmp_path):
    path = tmp_path / "blank.docx"
    write_report(Report(), path)
    assert carried(read_report(path)) == carried(Report())


FMT = load_format()
# text without control characters; 、 left out so that no random line reads as a heading 一、…
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="、")
_LINE = st.text(_CHARS, min_size=1, max_size=40).filter(lambda s: s.strip() == s and s)
_TEXT = st.lists(st.one_of(_LINE, st.just("")), max_size=6).map("\n".join).map(lambda s: s.strip("\n"))
_FIELD = st.text(_CHARS, max_size=20)


def _value(kind):
    if kind == AMOUNT:
        amount = st.decimals(min_value=0, max_value=10**7, places=6, allow_nan=False, allow_infinity=False)
        return st.one_of(st.none(), amount.map(lambda d: Decimal(str(d))))
    return st.one_of(st.none(), st.integers(min_value=0, max_value=10**7))


@st.composite
def reports(draw):
    report = Report(
        organ=draw(_FIELD.filter(str.strip)),
        year=draw(st.integers(1990, 2100)),
        title=draw(st.one_of(st.just(""), _FIELD.filter(str.strip))),
        contact=Contact(draw(_FIELD), draw(_FIELD), draw(_FIELD)),
    )
    for path, cell in FMT.cells.items():
        report.values[path] = draw(_value(cell.kind))
    for text_id in FMT.text_ids:
        report.text[text_id] = draw(_TEXT)
    if draw(st.booleans()):
        report.images = {"图1.png": png(5, 5)}
        report.text["problems"] = (report.text["problems"] + "\n" + image_line("图1.png")).strip("\n")
    return report


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(report=reports())
def test_random_reports_round_trip(report, tmp_path):
    path = tmp_path / "random.docx"
    write_report(report, path)
    assert carried(read_report(path)) == carried(report)
