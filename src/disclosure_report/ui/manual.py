"""帮助 → 使用手册 (F1): the Chinese manual shipped in resources/manual, shown offline.

The manual is Markdown; Qt's QTextBrowser renders it. Its chapters (the
``##`` headings) are listed on the left: a click scrolls to the chapter.
"""

from __future__ import annotations

import re
from typing import List

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QTextBrowser

from disclosure_report.resources import resource_path

MANUAL = ("manual", "manual.md")


def manual_text() -> str:
    text = resource_path(*MANUAL).read_text(encoding="utf-8")
    # a wrapped line of a list item goes on without the space Markdown would put between two Chinese lines
    return re.sub(r"\n[ ]+(?=[^\s\-|#])", "", text)


def chapters(text: str) -> List[str]:
    return [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]


class ManualDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("使用手册")
        text = manual_text()
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(text)
        self.contents = QListWidget()
        self.contents.addItems(chapters(text))
        self.contents.setMaximumWidth(self.fontMetrics().horizontalAdvance("中") * 16)
        self.contents.currentTextChanged.connect(self.go_to)
        layout = QHBoxLayout(self)
        layout.addWidget(self.contents)
        layout.addWidget(self.browser, 1)
        self._fit(parent)

    def _fit(self, parent) -> None:
        """Large enough to read, never larger than the screen (1366×768 PCs)."""
        screen = (parent.screen() if parent is not None else None) or self.screen()
        available = screen.availableGeometry()
        self.resize(min(1000, available.width() * 9 // 10), min(720, available.height() * 9 // 10))

    def go_to(self, chapter: str) -> None:
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2 and block.text().strip() == chapter:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                bar = self.browser.verticalScrollBar()
                bar.setValue(int(document.documentLayout().blockBoundingRect(block).top()))
                return
            block = block.next()


def show_manual(window) -> ManualDialog:
    """One manual window, brought to the front if open already; it does not block the report."""
    dialog = getattr(window, "manual_dialog", None)
    if dialog is None:
        dialog = window.manual_dialog = ManualDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
