"""Every command that reads or changes the drafts library runs through here (cf. Anki's CollectionOp).

``change`` runs one library operation, tells the clerk once (in Chinese) when
it fails, whatever the cause, and announces a success with ``changed`` so
that whoever shows library lists or the open report's status can refresh;
``read`` is the same for reads, quietly falling back to a default when only a
convenience is lost. The library's SQLite connection belongs to the GUI
thread: work that may take long (reading or writing a file) belongs in a
worker before the operation, and only its result is handed to ``change`` on
this thread.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, Signal

from disclosure_report.storage import StorageError

log = logging.getLogger(__name__)


def problem_text(error: BaseException) -> str:
    """What the clerk is told about a failure: the library's own words, or that the program erred."""
    if isinstance(error, StorageError):
        return str(error)
    return (f"程序内部出错（{type(error).__name__}: {error}）。草稿库没有改动，窗口中的内容仍在；"
            f"请先用“文件 → 导出”另存一份，再把这行信息发给技术支持。")


class Operations(QObject):
    changed = Signal(str)  # the library changed: the title of the operation (as given to change)

    def __init__(self, library, parent_widget):
        super().__init__(parent_widget)
        self.library = library
        self._widget = parent_widget

    # doing: the title of the message should it fail (无法新建报告 …)
    def change(self, doing: str, operation: Callable[..., Any], *args, **kwargs) -> Optional[Any]:
        """operation(*args)'s result (True for None), or None after telling the clerk why it failed."""
        try:
            result = operation(*args, **kwargs)
        except Exception as e:  # a bug must not take the draft with it: told, logged, the window goes on
            self.tell(doing, e)
            return None
        self.changed.emit(doing)
        return True if result is None else result

    def read(self, doing: str, operation: Callable[..., Any], *args, default: Any = None, tell: bool = False) -> Any:
        """operation(*args)'s result, or default when it fails (told to the clerk only if tell)."""
        try:
            return operation(*args)
        except Exception as e:
            if tell:
                self.tell(doing, e)
            elif not isinstance(e, StorageError):
                log.exception("%s", doing)
            return default

    def tell(self, doing: str, error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        if not isinstance(error, StorageError):
            log.exception("%s", doing, exc_info=error)
        QMessageBox.warning(self._widget, doing, problem_text(error))
