"""The window's text tools: the 起草助手 dock (视图), 与上年对照 and reading
last year's report from a file (工具).

Installed by the main window with one line; ``set_document`` follows the
report the window opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from PySide6.QtCore import QObject

from disclosure_report.errors import ReportFileError
from disclosure_report.storage import StorageError
from disclosure_report.ui.file_commands import dialog_path, remember_folder


class TextTools(QObject):
    """The dock and the dialogs are built (and their modules imported) when first used."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document = None
        self._dock = None
        self.cross_year_view = None

    def add_actions(self) -> None:
        """The commands in the window's menus (see MainWindow._build_menus)."""
        window = self.window
        a = window._action
        a("drafting", "起草助手（由表格生成标准段落）", self._toggle_dock)
        window.actions["drafting"].setCheckable(True)
        window.view_menu.addAction(window.actions["drafting"])
        a("cross_year", "与上年对照…", self.show_cross_year, None,
          "上年与本年表格逐项对照，并显示历年申请数、办结数、复议诉讼、现行有效文件")
        a("previous_file", "读取上年报告文件…", self.choose_previous_file, None,
          "报告库中没有上年报告时，选择上年的报告文件，用于上年结转、同比和五的重复检查")
        window.tools_menu.addSeparator()
        window.tools_menu.addAction(window.actions["cross_year"])
        window.tools_menu.addAction(window.actions["previous_file"])

    @property
    def dock(self):
        """The 起草助手 dock (hidden until asked for)."""
        if self._dock is None:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QDockWidget  # here, not above: its enums would slow the start

            from disclosure_report.ui.drafting_panel import DraftingPanel

            self._dock = QDockWidget("起草助手", self.window)
            self._dock.setObjectName("drafting")
            self._dock.setWidget(DraftingPanel())
            self.window.addDockWidget(Qt.RightDockWidgetArea, self._dock)
            self._dock.hide()
            self._dock.toggleViewAction().toggled.connect(self.window.actions["drafting"].setChecked)
            if self.document is not None:
                self.set_document(self.document)
        return self._dock

    @property
    def panel(self):
        return self.dock.widget()

    def _toggle_dock(self, on: bool) -> None:
        self.dock.setVisible(on)

    def set_document(self, document) -> None:
        self.document = document
        if self._dock is not None:
            self.panel.set_document(document, self._editor_of, self._show_section)

    def _editor_of(self, section: str):
        editor = self.window.editor
        page = editor.pages.get(section) if editor is not None else None
        return getattr(page, "editor", None)

    def _show_section(self, section: str) -> None:
        if self.window.editor is not None:
            self.window.editor.show_page(section)

    # -- last year -------------------------------------------------------------------
    def history(self) -> List[Tuple[int, list]]:
        """(year, key figures) of every year the library holds for the organ, this year as edited."""
        from disclosure_report.ui.cross_year_view import key_figures

        window = self.window
        report = window.document.report
        found = {}
        try:
            for year, report_id in window.library.years_of(report.organ):
                if report_id != window.report_id:
                    found[year] = key_figures(window.library.load(report_id))
        except StorageError as e:
            window.refuse(f"读取往年报告时出错：{e}")
        previous = window.document.previous
        if previous is not None and previous.year:
            found.setdefault(previous.year, key_figures(previous))
        if report.year:
            found[report.year] = key_figures(report)
        return sorted(found.items())

    def show_cross_year(self) -> None:
        from disclosure_report.ui.cross_year_view import CrossYearView

        document = self.window.document
        self.cross_year_view = CrossYearView(document.report, document.previous, self.history(), self.window)
        self.cross_year_view.show()

    def choose_previous_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from disclosure_report import files
        from disclosure_report.ui.file_commands import file_filter

        # last year's report as it was published (PDF, web page) or kept (DOCX, XLSX, JSON)
        path, _ = QFileDialog.getOpenFileName(self.window, "读取上年报告文件", dialog_path(self.window),
                                              file_filter(files.READERS))
        remember_folder(self.window, path)
        if path:
            self.use_previous_file(Path(path))

    def use_previous_file(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from disclosure_report.files import read_report, refusal

        document = self.window.document
        try:
            previous = read_report(path)
        except ReportFileError as e:
            QMessageBox.warning(self.window, "无法读取上年报告", refusal(str(e), path, "请另选上年报告文件"))
            return False
        year = document.report.year
        if year and previous.year != year - 1:
            QMessageBox.warning(self.window, "不是上一年的报告",
                                f"{path.name} 是 {previous.year or '未填年度'} 年的报告，本报告是 {year} 年，"
                                f"需要 {year - 1} 年的报告。请另选文件。")
            return False
        document.set_previous(previous)
        self.window.refuse(f"已使用 {path.name} 作为上年报告（{previous.organ} {previous.year} 年）")
        return True
