"""The embedded sample: its one text fault is found, nothing else is flagged."""

from disclosure_report.checks import run_checks
from disclosure_report.checks.text import check_text


def test_the_sample_text_has_exactly_the_parts_sum_fault(sample):
    [finding] = check_text(sample)
    assert finding.rule == "text.parts_sum" and finding.severity == "warning"
    assert finding.cells == ("applications.new.total",)
    passage = sample.text[finding.span.section][finding.span.start:finding.span.end]
    assert finding.span.section == "overview"
    assert passage.startswith("鄄城县共收到政府信息公开申请80件")
    assert passage.endswith("其余单位6件")
    assert "41+28+9+6=84 件" in finding.message and "比总数 80 件多 4 件" in finding.message


def test_run_checks_reports_the_text_fault_with_the_tables_clean(sample):
    assert [f.rule for f in run_checks(sample)] == ["text.parts_sum"]


def test_correcting_the_parts_clears_the_finding(sample):
    sample.text["overview"] = sample.text["overview"].replace("其余单位6件", "其余单位2件")
    assert check_text(sample) == []
