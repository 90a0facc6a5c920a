"""Read a report in the standard layout from a Word document (.docx).

The file is judged by :mod:`zipguard` before python-docx opens it (whose
parsers do not expand entities). The title gives organ and year, the
headings 一 … 六 divide the text, pictures become ``[图片:name]`` lines,
and :mod:`disclosure_report.reading` finds the sections and the numbers by
their labels, as for PDF and web pages. An imported report keeps its
totals as printed (``manual_totals``) so the checks judge them.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Dict, Optional, Union

from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report, image_line
from disclosure_report.reading.grid import Grid, cell
from disclosure_report.word.package import release
from disclosure_report.zipguard import DOCX, check_office_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_TEXT_TAGS = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}


# An annual report's text is well under 1 MB of XML; parsing costs several times
# the size in memory, so a main part far beyond that is refused before parsing
# (zipguard also bounds its tags).
MAX_DOCUMENT_XML_BYTES = 16 * 1024 * 1024


def read_report(path: Union[str, Path]) -> Report:
    path = Path(path)
    check_office_file(path, DOCX)
    _check_main_part_size(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx and lxml raise many kinds on damaged parts
        from disclosure_report import errorlog

        errorlog.record(f"读取 {path.name}")
        raise ReportFileError(
            f"{path.name} 无法按 Word 文档读取（{type(e).__name__}），文件可能已损坏；"
            f"请在 Word/WPS 中打开后另存为 .docx 再导入") from None
    try:
        return report_from_document(document)
    except ReportFileError as e:
        raise ReportFileError(f"{path.name}：{e}") from None
    finally:
        release(document)



def _check_main_part_size(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo(DOCX.main_part).file_size
    if size > MAX_DOCUMENT_XML_BYTES:
        raise ReportFileError(
            f"{path.name} 的正文部分解压后有 {size // 1048576} MB，远超正常的年度报告，已拒绝读取；"
            f"请确认文件来源，或在 Word/WPS 中另存后再导入")


def report_from_document(document) -> Report:
    from disclosure_report.reading.document import report_from_blocks
    from disclosure_report.word import metadata

    images: Dict[str, bytes] = {}
    tables = itertools.count(1)
    blocks = [("table", _grid(element, next(tables))) if kind == "tbl"
              else ("p", _paragraph_text(element, document, images))
              for kind, element in _blocks(document.element.body)]
    report = report_from_blocks(blocks, metadata.read(document))
    report.images = {name: blob for name, blob in images.items() if any(
        image_line(name) in text for text in report.text.values())}
    return report


def _grid(tbl, number: int) -> Grid:
    """The table's rows as cells positioned on the grid (gridBefore, gridSpan, vMerge).

    The attributes are read as written (python-docx raises ValueError on a span such as "abc");
    reading.grid bounds the width. ``number`` counts the document's tables from 1, for messages.
    """
    rows = []
    for row_number, tr in enumerate(tbl.iterchildren(W + "tr"), 1):
        col = _grid_number(tr.find(f"{W}trPr/{W}gridBefore"), 0, number, row_number)
        cells = []
        for tc in tr.iterchildren(W + "tc"):
            span = _grid_number(tc.find(f"{W}tcPr/{W}gridSpan"), 1, number, row_number)
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.iterchildren(W + "p"))
            cells.append(cell(col, span, text, merge is not None and merge.get(W + "val", "continue") == "continue"))
            col += span
        rows.append(cells)
    return rows


def _grid_number(element, default: int, number: int, row_number: int) -> int:
    """A gridSpan or gridBefore as a whole number, or the file is refused naming the table and row."""
    raw = None if element is None else element.get(W + "val")
    if raw is None:
        return default
    if raw.isascii() and raw.isdigit():
        return max(int(raw[:10]), default)  # ten digits are far past any width; reading.grid bounds it
    raise ReportFileError(f"文档的第 {number} 个表格第 {row_number} 行的合并列数“{raw[:20]}”不是整数，"
                          f"文件可能已损坏；请在 Word/WPS 中打开后另存为 .docx 再导入")


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
