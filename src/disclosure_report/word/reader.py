"""Read a report in the standard layout from a Word document (.docx).

The file is judged by :mod:`zipguard` before python-docx opens it (whose
parsers do not expand entities). The title gives organ and year, the
headings 一 … 六 divide the text, pictures become ``[图片:name]`` lines,
and :mod:`tables_reader` finds the numbers by their labels. An imported
report keeps its totals as printed (``manual_totals``) so the checks judge
them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from disclosure_report.errors import ReportFileError
from disclosure_report.format import ReportFormat, load_format
from disclosure_report.jsonfile import YEAR_RANGE
from disclosure_report.model import Contact, Report, image_line
from disclosure_report.zipguard import DOCX, check_office_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_TEXT_TAGS = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}

_NUMERALS = "一二三四五六七八九十"
_TITLE_SUFFIX = r"政府信息公开(?:工作)?年度报告"
_TITLES = (
    re.compile(rf"^(?P<organ>.+?)(?P<year>\d{{4}})年度?{_TITLE_SUFFIX}$"),
    re.compile(rf"^(?P<year>\d{{4}})年度?(?P<organ>.+?){_TITLE_SUFFIX}$"),
)
_ADDRESS = re.compile(r"地址[:：]\s*(?P<v>[^，,；;）)\n]+)")
_PHONE = re.compile(r"电话[:：]\s*(?P<v>[0-9０-９\-—－()（）\s]*[0-9０-９])")
_WEBSITE = re.compile(r"https?://[A-Za-z0-9./_\-?=&%#:~]+")


# An annual report's text is well under 1 MB of XML; parsing costs several times
# the size in memory, so a main part far beyond that is refused before parsing.
MAX_DOCUMENT_XML_BYTES = 16 * 1024 * 1024


def read_report(path: Union[str, Path]) -> Report:
    path = Path(path)
    check_office_file(path, DOCX)
    _check_main_part_size(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx and lxml raise many kinds on damaged parts
        raise ReportFileError(
            f"{path.name} 无法按 Word 文档读取（{type(e).__name__}），文件可能已损坏；"
            f"请在 Word/WPS 中打开后另存为 .docx 再导入") from None
    try:
        return report_from_document(document)
    except ReportFileError as e:
        raise ReportFileError(f"{path.name}：{e}") from None


def _check_main_part_size(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo(DOCX.main_part).file_size
    if size > MAX_DOCUMENT_XML_BYTES:
        raise ReportFileError(
            f"{path.name} 的正文部分解压后有 {size // 1048576} MB，远超正常的年度报告，已拒绝读取；"
            f"请确认文件来源，或在 Word/WPS 中另存后再导入")


def report_from_document(document) -> Report:
    from disclosure_report.word import metadata
    from disclosure_report.word.tables_reader import read_tables

    fmt = load_format()
    blocks = list(_blocks(document.element.body))
    images: Dict[str, bytes] = {}
    paragraphs: List[Tuple[int, str]] = []  # (block index, text with picture lines)
    tables = []
    for index, (kind, element) in enumerate(blocks):
        if kind == "tbl":
            tables.append(element)
        else:
            paragraphs.append((index, _paragraph_text(element, document, images)))
    report = Report(manual_totals=True)
    report.values.update(read_tables(tables, fmt))
    headings = _headings(paragraphs, fmt)
    first_heading = headings[fmt.sections[0].id]
    front = [text for index, text in paragraphs if index < first_heading]
    meta = metadata.read(document)
    title, preamble = _title(front, meta.get("Title", "") if meta else "")
    report.text["preamble"] = _join(preamble)
    for position, section in enumerate(fmt.sections):
        if section.kind != "text":
            continue
        start = headings[section.id]
        following = [headings[s.id] for s in fmt.sections[position + 1:]]
        end = min(following) if following else len(blocks)
        report.text[section.id] = _join([text for index, text in paragraphs if start < index < end])
    report.images = {name: blob for name, blob in images.items() if any(
        image_line(name) in text for text in report.text.values())}
    _identify(report, title, meta, fmt)
    return report


def _blocks(body):
    """Paragraphs and tables in document order (content controls opened)."""
    for child in body.iterchildren():
        if child.tag == W + "p":
            yield "p", child
        elif child.tag == W + "tbl":
            yield "tbl", child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(p, document, images: Dict[str, bytes]) -> str:
    parts = []
    pictures = []
    boxes = p.find(f".//{W}txbxContent") is not None
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", _PIC + "pic"):
        if el.tag == _PIC + "pic":
            pictures.append(el)
            continue
        if boxes and any(ancestor.tag == W + "txbxContent" for ancestor in el.iterancestors()):
            continue  # text boxes float beside the text; they are not part of it
        if el.tag == W + "br" and el.get(W + "type") == "page":
            continue
        replacement = _TEXT_TAGS.get(el.tag, "")
        parts.append(el.text or "" if replacement is None else replacement)
    text = "".join(parts)
    lines = [text] if text.strip() or not pictures else []
    for pic in pictures:
        name = _picture(pic, document, images)
        if name:
            lines.append(image_line(name))
    return "\n".join(lines)


def _picture(pic, document, images: Dict[str, bytes]) -> Optional[str]:
    blip = pic.find(f".//{_A}blip")
    rel_id = blip.get(_R + "embed") if blip is not None else None
    part = document.part.related_parts.get(rel_id) if rel_id else None
    if part is None:
        return None
    blob = part.blob
    name_el = pic.find(f"{_PIC}nvPicPr/{_PIC}cNvPr")
    name = (name_el.get("name", "") if name_el is not None else "").strip()
    if not name or "[" in name or "]" in name or "\n" in name or (name in images and images[name] != blob):
        extension = Path(str(part.partname)).suffix or ".png"
        number = len(images) + 1
        while f"图片{number}{extension}" in images:
            number += 1
        name = f"图片{number}{extension}"
    images[name] = blob
    return name


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _heading_match(text: str, title: str) -> bool:
    """``一、总体情况``, also as ``一. 总体情况``, ``一、总体情况：`` or a longer older wording."""
    key = _key(text).rstrip(":：。")
    numeral, core = _key(title).split("、", 1)
    if not key.startswith(numeral) or key[len(numeral):len(numeral) + 1] not in ("、", ".", ",", "，"):
        return False
    rest = key[len(numeral) + 1:]
    return rest == core or (core in rest and len(rest) <= len(core) + 12)


def _headings(paragraphs: List[Tuple[int, str]], fmt: ReportFormat) -> Dict[str, int]:
    found: Dict[str, int] = {}
    missing = []
    cursor = 0
    for section in fmt.sections:
        for position in range(cursor, len(paragraphs)):
            index, text = paragraphs[position]
            if len(text) < 60 and _heading_match(text, section.title):
                found[section.id] = index
                cursor = position + 1
                break
        else:
            missing.append(section.title)
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
    written = _title_text(written)
    nonblank = [i for i, text in enumerate(front) if text.strip()]
    for start in nonblank[:3]:
        for length in (1, 2, 3):
            candidate = _title_text("".join(front[start:start + length]))
            if candidate and (candidate == written or _parse_title(candidate)):
                return candidate, front[start + length:]
    return "", front


def _title_text(text: str) -> str:
    """Whitespace (spaced-out 报  告, line breaks, U+3000) removed; full-width digits made plain."""
    return "".join(text.split()).translate(_FULL_WIDTH_DIGITS)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _parse_title(title: str) -> Optional[Tuple[str, int]]:
    for pattern in _TITLES:
        match = pattern.match(title)
        if match and int(match.group("year")) in YEAR_RANGE:
            return match.group("organ"), int(match.group("year"))
    return None


def _identify(report: Report, title: str, meta: Optional[Dict[str, str]], fmt: ReportFormat) -> None:
    """Organ, year, title and contact: from this program's properties while the title is unchanged."""
    if meta and title and _title_text(meta.get("Title", "")) == title:
        report.organ = meta.get("Organ", "")
        year = meta.get("Year", "")
        report.year = int(year) if year.isdigit() and int(year) in YEAR_RANGE else None
        report.contact = Contact(meta.get("Address", ""), meta.get("Phone", ""), meta.get("Website", ""))
        report.title = meta.get("OwnTitle", "")
        return
    parsed = _parse_title(title) if title else None
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
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(lines)
