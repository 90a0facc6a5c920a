"""The log file: the traceback behind every internal error the program reports to the clerk.

The clerk is told in Chinese what went wrong and that the draft is safe; a
maintainer needs the traceback, which that message leaves out. Records of the
``disclosure_report`` loggers go to ``logs/disclosure-report.log`` in the user
data folder (next to the drafts library), rotated at 1 MB, three old files kept.

Cheap at start: :func:`configure` only adds a handler; the file is opened
(and ``logging.handlers`` imported) at the first record. The CLI configures it
only when it reports an internal error.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

LOG_NAME = "disclosure-report.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
_LOGGER = "disclosure_report"


def log_folder() -> Path:
    from disclosure_report.userdata import user_data_folder

    return user_data_folder() / "logs"


class _LogFile(logging.Handler):
    """The rotating log file, opened at the first record."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                from logging.handlers import RotatingFileHandler

                folder = log_folder()
                folder.mkdir(parents=True, exist_ok=True)
                self._file = RotatingFileHandler(folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                 encoding="utf-8")
                self._file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            self._file.handle(record)
        except OSError:
            pass  # a log that cannot be written must not hide the message the clerk is being shown

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def configure() -> None:
    """Send the program's log records to the log file (once per process)."""
    logger = logging.getLogger(_LOGGER)
    if not any(isinstance(h, _LogFile) for h in logger.handlers):
        logger.addHandler(_LogFile())
        logger.setLevel(logging.INFO)


def record(doing: str, error: BaseException | None = None) -> None:
    """The exception being handled (or error), with its traceback, in the log file."""
    configure()
    logging.getLogger(_LOGGER).error("%s", doing, exc_info=error if error is not None else True)


def excepthook(kind, value, traceback) -> None:
    """An exception nothing caught (in a Qt slot, say): logged, then shown as Python would."""
    record("未捕获的异常", value)
    sys.__excepthook__(kind, value, traceback)
