"""What changed between two versions of a report: a snapshot and the draft, or two years.

Cells in the order of the format, texts in the order of the report, and the
report's own fields, each with the words the window shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Tuple

from disclosure_report.model import FIELD_LABELS, Report
from disclosure_report.numbers import Value


@dataclass(frozen=True)
class CellChange:
    path: str
    description: str  # 表三“一、本年新收…”行“自然人”列
    old: Value
    new: Value


@dataclass(frozen=True)
class TextChange:
    id: str  # preamble, overview, problems, other
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class FieldChange:
    name: str  # organ, year, title, contact.address …
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ReportDiff:
    cells: Tuple[CellChange, ...]
    texts: Tuple[TextChange, ...]
    fields: Tuple[FieldChange, ...]
    images: Tuple[str, ...]  # pictures added, removed or replaced

    def __bool__(self) -> bool:
        return bool(self.cells or self.texts or self.fields or self.images)


def _differs(old: Value, new: Value) -> bool:
    # blank and 0 differ, and so do 1.5 and 1.50: the report prints what was typed
    return old != new or type(old) is not type(new) or str(old) != str(new)


def diff_reports(old: Report, new: Report) -> ReportDiff:
    fmt = new.format
    cells = tuple(
        CellChange(path, cell.description, old.values.get(path), new.values.get(path))
        for path, cell in fmt.cells.items()
        if _differs(old.values.get(path), new.values.get(path))
    )
    texts = tuple(
        TextChange(text_id, fmt.text_label(text_id), old.text.get(text_id, ""), new.text.get(text_id, ""))
        for text_id in fmt.text_ids
        if old.text.get(text_id, "") != new.text.get(text_id, "")
    )
    fields = tuple(
        FieldChange(name, label, _field(old, name), _field(new, name))
        for name, label in FIELD_LABELS.items()
        if _field(old, name) != _field(new, name)
    )
    images = tuple(sorted(name for name in set(old.images) | set(new.images)
                          if old.images.get(name) != new.images.get(name)))
    return ReportDiff(cells, texts, fields, images)


def _field(report: Report, name: str) -> Any:
    value: Any = report
    for part in name.split("."):
        value = getattr(value, part)
    return value
