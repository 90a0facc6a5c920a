"""Write the finished report as a Word document in the standard layout.

Title, preamble, the six sections in order with their titles verbatim, and
the three tables built from the format's layout (merges as gridSpan and
vMerge, exactly as in the official template), on the GB/T 9704 page of
:mod:`typography`. Values are written as stored; a blank stays blank.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import List, Mapping, Union

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from disclosure_report.atomicwrite import write_atomically
from disclosure_report.drafting import strip_marks
from disclosure_report.errors import ReportFileError
from disclosure_report.format import LayoutCell, Table
from disclosure_report.limits import picture_problem
from disclosure_report.model import IMAGE_LINE, Report
from disclosure_report.numbers import format_value
from disclosure_report.word import metadata
from disclosure_report.word import typography as t
from disclosure_report.word.package import release

_SUBHEADING = re.compile(r"^\s*（[一二三四五六七八九十]{1,3}）")
_PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def write_report(report: Report, path: Union[str, Path], faces: t.Faces = t.OFFICIAL_FACES) -> None:
    write_atomically(path, docx_bytes(report, faces))


def docx_bytes(report: Report, faces: t.Faces = t.OFFICIAL_FACES) -> bytes:
    """The document in the GB/T 9704 faces, or in ``t.LOCAL_FACES`` for a PC without them."""
    doc = docx.Document()
    t.setup_document(doc, faces.body)
    fmt = report.format
    body = _Body(doc, faces)
    body.add(t.paragraph_xml(t.run_xml(report.display_title(), faces.title, t.TITLE_PT, 0),
                             align="center"))
    body.add(t.paragraph_xml(""))
    _text(body, report.text.get("preamble", ""), report)
    for section in fmt.sections:
        body.add(t.paragraph_xml(t.run_xml(section.title, faces.heading, t.BODY_PT),
                                 first_line_chars=2, keep_next=True))
        if section.kind == "table":
            body.add(_table_xml(fmt.tables[section.id], report.values))
        else:
            _text(body, report.text.get(section.id, ""), report)
    body.flush()
    metadata.write(doc, report)
    out = io.BytesIO()
    doc.save(out)
    release(doc)
    return out.getvalue()


class _Body:
    """Paragraphs and tables as XML text, parsed in one go (python-docx's API is slow per run)."""

    def __init__(self, doc, faces: t.Faces):
        self.doc = doc
        self.faces = faces
        self.parts: List[str] = []

    def add(self, xml: str) -> None:
        self.parts.append(xml)

    def flush(self) -> None:
        if not self.parts:
            return
        wrapper = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self.parts)}</w:body>")
        sect_pr = self.doc.element.body.sectPr
        for child in list(wrapper):
            sect_pr.addprevious(child)
        self.parts = []


def _text(body: _Body, text: str, report: Report) -> None:
    if not text:
        return
    # the drafting help's invisible marks stay in the draft, never in the published text
    for line in t.xml_safe(strip_marks(text)).split("\n"):
        match = IMAGE_LINE.fullmatch(line)
        if match and match.group("name") in report.images:
            body.flush()
            _picture(body.doc, match.group("name"), report.images[match.group("name")], body.faces.body)
            continue
        runs = ""
        sub = _SUBHEADING.match(line)
        if sub:
            # （一）… headings in 楷体 up to the first full stop; the rest is body text
            end = line.find("。", sub.end())
            end = len(line) if end < 0 else end + 1
            runs = t.run_xml(line[:end], body.faces.subheading, t.BODY_PT)
            line = line[end:]
        if line:
            runs += t.run_xml(line, body.faces.body, t.BODY_PT)
        body.add(t.paragraph_xml(runs, first_line_chars=2))


def _picture(doc, name: str, blob: bytes, body_font: str) -> None:
    # a draft from before the limit may hold a picture whose header declares gigapixels: Word and WPS
    # would decode it whole, as printing would; refused by the header (pictures.py), as printing refuses it
    problem = picture_problem(name, blob)
    if problem:
        raise ReportFileError(problem)
    try:
        image = Image.from_blob(blob)
    except Exception:  # python-docx's image parsers raise several kinds on damaged bytes
        from disclosure_report import errorlog

        errorlog.record(f"导出 DOCX：图片“{name}”")
        raise ReportFileError(f"图片“{name}”无法识别（应为 PNG 或 JPEG 图片），请重新插入该图片后再导出") from None
    # fitted to the type area, never enlarged
    scale = min(1.0, Mm(t.TYPE_AREA_WIDTH_MM) / image.width,
                Mm(t.PAGE_HEIGHT_MM - t.MARGIN_TOP_MM - t.MARGIN_BOTTOM_MM) / image.height)
    paragraph = doc.add_paragraph()
    t.set_paragraph_lines(paragraph, exact_pitch=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _no_grid(paragraph)
    run = paragraph.add_run()
    t.set_run_font(run._r, body_font, t.BODY_PT)
    run.add_picture(io.BytesIO(blob), width=int(image.width * scale), height=int(image.height * scale))
    # the name travels with the picture, so an import gives it back
    for el in run._r.iter(f"{{{_PIC_NS}}}cNvPr", f"{{{_WP_NS}}}docPr"):
        el.set("name" if el.tag.endswith("cNvPr") else "descr", name)


def _no_grid(paragraph) -> None:
    """Lines not snapped to the 28.95 pt body grid (pictures)."""
    el = OxmlElement("w:snapToGrid")
    el.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().find(qn("w:spacing")).addprevious(el)


# ---- tables: XML built in one piece from the format's layout (fast, and exact) ----

def _header_rows(table: Table) -> int:
    count = 0
    for row in table.layout:
        if any(cell.role in ("label", "value") for cell in row):
            break
        count += 1
    return count


def _table_xml(table: Table, values: Mapping[str, object]) -> str:
    widths = [t.twips(mm) for mm in t.TABLE_COLUMNS_MM[table.id]]
    head = _header_rows(table)
    # one header block over the whole table repeats on each page; the
    # headers of a table of several blocks (表二) belong to their block
    repeat = not any(c.role == "header" for row in table.layout[head:] for c in row)
    rows: List[str] = []
    layout = table.layout
    for r, layout_row in enumerate(layout):
        # rows at least 6 mm high, as in the official template
        tr_pr = '<w:cantSplit/><w:trHeight w:val="340" w:hRule="atLeast"/>' + (
            "<w:tblHeader/>" if repeat and r < head else "")
        # a block (its headers and rows) stays on one page; a page may fall between blocks
        keep = not repeat and r + 1 < len(layout) and not (
            _is_header_row(layout[r + 1]) and not _is_header_row(layout_row))
        cells = "".join(_cell_xml(cell, values, widths, table.grid_columns, keep, not repeat) for cell in layout_row)
        rows.append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{cells}</w:tr>")
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _is_header_row(row) -> bool:
    return all(cell.role in ("header", "note", "empty") for cell in row)


def _cell_xml(cell: LayoutCell, values, widths, grid_columns: int, keep_next: bool, in_blocks: bool) -> str:
    width = sum(widths[cell.col:cell.col + cell.colspan])
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if cell.colspan > 1:
        props += f'<w:gridSpan w:val="{cell.colspan}"/>'
    if cell.continued:
        props += "<w:vMerge/>"
    elif cell.rowspan > 1:
        props += '<w:vMerge w:val="restart"/>'
    if cell.role == "header" and cell.colspan == grid_columns:  # 第二十条第（…）项, shaded as in the template
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{t.SECTION_ROW_FILL}"/>'
    props += '<w:vAlign w:val="center"/>'
    if cell.continued:
        text = ""
    elif cell.role == "value":
        text = format_value(values.get(cell.path))
    else:
        text = cell.text
    # as the template has it: row labels, merged group labels (三、本年度办理结果, （三）不予公开) and a block's
    # title (第二十条第（一）项) at the left, but 表二's row labels (under 信息内容) centred
    if cell.role == "label" and cell.rowspan == 1 and in_blocks:
        align = "center"
    elif cell.role in ("note", "label") or (cell.role == "header" and cell.colspan == grid_columns):
        align = "left"
    else:
        align = "center"
    run = t.run_xml(text, t.TABLE_FONT, t.TABLE_PT, 0) if text else ""
    paragraph = t.paragraph_xml(run, exact_pitch=False, align=align, keep_next=keep_next)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"
