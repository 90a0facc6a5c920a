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
