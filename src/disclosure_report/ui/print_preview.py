"""打印预览: the PDF the printing worker writes, page by page, with 打印… and 导出 PDF… of the same version.

Qt's own preview dialog lays the report out on the GUI thread, into the
printer, each time it opens or zooms: seconds for a long report, the window
frozen meanwhile. Here the worker process lays it out once (progress and
取消 as for 导出 PDF) and the pages are rendered from its PDF as they come
into view (ui.page_view). While it is open the cyclic garbage collector
waits, as during a background Job: one full collection, with big reports
open, held the window 70–170 ms while the clerk paged through.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QSpinBox, QToolBar, QVBoxLayout

from disclosure_report.errors import ReportFileError
from disclosure_report.files import file_name
from disclosure_report.model import Report
from disclosure_report.printing.marking import PrintOptions
from disclosure_report.ui.file_commands import dialog_path, remember_folder
from disclosure_report.ui.page_view import PageView, page_sizes


def show_preview(actions, report: Report, options: PrintOptions, title: str) -> None:
    """Lay the report out in the worker, then show its pages; a message (not a preview) when that fails."""
    from disclosure_report.ui import background
    from disclosure_report.ui.pdf_export import pdf_data

    window = actions.window
    try:
        data = pdf_data(window, report, options, "正在排版预览……")
        sizes = background.run(window, "正在排版预览……", lambda: page_sizes(data))
    except background.Cancelled:
        window.statusBar().showMessage("已取消打印预览", 10000)
        return
    except ReportFileError as e:
        QMessageBox.warning(window, "无法预览", f"无法生成打印预览：{e}")
        return
    dialog = PrintPreview(actions, report, options, data, sizes, title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(dialog.view.renderer.close)
    with background.collection_paused():  # a full collection, ~70–170 ms with big reports open, waits
        dialog.exec()


class PrintPreview(QDialog):
    """The pages, a tool bar (打印…, 导出 PDF…, zoom, 第 n 页) and the page count."""

    def __init__(self, actions, report: Report, options: PrintOptions, data: bytes, sizes, title: str):
        super().__init__(actions.window)
        self.actions, self.report, self.options, self.data = actions, report, options, data
        self.setWindowTitle(title)
        self.view = PageView(data, sizes)
        self.page_box = QSpinBox()
        self.page_box.setRange(1, max(1, self.view.page_count()))
        self.page_box.setPrefix("第 ")
        self.page_box.setSuffix(f" 页，共 {self.view.page_count()} 页")
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda n: self.view.show_page(n - 1))
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        tools = QToolBar()
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.commands = {}
        for name, text, shortcut, tip, slot in (
                ("print", "打印…", QKeySequence.StandardKey.Print, "打印这一版（选择打印机、份数和页码）", self.print),
                ("export", "导出 PDF…", None, "把预览的这一版存为 PDF 文件", self.export),
                ("fit_width", "适合宽度", None, "页面宽度与窗口同宽", lambda: self.view.fit_to(PageView.FIT_WIDTH)),
                ("fit_page", "整页", None, "整页显示在窗口内", lambda: self.view.fit_to(PageView.FIT_PAGE)),
                ("zoom_out", "缩小", QKeySequence.StandardKey.ZoomOut, "缩小（Ctrl+滚轮）", lambda: self.view.zoom_by(0.8)),
                ("zoom_in", "放大", QKeySequence.StandardKey.ZoomIn, "放大（Ctrl+滚轮）", lambda: self.view.zoom_by(1.25)),
        ):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            self.commands[name] = action
            tools.addAction(action)
            if name in ("export", "fit_page"):
                tools.addSeparator()
        tools.addSeparator()
        tools.addWidget(self.page_box)
        self.zoom_label = QLabel()
        tools.addWidget(self.zoom_label)
        self._show_zoom()
        self.view.column.zoomed.connect(self._show_zoom)  # each zoom: fitting, 缩小/放大, Ctrl+滚轮
        close = QAction("关闭", self)
        close.triggered.connect(self.reject)
        tools.addSeparator()
        tools.addAction(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(tools)
        layout.addWidget(self.view, 1)
        window = actions.window
        self.resize(window.width() * 4 // 5, window.height() * 9 // 10)

    def _scrolled(self) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(self.view.current_page() + 1)
        self.page_box.blockSignals(False)

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"  {self.zoom_percent()}%  ")

    def zoom_percent(self) -> int:
        """The zoom as Word shows it: 100% is the paper's own size on a screen of the window's dots per inch."""
        return round(self.view.column.zoom * 72 / self.logicalDpiX() * 100)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scrolled()

    def print(self) -> None:
        self.actions.send_to_printer(self.report, self.options)

    def export(self) -> None:
        """The previewed PDF itself, saved where the clerk says: no second layout, the same bytes."""
        from disclosure_report.atomicwrite import write_atomically
        from disclosure_report.ui import background

        name = file_name(f"{self.report.display_title()}（{self.options.version}）", ".pdf")
        path, _ = QFileDialog.getSaveFileName(self, "导出 PDF", dialog_path(self, name), "PDF 文件 (*.pdf)")
        if not path:
            return
        remember_folder(self, path)
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        window = self.actions.window
        try:
            background.run(self, f"正在导出 {target.name}……", lambda: write_atomically(target, self.data))
        except ReportFileError as e:
            QMessageBox.warning(self, "无法导出 PDF", str(e))
            return
        window.statusBar().showMessage(f"已导出 PDF：{target}", 15000)
        window.files.offer_to_open(target)
