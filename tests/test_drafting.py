"""Standard sentences from the tables: what they say, that they check clean, and staleness."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_report.checks.text import check_text
from disclosure_report.drafting import (
    ACTIVE,
    APPEALS,
    APPLICATIONS,
    FEE,
    KINDS,
    MARK,
    draft,
    drafts,
    insert_draft,
    placed_drafts,
    replace_draft,
    strip_marks,
)
from disclosure_report.jsonfile import dumps, loads
from disclosure_report.model import Report, apply_values
from text_reports import bureau_report, county_report


def _with_all_drafts(report, previous=None):
    for d in drafts(report, previous):
        text, _, _ = insert_draft(report.text[d.section], len(report.text[d.section]), d.text)
        report.text[d.section] = text
    return report


def test_the_application_paragraph_says_what_the_tables_say():
    report, previous = county_report()
    assert strip_marks(draft(APPLICATIONS, report, previous).text) == (
        "2023年，本机关共收到政府信息公开申请80件，同比增长25%，其中自然人申请78件、法人或其他组织申请2件；"
        "上年结转政府信息公开申请3件。办结政府信息公开申请81件，其中予以公开21件、部分公开38件、不予公开2件、"
        "无法提供11件、不予处理1件、其他处理8件；结转下年度继续办理2件。")


def test_without_last_year_there_is_no_year_on_year_figure():
    report, _ = county_report()
    assert "同比" not in draft(APPLICATIONS, report).text


def test_the_appeals_sentence_and_the_fee_statement(sample):
    report, _ = county_report()
    assert strip_marks(draft(APPEALS, report).text) == (
        "2023年，本机关因政府信息公开工作被申请行政复议2件，其中结果维持1件、尚未审结1件；"
        "被提起行政诉讼1件，其中结果维持1件。")
    assert strip_marks(draft(APPEALS, sample).text) == (
        "2023年，本机关未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")
    assert strip_marks(draft(FEE, sample).text) == "2023年未收取信息处理费。"
    assert draft(FEE, sample).section == "other" and draft(APPEALS, sample).section == "overview"


def test_generated_passages_check_clean_against_their_own_tables(sample):
    report, previous = county_report()
    for r, p in ((report, previous), (bureau_report(), None), (sample, None)):
        r.text["overview"] = r.text["other"] = ""
        _with_all_drafts(r, p)
        assert check_text(r, p) == []


_COUNT = st.integers(min_value=0, max_value=300)


@settings(max_examples=40, deadline=None)
@given(st.lists(_COUNT, min_size=40, max_size=40), st.one_of(st.none(), _COUNT))
def test_generated_passages_check_clean_for_any_tables(counts, last_new):
    report = Report(organ="某县人民政府", year=2023)
    parts = [p for p in report.format.cells if not report.format.cells[p].computed]
    values = {}
    for i, path in enumerate(parts):
        kind = report.format.cells[path].kind
        n = counts[i % len(counts)] if i % 3 == 0 else 0
        values[path] = Decimal(n) / 10 if kind == "amount" else n
    apply_values(report, values)
    previous = None
    if last_new is not None:
        previous = Report(organ="某县人民政府", year=2022)
        previous.values["applications.new.total"] = last_new
    _with_all_drafts(report, previous)
    assert [f for f in check_text(report, previous) if f.rule in ("text.figure", "text.parts_sum")] == []


def test_a_blank_table_cell_means_no_passage_yet_and_says_where():
    report = Report(organ="某县人民政府", year=2023)
    d = draft(APPLICATIONS, report)
    assert d.text == "" and "表三" in d.problem and "空格" in d.problem


def test_a_passage_goes_stale_when_its_figures_change_and_fresh_when_they_return():
    report, previous = county_report()
    report.text["overview"] = ""
    for kind in (APPLICATIONS, APPEALS, ACTIVE):
        d = draft(kind, report, previous)
        report.text["overview"], _, _ = insert_draft(report.text["overview"], 0, d.text)
    assert {p.kind: p.stale for p in placed_drafts(report, previous)} == {
        APPLICATIONS: False, APPEALS: False, ACTIVE: False}
    old = apply_values(report, {"appeals.review.corrected": 1})
    assert {p.kind: p.stale for p in placed_drafts(report, previous)} == {
        APPLICATIONS: False, APPEALS: True, ACTIVE: False}
    apply_values(report, old)
    assert not any(p.stale for p in placed_drafts(report, previous))
    previous.values["applications.new.total"] = 70  # last year's figure behind 同比 changed
    assert [p.kind for p in placed_drafts(report, previous) if p.stale] == [APPLICATIONS]


def test_a_stale_passage_is_replaced_by_a_fresh_one_in_place():
    report, previous = county_report()
    report.text["overview"] = "前文。\n" + draft(APPEALS, report).text + "\n后文。"
    apply_values(report, {"appeals.review.corrected": 1})
    [placed] = placed_drafts(report)
    assert placed.stale and report.text["overview"][placed.start:placed.end].startswith("2023年，本机关因")
    report.text["overview"] = replace_draft(report.text["overview"], placed, draft(APPEALS, report).text)
    assert report.text["overview"].startswith("前文。\n") and report.text["overview"].endswith("\n后文。")
    assert "结果纠正1件" in report.text["overview"]
    assert not placed_drafts(report)[0].stale
    assert check_text(report) == []


def test_the_mark_survives_the_json_file_and_is_invisible(sample):
    sample.text["other"] = draft(FEE, sample).text
    again = loads(dumps(sample))
    assert again.text["other"] == sample.text["other"]
    assert [(p.kind, p.stale) for p in placed_drafts(again)] == [(FEE, False)]
    assert strip_marks(again.text["other"]) == "2023年未收取信息处理费。"
    invisible = set(again.text["other"]) - set("2023年未收取信息处理费。")
    assert invisible <= {"\u034f", "\u200c", "\u200d"}


def test_a_passage_is_inserted_as_a_paragraph_of_its_own():
    text, start, end = insert_draft("第一段。\n第二段。", 2, "新的一段。")
    assert text == "第一段。\n新的一段。\n第二段。" and text[start:end] == "新的一段。"
    text, start, end = insert_draft("", 0, "新的一段。")
    assert (text, start, end) == ("新的一段。", 0, 5)


def test_every_kind_has_a_title_and_a_section(sample):
    assert [d.kind for d in drafts(sample)] == list(KINDS)
    assert all(d.title and d.section in sample.format.text_ids for d in drafts(sample))


def test_the_mark_stays_in_the_draft_and_never_reaches_the_published_word_file(sample, tmp_path):
    from disclosure_report.files import read_report, write_report

    passage = draft(FEE, sample).text
    sample.text["other"] += "\n" + passage
    write_report(sample, tmp_path / "report.json")
    assert [(p.kind, p.stale) for p in placed_drafts(read_report(tmp_path / "report.json"))] == [(FEE, False)]
    write_report(sample, tmp_path / "report.docx")
    published = read_report(tmp_path / "report.docx").text["other"]
    assert placed_drafts(read_report(tmp_path / "report.docx")) == []
    assert published.endswith(strip_marks(passage)) and not MARK.search(published)


def test_a_damaged_mark_is_no_longer_a_generated_passage(sample):
    text = draft(FEE, sample).text
    sample.text["other"] = text[:-5]  # part of the mark deleted
    assert placed_drafts(sample) == []


def test_a_passage_goes_under_its_subheading_not_after_the_first_paragraph(sample):
    from disclosure_report.drafting import APPLICATIONS, draft, heading_position, insert_draft

    text = sample.text["overview"]
    passage = draft(APPLICATIONS, sample).text
    at = heading_position(text, APPLICATIONS)
    assert text[at:].startswith("（二）依申请公开")
    new_text, start, end = insert_draft(text, at, passage)
    lines = new_text.split("\n")
    heading = next(n for n, line in enumerate(lines) if line.startswith("（二）依申请公开"))
    assert lines[heading + 1] == passage and new_text[start:end] == passage
    assert heading_position("没有小标题的一段。", APPLICATIONS) is None
