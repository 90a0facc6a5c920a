"""Consolidating 300 unit workbooks (target: ≤ 15 s on a 2-core machine).

Generates 300 filled-in workbooks (as the program exports them: totals are
formulas without computed values), then times our import in one process
(for the ratio), then the real thing: reading them on all cores, summing
them, and writing the county's report and the breakdown workbook.
Baseline in the same run: openpyxl merely loading the same files and
reading the three table sheets' cells, in one process.
    python bench/bench_consolidate.py [units]
"""

import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from disclosure_report.consolidate import consolidate, read_units
from disclosure_report.excel import layout
from disclosure_report.excel.breakdown import write_breakdown
from disclosure_report.excel.workbook import write_workbook
from disclosure_report.format import load_format
from disclosure_report.jsonfile import write_report
from disclosure_report.model import apply_values, blank_report

UNITS = int(sys.argv[1]) if len(sys.argv) > 1 else 300
TARGET_S = 15.0


def unit_report(n: int, rng: random.Random):
    """A balanced unit: new applications spread over the results, some fees."""
    fmt = load_format()
    report = blank_report(f"第{n:03d}号单位", 2023)
    values = {path: 0 for path, cell in fmt.cells.items() if not cell.computed}
    for column in ("natural", "commercial", "legal"):
        new = rng.randint(0, 40)
        granted = rng.randint(0, new)
        values[f"applications.new.{column}"] = new
        values[f"applications.granted.{column}"] = granted
        values[f"applications.unable.not_held.{column}"] = new - granted
    values["active.licensing.decisions"] = rng.randint(0, 5000)
    values["active.fees.amount"] = Decimal(rng.randint(0, 10 ** 8)).scaleb(-4)
    apply_values(report, values)
    return report


def baseline(paths):
    from openpyxl import load_workbook

    fmt = load_format()
    for path in paths:
        wb = load_workbook(path, read_only=True, data_only=True)
        for table in fmt.tables.values():
            for _ in wb[table.name].iter_rows(max_row=layout.last_row(table), max_col=table.grid_columns,
                                              values_only=True):
                pass
        wb.close()


def main():
    rng = random.Random(2023)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        reports = [unit_report(n, rng) for n in range(1, UNITS + 1)]
        paths = []
        for report in reports:
            path = folder / f"{report.organ}.xlsx"
            write_workbook(report, path)
            paths.append(path)
        expected = sum(r.values["applications.new.total"] for r in reports)

        start = time.perf_counter()
        baseline(paths)
        base = time.perf_counter() - start

        start = time.perf_counter()
        read_units(paths, workers=1)
        one_core = time.perf_counter() - start

        start = time.perf_counter()
        units = read_units(paths, lambda done, total, source: None)
        read = time.perf_counter() - start
        result = consolidate(units, organ="某县人民政府")
        summed = time.perf_counter() - start
        write_report(result.report, folder / "县.json")
        write_breakdown(result, folder / "明细.xlsx")
        total = time.perf_counter() - start

        assert not [u.error for u in units if u.error], [u.error for u in units if u.error][:3]
        assert result.report.values["applications.new.total"] == expected
        print(f"{UNITS} unit workbooks, {sum(p.stat().st_size for p in paths) // 1024} KB")
        print(f"baseline (openpyxl loads them, one process): {base:.2f} s")
        print(f"our import, one process:                     {one_core:.2f} s  ({one_core / base:.2f}× baseline)")
        print(f"our import on all cores:                     {read:.2f} s  ({read / base:.2f}× baseline)")
        print(f"  + consolidate:                             {summed:.2f} s")
        print(f"  + write report and breakdown workbook:     {total:.2f} s  ({total / base:.2f}× baseline)")
        print(f"target ≤ {TARGET_S:.0f} s: {'met' if total <= TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
