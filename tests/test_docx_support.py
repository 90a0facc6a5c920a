"""Helpers shared by the DOCX tests: tiny pictures and reading table grids back."""

import struct
import unicodedata
import zlib

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def png(width=4, height=3, rgb=(200, 30, 30)):
    """A valid PNG of one colour, built by hand (no imaging library needed)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def norm(text):
    return "".join(unicodedata.normalize("NFKC", text).split())


def grid(table):
    """Each row as [(gridSpan, vMerge, text without whitespace)] straight from the XML."""
    rows = []
    for tr in table._tbl.tr_lst:
        rows.append([(tc.grid_span, tc.vMerge, norm("".join(t.text or "" for t in tc.iter(W + "t"))))
                     for tc in tr.tc_lst])
    return rows


# ---- the reference template, filled in the way offices do it ----

import copy  # noqa: E402

import docx  # noqa: E402
from docx.table import _Cell  # noqa: E402

from disclosure_report.format import load_format  # noqa: E402
from disclosure_report.numbers import format_value  # noqa: E402

PLACEHOLDER = "（文字描述"


def filled_template(template_path, report, title_lines=None):
    """The reference template with the report's title, text and values typed in."""
    doc = docx.Document(str(template_path))
    fmt = load_format()
    paragraphs = doc.paragraphs
    title = next(p for p in paragraphs if "年度报告格式模板" in p.text)
    lines = title_lines or [report.display_title()]
    _set_text(title, lines[0])
    anchor = title
    for extra in lines[1:]:
        anchor = _insert_after(anchor, extra)
    for line in report.text["preamble"].split("\n"):
        anchor = _insert_after(anchor, line)
    placeholders = [p for p in doc.paragraphs if p.text.startswith(PLACEHOLDER)]
    for paragraph, section_id in zip(placeholders, ("overview", "problems", "other")):
        text_lines = report.text[section_id].split("\n")
        _set_text(paragraph, text_lines[0])
        anchor = paragraph
        for line in text_lines[1:]:
            anchor = _insert_after(anchor, line)
    for table, format_table in zip(doc.tables, fmt.tables.values()):
        for layout_row, tr in zip(format_table.layout, table._tbl.tr_lst):
            for cell, tc in zip(layout_row, tr.tc_lst):
                if cell.role == "value":
                    _Cell(tc, table).text = format_value(report.values[cell.path])
    return doc


def _set_text(paragraph, text):
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    if paragraph.runs:
        paragraph.runs[0].text = text
    else:
        paragraph.add_run(text)


def _insert_after(paragraph, text):
    new = copy.deepcopy(paragraph._p)
    paragraph._p.addnext(new)
    result = docx.text.paragraph.Paragraph(new, paragraph._parent)
    _set_text(result, text)
    return result


def cell_at(table, row, col):
    """The w:tc of a table row at a grid column (merged cells count once)."""
    tr = table._tbl.tr_lst[row]
    position = tr.grid_before
    for tc in tr.tc_lst:
        if position <= col < position + tc.grid_span:
            return _Cell(tc, table)
        position += tc.grid_span
    raise IndexError(col)
