"""The ``.pdf`` writer of ``files.WRITERS``: the printed layout as a PDF, fonts embedded.

Works from the command line without a screen: when no Qt application exists
one is created, on the offscreen platform if there is no display (on Windows on
the minimal platform with its fonts enabled: the one that finds the fonts).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Optional, Union

from disclosure_report.atomicwrite import write_atomically
from disclosure_report.model import Report
from disclosure_report.printing.fonts import PrintFonts
from disclosure_report.printing.marking import PrintOptions
from disclosure_report.printing.tounicode import Resolver

_app = None  # the application this module had to create; kept alive for the process


def ensure_application() -> None:
    """A Qt application for painting text, created offscreen-capable when none exists."""
    global _app
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    platform = printing_platform(os.environ.get("QT_QPA_PLATFORM", ""), sys.platform, has_display)
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform
    _app = QApplication([sys.argv[0] if sys.argv else "disclosure-report"])


def printing_platform(requested: str, system: str, has_display: bool) -> Optional[str]:
    """The Qt platform to print with when none is running yet; None keeps the one requested."""
    if system == "win32":
        # Qt's offscreen platform for Windows has no font database (it lists no family at all).
        # minimal with enable_fonts reads the system's fonts through GDI, as the windows platform
        # does, but needs no window station and no WinRT theme (which Wine lacks).
        return "minimal:enable_fonts" if requested.split(":")[0] in ("", "offscreen", "minimal") else None
    if not has_display and system != "darwin" and not requested:
        return "offscreen"
    return None


def pdf_bytes(report: Report, options: Optional[PrintOptions] = None,
              progress: Optional[Callable[[int, int], None]] = None) -> bytes:
    """The PDF of the report as printed with ``options`` (default: the whole report as 草稿).

    ``progress(pages painted, pages)`` is called as render.paint_report paints."""
    ensure_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from disclosure_report.printing.render import paint_report
    from disclosure_report.printing.tounicode import remap_targets

    options = options or PrintOptions()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(600)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(report.display_title())
    writer.setCreator("disclosure-report")
    job = paint_report(writer, report, options, progress=progress)
    buffer.close()
    return remap_targets(bytes(data.data()), printed_look_alike(job.characters(), job.fonts))


def printed_look_alike(printed: set, fonts: PrintFonts) -> Resolver:
    """For a character that was not printed, the printed one the fonts draw with the same glyph."""
    from PySide6.QtGui import QFont, QRawFont

    text = "".join(sorted(c for c in printed if ord(c) <= 0xFFFF))
    owners = []  # per font: glyph -> the printed character drawn with it (None: two of them)
    for family in dict.fromkeys((fonts.body, fonts.heading, fonts.title)):
        raw = QRawFont.fromFont(QFont(family))
        owner: dict = {}
        for char, glyph in zip(text, raw.glyphIndexesForString(text)):
            if glyph:
                owner[glyph] = None if glyph in owner else char
        owners.append((raw, owner))

    def resolve(char: str) -> Optional[str]:
        if char in printed:
            return None
        for raw, owner in owners:
            glyphs = raw.glyphIndexesForString(char)
            if glyphs and glyphs[0] and owner.get(glyphs[0]):
                return owner[glyphs[0]]
        return None

    return resolve


def write_pdf(report: Report, path: Union[str, Path], options: Optional[PrintOptions] = None) -> None:
    write_atomically(path, pdf_bytes(report, options))
