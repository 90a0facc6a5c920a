"""Long work off the GUI thread: reading, writing and printing files, checking and summing many.

``run`` starts the work on a worker thread and keeps the event loop going
until it ends, so the window paints and the clock ticks however big the
file. For the first moments user input waits (a quick import shows
nothing); then a window-modal progress dialog with 取消 appears. 取消 stops
work that reports progress at its next step; work that cannot be stopped
(one file being parsed, bounded in time by the readers' limits) finishes
on its own and its result is dropped. The library is never touched from the
worker: only the result comes back, to be stored on this thread.

``Job`` is the same worker for a dialog that shows the progress itself and
stays usable meanwhile (the 汇总 dialog): nothing waits for it, a timer
hands its progress and its end to callbacks on the GUI thread. While a Job
runs, Python's cyclic garbage collector waits: a full collection started by
the worker's allocations (50 units' reports coming back from the reading
processes) holds Python's lock for all of it, and under load the window
stalled 120–150 ms for one; the next collection runs after the Job, ~15 ms.
"""

from __future__ import annotations

import contextlib
import gc
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


class Job:
    """work(progress) on a worker thread while the event loop runs on as usual.

    On the GUI thread, polled every POLL_MS: ``on_progress(done, total, note)``
    when the work reports a step, then ``on_done(result)`` or ``on_error(exception)``.
    After ``cancel()`` the work stops at its next step and none of them is called again.
    """

    def __init__(self, work: Callable[[Progress], T], on_progress: Callable[[int, int, str], None],
                 on_done: Callable[[T], None], on_error: Callable[[BaseException], None]):
        self.progress = Progress()
        self._outcome: dict = {}
        self._on_progress, self._on_done, self._on_error = on_progress, on_done, on_error
        self._shown = (0, 0, "")

        def target() -> None:
            try:
                self._outcome["result"] = work(self.progress)
            except BaseException as e:  # handed to the GUI thread
                self._outcome["error"] = e

        self.thread = threading.Thread(target=target, name="background job", daemon=True)
        _pause_collection()
        self._timer = QTimer()
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.thread.start()
        self._timer.start()

    @property
    def running(self) -> bool:
        """Not yet ended (or cancelled), as far as the GUI thread has been told."""
        return self._timer.isActive()

    def cancel(self) -> None:
        self.progress.cancelled.set()
        if self._timer.isActive():
            _resume_collection()
        self._timer.stop()

    def _poll(self) -> None:
        progress = self.progress
        step = (progress.done, progress.total, progress.note)
        if step != self._shown and progress.total:
            self._shown = step
            self._on_progress(*step)
        if self.thread.is_alive() or not self._timer.isActive():
            return
        self._timer.stop()
        _resume_collection()
        if "error" in self._outcome:
            error = self._outcome["error"]
            if not isinstance(error, Cancelled):
                self._on_error(error)
        else:
            self._on_done(self._outcome["result"])


_paused = {"jobs": 0, "was_enabled": False}


@contextlib.contextmanager
def collection_paused():
    """No cyclic garbage collection meanwhile (as during a Job): for a view that renders while it is open."""
    _pause_collection()
    try:
        yield
    finally:
        _resume_collection()


def _pause_collection() -> None:
    if _paused["jobs"] == 0:
        _paused["was_enabled"] = gc.isenabled()
        gc.disable()
    _paused["jobs"] += 1


def _resume_collection() -> None:
    _paused["jobs"] -= 1
    if _paused["jobs"] == 0 and _paused["was_enabled"]:
        gc.enable()


def _dialog(parent, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "取消", 0, 0, parent)  # 0..0: busy until the work reports steps
    dialog.setWindowTitle("请稍候")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(360)
    return dialog
