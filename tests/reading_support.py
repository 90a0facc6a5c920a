"""Expected values transcribed by reading real reports, and small PDFs made byte by byte."""

from decimal import Decimal
from pathlib import Path

from disclosure_report.format import load_format

REAL = Path(__file__).parent / "fixtures" / "real"


def expected_values(name: str):
    """(organ, year, {cell path: value}) from ``<name>.expected.txt``; every cell of the format."""
    fmt = load_format()
    organ, year, values = None, None, {}
    for line in (REAL / f"{name}.expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, *rest = line.split()
        if key == "organ":
            organ = rest[0]
        elif key == "year":
            year = int(rest[0])
        else:
            table, row = key.split(".", 1)
            columns = [c for c in fmt.cells.values() if c.path.startswith(key + ".") and c.row == row]
            assert len(columns) == len(rest), key
            for c, text in zip(columns, rest):
                values[c.path] = None if text == "-" else Decimal(text) if c.kind == "amount" else int(text)
    assert set(values) == set(fmt.cells)
    return organ, year, values


def pdf_bytes(page_contents, extra_objects=(), resources="/Font << /F1 4 0 R >>", encrypt=None) -> bytes:
    """A PDF of pages with the given content streams (Helvetica as /F1), written out by hand."""
    objects = {1: "<< /Type /Catalog /Pages 2 0 R >>",
               4: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    number = 5
    for content in page_contents:
        data = content.encode("latin-1")
        objects[number] = f"<< /Length {len(data)} >>\nstream\n{content}\nendstream"
        objects[number + 1] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                               f"/Resources << {resources} >> /Contents {number} 0 R >>")
        kids.append(f"{number + 1} 0 R")
        number += 2
    for body in extra_objects:
        objects[number] = body
        number += 1
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += f"{n} 0 obj\n{objects[n]}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {max(objects) + 1}\n0000000000 65535 f \n".encode()
    for n in range(1, max(objects) + 1):
        out += (f"{offsets[n]:010d} 00000 n \n" if n in offsets else "0000000000 65535 f \n").encode()
    out += f"trailer\n<< /Size {max(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
