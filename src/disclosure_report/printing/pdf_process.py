"""导出 PDF by a worker process (``printing.worker``): the report's PDF written next to the target, then put in place.

``start`` hands the report to the worker, which prints it with
``pdf.pdf_bytes`` into a temporary file beside the target; ``Worker.wait``
returns that file and ``finish`` renames it over the target, so a cancelled
or failed export leaves no file, not even part of one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from disclosure_report.printing import worker
from disclosure_report.printing.marking import PrintOptions
from disclosure_report.printing.worker import Worker, finish

__all__ = ["Worker", "finish", "start", "write"]


def start(report, target: Path, options: Optional[PrintOptions] = None) -> Worker:
    """Start writing the report's PDF (for ``target``); call off the GUI thread: it serialises the report."""
    return worker.start(write, report, (options,), worker.PDF, Path(target), name="disclosure-report PDF")


def write(report, temporary: str, progress, options: Optional[PrintOptions]) -> None:
    """In the worker process: the report's PDF into ``temporary``."""
    from disclosure_report.atomicwrite import write_whole
    from disclosure_report.printing import pdf

    write_whole(temporary, pdf.pdf_bytes(report, options, progress))
