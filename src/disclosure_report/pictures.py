"""A picture's kind and pixel size from its first bytes, before anything decodes it.

A PNG of a few KB may declare 60,000 × 60,000 pixels (a decompression bomb:
14 GB once decoded). The readers refuse a report with a picture beyond
``limits.MAX_PICTURE_PIXELS`` by what its header declares; the window and
printing decode only pictures whose header was read here and is within the
limit, and tell the decoder the kind read here (never a guess from content).
Only the kinds the editor and the DOCX files carry are read: PNG, JPEG, GIF
and BMP; any other picture is kept as it came and never decoded.
"""

from __future__ import annotations

import struct
from typing import Optional, Tuple

KINDS = ("PNG", "JPEG", "GIF", "BMP")

# JPEG start-of-frame markers (the frame's size); C4, C8 and CC are not frames
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_NO_LENGTH = {0x01, *range(0xD0, 0xD9)}  # TEM, RST0–7, SOI


def kind(blob: bytes) -> Optional[str]:
    """"PNG", "JPEG", "GIF" or "BMP" by the first bytes, or None."""
    if blob.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if blob.startswith(b"\xff\xd8"):
        return "JPEG"
    if blob[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if blob.startswith(b"BM"):
        return "BMP"
    return None


def size(blob: bytes) -> Optional[Tuple[int, int]]:
    """(width, height) in pixels as the header declares them, or None (another kind, or a damaged header)."""
    try:
        return {"PNG": _png, "JPEG": _jpeg, "GIF": _gif, "BMP": _bmp}[kind(blob) or ""](blob)
    except (KeyError, struct.error, IndexError):
        return None


def _png(blob: bytes) -> Optional[Tuple[int, int]]:
    if blob[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", blob[16:24])


def _jpeg(blob: bytes) -> Optional[Tuple[int, int]]:
    at = 2
    while at + 4 <= len(blob):
        if blob[at] != 0xFF:
            return None
        marker = blob[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in _NO_LENGTH:
            at += 2
            continue
        if marker == 0xDA or marker == 0xD9:  # the scan, or the end, before any frame
            return None
        length = struct.unpack(">H", blob[at + 2:at + 4])[0]
        if marker in _SOF:
            height, width = struct.unpack(">HH", blob[at + 5:at + 9])
            return (width, height) if width and height else None  # height 0: given after the scan
        if length < 2:
            return None
        at += 2 + length
    return None


def _gif(blob: bytes) -> Optional[Tuple[int, int]]:
    """The logical screen, or bigger if a frame reaches beyond it (decoders allocate for both)."""
    width, height, flags = struct.unpack("<HHB", blob[6:11])
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while at < len(blob):
        block = blob[at]
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then sub-blocks
            at = _skip_sub_blocks(blob, at + 2)
        elif block == 0x2C:  # image descriptor
            left, top, w, h, flags = struct.unpack("<HHHHB", blob[at + 1:at + 10])
            width, height = max(width, left + w), max(height, top + h)
            at += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            at = _skip_sub_blocks(blob, at + 1)  # after the LZW code size
        else:
            break
    return (width, height) if width and height else None


def _skip_sub_blocks(blob: bytes, at: int) -> int:
    while at < len(blob) and blob[at]:
        at += blob[at] + 1
    return at + 1


def _bmp(blob: bytes) -> Optional[Tuple[int, int]]:
    header = struct.unpack("<I", blob[14:18])[0]
    if header == 12:  # OS/2 BITMAPCOREHEADER
        return struct.unpack("<HH", blob[18:22])
    if header < 40:
        return None
    width, height = struct.unpack("<ii", blob[18:26])
    return abs(width), abs(height)
