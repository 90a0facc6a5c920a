"""Render packaging/icons/disclosure-report.svg to the PNG sizes the Linux
desktop uses and to the Windows .ico (PNG-compressed entries, Vista and
later). Run after changing the SVG; the outputs are committed.

    python packaging/make_icons.py
"""

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent / "icons"
PNG_SIZES = (48, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(images: dict) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main() -> int:
    QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "disclosure-report.svg"))
    for size in PNG_SIZES:
        (ICONS / f"disclosure-report-{size}.png").write_bytes(render(renderer, size))
    (ICONS / "disclosure-report.ico").write_bytes(ico({size: render(renderer, size) for size in ICO_SIZES}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
