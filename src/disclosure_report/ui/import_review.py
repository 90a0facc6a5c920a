"""导入前核对: what was read from a file, before it becomes a report or replaces the draft.

The three tables as the program will hold them (in the official layout,
cells with findings marked), the findings, and what could not be read
(blank cells, notes printed beside numbers, empty text sections). The
clerk chooses 作为新报告, 替换当前报告 or 取消; nothing changes before that.
"""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from disclosure_report.checks import ERROR, Finding, count_by_severity, run_checks
from disclosure_report.model import Report
from disclosure_report.numbers import format_value
from disclosure_report.ui.list_table import list_table

_ERROR, _WARNING = QColor("#f8d0d0"), QColor("#fbeebb")


class ImportReview(QDialog):
    NEW, REPLACE = 1, 2

    def __init__(self, name: str, report: Report, parent=None, can_replace: bool = True,
                 findings: Optional[List[Finding]] = None):
        """findings: run_checks(report), when already run (off the GUI thread)."""
        super().__init__(parent)
        self.setWindowTitle(f"导入前核对：{name}")
        self.resize(1000, 620)
        self.choice: Optional[int] = None
        findings = run_checks(report) if findings is None else findings
        self.findings = [f for f in findings if not getattr(f, "settled", False)]
        self.unread = unread(report, self.findings)
        counts = count_by_severity(self.findings)
        filled = sum(v is not None for v in report.values.values())
        who = f"{report.organ or '（未读出机关名称）'} {report.year or '（未读出年度）'}年"
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            f"从 {name} 读到：{who}，{filled} 个数字，{len(report.values) - filled} 格为空；"
            f"核对有 {counts[ERROR]} 个错误、{counts['warning']} 个提醒。请查看后选择如何导入（当前报告尚未改动）。")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        for table in report.format.tables.values():
            self.tabs.addTab(self._table(report, table), f"{table.name} {table.title.split('、', 1)[-1]}")
        self.tabs.addTab(self._list(["类别", "说明"], [(f.severity_label, f.message) for f in self.findings]),
                         f"核对结果（{len(self.findings)}）")
        self.tabs.addTab(self._list(["位置", "情况"], self.unread), f"未能读取（{len(self.unread)}）")
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox()
        self.new_button = QPushButton("作为新报告")
        self.replace_button = QPushButton("替换当前报告")
        buttons.addButton(self.new_button, QDialogButtonBox.AcceptRole)
        if can_replace:
            buttons.addButton(self.replace_button, QDialogButtonBox.DestructiveRole)
        buttons.addButton("取消", QDialogButtonBox.RejectRole)
        self.new_button.clicked.connect(lambda: self._choose(self.NEW))
        self.replace_button.clicked.connect(lambda: self._choose(self.REPLACE))
        buttons.rejected.connect(self.reject)
        self.new_button.setDefault(True)
        layout.addWidget(buttons)

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept()

    def _table(self, report: Report, table) -> QTableWidget:
        marked = {}
        for finding in self.findings:
            for path in finding.cells:
                if marked.get(path) != ERROR:
                    marked[path] = finding.severity
        rows = len(table.layout)
        view = QTableWidget(rows, table.grid_columns)
        view.horizontalHeader().hide()
        view.verticalHeader().hide()
        view.setEditTriggers(QTableWidget.NoEditTriggers)
        for layout_row in table.layout:
            for cell in layout_row:
                if cell.continued:
                    continue
                if cell.role == "value" and cell.path:
                    value = report.values[cell.path]
                    item = QTableWidgetItem(format_value(value) if value is not None else "（空）")
                    if cell.path in marked:
                        item.setBackground(QBrush(_ERROR if marked[cell.path] == ERROR else _WARNING))
                    note = report.import_notes.get(cell.path)
                    item.setToolTip(f"原文：{note}" if note else report.format.cells[cell.path].description)
                else:
                    item = QTableWidgetItem(cell.text)
                    item.setBackground(QBrush(QColor("#eeeeee")))
                view.setItem(cell.row, cell.col, item)
                if cell.rowspan > 1 or cell.colspan > 1:
                    view.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        view.resizeColumnsToContents()
        return view

    @staticmethod
    def _list(headers, rows) -> QTableWidget:
        table = list_table(headers, stretch=1)
        table.setRowCount(len(rows))
        for r, texts in enumerate(rows):
            for c, text in enumerate(texts):
                table.setItem(r, c, QTableWidgetItem(text))
        table.setWordWrap(True)
        table.resizeRowsToContents()
        return table


def unread(report: Report, findings: List[Finding]) -> List[tuple]:
    """(where, what) for everything the file did not give: blank cells, notes, empty sections."""
    fmt = report.format
    rows: List[tuple] = []
    for path, printed in report.import_notes.items():
        where = fmt.cells[path].description if path in fmt.cells else "表三“（六）其他处理”"
        rows.append((where, f"原文印为“{printed}”"))
    for path, value in report.values.items():
        if value is None and path not in report.import_notes:
            rows.append((fmt.cells[path].description, "空白（原文为空、“/”或“—”）"))
    titles = {s.id: s.title for s in fmt.sections}
    for text_id in fmt.text_ids:
        if not report.text.get(text_id, "").strip():
            rows.append((titles.get(text_id, "标题与引言"), "没有读到文字"))
    return rows
