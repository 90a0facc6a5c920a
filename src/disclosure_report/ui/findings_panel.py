"""Every finding of the checks, errors first, settled ones last; a click shows where it is,
a right-click marks a finding 已核实 or takes that back.

Qt's namespace is imported where used, after the first check: the panel is
built before the window is shown, and those enums are slow to load.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem


def _shown(finding):
    """What the panel shows of a finding (its passage's place is not shown)."""
    return finding.rule, finding.severity, finding.message, finding.settled


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
        from disclosure_report.checks.settle import settled_note
        from disclosure_report.ui import marks

        # open errors, open warnings, then the settled ones
        findings = sorted(self._document.findings, key=lambda f: (f.settled is not None, f.severity != ERROR))
        if findings == self._findings:
            return
        if self._findings is not None and [_shown(f) for f in findings] == [_shown(f) for f in self._findings]:
            # the same findings, their passages moved (a keystroke before them): keep the items
            self._findings = findings
            for row, finding in enumerate(findings):
                self.item(row).setData(Qt.UserRole, finding)
            return
        self._findings = findings
        self.setUpdatesEnabled(False)
        self.clear()
        for finding in findings:
            if finding.settled:
                item = QListWidgetItem(f"已核实：{finding.message}——{settled_note(finding.settled)}")
                item.setForeground(self.palette().placeholderText())
            else:
                item = QListWidgetItem(marks.severity_icon(finding.severity),
                                       f"{finding.severity_label}：{finding.message}")
            item.setData(Qt.UserRole, finding)
            item.setToolTip(item.text())
            self.addItem(item)
        if not findings:
            self._add_note("没有发现问题：表格的勾稽关系都对得上。")
        self.setUpdatesEnabled(True)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMenu

        pos = event.pos()
        item = self.itemAt(pos)
        finding = item.data(Qt.UserRole) if item is not None else None
        if finding is None:
            return
        from disclosure_report.checks.rules import rule

        menu = QMenu(self)
        if finding.settled:
            menu.addAction("取消核实", lambda: self._document.unsettle(finding))
        elif rule(finding.rule).settleable:
            menu.addAction("标为已核实…", lambda: self.ask_to_settle(finding))
        else:
            menu.addAction("表格算术关系，改正数字即可（不能标为已核实）").setEnabled(False)
        self.popup(menu, event.globalPos())

    @staticmethod
    def popup(menu, pos) -> None:
        menu.exec(pos)

    def ask_to_settle(self, finding) -> None:
        """Ask the reason, then mark the finding 已核实 (printed on the 审签单 with the reason)."""
        import getpass

        from PySide6.QtWidgets import QInputDialog

        from disclosure_report.checks.settle import NotSettleable

        reason, ok = QInputDialog.getText(
            self, "标为已核实", "核实的理由（印在审签单上），如“文字所述为区政府本级数字”：")
        if not ok:
            return
        try:
            self._document.settle(finding, reason, getpass.getuser())
        except NotSettleable as e:
            self._document.message.emit(str(e))

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
