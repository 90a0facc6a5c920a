"""The page of GB/T 9704-2012 党政机关公文格式, as python-docx needs to be told it.

Values from NOTES.md (checked by rendering in LibreOffice): A4, margins
37/35/28/26 mm (type area 156 × 225 mm), 22 lines of 28 characters: body
三号 (16 pt) at an exact line pitch of 28.95 pt with −0.25 pt character
spacing. Word's "lines and characters" grid is avoided (LibreOffice draws it
as 14 characters a line).

python-docx's ``font.name`` sets only the Latin faces; every run here gets
its East Asian face (``w:eastAsia``) too, or Word and WPS fall back to
another font.
"""

from __future__ import annotations

import re
from typing import Iterable, List, NamedTuple
from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
TYPE_AREA_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
# the page number's dash sits 7 mm below the type area
FOOTER_DISTANCE_MM = 22

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"  # 一、
SUBHEADING_FONT = "楷体_GB2312"  # （一）
PAGE_NUMBER_FONT = "宋体"
TABLE_FONT = "宋体"
# the fill of 表二's 第二十条第（…）项 rows in the official template (w:shd C6D9F1, light blue)
SECTION_ROW_FILL = "C6D9F1"


class Faces(NamedTuple):
    """The faces of a document's title, body, 一、 headings and （一） headings."""

    title: str
    body: str
    heading: str
    subheading: str


OFFICIAL_FACES = Faces(TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT)
# what a stock Windows 10/11 has (NOTES.md): printed right where the GB/T 9704 faces are not installed
LOCAL_FACES = Faces("黑体", "仿宋", HEADING_FONT, "楷体")
LOCAL_FACES_LABEL = "用本机字体（仿宋、楷体、黑体）"


def missing_official_fonts(installed: Iterable[str]) -> List[str]:
    """The GB/T 9704 faces a PC lacks, given the font families it has (Word substitutes them silently)."""
    have = set(installed)
    return [face for face in (BODY_FONT, SUBHEADING_FONT, TITLE_FONT) if face not in have]

TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
PAGE_NUMBER_PT = 14  # 四号
TABLE_PT = 10

LINE_PITCH_TWIPS = 579  # 28.95 pt: 22 lines (580 gives 21)
CHAR_SPACING_TWIPS = -5  # −0.25 pt: 28 characters a line
LANGUAGE = "zh-CN"

# Widths of each table's grid columns in mm (each sums to the type area).
TABLE_COLUMNS_MM = {
    "active": (39,) * 4,
    "applications": (12, 16, 51) + (11,) * 7,
    "appeals": (10.4,) * 15,
}


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def set_run_font(r, font: str, size_pt: float, char_spacing: int = 0) -> None:
    """Give a ``w:r`` (or style ``w:rPr`` owner) its face for every script, size and spacing."""
    rPr = r.get_or_add_rPr()
    fonts = rPr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    _set_spacing(rPr, char_spacing)
    half_points = str(round(size_pt * 2))
    for tag in ("w:sz", "w:szCs"):
        el = rPr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rPr.append(el)
        el.set(qn("w:val"), half_points)
    _order_rpr(rPr)


def _set_spacing(rPr, char_spacing: int) -> None:
    spacing = rPr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rPr.append(spacing)
    spacing.set(qn("w:val"), str(char_spacing))


_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:spacing", "w:sz", "w:szCs", "w:lang")


def _order_rpr(rPr) -> None:
    # the schema fixes the order of rPr children; Word refuses a file otherwise
    rank = {qn(tag): i for i, tag in enumerate(_RPR_ORDER)}
    children = sorted(rPr, key=lambda el: rank.get(el.tag, len(rank)))
    for el in children:
        rPr.append(el)


# characters XML 1.0 cannot hold (lxml and python-docx refuse them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def run_xml(text: str, font: str, size_pt: float, char_spacing: int = CHAR_SPACING_TWIPS) -> str:
    """A ``w:r`` with its face for every script."""
    font = escape(font, {'"': "&quot;"})
    half_points = round(size_pt * 2)
    return (
        f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        f'<w:spacing w:val="{char_spacing}"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(xml_safe(text))}</w:t></w:r>'
    )


def paragraph_xml(runs: str, exact_pitch: bool = True, first_line_chars: float = 0,
                  align: str = "both", keep_next: bool = False) -> str:
    """A ``w:p``: body lines on the 28.95 pt pitch; others (tables) single-spaced, off the grid."""
    keep = "<w:keepNext/>" if keep_next else ""
    if exact_pitch:
        lines = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH_TWIPS}" w:lineRule="exact"/>'
    else:
        lines = '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    indent = round(BODY_PT * 20 * first_line_chars)
    return (
        f'<w:p><w:pPr>{keep}{lines}<w:ind w:firstLine="{indent}"/><w:jc w:val="{align}"/></w:pPr>'
        f"{runs}</w:p>"
    )


def set_paragraph_lines(paragraph, exact_pitch: bool, first_line_chars: float = 0,
                        align=WD_ALIGN_PARAGRAPH.JUSTIFY) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if exact_pitch:
        fmt.line_spacing = Pt(LINE_PITCH_TWIPS / 20)  # a Length: "exactly"
    else:
        fmt.line_spacing = 1.0
    fmt.first_line_indent = Pt(BODY_PT * first_line_chars)
    fmt.alignment = align


def setup_document(doc, body_font: str = BODY_FONT) -> None:
    """A4 with the GB/T 9704 margins, line grid, Chinese defaults and page numbers."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(15), Mm(FOOTER_DISTANCE_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    _set_language(doc, body_font)
    _set_normal_style(doc, body_font)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _set_language(doc, body_font: str) -> None:
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), LANGUAGE)
    rPr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rPr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), LANGUAGE)
    fonts = rPr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), body_font)


def _set_normal_style(doc, body_font: str) -> None:
    normal = doc.styles["Normal"]
    set_run_font(normal.element, body_font, BODY_PT, CHAR_SPACING_TWIPS)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(LINE_PITCH_TWIPS / 20)  # a Length: "exactly"
    fmt.widow_control = False  # keep the 22-line grid: no lines pushed over


def _page_number(footer, align) -> None:
    """“— 1 —” in 四号宋体, one character in from the outer edge."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    set_paragraph_lines(paragraph, exact_pitch=False, align=align)
    indent = Pt(PAGE_NUMBER_PT)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    _number_run(paragraph, text="— ")
    _number_run(paragraph, field_char="begin")
    _number_run(paragraph, instruction=" PAGE ")
    _number_run(paragraph, field_char="separate")
    _number_run(paragraph, text="1")
    _number_run(paragraph, field_char="end")
    _number_run(paragraph, text=" —")


def _number_run(paragraph, text=None, field_char=None, instruction=None) -> None:
    run = paragraph.add_run()
    set_run_font(run._r, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    if text is not None:
        run.text = text
    elif field_char is not None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), field_char)
        run._r.append(el)
    else:
        el = OxmlElement("w:instrText")
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        el.text = instruction
        run._r.append(el)
