"""Check many report files at once, pairing each with its organ's previous year.

The files are read on all cores when there are many (a county checks 20–60
units' DOCX files at once); on a terminal a progress line runs on stderr.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from disclosure_report.checks import Finding, count_by_severity, run_checks
from disclosure_report.checks.settle import settled_note
from disclosure_report.consolidate import read_units
from disclosure_report.files import naming_file, read_report_naming_it
from disclosure_report.model import Report, is_last_year, organ_key


@dataclass
class FileResult:
    file: str
    organ: Optional[str] = None
    year: Optional[int] = None
    findings: List[Finding] = field(default_factory=list)
    error: Optional[str] = None
    previous: Optional[str] = None  # the file last year's figures came from

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "organ": self.organ,
            "year": self.year,
            "findings": [f.to_json() for f in self.findings],
            "error": self.error,
        }

    def summary(self) -> str:
        if self.error:
            return naming_file(self.error, self.file) + "\n"
        counts = count_by_severity(self.findings)
        who = f"{self.organ or '（未填机关名称）'} {self.year or '（未填年度）'}年"
        settled = [f for f in self.findings if f.settled]
        open_ = [f for f in self.findings if not f.settled]
        verdict = "通过" if not open_ else f"{counts['error']} 个错误，{counts['warning']} 个提醒"
        if settled:
            verdict += f"（另有 {len(settled)} 项已核实，不计入）"
        lines = [f"{self.file}（{who}）：{verdict}"]
        if self.previous:
            lines.append(f"  已与上年报告 {self.previous} 对照")
        for finding in open_:
            lines.append(f"  [{finding.severity_label}] {finding.message}（{finding.rule}）")
        for finding in settled:
            if finding.settled is not None:  # as the list above was chosen
                lines.append(f"  [已核实] {finding.message}（{finding.rule}）——{settled_note(finding.settled)}")
        return "\n".join(lines) + "\n"


def check_files(paths: Sequence[Path], previous_path: Optional[Path] = None) -> List[FileResult]:
    explicit_previous = read_report_naming_it(previous_path) if previous_path else None
    progress = _TerminalProgress() if _is_terminal(sys.stderr) else None
    units = read_units(paths, progress)
    if progress:
        progress.clear()
    loaded: List[Tuple[Path, Optional[Report], Optional[str]]] = [
        (path, unit.report, unit.error) for path, unit in zip(paths, units)
    ]
    by_organ_year: Dict[Tuple[str, int], Tuple[Path, Report]] = {
        (organ_key(r.organ), r.year): (p, r) for p, r, _ in loaded if r is not None and r.year
    }
    results = []
    for path, report, error in loaded:
        if report is None:
            results.append(FileResult(str(path), error=error))
            continue
        previous, previous_name = None, None
        if report.year:
            found = by_organ_year.get((organ_key(report.organ), report.year - 1))
            if found:
                previous_name, previous = str(found[0]), found[1]
            elif explicit_previous is not None:
                if is_last_year(report, explicit_previous):
                    previous_name, previous = str(previous_path), explicit_previous
                else:
                    print(f"提示：上年报告 {previous_path} 为 {explicit_previous.year} 年，"
                          f"与 {path} 的 {report.year} 年不衔接，未做跨年度核对", file=sys.stderr)
        results.append(FileResult(str(path), report.organ, report.year,
                                  run_checks(report, previous), previous=previous_name))
    return results


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _TerminalProgress:
    """“已读取 12/60：乡镇甲.docx” rewritten in place on stderr."""

    def __init__(self):
        self.width = 0

    def __call__(self, done: int, total: int, source: str) -> None:
        line = f"已读取 {done}/{total}：{Path(source).name}"
        # Chinese characters take two columns; pad over the longer previous line
        width = sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
        sys.stderr.write("\r" + line + " " * max(0, self.width - width))
        sys.stderr.flush()
        self.width = width

    def clear(self) -> None:
        sys.stderr.write("\r" + " " * self.width + "\r")
        sys.stderr.flush()
