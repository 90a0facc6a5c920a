"""Reading published reports: a real 6-page PDF, a real web page, and a batch check of 100 PDFs.

Targets: import of huaian-2024.pdf ≤ 1 s median and ≤ 1.5× the bare extraction of its characters
with their boxes by pypdfium2 (the chosen library), measured in the same run; import of the saved
web page ≤ 100 ms median; a batch check of 100 PDFs on both cores, the time per file printed.
    python bench/bench_pdf_import.py
"""

import ctypes
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from disclosure_report.batch import check_files
from disclosure_report.reading.html import read_report as read_html
from disclosure_report.reading.pdf import read_report as read_pdf
from timing import median_ms

REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"
PDF = REAL / "huaian-2024.pdf"
HTML = REAL / "shuyangxian-fagaiju-2023.html"
ROUNDS = 31
FILES = 100


def bare_characters(path):
    """The floor: what the reader needs from PDFium for the text, got as cheaply as PDFium allows.

    Open the PDF, and page by page: load the page and its text page, take the text in one call
    and every character's box into one array (the box function declared with plain addresses and
    called holding the GIL, as the reader does), and hand the boxes to Python as floats. The
    reader does all of this, and also scans the page's objects for rules and groups the
    characters into tables and lines.
    """
    address = ctypes.cast(raw.FPDFText_GetLooseCharBox, ctypes.c_void_p).value
    get_box = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)(address)
    document = pdfium.PdfDocument(str(path))
    found = 0
    for page in document:
        textpage = page.get_textpage()
        count = raw.FPDFText_CountChars(textpage.raw)
        text = textpage.get_text_range(0, count)
        boxes = (ctypes.c_float * (4 * count))()
        handle, base = ctypes.cast(textpage.raw, ctypes.c_void_p).value, ctypes.addressof(boxes)
        has_box = [get_box(handle, i, base + 16 * i) for i in range(count)]
        floats = memoryview(boxes).cast("B").cast("f").tolist()
        found += len(text) + len(floats) + len(has_box)
        textpage.close()
        page.close()
    document.close()
    return found


def interleaved_ms(first, second, rounds):
    """Medians of two functions timed in turn, round by round: a busy machine slows both alike."""
    times = ([], [])
    for _ in range(rounds):
        for fn, out in zip((first, second), times):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return tuple(statistics.median(t) * 1000 for t in times)


def main():
    floor_ms, pdf_ms = interleaved_ms(lambda: bare_characters(PDF), lambda: read_pdf(PDF), ROUNDS)
    ratio = pdf_ms / floor_ms
    print(f"PDF import ({PDF.name}, 6 pages): {pdf_ms:6.1f} ms median  "
          f"(target ≤ 1000: {'met' if pdf_ms <= 1000 else 'NOT met'})")
    print(f"bare pypdfium2 characters+boxes:  {floor_ms:6.1f} ms median;  import / bare = {ratio:.2f}×  "
          f"(target ≤ 1.5×: {'met' if ratio <= 1.5 else 'NOT met'})")
    html_ms = median_ms(lambda: read_html(HTML), ROUNDS)
    print(f"web page import ({HTML.stat().st_size // 1024} KB): {html_ms:6.1f} ms median  "
          f"(target ≤ 100: {'met' if html_ms <= 100 else 'NOT met'})")
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(FILES):
            path = Path(folder) / f"unit{i:03d}.pdf"
            shutil.copyfile(PDF, path)
            paths.append(path)
        start = time.perf_counter()
        results = check_files(paths)
        elapsed = time.perf_counter() - start
        unread = [r for r in results if r.error]
        print(f"batch check of {FILES} PDFs on {os.cpu_count()} cores: {elapsed:5.1f} s, "
              f"{elapsed / FILES * 1000:6.1f} ms per file ({len(unread)} unreadable)")


if __name__ == "__main__":
    main()
