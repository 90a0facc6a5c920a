"""``disclosure-report --self-test``: show that an installed copy works.

Opens the embedded sample, runs the checks, exports DOCX, XLSX and PDF to a
temporary folder through :mod:`disclosure_report.files` and reads each back
(the PDF as a published one is read, so the bundle's PDFium is exercised),
then prints the PDF once more as the window does, in a worker process (so a
frozen build proves that its own exe starts as that worker).
Needs neither a screen (Qt is forced offscreen) nor a network, so it runs
right after an install, on a build machine and inside the bundle. One
Chinese line per step; exit status 0 only when every step passed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import partial
from pathlib import Path
from typing import Callable, List

from disclosure_report import __version__
from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report

EXIT_PASSED, EXIT_FAILED = 0, 1
EXPORTS = (".docx", ".xlsx", ".pdf")
WORKER_STEP = "在后台进程中导出 PDF（窗口“导出 PDF”的方式）"
WORKER_TIMEOUT_S = 120
_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


class StepFailed(Exception):
    """A step did not do what it should; the message says what went wrong."""


def run_self_test(say: Callable[[str], None] = print) -> int:
    # Before anything imports Qt: the self-test never needs a screen (on Windows printing
    # switches to a platform that finds the fonts: printing/pdf.py).
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    say(f"disclosure-report {__version__} 自检")
    results: List[bool] = []

    def step(name: str, action: Callable[[], str]) -> None:
        try:
            detail = action()
        except (StepFailed, ReportFileError) as e:
            ok, detail = False, str(e)
        except Exception as e:  # a broken install shows as an exception of any kind
            from disclosure_report import errorlog

            errorlog.record(f"自检：{name}")
            ok, detail = False, f"{type(e).__name__}: {e}"
        else:
            ok = True
        results.append(ok)
        say(f"{'通过' if ok else '失败'}  {name}：{detail}")

    sample: List[Report] = []
    step("打开内置示例", lambda: _open_sample(sample))
    if sample:
        step("核对示例", lambda: _check(sample[0]))
        with tempfile.TemporaryDirectory(prefix="disclosure-report-selftest-") as folder:
            for suffix in EXPORTS:
                step(f"导出并读回 {suffix[1:].upper()}", partial(_export_and_read_back, sample[0], Path(folder), suffix))
            step(WORKER_STEP, partial(_export_pdf_in_worker, sample[0], Path(folder)))
    passed = all(results)
    if passed:
        say(f"自检通过：{len(results)} 项全部通过")
    else:
        say(f"自检未通过：{len(results)} 项中 {results.count(False)} 项失败")
    return EXIT_PASSED if passed else EXIT_FAILED


def _open_sample(found: List[Report]) -> str:
    from disclosure_report.files import read_report
    from disclosure_report.resources import sample_path

    report = read_report(sample_path())
    found.append(report)
    return report.display_title()


def _check(report: Report) -> str:
    from disclosure_report.checks import ERROR, run_checks

    findings = run_checks(report)
    errors = [f for f in findings if f.severity == ERROR]
    if errors:
        raise StepFailed(f"示例报告本应无错误，却查出 {len(errors)} 个错误，如：{errors[0].message}")
    return f"无错误，{len(findings)} 个提醒"


def _export_and_read_back(report: Report, folder: Path, suffix: str) -> str:
    from disclosure_report.files import READERS, WRITERS, read_report, write_report

    if suffix not in WRITERS:
        raise StepFailed(f"未包含 {suffix} 导出")
    path = folder / f"示例{suffix}"
    write_report(report, path)
    if not path.is_file() or path.stat().st_size == 0:
        raise StepFailed(f"导出后没有得到文件 {path.name}")
    size = f"{path.stat().st_size // 1024 + 1} KB"
    if suffix not in READERS:
        raise StepFailed(f"未包含 {suffix} 读取，无法读回导出的文件")
    if suffix == ".pdf":  # read back as a published PDF is read (pypdfium2 in the bundle): the tables only
        printed = _check_pdf(path, report.display_title())
        _compare_values(report, read_report(path))
        return f"{printed}，{len(report.values)} 个单元格读回一致，{size}"
    _compare(report, read_report(path))
    return f"{len(report.values)} 个单元格读回一致，{size}"


def _compare(expected: Report, actual: Report) -> None:
    if (actual.organ, actual.year) != (expected.organ, expected.year):
        raise StepFailed(f"读回的机关和年度是“{actual.organ} {actual.year}”，应为“{expected.organ} {expected.year}”")
    _compare_values(expected, actual)


def _compare_values(expected: Report, actual: Report) -> None:
    cells = expected.format.cells
    differ = [path for path, value in expected.values.items() if actual.values.get(path) != value]
    if differ:
        path = differ[0]
        raise StepFailed(f"读回后 {len(differ)} 个单元格与示例不同，如{cells[path].description}："
                         f"应为 {expected.values[path]}，读回 {actual.values.get(path)}")


def _export_pdf_in_worker(report: Report, folder: Path) -> str:
    """导出 PDF as the window does it: in a worker process started by the program itself (frozen: its own exe)."""
    import time

    from disclosure_report.printing import pdf_process

    target = folder / "示例（后台进程）.pdf"
    deadline = time.monotonic() + WORKER_TIMEOUT_S

    def in_time() -> None:
        if time.monotonic() > deadline:
            raise StepFailed(f"后台进程 {WORKER_TIMEOUT_S} 秒内未写出 PDF（已结束该进程）")

    worker = pdf_process.start(report, target)
    pdf_process.finish(worker.wait(in_time), target)
    return f"{_check_pdf(target, report.display_title())}，由程序另起的进程写出"


def _check_pdf(path: Path, title: str) -> str:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise StepFailed(f"{path.name} 不是 PDF 文件")
    pages = len(_PDF_PAGE.findall(data))
    if pages == 0:
        raise StepFailed(f"{path.name} 中没有页面")
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        return f"{pages} 页（本机没有 pdftotext，未核对文字）"
    text = subprocess.run([pdftotext, "-l", "1", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, timeout=60).stdout.decode("utf-8", "replace")
    if "".join(title.split()) not in "".join(text.split()):
        raise StepFailed(f"{path.name} 第 1 页中找不到标题“{title}”")
    return f"{pages} 页，标题可读出"
