"""Phrasings met in the Shanghai reports of the real corpus (tests/fixtures/real/text-*.json):
each is read as the table row it names, silent when it agrees and flagged when it does not."""

import pytest

from disclosure_report.checks import run_checks
from test_text_precision import _with_overview_sentence
from text_reports import county_report


def _text(report):
    return [f for f in run_checks(report) if f.rule.startswith("text.")]


# the county report: 予以公开 21, 部分公开 38, 不予公开 2, 无法提供 11, 结转下年度 2, 行政复议 2 in all
@pytest.mark.parametrize("sentence", [
    "其中，予以公开及部分公开 59 件。",  # the two rows together, not 部分公开 alone
    "所有办结的申请中同意公开答复 21 件，部分公开答复 38 件，不予公开答复 2 件，无法提供的 11 件。",
    "转下一年度办理答复的有 2 件。",
    "全年有 2 件涉及政府信息公开工作的行政复议。",
])
def test_a_figure_in_these_phrasings_that_agrees_says_nothing(sentence):
    assert _text(_with_overview_sentence(sentence)) == []


@pytest.mark.parametrize("sentence,says", [
    ("其中，予以公开及部分公开 60 件。",
     "“予以公开及部分公开 60 件”与表三“（一）予以公开”“（二）部分公开”两行“总计”列（2 格之和）不一致（表中为 59 件）"),
    ("申请中同意公开答复 22 件。", "“同意公开答复 22 件”与表三“（一）予以公开”行“总计”列不一致（表中为 21 件）"),
    ("申请中不予公开答复 3 件。", "“不予公开答复 3 件”与表三“（三）不予公开”各项“总计”列（8 格之和）不一致（表中为 2 件）"),
    ("申请中无法提供的 12 件。", "“无法提供的 12 件”与表三“（四）无法提供”各项“总计”列（3 格之和）不一致（表中为 11 件）"),
    ("申请转下一年度办理答复的有 3 件。", "与表三“四、结转下年度继续办理”行“总计”列不一致（表中为 2 件）"),
    ("全年有 3 件涉及政府信息公开工作的行政复议。",
     "“3 件涉及政府信息公开工作的行政复议”与表四“行政复议”行“总计”列不一致（表中为 2 件）"),
])
def test_a_figure_in_these_phrasings_that_differs_is_flagged(sentence, says):
    [finding] = _text(_with_overview_sentence(sentence))
    assert finding.rule == "text.figure" and says in finding.message


def test_a_report_naming_its_organ_by_a_short_name_speaks_of_itself():
    report, _ = county_report()
    report.organ = "上海市科学技术委员会"
    report.text["overview"] = report.text["overview"].replace(
        "\n（三）政府信息管理", "2023 年市科委有 3 件涉及政府信息公开工作的行政复议。\n（三）政府信息管理")
    [finding] = _text(report)
    assert "（表中为 2 件）" in finding.message
    # another organ's figure is still left alone
    report.text["overview"] = report.text["overview"].replace("年市科委有 3 件", "年市公安局有 3 件")
    assert _text(report) == []


def test_the_organ_that_gave_the_instruction_is_not_the_scope_of_the_figure():
    # 平潭 2023: “按照省政府办公厅相关工作要求设立规范性文件库，清理并集中发布现行有效行政规范性文件393件” (table: 470)
    sentence = "按照省政府办公厅相关工作要求设立规范性文件库，集中发布现行有效行政规范性文件471件。"
    [finding] = _text(_with_overview_sentence(sentence))
    assert "“现行有效行政规范性文件471件”" in finding.message and "（表中为 470 件）" in finding.message
    # a figure of another organ after such a phrase is still that organ's
    assert _text(_with_overview_sentence("根据县政府工作要求，县教育局集中发布现行有效行政规范性文件471件。")) == []
