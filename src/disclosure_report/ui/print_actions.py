"""Print, preview and PDF from the window; the status of the open report (送审 / 退回修改 / 签发).

The commands in the 文件 and 工具 menus are print_menu's; this module loads
when one is first used. What is printed is either the current draft or a
stored snapshot; the page foot names it (snapshot, time, 内容码) so that a
signed paper copy can be matched to it. Qt's print support and the printing
renderer load only when first used. 导出 PDF, 打印 and the preview lay the
report out and paint it in a worker process (ui.pdf_export); Qt's print
dialog stays here.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from disclosure_report.errors import ReportFileError
from disclosure_report.files import file_name
from disclosure_report.jsonfile import fingerprint
from disclosure_report.model import Report
from disclosure_report.printing.marking import (
    WATERMARK_LABELS,
    WATERMARKS,
    PrintOptions,
    blank_form_options,
    draft_options,
    part_ids,
    part_label,
    snapshot_options,
    table_part_ids,
    watermark_for_status,
)
from disclosure_report.storage import STATUS_DRAFTING, STATUS_REVIEW, STATUS_SIGNED, SnapshotEntry, StorageError
from disclosure_report.ui.file_commands import dialog_path, remember_folder


class PrintOptionsDialog(QDialog):
    """Which version, which watermark, which parts, and whether a 审签单 goes first."""

    def __init__(self, parent, title: str, status: str, draft_code: str, snapshots: List[SnapshotEntry]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.snapshots = snapshots
        self.status = status
        self.version = QComboBox()
        self.version.addItem(f"当前草稿（{status}，内容码 {draft_code}）")
        for entry in snapshots:
            self.version.addItem(f"快照“{entry.name}” · {entry.created_at[:16]} · 内容码 {entry.fingerprint}")
        self.watermark = QComboBox()
        for mark in WATERMARKS:
            self.watermark.addItem(WATERMARK_LABELS[mark], mark)
        self.version.currentIndexChanged.connect(self._version_chosen)
        self.signoff = QCheckBox("第一页加印审签单（拟稿、核稿、审核、签发，及尚未解决的核对结果）")
        self.parts = {}
        parts_box = QWidget()
        parts_layout = QVBoxLayout(parts_box)
        parts_layout.setContentsMargins(0, 0, 0, 0)
        for part in part_ids():
            box = QCheckBox(part_label(part))
            box.setChecked(True)
            self.parts[part] = box
            parts_layout.addWidget(box)
        buttons_row = QHBoxLayout()
        whole = QPushButton("全文")
        whole.clicked.connect(lambda: self._choose_parts(part_ids()))
        tables = QPushButton("仅统计表")
        tables.clicked.connect(lambda: self._choose_parts(table_part_ids()))
        buttons_row.addWidget(whole)
        buttons_row.addWidget(tables)
        buttons_row.addStretch(1)
        parts_layout.addLayout(buttons_row)
        form = QFormLayout()
        form.addRow("版本：", self.version)
        form.addRow("水印：", self.watermark)
        form.addRow("", self.signoff)
        form.addRow("内容：", parts_box)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("确定")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._version_chosen(0)

    def _version_chosen(self, index: int) -> None:
        status = self.status if index <= 0 else self.snapshots[index - 1].status
        self.watermark.setCurrentIndex(WATERMARKS.index(watermark_for_status(status)))

    def _choose_parts(self, chosen) -> None:
        for part, box in self.parts.items():
            box.setChecked(part in chosen)

    def _accept(self) -> None:
        if not self.chosen_parts():
            QMessageBox.warning(self, "未选择内容", "请至少勾选一项要打印的内容。")
            return
        self.accept()

    def snapshot(self) -> Optional[SnapshotEntry]:
        index = self.version.currentIndex()
        return self.snapshots[index - 1] if index > 0 else None

    def chosen_parts(self) -> Tuple[str, ...]:
        return tuple(part for part, box in self.parts.items() if box.isChecked())

    def settings(self) -> dict:
        return dict(watermark=self.watermark.currentData(), parts=self.chosen_parts(),
                    signoff=self.signoff.isChecked())


class PrintActions(QObject):
    """What the commands of print_menu do; created by the window when one is first used."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.printer = None  # kept, so the printer and its settings chosen once stay chosen

    # -- what to print ---------------------------------------------------------------------
    def _entry(self):
        return self.window.library.entry(self.window.report_id)

    def choose(self, title: str) -> Optional[Tuple[Report, PrintOptions]]:
        """Ask which version and how; None when cancelled or the library cannot be read."""
        window = self.window
        window.autosaver.flush()
        try:
            entry = self._entry()
            snapshots = window.library.list_snapshots(window.report_id)
        except StorageError as e:
            QMessageBox.warning(window, title, str(e))
            return None
        dialog = PrintOptionsDialog(window, title, entry.status, fingerprint(window.document.report), snapshots)
        if dialog.exec() != QDialog.Accepted:
            return None
        return self.job(dialog.snapshot(), **dialog.settings())

    def job(self, snapshot: Optional[SnapshotEntry] = None, **settings) -> Optional[Tuple[Report, PrintOptions]]:
        """The report and options for the current draft or a snapshot, with the findings it still has."""
        window = self.window
        try:
            if snapshot is None:
                window.document.ensure_checked()
                entry = self._entry()
                report = window.document.report.copy()  # later typing does not change a print in progress
                options = draft_options(entry.status, entry.version, findings=tuple(window.document.findings),
                                        **settings)
            else:
                from disclosure_report.checks import run_checks

                report = window.library.load_snapshot(snapshot.id)
                findings = tuple(run_checks(report, window.document.previous))
                options = snapshot_options(snapshot, findings=findings, **settings)
        except StorageError as e:
            QMessageBox.warning(window, "无法读取该版本", str(e))
            return None
        return report, options

    # -- printing ----------------------------------------------------------------------------
    def _printer(self):
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrinter

        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setFullPage(True)  # the layout sets its own GB/T 9704 margins
        self.printer.setDocName(self.window.document.report.display_title())
        return self.printer

    def paint(self, printer, report: Report, options: PrintOptions) -> bool:
        from disclosure_report.printing.render import paint_report

        try:
            paint_report(printer, report, options)
        except ReportFileError as e:
            QMessageBox.warning(self.window, "无法打印", str(e))
            return False
        return True

    def _preview(self, report: Report, options: PrintOptions, title: str) -> None:
        from disclosure_report.ui.print_preview import show_preview

        show_preview(self, report, options, title)  # laid out by the PDF worker, not on this thread

    def preview(self) -> None:
        chosen = self.choose("打印预览")
        if chosen is not None:
            self._preview(*chosen, f"打印预览 — {chosen[0].display_title()}")

    def print_blank(self) -> None:
        self._preview(self.window.document.report, blank_form_options(), "打印预览 — 空白统计表")

    def print_report(self) -> None:
        chosen = self.choose("打印")
        if chosen is not None:
            self.send_to_printer(*chosen)

    def send_to_printer(self, report: Report, options: PrintOptions) -> None:
        """Ask which printer and how (Qt's print dialog, here), then print the report in a worker process.

        The window's printer keeps what the clerk chose for next time; the worker gets it by value."""
        from PySide6.QtPrintSupport import QPrintDialog

        from disclosure_report.printing.paper import settings_of
        from disclosure_report.ui.pdf_export import print_on_paper

        printer = self._printer()
        printer.setDocName(report.display_title())  # the version printed (a snapshot's may differ)
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("打印")
        if dialog.exec() == QDialog.Accepted:
            print_on_paper(self.window, report, options, settings_of(printer))

    def export_pdf(self) -> None:
        chosen = self.choose("导出 PDF")
        if chosen is None:
            return
        report, options = chosen
        name = file_name(f"{report.display_title()}（{options.version}）", ".pdf")
        path, _ = QFileDialog.getSaveFileName(self.window, "导出 PDF", dialog_path(self.window, name),
                                              "PDF 文件 (*.pdf)")
        if path:
            remember_folder(self.window, path)
            if self.write_pdf(Path(path), report, options):
                self.window.files.offer_to_open(Path(path))

    def write_pdf(self, path: Path, report: Report, options: PrintOptions) -> bool:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from disclosure_report.ui import background
        from disclosure_report.ui.pdf_export import write_pdf

        try:
            write_pdf(self.window, path, report, options)  # in a worker process
        except background.Cancelled:
            self.window.statusBar().showMessage(f"已取消导出 {path.name}", 10000)
            return False
        except ReportFileError as e:
            QMessageBox.warning(self.window, "无法导出 PDF", f"无法导出到 {path}：{e}")
            return False
        self.window.statusBar().showMessage(f"已导出 PDF：{path}", 15000)
        return True

    # -- status ------------------------------------------------------------------------------
    def update_status_actions(self) -> None:
        try:
            status = self._entry().status
        except StorageError:
            status = None
        if self.window.library.read_only:
            status = None  # nothing can be stored: see menus.disable_saving
        actions = self.window.actions
        actions["submit"].setEnabled(status == STATUS_DRAFTING)
        actions["return_to_draft"].setEnabled(status == STATUS_REVIEW)
        actions["sign"].setEnabled(status == STATUS_REVIEW)

    def _set_status(self, status: str, doing: str) -> bool:
        if not self.window.current.set_status(status, doing):
            return False
        self.update_status_actions()  # the window's title, banner and editability follow by themselves
        return True

    def submit(self) -> None:
        if self._set_status(STATUS_REVIEW, "送审"):
            self.window.statusBar().showMessage("已送审：打印时带“送审稿”水印，可加印审签单", 15000)

    def return_to_draft(self) -> None:
        if self._set_status(STATUS_DRAFTING, "退回修改"):
            self.window.statusBar().showMessage("已退回，可继续修改", 10000)

    def sign(self) -> None:
        window = self.window
        answer = QMessageBox.question(
            window, "签发",
            "签发后，这一版报告即冻结，不能再修改（需要修改时用“开始新版本”）。\n\n确定签发吗？",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes or not self._set_status(STATUS_SIGNED, "签发"):
            return
        try:
            signed = window.library.list_snapshots(window.report_id)[0]
        except (StorageError, IndexError):
            return
        QMessageBox.information(
            window, "已签发",
            f"已签发，并存为快照“{signed.name}”。\n内容码：{signed.fingerprint}\n"
            f"打印件每页页脚印有内容码，可据此核对纸质签发稿与存档版本是否一致。")
