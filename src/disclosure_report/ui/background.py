"""Long work off the GUI thread: reading, writing and printing files, checking and summing many.

``run`` starts the work on a worker thread and keeps the event loop going
until it ends, so the window paints and the clock ticks however big the
file. For the first moments user input waits (a quick import shows
nothing); then a window-modal progress dialog with 取消 appears. 取消 stops
work that reports progress at its next step; work that cannot be stopped
(one file being parsed, bounded in time by the readers' limits) finishes
on its own and its result is dropped. The library is never touched from the
worker: only the result comes back, to be stored on this thread.
"""

from __future__ import annotations

import threading
from typing import Callable, Optional, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

T = TypeVar("T")
QUIET_MS = 250  # work that ends sooner shows no dialog
POLL_MS = 20


class Cancelled(Exception):
    """The clerk pressed 取消."""


class Progress:
    """What the worker reports (done of total, and what it is at), read by the GUI thread."""

    def __init__(self):
        self.done, self.total, self.note = 0, 0, ""
        self.cancelled = threading.Event()

    def __call__(self, done: int, total: int, note: str = "") -> None:
        """Called by the work between its steps; raises Cancelled once the clerk has cancelled."""
        self.done, self.total, self.note = done, total, note
        if self.cancelled.is_set():
            raise Cancelled()


def run(parent, label: str, work: Callable[..., T], with_progress: bool = False) -> T:
    """work()'s result (work(progress) if ``with_progress``), computed on a worker thread.

    Raises what the work raised, or Cancelled when the clerk cancelled.
    """
    progress = Progress()
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["result"] = work(progress) if with_progress else work()
        except BaseException as e:  # handed to the GUI thread, raised there
            outcome["error"] = e

    thread = threading.Thread(target=target, name=label, daemon=True)
    thread.start()
    loop = QEventLoop()
    dialog: Optional[QProgressDialog] = None

    def tick() -> None:
        if not thread.is_alive() or (dialog is not None and dialog.wasCanceled()):
            loop.quit()
        elif dialog is not None and progress.total:
            dialog.setMaximum(progress.total)
            dialog.setValue(progress.done)
            if progress.note:
                dialog.setLabelText(f"{label}\n{progress.note}")

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(tick)
    timer.start()
    quiet = QTimer()
    quiet.setSingleShot(True)
    quiet.timeout.connect(loop.quit)
    quiet.start(QUIET_MS)
    try:
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # a quick job: no dialog, no input
        if thread.is_alive():
            dialog = _dialog(parent, label)
            dialog.show()
            loop.exec()
            cancelled = dialog.wasCanceled()
            dialog.close()
            dialog.deleteLater()
            if cancelled:
                progress.cancelled.set()
                raise Cancelled()
    finally:
        timer.stop()
        quiet.stop()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _dialog(parent, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "取消", 0, 0, parent)  # 0..0: busy until the work reports steps
    dialog.setWindowTitle("请稍候")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(360)
    return dialog
