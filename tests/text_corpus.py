"""Precision and recall of the text rules on the real reports of tests/fixtures/real.

The expected findings (expected.json) were decided by reading each report;
``python tests/text_corpus.py`` prints the figures, tests/test_text_corpus.py
holds them to ≥ 95 % precision and full recall.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, NamedTuple

REAL = Path(__file__).parent / "fixtures" / "real"


class Scored(NamedTuple):
    name: str
    found: List[str]  # every text finding: "rule: message"
    right: int  # findings that are expected
    expected: int
    missed: List[str]


def corpus_reports():
    from disclosure_report.files import read_report

    for entry in json.loads((REAL / "expected.json").read_text(encoding="utf-8"))["reports"]:
        report = read_report(REAL / entry["file"])
        report.values.update(entry.get("planted", {}))
        name = entry["file"] + (" (planted: " + ", ".join(entry["planted"]) + ")" if "planted" in entry else "")
        yield name, report, entry["expected"]


def score() -> List[Scored]:
    from disclosure_report.checks import run_checks

    results = []
    for name, report, expected in corpus_reports():
        found = [f for f in run_checks(report) if f.rule.startswith("text.")]
        hit = [any(f.rule == e["rule"] and e["says"] in f.message for e in expected) for f in found]
        missed = [e["says"] for e in expected
                  if not any(f.rule == e["rule"] and e["says"] in f.message for f in found)]
        results.append(Scored(name, [f"{f.rule}: {f.message}" for f in found], sum(hit), len(expected), missed))
    return results


def totals(results: List[Scored]):
    found = sum(len(r.found) for r in results)
    right = sum(r.right for r in results)
    expected = sum(r.expected for r in results)
    missed = sum(len(r.missed) for r in results)
    precision = right / found if found else 1.0
    recall = (expected - missed) / expected if expected else 1.0
    return found, right, expected, precision, recall


def main() -> None:
    results = score()
    for r in results:
        print(f"{r.name}: {len(r.found)} text findings, {r.right} right; {r.expected} expected, {len(r.missed)} missed")
        for line in r.found:
            print(f"    {line[:110]}")
        for says in r.missed:
            print(f"    MISSED: {says}")
    found, right, expected, precision, recall = totals(results)
    print(f"precision {right}/{found} = {precision:.0%}; recall {expected - sum(len(r.missed) for r in results)}"
          f"/{expected} = {recall:.0%}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent.parent / "src"))
    main()
