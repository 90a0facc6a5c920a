"""Median time of all text rules per report (target: ≤ 20 ms each): every real report of
tests/fixtures/real, then the sample lengthened to 6,000 characters.

Each is printed against a one-regex-scan baseline over the same text. The long report is the
sample with its sections lengthened to 6,000 characters,
checked with last year's report at hand (so the year-on-year and repeat
rules run too). Baseline in the same run: one regex scan of the same text
for every figure (the least any figure rule must do). The rules keep what
they read of an unchanged text (checks/text/memo.py): each round here forgets
it first, so the figures are those of a first reading; the kept reading (a
check after a cell commit) is printed for the long report.
    python bench/bench_text.py
"""

import json
import re
from pathlib import Path

from disclosure_report.checks.text import check_text
from disclosure_report.checks.text.memo import forget_all
from disclosure_report.checks.text.numerals import NUMBER
from disclosure_report.jsonfile import read_report
from disclosure_report.resources import sample_path
from timing import median_ms

ROUNDS = 300
TARGET_MS = 20
CHARACTERS = 6000


def long_report():
    report = read_report(sample_path())
    paragraphs = [(section, line) for section in ("overview", "problems", "other")
                  for line in report.text[section].split("\n")]
    i = 0
    while sum(len(t) for t in report.text.values()) < CHARACTERS:
        section, line = paragraphs[i % len(paragraphs)]
        report.text[section] += "\n" + line
        i += 1
    previous = report.copy()
    previous.year -= 1
    previous.values["applications.new.total"] = 64
    return report, previous


REAL = Path(__file__).parent.parent / "tests" / "fixtures" / "real"


def real_reports():
    for entry in json.loads((REAL / "expected.json").read_text(encoding="utf-8"))["reports"]:
        if "planted" not in entry:
            yield entry["file"], read_report(REAL / entry["file"])


def main():
    scan = re.compile(NUMBER)
    worst = 0.0
    for name, real in real_reports():
        text = "\n".join(real.text.values())
        baseline = median_ms(lambda text=text: scan.findall(text), ROUNDS)
        rules = median_ms(lambda real=real: (forget_all(), check_text(real)), ROUNDS)
        worst = max(worst, rules)
        print(f"{name:<32} {len(text):>5} characters: all text rules {rules:.3f} ms, "
              f"one regex scan {baseline:.3f} ms ({rules / baseline:.0f}×)")
    print(f"real reports: slowest {worst:.3f} ms; target ≤ {TARGET_MS} ms each: "
          f"{'met' if worst <= TARGET_MS else 'NOT met'}")
    report, previous = long_report()
    text = "\n".join(report.text.values())
    baseline = median_ms(lambda: scan.findall(text), ROUNDS)
    rules = median_ms(lambda: (forget_all(), check_text(report, previous)), ROUNDS)
    kept = median_ms(lambda: check_text(report, previous), ROUNDS)
    findings = check_text(report, previous)
    print(f"text: {len(text)} characters, {len(findings)} findings")
    print(f"baseline (one regex scan for figures): {baseline:.3f} ms")
    print(f"all text rules, with last year:        {rules:.3f} ms  ({rules / baseline:.0f}× baseline)")
    print(f"the same, the text read before kept:   {kept:.3f} ms  ({kept / baseline:.1f}× baseline)")
    print(f"target ≤ {TARGET_MS} ms median: {'met' if rules <= TARGET_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
