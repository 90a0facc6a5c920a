"""Decoding a report's picture for the page or the screen: only a checked one, and no bigger than it is shown.

``limits.drawable`` reads the header first: a picture of unknown kind, with
an unreadable header or beyond ``limits.MAX_PICTURE_PIXELS`` is never handed
to Qt's decoders, and the decoder is the one for the kind the header says
(not guessed from the content). Decoded at most at the size it is shown,
a 40-megapixel photo printed 15 cm wide takes ~17 MB, not 160.
"""

from __future__ import annotations

from typing import Optional, Tuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageReader

from disclosure_report import limits, pictures


def checked_size(data: Optional[bytes]) -> Optional[Tuple[int, int]]:
    """(width, height) of a picture that may be decoded, or None."""
    if data is None or limits.drawable(data) is None:
        return None
    return pictures.size(data)


def decode(data: bytes, most: Optional[Tuple[int, int]] = None) -> QImage:
    """The picture (a null QImage when it may not be decoded or is damaged), shrunk to fit ``most`` pixels."""
    kind = limits.drawable(data)
    size = pictures.size(data)
    if kind is None or size is None:
        return QImage()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, kind.encode("ascii"))
    reader.setAutoDetectImageFormat(False)
    width, height = size
    if most is not None and (width > most[0] or height > most[1]):
        scale = min(most[0] / width, most[1] / height)
        reader.setScaledSize(QSize(max(1, round(width * scale)), max(1, round(height * scale))))
    image = reader.read()
    buffer.close()
    return image
