"""The window, editing one report as a clerk types (an edit every few ms) and saving through its autosave,
printing each edit with its time. tests/test_ui_crash.py kills it with SIGKILL at random moments.

Usage: python crash_window_worker.py LIBRARY
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402

from disclosure_report.storage import Library  # noqa: E402
from disclosure_report.ui.app import create_application, create_main_window  # noqa: E402


def main(path: str) -> None:
    app = create_application([])
    window = create_main_window(Library(path))
    window.show()
    document = window.document
    n = document.report.values["applications.new.natural"] or 0

    def edit():
        nonlocal n
        n += 1
        document.edit_values({"applications.new.natural": n, "applications.new.legal": n % 7}, "test")
        print(f"edited {n} {time.time():.4f}", flush=True)

    timer = QTimer()
    timer.timeout.connect(edit)
    timer.start(20)
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
