"""Autosave and library opening (the window saves ≤ 1 s after the last edit; target: a save ≤ 50 ms median).

Baseline in the same run: writing the same report as a JSON file atomically
(temp file, fsync, rename) — what the cheapest durable "save to a file" costs.
    python bench/bench_storage.py
"""

import os
import statistics
import tempfile
import time
from pathlib import Path

from disclosure_report.jsonfile import read_report, write_report
from disclosure_report.model import apply_values
from disclosure_report.resources import sample_path
from disclosure_report.storage import Library

ROUNDS = 200
PICTURE = os.urandom(2 * 1024 * 1024)  # a 2 MB photo in 一、总体情况


def median_ms(fn, rounds=ROUNDS):
    times = []
    for n in range(rounds):
        start = time.perf_counter()
        fn(n)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        run(Path(tmp))


def run(folder):
    report = read_report(sample_path())

    def edit(n):
        apply_values(report, {"applications.new.natural": n})

    baseline = median_ms(lambda n: (edit(n), write_report(report, folder / "report.json")))
    library = Library(folder / "library.sqlite3")
    report_id = library.create(report)
    plain = median_ms(lambda n: (edit(n), library.save(report_id, report)))
    report.images["photo.png"] = PICTURE
    report.text["overview"] += "\n[图片:photo.png]"
    with_picture = median_ms(lambda n: (edit(n), library.save(report_id, report)))
    load = median_ms(lambda n: library.load(report_id))
    library.close()
    opening = median_ms(lambda n: Library(folder / "library.sqlite3").close(), rounds=50)
    size = (folder / "library.sqlite3").stat().st_size / 1024

    print(f"baseline (atomic JSON file write): {baseline:7.2f} ms  (the sample, no photo)")
    print(f"save the sample:                    {plain:7.2f} ms  ({plain / baseline:.1f}× baseline)")
    print(f"save the sample with a 2 MB photo:  {with_picture:7.2f} ms  ({with_picture / baseline:.1f}× baseline)")
    print(f"load the sample with the photo:     {load:7.2f} ms")
    print(f"open the library (quick_check):     {opening:7.2f} ms")
    print(f"library file: {size:.0f} KiB")
    print(f"target save ≤ 50 ms median: {'met' if max(plain, with_picture) <= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
