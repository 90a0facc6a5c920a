"""Every finding of the checks, errors first; a click shows where it is.

Qt's namespace is imported where used, after the first check: the panel is
built before the window is shown, and those enums are slow to load.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem


class FindingsPanel(QListWidget):
    findingActivated = Signal(object)  # the Finding clicked

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        self._findings = None
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(False)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        document.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if not self._document.checked:  # the window checks once it is on screen
            self.clear()
            self.addItem(QListWidgetItem("正在核对……"))
            return
        from PySide6.QtCore import Qt

        from disclosure_report.checks.findings import ERROR
        from disclosure_report.ui import marks

        findings = sorted(self._document.findings, key=lambda f: f.severity != ERROR)
        if findings == self._findings:
            return
        self._findings = findings
        self.setUpdatesEnabled(False)
        self.clear()
        for finding in findings:
            item = QListWidgetItem(marks.severity_icon(finding.severity),
                                   f"{finding.severity_label}：{finding.message}")
            item.setData(Qt.UserRole, finding)
            item.setToolTip(finding.message)
            self.addItem(item)
        if not findings:
            self._add_note("没有发现问题：表格的勾稽关系都对得上。")
        self.setUpdatesEnabled(True)

    def _add_note(self, text: str) -> None:
        from PySide6.QtCore import Qt

        item = QListWidgetItem(text)
        item.setFlags(Qt.NoItemFlags)
        self.addItem(item)

    def findings(self):
        return list(self._findings or ())

    def _clicked(self, item: QListWidgetItem) -> None:
        from PySide6.QtCore import Qt

        finding = item.data(Qt.UserRole)
        if finding is not None:
            self.findingActivated.emit(finding)
