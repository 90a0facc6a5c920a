"""Fixtures shared by the window tests: no modal dialog ever blocks, a library per test.

Import with ``from ui_support import *`` in a tests/test_ui_*.py module.
"""

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from disclosure_report.storage import Library


class Dialogs:
    """What the patched dialogs were asked, and what they answer."""

    def __init__(self):
        self.shown = []  # (kind, title, text)
        self.answer = QMessageBox.No  # for question/warning with buttons
        self.text = None  # QInputDialog.getText: None = cancelled
        self.open_path = ""  # QFileDialog.getOpenFileName
        self.save_path = ""  # QFileDialog.getSaveFileName

    def texts(self):
        return "\n".join(f"{title} {text}" for _, title, text in self.shown)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    record = Dialogs()

    def message(kind):
        def show(parent, title, text, *args, **kwargs):
            record.shown.append((kind, title, text))
            return record.answer
        return staticmethod(show)

    for kind in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, message(kind))
    monkeypatch.setattr(QMessageBox, "about", message("about"))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: record.shown.append(("box", self.windowTitle(), self.text())) or 0)
    monkeypatch.setattr(QDialog, "exec", lambda self: record.shown.append(("dialog", self.windowTitle(), "")) or 0)
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: (record.text or "", record.text is not None)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (record.open_path, "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (record.save_path, "")))
    return record


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def open_window(qtbot, library):
    """The main window as `disclosure-report` opens it, on screen and checked once."""
    from disclosure_report.ui.app import create_application, create_main_window

    create_application([])
    win = create_main_window(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.document.checked)  # the first check follows the window on screen
    return win


@pytest.fixture
def window(qtbot, library):
    win = open_window(qtbot, library)
    yield win
    win.close()


__all__ = ["Dialogs", "dialogs", "library", "open_window", "window"]
