"""Paint the printed report page by page, with watermark and version line on every page.

``QTextDocument.print_()`` has no per-page hook, so the documents are
paginated here: each page draws its slice of the document (``drawContents``
on the page's rectangle), then the footer, over a diagonal watermark.
The same code paints on a QPdfWriter (导出 PDF and the print preview) and on a printer (打印), both in
a worker process (``pdf_process``, ``paper``).
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Callable, List, Optional, Tuple

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextTable,
)

from disclosure_report.errors import ReportFileError
from disclosure_report.limits import report_problem
from disclosure_report.model import Report
from disclosure_report.printing.fonts import PrintFonts, pick_fonts
from disclosure_report.printing.layout import block_format, build_report_document, char_format, new_document, px
from disclosure_report.printing.marking import PrintOptions, version_line
from disclosure_report.printing.signoff import build_signoff_document

# GB/T 9704 type area on A4, in mm: left, top, right, bottom margins
MARGINS_MM = (28, 37, 26, 35)
PAGE_NUMBER_BELOW_MM = 7  # the page number stands this far below the type area
PAGE_NUMBER_PT = 14
VERSION_LINE_FROM_BOTTOM_MM = 12
WATERMARK_COLOR = QColor(160, 160, 160, 70)


class PrintJob:
    """The documents of one print on one device: optional 审签单, then the report."""

    def __init__(self, report: Report, options: PrintOptions, device: QPagedPaintDevice,
                 fonts: Optional[PrintFonts] = None, now: Optional[datetime] = None):
        self.report = report
        self.options = options
        self.device = device
        self.fonts = fonts or pick_fonts()
        self.footer = version_line(report, options, now)
        mm = device.logicalDpiX() / 25.4
        left, top, right, bottom = (m * mm for m in MARGINS_MM)
        self.page = QRectF(0, 0, device.width(), device.height())
        self.area = self.page.adjusted(left, top, -right, -bottom)
        size = QSizeF(self.area.width(), self.area.height())
        # (document, numbered): the 审签单 has no page number, the report starts at 1
        self.documents: List[Tuple[QTextDocument, bool]] = []
        if options.signoff:
            self.documents.append((build_signoff_document(report, options, self.fonts, device, size), False))
        self.documents.append((build_report_document(report, options, self.fonts, device, size), True))

    @property
    def page_count(self) -> int:
        return sum(document.pageCount() for document, _ in self.documents)

    def characters(self) -> set:
        """Every character this print draws."""
        drawn = [document.toPlainText() for document, _ in self.documents]
        drawn += [self.footer, self.options.watermark, "— 0123456789"]
        return set("".join(drawn))

    def paint(self, progress: Optional[Callable[[int, int], None]] = None) -> None:
        """Paint the chosen pages; ``progress(painted, pages)`` once the device is open and after each page.

        After the last page's call, ``painter.end()`` hands the job over: a printer under CUPS spools it then,
        one under Windows has received it page by page since the device was opened (``StartDoc``).
        """
        painter = QPainter()
        if not painter.begin(self.device):
            raise ReportFileError("无法开始打印：打印机或 PDF 文件无法写入，请检查打印机是否可用、文件是否被其他程序打开")
        try:
            self._paint_pages(painter, progress or (lambda done, total: None))
        finally:
            painter.end()

    def _chosen(self, sheet: int) -> bool:
        """Whether the sheet (1 = the first page of this print) is among the pages chosen in the print dialog."""
        printer_range = getattr(self.device, "printRange", None)
        if printer_range is None or printer_range() != type(self.device).PrintRange.PageRange:
            return True
        ranges = self.device.pageRanges()
        return ranges.isEmpty() or ranges.contains(sheet)

    def _paint_pages(self, painter: QPainter, progress: Callable[[int, int], None]) -> None:
        pages, sheet = [], 0
        for document, numbered in self.documents:
            for index in range(document.pageCount()):
                sheet += 1
                if self._chosen(sheet):
                    pages.append((document, numbered, index))
        progress(0, len(pages))
        for done, (document, numbered, index) in enumerate(pages, 1):
            if done > 1 and not self.device.newPage():
                raise ReportFileError("打印中途失败：无法开始新的一页，请检查打印机或磁盘空间")
            self._watermark(painter)
            self._contents(painter, document, index)
            self._footer(painter, index + 1 if numbered else None)
            progress(done, len(pages))

    def _contents(self, painter: QPainter, document: QTextDocument, index: int) -> None:
        height = self.area.height()
        painter.save()
        painter.translate(self.area.left(), self.area.top() - index * height)
        top = index * height
        rules = _rules_at_page_break(document, top, top + height)
        # A table breaking here is the last thing on the page: cut Qt's borders that run on below its last row.
        shown = min([height] + [y + 1 - top for _, _, y in rules])
        bottom = top + shown - 0.5  # a line that starts the next page is not drawn here, not even clipped away
        # Qt draws a paragraph that runs on from the page before from the line above the page's top, clipped
        # away but still in the PDF's text layer (copied text had that line twice): its lines go one by one
        start = top
        running_on = _block_across(document, top)
        if running_on is not None:
            rect = document.documentLayout().blockBoundingRect(running_on)
            lines = running_on.layout()
            lowest = rect.bottom()
            for number in range(lines.lineCount()):
                line = lines.lineAt(number)
                lowest = max(lowest, rect.top() + line.y() + line.height())
                if top <= rect.top() + line.y() < bottom:
                    line.draw(painter, rect.topLeft())
            start = max(top, lowest + 0.01)  # below its lines: Qt's draw would draw its last line again
        if start < bottom:
            document.drawContents(painter, QRectF(0, start, self.area.width(), bottom - start))
        painter.setPen(QPen(QColor("black"), 0))
        for left, right, y in rules:
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.restore()

    def _watermark(self, painter: QPainter) -> None:
        if not self.options.watermark:
            return
        painter.save()
        font = QFont(self.fonts.heading)
        font.setPointSizeF(96 if len(self.options.watermark) <= 3 else 72)
        painter.setFont(font)
        painter.setPen(WATERMARK_COLOR)
        painter.translate(self.page.center())
        painter.rotate(-math.degrees(math.atan2(self.page.height(), self.page.width())))
        box = QRectF(-self.page.height(), -self.page.width() / 2, 2 * self.page.height(), self.page.width())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.options.watermark)
        painter.restore()

    def _footer(self, painter: QPainter, page_number: Optional[int]) -> None:
        mm = self.device.logicalDpiX() / 25.4
        if page_number is not None:
            # GB/T 9704: 四号, odd pages right and even pages left, one character in from the edge
            side = Qt.AlignmentFlag.AlignRight if page_number % 2 else Qt.AlignmentFlag.AlignLeft
            self._line(painter, f"— {page_number} —", PAGE_NUMBER_PT, QColor("black"),
                       self.area.bottom() + PAGE_NUMBER_BELOW_MM * mm, side, inset_pt=PAGE_NUMBER_PT)
        self._line(painter, self.footer, 8, QColor(60, 60, 60), self.page.bottom() - VERSION_LINE_FROM_BOTTOM_MM * mm)

    def _line(self, painter: QPainter, text: str, points: float, color: QColor, top: float,
              align=Qt.AlignmentFlag.AlignHCenter, inset_pt: float = 0) -> None:
        """One line across the type area, laid out like the body (same fonts and font features)."""
        document = new_document(self.device, QSizeF(self.area.width(), self.area.height()))
        char = char_format(self.fonts.body, points)
        char.setForeground(color)
        block = block_format(align, line_pt=points * 1.5)
        block.setLeftMargin(px(inset_pt))
        block.setRightMargin(px(inset_pt))
        cursor = QTextCursor(document)
        cursor.setBlockFormat(block)
        cursor.insertText(text, char)
        painter.save()
        painter.translate(self.area.left(), top)
        document.drawContents(painter)
        painter.restore()


def _block_across(document: QTextDocument, y: float) -> Optional[QTextBlock]:
    """The paragraph (outside tables) whose lines run on across ``y``, if any."""
    layout = document.documentLayout()
    block = document.findBlock(layout.hitTest(QPointF(0, y), Qt.HitTestAccuracy.FuzzyHit))
    for candidate in (block.previous(), block, block.next()):
        if not candidate.isValid() or QTextCursor(candidate).currentTable() is not None:
            continue
        top = layout.blockBoundingRect(candidate).top()
        lines = candidate.layout()
        tops = [top + lines.lineAt(n).y() for n in range(lines.lineCount())]
        if tops and tops[0] < y <= tops[-1]:  # lines on both pages (a picture pushed down whole is not)
            return candidate
    return None


def _rules_at_page_break(document: QTextDocument, top: float, bottom: float) -> List[Tuple[float, float, float]]:
    """The bottom rules of tables that run on past this page slice.

    Qt draws no bottom border under the last row a page holds when a collapsed-border table breaks, so the table
    would stand open at the foot of the page; the rule goes under the lowest cell content the slice holds.
    """
    layout = document.documentLayout()
    rules = []
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        box = layout.frameBoundingRect(frame)
        if not (box.top() < bottom < box.bottom()):
            continue
        lowest, left, right = None, box.right(), box.left()
        block = document.findBlock(frame.firstPosition())
        while block.isValid() and block.position() <= frame.lastPosition():
            rect = layout.blockBoundingRect(block)
            left, right = min(left, rect.left()), max(right, rect.right())
            if top <= rect.bottom() <= bottom:
                lowest = rect.bottom() if lowest is None else max(lowest, rect.bottom())
            block = block.next()
        if lowest is not None:
            padding = frame.format().cellPadding()
            rules.append((left - padding, right + padding, lowest + padding))
    return rules


def paint_report(device: QPagedPaintDevice, report: Report, options: PrintOptions,
                 fonts: Optional[PrintFonts] = None,
                 progress: Optional[Callable[[int, int], None]] = None) -> PrintJob:
    """Paint the whole print on ``device`` (a QPdfWriter or a QPrinter); ``progress`` as ``PrintJob.paint``.

    A report beyond the limits (a draft saved before they existed) is refused:
    far beyond them Qt's text layout overflows and crashes."""
    problem = report_problem(report)
    if problem:
        raise ReportFileError(f"无法打印：{problem}")
    job = PrintJob(report, options, device, fonts)
    job.paint(progress)
    return job

