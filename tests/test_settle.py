"""Settling a finding (已核实): it stays settled while its cells and passage are unchanged,
is not counted, travels in the JSON file and shows in `check`; table sums cannot be settled."""

import json
from datetime import date
from pathlib import Path

import pytest

from disclosure_report.checks import count_by_severity, run_checks
from disclosure_report.checks.settle import NotSettleable, settle, unsettle
from disclosure_report.cli import main
from disclosure_report.jsonfile import read_report, write_report
from disclosure_report.model import Settlement
from text_reports import county_report

REASON = "文字所述为县政府本级数字"


def _parts_finding(report):
    [finding] = [f for f in run_checks(report) if f.rule == "text.parts_sum"]
    return finding


def test_a_settled_warning_is_listed_as_settled_and_not_counted(sample):
    finding = _parts_finding(sample)
    assert count_by_severity(run_checks(sample))["warning"] == 1
    sample.settled = settle(sample, finding, REASON, "张三", date(2025, 1, 20))
    [again] = [f for f in run_checks(sample) if f.rule == "text.parts_sum"]
    assert again.settled.reason == REASON and again.settled.by == "张三" and again.settled.at == "2025-01-20"
    assert count_by_severity(run_checks(sample)) == {"error": 0, "warning": 0}


def test_it_stays_settled_when_other_text_changes_but_not_when_its_passage_does(sample):
    sample.settled = settle(sample, _parts_finding(sample), REASON, "张三")
    sample.text["overview"] = "前面加了一段话。\n" + sample.text["overview"]  # its offsets move
    assert _parts_finding(sample).settled is not None
    sample.text["overview"] = sample.text["overview"].replace("镇街9件", "镇街10件")
    assert _parts_finding(sample).settled is None


def test_it_comes_back_when_a_cell_it_concerns_changes():
    report, _ = county_report()
    report.text["overview"] = report.text["overview"].replace("现行有效行政规范性文件470件", "现行有效行政规范性文件393件")
    [finding] = [f for f in run_checks(report) if f.rule == "text.figure"]
    report.settled = settle(report, finding, "文字为截至11月底的数字", "李四")
    assert [f.settled is not None for f in run_checks(report) if f.rule == "text.figure"] == [True]
    report.values["active.normative_documents.in_force"] = 471
    assert [f.settled is not None for f in run_checks(report) if f.rule == "text.figure"] == [False]


def test_a_cross_year_error_can_be_settled():
    report, previous = county_report()
    report.values["applications.carried_in.natural"] = 4
    report.values["applications.carried_in.total"] = 4
    before = count_by_severity(run_checks(report, previous))["error"]
    finding = next(f for f in run_checks(report, previous) if f.cells == ("applications.carried_in.natural",))
    assert finding.rule == "cross_year.carried_in"
    report.settled = settle(report, finding, "上年报告结转数字有误，已更正", "王五")
    settled = [f.cells for f in run_checks(report, previous) if f.settled]
    assert settled == [("applications.carried_in.natural",)]
    assert count_by_severity(run_checks(report, previous))["error"] == before - 1


def test_table_sums_cannot_be_settled(sample):
    sample.manual_totals = True
    sample.values["applications.new.total"] = 81
    finding = next(f for f in run_checks(sample) if f.rule == "applications.row_total")
    with pytest.raises(NotSettleable, match="算术关系"):
        settle(sample, finding, REASON)


def test_a_reason_is_required(sample):
    with pytest.raises(NotSettleable, match="理由"):
        settle(sample, _parts_finding(sample), "  ")


def test_unsettling_brings_it_back(sample):
    finding = _parts_finding(sample)
    sample.settled = settle(sample, finding, REASON)
    sample.settled = unsettle(sample, finding)
    assert sample.settled == () and _parts_finding(sample).settled is None


def test_settlements_travel_in_the_json_file_and_show_in_check(sample, tmp_path, capsys):
    sample.settled = settle(sample, _parts_finding(sample), REASON, "张三", date(2025, 1, 20))
    path = tmp_path / "r.json"
    write_report(sample, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["settled"][0]["reason"] == REASON and data["settled"][0]["by"] == "张三"
    assert read_report(path).settled == sample.settled
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "通过（另有 1 项已核实，不计入）" in out
    assert "[已核实] " in out and f"理由：{REASON}（张三，2025-01-20核实）" in out
    assert main(["check", "--json", str(path)]) == 0
    [finding] = json.loads(capsys.readouterr().out)[0]["findings"]
    assert finding["settled"] == {"reason": REASON, "by": "张三", "at": "2025-01-20"}


def test_a_malformed_settled_key_is_refused_with_a_message(sample, tmp_path):
    from disclosure_report.errors import ReportFileError
    from disclosure_report.jsonfile import report_from_data, report_to_data

    data = report_to_data(sample)
    data["settled"] = [{"rule": "text.figure"}]
    with pytest.raises(ReportFileError, match="settled 第 1 项"):
        report_from_data(data)


# 一、总体情况 of 上海市科学技术委员会 2024 begins “上海科技”网站全年累计发布信息 2139 条…: a quotation that starts
# with a quote mark, which text.parts_sum quotes
SHANGHAI = Path(__file__).parent / "fixtures" / "real" / "text-shanghai-kewei-2024.json"
SHANGHAI_PARTS = ("一、总体情况中“‘上海科技’网站全年累计发布信息 2139 条”，但“其中”所列各项之和为 1744+393+21+2=2160 条，"
                  "比总数 2139 条多 21 条；请核对各项数字或总数")
# its fingerprint as settled by the version before quotations were nested (message ““上海科技”网站…”)
SHANGHAI_PARTS_SETTLED_BEFORE = "aed1bf8d5ed0216f"


def test_a_quotation_that_starts_with_a_quote_mark_is_not_doubled_and_stays_settled(tmp_path, capsys):
    data = json.loads(SHANGHAI.read_text(encoding="utf-8"))
    data["settled"] = [{"rule": "text.parts_sum", "fingerprint": SHANGHAI_PARTS_SETTLED_BEFORE, "reason": REASON,
                        "by": "张三", "at": "2025-01-20"}]
    path = tmp_path / "科委.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("：通过（另有 1 项已核实，不计入）")
    assert out[1] == f"  [已核实] {SHANGHAI_PARTS}（text.parts_sum）——理由：{REASON}（张三，2025-01-20核实）"
    # settled again now, unsettled, settled: the same fingerprint as before
    report = read_report(path)
    finding = _parts_finding(report)
    assert settle(report, finding, REASON)[-1].fingerprint == SHANGHAI_PARTS_SETTLED_BEFORE
    report.settled = unsettle(report, finding)
    assert _parts_finding(report).settled is None and _parts_finding(report).message == SHANGHAI_PARTS


def test_no_finding_of_the_real_reports_doubles_a_quote_mark(sample):
    reports = [read_report(p) for p in sorted(SHANGHAI.parent.glob("*.json")) if p.name != "expected.json"]
    messages = [f.message for r in [sample, *reports] for f in run_checks(r)]
    assert len(messages) > 20 and any("“‘" in m for m in messages)
    assert [m for m in messages if "““" in m or "””" in m or "\x02" in m or "\x03" in m] == []


def test_a_quotation_with_quote_marks_inside_reads_them_as_single_ones(sample):
    sample.text["problems"] = "今年我们“狠抓落实”\x02。"  # text.problems_perfunctory quotes it
    [finding] = [f for f in run_checks(sample) if f.rule == "text.problems_perfunctory"]
    assert finding.message.startswith("五、存在的主要问题及改进情况只有“今年我们‘狠抓落实’。”：")


# a cell whose row's label holds quote marks: 3.危及“三安全一稳定”, printed with a note beside its number
STABILITY = "applications.withheld.security_stability.total"
STABILITY_NOTE = ("表三“3.危及‘三安全一稳定’”行“总计”列原文印为“0（其中涉及维稳1件）”，已读作 0；括号中的说明不属于表格，"
                  "请核实数字，需要时把说明写入正文")
# its fingerprint as settled by the version that described the cell 表三“3.危及“三安全一稳定””行“总计”列
STABILITY_NOTE_SETTLED_BEFORE = "df3b89bfdbe65d11"


def test_a_cell_described_with_quote_marks_reads_them_as_single_ones_and_stays_settled(sample, tmp_path, capsys):
    sample.import_notes = {STABILITY: "0（其中涉及维稳1件）"}
    sample.settled = (Settlement("import.cell_note", STABILITY_NOTE_SETTLED_BEFORE, REASON, "张三", "2025-01-20"),)
    [finding] = [f for f in run_checks(sample) if f.rule == "import.cell_note"]
    assert finding.message == STABILITY_NOTE and finding.settled is not None
    assert settle(sample, finding, REASON)[-1].fingerprint == STABILITY_NOTE_SETTLED_BEFORE
    write_report(sample, tmp_path / "鄄城.json")
    main(["check", str(tmp_path / "鄄城.json")])
    assert f"  [已核实] {STABILITY_NOTE}（import.cell_note）——理由：{REASON}（张三，2025-01-20核实）" in \
        capsys.readouterr().out.splitlines()


def test_no_cell_is_described_with_doubled_quote_marks(sample):
    from disclosure_report.checks.text.quantities import quantities
    from disclosure_report.format import load_format
    from disclosure_report.quotation import shown

    cells = load_format().cells
    assert cells[STABILITY].description == "表三“3.危及‘三安全一稳定’”行“总计”列"
    names = [c.description for c in cells.values()] + [shown(q.name) for q in quantities().values()]
    assert [n for n in names if "““" in n or "””" in n or "\x02" in n] == []
    assert "表三“3.危及‘三安全一稳定’”行法人或其他组织各列（5 格之和）" in names
