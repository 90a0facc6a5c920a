"""How findings and cell kinds look: colours and small drawn icons.

A failing cell gets a colour AND an icon (not colour alone, for clerks who
do not tell red from green); the icons are drawn here so they look the
same under every Qt style.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

from disclosure_report.checks.findings import ERROR

HEADER_BACKGROUND = QColor("#e4e9f0")
LABEL_BACKGROUND = QColor("#f4f6f9")
COMPUTED_BACKGROUND = QColor("#e6f0fa")
COMPUTED_TEXT = QColor("#1d4f8f")
ERROR_BACKGROUND = QColor("#f8d3d1")
WARNING_BACKGROUND = QColor("#fff0bf")
TEXT = QColor("#1a1a1a")


_ERROR_BRUSH, _WARNING_BRUSH = QBrush(ERROR_BACKGROUND), QBrush(WARNING_BACKGROUND)


def background(severity: str) -> QBrush:
    return _ERROR_BRUSH if severity == ERROR else _WARNING_BRUSH


@cache
def severity_icon(severity: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32):
        icon.addPixmap(_draw(severity, size))
    return icon


def _draw(severity: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(Qt.NoPen)
    m = size * 0.06
    if severity == ERROR:  # a red disc with a white cross
        painter.setBrush(QColor("#c62828"))
        painter.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
        pen = QPen(Qt.white, size * 0.14, Qt.SolidLine, Qt.RoundCap)
        painter.setPen(pen)
        a, b = size * 0.32, size * 0.68
        painter.drawLine(QPointF(a, a), QPointF(b, b))
        painter.drawLine(QPointF(a, b), QPointF(b, a))
    else:  # an amber triangle with a dark "!"
        painter.setBrush(QColor("#f2a900"))
        painter.drawPolygon(QPolygonF([QPointF(size / 2, m), QPointF(size - m, size - m), QPointF(m, size - m)]))
        painter.setPen(QColor("#3a2a00"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.62))
        painter.setFont(font)
        painter.drawText(QRectF(0, size * 0.2, size, size * 0.8), Qt.AlignCenter, "!")
    painter.end()
    return pixmap
