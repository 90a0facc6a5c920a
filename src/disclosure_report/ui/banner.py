"""The red notice across the top of the report (save failed, edited elsewhere, signed …).

It lies over the page instead of pushing it down: a banner that appears or
goes while the clerk is about to click never moves what is under the
pointer. A click on it folds it away (the status bar's 未保存！ stays). It
is made when first needed, so that the window's start loads nothing for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from disclosure_report.ui.look import BANNER


class Banner(QLabel):
    def __init__(self, host: QWidget):
        """host: the widget whose top edge it covers (the window's central widget)."""
        super().__init__(host)
        self.setStyleSheet(BANNER)
        self.setWordWrap(True)
        self.setToolTip("点击收起")
        self.hide()
        host.installEventFilter(self)

    def show_text(self, text: str) -> None:
        self.setText(text)
        self._place()
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # not isVisible(): shown before the window is (a read-only or signed report), it follows the first resize
        if event.type() == QEvent.Resize and not self.isHidden():
            self._place()
        return False

    def _place(self) -> None:
        width = self.parentWidget().width()
        self.setGeometry(0, 0, width, self.heightForWidth(width))

    def mousePressEvent(self, event) -> None:
        self.hide()
