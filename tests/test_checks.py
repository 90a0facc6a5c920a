from decimal import Decimal

import pytest

from disclosure_report.checks import run_checks as _run_checks
from disclosure_report.model import Report, apply_values, computed_totals


def run_checks(report, previous=None):
    """The table and cross-year rules; the text rules have tests of their own (test_text_*)."""
    return [f for f in _run_checks(report, previous) if not f.rule.startswith("text.")]


def _rules(findings):
    return sorted(f.rule for f in findings)


def test_the_sample_tables_check_clean(sample):
    assert run_checks(sample) == []


def test_one_changed_cell_is_flagged_at_exactly_the_cells_the_rules_name(sample):
    sample.values["applications.withheld.state_secret.natural"] = 1  # totals typed by hand: not updated
    findings = run_checks(sample)
    assert _rules(findings) == ["applications.handled_sum", "applications.row_total"]
    handled = next(f for f in findings if f.rule == "applications.handled_sum")
    assert handled.cells[0] == "applications.handled.natural"
    assert "applications.withheld.state_secret.natural" in handled.cells
    assert handled.message == "自然人列：（七）总计=80，（一）至（六）各项之和=81，相差1"
    row = next(f for f in findings if f.rule == "applications.row_total")
    assert row.cells == ("applications.withheld.state_secret.total",) + tuple(
        f"applications.withheld.state_secret.{c}"
        for c in ("natural", "commercial", "research", "nonprofit", "legal", "other"))
    assert row.message == "“（三）1”行：总计=0，各类申请人之和=1，相差1"
    assert all(f.severity == "error" for f in findings)


def test_balance_message_says_by_how_much(sample):
    sample.values["applications.carried_out.natural"] = 1
    sample.values["applications.carried_out.total"] = 1
    finding, total_column = run_checks(sample)
    assert (finding.rule, total_column.rule) == ("applications.balance", "applications.balance")
    assert finding.message == "自然人列：一+二=80，三（七）+四=81，相差1"
    assert total_column.message == "总计列：一+二=80，三（七）+四=81，相差1"
    assert finding.cells == ("applications.new.natural", "applications.carried_in.natural",
                             "applications.handled.natural", "applications.carried_out.natural")


def test_appeals_total(sample):
    sample.values["appeals.suit_direct.upheld"] = 2
    [finding] = run_checks(sample)
    assert finding.rule == "appeals.total"
    assert finding.cells[0] == "appeals.suit_direct.total"
    assert finding.message.startswith("行政诉讼（未经复议直接起诉）：总计=0")


def test_blank_is_a_warning_not_a_zero(sample):
    sample.values["applications.new.research"] = None
    findings = run_checks(sample)
    assert [(f.rule, f.severity, f.cells) for f in findings] == [
        ("cell.blank", "warning", ("applications.new.research",))]
    assert "科研机构" in findings[0].message and "填 0" in findings[0].message


def test_a_new_report_has_blank_warnings_and_no_sum_errors():
    findings = run_checks(Report())
    assert {f.rule for f in findings} == {"cell.blank"}
    assert sum(len(f.cells) for f in findings) == 200


@pytest.mark.parametrize("path,value,fragment", [
    ("applications.new.natural", -1, "负数"),
    ("active.licensing.decisions", Decimal("2.5"), "整数"),
    ("active.penalty.decisions", 10 ** 10, "不合常理"),
    ("active.fees.amount", Decimal("1.0000001"), "小数"),
])
def test_bad_values_are_cell_value_errors(sample, path, value, fragment):
    sample.values[path] = value
    bad = [f for f in run_checks(sample) if f.rule == "cell.value"]
    assert len(bad) == 1 and bad[0].cells == (path,) and fragment in bad[0].message


def test_totals_fill_themselves_from_their_parts(sample):
    old = apply_values(sample, {"applications.granted.commercial": 2, "applications.new.commercial": 2})
    assert sample.values["applications.granted.total"] == 23
    assert sample.values["applications.handled.commercial"] == 2
    assert sample.values["applications.handled.total"] == 82
    assert old["applications.handled.total"] == 80
    assert run_checks(sample) == []
    apply_values(sample, old)  # undo
    assert sample.values["applications.handled.total"] == 80


def test_typed_totals_are_left_alone_and_judged(sample):
    sample.manual_totals = True
    apply_values(sample, {"applications.granted.commercial": 2})
    assert sample.values["applications.granted.total"] == 21
    assert "applications.row_total" in _rules(run_checks(sample))


def test_all_blank_parts_give_a_blank_total():
    totals = computed_totals(Report().values)
    assert totals["applications.handled.total"] is None


def _previous(sample):
    last = sample.copy()
    last.year = 2022
    return last


def test_cross_year_carried_in(sample):
    last = _previous(sample)
    last.values["applications.carried_out.natural"] = 3
    findings = run_checks(sample, last)
    [finding] = [f for f in findings if f.rule == "cross_year.carried_in"]
    assert finding.severity == "error"
    assert finding.cells == ("applications.carried_in.natural",)
    assert "2022 年报告“四、结转下年度继续办理”为 3" in finding.message


def test_cross_year_in_force(sample):
    last = _previous(sample)
    last.values["active.normative_documents.in_force"] = 10  # 10 + 0 - 3 = 7, not 5
    [finding] = run_checks(sample, last)
    assert finding.rule == "cross_year.in_force" and finding.severity == "warning"
    assert finding.cells[0] == "active.normative_documents.in_force"
    assert "相差 2 件" in finding.message


def test_cross_year_needs_the_year_before(sample):
    other = _previous(sample)
    other.year = 2021
    other.values["applications.carried_out.natural"] = 3
    assert run_checks(sample, other) == []
