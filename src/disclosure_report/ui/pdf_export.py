"""导出 PDF from the window: written by a worker process (printing.pdf_process), with progress and 取消.

A thread of this process hands the report to the worker and waits for it;
the window's event loop runs on meanwhile (background.run), and Qt's layout
of a long report, in the worker, never holds it up. 取消 kills the worker:
no file appears, not even part of one. The file is put in place here, on
the GUI thread, only once the clerk can no longer cancel.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Optional

from disclosure_report.model import Report
from disclosure_report.printing.marking import PrintOptions


def write_pdf(window, path: Path, report: Report, options: Optional[PrintOptions] = None,
              label: str = "") -> None:
    """The report's PDF at path; raises background.Cancelled (取消) or ReportFileError (one Chinese sentence).

    ``label`` is what the progress dialog says (default: 正在导出 <file name>……).
    """
    from disclosure_report.printing import pdf_process
    from disclosure_report.ui import background

    lock = threading.Lock()
    state: dict = {"cancelled": False, "written": None}  # whoever comes second removes the written file

    def work(progress) -> None:
        worker = pdf_process.start(report, path, options)
        written = worker.wait(lambda: progress(0, 0))
        with lock:
            if state["cancelled"]:
                worker._remove(written)
            else:
                state["written"] = written

    try:
        background.run(window, label or f"正在导出 {path.name}……", work, with_progress=True)
    except background.Cancelled:
        with lock:
            state["cancelled"] = True
            if state["written"]:
                pdf_process.Worker._remove(state["written"])
        raise
    pdf_process.finish(state["written"], path)


def pdf_data(window, report: Report, options: Optional[PrintOptions], label: str) -> bytes:
    """The report's PDF as bytes (for the print preview), written by the worker into a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="disclosure-report-") as folder:
        path = Path(folder) / "preview.pdf"
        write_pdf(window, path, report, options, label)
        return path.read_bytes()
