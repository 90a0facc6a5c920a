"""Edits one report and saves after every edit, as the window's autosave does,
printing each save once it has returned. tests/test_storage_crash.py kills it
with SIGKILL at random moments.

Usage: python crash_worker.py LIBRARY [PAUSE_SECONDS]
(a pause between edits, like a clerk typing; none: save as fast as possible)
"""

import sys
import time

from disclosure_report.model import Report, apply_values
from disclosure_report.storage import Library

ORGAN, YEAR = "崩溃测试镇人民政府", 2024


def edit(report: Report, n: int) -> None:
    """Edit number n: two cells and a text, so a half-written save would show."""
    apply_values(report, {"applications.new.natural": n, "applications.new.legal": n % 7})
    report.text["other"] = f"第{n}次修改" + "。" * (n % 300)


def main(path: str, pause: float = 0.0) -> None:
    library = Library(path)
    entry = library.find(ORGAN, YEAR)
    report_id = entry.id if entry else library.create(Report(organ=ORGAN, year=YEAR))
    report = library.load(report_id)
    n = report.values["applications.new.natural"] or 0
    print(f"ready {n}", flush=True)
    while True:
        n += 1
        edit(report, n)
        library.save(report_id, report)
        print(f"saved {n}", flush=True)
        if n % 20 == 0:
            library.snapshot(report_id, f"快照 {n}")
        time.sleep(pause)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
