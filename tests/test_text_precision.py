"""The four kinds of wrong text findings met on real reports, and what must keep working.

The sentences have the shape of the real ones (not copied): each wrong kind
stayed silent after the fix and was flagged before it.
"""

from disclosure_report.checks import run_checks
from disclosure_report.model import Report
from text_reports import county_report


def _text(report, previous=None):
    return [f for f in run_checks(report, previous) if f.rule.startswith("text.")]


def _with_overview_sentence(sentence):
    report, _ = county_report()
    report.text["overview"] = report.text["overview"].replace(
        "\n（三）政府信息管理", sentence + "\n（三）政府信息管理")
    assert sentence in report.text["overview"]
    return report


def test_a_count_word_inside_a_longer_phrase_is_not_that_count():
    # 答复 is 办结 (81 in the table); 不予公开答复 2件 is the 不予公开 replies, not the replies made
    assert _text(_with_overview_sentence("全年依申请公开不予公开答复 2件。")) == []
    assert _text(_with_overview_sentence("领导信箱留言办结2件，均已答复申请人。")) == []


def test_a_numeral_inside_a_slogan_or_a_quotation_is_no_figure():
    report = _with_overview_sentence("办理申请时努力做到“办结一件申请、解决一个问题”。")
    assert _text(report) == []
    report = _with_overview_sentence("坚持‘受理一件申请，答复一件申请’的要求。")
    assert _text(report) == []


UNITS = "、".join(f"{name}{n}件" for name, n in (
    ("县政府办公室", 20), ("县发展和改革局", 5), ("县教育局", 4), ("县公安局", 6), ("县民政局", 3),
    ("县财政局", 2), ("县人力资源和社会保障局", 4), ("县自然资源和规划局", 20), ("县住房和城乡建设局", 7),
    ("县交通运输局", 2), ("县卫生健康委员会", 1)))


def test_a_bracketed_breakdown_after_a_total_does_not_replace_the_total():
    report, _ = county_report()
    overview = report.text["overview"]
    stated = "2023年，共收到政府信息公开申请80件，同比增长25%，其中自然人申请78件，法人或其他组织申请2件"
    assert stated in overview
    report.text["overview"] = overview.replace(
        stated, f"2023年，共收到政府信息公开申请80件（{UNITS}、某开发区6件），其中自然人申请78件，法人或其他组织申请2件")
    assert len(UNITS) > 80  # longer than any aside the parts rule used to blank out
    assert _text(report) == []


def test_a_parts_message_names_the_total_it_quotes():
    report, _ = county_report()
    report.text["overview"] = report.text["overview"].replace(
        "其中自然人申请78件，法人或其他组织申请2件", f"（{UNITS}、某开发区6件），其中自然人申请78件，法人或其他组织申请3件")
    [finding] = _text(report)
    assert finding.rule == "text.parts_sum"
    assert "78+3=81 件，比总数 80 件多 1 件" in finding.message
    assert "收到政府信息公开申请80件" in finding.message


def test_a_fee_statement_without_the_word_processing_fee_is_a_statement():
    report, _ = county_report()
    report.text["other"] = "2023年度，本机关政府信息公开未发生收费情况。"
    assert _text(report) == []
    report.text["other"] = "本年度未收取任何费用。"
    assert _text(report) == []


def test_a_fee_of_another_kind_is_no_statement_of_the_processing_fee():
    report, _ = county_report()
    report.text["other"] = "本年度行政事业性收费未发生变化。"
    assert [f.rule for f in _text(report)] == ["text.fee_statement"]


# what must keep working


def test_the_seeds_parts_that_add_to_84_not_80_are_flagged(sample):
    [finding] = _text(sample)
    assert finding.rule == "text.parts_sum" and "41+28+9+6=84 件，比总数 80 件多 4 件" in finding.message


def test_a_text_that_says_393_where_the_table_says_470_is_flagged():
    report, _ = county_report()
    report.text["overview"] = report.text["overview"].replace("现行有效行政规范性文件470件", "现行有效行政规范性文件393件")
    [finding] = _text(report)
    assert finding.cells == ("active.normative_documents.in_force",) and "表中为 470 件" in finding.message


def test_accepting_two_applications_against_a_table_of_three_is_flagged():
    report = Report(organ="某市体育局", year=2023)
    for path, cell in report.format.cells.items():
        report.values[path] = 0 if cell.kind == "count" else report.values[path]
    for row in ("new", "granted", "handled"):
        report.values[f"applications.{row}.natural"] = report.values[f"applications.{row}.total"] = 3
    report.text["overview"] = ("（二）依申请公开工作情况。我局高度重视依申请公开事项的答复。本年度，共受理政府信息公开申请2件，"
                               "都在法定期限内予以答复。")
    [finding] = [f for f in _text(report) if f.rule == "text.figure"]
    assert finding.rule == "text.figure" and finding.cells == ("applications.new.total",)
    assert "“受理政府信息公开申请2件”" in finding.message and "表中为 3 件" in finding.message
