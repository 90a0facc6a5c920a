"""The checks peers have: 五 empty or perfunctory, and 本年 statements naming last year."""

import pytest

from disclosure_report.checks import run_checks
from text_corpus import corpus_reports
from text_reports import bureau_report, county_report


def _rules(report, rule):
    return [f for f in run_checks(report) if f.rule == rule]


@pytest.mark.parametrize("problems,what", [
    ("", "为空"),
    ("无。", "只有“无。”"),
    ("本年度无。", "只有“本年度无。”"),
    ("工作中仍存在一些不足，下一步将继续改进。", "只有“工作中仍存在一些不足"),  # one sentence
    ("存在一些不足。将继续加强。", "只有 2 句"),
])
def test_an_empty_or_perfunctory_section_five_is_flagged(problems, what):
    report, _ = county_report()
    report.text["problems"] = problems
    [finding] = _rules(report, "text.problems_perfunctory")
    assert finding.message.startswith(f"五、存在的主要问题及改进情况{what}") and "改进措施" in finding.message
    assert finding.span.section == "problems"


def test_a_short_section_five_naming_problems_and_measures_is_enough():
    assert _rules(bureau_report(), "text.problems_perfunctory") == []  # 一是…；二是…。下一步…


def test_a_report_not_yet_written_is_not_judged():
    report, _ = county_report()
    report.text["overview"] = report.text["problems"] = ""
    assert _rules(report, "text.problems_perfunctory") == []


def test_a_statement_of_this_year_naming_last_year_is_flagged():
    report, _ = county_report()
    report.year = 2024  # the 2023 report copied into next year's without changing 一
    [first, *_] = findings = _rules(report, "text.wrong_year")
    assert first.span.section == "preamble"  # 统计期限自2023年1月1日
    overview = [f for f in findings if f.span.section == "overview"]
    assert overview and "“2023年，鄄城县人民政府坚持" in overview[0].message
    assert "写的是 2023 年，而这是 2024 年的报告" in overview[0].message


def test_comparisons_and_last_years_report_are_not_wrong_years():
    report, _ = county_report()
    report.text["overview"] = ("2022年，共收到申请64件，同比增加16件。\n2022年，本机关的年度报告已按时公开。\n"
                               "2023年，共收到申请80件。")
    assert _rules(report, "text.wrong_year") == []


def test_the_real_reports_name_their_own_year():
    for name, report, _ in corpus_reports():
        assert _rules(report, "text.wrong_year") == [], name
        assert _rules(report, "text.problems_perfunctory") == [], name
