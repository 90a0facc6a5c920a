"""Every edit reaches the library within a second, without a save button.

Saving is debounced (a burst of typing is one write); when the library
refuses (disk full, read-only folder, a signed version) the clerk sees why,
the draft stays in memory, and the save is tried again.
"""

from __future__ import annotations

import logging
import time
from typing import Optional

from PySide6.QtCore import QObject, QTimer, Signal

from disclosure_report.storage import StaleDraft, StorageError
from disclosure_report.ui.operations import problem_text

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 300
RETRY_MS = 5000


class AutoSaver(QObject):
    saved = Signal()
    failed = Signal(str)  # why the draft could not be stored; it is still in the window
    overtaken = Signal()  # another window saved a newer draft: this one was not written over it

    def __init__(self, library, report_id: int, document, revision: Optional[str], parent=None):
        """revision: the stored draft's as the document was loaded (Library.revision)."""
        super().__init__(parent)
        self._library = library
        self._report_id = report_id
        self._document = document
        self.revision = revision
        self.pending = False
        self.last_saved = None  # time.time() of the last successful save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        document.changed.connect(self.schedule)

    def schedule(self) -> None:
        self.pending = True
        if not self._timer.isActive() or self._timer.remainingTime() > SAVE_DELAY_MS:
            self._timer.start(SAVE_DELAY_MS)

    def flush(self) -> bool:
        """Save now if anything is unsaved; False (and a retry later) when it could not be."""
        self._timer.stop()
        if not self.pending:
            return True
        try:
            self.revision = self._library.save(self._report_id, self._document.report, based_on=self.revision)
        except StaleDraft:
            self.overtaken.emit()  # the open report keeps this copy as a snapshot and shows the newer one
            return not self.pending
        except Exception as e:  # whatever the cause, never silent: the banner says it, closing asks
            if not isinstance(e, StorageError):
                log.exception("保存草稿")
            self.failed.emit(problem_text(e))
            self._timer.start(RETRY_MS)
            return False
        self.pending = False
        self.last_saved = time.time()
        self.saved.emit()
        return True

    def stop(self) -> None:
        self._timer.stop()
        self._document.changed.disconnect(self.schedule)
