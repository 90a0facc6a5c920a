"""Median time of a full check of the sample: all table rules (target: ≤ 2 ms),
and every rule including the text rules (what the window runs on each edit).

Baseline in the same run: copying the report's values dict, the least any
check must do to look at every cell.
    python bench/bench_checks.py
"""

from disclosure_report.checks import run_checks
from disclosure_report.checks.cross_year import check_cross_year
from disclosure_report.checks.tables import check_tables
from disclosure_report.jsonfile import read_report
from disclosure_report.resources import sample_path
from timing import median_ms

ROUNDS = 2000


def main():
    report = read_report(sample_path())
    previous = report.copy()
    previous.year -= 1
    broken = report.copy()
    broken.values["applications.new.natural"] = 81
    broken.values["applications.granted.commercial"] = None
    def table_rules(r):
        return check_tables(r) + check_cross_year(r, previous)

    baseline = median_ms(lambda: dict(report.values), ROUNDS)
    clean = median_ms(lambda: table_rules(report), ROUNDS)
    failing = median_ms(lambda: table_rules(broken), ROUNDS)
    everything = median_ms(lambda: run_checks(broken, previous), ROUNDS)
    print(f"baseline (copy every value):            {baseline:.4f} ms")
    print(f"table rules, clean sample:              {clean:.4f} ms  ({clean / baseline:.0f}× baseline)")
    print(f"table rules, sample with findings:      {failing:.4f} ms  ({failing / baseline:.0f}× baseline)")
    print(f"all rules incl. text, with findings:    {everything:.4f} ms  ({everything / baseline:.0f}× baseline)")
    print(f"target ≤ 2 ms median for the table rules: {'met' if max(clean, failing) <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
