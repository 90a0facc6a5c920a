"""The 14 hostile files of issue 13 and picture bombs: time and peak memory of each, through the command line.

Each file is built here (tests/hostile.py), then one CLI command runs in its
own process; printed: seconds, peak resident MB, exit code and the first
words of what the clerk is told. Target: every row ≤ 10 s, ≤ 300 MB when
the file is accepted, and a Chinese result or refusal.
    python bench/bench_hostile.py
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile  # noqa: E402
from disclosure_report.jsonfile import write_report  # noqa: E402
from timing import measure  # noqa: E402

BACKUP_WARNING = """
import sys
from pathlib import Path
from disclosure_report.jsonfile import read_report
from disclosure_report.resources import sample_path
from disclosure_report.storage import Library
path = Path(sys.argv[1]) / "library.sqlite3"
with Library(path) as library:
    library.create(read_report(sample_path()))
(path.parent / "backups").write_text("x")
with Library(path) as library:
    print(library.backup_warning)
"""


def formula_organ(folder: Path) -> Path:
    report = hostile.sample()
    report.organ, report.title = '=HYPERLINK("http://example.com","点我")', ""
    write_report(report, folder / "formula.json")
    return folder / "formula.json"


def cases(folder: Path):
    write_report(hostile.paragraphs_report(12_000), folder / "p12000.json")
    yield "1 12,000 paragraphs → PDF", ["export", str(folder / "p12000.json"), "-o", str(folder / "p.pdf")]
    yield "2 gridSpan 2,000,000,000", ["check", str(hostile.one_huge_grid_span(folder))]
    yield "3 every gridSpan 99,999,999", ["check", str(hostile.every_grid_span_huge(folder))]
    yield "4 gridSpan \"abc\"", ["check", str(hostile.grid_span_not_a_number(folder))]
    yield "5 deflate past its size", ["check", str(hostile.lying_deflate_entry(folder))]
    yield "6 formulas behind 300k cells", ["check", str(hostile.formulas_behind_a_long_row(folder))]
    yield "6 … behind 12,000 cells", ["check", str(hostile.formulas_behind_a_long_row(folder, 12_000))]
    yield "7 organ “=…” → fill-in xlsx", ["export", str(formula_organ(folder)), "-o", str(folder / "f.xlsx")]
    yield "8 NaN count", ["check", str(hostile.nan_count(folder))]
    yield "9 duplicate key", ["check", str(hostile.duplicate_key(folder))]
    yield "10 5,000-digit integer", ["check", str(hostile.long_integer(folder))]
    yield "10 100,000-deep nesting", ["check", str(hostile.deep_nesting(folder))]
    names = hostile.gbk_returns(folder)
    yield "11 GBK names, --breakdown", ["consolidate", *names, "--organ", "县", "--year", "2023",
                                        "-o", str(folder / "county.json"), "--breakdown", str(folder / "b.xlsx")]
    yield "12 60 MB JSON", ["check", str(hostile.huge_json(folder))]
    yield "13 1,000,000 paragraphs", ["check", str(hostile.many_paragraphs(folder))]
    yield "14 backup warning", ("python", [str(folder)])
    bomb = hostile.png(60_000, 60_000)
    yield "picture 60,000² PNG in DOCX", ["check", str(hostile.docx_with_picture(folder, bomb))]
    yield "picture 60,000² JPEG in JSON", ["check", str(hostile.json_with_picture(folder, hostile.jpeg(60_000, 60_000)))]
    yield "picture 6,000×4,000 → PDF", ["export", str(hostile.json_with_picture(folder, hostile.png(6000, 4000), "photo.json")),
                                        "-o", str(folder / "photo.pdf")]


def main():
    print(f"{'row':<32}{'s':>6}{'peak MB':>9}{'exit':>6}  told")
    with tempfile.TemporaryDirectory() as folder:
        for name, args in cases(Path(folder)):
            if args[0] == "python":
                command = [sys.executable, "-c", BACKUP_WARNING, *args[1]]
            else:
                command = [sys.executable, "-m", "disclosure_report", *args]
            seconds, peak, code, told = measure(command)
            print(f"{name:<32}{seconds:6.2f}{peak:9.0f}{code:6d}  {told[:80]}")


if __name__ == "__main__":
    main()
