"""The window as a clerk starts it on a library that cannot be written, run in its own process by
tests/test_ui_read_only.py (as root the test drops the right to ignore permission bits first, or mounts the
folder read-only). Prints what the clerk would see, as one JSON line.

Usage: python read_only_worker.py LIBRARY OUT_FOLDER [running]
  running: the library is writable at start; the worker types, makes the folder read-only, types again.
"""

import json
import os
import stat
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QDialog, QMessageBox  # noqa: E402

from disclosure_report.ui.app import create_application, create_main_window, open_library  # noqa: E402

shown = []


def _record(kind):
    def show(parent, title, text, *args, **kwargs):
        shown.append(f"{kind} {title}: {text}")
        return QMessageBox.No
    return staticmethod(show)


for _kind in ("warning", "question", "information", "critical"):
    setattr(QMessageBox, _kind, _record(_kind))
QMessageBox.exec = lambda self: shown.append(f"box {self.windowTitle()}: {self.text()}") or 0
QDialog.exec = lambda self: shown.append(f"dialog {self.windowTitle()}") or 0


def wait(seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def type_address(window, text: str) -> str:
    window.editor.show_page("info")
    address = window.editor.page("info").edits["contact.address"]
    address.setFocus()
    QTest.keyClick(address, Qt.Key_End)
    QTest.keyClicks(address, text)
    wait(0.1)
    return address.text()


def main(path: str, out: str, running: bool) -> None:
    create_application([])
    library = open_library(path)
    if library is None:
        print(json.dumps({"opened": False, "shown": shown}, ensure_ascii=False), flush=True)
        return
    window = create_main_window(library)
    window.show()
    wait(0.5)  # on screen, the menus built, the first check done
    result = {"opened": True, "read_only": library.read_only}
    if running:
        result["typed_before"] = type_address(window, "A")
        wait(1.0)
        result["label_before"] = window.save_label.text()
        folder = os.path.dirname(path)
        for name in os.listdir(folder):
            if name.startswith("library.sqlite3"):
                os.chmod(os.path.join(folder, name), stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.chmod(folder, 0o555)
    result["typed"] = type_address(window, "B")
    wait(1.0)  # the autosave's moment has passed
    result["report_address"] = window.document.report.contact.address
    result["status_message"] = window.statusBar().currentMessage()
    result["label"] = window.save_label.text()
    result["banner"] = window.banner.text() if window.banner.isVisible() else ""
    result["banner_width"] = [window.banner.width(), window.centralWidget().width()]
    window.save_now()  # Ctrl+S
    result["after_ctrl_s"] = [window.save_label.text(), window.statusBar().currentMessage()]
    window.print_actions.update_status_actions()  # as when 工具 opens
    result["enabled"] = {name: window.actions[name].isEnabled()
                         for name in ("save", "snapshot", "new", "import", "submit", "export", "print", "export_pdf")}
    result["exported_json"] = window.export_file(Path(out) / "报告.json")
    report, options = window.print_actions.job()
    result["exported_pdf"] = window.print_actions.write_pdf(Path(out) / "报告.pdf", report,
                                                            options)
    result["shown"] = list(shown)
    result["closed"] = window.close()
    result["shown_at_close"] = shown[len(result["shown"]):]
    library.close()
    print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "running" in sys.argv[3:])
