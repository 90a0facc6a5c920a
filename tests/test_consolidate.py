"""The county's report as the sum of its units: exact sums, who contributed what, what was left out and why."""

from decimal import Decimal

import openpyxl
import pytest

from disclosure_report import consolidate as consolidation_module
from disclosure_report.checks import run_checks
from disclosure_report.cli import main
from disclosure_report.consolidate import Unit, consolidate, read_units
from disclosure_report.excel.workbook import write_workbook
from disclosure_report.jsonfile import read_report, write_report
from disclosure_report.model import apply_values, blank_report
from test_excel import fill

NEW = "applications.new.natural"
FEE = "active.fees.amount"


def unit_report(organ, year=2023, **values):
    """A clean unit report: every cell 0 except those given (path with '__' for '.')."""
    report = blank_report(organ, year)
    apply_values(report, {p: (Decimal(0) if p == FEE else 0) for p in report.values})
    apply_values(report, {path.replace("__", "."): value for path, value in values.items()})
    return report


def balanced(organ, new, fee=None, year=2023):
    """A unit whose applications balance: all new ones granted."""
    values = {"applications__new__natural": new, "applications__granted__natural": new}
    if fee is not None:
        values["active__fees__amount"] = fee
    return unit_report(organ, year, **values)


def test_counts_are_int_sums_and_the_amount_an_exact_decimal_sum():
    units = [Unit("甲.json", balanced("甲镇", 41, Decimal("0.1"))),
             Unit("乙.json", balanced("乙局", 28, Decimal("0.2"))),
             Unit("丙.json", balanced("丙街道", 9, Decimal("24252.311082")))]
    result = consolidate(units, organ="某县人民政府")
    values = result.report.values
    assert values[NEW] == 78 and type(values[NEW]) is int
    assert values["applications.new.total"] == 78
    assert values["applications.handled.total"] == 78
    assert values[FEE] == Decimal("24252.611082")  # 0.1 + 0.2 is 0.3 here, not 0.30000000000000004
    assert (result.report.organ, result.report.year) == ("某县人民政府", 2023)
    assert result.report.manual_totals is False
    assert [u.included for u in result.units] == [True, True, True]


def test_a_cell_blank_everywhere_stays_blank_and_a_blank_unit_adds_nothing():
    a, b = balanced("甲镇", 5), balanced("乙镇", 7)
    a.values["appeals.review.upheld"] = None
    b.values["appeals.review.upheld"] = None
    b.values["appeals.review.pending"] = None
    result = consolidate([Unit("a", a), Unit("b", b)])
    assert result.report.values["appeals.review.upheld"] is None
    assert result.report.values["appeals.review.pending"] == 0
    assert result.breakdown("appeals.review.pending") == [(result.units[0], 0)]


def test_breakdown_names_each_unit_and_its_value():
    result = consolidate([Unit("甲.xlsx", balanced("甲镇", 41)), Unit("乙.xlsx", balanced("乙局", 28))])
    assert [(u.name, v) for u, v in result.breakdown(NEW)] == [("甲镇", 41), ("乙局", 28)]


def test_other_year_duplicate_and_unreadable_units_are_left_out_with_reasons():
    units = [
        Unit("甲.xlsx", balanced("甲镇", 41)),
        Unit("甲（改）.xlsx", balanced("甲 镇", 40)),
        Unit("乙.xlsx", balanced("乙局", 28, year=2022)),
        Unit("丙.xlsx", error="丙.xlsx 已损坏或不完整"),
        Unit("丁.xlsx", balanced("丁街道", 9)),
    ]
    result = consolidate(units)
    assert result.report.values[NEW] == 50
    reasons = {u.source: (u.included, u.reason) for u in result.units}
    assert reasons["甲（改）.xlsx"] == (False, "与“甲.xlsx”是同一单位（甲 镇），未重复计入；两份数字不同，请确认哪一份是最终报送的")
    assert reasons["乙.xlsx"][0] is False and "年度为 2022 年，与汇总年度 2023 年不同" in reasons["乙.xlsx"][1]
    assert reasons["丙.xlsx"] == (False, "无法读取，未计入：已损坏或不完整；请向该单位重新索取报表后再汇总")  # beside its name
    assert reasons["丁.xlsx"] == (True, "")
    assert result.notes == ["汇总年度按多数单位定为 2023 年（3 份）；另有 2022 年 1 份"]


def test_a_unit_refused_without_advice_gets_it_even_when_a_row_name_holds_a_请():
    """The 请 of 申请 in 表三's row names is not advice (files.says_what_to_do)."""
    units = [Unit("甲.xlsx", balanced("甲镇", 41)), Unit("丙.xlsx", error="丙.xlsx：表三“2.重复申请”行的数字无法读取")]
    reasons = {u.source: u.reason for u in consolidate(units).units}
    assert reasons["丙.xlsx"] == "无法读取，未计入：表三“2.重复申请”行的数字无法读取；请向该单位重新索取报表后再汇总"


def test_a_unit_failing_its_own_checks_counts_only_when_confirmed():
    bad = unit_report("乙局", applications__new__natural=10)  # nothing handled: 一+二 ≠ 三（七）+四
    units = [Unit("甲", balanced("甲镇", 41)), Unit("乙", bad)]
    left_out = consolidate(units)
    assert left_out.report.values[NEW] == 41
    assert "自身核对有 2 个错误，未计入" in left_out.units[1].reason
    assert [f.message for f in left_out.units[1].findings] == ["自然人列：一+二=10，三（七）+四=0，相差10",
                                                               "总计列：一+二=10，三（七）+四=0，相差10"]
    for confirmed in (consolidate(units, include_failing=True), consolidate(units, confirmed={"乙"})):
        assert confirmed.report.values[NEW] == 51
        assert confirmed.units[1].included and "经确认计入" in confirmed.units[1].reason


def test_summed_totals_that_disagree_with_their_parts_are_kept_for_the_checks():
    wrong = balanced("乙局", 10)
    wrong.manual_totals = True
    wrong.values["applications.new.total"] = 12  # the unit's own total was wrong
    result = consolidate([Unit("甲", balanced("甲镇", 5)), Unit("乙", wrong)], include_failing=True)
    assert result.report.values["applications.new.total"] == 17
    assert result.report.manual_totals is True


def test_read_units_on_workers_keeps_order_reports_progress_and_bad_files(tmp_path, monkeypatch):
    monkeypatch.setattr(consolidation_module, "PARALLEL_FROM", 2)
    paths = []
    for n, organ in enumerate(("甲镇", "乙镇", "丙镇")):
        path = tmp_path / f"{n}.json"
        write_report(balanced(organ, n + 1), path)
        paths.append(path)
    broken = tmp_path / "坏.json"
    broken.write_text("{", encoding="utf-8")
    paths.insert(1, broken)
    seen = []
    units = read_units(paths, lambda done, total, source: seen.append((done, total)), workers=2)
    assert [u.report.organ if u.report else None for u in units] == ["甲镇", None, "乙镇", "丙镇"]
    assert "不是有效的 JSON 文件" in units[1].error
    assert sorted(seen) == [(1, 4), (2, 4), (3, 4), (4, 4)]
    # checked on the workers, as this process would have checked them (a window's thread is spared the checks)
    assert [u.findings for u in units] == [run_checks(u.report) if u.report else None for u in units]


def test_read_units_on_workers_stops_when_progress_says_stop(tmp_path, monkeypatch):
    """The window's 取消 raises from progress: the files not yet started are never read."""
    monkeypatch.setattr(consolidation_module, "PARALLEL_FROM", 2)
    shutdowns = []

    class Pool(consolidation_module.ProcessPoolExecutor):
        def shutdown(self, wait=True, *, cancel_futures=False):
            shutdowns.append(cancel_futures)
            super().shutdown(wait, cancel_futures=cancel_futures)

    monkeypatch.setattr(consolidation_module, "ProcessPoolExecutor", Pool)
    paths = []
    for n in range(30):
        paths.append(tmp_path / f"{n}.json")
        write_report(balanced(f"第{n}镇", n), paths[-1])
    seen = []

    class Stop(Exception):
        pass

    def progress(done, total, source):
        seen.append(done)
        if done == 2:
            raise Stop()

    with pytest.raises(Stop):
        read_units(paths, progress, workers=2)
    assert seen == [1, 2]  # not read on in this process either
    assert shutdowns[0] is True  # the queued files cancelled


def test_units_checked_once_sum_as_before():
    units = [Unit("甲.json", balanced("甲镇", 41)), Unit("乙.json", unit_report("乙局", applications__new__natural=10)),
             Unit("坏.json", error="已损坏")]
    done = consolidation_module.checked(units)
    assert [u.findings is not None for u in done] == [True, True, False]
    for confirmed in ((), ("乙.json",)):
        again, before = consolidate(done, "县", confirmed=confirmed), consolidate(units, "县", confirmed=confirmed)
        assert again.report.values == before.report.values
        assert [(u.included, u.reason, u.findings) for u in again.units] == \
            [(u.included, u.reason, u.findings) for u in before.units]


# -- from fill-in workbooks to the county's report, on the command line --------------


@pytest.fixture
def returns(tmp_path):
    """Four units' workbooks, filled in as they come back: good, good, one with text, one failing."""
    def workbook(name, values):
        path = tmp_path / f"{name}.xlsx"
        write_workbook(blank_report(name, 2023), path)
        fill(path, values)
        return path

    good = {NEW: 41, "applications.granted.natural": 40, "applications.carried_out.natural": 1,
            "applications.new.commercial": "２", "applications.granted.commercial": 2,
            FEE: 0.1, "appeals.review.upheld": 1}
    other = {NEW: "=20+8", "applications.granted.natural": 28, FEE: 0.2}
    return {
        "甲": workbook("县自然资源和规划局", good),
        "乙": workbook("某某镇人民政府", {NEW: 9, "applications.granted.natural": 9, FEE: "1,000.5"}),
        "丙": workbook("某某街道办事处", {**other, "applications.partial.natural": "十二"}),
        "丁": workbook("县教育局", {NEW: 3, "applications.granted.natural": 2, "appeals.review.total": -1}),
    }


def test_consolidate_workbooks_on_the_command_line(returns, tmp_path, capsys):
    out, breakdown = tmp_path / "县.json", tmp_path / "明细.xlsx"
    code = main(["consolidate", *map(str, returns.values()), "-o", str(out), "--breakdown", str(breakdown),
                 "--organ", "某县人民政府"])
    printed = capsys.readouterr().out
    assert code == 2  # a return could not be read; the others are still summed and written
    county = read_report(out)
    assert county.organ == "某县人民政府" and county.year == 2023
    assert county.values[NEW] == 50
    assert county.values["applications.new.commercial"] == 2
    assert county.values["applications.new.total"] == 52
    assert county.values[FEE] == Decimal("1000.6")
    assert county.values["appeals.review.upheld"] == 1
    assert "计入  " + str(returns["甲"]) in printed
    assert "表三!D9：“十二”不是数字" in printed  # 丙 is reported by sheet and cell, and skipped
    assert "表三!D6：公式没有计算结果" in printed
    assert "县教育局）：自身核对有" in printed and "未计入" in printed
    assert "已汇总 2 个单位（共 4 份）" in printed

    wb = openpyxl.load_workbook(breakdown)
    cells = {row[0]: row[1:] for row in wb["明细"].iter_rows(values_only=True)}
    assert cells["单元格"] == ("汇总", "县自然资源和规划局", "某某镇人民政府")
    assert cells["表三“一、本年新收政府信息公开申请数量”行“自然人”列"] == (50, 41, 9)
    units = list(wb["单位"].iter_rows(min_row=2, max_row=5, values_only=True))
    assert [(u[1], u[4]) for u in units] == [("县自然资源和规划局", "计入"), ("某某镇人民政府", "计入"),
                                             (None, "未计入"), ("县教育局", "未计入")]
    findings = list(wb["各单位核对"].iter_rows(min_row=2, values_only=True))
    assert any(f[0] == "县教育局" and f[1] == "错误" for f in findings)


def test_confirmed_failing_unit_is_summed(returns, tmp_path, capsys):
    out = tmp_path / "县.xlsx"
    code = main(["consolidate", str(returns["甲"]), str(returns["乙"]), str(returns["丁"]),
                 "-o", str(out), "--include-failing"])
    assert code == 1  # included, but the sum carries its errors
    county = consolidation_module.read_unit(out).report
    assert county.values[NEW] == 53
    assert "经确认计入" in capsys.readouterr().out


def test_nothing_to_sum_writes_nothing(tmp_path, capsys):
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    out = tmp_path / "县.json"
    assert main(["consolidate", str(broken), "-o", str(out)]) == 2
    assert "没有可以计入汇总的单位" in capsys.readouterr().err
    assert not out.exists()


def test_returns_in_any_readable_form_are_summed_alike(sample, tmp_path):
    from disclosure_report.files import write_report as write_any

    paths = []
    for organ, suffix in (("县政府办公室", ".docx"), ("县自然资源和规划局", ".xlsx"), ("某某镇人民政府", ".json")):
        unit = sample.copy()
        unit.organ = organ
        paths.append(tmp_path / f"{organ}{suffix}")
        write_any(unit, paths[-1])
    result = consolidate(read_units(paths), organ="鄄城县")
    assert [u.included for u in result.units] == [True, True, True], [u.reason for u in result.units]
    for path, value in sample.values.items():
        expected = None if value is None else value * 3
        assert result.report.values[path] == expected, path
    assert result.report.values[FEE] == Decimal("45470.7")


def test_a_year_that_is_not_a_year_is_refused_in_chinese(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["consolidate", "甲.xlsx", "-o", "县.json", "--year", "二〇二三"])
    assert exit_.value.code == 2
    assert "参数 --year：“二〇二三”不是四位数年份" in capsys.readouterr().err


def test_read_units_leaving_the_cores_to_the_caller_still_reads_in_a_worker_process(tmp_path, monkeypatch):
    """The window leaves a core to its event loop: on two cores one worker reads, this process reads nothing."""
    import multiprocessing
    import os

    monkeypatch.setattr(consolidation_module, "PARALLEL_FROM", 2)

    def not_here(path):
        raise AssertionError("read in the caller's process")

    monkeypatch.setattr(consolidation_module, "read_unit", not_here)
    paths = []
    for n, organ in enumerate(("甲镇", "乙镇", "丙镇")):
        write_report(balanced(organ, n + 1), tmp_path / f"{n}.json")
        paths.append(tmp_path / f"{n}.json")
    units = read_units(paths, leave_cores=os.cpu_count() or 1)  # no core left for workers: still one
    assert [u.report.organ for u in units] == ["甲镇", "乙镇", "丙镇"]
    assert multiprocessing.active_children() == []
