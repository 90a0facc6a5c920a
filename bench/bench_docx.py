"""DOCX speed: export and import of the sample, and a batch check of 200 report files.

Targets: export ≤ 100 ms median; import ≤ 60 ms median; batch check per file
≤ 1.5× the floor, where the floor is python-docx merely opening the same file
and reading every table cell (one process), measured in the same run.
    python bench/bench_docx.py
"""

import os
import tempfile
import time
from pathlib import Path

import docx

from disclosure_report.batch import check_files
from disclosure_report.jsonfile import read_report as read_json
from disclosure_report.resources import sample_path
from disclosure_report.word.export import docx_bytes
from disclosure_report.word.reader import read_report
from timing import median_ms

ROUNDS = 30
FILES = 200


def floor(path):
    document = docx.Document(str(path))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def make_files(sample, folder):
    """100 units × 2 years, so that the check pairs each 2023 report with its 2022 one."""
    paths = []
    for i in range(FILES):
        report = sample.copy()
        report.organ = f"第{i // 2:03d}号乡镇人民政府"
        report.year = 2022 + i % 2
        report.title = ""
        report.values["applications.new.natural"] = 80 + i % 5
        path = Path(folder) / f"unit{i:03d}.docx"
        path.write_bytes(docx_bytes(report))
        paths.append(path)
    return paths


def main():
    sample = read_json(sample_path())
    with tempfile.TemporaryDirectory() as folder:
        exported = Path(folder) / "sample.docx"
        exported.write_bytes(docx_bytes(sample))
        export_ms = median_ms(lambda: docx_bytes(sample), ROUNDS)
        import_ms = median_ms(lambda: read_report(exported), ROUNDS)
        print(f"export of the sample:  {export_ms:6.1f} ms median  (target ≤ 100: {'met' if export_ms <= 100 else 'NOT met'})")
        print(f"import of the sample:  {import_ms:6.1f} ms median  (target ≤ 60: {'met' if import_ms <= 60 else 'NOT met'})")

        paths = make_files(sample, folder)
        start = time.perf_counter()
        for path in paths:
            floor(path)
        floor_ms = (time.perf_counter() - start) * 1000 / FILES
        start = time.perf_counter()
        results = check_files(paths)
        batch_ms = (time.perf_counter() - start) * 1000 / FILES
        assert all(r.error is None for r in results)
        paired = sum(1 for r in results if r.previous)
        ratio = batch_ms / floor_ms
        print(f"floor (python-docx opens each file, reads every table cell, one process): {floor_ms:6.1f} ms per file")
        print(f"batch check of {FILES} files ({paired} paired with last year, {os.cpu_count()} cores): "
              f"{batch_ms:6.1f} ms per file")
        print(f"ratio: {ratio:.2f}× the floor  (target ≤ 1.5×: {'met' if ratio <= 1.5 else 'NOT met'})")
        print(f"(one process, no checks: import of the sample is {import_ms / floor_ms:.2f}× the floor)")


if __name__ == "__main__":
    main()
