"""Median time of a full table check of the sample (target: ≤ 2 ms).

Baseline in the same run: copying the report's values dict, the least any
check must do to look at every cell.
    python bench/bench_checks.py
"""

import statistics
import time

from disclosure_report.checks import run_checks
from disclosure_report.jsonfile import read_report
from disclosure_report.resources import sample_path

ROUNDS = 2000


def median_ms(fn):
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    report = read_report(sample_path())
    previous = report.copy()
    previous.year -= 1
    broken = report.copy()
    broken.values["applications.new.natural"] = 81
    broken.values["applications.granted.commercial"] = None
    baseline = median_ms(lambda: dict(report.values))
    clean = median_ms(lambda: run_checks(report, previous))
    failing = median_ms(lambda: run_checks(broken, previous))
    print(f"baseline (copy every value):      {baseline:.4f} ms")
    print(f"full check, clean sample:         {clean:.4f} ms  ({clean / baseline:.0f}× baseline)")
    print(f"full check, sample with findings: {failing:.4f} ms  ({failing / baseline:.0f}× baseline)")
    print(f"target ≤ 2 ms median: {'met' if max(clean, failing) <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
