"""text.figure and text.parts_sum on whole real-style reports: consistent ones stay
silent, a changed figure is flagged at the right cells and passage."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_report.checks import run_checks
from disclosure_report.checks.text import check_text
from disclosure_report.checks.text.figures import find_mentions
from disclosure_report.checks.text.passage import Passage
from text_reports import bureau_report, county_report


def _text_findings(report, previous=None):
    return [f for f in run_checks(report, previous) if f.rule.startswith("text.")]


def _quoted(report, finding):
    return report.text[finding.span.section][finding.span.start:finding.span.end]


def test_consistent_county_report_with_last_year_has_no_finding_at_all():
    report, previous = county_report()
    assert run_checks(report, previous) == []


def test_consistent_department_report_has_no_finding_at_all():
    assert run_checks(bureau_report()) == []


def test_the_county_report_states_many_figures_that_are_really_compared():
    report, _ = county_report()
    passage = Passage("overview", report.text["overview"])
    compared = {m.qid for m in find_mentions(passage, report.organ, report.year) if m.qid and not m.skip}
    assert {"new", "new@natural", "new@organizations", "carried_in", "handled", "granted", "partial",
            "withheld", "unable", "rejected", "other", "carried_out", "review", "review@upheld",
            "review@pending", "suits", "suits@upheld", "normative_documents.issued",
            "normative_documents.repealed", "normative_documents.in_force", "licensing", "penalty",
            "coercion", "fees"} <= compared


@pytest.mark.parametrize("old,new,cells,quote", [
    ("共收到政府信息公开申请80件", "共收到政府信息公开申请81件", ("applications.new.total",),
     "收到政府信息公开申请81件"),
    ("共收到政府信息公开申请80件", "共收到政府信息公开申请八十一件", ("applications.new.total",),
     "收到政府信息公开申请八十一件"),
    ("上年结转政府信息公开申请3件", "上年结转政府信息公开申请4件", ("applications.carried_in.total",),
     "上年结转政府信息公开申请4件"),
    ("全年办结81件", "全年办结82件", ("applications.handled.total",), "办结82件"),
    ("结转下年度继续办理2件", "结转下年度继续办理1件", ("applications.carried_out.total",),
     "结转下年度继续办理1件"),
    ("被申请行政复议2件", "被申请行政复议3件", ("appeals.review.total",), "行政复议3件"),
    ("被提起行政诉讼1件", "被提起行政诉讼2件",
     ("appeals.suit_direct.total", "appeals.suit_after_review.total"), "行政诉讼2件"),
    ("现行有效行政规范性文件470件", "现行有效行政规范性文件393件",
     ("active.normative_documents.in_force",), "现行有效行政规范性文件393件"),
    ("废止3件", "废止4件", ("active.normative_documents.repealed",), "废止4件"),
    ("行政处罚信息190929条", "行政处罚信息190920条", ("active.penalty.decisions",), "行政处罚信息190920条"),
    ("行政事业性收费15156.9万元", "行政事业性收费15156.8万元", ("active.fees.amount",),
     "行政事业性收费15156.8万元"),
    ("同比增长25%", "同比增长35%", ("applications.new.total",), "收到政府信息公开申请80件，同比增长35%"),
    ("同比增长25%", "同比下降25%", ("applications.new.total",), "收到政府信息公开申请80件，同比下降25%"),
])
def test_one_wrong_figure_is_flagged_at_its_cells_and_passage(old, new, cells, quote):
    report, previous = county_report()
    assert old in report.text["overview"]
    report.text["overview"] = report.text["overview"].replace(old, new, 1)
    [finding] = _text_findings(report, previous)
    assert (finding.rule, finding.severity, finding.cells) == ("text.figure", "warning", cells)
    assert finding.span.section == "overview" and _quoted(report, finding) == quote
    assert f"“{quote}”" in finding.message and "请核对" in finding.message


def test_the_message_names_the_table_cell_and_its_value():
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("申请80件", "申请81件", 1)
    [finding] = _text_findings(report, previous)
    assert finding.message == ("一、总体情况中“收到政府信息公开申请81件”与表三“一、本年新收政府信息公开申请数量”行“总计”列不一致"
                               "（表中为 80 件）；请核对后把文字或表格改成一致")


def test_a_wrong_part_is_flagged_and_the_whole_then_does_not_add_up():
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("予以公开21件，占25.93%", "予以公开22件，占27.16%")
    findings = _text_findings(report, previous)
    assert sorted(f.rule for f in findings) == ["text.figure", "text.parts_sum"]
    figure = next(f for f in findings if f.rule == "text.figure")
    assert figure.cells == ("applications.granted.total",)
    parts = next(f for f in findings if f.rule == "text.parts_sum")
    assert parts.cells == ("applications.handled.total",)
    assert _quoted(report, parts).startswith("全年办结81件") and _quoted(report, parts).endswith("其他处理8件")
    assert "21+" not in parts.message and "22+38+2+11+1+8=82 件" in parts.message


def test_applicant_figures_bind_to_the_received_applications():
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("法人或其他组织申请2件", "法人或其他组织申请3件")
    findings = _text_findings(report, previous)
    figure = next(f for f in findings if f.rule == "text.figure")
    assert figure.cells == tuple(f"applications.new.{c}"
                                 for c in ("commercial", "research", "nonprofit", "legal", "other"))
    assert [f.rule for f in findings] == ["text.figure", "text.parts_sum"]  # 78 + 3 > 80


def test_a_wrong_share_is_flagged_against_what_it_is_a_share_of():
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("占25.93%", "占30%")
    [finding] = _text_findings(report, previous)
    assert finding.cells == ("applications.granted.total", "applications.handled.total")
    assert _quoted(report, finding) == "予以公开21件，占30%"
    assert "25.93%" in finding.message


@pytest.mark.parametrize("share", ["占25.93%", "占25.9%", "占26%", "占比25.93%", "占全部办结申请的25.93%"])
def test_rounded_shares_are_accepted(share):
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("占25.93%", share)
    assert _text_findings(report, previous) == []


def test_year_on_year_is_checked_only_with_last_years_report():
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("同比增长25%", "同比增长35%")
    assert _text_findings(report) == []
    previous.year = 2021  # not the year before: nothing to compare with
    assert _text_findings(report, previous) == []


def test_year_on_year_message_gives_both_years():
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("同比增长25%", "同比增长35%")
    [finding] = _text_findings(report, previous)
    assert "2022 年报告" in finding.message and "为 64 件" in finding.message and "实际增长 25.0%" in finding.message


@pytest.mark.parametrize("sentence,flagged", [
    ("依申请公开数量同比增长25%。", False),
    ("政府信息公开申请数量较上年增加16件。", False),
    ("依申请公开数量同比下降25%。", True),
    ("2022年依申请公开数量同比下降25%。", False),  # last year's change: not this report's
    ("行政许可申请同比增长40%。", False),  # not the applications of table 三
])
def test_a_change_stated_without_the_figure(sentence, flagged):
    report, previous = county_report()
    report.text["other"] += "\n" + sentence
    findings = _text_findings(report, previous)
    assert [(f.rule, f.cells) for f in findings] == ([("text.figure", ("applications.new.total",))] if flagged else [])
    if flagged:
        assert _quoted(report, findings[0]) == sentence.rstrip("。") and "实际增长 25.0%" in findings[0].message


@pytest.mark.parametrize("stated", ["同比增长24%", "同比增长25.0%", "同比增加16件", "较上年增长25%"])
def test_year_on_year_statements_that_agree(stated):
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("同比增长25%", stated)
    assert _text_findings(report, previous) == []


@pytest.mark.parametrize("sentence", [
    "县新闻中心发布新闻1711篇，政务新媒体42个，组织培训4次。",
    "县政府共承办县人大代表建议41件、政协提案165件。",
    "主动公开政府信息5500余条，其中政策文件近百件。",
    "共收到政府信息公开申请约90件。",
    "共收到政府信息公开申请90余件。",
    "共收到政府信息公开申请90件左右。",
    "共收到政府信息公开申请近百件。",
    "2022年共收到政府信息公开申请90件。",
    "去年，共收到政府信息公开申请90件。",
    "1-6月共收到政府信息公开申请40件。",
    "其中县自然资源和规划局收到政府信息公开申请41件。",
    "全县各部门共收到政府信息公开申请300件。",
    "全县共收到政府信息公开申请300件。",
    "县政府作为复议机关全年办理行政复议案件120件。",
    "领导信箱留言已答复1200件。",
    "对人大代表建议办理复文予以公开206件。",
    "计划明年制发规范性文件6件。",
    "制定内部规章制度3项。",
    "累计收到政府信息公开申请500件。",
    "依申请公开在收到申请5个工作日内予以答复。",
    "共收到政府信息公开申请90件次。",
])
def test_sentences_that_only_look_like_table_figures_are_never_compared(sentence):
    report, previous = county_report()
    report.text["other"] += "\n" + sentence
    assert _text_findings(report, previous) == []
    passage = Passage("other", report.text["other"])
    tail = len(report.text["other"]) - len(sentence)
    assert [m for m in find_mentions(passage, report.organ, report.year)
            if m.start >= tail and m.qid and not m.skip] == []


def test_in_a_departments_report_our_county_is_a_wider_scope():
    report = bureau_report()
    report.text["other"] += "\n2023年，我县共收到政府信息公开申请300件。"
    assert check_text(report) == []
    county, previous = county_report()
    county.text["other"] += "\n2023年，我县共收到政府信息公开申请300件。"
    assert [f.cells for f in _text_findings(county, previous)] == [("applications.new.total",)]


def test_department_report_figures_are_compared():
    report = bureau_report()
    report.text["overview"] = report.text["overview"].replace("收到政府信息公开申请五件", "收到政府信息公开申请六件")
    report.text["overview"] = report.text["overview"].replace("行政处罚决定326件", "行政处罚决定362件")
    findings = check_text(report)
    assert [(f.rule, f.cells) for f in findings] == [
        ("text.figure", ("active.penalty.decisions",)), ("text.figure", ("applications.new.total",))]


def test_money_stated_in_other_units_or_rounded():
    report, previous = county_report()
    for stated in ("行政事业性收费15157万元", "行政事业性收费1.51569亿元", "行政事业性收费151569000元"):
        report.text["overview"] = county_report()[0].text["overview"].replace("行政事业性收费15156.9万元", stated)
        assert _text_findings(report, previous) == [], stated


def test_parts_that_claim_to_be_complete_must_add_up_exactly():
    report, _ = county_report()
    report.text["other"] += "\n全年共开展政务公开培训12次。共公开政策解读30条，其中图解10条、视频解读5条，其余文字解读10条。"
    [finding] = check_text(report)
    assert finding.rule == "text.parts_sum" and finding.cells == ()
    assert "10+5+10=25 条" in finding.message and "少 5 条" in finding.message
    assert _quoted(report, finding) == "共公开政策解读30条，其中图解10条、视频解读5条，其余文字解读10条"


@pytest.mark.parametrize("sentence", [
    "全年共办结政务咨询80条，其中按时办结80条、当面答复20条。",
    "共公开政策解读30条，其中涉及民生20条、涉及营商环境15条。",
    "共公开政策解读30条，其中图解30条、视频解读5条。",
])
def test_lists_that_are_no_partition_of_the_whole_are_not_summed(sentence):
    report, _ = county_report()
    report.text["other"] += "\n" + sentence
    assert check_text(report) == []


def test_parts_that_need_not_be_complete_are_not_flagged_when_fewer():
    report, _ = county_report()
    report.text["other"] += "\n共公开政策解读30条，其中图解10条、视频解读5条。"
    assert check_text(report) == []


def test_nested_lists_are_not_summed_into_the_outer_one():
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace(
        "不予公开2件，", "不予公开2件（其中属于三类内部事务信息2件），")
    assert _text_findings(report, previous) == []


def test_empty_and_hostile_texts_do_not_crash(sample):
    for text in ("", "。。。", "其中", "共件，其中件", "收到申请" * 500, "其中" + "1件、" * 300, "\n" * 50, "占%"):
        sample.text["overview"] = text
        check_text(sample)


@pytest.mark.parametrize("sentence", [
    "按照政府信息公开要求，对重点领域信息予以公开52件。",  # 予以公开 of active disclosure, not of applications
    "根据2019年修订的《条例》，共收到政府信息公开申请90件。",
])
def test_result_words_outside_applications_are_not_compared(sentence):
    report, previous = county_report()
    report.text["other"] += "\n" + sentence
    assert _text_findings(report, previous) == []


@pytest.mark.parametrize("sentence,cells", [
    ("2023年1-12月，共收到政府信息公开申请81件。", ("applications.new.total",)),
    ("本年度新收政府信息公开申请81件（其中自然人申请79件，法人或其他组织申请2件）。", ("applications.new.total",)),
    ("因政府信息公开被申请行政复议0起，被提起行政诉讼0起。",
     ("appeals.review.total",)),
])
def test_more_ways_of_stating_a_wrong_figure(sentence, cells):
    report, previous = county_report()
    report.text["other"] += "\n" + sentence
    assert [f.cells for f in _text_findings(report, previous)][:1] == [cells]


def test_a_part_heading_with_its_text_on_the_same_line_gives_the_context():
    report, previous = county_report()
    report.text["overview"] = report.text["overview"].replace("（二）依申请公开\n", "（二）依申请公开情况。")
    report.text["overview"] = report.text["overview"].replace("全年办结81件", "全年办结82件")
    [finding] = _text_findings(report, previous)
    assert finding.cells == ("applications.handled.total",)


def test_parts_after_qizhong_with_a_comma():
    report, _ = county_report()
    report.text["other"] += "\n共发布政策解读15条，其中，图解3条、视频解读10条、文字解读4条。"
    [finding] = check_text(report)
    assert finding.rule == "text.parts_sum" and "3+10+4=17 条" in finding.message


_PIECES = ["收到政府信息公开申请", "其中", "予以公开", "行政复议", "规范性文件", "废止", "同比增长", "占", "共",
           "其余", "件", "条", "万元", "%", "、", "，", "。", "；", "\n", "（", "）", "八十", "一百零三", "2023年",
           "1,234", "15.5", "约", "余", "0", "7", "99"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.booleans())
def test_any_jumble_of_report_words_never_crashes(pieces, with_last_year):
    report, previous = county_report()
    report.text["overview"] = "".join(pieces)
    for finding in check_text(report, previous if with_last_year else None):
        text = report.text[finding.span.section]
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
