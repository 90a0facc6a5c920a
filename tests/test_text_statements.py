"""text.fee_statement, text.overview_length, text.outdated_basis, text.repeats_last_year."""

import pytest

from disclosure_report.checks.text import check_text
from disclosure_report.checks.text.statements import OVERVIEW_LIMIT
from disclosure_report.model import image_line
from text_reports import county_report


def _rules(report, previous=None):
    return [f.rule for f in check_text(report, previous)]


# -- fee statement ------------------------------------------------------------------------

@pytest.mark.parametrize("other", [
    "2023年未收取信息处理费。",
    "本年度我局未收取政府信息公开信息处理费。",
    "（一）收取政府信息公开信息处理费情况\n无。",
    "（一）收取信息处理费情况\n本机关2023年没有收取信息处理费。",
    "2023年共收取信息处理费120元。",
    "2023年收取信息处理费一百元。",
    "本年度未向申请人收取信息处理费。",
    "（一）收取政府信息公开信息处理费情况\n本机关不存在收取信息处理费的情况。",
])
def test_fee_statements_that_count(other):
    report, _ = county_report()
    report.text["other"] = other
    assert "text.fee_statement" not in _rules(report)


def test_no_fee_statement_is_a_warning_that_leads_to_section_six():
    report, _ = county_report()
    report.text["other"] = "（一）人大代表建议和政协提案办理结果公开情况\n已全部办复。"
    [finding] = [f for f in check_text(report) if f.rule == "text.fee_statement"]
    assert finding.severity == "warning" and finding.span.section == "other"
    assert "信息处理费" in finding.message and "2023年未收取信息处理费。" in finding.message


def test_a_fee_mentioned_without_saying_how_much_is_a_warning_at_the_mention():
    report, _ = county_report()
    report.text["other"] = "（一）收取政府信息公开信息处理费情况\n（二）其他事项\n已全部办复。"
    [finding] = [f for f in check_text(report) if f.rule == "text.fee_statement"]
    start, end = finding.span.start, finding.span.end
    assert report.text["other"][start:end] == "信息处理费"


def test_a_heading_followed_by_unrelated_text_is_no_statement():
    report, _ = county_report()
    report.text["other"] = "（一）收取政府信息公开信息处理费情况\n严格执行《政府信息公开信息处理费管理办法》，不断规范工作流程。"
    assert "text.fee_statement" in _rules(report)


def test_an_unwritten_section_six_is_not_judged_yet():
    report, _ = county_report()
    report.text["other"] = ""
    assert "text.fee_statement" not in _rules(report)


def test_the_sample_states_its_fee(sample):
    assert "text.fee_statement" not in _rules(sample)


# -- overview length ----------------------------------------------------------------------

def test_the_sample_overview_is_long_but_within_tolerance(sample):
    assert "text.overview_length" not in _rules(sample)


def test_an_overview_far_beyond_a_thousand_characters_is_flagged():
    report, _ = county_report()
    report.text["overview"] = "一是加强组织领导。" * 200  # 1,600 characters counted (no punctuation)
    [finding] = [f for f in check_text(report) if f.rule == "text.overview_length"]
    assert "约 1600 字" in finding.message and "一千字" in finding.message
    assert (finding.span.start, finding.span.end) == (0, len(report.text["overview"]))


def test_spaces_punctuation_and_pictures_do_not_count():
    report, _ = county_report()
    padding = "，。 　\n" * 2000 + image_line("photo.png") + "\n"
    report.text["overview"] = padding + "字" * OVERVIEW_LIMIT
    assert "text.overview_length" not in _rules(report)
    report.text["overview"] += "2"  # digits count
    assert "text.overview_length" in _rules(report)


# -- outdated basis -----------------------------------------------------------------------

@pytest.mark.parametrize("cited", ["国办公开办函〔2019〕60号", "国办公开办函[2019]60号", "国办公开办函（2019）60号"])
def test_citing_the_2019_format_for_a_2023_report_is_flagged(cited):
    report, _ = county_report()
    report.text["preamble"] = report.text["preamble"].replace("国办公开办函〔2021〕30号", cited)
    [finding] = [f for f in check_text(report) if f.rule == "text.outdated_basis"]
    assert finding.span.section == "preamble"
    assert report.text["preamble"][finding.span.start:finding.span.end] == cited
    assert "国办公开办函〔2021〕30号" in finding.message


def test_a_2020_report_may_cite_the_2019_format():
    report, _ = county_report()
    report.year = 2020
    report.text["preamble"] = "依据国办公开办函〔2019〕60号编制。"
    assert "text.outdated_basis" not in _rules(report)


# -- repeats last year --------------------------------------------------------------------

def test_a_section_five_copied_from_last_year_is_flagged_with_the_sentences():
    report, previous = county_report()
    report.text["problems"] = previous.text["problems"].replace("2022年", "2023年").replace("2023年，我县将", "2024年，我县将")
    [finding] = [f for f in check_text(report, previous) if f.rule == "text.repeats_last_year"]
    assert finding.severity == "warning" and finding.span.section == "problems"
    assert "与 2022 年报告约 100% 相同" in finding.message
    assert "“2023年，我县政府信息公开工作虽取得一定成效" in finding.message


def test_a_rewritten_section_five_is_not_flagged():
    report, previous = county_report()
    assert "text.repeats_last_year" not in _rules(report, previous)


def test_half_copied_is_not_yet_flagged_but_mostly_copied_is():
    report, previous = county_report()
    copied = previous.text["problems"]
    fresh = ("本年度新发现的问题是基层网站专栏内容更新缓慢，部分政策文件未同步发布解读材料。"
             "下一步将建立专栏内容月度巡查制度，对发现的问题限期整改并通报。")
    report.text["problems"] = copied.split("\n")[0] + "\n" + fresh
    assert "text.repeats_last_year" not in _rules(report, previous)
    report.text["problems"] = copied + "\n本年度还将完善考核办法。"
    assert "text.repeats_last_year" in _rules(report, previous)


def test_repeats_need_last_years_report():
    report, previous = county_report()
    report.text["problems"] = previous.text["problems"]
    assert "text.repeats_last_year" not in _rules(report)
    previous.year = 2020
    assert "text.repeats_last_year" not in _rules(report, previous)
