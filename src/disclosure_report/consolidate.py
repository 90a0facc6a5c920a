"""The county's report as the sum of its units' returns.

Every count of the consolidated report is the int sum of the units' counts,
the 万元 amount the exact Decimal sum; a cell blank in every unit stays blank.
A unit of another year, the same unit a second time, and a unit whose own
checks find errors are left out, each with the reason; the last is included
when the clerk confirms (``include_failing``). A return that cannot be read
is reported and skipped: the others are still summed.

:func:`read_units` reads many files on both cores; :func:`consolidate` is
pure and fast.
"""

from __future__ import annotations

import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Collection, Dict, List, Optional, Sequence, Tuple, Union

from disclosure_report.checks import ERROR, Finding, count_by_severity, run_checks
from disclosure_report.errors import ReportFileError
from disclosure_report.format import load_format
from disclosure_report.model import Report, computed_totals, organ_key
from disclosure_report.numbers import Value, as_kind, total

PARALLEL_FROM = 12  # fewer files read faster in this process than by starting workers


@dataclass
class Unit:
    """One unit's return as it came in: a report, or why it could not be read."""

    source: str  # the file or draft name the clerk knows it by
    report: Optional[Report] = None
    error: Optional[str] = None
    findings: Optional[List[Finding]] = None  # its own checks, when already run (see checked)


@dataclass
class UnitResult:
    source: str
    organ: str
    year: Optional[int]
    findings: List[Finding] = field(default_factory=list)
    included: bool = False
    confirmable: bool = False  # left out only for its own errors, or included because the clerk confirmed
    reason: str = ""  # why it was left out, or what to know about it; empty when all is well

    @property
    def errors(self) -> int:
        return count_by_severity(self.findings)[ERROR]

    @property
    def name(self) -> str:
        return self.organ or Path(self.source).name


@dataclass
class Consolidation:
    report: Report
    units: List[UnitResult]
    # path -> (index into units, value) for every included unit that filled the cell
    contributions: Dict[str, List[Tuple[int, Value]]]
    notes: List[str]  # about the consolidation as a whole (how the year was chosen …)

    @property
    def included(self) -> List[UnitResult]:
        return [u for u in self.units if u.included]

    @property
    def left_out(self) -> List[UnitResult]:
        return [u for u in self.units if not u.included]

    def breakdown(self, path: str) -> List[Tuple[UnitResult, Value]]:
        """Who contributed what to one cell of the consolidated report."""
        return [(self.units[i], value) for i, value in self.contributions[path]]


def consolidate(units: Sequence[Unit], organ: str = "", year: Optional[int] = None,
                include_failing: bool = False, confirmed: Collection[str] = ()) -> Consolidation:
    """The sum of the units; ``include_failing`` confirms every failing unit, ``confirmed`` those by source."""
    fmt = load_format()
    notes: List[str] = []
    readable = [u.report for u in units if u.report is not None]
    if year is None:
        year = _common_year(readable, notes)
    results: List[UnitResult] = []
    first_of: Dict[str, int] = {}
    for unit in units:
        if unit.report is None:
            results.append(UnitResult(unit.source, "", None, reason=_unreadable(unit)))
            continue
        report = unit.report
        findings = unit.findings if unit.findings is not None else run_checks(report)
        result = UnitResult(unit.source, report.organ, report.year, findings)
        results.append(result)
        key = organ_key(report.organ)
        if report.year != year:
            result.reason = (f"年度为 {report.year or '（未填）'} 年，与汇总年度 {year} 年不同，未计入"
                             f"；请核对是否报错了年份")
        elif key and key in first_of:
            first = results[first_of[key]]
            first_report = units[first_of[key]].report
            same = first_report is not None and first_report.values == report.values
            result.reason = (f"与“{first.source}”是同一单位（{report.organ}），未重复计入；"
                             + ("两份数字相同" if same else "两份数字不同，请确认哪一份是最终报送的"))
        elif result.errors and not (include_failing or unit.source in confirmed):
            result.confirmable = True
            result.reason = f"自身核对有 {result.errors} 个错误，未计入；请退回修改，或核实后确认计入"
        else:
            result.included = True
            result.confirmable = bool(result.errors)
            if key:
                first_of[key] = len(results) - 1
            if result.errors:
                result.reason = f"自身核对有 {result.errors} 个错误，经确认计入"
            elif not key:
                result.reason = "未填单位名称，无法查重，已计入"
    values, contributions = _sums(fmt, units, results)
    total = Report(organ=organ, year=year, values=values)
    # Summed totals of units whose own totals were wrong differ from the totals of the sums:
    # keep them as summed, so that the checks show it.
    total.manual_totals = any(values[p] != v for p, v in computed_totals(values).items())
    return Consolidation(total, results, contributions, notes)


LIBRARY_PREFIX = "报告库："  # a unit's source that is a draft of the library, not a file: 报告库：<title>（#<id>）


def _unreadable(unit: Unit) -> str:
    """Why a unit that could not be read is left out, beside its source (the table, the breakdown): the file is
    not named again, and what to do is said."""
    from disclosure_report.files import beside_file, says_what_to_do

    why = beside_file(unit.error or "", unit.source).rstrip("。")
    advice = ("请在报告库中打开该草稿查看，或选中它点“移除所选”后再汇总" if unit.source.startswith(LIBRARY_PREFIX)
              else "请向该单位重新索取报表后再汇总")
    return f"无法读取，未计入：{why}" + ("" if says_what_to_do(why) else f"；{advice}")


def checked(units: Sequence[Unit], progress: Optional[Progress] = None) -> List[Unit]:
    """The units with their own checks run, so that summing them again (a unit confirmed) is instant."""
    done = []
    for unit in units:
        if unit.report is not None and unit.findings is None:
            unit = Unit(unit.source, unit.report, unit.error, run_checks(unit.report))
        done.append(unit)
        if progress:
            progress(len(done), len(units), unit.source)
    return done


def _common_year(reports: Sequence[Report], notes: List[str]) -> Optional[int]:
    years = Counter(r.year for r in reports if r.year)
    if not years:
        return None
    year = max(years, key=lambda y: (years[y], y))
    if len(years) > 1:
        others = "、".join(f"{y} 年 {n} 份" for y, n in sorted(years.items()) if y != year)
        notes.append(f"汇总年度按多数单位定为 {year} 年（{years[year]} 份）；另有 {others}")
    return year


def _sums(fmt, units: Sequence[Unit], results: Sequence[UnitResult]):
    included = [(i, report) for i, r in enumerate(results) if r.included and (report := units[i].report) is not None]
    values: Dict[str, Value] = {}
    contributions: Dict[str, List[Tuple[int, Value]]] = {}
    for path, cell in fmt.cells.items():
        filled = [(i, report.values[path]) for i, report in included if report.values[path] is not None]
        contributions[path] = filled
        values[path] = as_kind(total(v for _, v in filled), cell.kind) if filled else None
    return values, contributions


# -- reading many returns -------------------------------------------------------

Progress = Callable[[int, int, str], None]  # (done, total, source just read)


def read_unit(path: Union[str, Path]) -> Unit:
    """Read one return; never raises, so one bad file cannot stop the others."""
    from disclosure_report.files import read_report

    source = str(path)
    try:
        return Unit(source, read_report(path))
    except ReportFileError as e:
        return Unit(source, error=str(e))
    except Exception as e:  # a reader's bug must not lose the other units
        from disclosure_report import errorlog

        errorlog.record(f"汇总时读取 {source}")
        return Unit(source, error=f"程序内部错误（{type(e).__name__}: {e}），请把此文件发给技术支持")


def read_checked_unit(path: Union[str, Path]) -> Unit:
    """read_unit, and the unit's own checks run: what a worker of read_units does (its checks on its core)."""
    unit = read_unit(path)
    return checked([unit])[0]


def read_units(paths: Sequence[Union[str, Path]], progress: Optional[Progress] = None,
               workers: Optional[int] = None, leave_cores: int = 0) -> List[Unit]:
    """Every file read, in the given order; on all cores when there are many (then with its checks run).

    ``leave_cores``: cores left to the caller (the window leaves one to its event loop); the files are then
    read by worker processes however few (one, on two cores), never by the caller's process. What
    ``progress`` raises (the window's 取消) stops the reading after the files being read.
    """
    workers = workers or max(1, (os.cpu_count() or 1) - leave_cores)
    units: List[Optional[Unit]] = [None] * len(paths)
    done = 0

    def record(i: int, unit: Unit) -> None:
        nonlocal done
        units[i] = unit
        done += 1
        if progress:
            progress(done, len(paths), unit.source)

    # The packaged program's entry point calls multiprocessing.freeze_support(),
    # so spawned workers run read_checked_unit there too.
    if (workers > 1 or leave_cores) and len(paths) >= PARALLEL_FROM:
        import multiprocessing

        try:
            # spawn: forking a process that runs Qt threads is unsafe
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                # checked there too: on the caller's thread the checks would hold up a window's event loop
                futures = {pool.submit(read_checked_unit, str(p)): i for i, p in enumerate(paths)}
                try:
                    for future in as_completed(futures):
                        record(futures[future], future.result())
                except BaseException:  # progress said stop (取消): the files not started are not read
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise
        except (BrokenProcessPool, OSError):
            pass  # the rest is read below, in this process
    for i, path in enumerate(paths):
        if units[i] is None:
            record(i, read_unit(path))
    return units  # type: ignore[return-value]
