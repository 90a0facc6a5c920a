"""The report as published, as a QTextDocument laid out for one paint device.

Title, preamble, sections and the three tables, all from the format
definition: every table is built from ``Table.layout`` (labels and merges as
in the official template), never from labels written here. Sizes follow
GB/T 9704: title 二号 (22 pt), body 三号 (16 pt), tables 小五 (9 pt), so that 表三 fits one page.
Where the pages break is decided in :mod:`disclosure_report.printing.paginate`: the document is
built for a plan (headings that start a page, rows where a table goes on on the next page) and
built again until nothing is left to move.

Lengths given to QTextFormat (borders, padding, margins, line heights) are
in 1/96 inch and scaled to the device by Qt; font sizes are in points.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence

from PySide6.QtCore import QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from disclosure_report.format import LayoutCell, Table, load_format
from disclosure_report.model import IMAGE_LINE, Report
from disclosure_report.numbers import format_value
from disclosure_report.printing.fonts import PrintFonts
from disclosure_report.printing.marking import PrintOptions
from disclosure_report.printing.paginate import HeadingMark, PieceMark, Plan, paginate

TITLE_PT, BODY_PT, TABLE_PT, NOTE_PT = 22, 16, 9, 8
TABLE_LINE_PT = TABLE_PT * 1.3
BLANK_ROW_PT = 14  # room to write a number by hand on the blank form
BODY_LINE_PT = 28.95  # 22 lines on the GB/T 9704 type area
INDENT = "\u3000\u3000"  # paragraphs and 一、 headings start two characters in
PICTURE_DPI = 300  # a picture is decoded at most at this resolution of its printed size
LABEL_WEIGHT_CHARS = 6  # a label column is one value column wide per this many characters …
SECTION_ROW_FILL = "#C6D9F1"  # the template's light blue of 表二's 第二十条 rows (word.typography has it too)
LABEL_WEIGHT_MAX = 5  # … up to this many value columns
KEEP_ROWS = 3  # a table of one header is not cut with fewer rows than this on either side of the break


def px(points: float) -> float:
    """Points to the 1/96-inch unit of QTextFormat lengths."""
    return points * 96 / 72


def new_document(device: QPagedPaintDevice, page_size: QSizeF) -> QTextDocument:
    """An empty document paginated to ``page_size`` (device pixels) on ``device``."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)  # built once, never edited: no undo history to keep
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setUseDesignMetrics(True)  # glyph advances as on paper, not as hinted for screen
    # Noto CJK's 'locl' feature swaps digits next to Latin letters for glyphs that Qt's PDF
    # writer cannot map back to text (copied "v1 2024" came out empty); character formats
    # inherit this from the default font
    font = QFont()
    font.setFeature(QFont.Tag("locl"), 0)
    document.setDefaultFont(font)
    document.setPageSize(page_size)
    return document


def char_format(family: str, points: float, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontFamilies([family])
    fmt.setFontPointSize(points)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return fmt


def block_format(align=Qt.AlignmentFlag.AlignLeft, line_pt: float = BODY_LINE_PT,
                 before_pt: float = 0, after_pt: float = 0) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(align)
    fmt.setLineHeight(px(line_pt), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    fmt.setTopMargin(px(before_pt))
    fmt.setBottomMargin(px(after_pt))
    return fmt


HEADING_PROPERTY = QTextFormat.Property.UserProperty + 1  # marks blocks to keep with what follows
# a line of a text section that heads what follows: （二）依申请公开, 一、创新信息公开形式 (short, no full stop)
SUBHEADING = re.compile(r"(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)[^。；;]{1,30}")


class ReportDocument:
    """Builds the printed report into a document, one part after the other."""

    def __init__(self, document: QTextDocument, fonts: PrintFonts, plan: Optional[Plan] = None):
        self.document = document
        self.fonts = fonts
        self.cursor = QTextCursor(document)
        self.first_block = True
        self.plan = plan or Plan()
        self.marks: List = []  # headings and table pieces in document order, for the pagination

    def paragraph(self, text: str, char: QTextCharFormat, block: QTextBlockFormat) -> None:
        if block.property(HEADING_PROPERTY):
            ordinal = sum(isinstance(mark, HeadingMark) for mark in self.marks)
            if ordinal in self.plan.moved:
                block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if self.first_block:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(char)
            self.first_block = False
        else:
            self.cursor.insertBlock(block, char)
        self.cursor.insertText(text, char)
        if block.property(HEADING_PROPERTY):
            self.marks.append(HeadingMark(ordinal, self.cursor.block().position(), ordinal in self.plan.moved))

    def title(self, text: str) -> None:
        # without 小标宋 a bold serif comes closest to the official title
        bold = "小标宋" not in self.fonts.title
        self.paragraph(text, char_format(self.fonts.title, TITLE_PT, bold),
                       block_format(Qt.AlignmentFlag.AlignHCenter, line_pt=36, after_pt=16))

    def heading(self, text: str) -> None:
        block = block_format(before_pt=6, after_pt=4)
        block.setProperty(HEADING_PROPERTY, True)
        self.paragraph(INDENT + text, char_format(self.fonts.heading, BODY_PT), block)

    def text(self, text: str, images: Dict[str, bytes]) -> None:
        """Paragraphs of a text section; a line "[图片:name]" prints the picture."""
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            match = IMAGE_LINE.fullmatch(line)
            if match:
                self.image(match.group("name"), images.get(match.group("name")))
            else:
                block = block_format()
                block.setProperty(HEADING_PROPERTY, bool(SUBHEADING.fullmatch(line)))
                self.paragraph(INDENT + line, char_format(self.fonts.body, BODY_PT), block)

    def image(self, name: str, data) -> None:
        from disclosure_report.printing import picture

        size = picture.checked_size(data)  # from the header: nothing unchecked is decoded
        image = QImage()
        if size is not None:
            # within the type area (an image cannot break across pages), keeping the proportions
            to_96 = 96 / self.document.documentLayout().paintDevice().logicalDpiX()
            page = self.document.pageSize()
            scale = min(1.0, page.width() * to_96 / max(1, size[0]), 0.9 * page.height() * to_96 / max(1, size[1]))
            shown = (size[0] * scale, size[1] * scale)  # in 1/96 inch
            image = picture.decode(data, (int(shown[0] * PICTURE_DPI / 96) + 1, int(shown[1] * PICTURE_DPI / 96) + 1))
        if image.isNull():
            self.paragraph(f"{INDENT}（图片“{name}”缺失、已损坏或过大，未能打印）",
                           char_format(self.fonts.body, BODY_PT), block_format())
            return
        self.paragraph("", char_format(self.fonts.body, BODY_PT), _image_block())
        url = QUrl(f"report-image:{name}")
        self.document.addResource(QTextDocument.ResourceType.ImageResource, url, image)
        fmt = QTextImageFormat()
        fmt.setName(url.toString())
        fmt.setWidth(shown[0])
        fmt.setHeight(shown[1])
        self.cursor.insertImage(fmt)

    def note_line(self, text: str) -> None:
        self.paragraph(text, char_format(self.fonts.body, 12), block_format(line_pt=24, after_pt=4))

    def table(self, table: Table, value_text: Callable[[str], str], value_line_pt: float = TABLE_LINE_PT) -> None:
        """One official table: the grid, merges and labels of ``table.layout``; where the plan says so, the
        rest of it on the next page, under its header rows again."""
        grid: List[tuple] = list(table.layout)
        head = _header_rows(grid)
        starts = [0] + [row for row in self.plan.splits.get(table.id, ()) if 0 < row < len(grid)]
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(grid)
            repeated = list(range(head)) if index else []
            self._piece(table, grid, repeated + list(range(start, end)), len(repeated), head, value_text,
                        value_line_pt)

    def _piece(self, table: Table, grid: Sequence[tuple], rows: List[int], repeated: int, head: int,
               value_text: Callable[[str], str], value_line_pt: float) -> None:
        """The grid's ``rows`` as one table; a continuation (``repeated`` header rows first) starts a page."""
        fmt = QTextTableFormat()
        fmt.setBorder(1)  # Qt drops borders thinner than 1/96 inch
        fmt.setBorderBrush(QBrush(QColor("black")))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(px(1.5))
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints(_column_widths(table))
        fmt.setHeaderRowCount(head)  # Qt repeats them should a block be taller than a page
        if repeated or rows[0] > 0:
            # between two pieces a block of no height: Qt keeps a block between two tables
            spacer = QTextBlockFormat()
            spacer.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            self.cursor.setBlockFormat(spacer)
            self.cursor.setBlockCharFormat(char_format(self.fonts.body, 1))
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        text_table: QTextTable = self.cursor.insertTable(len(rows), table.grid_columns, fmt)
        end = rows[-1] + 1
        for local, row in enumerate(rows):
            first_own = local == repeated
            for cell in grid[row]:
                if cell.continued:
                    # a group cut by the page break: its label again atop the rest of its rows, as a clerk
                    # looks for it on each page; no "（续）", as the repeated header rows already say the
                    # table goes on, and the narrow label column would wrap one more line for it
                    cell = _origin(grid, row, cell.col) if first_own else None
                    if cell is None:
                        continue
                    cell = cell._replace(rowspan=cell.row + cell.rowspan - row)
                if local >= repeated:
                    cell = cell._replace(rowspan=min(cell.rowspan, end - row))  # a group the piece cuts
                if cell.rowspan > 1 or cell.colspan > 1:
                    text_table.mergeCells(local, cell.col, cell.rowspan, cell.colspan)
                self._fill_cell(text_table, local, cell, value_text, value_line_pt, centred_labels=not head)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.marks.append(PieceMark(table.id, text_table, rows, repeated, _breaks(grid, head), head,
                                    KEEP_ROWS if head else 1))

    def _fill_cell(self, text_table: QTextTable, row: int, cell: LayoutCell, value_text: Callable[[str], str],
                   value_line_pt: float, centred_labels: bool = False) -> None:
        """A cell as the template has it; ``centred_labels``: 表二's row labels, centred under 信息内容."""
        target = text_table.cellAt(row, cell.col)
        cell_format = target.format()  # holds the merge
        cell_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        block_title = cell.role == "header" and cell.colspan == text_table.columns()  # 第二十条第（一）项
        if block_title:
            cell_format.setBackground(QBrush(QColor(SECTION_ROW_FILL)))
        target.setFormat(cell_format)
        line_pt = TABLE_LINE_PT
        if cell.role == "value":
            text, align, points, line_pt = value_text(cell.path), Qt.AlignmentFlag.AlignHCenter, TABLE_PT, value_line_pt
        elif cell.role == "label":
            centred = centred_labels and cell.rowspan == 1
            text, align, points = cell.text, Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft, TABLE_PT
        elif cell.role == "note":
            text, align, points = cell.text, Qt.AlignmentFlag.AlignHCenter, NOTE_PT
        else:
            align = Qt.AlignmentFlag.AlignLeft if block_title else Qt.AlignmentFlag.AlignHCenter
            text, points = cell.text, TABLE_PT
        cursor = target.firstCursorPosition()
        cursor.setBlockFormat(block_format(align, line_pt=line_pt))
        # no setBlockCharFormat here: a cell keeps its merge in its first block's char format
        cursor.insertText(text, char_format(self.fonts.body, points))



def _image_block() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    fmt.setTopMargin(px(6))
    fmt.setBottomMargin(px(6))
    return fmt


def _header_rows(grid) -> int:
    """Rows to repeat atop each page: the leading rows without values, if the table has only that one header."""
    has_values = [any(c.role == "value" for c in cells) for cells in grid]
    leading = has_values.index(True) if True in has_values else 0
    return leading if all(has_values[leading:]) else 0


def _has_values(cells) -> bool:
    return any(c.role == "value" for c in cells)


def _breaks(grid, head: int) -> Dict[int, int]:
    """The rows before which a page may break, each with its depth: how many merged row groups the break cuts
    (0 between 表三's 一、…四、, 1 inside 三、本年度办理结果, 2 inside its （三）不予公开). Never through a row,
    never right after a header row. A table of one header (表三) may break between any such rows; one made
    of blocks with headers of their own (表二) only before a block."""
    rows = {}
    for row in range(max(1, head + 1), len(grid)):
        if not _has_values(grid[row - 1]):
            continue
        if head or not _has_values(grid[row]):
            depth = sum(1 for c in grid[row] if c.continued)
            if depth and not head:
                continue
            rows[row] = depth
    return rows


def _origin(grid, row: int, col: int) -> Optional[LayoutCell]:
    """The merged cell that covers ``(row, col)`` from a row above."""
    for above in range(row - 1, -1, -1):
        for cell in grid[above]:
            if cell.col == col and not cell.continued:
                return cell if above + cell.rowspan > row else None
    return None


def _column_widths(table: Table) -> List[QTextLength]:
    """Value columns share the width evenly; label columns get more, by the length of their labels."""
    weights = [1.0] * table.grid_columns
    for col in range(table.grid_columns):
        single = [c for cells in table.layout for c in cells if c.col == col and c.colspan == 1 and not c.continued]
        if any(c.role == "value" for c in single):
            continue
        longest = max((len(c.text) for c in single), default=0)
        weights[col] = min(LABEL_WEIGHT_MAX, max(1.0, longest / LABEL_WEIGHT_CHARS))
    total = sum(weights)
    return [QTextLength(QTextLength.Type.PercentageLength, 100 * w / total) for w in weights]


def build_report_document(report: Report, options: PrintOptions, fonts: PrintFonts,
                          device: QPagedPaintDevice, page_size: QSizeF) -> QTextDocument:
    """The chosen parts of the report, or the blank form, as one document, its pages broken as printed."""
    return paginate(lambda plan: _build(report, options, fonts, device, page_size, plan))


def _build(report: Report, options: PrintOptions, fonts: PrintFonts, device: QPagedPaintDevice,
           page_size: QSizeF, plan: Plan):
    fmt = load_format()
    document = new_document(device, page_size)
    builder = ReportDocument(document, fonts, plan)
    builder.cursor.beginEditBlock()  # one layout at the end, not one per cell
    builder.title(report.display_title())
    if options.blank:
        builder.note_line("填报单位：＿＿＿＿＿＿＿＿＿＿＿＿＿＿　填报人：＿＿＿＿＿＿＿＿")
        builder.note_line("联系电话：＿＿＿＿＿＿＿＿＿＿＿＿＿＿　填报日期：＿＿＿＿年＿＿月＿＿日")

    def value_text(path: str) -> str:
        return "" if options.blank else format_value(report.values.get(path))

    if "preamble" in options.parts and not options.blank:
        builder.text(report.text.get("preamble", ""), report.images)
    for section in fmt.sections:
        if section.id not in options.parts:
            continue
        if section.kind == "table":
            builder.heading(section.title)
            builder.table(fmt.tables[section.id], value_text, BLANK_ROW_PT if options.blank else TABLE_LINE_PT)
        elif not options.blank:
            builder.heading(section.title)
            builder.text(report.text.get(section.id, ""), report.images)
    builder.cursor.endEditBlock()
    return document, builder.marks
