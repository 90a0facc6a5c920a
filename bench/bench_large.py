"""Large reports: import, check and export time and peak memory as the report grows.

Reports whose text is 1×, 10× and 100× the sample's (each part's paragraphs
repeated), and the sample's DOCX whose 表三 has 20 and 200 extra empty rows.
Each step runs in a fresh process (``python -m disclosure_report``), so the
peak resident memory is the step's own. Printed: seconds, peak MB, and the
growth of time against the growth of the input (target: linear, i.e. a
ratio near the size ratio, and ≤ 300 MB).
    python bench/bench_large.py
"""

import re
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile  # noqa: E402
from disclosure_report.jsonfile import write_report  # noqa: E402
from timing import measure  # noqa: E402


def run(*args):
    """(seconds, peak MB, exit code) of one CLI command in its own process."""
    seconds, peak, code, _ = measure([sys.executable, "-m", "disclosure_report", *args])
    return seconds, peak, code


def scaled(factor):
    report = hostile.sample()
    for text_id, text in report.text.items():
        report.text[text_id] = "\n".join([text] * factor)
    return report


def extra_rows(source: Path, target: Path, rows: int) -> None:
    """The DOCX with ``rows`` empty rows appended to its 表三 (the second-largest table)."""
    def change(xml: bytes) -> bytes:
        tables = [m.end() for m in re.finditer(rb"</w:tbl>", xml)]
        at = tables[1] - len(b"</w:tbl>")
        row = b"<w:tr>" + b"<w:tc><w:p/></w:tc>" * 10 + b"</w:tr>"
        return xml[:at] + row * rows + xml[at:]

    target.write_bytes(hostile.rewrite_entry(source.read_bytes(), "word/document.xml", change))


def main():
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        rows = []
        for factor in (1, 10, 100):
            source = folder / f"text{factor}.json"
            write_report(scaled(factor), source)
            docx = folder / f"text{factor}.docx"
            steps = {
                "export docx": run("export", str(source), "-o", str(docx)),
                "import docx": run("import", str(docx), "-o", str(folder / f"back{factor}.json")),
                "check json": run("check", str(source)),
                "export pdf": run("export", str(source), "-o", str(folder / f"text{factor}.pdf")),
            }
            rows.append((f"text ×{factor}", factor, steps))
        base = folder / "text1.docx"
        for extra in (0, 20, 200):
            docx = folder / f"rows{extra}.docx"
            extra_rows(base, docx, extra)
            with zipfile.ZipFile(docx) as archive:
                size = archive.getinfo("word/document.xml").file_size
            steps = {"import docx": run("import", str(docx), "-o", str(folder / f"rows{extra}.json")),
                     "check docx": run("check", str(docx))}
            rows.append((f"表三 +{extra} rows", size, steps))
    print(f"{'input':<16}{'step':<13}{'s':>7}{'peak MB':>9}{'exit':>6}")
    for name, _, steps in rows:
        for step, (seconds, peak, code) in steps.items():
            print(f"{name:<16}{step:<13}{seconds:7.2f}{peak:9.0f}{code:6d}")
    print("\ngrowth of time (×100 text against ×1; process start included) — linear would be ≤ 100×:")
    first, last = rows[0][2], rows[2][2]
    for step in first:
        print(f"  {step:<13}{last[step][0] / first[step][0]:6.1f}×  (peak {first[step][1]:.0f} → {last[step][1]:.0f} MB)")
    print("growth with 200 extra rows in 表三 against none:")
    for step in rows[3][2]:
        print(f"  {step:<13}{rows[5][2][step][0] / rows[3][2][step][0]:6.2f}×")


if __name__ == "__main__":
    main()
