"""Time to write the PDF of the full sample report (target: ≤ 1 s).

Baseline in the same run: an empty one-page PDF written the same way
(QPdfWriter into memory), the least any PDF export costs. The first PDF of a
process also loads the CJK fonts, so it is shown apart from the median of
the following ones.
    python bench/bench_pdf.py
"""

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from disclosure_report.jsonfile import read_report  # noqa: E402
from disclosure_report.printing.marking import PrintOptions  # noqa: E402
from disclosure_report.printing.pdf import ensure_application, pdf_bytes  # noqa: E402
from disclosure_report.resources import sample_path  # noqa: E402

ROUNDS = 10


def empty_pdf() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPainter, QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    painter = QPainter(writer)
    painter.end()
    return bytes(data.data())


def seconds(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main():
    ensure_application()
    report = read_report(sample_path())
    full = PrintOptions(signoff=True)
    baseline_first, _ = seconds(empty_pdf)
    baseline = statistics.median(seconds(empty_pdf)[0] for _ in range(ROUNDS))
    first, data = seconds(lambda: pdf_bytes(report, full))
    median = statistics.median(seconds(lambda: pdf_bytes(report, full))[0] for _ in range(ROUNDS))
    print(f"baseline (empty one-page PDF):       first {baseline_first * 1000:7.1f} ms, median {baseline * 1000:7.1f} ms")
    print(f"full sample + 审签单 ({len(data) // 1024} KB):     first {first * 1000:7.1f} ms, median {median * 1000:7.1f} ms"
          f"  ({median / baseline:.0f}× baseline)")
    print(f"target ≤ 1 s: {'met' if max(first, median) <= 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
