"""Hostile and huge files of issue 13, built on the spot (small on disk, quick to make).

Shared by tests/test_hostile.py and bench/bench_hostile.py. Each builder
writes one file into ``folder`` and returns its path.
"""

from __future__ import annotations

import json
import os
import random
import re
import struct
import zipfile
import zlib
from pathlib import Path

from disclosure_report.jsonfile import dumps, read_report
from disclosure_report.resources import sample_path


def sample():
    return read_report(sample_path())


def sample_docx_bytes() -> bytes:
    from disclosure_report.word.export import docx_bytes

    return docx_bytes(sample())


def rewrite_entry(data: bytes, name: str, change) -> bytes:
    """The same zip with entry ``name`` replaced by ``change(old bytes)``."""
    import io

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == name else content)
    return out.getvalue()


def docx_with(folder: Path, name: str, change) -> Path:
    """The sample as .docx with word/document.xml passed through ``change``."""
    path = Path(folder) / name
    path.write_bytes(rewrite_entry(sample_docx_bytes(), "word/document.xml", change))
    return path


def _first_grid_span(xml: bytes, value: bytes) -> bytes:
    return re.sub(rb'<w:gridSpan w:val="\d+"/>', b'<w:gridSpan w:val="' + value + b'"/>', xml, count=1)


def one_huge_grid_span(folder) -> Path:  # row 2
    return docx_with(folder, "span.docx", lambda xml: _first_grid_span(xml, b"2000000000"))


def every_grid_span_huge(folder) -> Path:  # row 3
    def change(xml):
        xml = re.sub(rb'<w:gridSpan w:val="\d+"/>', b'<w:gridSpan w:val="99999999"/>', xml)
        return xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="99999999"/>')

    return docx_with(folder, "spans.docx", change)


def grid_span_not_a_number(folder) -> Path:  # row 4
    return docx_with(folder, "abc.docx", lambda xml: _first_grid_span(xml, b"abc"))


def many_paragraphs(folder, count: int = 1_000_000) -> Path:  # row 13
    """Empty paragraphs, with an incompressible comment so the zip's ratio looks ordinary."""
    import base64
    import os

    filler = b"<!--" + base64.b64encode(os.urandom(count // 8)) + b"-->"
    return docx_with(folder, "paragraphs.docx",
                     lambda xml: xml.replace(b"</w:body>", filler + b"<w:p/>" * count + b"</w:body>", 1))


def paragraphs_report(count: int):
    """The sample whose 一 has ``count`` short paragraphs (row 1)."""
    report = sample()
    report.text["overview"] = "\n".join(f"第{n}段。" for n in range(count))
    return report


def lying_deflate_entry(folder, declared: int = 175 * 1024, real: int = 1536 * 1024 * 1024) -> Path:
    """Row 5: a media entry declaring ``declared`` bytes whose deflate stream inflates to ``real``.

    The stream is one chunk of zeros compressed after a full flush, repeated:
    identical bytes each time, so nothing near ``real`` is ever compressed here.
    """
    chunk = 16 * 1024 * 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(b"\0" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(b"\0" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = first + again * (real // chunk - 1) + compressor.flush()
    path = Path(folder) / "lying.docx"
    name = "word/media/image9.png"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        source = zipfile.ZipFile(__import__("io").BytesIO(sample_docx_bytes()))
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info.filename))
        archive.writestr(zipfile.ZipInfo(name), stream, compress_type=zipfile.ZIP_STORED)
    _patch_entry(path, name, method=8, crc=zlib.crc32(b"\0" * declared), size=declared)
    return path


def _patch_entry(path: Path, name: str, method: int, crc: int, size: int) -> None:
    """Rewrite an entry's method, CRC and uncompressed size in both its headers."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    local = 0
    while True:
        local = data.find(b"PK\x03\x04", local)
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30:local + 30 + name_length] == encoded:
            break
        local += 4
    struct.pack_into("<H", data, local + 8, method)
    struct.pack_into("<I", data, local + 14, crc)
    struct.pack_into("<I", data, local + 22, size)
    central = 0
    while True:
        central = data.find(b"PK\x01\x02", central)
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == encoded:
            break
        central += 4
    struct.pack_into("<H", data, central + 10, method)
    struct.pack_into("<I", data, central + 16, crc)
    struct.pack_into("<I", data, central + 24, size)
    path.write_bytes(bytes(data))


def json_text(**changes) -> dict:
    data = json.loads(dumps(sample()))
    data.update(changes)
    return data


def write_json(folder, name: str, text: str) -> Path:
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path


def nan_count(folder) -> Path:  # row 8
    text = dumps(sample()).replace('"natural": 80', '"natural": NaN', 1)
    assert "NaN" in text
    return write_json(folder, "nan.json", text)


def duplicate_key(folder) -> Path:  # row 9
    text = dumps(sample()).replace('"natural": 80,', '"natural": 80,\n"natural": 5,', 1)
    assert '"natural": 5' in text
    return write_json(folder, "duplicate.json", text)


def long_integer(folder) -> Path:  # row 10
    text = dumps(sample()).replace('"natural": 80', '"natural": ' + "9" * 5000, 1)
    return write_json(folder, "digits.json", text)


def deep_nesting(folder, depth: int = 100_000) -> Path:  # row 10
    return write_json(folder, "deep.json", '{"organ": ' + "[" * depth + "]" * depth + "}")


def huge_json(folder, megabytes: int = 60) -> Path:  # row 12
    data = json.loads(dumps(sample()))
    data["text"]["overview"] = "很长的文字。" * (megabytes * 1024 * 1024 // 18)
    return write_json(folder, "huge.json", json.dumps(data, ensure_ascii=False))


def formulas_behind_a_long_row(folder, cells: int = 300_000) -> Path:  # row 6
    """The sample's fill-in workbook whose 表三 values are someone else's formulas (with the values
    Excel saved), behind a title row of ``cells`` cells."""
    from disclosure_report.excel import layout
    from disclosure_report.excel.workbook import workbook_bytes

    report = sample()
    report.manual_totals = True
    coordinates = set(layout.value_coordinates(report.format.tables["applications"]).values())

    def change(xml: bytes) -> bytes:
        def formula(match):
            if match.group(1).decode() not in coordinates:
                return match.group(0)
            return b'<c r="%s"%s><f>%s+0</f><v>%s</v></c>' % (match.group(1), match.group(2), match.group(3),
                                                               match.group(3))

        xml = re.sub(rb'<c r="([A-Z]+\d+)"([^>]*)><v>([^<]*)</v></c>', formula, xml)
        noise = b"".join(b"<c><v>%d</v></c>" % n for n in random.Random(13).choices(range(10 ** 6), k=cells))
        return xml.replace(b"</c></row>", b"</c>" + noise + b"</row>", 1)

    path = Path(folder) / "formulas.xlsx"
    path.write_bytes(rewrite_entry(workbook_bytes(report), "xl/worksheets/sheet3.xml", change))
    return path


def gbk_returns(folder: Path) -> list:
    """Two sub-units' returns whose file names are GBK bytes (row 11), as a Linux share mounted without UTF-8 gives them."""
    raw_folder = os.fsencode(folder)
    names = []
    for organ in ("乡镇甲", "乡镇乙"):
        report = sample()
        report.organ = organ
        raw = os.path.join(raw_folder, f"{organ}.json".encode("gbk"))
        with open(raw, "w", encoding="utf-8") as f:
            f.write(dumps(report))
        names.append(os.fsdecode(raw))
    return names


# -- pictures whose headers declare huge sizes (decompression bombs) --------------------


def png(width: int, height: int) -> bytes:
    """A PNG declaring width×height: a real picture when small; when huge, a few KB of its first rows."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = 1 + 3 * width
    whole = row * height <= 96 << 20
    pixels = zlib.compress(b"\0" * (row * height if whole else max(row, 1 << 20)), 6)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


# an 8×8 grey JPEG as Qt writes it (quality 10): tables, frame, scan
_SMALL_JPEG = (
    "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAFA3PEY8MlBGQUZaVVBfeMiCeG5uePWvuZHI////////////////////////////////////////"
    "////////////wAALCAAIAAgBAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQR"
    "BRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4"
    "eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEB"
    "AAA/ACv/2Q==")


def jpeg(width: int, height: int) -> bytes:
    """A real small JPEG whose start of frame declares width×height (its scan is 8×8's: a few hundred bytes)."""
    import base64

    data = bytearray(base64.b64decode(_SMALL_JPEG))
    frame = data.index(b"\xff\xc0")
    data[frame + 5:frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif(width: int, height: int, screen=None) -> bytes:
    """A GIF of one frame width×height on a logical screen of ``screen`` (width, height by default)."""
    sw, sh = screen or (width, height)
    return (b"GIF89a" + struct.pack("<HHBBB", sw, sh, 0, 0, 0) + b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0)
            + b"\x02\x02\x44\x01\x00" + b";")


def bmp(width: int, height: int) -> bytes:
    """A BMP's headers declaring width×height (bottom-up, 24 bits), no pixels."""
    return b"BM" + struct.pack("<IHHI", 54, 0, 0, 54) + struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0,
                                                                       2835, 2835, 0, 0)


PICTURE_BOMBS = {"png": lambda: png(60_000, 60_000), "jpeg": lambda: jpeg(60_000, 60_000),
                 "gif": lambda: gif(60_000, 60_000, screen=(10, 10)), "bmp": lambda: bmp(60_000, -60_000)}


def report_with_picture(blob: bytes, name: str = "照片.png"):
    """The sample with one picture in 一."""
    report = sample()
    report.images[name] = blob
    report.text["overview"] += "\n[图片:" + name + "]"
    return report


def docx_with_picture(folder, blob: bytes, name: str = "picture.docx") -> Path:
    """The sample as .docx with one picture in 一 whose bytes are ``blob`` (written in place of a small PNG)."""
    from disclosure_report.word.export import docx_bytes

    data = docx_bytes(report_with_picture(png(40, 30)))
    media = [n for n in zipfile.ZipFile(__import__("io").BytesIO(data)).namelist() if n.startswith("word/media/")]
    assert len(media) == 1, media
    path = Path(folder) / name
    path.write_bytes(rewrite_entry(data, media[0], lambda _: blob))
    return path


def json_with_picture(folder, blob: bytes, name: str = "picture.json") -> Path:
    return write_json(folder, name, dumps(report_with_picture(blob)))
