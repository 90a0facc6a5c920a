"""The main window: its layout, the open report's views, the findings, the status bar.

What the commands are called and where they sit is ``menus``; the report
open and every library operation about it is ``open_report`` (``current``);
import and export are ``file_commands`` (``files``). The window shows what
``current`` holds and says what it reports.
"""

from __future__ import annotations

import gc
import os
import time
from typing import TYPE_CHECKING, Dict, Optional

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QUndoGroup

# dialogs are imported where they are used: PySide6 creates each class's enums on import (~0.2 ms each)
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QSplitter, QVBoxLayout, QWidget

from disclosure_report.storage import FROZEN_MESSAGE, STATUS_SIGNED
from disclosure_report.ui import menus
from disclosure_report.ui.file_commands import FileCommands
from disclosure_report.ui.findings_panel import FindingsPanel
from disclosure_report.ui.look import LARGE_POINT_SIZE, NORMAL_POINT_SIZE, STATUS_ALERT_STYLE, apply_font_size
from disclosure_report.ui.open_report import READ_ONLY_MESSAGE, OpenReport, read_only_banner
from disclosure_report.ui.report_editor import ReportEditor
from disclosure_report.ui.text_tools import TextTools
from disclosure_report.ui.window_layout import restore_geometry, restore_panes, save_layout, saved_layout

if TYPE_CHECKING:
    from disclosure_report.ui.banner import Banner

APP_NAME = "政府信息公开工作年度报告"
AFTER_SHOWN_LATEST_MS = 1000
EXPOSURE_POLL_MS = 5
VERTICAL = 2  # Qt::Vertical
# bench/bench_startup_windows.py times the installed program's start by this file: the moment Qt
# exposes the window is written into it (as bench/bare_window.py does for the baseline)
SHOWN_MARK = "DISCLOSURE_REPORT_SHOWN_MARK"


class MainWindow(QMainWindow):
    def __init__(self, library, report_id: int, parent=None):
        super().__init__(parent)
        self.current = OpenReport(library, self)
        self.files = FileCommands(self)
        self.editor: Optional[ReportEditor] = None
        self.findings_panel: Optional[FindingsPanel] = None
        self._last_found = None
        self._refusal = ""  # the status bar's message from refuse, until the next edit clears it
        self._after_shown_pending = True  # see _after_shown
        self.undo_group = QUndoGroup(self)
        self._actions: Dict[str, QAction] = {}
        self._menus_built = False
        self.setAcceptDrops(True)
        layout = saved_layout(library)
        if not restore_geometry(self, layout):
            self._fit_to_screen()
        menus.menu_bar(self)
        self._print_actions = None
        menus.toolbar(self)
        self._status_bar()
        self.text_tools = TextTools(self)
        self._banner: Optional[Banner] = None  # made when first shown: see banner
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        self._panes(layout)
        central_layout.addWidget(self.panes, 1)
        self.setCentralWidget(central)
        self.current.opened.connect(self._show_document)
        self.current.saved.connect(self._saved)
        self.current.saveFailed.connect(self._save_failed)
        self.current.overtaken.connect(self._overtaken)
        self.current.operations.changed.connect(lambda doing: self.refresh_status())
        self.open_report(report_id, check_now=False)  # checked once on screen: see _after_shown

    # what the open report holds, by the names the window's helpers (print_actions, text_tools) use
    @property
    def library(self):
        return self.current.library

    @property
    def report_id(self) -> Optional[int]:
        return self.current.report_id

    @property
    def document(self):
        return self.current.document

    @property
    def autosaver(self):
        return self.current.autosaver

    @property
    def banner(self) -> Banner:
        """The notice over the top of the report (ui/banner.py)."""
        if self._banner is None:
            from disclosure_report.ui.banner import Banner  # its QEvent is some 180 enum members to build

            self._banner = Banner(self.centralWidget())
        return self._banner

    def _hide_banner(self, only_if_starting: str = "") -> None:
        if self._banner is not None and self._banner.text().startswith(only_if_starting):
            self._banner.hide()

    @property
    def actions(self) -> Dict[str, QAction]:
        """Every command's action by name (the menus are completed first, should they not be yet)."""
        self._build_menus()
        return self._actions

    @property
    def print_actions(self):
        """Printing and the status commands, loaded when first used."""
        if self._print_actions is None:
            from disclosure_report.ui.print_actions import PrintActions

            self._print_actions = PrintActions(self)
        return self._print_actions

    def _fit_to_screen(self) -> None:
        """Room for table 三 side by side with the parts, but never larger than the screen (1366×768 PCs)."""
        width, height = 1320, 900
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width, height = min(width, available.width() * 95 // 100), min(height, available.height() * 92 // 100)
        self.resize(width, height)

    def _action(self, name: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        """A command's action, kept by name in actions (see menus.add_action)."""
        return menus.add_action(self, name, text, slot, shortcut, tip)

    def _build_menus(self) -> None:
        if self._menus_built:
            return
        self._menus_built = True
        menus.build(self)
        self._show_manual_totals()
        if self.library.read_only:
            menus.disable_saving(self)

    def _status_bar(self) -> None:
        self.counts_label = QLabel()
        self.save_label = QLabel()
        self.save_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("已自动保存 00:00:00") + 8)
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.counts_label)

    def _panes(self, layout: dict) -> None:
        """The report above, the findings below, as the clerk last left them (not a dock: it cannot be
        dragged off by mistake, and it has no title-bar icons to load before the window shows)."""
        self.panes = QSplitter()  # no arguments: a parent in first place makes PySide6 load Qt's namespace
        self.panes.setChildrenCollapsible(False)
        self.findings_pane = QWidget()
        pane_layout = QVBoxLayout(self.findings_pane)
        pane_layout.setContentsMargins(0, 4, 0, 0)
        pane_layout.setSpacing(2)
        caption = QLabel("核对结果")
        caption.setIndent(4)
        pane_layout.addWidget(caption)
        self.panes.addWidget(QWidget())  # the report's editor comes in open_report
        self.panes.addWidget(self.findings_pane)
        if not restore_panes(self.panes, layout):  # the first start, or the last one was ended without closing
            # Qt.Vertical by its number: naming it loads Qt's namespace, some ninety enum classes (window_layout)
            self.panes.setProperty("orientation", VERTICAL)
            findings_height = max(120, self.height() // 5)
            self.panes.setSizes([self.height() - findings_height, findings_height])
        self.panes.setStretchFactor(0, 1)
        self.findings_pane.setVisible(layout.get("findings_shown", True))

    def set_findings_shown(self, shown: bool) -> None:
        # the action's slot, not findings_pane.setVisible itself: PySide6 connects a Qt method to
        # triggered() without the checked flag, and setVisible then fails for want of an argument
        self.findings_pane.setVisible(shown)

    # -- the open report ------------------------------------------------------------
    def open_report(self, report_id: int, check_now: bool = True) -> bool:
        """Show a report of the library; False (and a message) if it cannot be read."""
        return self.current.open(report_id, check_now)

    def _show_document(self, document) -> None:
        """The views of the report just opened, in place of the last one's."""
        for stack in self.undo_group.stacks():
            self.undo_group.removeStack(stack)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.editor = ReportEditor(document)
        self.panes.replaceWidget(0, self.editor).deleteLater()  # the last report's editor, or the stand-in
        self.editor.refused.connect(self.refuse)
        panel = FindingsPanel(document)
        panel.findingActivated.connect(self.editor.show_finding)
        if self.findings_panel is not None:
            self.findings_pane.layout().replaceWidget(self.findings_panel, panel)
            self.findings_panel.deleteLater()
        else:
            self.findings_pane.layout().addWidget(panel, 1)
        self.findings_panel = panel
        self.text_tools.set_document(document)
        document.findingsChanged.connect(self._show_counts)
        document.message.connect(self.refuse)
        document.changed.connect(self._forget_refusal)
        self.editor.parts.currentRowChanged.connect(self._forget_refusal)
        document.fieldChanged.connect(self._field_changed)
        document.reportReplaced.connect(self.refresh_status)
        self._show_manual_totals()
        self._hide_banner()
        self.refresh_status()
        self._show_counts()
        self.save_label.setText("只读，不能保存" if self.library.read_only else "草稿自动保存")

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible and self._after_shown_pending:
            self._await_first_paint(0)

    def _await_first_paint(self, waited_ms: int) -> None:
        """_after_shown once Qt has exposed (and so painted) the window, or after AFTER_SHOWN_LATEST_MS.

        Qt has no signal for that; a showEvent or an event filter would have PySide6 build QEvent's
        enum classes before the first paint, a cost bench_startup sees, so a few short timers ask."""
        handle = self.windowHandle()
        exposed = handle is not None and handle.isExposed()
        if exposed and os.environ.get(SHOWN_MARK):
            with open(os.environ[SHOWN_MARK], "w", encoding="ascii") as mark:
                mark.write(repr(time.time()))
        if exposed or waited_ms >= AFTER_SHOWN_LATEST_MS:
            QTimer.singleShot(0, self, self._after_shown)
        else:
            QTimer.singleShot(EXPOSURE_POLL_MS, self, lambda: self._await_first_paint(waited_ms + EXPOSURE_POLL_MS))

    def _after_shown(self) -> None:
        """What the clerk need not wait for, once the report is on screen: the first check (the
        findings panel fills a moment later) and today's backup of the library; and Python's
        collector again, paused while the window started (ui/app.run_app)."""
        if not self._after_shown_pending:
            return
        self._after_shown_pending = False
        gc.enable()
        self._build_menus()
        if self.document is not None:
            self.document.ensure_checked()
        self.library.make_daily_backup()  # also removes the half-written backups of a killed start
        self.files.remove_leftovers()
        if self.library.backup_warning:
            self.statusBar().showMessage(self.library.backup_warning, 60000)

    def _field_changed(self, key: str) -> None:
        if key in ("organ", "year", "title"):
            self.refresh_status()
        if key == "manual_totals":
            self._show_manual_totals()

    def _show_manual_totals(self) -> None:
        if self._menus_built and self.document is not None:  # else _build_menus shows it
            self._actions["manual_totals"].setChecked(self.document.report.manual_totals)

    def refresh_status(self) -> None:
        """Title, banner and editability from the library's entry (call after changing its status)."""
        entry = self.current.entry()
        if entry is not None:
            status, version, prefix = entry.status, entry.version, "示例 · " if entry.is_sample else ""
        else:
            status, version, prefix = "", 1, ""
        title = f"{prefix}{self.document.report.display_title()}"
        self.setWindowTitle(f"{title}（{status}）— {APP_NAME}" if status else f"{title} — {APP_NAME}")
        signed = status == STATUS_SIGNED
        self.document.set_read_only(READ_ONLY_MESSAGE if self.library.read_only else FROZEN_MESSAGE if signed else "")
        if self.library.read_only:
            self._show_banner(read_only_banner(self.library.read_only))
        elif signed:
            self._show_banner(f"这份报告（v{version}）已签发，不能再修改。如需修改，请点“工具 → 开始新版本”。")
        else:
            self._hide_banner(only_if_starting="这份报告（")

    # -- messages -------------------------------------------------------------------
    def refuse(self, message: str) -> None:
        """An entry not taken or a notice: the status bar says it until the next edit or page (15 s at most)."""
        self._refusal = message
        self.statusBar().showMessage(message, 15000)

    def _forget_refusal(self, *_) -> None:
        """A later edit or another page: what was refused before is not news about it (issue 12, case 7)."""
        if self._refusal and self.statusBar().currentMessage() == self._refusal:
            self.statusBar().clearMessage()
        self._refusal = ""

    def _show_counts(self) -> None:
        if not self.document.checked:
            self.counts_label.setText("正在核对……")
            return
        counts = self.document.counts()
        self.counts_label.setText(f"错误 {counts['error']} 处 · 提醒 {counts['warning']} 处")
        self.counts_label.setStyleSheet(STATUS_ALERT_STYLE if counts["error"] else "")

    def _saved(self) -> None:
        self.save_label.setText("已自动保存 " + time.strftime("%H:%M:%S"))
        self.save_label.setStyleSheet("")
        self._hide_banner()

    def _save_failed(self, message: str) -> None:
        self.save_label.setText("未保存！")
        self.save_label.setStyleSheet(STATUS_ALERT_STYLE)
        # most storage messages already say the edits are still in the window; say it once
        kept = "" if "仍在窗口中" in message else "修改仍保留在窗口中，"
        self._show_banner(f"{message}\n{kept}程序会每隔几秒自动重试保存。")

    def _overtaken(self, message: str) -> None:
        self.save_label.setText("已载入最新内容")
        self._show_banner(message)

    def _show_banner(self, text: str) -> None:
        self.banner.show_text(text)

    # -- commands -------------------------------------------------------------------
    def show_consolidate(self) -> None:
        from disclosure_report.ui.consolidate_dialog import ConsolidateDialog

        dialog = ConsolidateDialog(self.current.operations, self)
        if dialog.exec() and dialog.created_id is not None:
            self.open_report(dialog.created_id)

    def show_library(self) -> None:
        from disclosure_report.ui.library_dialog import LibraryDialog

        self.current.flush()
        dialog = LibraryDialog(self.library, self.report_id, self)
        if dialog.exec() and dialog.chosen is not None:
            self.open_report(dialog.chosen)

    def new_report(self) -> None:
        """Organ and year asked, nothing proposed (the open report may be the sample's 鄄城县)."""
        from disclosure_report.ui.library_dialog import ask_new_report
        from disclosure_report.ui.new_reports import open_existing

        report = ask_new_report(self)
        if report is not None and not open_existing(self, report.organ, report.year):
            self.current.create(report)

    def new_from_last_year(self) -> None:
        from disclosure_report.ui.new_reports import new_from_last_year

        new_from_last_year(self)

    def save_now(self) -> None:
        """Ctrl+S: store the draft now (it is also stored within a second of every change)."""
        if self.library.read_only:
            self.refuse(READ_ONLY_MESSAGE)
        elif self.current.flush():
            stamp = time.strftime("%H:%M")
            self.save_label.setText(f"已保存 {stamp}")
            self.statusBar().showMessage(f"已保存 {stamp}", 5000)

    def take_snapshot(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        count = len(self.current.snapshots())
        name, ok = QInputDialog.getText(self, "保存快照", "快照名称：", QLineEdit.Normal, f"送审稿 v{count + 1}")
        if ok and name.strip() and self.current.take_snapshot(name.strip()):
            self.statusBar().showMessage(f"已保存快照“{name.strip()}”", 10000)

    def show_snapshots(self) -> None:
        from disclosure_report.ui.snapshots_dialog import SnapshotsDialog

        self.current.flush()
        SnapshotsDialog(self.current, self).exec()

    def focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_row(self, text: str) -> None:
        found = self.editor.find_row(text, self._last_found)
        self._last_found = found
        if found is None:
            self.refuse(f"没有找到行名含“{text.strip()}”的行")

    def next_finding(self) -> None:
        findings = self.findings_panel.findings()
        if not findings:
            return
        row = (self.findings_panel.currentRow() + 1) % len(findings)
        self.findings_panel.setCurrentRow(row)
        self.editor.show_finding(findings[row])

    def set_large_text(self, on: bool) -> None:
        apply_font_size(LARGE_POINT_SIZE if on else NORMAL_POINT_SIZE)
        for view in self.editor.built_table_views():
            view.fit_to_font()
        # the size applies now; only remembering it is lost should this fail
        self.current.operations.read("保存设置", self.library.set_setting, "large_text", bool(on))

    def toggle_manual_totals(self, on: bool) -> None:
        self.document.edit_field("manual_totals", bool(on))

    def start_new_version(self) -> None:
        version = self.current.start_new_version()
        if version is not None:
            self.statusBar().showMessage(f"已开始第 {version} 版草稿，可以修改了；已签发的版本保留在快照中", 15000)

    def show_manual(self) -> None:
        from disclosure_report.ui.manual import show_manual

        show_manual(self)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from disclosure_report import __version__
        from disclosure_report.storage.paths import portable_data_folder

        QMessageBox.about(self, "关于", f"{APP_NAME}编制工具 {__version__}\n"
                                       f"格式依据：{self.document.report.format.basis}\n"
                                       f"草稿库：{self.library.path}"
                                       + ("\n绿色版：草稿保存在程序旁的 data 文件夹中，随程序文件夹一起拷走"
                                          if portable_data_folder() else ""))

    # -- files ----------------------------------------------------------------------
    def import_file(self, path, into_current: Optional[bool] = None) -> bool:
        return self.files.import_file(path, into_current)

    def export_file(self, path) -> bool:
        return self.files.export_file(path)

    def choose_export(self, suffixes=None) -> None:
        self.files.choose_export(suffixes)

    def dragEnterEvent(self, event):
        if self.files.accepts(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event):
        path = self.files.accepts(event)
        if path is not None:
            event.acceptProposedAction()
            self.import_file(path)

    # -- closing --------------------------------------------------------------------
    def closeEvent(self, event):
        if not self.current.close():
            event.ignore()
            return
        save_layout(self.library, self, self.panes, not self.findings_pane.isHidden())
        event.accept()
