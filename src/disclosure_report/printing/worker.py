"""Printing in a process of its own, so that the window's event loop never waits for Qt's layout.

Laying out a report at the text limits (320,000 characters) takes Qt seconds
inside calls that hold Python's lock (``endEditBlock``, each pagination pass):
on a thread of the window's process that freezes the window as long. So the
window hands the report to a worker process (multiprocessing, spawn: the
packaged program's entry point calls ``freeze_support()``, so the worker is the
same executable). Two jobs use it: 导出 PDF (``pdf_process``) and 打印 on paper
(``paper``). ``start`` writes the report as its JSON interchange into a
scratch folder of the job's own and starts the worker, which points its
temporary files there (``TMPDIR``: CUPS spools from such a file), runs the job
and says on a pipe how far it got (``("page", done, total)``) and how it ended:
``("written",)``, ``("refused", one Chinese sentence)`` or ``("failed", what,
traceback)``. A job that writes a file writes it into a temporary file next to
the target; only ``finish`` puts it in place. ``Worker.stop`` (取消) kills the
worker and removes what it wrote and its scratch folder, so a cancelled job
leaves no file, whole or partial.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Tuple

from disclosure_report.errors import ReportFileError
from disclosure_report.oserror import os_reason

POLL_S = 0.05


@dataclass(frozen=True)
class Task:
    """What the clerk is told when a job's worker fails (``{}``: what went wrong, or the exit code)."""

    doing: str  # whose process, for the log: 生成 PDF 的, 打印的
    failed: str
    died: str
    os_advice: str  # after an OSError's own words


PDF = Task("生成 PDF 的", "生成 PDF 时程序出错（{}），未写出文件；请把日志文件发给技术支持",
           "生成 PDF 的后台进程意外退出（退出码 {}），未写出文件；请重试，仍不行请把日志文件发给技术支持",
           "（请检查文件夹是否可写、磁盘是否已满）")


class Worker:
    """One job being done by a worker process (see ``start``)."""

    def __init__(self, process, pipe, report_file: str, temporary: Optional[str], target: Optional[Path],
                 task: Task = PDF, scratch: Optional[str] = None):
        self.process, self.pipe = process, pipe
        self.report_file, self.temporary, self.target = report_file, temporary, target
        self.task, self.scratch = task, scratch
        self.progress: Tuple[int, int] = (0, 0)  # pages painted, of how many (0, 0: still laying out)
        self.ended: Optional[tuple] = None  # what the worker said last

    def wait(self, step: Optional[Callable[[], None]] = None) -> str:
        """The temporary file once the worker has written it ("": the job writes none); ReportFileError else.

        ``step()`` is called every POLL_S while waiting; what it raises (取消) kills the worker first.
        """
        try:
            while True:
                self._read()  # while it runs: many messages would fill the pipe
                if not self.process.is_alive():
                    break
                self.process.join(POLL_S)
                if step is not None:
                    step()
            self._read()
        except BaseException:
            self.stop()
            raise
        self._clean_up()
        said = self.ended
        if said is not None and said[0] == "written":
            return self.temporary or ""
        self._remove(self.temporary)
        if said is not None and said[0] == "refused":
            raise ReportFileError(said[1])
        import logging

        from disclosure_report import errorlog

        errorlog.configure()
        log = logging.getLogger("disclosure_report.printing")
        if said is not None:  # ("failed", what, its traceback in the worker)
            log.error("%s进程出错：%s\n%s", self.task.doing, said[1], said[2])
            raise ReportFileError(self.task.failed.format(said[1]))
        log.error("%s进程意外退出，退出码 %s", self.task.doing, self.process.exitcode)
        raise ReportFileError(self.task.died.format(self.process.exitcode))

    def stop(self) -> None:
        """Kill the worker (取消) and remove what it wrote; ``progress`` is then the last it reported."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self._read()  # what it said before it died is still in the pipe
        self._clean_up()
        self._remove(self.temporary)

    def _read(self) -> None:
        try:
            while self.pipe.poll():
                said = self.pipe.recv()
                if said[0] == "page":
                    self.progress = (said[1], said[2])
                else:
                    self.ended = said
        except (EOFError, OSError):  # ended without a word (killed, crashed)
            pass

    def _clean_up(self) -> None:
        self._remove(self.report_file)
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)

    @staticmethod
    def _remove(name: Optional[str]) -> None:
        if not name:
            return
        try:
            os.unlink(name)
        except OSError:
            pass


def start(job: Callable, report, args: tuple, task: Task, target: Optional[Path] = None,
          name: str = "disclosure-report print") -> Worker:
    """Start ``job(report, temporary, progress, *args)`` in a worker process; call off the GUI thread.

    ``job`` is a module-level function (the worker imports it by name); ``temporary`` is a temporary file
    next to ``target`` for the job to write (None without a target); ``progress(done, total)`` tells the window.
    """
    import multiprocessing

    from disclosure_report.atomicwrite import temporary_beside
    from disclosure_report.jsonfile import dumps

    temporary = temporary_beside(Path(target)) if target is not None else None
    try:
        scratch = tempfile.mkdtemp(prefix="disclosure-report-")
        report_file = os.path.join(scratch, "report.json")
        with open(report_file, "w", encoding="utf-8") as f:
            f.write(dumps(report))
    except OSError as e:
        Worker._remove(temporary)
        raise ReportFileError(f"无法写入临时文件夹（{os_reason(e)}），请检查磁盘空间后重试") from None
    context = multiprocessing.get_context("spawn")  # forking a process that runs Qt threads is unsafe
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=run, args=(job, report_file, temporary, args, task, send), daemon=True,
                              name=name)
    worker = Worker(process, receive, report_file, temporary, target, task, scratch)
    try:
        process.start()
    except OSError as e:
        worker._clean_up()
        worker._remove(temporary)
        raise ReportFileError(f"无法启动{task.doing}后台进程（{os_reason(e)}），请重试") from None
    send.close()
    return worker


def finish(temporary: str, target: Path) -> None:
    """Put the written file in place (on the GUI thread, after the clerk could still cancel)."""
    try:
        os.replace(temporary, target)
    except OSError as e:
        Worker._remove(temporary)
        raise ReportFileError(f"无法写入 {target}：{os_reason(e)}（请检查文件是否被其他程序打开）") from None


def run(job: Callable, report_file: str, temporary: Optional[str], args: tuple, task: Task, pipe) -> None:
    """In the worker process: do the job; tell the window how far it got and how it ended."""
    import sys

    from disclosure_report.printing import pdf

    # offscreen (Linux) or minimal with fonts (Windows): no window, no connection to the screen
    platform = pdf.printing_platform("", sys.platform, has_display=False)
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform
    for variable in ("TMPDIR", "TEMP", "TMP"):  # Qt's and CUPS's temporary files go with the scratch folder
        os.environ[variable] = os.path.dirname(report_file)

    def progress(done: int, total: int) -> None:
        pipe.send(("page", done, total))

    try:
        from disclosure_report.jsonfile import loads

        report = loads(Path(report_file).read_text(encoding="utf-8"))
        job(report, temporary, progress, *args)
    except ReportFileError as e:
        pipe.send(("refused", str(e)))
    except OSError as e:
        pipe.send(("refused", f"{os_reason(e)}{task.os_advice}"))
    except BaseException as e:
        pipe.send(("failed", f"{type(e).__name__}: {e}"[:500], traceback.format_exc()[-20000:]))
    else:
        pipe.send(("written",))
    pipe.close()
