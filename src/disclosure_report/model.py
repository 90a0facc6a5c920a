"""The report as the program holds it: exact values, blanks kept apart from 0.

Values are keyed by their JSON path (see :mod:`disclosure_report.format`):
counts are ``int``, the fee in 万元 a ``Decimal``, an empty cell ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, NamedTuple, Optional, Tuple

from disclosure_report.format import ReportFormat, current_format_id, load_format
from disclosure_report.numbers import Value

# A picture inside a text section is a line of its own naming an entry of
# Report.images, e.g. "[图片:photo1.png]".
IMAGE_LINE = re.compile(r"^\[图片:(?P<name>[^\[\]\n]+)\]$", re.MULTILINE)


def image_line(name: str) -> str:
    return f"[图片:{name}]"


# A report's own fields (besides its cells and texts) as the clerk sees them named: the 报告信息 page,
# undo's “修改…”, the comparison of two versions.
FIELD_LABELS = {
    "organ": "机关名称",
    "year": "年度",
    "title": "报告标题",
    "contact.address": "联系地址",
    "contact.phone": "联系电话",
    "contact.website": "网站",
    "manual_totals": "手工填写合计",
}


@dataclass
class Contact:
    address: str = ""
    phone: str = ""
    website: str = ""

    def is_empty(self) -> bool:
        return not (self.address or self.phone or self.website)


class Settlement(NamedTuple):
    """A finding a clerk marked 已核实: which one (its rule and fingerprint), why, who, when.

    The fingerprint covers the finding's cells and passage (checks/settle.py):
    once they change, the finding is back.
    """

    rule: str
    fingerprint: str
    reason: str
    by: str = ""
    at: str = ""  # the day, 2025-01-20


@dataclass
class Report:
    organ: str = ""
    year: Optional[int] = None
    values: Dict[str, Value] = field(default_factory=dict)  # empty: every cell of the format blank
    text: Dict[str, str] = field(default_factory=dict)  # empty: every text part of the format blank
    title: str = ""  # empty: the standard title from organ and year
    contact: Contact = field(default_factory=Contact)
    # False: the window fills every total from its parts; True: totals are
    # typed (transcribing a published report) and the checks judge them.
    manual_totals: bool = False
    images: Dict[str, bytes] = field(default_factory=dict)
    # What an imported report printed beside its numbers (cell path -> text as
    # printed, e.g. "22（其中修订16件）"), shown as findings until the clerk edits them.
    import_notes: Dict[str, str] = field(default_factory=dict)
    settled: Tuple[Settlement, ...] = ()
    # What reading the file had to change for the report to be storable (storable.clean_report), said
    # once to the clerk by whoever read it; not stored.
    read_notes: List[str] = field(default_factory=list)
    format_id: str = field(default_factory=current_format_id)

    def __post_init__(self) -> None:
        fmt = self.format
        if not self.values:
            self.values = dict.fromkeys(fmt.cells)
        if not self.text:
            self.text = dict.fromkeys(fmt.text_ids, "")

    @property
    def format(self) -> ReportFormat:
        return load_format(self.format_id)

    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.format.title(self.organ or "（机关名称）", self.year if self.year else "（年度）")

    def copy(self) -> Report:
        return Report(
            organ=self.organ,
            year=self.year,
            values=dict(self.values),
            text=dict(self.text),
            title=self.title,
            contact=Contact(self.contact.address, self.contact.phone, self.contact.website),
            manual_totals=self.manual_totals,
            images=dict(self.images),
            import_notes=dict(self.import_notes),
            settled=self.settled,
            format_id=self.format_id,
        )


def organ_key(organ: str) -> str:
    """The organ name as compared (last year's report, the same unit twice): whitespace, also full-width, ignored."""
    return "".join((organ or "").split())


def is_last_year(report: Report, previous: Optional[Report]) -> bool:
    """previous is a report of the year before report's."""
    return bool(previous is not None and report.year and previous.year == report.year - 1)


def computed_totals(values: Mapping[str, Value], fmt: Optional[ReportFormat] = None) -> Dict[str, Value]:
    """Every total of the format computed from its parts.

    A total whose parts are all blank is blank; otherwise blank parts count
    as nothing (the blank check warns about them separately).
    """
    fmt = fmt or load_format()
    current = dict(values)
    totals: Dict[str, Value] = {}
    for inst in fmt.computations:
        assert inst.computes is not None  # parse_format keeps only the equations that compute a total
        parts = [x for x in (current[p] for p in inst.right) if x is not None]
        total = sum(parts) if parts else None
        current[inst.computes] = total
        totals[inst.computes] = total
    return totals


def changed_totals(report: Report) -> Dict[str, Value]:
    """The totals that differ from what their parts give (empty when manual)."""
    if report.manual_totals:
        return {}
    return {
        path: value
        for path, value in computed_totals(report.values).items()
        if report.values[path] != value or type(report.values[path]) is not type(value)
    }


def apply_values(report: Report, new_values: Mapping[str, Value]) -> Dict[str, Value]:
    """Set cells and, unless totals are typed by hand, refresh the totals.

    Returns the previous value of every cell that changed, so that the
    caller (an undo command, an import) can put them back in one step.
    """
    unknown = [p for p in new_values if p not in report.values]
    if unknown:
        raise KeyError(f"未知单元格：{', '.join(unknown)}")
    old: Dict[str, Value] = {}
    for path, value in new_values.items():
        if report.values[path] != value or type(report.values[path]) is not type(value):
            old[path] = report.values[path]
            report.values[path] = value
    for path, value in changed_totals(report).items():
        old.setdefault(path, report.values[path])
        report.values[path] = value
    return old


def blank_report(organ: str = "", year: Optional[int] = None) -> Report:
    return Report(organ=organ, year=year)


def image_names(text: str) -> Iterable[str]:
    if "[图片:" not in text:
        return iter(())  # the common case, and a quick one in a long text (the editor asks on every keystroke)
    return (m.group("name") for m in IMAGE_LINE.finditer(text))
