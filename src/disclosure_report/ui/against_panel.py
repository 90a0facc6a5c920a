"""The 汇总 dialog's 与汇总报告对照 tab: the published parent (全县/全市) against the sum of its units.

The comparison is against.py's, as ``consolidate … --against`` prints it:
one row per cell that differs, and for the selected row each unit's share of
the cell. The parent is read off the GUI thread (background.run).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from disclosure_report import errorlog, files, numbers
from disclosure_report.against import share
from disclosure_report.errors import ReportFileError
from disclosure_report.numbers import Value, format_value
from disclosure_report.ui.file_commands import dialog_path, remember_folder
from disclosure_report.ui.list_table import list_table

_COLUMNS = ("单元格", "汇总报告", "各单位之和", "汇总报告比各单位之和")


def _shown(value: Value) -> str:
    return "空" if value is None else format_value(value)


def _number(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    return item


class AgainstPanel(QWidget):
    def __init__(self, model, parent=None):
        """model: the dialog's ConsolidationModel."""
        super().__init__(parent)
        self.model = model
        self.choose_button = QPushButton("选择汇总报告…")
        self.choose_button.setToolTip("已上报或已公开的全县/全市报告：逐格对照它与各单位之和")
        self.choose_button.clicked.connect(self.choose_parent)
        self.clear_button = QPushButton("不再对照")
        self.clear_button.clicked.connect(self.clear_parent)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.clear_button)
        top.addWidget(self.verdict, 1)

        self.table = list_table(_COLUMNS, stretch=0)
        self.table.itemSelectionChanged.connect(self._show_shares)
        self.shares = list_table(("单位", "数值", "份额"), stretch=0, rows=False)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.shares)
        splitter.setSizes([650, 350])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()

    def choose_parent(self) -> None:
        every = " ".join(f"*{s}" for s in sorted(files.READERS))
        path, _ = QFileDialog.getOpenFileName(self, "选择汇总报告（如全县报告）", dialog_path(self),
                                              f"报告文件 ({every})")
        remember_folder(self, path)
        if path:
            self.read_parent(Path(path))

    def read_parent(self, path: Path) -> bool:
        from disclosure_report.ui import background

        try:
            parent = background.run(self.window(), f"正在读取 {path.name}……", lambda: files.read_report(path))
        except background.Cancelled:
            return False
        except ReportFileError as e:
            self._cannot_read(f"{files.naming_file(str(e), path.name).rstrip('。')}。")
            return False
        except Exception as e:  # a reader's bug: said, logged, and the dialog goes on
            errorlog.record(f"读取汇总报告 {path.name}")
            self._cannot_read(f"读取 {path.name} 时程序出错（{type(e).__name__}: {e}）。请把该文件发给技术支持。")
            return False
        self.model.set_parent(str(path), parent)
        self.refresh()
        return True

    def _cannot_read(self, why: str) -> None:
        QMessageBox.warning(self, "无法读取汇总报告",
                            f"{why}\n\n未作对照。请选择能读出的汇总报告（.docx、.pdf、网页、.xlsx 或 .json）。")

    def clear_parent(self) -> None:
        self.model.set_parent("", None)
        self.refresh()

    def refresh(self) -> None:
        """After choosing the parent or summing again."""
        self.verdict.setText(self.model.against_text())
        self.clear_button.setEnabled(self.model.parent is not None)
        self.shares.setRowCount(0)
        self.found = self.model.against()
        lines = self.model.against_lines()
        self.table.setRowCount(len(self.found))
        for row, (difference, line) in enumerate(zip(self.found, lines)):
            gap = ""
            if difference.parent is not None and difference.units is not None:
                more = "多" if difference.parent > difference.units else "少"
                gap = f"{more} {format_value(numbers.difference(difference.parent, difference.units))}"
            items = [QTableWidgetItem(difference.description), _number(_shown(difference.parent)),
                     _number(_shown(difference.units)), _number(gap)]
            for col, item in enumerate(items):
                item.setToolTip(line)
                self.table.setItem(row, col, item)
        for col in range(1, len(_COLUMNS)):
            self.table.resizeColumnToContents(col)
        if self.found:
            self.table.selectRow(0)

    def _show_shares(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        self.shares.setRowCount(0)
        if not rows:
            return
        difference = self.found[min(rows)]
        self.shares.setRowCount(len(difference.shares))
        for row, (name, value) in enumerate(difference.shares):
            self.shares.setItem(row, 0, QTableWidgetItem(name))
            self.shares.setItem(row, 1, _number(_shown(value)))
            self.shares.setItem(row, 2, _number(share(value, difference.units) or ""))
