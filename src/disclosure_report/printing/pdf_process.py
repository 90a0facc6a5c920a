"""A PDF written by a process of its own, so that the window's event loop never waits for Qt's layout.

Laying out a report at the text limits (320,000 characters) takes Qt seconds
inside calls that hold Python's lock (``endEditBlock``, each pagination pass):
on a thread of the window's process that freezes the window as long. So the
window hands the report to a worker process (multiprocessing, spawn: the
packaged program's entry point calls ``freeze_support()``, so the worker is the
same executable): ``start`` writes the report as its JSON interchange to a
temporary file and starts the worker, which prints it into a temporary file
next to the target and says how it ended on a pipe. Only ``finish`` puts the
file in place; ``Worker.stop`` kills the worker and removes what it wrote,
so a cancelled export leaves no file, whole or partial.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path
from typing import Optional

from disclosure_report.errors import ReportFileError
from disclosure_report.printing.marking import PrintOptions

POLL_S = 0.05


class Worker:
    """One PDF being written by a worker process (see ``start``)."""

    def __init__(self, process, pipe, report_file: str, temporary: str, target: Path):
        self.process, self.pipe = process, pipe
        self.report_file, self.temporary, self.target = report_file, temporary, target

    def wait(self, step=None) -> str:
        """The temporary PDF once the worker has written it; ReportFileError with the worker's reason.

        ``step()`` is called every POLL_S while waiting; what it raises (取消) kills the worker first.
        """
        said = None
        try:
            while True:
                said = said or self._said()  # read while it runs: a long message would fill the pipe
                if not self.process.is_alive():
                    break
                self.process.join(POLL_S)
                if step is not None:
                    step()
            said = said or self._said()
        except BaseException:
            self.stop()
            raise
        self._remove(self.report_file)
        if said is not None and said[0] == "written":
            return self.temporary
        self._remove(self.temporary)
        if said is not None and said[0] == "refused":
            raise ReportFileError(said[1])
        import logging

        from disclosure_report import errorlog

        errorlog.configure()
        log = logging.getLogger("disclosure_report.printing")
        if said is not None:  # ("failed", what, its traceback in the worker)
            log.error("生成 PDF 的进程出错：%s\n%s", said[1], said[2])
            raise ReportFileError(f"生成 PDF 时程序出错（{said[1]}），未写出文件；请把日志文件发给技术支持")
        log.error("生成 PDF 的进程意外退出，退出码 %s", self.process.exitcode)
        raise ReportFileError(f"生成 PDF 的后台进程意外退出（退出码 {self.process.exitcode}），未写出文件；"
                              f"请重试，仍不行请把日志文件发给技术支持")

    def stop(self) -> None:
        """Kill the worker (取消) and remove what it wrote."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self._remove(self.report_file)
        self._remove(self.temporary)

    def _said(self):
        try:
            return self.pipe.recv() if self.pipe.poll() else None
        except (EOFError, OSError):  # ended without a word (killed, crashed)
            return None

    @staticmethod
    def _remove(name: str) -> None:
        try:
            os.unlink(name)
        except OSError:
            pass


def start(report, target: Path, options: Optional[PrintOptions] = None) -> Worker:
    """Start writing the report's PDF (for ``target``); call off the GUI thread: it serialises the report."""
    import multiprocessing

    from disclosure_report.atomicwrite import temporary_beside
    from disclosure_report.jsonfile import dumps

    target = Path(target)
    temporary = temporary_beside(target)
    fd, report_file = tempfile.mkstemp(prefix="disclosure-report-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(dumps(report))
    context = multiprocessing.get_context("spawn")  # forking a process that runs Qt threads is unsafe
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=work, args=(report_file, temporary, options, send), daemon=True,
                              name="disclosure-report PDF")
    try:
        process.start()
    except OSError as e:
        for name in (report_file, temporary):
            Worker._remove(name)
        raise ReportFileError(f"无法启动生成 PDF 的后台进程（{e.strerror or e}），请重试") from None
    send.close()
    return Worker(process, receive, report_file, temporary, target)


def finish(temporary: str, target: Path) -> None:
    """Put the written PDF in place (on the GUI thread, after the clerk could still cancel)."""
    try:
        os.replace(temporary, target)
    except OSError as e:
        Worker._remove(temporary)
        raise ReportFileError(f"无法写入 {target}：{e.strerror or e}（请检查文件是否被其他程序打开）") from None


def work(report_file: str, temporary: str, options: Optional[PrintOptions], pipe) -> None:
    """In the worker process: print the report into ``temporary``; tell the window how it ended."""
    import sys

    from disclosure_report.printing import pdf

    # offscreen (Linux) or minimal with fonts (Windows): no window, no connection to the screen
    platform = pdf.printing_platform("", sys.platform, has_display=False)
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform
    try:
        from disclosure_report.atomicwrite import write_whole
        from disclosure_report.jsonfile import loads

        report = loads(Path(report_file).read_text(encoding="utf-8"))
        write_whole(temporary, pdf.pdf_bytes(report, options))
    except ReportFileError as e:
        pipe.send(("refused", str(e)))
    except OSError as e:
        pipe.send(("refused", f"{e.strerror or e}（请检查文件夹是否可写、磁盘是否已满）"))
    except BaseException as e:
        pipe.send(("failed", f"{type(e).__name__}: {e}"[:500], traceback.format_exc()[-20000:]))
    else:
        pipe.send(("written",))
    pipe.close()
