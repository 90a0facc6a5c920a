"""The baseline of bench/bench_startup_windows.py: a bare PySide6 window saying hello in Chinese.

Frozen with packaging/disclosure-report.spec itself (DISCLOSURE_REPORT_BARE_WINDOW=1, see
``bash packaging/build_windows.sh --bare-window``), so it starts exactly as the installed program
does. Like the program (ui/main_window.py), it asks every 5 ms whether Qt has exposed the window and
then writes the time into the file named by DISCLOSURE_REPORT_SHOWN_MARK.
"""

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main():
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("你好")
    window.setCentralWidget(QLabel("你好，世界"))  # any Chinese window loads a CJK font
    window.show()

    def await_first_paint():
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            mark = os.environ.get("DISCLOSURE_REPORT_SHOWN_MARK")
            if mark:
                with open(mark, "w", encoding="ascii") as f:
                    f.write(repr(time.time()))
        else:
            QTimer.singleShot(5, await_first_paint)

    QTimer.singleShot(0, await_first_paint)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
