"""导出 PDF, the print preview's PDF and 打印 from the window: done by a worker process (printing.worker).

A thread of this process hands the report to the worker and waits for it;
the window's event loop runs on meanwhile (background.run), and Qt's layout
of a long report, in the worker, never holds it up. The progress dialog
counts the pages painted once the layout is done. 取消 kills the worker: no
file appears, not even part of one; a print job the printer's queue may
already hold is named in the status bar. A file is put in place here, on the
GUI thread, only once the clerk can no longer cancel.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Optional

from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report
from disclosure_report.printing.marking import PrintOptions
from disclosure_report.ui import background

STOP_WAIT_S = 0.5  # after 取消, how long the window waits to learn how far the killed worker got


class Cancelled(background.Cancelled):
    """The clerk pressed 取消: ``worker`` (None: not started yet), ``stopped`` once it is killed and read."""

    def __init__(self, worker=None, stopped: bool = False):
        super().__init__()
        self.worker, self.stopped = worker, stopped


def run_worker(window, label: str, start: Callable) -> str:
    """The temporary file the worker of ``start()`` wrote ("" if its job writes none).

    Raises Cancelled (取消) or ReportFileError (one Chinese sentence)."""
    lock = threading.Lock()
    state: dict = {"cancelled": False, "written": "", "worker": None}  # whoever comes second removes the file
    stopped = threading.Event()

    def work(progress) -> None:
        try:
            worker = state["worker"] = start()
            written = worker.wait(lambda: progress(*worker.progress, _pages(*worker.progress)))
            with lock:
                if state["cancelled"]:
                    worker._remove(written)
                else:
                    state["written"] = written
        finally:
            stopped.set()

    try:
        background.run(window, label, work, with_progress=True)
    except background.Cancelled:
        with lock:
            state["cancelled"] = True
            if state["written"]:
                state["worker"]._remove(state["written"])
        worker = state["worker"]
        raise Cancelled(worker, worker is not None and stopped.wait(STOP_WAIT_S)) from None
    return state["written"]


def _pages(done: int, total: int) -> str:
    return f"已完成 {done} 页，共 {total} 页" if total else ""


def write_pdf(window, path: Path, report: Report, options: Optional[PrintOptions] = None,
              label: str = "") -> None:
    """The report's PDF at path; raises background.Cancelled (取消) or ReportFileError (one Chinese sentence).

    ``label`` is what the progress dialog says (default: 正在导出 <file name>……).
    """
    from disclosure_report.printing import pdf_process

    written = run_worker(window, label or f"正在导出 {path.name}……",
                         lambda: pdf_process.start(report, path, options))
    pdf_process.finish(written, path)


def pdf_data(window, report: Report, options: Optional[PrintOptions], label: str) -> bytes:
    """The report's PDF as bytes (for the print preview), written by the worker into a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="disclosure-report-") as folder:
        path = Path(folder) / "preview.pdf"
        write_pdf(window, path, report, options, label)
        return path.read_bytes()


def print_on_paper(window, report: Report, options: PrintOptions, settings) -> bool:
    """Print the report with the print dialog's settings (paper.PrinterSettings); tell the clerk how it went."""
    from PySide6.QtWidgets import QMessageBox

    from disclosure_report.printing import paper, worker

    status = window.statusBar()
    try:
        written = run_worker(window, f"正在打印到 {settings.where}……", lambda: paper.start(report, options, settings))
        if written:
            worker.finish(written, settings.target)
    except background.Cancelled as e:
        stopped = getattr(e, "worker", None)
        if stopped is None:  # not started: nothing painted
            queued = False
        elif not getattr(e, "stopped", False):  # still being killed: how far it got is not known
            queued = not settings.output_file
        else:
            queued = paper.may_be_queued(settings, stopped.progress, stopped.ended == ("written",))
        if queued:
            status.showMessage(f"已取消打印；任务可能已送到打印机“{settings.printer_name}”，"
                               f"如不需要，请在该打印机的打印队列中取消它", 30000)
        else:
            status.showMessage("已取消打印，未写出文件" if settings.output_file else "已取消打印，未送往打印机", 10000)
        return False
    except ReportFileError as e:
        QMessageBox.warning(window, "无法打印", str(e))
        return False
    if settings.output_file:
        status.showMessage(f"已打印到文件：{settings.output_file}", 15000)
    else:
        status.showMessage(f"已送往打印机“{settings.printer_name}”", 10000)
    return True
