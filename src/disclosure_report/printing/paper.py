"""打印 on paper by a worker process (``printing.worker``), with the settings the clerk chose in Qt's print dialog.

The print dialog stays in the window (it needs the screen); a QPrinter cannot
cross to another process, so ``settings_of`` reads what the clerk chose into
``PrinterSettings`` (plain values: printer name, copies, collate, duplex,
page range, colour, paper size and source, orientation, page order,
resolution, document name, and under CUPS the options of the dialog's
属性 page, such as pages per sheet), and the worker builds its own
QPrinter(HighResolution) from them (``make_printer``): the named printer, or,
when the clerk chose 打印到文件 (PDF), a PDF written into a temporary file
next to the chosen one and put in place by ``worker.finish``. An unknown
printer is refused: Qt would silently keep the printer it had.

What cannot be carried: a Windows driver's own settings (its 首选项 dialog,
kept in the printer's DEVMODE beyond the fields Qt reads) fall back to the
printer's defaults in the worker.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

from disclosure_report.errors import ReportFileError
from disclosure_report.printing import worker
from disclosure_report.printing.marking import PrintOptions

PAPER = worker.Task("打印的", "打印时程序出错（{}）；请把日志文件发给技术支持",
                    "打印的后台进程意外退出（退出码 {}）；请重试，仍不行请把日志文件发给技术支持",
                    "（请检查打印机或文件夹是否可用、磁盘是否已满）")
CUPS_OPTIONS = 0xFE00  # QPrintEngine's PPK_CupsOptions (qcups_p.h): name, value, name, value …


@dataclass(frozen=True)
class PrinterSettings:
    """What the clerk chose in the print dialog, by value. Enums are kept as their ints."""

    printer_name: str = ""
    output_file: str = ""  # 打印到文件: the PDF's path (then printer_name is not used)
    copies: int = 1
    collate: bool = True
    duplex: int = 0  # QPrinter.DuplexMode
    print_range: int = 0  # QPrinter.PrintRange
    page_ranges: str = ""  # QPageRanges.toString(), e.g. "2-3,5"
    color_mode: int = 1  # QPrinter.ColorMode (1: Color)
    page_size: tuple = ()  # (QPageSize id, width, height in points, name); (): the printer's default
    orientation: int = 0  # QPageLayout.Orientation
    page_order: int = 0  # QPrinter.PageOrder
    paper_source: int = 6  # QPrinter.PaperSource (6: Auto)
    resolution: int = 0  # dpi; 0: the printer's own
    doc_name: str = ""
    cups_options: Tuple[str, ...] = ()

    @property
    def target(self) -> Optional[Path]:
        return Path(self.output_file) if self.output_file else None

    @property
    def where(self) -> str:
        """The printer or the file, as the clerk calls it."""
        return Path(self.output_file).name if self.output_file else self.printer_name


def settings_of(printer) -> PrinterSettings:
    """The settings of a QPrinter (the window's, after the print dialog), to hand to the worker."""
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    size = printer.pageLayout().pageSize()
    points = size.size(QPageSize.Unit.Point)
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    return PrinterSettings(
        printer_name="" if to_file else printer.printerName(),
        output_file=printer.outputFileName() if to_file else "",
        copies=printer.copyCount(), collate=printer.collateCopies(), duplex=printer.duplex().value,
        print_range=printer.printRange().value, page_ranges=printer.pageRanges().toString(),
        color_mode=printer.colorMode().value,
        page_size=(size.id().value, points.width(), points.height(), size.name()),
        orientation=printer.pageLayout().orientation().value, page_order=printer.pageOrder().value,
        paper_source=printer.paperSource().value, resolution=printer.resolution(), doc_name=printer.docName(),
        cups_options=tuple(_cups_options(printer)))


def make_printer(settings: PrinterSettings, output_file: Optional[str] = None):
    """A QPrinter(HighResolution) with the settings, printing full page (the layout sets its own margins).

    ``output_file`` replaces the settings' file (the worker writes a temporary one). ReportFileError when
    the printer is not there (Qt would keep its default printer instead)."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageLayout, QPageRanges, QPageSize
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if settings.output_file:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(output_file or settings.output_file)
    else:
        if settings.printer_name:
            printer.setPrinterName(settings.printer_name)
        if (printer.printerName() != settings.printer_name or not printer.isValid()
                or settings.printer_name not in QPrinterInfo.availablePrinterNames()):
            raise ReportFileError(f"找不到打印机“{settings.printer_name}”，可能已被删除、改名或暂时不可用；"
                                  f"请检查打印机后重新打印，在打印对话框中另选打印机")
    if settings.page_size:
        size_id, width, height, name = settings.page_size
        if size_id != QPageSize.PageSizeId.Custom.value:
            printer.setPageSize(QPageSize(QPageSize.PageSizeId(size_id)))
        else:
            printer.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point, name))
    printer.setPageOrientation(QPageLayout.Orientation(settings.orientation))
    printer.setDuplex(QPrinter.DuplexMode(settings.duplex))
    printer.setColorMode(QPrinter.ColorMode(settings.color_mode))
    printer.setCopyCount(settings.copies)
    printer.setCollateCopies(settings.collate)
    printer.setPageOrder(QPrinter.PageOrder(settings.page_order))
    printer.setPaperSource(QPrinter.PaperSource(settings.paper_source))
    if settings.resolution:
        printer.setResolution(settings.resolution)
    printer.setPageRanges(QPageRanges.fromString(settings.page_ranges))
    printer.setPrintRange(QPrinter.PrintRange(settings.print_range))
    printer.setDocName(settings.doc_name)
    printer.setCreator("disclosure-report")
    if settings.cups_options:
        from PySide6.QtPrintSupport import QPrintEngine

        printer.printEngine().setProperty(QPrintEngine.PrintEnginePropertyKey(CUPS_OPTIONS),
                                          list(settings.cups_options))
    printer.setFullPage(True)
    return printer


def _cups_options(printer) -> list:
    if sys.platform in ("win32", "darwin"):
        return []
    from PySide6.QtPrintSupport import QPrintEngine

    engine = printer.printEngine()
    value = engine.property(QPrintEngine.PrintEnginePropertyKey(CUPS_OPTIONS)) if engine is not None else None
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def start(report, options: PrintOptions, settings: PrinterSettings) -> worker.Worker:
    """Start printing the report with the settings in a worker process; call off the GUI thread."""
    return worker.start(paint, report, (options, settings), PAPER, settings.target,
                        name="disclosure-report printing")


def paint(report, temporary: Optional[str], progress, options: PrintOptions, settings: PrinterSettings) -> None:
    """In the worker process: lay the report out and paint it on the printer."""
    from disclosure_report.printing.pdf import ensure_application

    ensure_application()
    from disclosure_report.printing.render import paint_report

    paint_report(make_printer(settings, temporary), report, options, progress=progress)


def may_be_queued(settings: PrinterSettings, progress: Tuple[int, int], ended: bool,
                  system: str = sys.platform) -> bool:
    """Whether a job stopped at ``progress`` (pages painted, of how many) may have reached the printer's queue.

    A file is never queued (its temporary is removed). Under CUPS the job is spooled once all pages are
    painted (``painter.end()``); under Windows the spooler has it since the printer was opened (page 0).
    """
    if settings.output_file:
        return False
    done, total = progress
    if ended:
        return True
    if system == "win32":
        return total > 0
    return total > 0 and done >= total
