"""A report from what a published document shows: its paragraphs and tables, in order.

Word, PDF and web-page readers differ only in how they find paragraphs and
table grids; the title, the sections and the tables are read here, the same
way for all. Sections are found by their titles: first as the format numbers
them (一、总体情况), then, for offices that number them differently or put
the tables after the narrative, by the title under any numeral (三、存在的主要
问题…). The three text sections must be there; the tables are found by their
labels wherever they stand (:mod:`disclosure_report.reading.grid`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Dict, List, Optional, Sequence, Tuple

from disclosure_report.errors import ReportFileError
from disclosure_report.format import ReportFormat, load_format
from disclosure_report.jsonfile import YEAR_RANGE
from disclosure_report.model import Contact, Report
from disclosure_report.reading.grid import read_grids

# ("p", paragraph text) or ("table", grid): what the second is follows from the first, which mypy cannot see
Block = Tuple[str, Any]

_TITLE_SUFFIX = r"政府信息公开(?:工作)?年度报告"
_TITLES = (
    re.compile(rf"^(?P<organ>.+?)(?P<year>\d{{4}})年度?{_TITLE_SUFFIX}$"),
    re.compile(rf"^(?P<year>\d{{4}})年度?(?P<organ>.+?){_TITLE_SUFFIX}$"),
)
_NOT_IN_ORGAN = re.compile(r"[，。；：、《》“”,;:!?！？]")
_ADDRESS = re.compile(r"地址[:：]\s*(?P<v>[^，,；;）)\n]+)")
_PHONE = re.compile(r"电话[:：]\s*(?P<v>[0-9０-９\-—－()（）\s]*[0-9０-９])")
_WEBSITE = re.compile(r"https?://[A-Za-z0-9./_\-?=&%#:~]+")
_OTHER_NUMERAL = re.compile(r"^[一二三四五六七八九十]+[、.,，]")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def report_from_blocks(blocks: Sequence[Block], meta: Optional[Dict[str, str]] = None) -> Report:
    """``meta``: the properties this program wrote into a DOCX (trusted while the title is unchanged)."""
    fmt = load_format()
    paragraphs = [(index, text) for index, (kind, text) in enumerate(blocks) if kind == "p"]
    if not any(len(text) < 60 and heading_of(text, fmt.sections) for _, text in paragraphs):
        raise ReportFileError(
            "看来不是政府信息公开工作年度报告：找不到“一、总体情况”“五、存在的主要问题及改进情况”等标题；"
            "请确认选择的是年度报告文件")
    report = Report(manual_totals=True)
    read = read_grids([grid for kind, grid in blocks if kind == "table"], fmt)
    report.values.update(read.values)
    report.import_notes = read.notes
    headings = _headings(paragraphs, fmt)
    first_heading = min(headings.values())
    front = [text for index, text in paragraphs if index < first_heading]
    title, preamble = _title(front, meta.get("Title", "") if meta else "")
    report.text["preamble"] = _join(preamble)
    starts = sorted(headings.values())
    for section in fmt.sections:
        if section.kind != "text":
            continue
        start = headings[section.id]
        end = next((s for s in starts if s > start), len(blocks))
        report.text[section.id] = _join([text for index, text in paragraphs if start < index < end])
    _identify(report, title, meta, fmt)
    return report


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _heading_match(text: str, title: str, any_numeral: bool = False) -> bool:
    """``一、总体情况``, also as ``一. 总体情况``, ``一、总体情况：`` or a longer older wording.

    With ``any_numeral``, under another numeral (三、存在的主要问题及改进情况).
    """
    key = _key(text).rstrip(":：。")
    numeral, core = _key(title).split("、", 1)
    if any_numeral:
        found = _OTHER_NUMERAL.match(key)
        if not found:
            return False
        rest = key[found.end():]
    else:
        if not key.startswith(numeral) or key[len(numeral):len(numeral) + 1] not in ("、", ".", ",", "，"):
            return False
        rest = key[len(numeral) + 1:]
    if len(rest) > len(core) + 12:
        return False
    # 五、存在的主要问题及整改措施: the office's own ending to the title
    return core in rest or _common_prefix(rest, core) >= max(4, 0.6 * len(core))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def heading_of(text: str, sections) -> bool:
    """Whether a line is one of the format's section headings, under its numeral or another."""
    return any(_heading_match(text, s.title) or _heading_match(text, s.title, any_numeral=True) for s in sections)


def _headings(paragraphs: List[Tuple[int, str]], fmt: ReportFormat) -> Dict[str, int]:
    found: Dict[str, int] = {}
    cursor = 0
    for section in fmt.sections:  # as the format numbers and orders them
        for position in range(cursor, len(paragraphs)):
            index, text = paragraphs[position]
            if len(text) < 60 and _heading_match(text, section.title):
                found[section.id] = index
                cursor = position + 1
                break
    used = set(found.values())
    for section in fmt.sections:  # numbered or placed otherwise: by the title alone
        if section.id in found:
            continue
        for index, text in paragraphs:
            if index not in used and len(text) < 60 and _heading_match(text, section.title, any_numeral=True):
                found[section.id] = index
                used.add(index)
                break
    missing = [s.title for s in fmt.sections if s.kind == "text" and s.id not in found]
    if missing:
        raise ReportFileError(
            f"找不到标题“{'”“'.join(missing)}”，无法划分正文各部分；"
            f"请确认各部分标题为一、至六、并按顺序排列后再导入")
    return found


def _title(front: List[str], written: str) -> Tuple[str, List[str]]:
    """The title (one to three paragraphs, e.g. “…年度” / “报  告”) and the preamble after it.

    ``written`` is the title this program wrote into the properties, if any:
    a title of the office's own wording is recognised by it.
    """
    written = title_text(written)
    nonblank = [i for i, text in enumerate(front) if text.strip()]
    for start in nonblank[:3]:
        for length in (1, 2, 3):
            candidate = title_text("".join(front[start:start + length]))
            if candidate and (candidate == written or parse_title(candidate)):
                return candidate, front[start + length:]
    return "", front


def title_text(text: str) -> str:
    """Whitespace (spaced-out 报  告, line breaks, U+3000) removed; full-width digits made plain."""
    return "".join(text.split()).translate(_FULL_WIDTH_DIGITS)


def parse_title(title: str) -> Optional[Tuple[str, int]]:
    """(organ, year) of ``淮安市人民政府2024年政府信息公开工作年度报告``; None for any other text."""
    for pattern in _TITLES:
        match = pattern.match(title)
        if (match and int(match.group("year")) in YEAR_RANGE and len(match.group("organ")) <= 40
                and not _NOT_IN_ORGAN.search(match.group("organ"))):
            return match.group("organ"), int(match.group("year"))
    return None


def _identify(report: Report, title: str, meta: Optional[Dict[str, str]], fmt: ReportFormat) -> None:
    """Organ, year, title and contact: from this program's properties while the title is unchanged."""
    if meta and title and title_text(meta.get("Title", "")) == title:
        report.organ = meta.get("Organ", "")
        year = meta.get("Year", "")
        report.year = int(year) if year.isdigit() and int(year) in YEAR_RANGE else None
        report.contact = Contact(meta.get("Address", ""), meta.get("Phone", ""), meta.get("Website", ""))
        report.title = meta.get("OwnTitle", "")
        return
    parsed = parse_title(title) if title else None
    if parsed:
        report.organ, report.year = parsed
    report.contact = _contact(report.text["preamble"])
    standard = fmt.title(report.organ, report.year) if report.organ and report.year else None
    report.title = "" if not title or title == standard else title


def _contact(preamble: str) -> Contact:
    found = [pattern.search(preamble) for pattern in (_ADDRESS, _PHONE, _WEBSITE)]
    address, phone, website = (
        (m.group("v") if "v" in m.groupdict() else m.group(0)).strip() if m else "" for m in found)
    return Contact(address, phone, website)


def _join(lines: List[str]) -> str:
    start, end = 0, len(lines)  # indices, not slices: thousands of blank lines stay linear
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])
