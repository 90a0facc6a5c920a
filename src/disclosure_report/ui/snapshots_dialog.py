"""Named snapshots of a report: compare one with the draft, restore it."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
)

from disclosure_report.compare import diff_reports
from disclosure_report.numbers import format_value
from disclosure_report.storage import StorageError
from disclosure_report.ui.list_table import list_table

_COLUMNS = ("名称", "保存时间", "状态", "版本", "核对码")


class SnapshotsDialog(QDialog):
    def __init__(self, current, parent=None):
        """current: the window's open report (open_report.OpenReport)."""
        super().__init__(parent)
        self.setWindowTitle("快照与比较")
        self.resize(900, 600)
        self.current = current
        self.library = current.library
        self.report_id = current.report_id
        self.document = current.document
        self.table = list_table(_COLUMNS)
        self.table.itemSelectionChanged.connect(self.compare)
        self.changes = QPlainTextEdit()
        self.changes.setReadOnly(True)
        restore = QPushButton("恢复此快照")
        restore.setToolTip("用快照内容替换当前草稿（可用“撤销”退回）")
        restore.clicked.connect(self.restore)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(restore)
        buttons.addStretch(1)
        buttons.addWidget(close)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.changes)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选中一个快照，下方列出它与当前草稿的不同之处。按 Ctrl+S 保存新的快照。"))
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        try:
            snapshots = self.library.list_snapshots(self.report_id)
        except StorageError as e:
            QMessageBox.warning(self, "快照", str(e))
            snapshots = []
        self.table.setRowCount(len(snapshots))
        for r, snap in enumerate(snapshots):
            for c, text in enumerate((snap.name, snap.created_at[:16].replace("T", " "), snap.status,
                                      f"v{snap.version}", snap.fingerprint)):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, snap.id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if snapshots:
            self.table.selectRow(0)
        else:
            self.changes.setPlainText("还没有快照。在主窗口按 Ctrl+S 保存一个，如“送审稿 v1”。")

    def selected_id(self) -> Optional[int]:
        items = self.table.selectedItems()
        return items[0].data(Qt.UserRole) if items else None

    def compare(self) -> None:
        snapshot_id = self.selected_id()
        if snapshot_id is None:
            return
        try:
            old = self.library.load_snapshot(snapshot_id)
        except StorageError as e:
            self.changes.setPlainText(str(e))
            return
        self.changes.setPlainText(describe_changes(old, self.document.report))

    def restore(self) -> None:
        """The draft kept as a snapshot “恢复前自动保存” first; the window can also undo it."""
        snapshot_id = self.selected_id()
        if snapshot_id is None:
            return
        if self.current.restore_snapshot(snapshot_id, self.table.selectedItems()[0].text()):
            self.refresh()


def describe_changes(old, new) -> str:
    """The differences of the draft from a snapshot, one line each, in Chinese."""
    diff = diff_reports(old, new)
    if not diff:
        return "当前草稿与此快照完全相同。"
    lines = []
    for change in diff.fields:
        lines.append(f"{change.label}：{_shown(change.old)} → {_shown(change.new)}")
    for change in diff.cells:
        lines.append(f"{change.description}：{_shown(change.old)} → {_shown(change.new)}")
    for change in diff.texts:
        lines.append(f"{change.label}：文字有改动（快照 {len(change.old)} 字，现在 {len(change.new)} 字）")
    for name in diff.images:
        lines.append(f"图片 {name} 有增删或替换")
    return f"与此快照相比，当前草稿有 {len(lines)} 处不同：\n" + "\n".join(lines)


def _shown(value) -> str:
    if value is None or value == "":
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    return format_value(value) if not isinstance(value, str) else value
