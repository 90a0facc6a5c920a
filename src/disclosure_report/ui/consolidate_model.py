"""What the 汇总下级单位报表 dialog holds and does, without its widgets: the units chosen, their sum, the result kept.

The dialog (consolidate_dialog) shows this state and asks it to change;
every step here is plain Python, so a test can drive a consolidation without
a window. Reading the units' files, checking and summing them is the slow
part: ``reading`` loads the drafts from the library (on the library's thread)
and gives the rest as work the dialog runs on a worker thread; that work
touches nothing here, ``take`` keeps what it returns. Summing again (a unit
confirmed) reuses the checks and is instant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, List, Optional, Set, Tuple

from disclosure_report import against, files
from disclosure_report.consolidate import (
    LIBRARY_PREFIX,
    Consolidation,
    Progress,
    Unit,
    UnitResult,
    checked,
    consolidate,
    read_units,
)
from disclosure_report.model import Report, blank_report
from disclosure_report.storage import StorageError


class ConsolidationModel:
    def __init__(self) -> None:
        self.sources: List[str] = []  # file paths, or LIBRARY_PREFIX + title for drafts
        self.drafts: dict = {}  # source -> report id
        self.units: List[Unit] = []
        self.confirmed: Set[str] = set()  # sources with errors the clerk confirmed to include
        self.result: Optional[Consolidation] = None
        self.parent_source = ""  # the published consolidated report (全县/全市) to compare with, if chosen
        self.parent: Optional[Report] = None

    # -- choosing ---------------------------------------------------------------------
    def add_files(self, paths) -> None:
        for path in map(str, paths):
            if path not in self.sources:
                self.sources.append(path)
        self._sources_changed()

    def add_drafts(self, entries) -> None:
        """entries: the library's entries of the reports to add."""
        for entry in entries:
            source = f"{LIBRARY_PREFIX}{entry.title}（#{entry.id}）"
            if source not in self.sources:
                self.sources.append(source)
                self.drafts[source] = entry.id
        self._sources_changed()

    def remove(self, rows) -> None:
        for row in sorted(set(rows), reverse=True):
            source = self.sources.pop(row)
            self.drafts.pop(source, None)
        self._sources_changed()

    def _sources_changed(self) -> None:
        self.units, self.result, self.confirmed = [], None, set()

    def shown_name(self, source: str) -> str:
        return source if source in self.drafts else Path(source).name

    def file_paths(self) -> List[str]:
        """The sources read from files (by read_units), in order."""
        return [s for s in self.sources if s not in self.drafts]

    # -- summing ----------------------------------------------------------------------
    def reading(self, load_draft: Callable[[int], Report], organ: str, year: Optional[int]
                ) -> Callable[[Optional[Progress]], Tuple[List[Unit], Consolidation]]:
        """The drafts loaded now (load_draft's error becomes the unit's), and the work left:
        reading the files (progress: n of N and the file), checking every unit, summing them.

        The work keeps to what it is given, so it may run on another thread while
        the clerk looks at this state; ``take`` keeps its result.
        """
        sources = list(self.sources)
        drafts: Dict[str, Unit] = {}
        for source in sources:
            if source in self.drafts:
                try:
                    drafts[source] = Unit(source, load_draft(self.drafts[source]))
                except StorageError as e:
                    drafts[source] = Unit(source, error=str(e))
        paths = [s for s in sources if s not in drafts]
        confirmed = frozenset(self.confirmed)

        def work(progress: Optional[Progress] = None) -> Tuple[List[Unit], Consolidation]:
            # one core left to the window: with both busy reading, its event loop stalled 130–240 ms
            by_source = {u.source: u for u in read_units(paths, progress, leave_cores=1)}
            by_source.update(drafts)
            units = checked([by_source[s] for s in sources])
            return units, consolidate(units, organ, year, confirmed=confirmed)

        return work

    def take(self, read: Tuple[List[Unit], Consolidation]) -> None:
        """What ``reading``'s work returned: the units and their sum."""
        self.units, self.result = read

    def sum(self, organ: str, year: Optional[int]) -> None:
        self.result = consolidate(self.units, organ, year, confirmed=self.confirmed)

    def confirm(self, unit: UnitResult, wanted: bool) -> None:
        if wanted:
            self.confirmed.add(unit.source)
        else:
            self.confirmed.discard(unit.source)

    def done(self) -> bool:
        """Something was summed that can be kept."""
        return self.result is not None and bool(self.result.included)

    # -- what the dialog shows ----------------------------------------------------------
    def rows(self):
        """Per source: (source, shown name, its UnitResult or None before summing, readable)."""
        results = self.result.units if self.result else [None] * len(self.sources)
        for row, (source, unit) in enumerate(zip(self.sources, results)):
            readable = unit is None or self.units[row].report is not None
            yield source, self.shown_name(source), unit, readable

    def summary_text(self) -> str:
        result = self.result
        left_out = len(result.left_out)
        text = f"已汇总 {len(result.included)} 个单位（共 {len(result.units)} 份）"
        if result.report.year:
            text += f"，{result.report.year} 年"
        if left_out:
            text += f"；{left_out} 份未计入，原因见上表“说明”"
        return "。".join([text] + result.notes) + "。"

    def cells(self, nonzero: bool):
        """(path, cell) of the summed report's cells, only those with a number if nonzero."""
        if self.result is None:
            return []
        values = self.result.report.values
        return [(path, cell) for path, cell in self.result.report.format.cells.items() if not nonzero or values[path]]

    def unit_findings(self, row: int) -> List[str]:
        unit = self.result.units[row]
        lines = [unit.reason] if self.units[row].report is None else []
        lines += [f"{finding.severity_label}：{finding.message}" for finding in unit.findings]
        return lines or ["核对通过"]

    # -- against the published consolidated report --------------------------------------
    def set_parent(self, source: str, parent: Optional[Report]) -> None:
        """The parent report as read from source (None: none chosen)."""
        self.parent_source, self.parent = (source, parent) if parent is not None else ("", None)

    def against(self) -> List[against.CellDifference]:
        """The cells where the parent is not the sum of the included units (empty before summing)."""
        if self.parent is None or self.result is None:
            return []
        return against.differences(self.result, self.parent)

    def against_text(self) -> str:
        """What the comparison found, in one sentence, or what to do for it."""
        if self.parent is None:
            return ("选择已上报或已公开的汇总报告（如全县报告，.docx、.pdf、网页、.xlsx、.json 均可），"
                    "汇总后逐格对照：列出与各单位之和不一致的格及各单位所占份额。")
        name = Path(self.parent_source).name
        if self.result is None:
            return f"已选汇总报告 {name}。点“开始汇总”后逐格对照。"
        found = self.against()
        text = against.verdict(found, name) + ("。" if not found else "，见下表；选中一格，右侧列出各单位所占份额。")
        note = against.year_note(self.result, self.parent)
        return text + (f"\n{note}。" if note else "")

    def against_lines(self) -> List[str]:
        """Each difference as the command line prints it."""
        name = against.parent_name(self.parent, self.parent_source) if self.parent else ""
        return [against.describe(difference, name) for difference in self.against()]

    # -- keeping the result -------------------------------------------------------------
    def breakdown_name(self) -> str:
        return f"{self.result.report.organ or '汇总'}{self.result.report.year or ''}年明细.xlsx"

    def save_breakdown(self, path: Path) -> Path:
        """The breakdown as an Excel workbook (ReportFileError if it cannot be written); where it went."""
        from disclosure_report.excel.breakdown import write_breakdown

        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        write_breakdown(self.result, path)
        return path

    def report(self, organ: str) -> Report:
        """The consolidated report to keep, under the organ's name."""
        report = self.result.report.copy()
        report.organ = organ
        return report


def write_blank_workbook(path: Path, year: int) -> Path:
    """The fill-in workbook sent to the units (ReportFileError if it cannot be written); where it went."""
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    files.write_report(blank_report("", year), path)
    return path
