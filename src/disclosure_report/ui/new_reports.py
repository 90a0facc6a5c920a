"""New reports as clerks expect: 新建报告 asks organ and year (nothing proposed from the
sample); 由上年报告新建 asks which report is last year's — one of the library's or a
file in any form the program reads — says what it will make, and makes it once.

A report for that organ and year already in the library is opened, not made
again: two clicks on 由上年报告新建 no longer give a 2025 and a 2026 report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report
from disclosure_report.storage import StorageError
from disclosure_report.ui.file_commands import dialog_path, file_filter, remember_folder


class LastYearDialog(QDialog):
    """Which report is last year's: the library's reports, or a file."""

    def __init__(self, library, current_id: Optional[int], parent=None):
        super().__init__(parent)
        self.setWindowTitle("由上年报告新建")
        self.library = library
        self.last: Optional[Report] = None
        self.reports = QListWidget()
        self.reports.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 34)
        for entry in library.list_reports():
            item = QListWidgetItem(f"{entry.title}（{entry.status}）")
            item.setData(256, entry.id)  # Qt.UserRole
            self.reports.addItem(item)
            if entry.id == current_id:
                self.reports.setCurrentItem(item)
        self.reports.currentItemChanged.connect(lambda *_: self._chosen_from_library())
        from_file = QPushButton("选择上年报告文件…")
        from_file.setToolTip("上年报告不在报告库中时：选择它的 Word、Excel、PDF、网页或 .json 文件")
        from_file.clicked.connect(self.choose_file)
        self.plan = QLabel()
        self.plan.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("新建")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(from_file)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择上一年度的报告。新报告复制它的机关名称、联系方式和引言，"
                                "并把它的“结转下年度继续办理”填入新报告的“上年结转”。"))
        layout.addWidget(self.reports, 1)
        layout.addLayout(row)
        layout.addWidget(self.plan)
        layout.addWidget(self.buttons)
        self._chosen_from_library()

    def _chosen_from_library(self) -> None:
        item = self.reports.currentItem()
        if item is None:
            self._show(None)
            return
        try:
            self._show(self.library.load(item.data(256)))
        except StorageError as e:
            self.plan.setText(f"无法读取这份报告：{e}")
            self.last = None

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from disclosure_report import files

        path, _ = QFileDialog.getOpenFileName(self, "选择上年报告文件", dialog_path(self),
                                              file_filter(files.READERS))
        if path:
            remember_folder(self, path)
            self.use_file(Path(path))

    def use_file(self, path: Path) -> bool:
        from disclosure_report.files import read_report, refusal

        try:
            report = read_report(path)
        except ReportFileError as e:
            QMessageBox.warning(self, "无法读取上年报告", refusal(str(e), path, "请另选上年报告文件"))
            return False
        self.reports.clearSelection()
        self.reports.setCurrentItem(None)
        self._show(report, path.name)
        return True

    def _show(self, last: Optional[Report], source: str = "") -> None:
        self.last = last
        ok = self.buttons.button(QDialogButtonBox.Ok)
        if last is None:
            self.plan.setText("请选择上一年度的报告。")
        elif not last.year:
            self.plan.setText("这份报告没有填年度，无法由它新建下一年度的报告：请先在“报告信息”中填写年度。")
            self.last = None
        else:
            where = f"（文件 {source}）" if source else ""
            self.plan.setText(f"将新建：{last.organ or '（未填机关名称）'} {last.year + 1} 年的报告，"
                              f"由 {last.year} 年的报告{where}结转。")
        ok.setEnabled(self.last is not None)

    def _accept(self) -> None:
        if self.last is not None:
            self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)  # one report, however often it is clicked
            self.accept()


def open_existing(window, organ: str, year: int) -> bool:
    """True (and that report opened, if the clerk agrees) when the library has the organ's year already."""
    try:
        existing = window.library.find(organ, year)
    except StorageError:
        return False
    if existing is None or existing.is_sample:
        return False
    answer = QMessageBox.question(window, "报告已经存在",
                                  f"报告库中已有 {existing.title}（{existing.status}）。\n\n要打开它吗？"
                                  f"（不会再新建一份）", QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    if answer == QMessageBox.Yes:
        window.open_report(existing.id)
    return True


def new_from_last_year(window) -> bool:
    from disclosure_report.rollover import next_year

    window.current.flush()
    dialog = LastYearDialog(window.library, window.report_id, window)
    if not dialog.exec() or dialog.last is None:
        return False
    new = next_year(dialog.last)
    if open_existing(window, new.organ, new.year):
        return False
    return window.current.create(new, "无法由上年报告新建")
