"""报告库: new, new from last year, open, duplicate, delete to the recycle bin, the sample."""

from __future__ import annotations

import datetime
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from disclosure_report.model import Report, blank_report
from disclosure_report.numbers import InvalidNumber, parse_number
from disclosure_report.storage import StorageError
from disclosure_report.ui.delegates import NumberValidator
from disclosure_report.ui.list_table import list_table
from disclosure_report.ui.look import WARNING_STYLE

_COLUMNS = ("报告", "机关", "年度", "状态", "版本", "最后修改")


class LibraryDialog(QDialog):
    """Pick a report to open (``chosen``), or manage the library."""

    def __init__(self, library, current_id: Optional[int], parent=None):
        super().__init__(parent)
        self.setWindowTitle("报告库")
        self.resize(900, 520)
        self.library = library
        self.current_id = current_id
        self.chosen: Optional[int] = None
        self.table = list_table(_COLUMNS, stretch=0)
        self.table.doubleClicked.connect(self.open_selected)
        self.recycle_bin = QCheckBox("显示回收站")
        self.recycle_bin.toggled.connect(self.refresh)
        self.buttons = {}
        row = QHBoxLayout()
        for name, text, slot in (
            ("open", "打开", self.open_selected),
            ("new", "新建…", self.new_report),
            ("new_from_last_year", "由此报告新建下一年度", self.new_from_last_year),
            ("duplicate", "复制", self.duplicate),
            ("delete", "删除（放入回收站）", self.delete),
            ("restore", "从回收站恢复", self.restore),
            ("purge", "彻底删除", self.purge),
            ("sample", "打开示例", self.open_sample),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("双击一份报告打开它。删除的报告先放入回收站，可以恢复。"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.recycle_bin)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        deleted = self.recycle_bin.isChecked()
        try:
            entries = self.library.list_reports(deleted=deleted)
        except StorageError as e:
            QMessageBox.warning(self, "报告库", str(e))
            entries = []
        self.table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            title = ("示例 · " if entry.is_sample else "") + entry.title
            for c, text in enumerate((title, entry.organ, str(entry.year or ""), entry.status,
                                      f"v{entry.version}", (entry.deleted_at if deleted else entry.updated_at)[:16])):
                item = QTableWidgetItem(text.replace("T", " ") if c == 5 else text)
                item.setData(Qt.UserRole, entry.id)
                self.table.setItem(r, c, item)
            if entry.id == self.current_id:
                self.table.selectRow(r)
        if entries and not self.table.selectedItems():
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        for name in ("open", "new_from_last_year", "duplicate", "delete", "sample", "new"):
            self.buttons[name].setVisible(not deleted)
        for name in ("restore", "purge"):
            self.buttons[name].setVisible(deleted)

    def selected_id(self) -> Optional[int]:
        items = self.table.selectedItems()
        return items[0].data(Qt.UserRole) if items else None

    def _choose(self, report_id: Optional[int]) -> None:
        if report_id is not None:
            self.chosen = report_id
            self.accept()

    def _do(self, doing: str, fn, *args):
        try:
            return fn(*args)
        except StorageError as e:
            QMessageBox.warning(self, doing, str(e))
            return None

    def open_selected(self) -> None:
        if not self.recycle_bin.isChecked():
            self._choose(self.selected_id())

    def new_report(self) -> None:
        report = ask_new_report(self)
        if report is not None:
            self._choose(self._do("新建报告", self.library.create, report))

    def new_from_last_year(self) -> None:
        report_id = self.selected_id()
        if report_id is not None:
            self._choose(self._do("由上年报告新建", self.library.new_from_last_year, report_id))

    def duplicate(self) -> None:
        report_id = self.selected_id()
        if report_id is not None:
            self._do("复制报告", self.library.duplicate, report_id)
            self.refresh()

    def delete(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        if report_id == self.current_id:
            QMessageBox.information(self, "删除报告", "这份报告正在编辑，不能删除。请先打开另一份报告。")
            return
        self._do("删除报告", self.library.delete, report_id)
        self.refresh()

    def restore(self) -> None:
        report_id = self.selected_id()
        if report_id is not None:
            self._do("恢复报告", self.library.restore, report_id)
            self.refresh()

    def purge(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        answer = QMessageBox.question(self, "彻底删除", "彻底删除后无法恢复，连同它的快照一起删除。确定吗？",
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes:
            self._do("彻底删除", self.library.purge, report_id)
            self.refresh()

    def open_sample(self) -> None:
        self._choose(self._do("打开示例", self.library.ensure_sample))


class NewReportDialog(QDialog):
    def __init__(self, organ: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self.organ = QLineEdit(organ)
        self.organ.setPlaceholderText("如：某某镇人民政府")
        self.year = QLineEdit(str(datetime.date.today().year - 1))
        self.year.setValidator(NumberValidator(self.year))
        self.problem = QLabel()
        self.problem.setStyleSheet(WARNING_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("新建")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("机关名称", self.organ)
        form.addRow("报告年度", self.year)
        form.addRow(self.problem)
        form.addRow(buttons)

    def report(self) -> Optional[Report]:
        try:
            year = parse_number(self.year.text())
        except InvalidNumber:
            return None
        if not isinstance(year, int) or not 2000 <= year <= 2100 or not self.organ.text().strip():
            return None
        return blank_report(self.organ.text().strip(), year)

    def _accept(self) -> None:
        if not self.organ.text().strip():
            self.problem.setText("请填写机关名称")
        elif self.report() is None:
            self.problem.setText(f"年度“{self.year.text()}”不对：请填四位数的年份，如 2024")
        else:
            self.accept()


def ask_new_report(parent, current: Optional[Report] = None) -> Optional[Report]:
    dialog = NewReportDialog(current.organ if current is not None else "", parent)
    if dialog.exec():
        return dialog.report()
    return None
