"""What a printed copy carries besides the report: watermark, version line, chosen parts.

A signed paper copy must be matched later to the stored version it came
from, so every page's foot names the organ, the year, the snapshot, its time
and the content fingerprint (:func:`disclosure_report.jsonfile.fingerprint`).
No Qt here: the window and the tests use it as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional, Protocol, Sequence, Tuple

from disclosure_report.format import load_format
from disclosure_report.jsonfile import fingerprint
from disclosure_report.model import Report
from disclosure_report.workflow import STATUS_DRAFTING, STATUS_REVIEW, STATUS_SIGNED

DRAFT, REVIEW, CONSULTATION, FINAL = "草稿", "送审稿", "征求意见稿", ""
WATERMARKS = (DRAFT, REVIEW, CONSULTATION, FINAL)
WATERMARK_LABELS = {DRAFT: "草稿", REVIEW: "送审稿", CONSULTATION: "征求意见稿", FINAL: "无（定稿）"}

# the draft's status in the library -> the watermark it prints with
STATUS_WATERMARK = {STATUS_DRAFTING: DRAFT, STATUS_REVIEW: REVIEW, STATUS_SIGNED: FINAL}


def watermark_for_status(status: str) -> str:
    return STATUS_WATERMARK.get(status, DRAFT)


def part_ids() -> Tuple[str, ...]:
    """The parts a print can be limited to, in report order: the preamble, then 一 … 六."""
    return ("preamble",) + tuple(s.id for s in load_format().sections)


def table_part_ids() -> Tuple[str, ...]:
    return tuple(s.id for s in load_format().sections if s.kind == "table")


def part_label(part_id: str) -> str:
    fmt = load_format()
    return "前言" if part_id == "preamble" else fmt.section(part_id).title


@dataclass(frozen=True)
class PrintOptions:
    watermark: str = DRAFT
    version: str = ""  # the snapshot's name, e.g. "送审稿 v1"; empty for a file exported as it is
    time: Optional[datetime] = None  # the snapshot's time; None: the time of printing
    parts: Tuple[str, ...] = field(default_factory=part_ids)
    signoff: bool = False  # a 审签单 as the first page
    blank: bool = False  # the tables with every cell empty, for collecting numbers on paper
    findings: Optional[Sequence] = None  # for the 审签单; None: run the checks on the report

    def __post_init__(self):
        if self.watermark not in WATERMARKS:
            raise ValueError(f"未知水印“{self.watermark}”")
        unknown = set(self.parts) - set(part_ids())
        if unknown:
            raise ValueError(f"未知的报告部分：{'、'.join(sorted(unknown))}")


def blank_form_options(**changes) -> PrintOptions:
    """A blank form: only the tables, no watermark, no version."""
    settings = dict(watermark=FINAL, version="空白表", parts=table_part_ids(), blank=True)
    settings.update(changes)
    return PrintOptions(**settings)


def version_line(report: Report, options: PrintOptions, now: Optional[datetime] = None) -> str:
    """The line at every page's foot that identifies the printed version."""
    when = options.time or now or datetime.now()
    year = f"{report.year}年度" if report.year else "（年度）"
    organ = report.organ or "（机关名称）"
    if options.blank:
        return f"{organ} · {year} · 空白统计表 · 打印于 {when:%Y-%m-%d %H:%M}"
    parts = [organ, year, options.version, f"{when:%Y-%m-%d %H:%M}", f"内容码 {fingerprint(report)}"]
    return " · ".join(part for part in parts if part)


def draft_options(status: str, version: int, **changes) -> PrintOptions:
    """Printing the current draft of a library report: watermark by status, time of printing."""
    settings = dict(watermark=watermark_for_status(status), version=f"{status} 第{version}版")
    settings.update(changes)
    return PrintOptions(**settings)


class StoredVersion(Protocol):
    """What printing needs of a stored snapshot (storage's SnapshotEntry has it)."""

    name: str
    created_at: str
    status: str


def snapshot_options(entry: StoredVersion, **changes) -> PrintOptions:
    """Printing a stored snapshot: its name and time on every page, watermark by its status."""
    settings = dict(watermark=watermark_for_status(entry.status), version=entry.name,
                    time=datetime.fromisoformat(entry.created_at))
    settings.update(changes)
    return PrintOptions(**settings)
