"""Reading published reports: a real 6-page PDF, a real web page, and a batch check of 100 PDFs.

Targets: import of huaian-2024.pdf ≤ 1 s median and ≤ 1.5× the bare extraction of its characters
with their boxes by pypdfium2 (the chosen library), measured in the same run; import of the saved
web page ≤ 100 ms median; a batch check of 100 PDFs on both cores, the time per file printed.
    python bench/bench_pdf_import.py
"""

import os
import shutil
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
ROUNDS = 15
FILES = 100


def bare_characters(path):
    """The floor: open the PDF and take every character with its box, page by page."""
    document = pdfium.PdfDocument(str(path))
    rect = raw.FS_RECTF()
    for page in document:
        textpage = page.get_textpage()
        for i in range(raw.FPDFText_CountChars(textpage)):
            raw.FPDFText_GetUnicode(textpage, i)
            raw.FPDFText_GetLooseCharBox(textpage, i, rect)
        textpage.close()
        page.close()
    document.close()


def main():
    floor_ms = median_ms(lambda: bare_characters(PDF), ROUNDS)
    pdf_ms = median_ms(lambda: read_pdf(PDF), ROUNDS)
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
