"""汇总下级单位报表: choose the units' returns, sum them, see who contributed what, keep the result.

The dialog's widgets; what it holds and does is consolidate_model's. Files
are read, checked and summed on a worker thread (background.Job; the files on
all cores when there are many), with progress and 取消, while the dialog stays
usable; drafts from the library are read here, on the library's thread.
Summing again reuses the units' checks, so confirming a failing unit simply
sums again.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import List, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from disclosure_report import errorlog, files
from disclosure_report.errors import ReportFileError
from disclosure_report.numbers import format_value
from disclosure_report.ui import background
from disclosure_report.ui.against_panel import AgainstPanel
from disclosure_report.ui.consolidate_model import ConsolidationModel, write_blank_workbook
from disclosure_report.ui.consolidate_units import CONFIRM_COLUMN, fill, unit_rows, units_table
from disclosure_report.ui.file_commands import dialog_path, remember_folder
from disclosure_report.ui.list_table import list_table


class ConsolidateDialog(QDialog):
    """After ``accept()``, ``created_id`` is the consolidated report's id in the library."""

    def __init__(self, operations, parent=None):
        """operations: the window's (open_report.OpenReport.operations), by which the library is used."""
        super().__init__(parent)
        self.setWindowTitle("汇总下级单位报表")
        self.resize(1100, 720)
        self.operations = operations
        self.model = ConsolidationModel()
        self.created_id: Optional[int] = None
        self._job: Optional[background.Job] = None
        self._asked: tuple = ()  # the organ and year the running job sums for
        self.setAcceptDrops(True)  # units' files dragged in from a USB stick's folder

        add_files = QPushButton("添加文件…")
        add_files.clicked.connect(self.choose_files)
        add_drafts = QPushButton("添加报告库中的报告…")
        add_drafts.clicked.connect(self.choose_drafts)
        remove = QPushButton("移除所选")
        remove.clicked.connect(self.remove_selected)
        self._choosing = (add_files, add_drafts, remove)  # not while reading: the units are being read
        self.run_button = QPushButton("开始汇总")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        blank = QPushButton("导出空白填报表…")
        blank.setToolTip("生成发给下级单位的 Excel 填报表：填好后报回，再在这里汇总")
        blank.clicked.connect(self.choose_blank_workbook)
        top = QHBoxLayout()
        for button in (blank, add_files, add_drafts, remove):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.run_button)

        self.organ_edit = QLineEdit()
        self.organ_edit.setPlaceholderText("如：某某县人民政府")
        self.year_edit = QLineEdit()
        self.year_edit.setPlaceholderText("不填则按多数单位的年度")
        form = QFormLayout()
        form.addRow("汇总机关名称", self.organ_edit)
        form.addRow("汇总年度", self.year_edit)

        self.units_table = units_table()
        self.units_table.itemChanged.connect(self._confirm_changed)
        self.units_table.itemSelectionChanged.connect(self._show_unit_findings)

        self.progress = QProgressBar()
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setToolTip("停止读取：已读的文件不计入，单位列表和上次的汇总结果不变")
        self.cancel_button.clicked.connect(self.cancel)
        reading = QHBoxLayout()
        reading.addWidget(self.progress, 1)
        reading.addWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self.summary = QLabel("添加各单位报来的填报表（.xlsx）、报告（.docx、.pdf、网页、.json）或报告库中的报告，然后点“开始汇总”。")
        self.summary.setWordWrap(True)

        self.findings_list = QListWidget()
        self.cells_table = list_table(("单元格", "汇总"), stretch=0)
        self.cells_table.itemSelectionChanged.connect(self._show_contributors)
        self.contributors = list_table(("单位", "数值"), stretch=0, rows=False)
        self.nonzero = QCheckBox("只显示有数的单元格")
        self.nonzero.setChecked(True)
        self.nonzero.toggled.connect(self._fill_cells)
        cells_side = QWidget()
        cells_layout = QVBoxLayout(cells_side)
        cells_layout.setContentsMargins(0, 0, 0, 0)
        cells_layout.addWidget(self.nonzero)
        cells_layout.addWidget(self.cells_table)
        breakdown = QSplitter(Qt.Horizontal)
        breakdown.addWidget(cells_side)
        breakdown.addWidget(self.contributors)
        breakdown.setSizes([650, 350])
        self.tabs = QTabWidget()
        self.tabs.addTab(breakdown, "明细：每个数字由哪些单位构成")
        self.tabs.addTab(self.findings_list, "所选单位的核对结果")
        self.against = AgainstPanel(self.model)
        self.tabs.addTab(self.against, "与汇总报告对照")
        self._against_stale = False  # refreshed when its tab is shown: until then nobody looks at it
        self.tabs.currentChanged.connect(self._tab_shown)

        self.save_breakdown_button = QPushButton("另存明细（Excel）…")
        self.save_breakdown_button.clicked.connect(self.choose_breakdown_file)
        self.create_button = QPushButton("存入报告库并打开")
        self.create_button.clicked.connect(self.create_report)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_breakdown_button)
        bottom.addStretch(1)
        bottom.addWidget(self.create_button)
        bottom.addWidget(close)

        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.units_table)
        splitter.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addLayout(reading)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._refresh()

    @property
    def result(self):
        return self.model.result

    @property
    def sources(self) -> List[str]:
        return self.model.sources

    # -- the workbook units fill in -----------------------------------------------------
    def choose_blank_workbook(self) -> None:
        year = self._year()
        if year is False:
            return
        year = year or datetime.date.today().year - 1  # reports are made early in the year after
        path, _ = QFileDialog.getSaveFileName(self, "导出空白填报表",
                                              dialog_path(self, f"{year}年政府信息公开年报填报表.xlsx"),
                                              "Excel 工作簿 (*.xlsx)")
        remember_folder(self, path)
        if path:
            self.write_blank_workbook(Path(path), year)

    def write_blank_workbook(self, path: Path, year: int) -> bool:
        try:
            path = write_blank_workbook(path, year)
        except ReportFileError as e:
            QMessageBox.warning(self, "无法导出", str(e))
            return False
        self.summary.setText(f"空白填报表（{year} 年）已存到 {path}。各单位在“封面”填单位名称，在浅黄色格子填数字后报回。")
        return True

    # -- choosing -------------------------------------------------------------------
    def dragEnterEvent(self, event):
        if any(Path(u.toLocalFile()).suffix.lower() in files.READERS for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        if self._job is not None:
            return
        paths = [u.toLocalFile() for u in event.mimeData().urls()]
        paths = [p for p in paths if Path(p).suffix.lower() in files.READERS]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    def choose_files(self) -> None:
        every = " ".join(f"*{s}" for s in sorted(files.READERS))
        paths, _ = QFileDialog.getOpenFileNames(self, "选择各单位报来的文件", dialog_path(self), f"报表文件 ({every})")
        remember_folder(self, paths[0] if paths else "")
        self.add_files(paths)

    def add_files(self, paths) -> None:
        self.model.add_files(paths)
        self._refresh()

    def choose_drafts(self) -> None:
        picker = _DraftPicker(self._entries(), self)
        if picker.exec():
            self.add_drafts(picker.chosen())

    def _entries(self):
        """The library's reports, or None after saying why they cannot be read."""
        return self.operations.read("无法读取报告库", self.operations.library.list_reports, tell=True)

    def add_drafts(self, report_ids) -> None:
        entries = self._entries()
        if entries is not None:
            by_id = {e.id: e for e in entries}
            self.model.add_drafts([by_id[report_id] for report_id in report_ids])
            self._refresh()

    def remove_selected(self) -> None:
        self.model.remove({i.row() for i in self.units_table.selectionModel().selectedRows()})
        self._refresh()

    # -- summing --------------------------------------------------------------------
    def run(self) -> None:
        if not self.model.sources or self._job is not None:
            return
        year = self._year()
        if year is False:
            return
        organ = self.organ_edit.text().strip()
        work = self.model.reading(self.operations.library.load, organ, year)
        files_count = len(self.model.file_paths())
        self._asked = (organ, year)
        self.progress.setRange(0, max(files_count, 1))
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.progress.show()
        self.cancel_button.show()
        self.summary.setText(f"正在读取 {files_count} 个文件…")
        self._job = background.Job(work, self._progressed, self._read, self._failed)
        self._reading(True)

    def cancel(self) -> None:
        """取消: the reading stops after the files being read; the dialog is as before 开始汇总."""
        if self._job is None:
            return
        done, total = self._job.progress.done, self.progress.maximum()
        self._job.cancel()
        self._ended()
        before = "，上表仍是上次汇总的结果" if self.result is not None else ""
        self.summary.setText(f"已取消汇总（读到第 {done}/{total} 个文件时停止）{before}。点“开始汇总”可重新读取。")

    def _reading(self, on: bool) -> None:
        for button in self._choosing:
            button.setEnabled(not on)
        self.year_edit.setReadOnly(on)
        self.run_button.setEnabled(not on and bool(self.model.sources))

    def _ended(self) -> None:
        self._job = None
        self.progress.hide()
        self.cancel_button.hide()
        self._reading(False)

    def _year(self):
        text = self.year_edit.text().strip()
        if not text:
            return None
        if not (text.isdigit() and len(text) == 4):
            QMessageBox.warning(self, "年度有误", f"汇总年度“{text}”不是四位数年份，如 2024；不填则按多数单位的年度。")
            return False
        return int(text)

    def _progressed(self, done: int, total: int, source: str) -> None:
        """On the bar, not in the summary: a wrapped label's new text lays the whole dialog out again."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"正在读取 {done}/{total}：{Path(source).name.replace('%', '％')}")

    def _read(self, read) -> None:
        self._ended()
        self.model.take(read)
        if self.organ_edit.text().strip() != self._asked[0]:
            self._sum()  # the organ's name was typed meanwhile
        else:
            self._refresh()

    def _failed(self, error: BaseException) -> None:
        self._ended()
        self.summary.setText("汇总未完成：读取或汇总时程序出错。")
        errorlog.record("汇总下级单位报表", error)
        QMessageBox.warning(self, "无法汇总", f"汇总时程序出错（{type(error).__name__}: {error}）。"
                                            f"单位列表未变；请关闭后重试，或把日志文件发给技术支持。")

    def _sum(self) -> None:
        self.model.sum(self.organ_edit.text().strip(), self._year() or None)
        self._refresh()

    def _confirm_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != CONFIRM_COLUMN or not item.flags() & Qt.ItemIsUserCheckable or self.result is None:
            return
        if self._job is not None:  # being summed again: the tick waits for the new result
            self._refresh()
            return
        unit = self.result.units[item.row()]
        wanted = item.checkState() == Qt.Checked
        if wanted == (unit.source in self.model.confirmed):
            return
        if wanted:
            answer = QMessageBox.question(
                self, "确认计入",
                f"{unit.name}的报表自身核对有 {unit.errors} 个错误（见“所选单位的核对结果”）。\n\n"
                f"计入后，这些错误会带入汇总结果。已与该单位核实、确认计入吗？",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                self._refresh()
                return
        self.model.confirm(unit, wanted)
        self._sum()

    # -- showing --------------------------------------------------------------------
    def _refresh(self) -> None:
        fill(self.units_table, unit_rows(self.model))
        self._fill_cells()
        self._against_stale = True
        self._tab_shown()
        done = self.model.done()
        self.create_button.setEnabled(done)
        self.save_breakdown_button.setEnabled(done)
        self.run_button.setEnabled(bool(self.model.sources) and self._job is None)
        if self.result is not None:
            self.summary.setText(self.model.summary_text())
        self._show_unit_findings()

    def _tab_shown(self) -> None:
        if self._against_stale and self.tabs.currentWidget() is self.against:
            self._against_stale = False
            self.against.refresh()

    def _fill_cells(self) -> None:
        self.cells_table.setRowCount(0)
        self.contributors.setRowCount(0)
        cells = self.model.cells(self.nonzero.isChecked())
        self.cells_table.setRowCount(len(cells))
        for row, (path, cell) in enumerate(cells):
            item = QTableWidgetItem(cell.description)
            item.setData(Qt.UserRole, path)
            self.cells_table.setItem(row, 0, item)
            value = QTableWidgetItem(format_value(self.result.report.values[path]))
            value.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.cells_table.setItem(row, 1, value)

    def _show_contributors(self) -> None:
        rows = {i.row() for i in self.cells_table.selectedIndexes()}
        self.contributors.setRowCount(0)
        if self.result is None or not rows:
            return
        path = self.cells_table.item(min(rows), 0).data(Qt.UserRole)
        contributions = self.result.breakdown(path)
        self.contributors.setRowCount(len(contributions))
        for row, (unit, value) in enumerate(contributions):
            self.contributors.setItem(row, 0, QTableWidgetItem(unit.name))
            item = QTableWidgetItem(format_value(value))
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.contributors.setItem(row, 1, item)

    def _show_unit_findings(self) -> None:
        self.findings_list.clear()
        rows = {i.row() for i in self.units_table.selectionModel().selectedRows()}
        if self.result is None or not rows:
            return
        self.findings_list.addItems(self.model.unit_findings(min(rows)))

    # -- keeping the result -----------------------------------------------------------
    def choose_breakdown_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "另存明细", dialog_path(self, self.model.breakdown_name()),
                                              "Excel 工作簿 (*.xlsx)")
        remember_folder(self, path)
        if path:
            self.save_breakdown(Path(path))

    def save_breakdown(self, path: Path) -> bool:
        try:
            path = self.model.save_breakdown(path)
        except ReportFileError as e:
            QMessageBox.warning(self, "无法保存明细", str(e))
            return False
        self.summary.setText(f"明细已存到 {path}")
        return True

    def create_report(self) -> None:
        organ = self.organ_edit.text().strip()
        if not organ:
            QMessageBox.warning(self, "请填写机关名称", "请先在“汇总机关名称”中填写本级机关的名称，如“某某县人民政府”。")
            self.organ_edit.setFocus()
            return
        self.created_id = self.operations.change("无法存入报告库", self.operations.library.create,
                                                 self.model.report(organ))
        if self.created_id is not None:
            self.accept()

    def done(self, result: int) -> None:
        self.cancel()  # closing while reading stops the reading
        super().done(result)


class _DraftPicker(QDialog):
    """Tick the library's reports to add as units."""

    def __init__(self, entries, parent=None):
        """entries: the library's reports, or None when it could not be read."""
        super().__init__(parent)
        self.setWindowTitle("从报告库添加")
        self.resize(640, 420)
        self.list = QListWidget()
        if entries is None:
            self.list.addItem("无法读取报告库，请关闭后重试。")
        for entry in [e for e in entries or () if not e.is_sample]:
            item = QListWidgetItem(f"{entry.title}（{entry.status}）")
            item.setData(Qt.UserRole, entry.id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.list.addItem(item)
        ok = QPushButton("添加")
        ok.clicked.connect(self.accept)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("勾选要计入汇总的报告："))
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def chosen(self) -> List[int]:
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.Checked and self.list.item(i).data(Qt.UserRole)]

