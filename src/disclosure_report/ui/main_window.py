"""The main window: menus, the open report, the findings, the status bar.

Menus are built in one place each (``_file_menu`` …) from actions created in
``_create_actions``: to add a command, create its action there and put it
in its menu. The menus get their commands (and the keyboard shortcuts) in
the first turn of the event loop after the window is on screen
(``_build_menus``), or sooner should anything ask for ``actions``. Import
and export list whatever ``files.READERS`` and ``files.WRITERS`` know, so a
new file kind needs no change here.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Dict, List, Optional

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QUndoGroup

# dialogs are imported where they are used: PySide6 creates each class's enums on import (~0.2 ms each)
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QSplitter, QVBoxLayout, QWidget

from disclosure_report import files
from disclosure_report.errors import ReportFileError
from disclosure_report.storage import FROZEN_MESSAGE, STATUS_SIGNED, StorageError
from disclosure_report.ui.autosave import AutoSaver
from disclosure_report.ui.document import ReportDocument
from disclosure_report.ui.findings_panel import FindingsPanel
from disclosure_report.ui.look import BANNER, restyle
from disclosure_report.ui.report_editor import ReportEditor
from disclosure_report.ui.text_tools import TextTools
from disclosure_report.ui.window_layout import restore_geometry, restore_panes, save_layout, saved_layout

APP_NAME = "政府信息公开工作年度报告"
NORMAL_POINT_SIZE = 11
LARGE_POINT_SIZE = 14
RECENT_LIMIT = 8
HEARTBEAT_MS = 30_000
AFTER_SHOWN_LATEST_MS = 1000
EXPOSURE_POLL_MS = 5
# names clerks know file kinds by; an unknown suffix is shown as "XYZ 文件"
FILE_KINDS = {".json": "交换格式 JSON", ".docx": "Word 文档", ".doc": "Word 文档", ".xlsx": "Excel 工作簿",
              ".xlsm": "Excel 工作簿", ".xls": "Excel 工作簿", ".pdf": "PDF 文件"}


def file_kind(suffix: str) -> str:
    return FILE_KINDS.get(suffix, f"{suffix[1:].upper()} 文件")


def by_kind(suffixes) -> Dict[str, List[str]]:
    """Suffixes grouped under the name of their kind (Word 文档: .doc .docx), in a stable order."""
    kinds: Dict[str, List[str]] = {}
    for suffix in sorted(suffixes):
        kinds.setdefault(file_kind(suffix), []).append(suffix)
    return kinds


def file_filter(suffixes) -> str:
    """A file dialog filter: all the kinds at once, then each kind."""
    every = " ".join(f"*{s}" for s in sorted(suffixes))
    return ";;".join([f"报告文件 ({every})"] + [f"{kind} ({' '.join('*' + s for s in group)})"
                                                 for kind, group in by_kind(suffixes).items()])


class MainWindow(QMainWindow):
    def __init__(self, library, report_id: int, parent=None):
        super().__init__(parent)
        self.library = library
        self.report_id: Optional[int] = None
        self.document: Optional[ReportDocument] = None
        self.editor: Optional[ReportEditor] = None
        self.findings_panel: Optional[FindingsPanel] = None
        self.autosaver: Optional[AutoSaver] = None
        self._last_found = None
        self._after_shown_pending = True  # see _after_shown
        self.undo_group = QUndoGroup(self)
        self._actions: Dict[str, QAction] = {}
        self._menus_built = False
        self.setAcceptDrops(True)
        layout = saved_layout(library)
        if not restore_geometry(self, layout):
            self._fit_to_screen()
        self._menu_bar()
        self._print_actions = None
        self._toolbar()
        self._status_bar()
        self.text_tools = TextTools(self)
        self.banner = QLabel()
        self.banner.setStyleSheet(BANNER)
        self.banner.setWordWrap(True)
        self.banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.banner)
        self._panes(layout)
        central_layout.addWidget(self.panes, 1)
        self.setCentralWidget(central)
        self._heartbeat = QTimer(self)
        self._heartbeat.timeout.connect(self._keep_claim)
        self._heartbeat.start(HEARTBEAT_MS)
        self.open_report(report_id, check_now=False)  # checked once on screen: see _after_shown

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

    # -- actions and menus ------------------------------------------------------------
    def _action(self, name: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        # by keyword: QAction(text, parent) makes PySide6 load QIcon's enums to rule out QAction(icon, …)
        action = QAction(text=text, parent=self)
        if shortcut is not None:
            from PySide6.QtGui import QKeySequence

            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self._actions[name] = action
        return action

    def _menu_bar(self) -> None:
        """The menus' titles, there from the start; a menu opened before it has its commands gets them then."""
        bar = self.menuBar()
        self.file_menu, self.edit_menu, self.view_menu, self.tools_menu, self.help_menu = (
            bar.addMenu(title) for title in ("文件(&F)", "编辑(&E)", "视图(&V)", "工具(&T)", "帮助(&H)"))
        for menu in (self.file_menu, self.edit_menu, self.view_menu, self.tools_menu, self.help_menu):
            menu.aboutToShow.connect(self._build_menus)

    def _build_menus(self) -> None:
        """The menus' commands with their shortcuts: not needed to paint the window, so made once it is shown."""
        if self._menus_built:
            return
        from disclosure_report.ui import print_menu

        self._menus_built = True
        self._create_actions()
        self._file_menu()
        self._edit_menu()
        self._view_menu()
        self._tools_menu()
        self._help_menu()
        print_menu.install(self)  # 文件: 打印、导出 PDF; 工具: 送审、退回修改、签发
        self.text_tools.add_actions()  # 视图: 起草助手; 工具: 与上年对照、读取上年报告文件
        self._actions["large_text"].setChecked(QApplication.font().pointSize() == LARGE_POINT_SIZE)
        self._show_manual_totals()

    def _create_toolbar_actions(self) -> None:
        """The toolbar's two commands, there from the start; their keys come with the others (_create_actions)."""
        self._action("library", "报告库…", self.show_library, None, "新建、打开、复制、删除报告")
        self._action("snapshot", "保存快照…", self.take_snapshot, None,
                     "给当前草稿存一个有名字的版本，如“送审稿 v1”（草稿本身随时自动保存）")

    def _create_actions(self) -> None:
        from PySide6.QtGui import QKeySequence  # its enums are not needed to paint the window

        self._actions["library"].setShortcut(QKeySequence.Open)
        self._actions["snapshot"].setShortcut(QKeySequence.Save)
        a = self._action
        a("new", "新建报告…", self.new_report, QKeySequence.New, "为本机关新建一份空白报告")
        a("new_from_last_year", "由上年报告新建", self.new_from_last_year, None,
          "复制机关名称、联系方式和引言，并把上年“结转下年度继续办理”填入本年“上年结转”")
        a("snapshots", "快照与比较…", self.show_snapshots, None, "查看快照、与当前草稿比较、恢复")
        a("import", "导入…", self.choose_import, None, "读取一份报告文件")
        a("export", "导出…", self.choose_export, None, "把当前报告导出为文件")
        a("quit", "退出", self.close, QKeySequence.Quit)
        self._actions["undo"] = self.undo_group.createUndoAction(self, "撤销")
        self._actions["undo"].setShortcut(QKeySequence.Undo)
        self._actions["redo"] = self.undo_group.createRedoAction(self, "重做")
        # Ctrl+Y everywhere, plus the platform's own redo keys (the same key twice is "ambiguous")
        redo_keys = {k.toString(): k for k in [QKeySequence("Ctrl+Y")] + QKeySequence.keyBindings(QKeySequence.Redo)}
        self._actions["redo"].setShortcuts(list(redo_keys.values()))
        a("find", "查找行…", self.focus_find, QKeySequence.Find, "按行名查找表格中的行，如“不予公开”")
        a("next_finding", "下一个问题", self.next_finding, QKeySequence("F8"), "转到核对结果中的下一条")
        a("large_text", "大字号", self.set_large_text, None, "放大窗口中的文字")
        self._actions["large_text"].setCheckable(True)
        a("findings", "核对结果", self.set_findings_shown, None, "显示或隐藏窗口下方的核对结果")
        self._actions["findings"].setCheckable(True)
        self._actions["findings"].setChecked(not self.findings_pane.isHidden())
        a("manual_totals", "手工填写合计", self.toggle_manual_totals, None,
          "照抄已公布的报告时使用：合计不再自动计算，由核对检查")
        self._actions["manual_totals"].setCheckable(True)
        a("consolidate", "汇总下级单位报表…", self.show_consolidate, None,
          "把各单位报来的填报表、报告相加，得到本级报告，并列出每个数字由哪些单位构成")
        a("start_new_version", "开始新版本", self.start_new_version, None,
          "已签发的报告不能修改：开始新版本后可以继续修改，签发的版本仍保存在快照中")
        a("about", "关于", self.show_about)

    def _file_menu(self) -> None:
        menu = self.file_menu
        for name in ("library", "new", "new_from_last_year"):
            menu.addAction(self.actions[name])
        self.recent_menu = menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        menu.addAction(self.actions["snapshot"])
        menu.addAction(self.actions["snapshots"])
        menu.addSeparator()
        self.import_menu = menu.addMenu("导入")
        self.import_menu.aboutToShow.connect(self._fill_import_menu)
        self.export_menu = menu.addMenu("导出")
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        menu.addSeparator()
        menu.addAction(self.actions["quit"])

    def _edit_menu(self) -> None:
        menu = self.edit_menu
        for name in ("undo", "redo"):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        menu.addAction(self.actions["find"])
        menu.addAction(self.actions["next_finding"])

    def _view_menu(self) -> None:
        self.view_menu.addAction(self.actions["large_text"])
        self.view_menu.addAction(self.actions["findings"])

    def _tools_menu(self) -> None:
        menu = self.tools_menu
        menu.addAction(self.actions["manual_totals"])
        menu.addAction(self.actions["consolidate"])
        menu.addAction(self.actions["start_new_version"])

    def _help_menu(self) -> None:
        self.help_menu.addAction(self.actions["about"])

    def _toolbar(self) -> None:
        bar = self.addToolBar("常用")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        self._create_toolbar_actions()
        for name in ("library", "snapshot"):
            bar.addAction(self._actions[name])
        # the menu's undo/redo name the step; the toolbar keeps short words
        for text, slot, signal in (("撤销", self.undo_group.undo, self.undo_group.canUndoChanged),
                                   ("重做", self.undo_group.redo, self.undo_group.canRedoChanged)):
            action = QAction(text=text, parent=self)  # not bar.addAction(text, slot): see _action
            action.triggered.connect(slot)
            bar.addAction(action)
            action.setEnabled(False)
            signal.connect(action.setEnabled)
        bar.addSeparator()
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("查找行（Ctrl+F），如：不予公开")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setMaximumWidth(320)
        self.find_edit.returnPressed.connect(lambda: self.find_row(self.find_edit.text()))
        bar.addWidget(self.find_edit)

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
        if not restore_panes(self.panes, layout):
            from PySide6.QtCore import Qt  # first start only: see window_layout

            self.panes.setOrientation(Qt.Vertical)
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
        try:
            report = self.library.load(report_id)
            previous = self._previous_year(report)
        except StorageError as e:
            self._storage_problem("打不开这份报告", e)
            return False
        if not self._leave_report():
            return False
        if self.report_id is not None:
            self._release(self.report_id)
        self.report_id = report_id
        old_document, document = self.document, ReportDocument(report, previous, self, check_now)
        self.document = document
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
        if old_document is not None:
            old_document.deleteLater()
        self.findings_panel = panel
        self.text_tools.set_document(document)
        document.findingsChanged.connect(self._show_counts)
        document.message.connect(self.refuse)
        document.fieldChanged.connect(self._field_changed)
        document.reportReplaced.connect(self.refresh_status)
        self.autosaver = AutoSaver(self.library, report_id, document, self)
        self.autosaver.saved.connect(self._saved)
        self.autosaver.failed.connect(self._save_failed)
        self._show_manual_totals()
        self.banner.hide()
        self._claim(report_id)
        self._remember(report_id)
        self.refresh_status()
        self._show_counts()
        self.save_label.setText("草稿自动保存")
        return True

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible and self._after_shown_pending:
            self._await_first_paint(0)

    def _await_first_paint(self, waited_ms: int) -> None:
        """_after_shown once Qt has exposed (and so painted) the window, or after AFTER_SHOWN_LATEST_MS.

        Qt has no signal for that; a showEvent or an event filter would have PySide6 build QEvent's
        enum classes before the first paint, a cost bench_startup sees, so a few short timers ask."""
        handle = self.windowHandle()
        if (handle is not None and handle.isExposed()) or waited_ms >= AFTER_SHOWN_LATEST_MS:
            QTimer.singleShot(0, self, self._after_shown)
        else:
            QTimer.singleShot(EXPOSURE_POLL_MS, self, lambda: self._await_first_paint(waited_ms + EXPOSURE_POLL_MS))

    def _after_shown(self) -> None:
        """What the clerk need not wait for, once the report is on screen: the first check (the
        findings panel fills a moment later) and today's backup of the library."""
        if not self._after_shown_pending:
            return
        self._after_shown_pending = False
        self._build_menus()
        if self.document is not None:
            self.document.ensure_checked()
        self.library.make_daily_backup()
        if self.library.backup_warning:
            self.statusBar().showMessage(self.library.backup_warning, 60000)

    def _leave_report(self, leaving: str = "切换到另一份报告") -> bool:
        """Store the open report before another is shown (or the window closes); False if the clerk stays."""
        if self.autosaver is None:
            return True
        if self.autosaver.flush():
            self.autosaver.stop()
            self.autosaver.deleteLater()
            self.undo_group.removeStack(self.document.undo_stack)
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.warning(
            self, "草稿未能保存",
            "当前报告最近的修改没能存入草稿库（原因见窗口上方的提示）。\n"
            f"{leaving}后这些修改将丢失。建议先用“文件 → 导出”另存一份。\n\n仍要{leaving}吗？",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return False
        self.autosaver.stop()
        self.undo_group.removeStack(self.document.undo_stack)
        return True

    def _claim(self, report_id: int) -> None:
        try:
            self.library.claim(report_id)
        except StorageError as e:
            self._save_failed(str(e))

    def _release(self, report_id: int) -> None:
        try:
            self.library.release(report_id)
        except StorageError:
            pass  # the lock goes stale by itself; nothing for the clerk to do

    def _keep_claim(self) -> None:
        try:
            self.library.heartbeat()
        except StorageError:
            pass  # the next save says what is wrong

    def _remember(self, report_id: int) -> None:
        try:
            recent = self.library.get_setting("recent_reports", [])
            first = [report_id] + [i for i in recent if i != report_id][:RECENT_LIMIT - 1]
            if first != recent:  # most starts reopen the last report: no write (and no fsync) then
                self.library.set_setting("recent_reports", first)
        except StorageError:
            pass  # only the recent list is lost

    def _field_changed(self, key: str) -> None:
        if key in ("organ", "year", "title"):
            self.refresh_status()
        if key in ("organ", "year"):
            try:
                self.document.set_previous(self._previous_year(self.document.report))
            except StorageError:
                pass  # the cross-year checks wait for the next change
        if key == "manual_totals":
            self._show_manual_totals()

    def _show_manual_totals(self) -> None:
        if self._menus_built:  # else _build_menus shows it
            self._actions["manual_totals"].setChecked(self.document.report.manual_totals)

    def _previous_year(self, report):
        """Last year's report of the same organ in the library, by what the window holds now."""
        if not report.year or not report.organ.strip():
            return None
        entry = self.library.find(report.organ, report.year - 1)
        return self.library.load(entry.id) if entry is not None else None

    def refresh_status(self) -> None:
        """Title, banner and editability from the library's entry (call after changing its status)."""
        try:
            entry = self.library.entry(self.report_id)
            status, version, prefix = entry.status, entry.version, "示例 · " if entry.is_sample else ""
        except StorageError:
            status, version, prefix = "", 1, ""
        title = f"{prefix}{self.document.report.display_title()}"
        self.setWindowTitle(f"{title}（{status}）— {APP_NAME}" if status else f"{title} — {APP_NAME}")
        signed = status == STATUS_SIGNED
        self.document.set_read_only(FROZEN_MESSAGE if signed else "")
        if signed:
            self._show_banner(f"这份报告（v{version}）已签发，不能再修改。如需修改，请点“工具 → 开始新版本”。")
        elif self.banner.text().startswith("这份报告（"):
            self.banner.hide()

    # -- messages -------------------------------------------------------------------
    def refuse(self, message: str) -> None:
        """An entry not taken or a notice: the status bar says it for a while."""
        self.statusBar().showMessage(message, 15000)

    def _show_counts(self) -> None:
        if not self.document.checked:
            self.counts_label.setText("正在核对……")
            return
        counts = self.document.counts()
        self.counts_label.setText(f"错误 {counts['error']} 处 · 提醒 {counts['warning']} 处")
        self.counts_label.setStyleSheet("color: #b3261e; font-weight: bold" if counts["error"] else "")

    def _saved(self) -> None:
        self.save_label.setText("已自动保存 " + time.strftime("%H:%M:%S"))
        self.save_label.setStyleSheet("")
        self.banner.hide()

    def _save_failed(self, message: str) -> None:
        self.save_label.setText("未保存！")
        self.save_label.setStyleSheet("color: #b3261e; font-weight: bold")
        self._show_banner(f"{message}\n修改仍保留在窗口中，程序会每隔几秒自动重试保存。")

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _storage_problem(self, doing: str, error: StorageError) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, doing, str(error))

    # -- commands -------------------------------------------------------------------
    def show_consolidate(self) -> None:
        from disclosure_report.ui.consolidate_dialog import ConsolidateDialog

        dialog = ConsolidateDialog(self.library, self)
        if dialog.exec() and dialog.created_id is not None:
            self.open_report(dialog.created_id)

    def show_library(self) -> None:
        from disclosure_report.ui.library_dialog import LibraryDialog

        if self.autosaver is not None:
            self.autosaver.flush()
        dialog = LibraryDialog(self.library, self.report_id, self)
        if dialog.exec() and dialog.chosen is not None:
            self.open_report(dialog.chosen)

    def new_report(self) -> None:
        from disclosure_report.ui.library_dialog import ask_new_report

        report = ask_new_report(self, self.document.report if self.document else None)
        if report is None:
            return
        try:
            report_id = self.library.create(report)
        except StorageError as e:
            self._storage_problem("无法新建报告", e)
            return
        self.open_report(report_id)

    def new_from_last_year(self) -> None:
        if self.autosaver is not None:
            self.autosaver.flush()
        try:
            report_id = self.library.new_from_last_year(self.report_id)
        except StorageError as e:
            self._storage_problem("无法由上年报告新建", e)
            return
        self.open_report(report_id)

    def take_snapshot(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        count = len(self._snapshots())
        name, ok = QInputDialog.getText(self, "保存快照", "快照名称：", QLineEdit.Normal, f"送审稿 v{count + 1}")
        if not ok or not name.strip():
            return
        if not self.autosaver.flush():
            return
        try:
            self.library.snapshot(self.report_id, name.strip())
        except StorageError as e:
            self._storage_problem("无法保存快照", e)
            return
        self.statusBar().showMessage(f"已保存快照“{name.strip()}”", 10000)

    def _snapshots(self):
        try:
            return self.library.list_snapshots(self.report_id)
        except StorageError:
            return []

    def show_snapshots(self) -> None:
        from disclosure_report.ui.snapshots_dialog import SnapshotsDialog

        self.autosaver.flush()
        SnapshotsDialog(self.library, self.report_id, self.document, self).exec()

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
        try:
            self.library.set_setting("large_text", bool(on))
        except StorageError:
            pass  # the size applies now; only remembering it is lost

    def toggle_manual_totals(self, on: bool) -> None:
        self.document.edit_field("manual_totals", bool(on))

    def start_new_version(self) -> None:
        try:
            self.library.start_new_version(self.report_id)
            version = self.library.entry(self.report_id).version
        except StorageError as e:
            self._storage_problem("无法开始新版本", e)
            return
        self.refresh_status()
        self.statusBar().showMessage(f"已开始第 {version} 版草稿，可以修改了；已签发的版本保留在快照中", 15000)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from disclosure_report import __version__

        QMessageBox.about(self, "关于", f"{APP_NAME}编制工具 {__version__}\n"
                                       f"格式依据：{self.document.report.format.basis}\n"
                                       f"草稿库：{self.library.path}")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        try:
            entries = {e.id: e for e in self.library.list_reports()}
            recent = self.library.get_setting("recent_reports", [])
        except StorageError as e:
            self.recent_menu.addAction(str(e)).setEnabled(False)
            return
        for report_id in recent:
            entry = entries.get(report_id)
            if entry is not None:
                action = self.recent_menu.addAction(f"{entry.title}（{entry.status}）")
                action.triggered.connect(lambda checked=False, rid=report_id: self.open_report(rid))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("（无）").setEnabled(False)

    # -- import and export ------------------------------------------------------------
    def _fill_import_menu(self) -> None:
        self.import_menu.clear()
        self.import_menu.addAction(self.actions["import"])
        for kind, suffixes in by_kind(files.READERS).items():
            action = self.import_menu.addAction(f"导入 {kind}…")
            action.triggered.connect(lambda checked=False, s=suffixes: self.choose_import(s))

    def _fill_export_menu(self) -> None:
        self.export_menu.clear()
        self.export_menu.addAction(self.actions["export"])
        for kind, suffixes in by_kind(files.WRITERS).items():
            action = self.export_menu.addAction(f"导出为 {kind}…")
            action.triggered.connect(lambda checked=False, s=suffixes: self.choose_export(s))

    def choose_import(self, suffixes=None) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "导入报告", self._folder(),
                                              file_filter(suffixes or files.READERS))
        if path:
            self._remember_folder(Path(path))
            self.import_file(Path(path))

    def import_file(self, path: Path, into_current: Optional[bool] = None) -> bool:
        """Read a report file into a new library report, or (one undo step) into the open one."""
        from PySide6.QtWidgets import QMessageBox

        try:
            report = files.read_report(path)
        except ReportFileError as e:
            QMessageBox.warning(self, "无法导入", f"无法导入 {path.name}：{e}")
            return False
        except Exception as e:  # a reader's bug must not take the draft with it
            QMessageBox.warning(self, "无法导入", f"读取 {path.name} 时程序出错（{type(e).__name__}: {e}）。"
                                                 f"当前报告未被修改；请把该文件发给技术支持。")
            return False
        if into_current is None:
            into_current = self._ask_import_target(path)
            if into_current is None:
                return False
        if into_current:
            self.document.replace_report(report, f"导入 {path.name}")
            self.statusBar().showMessage(f"已导入 {path.name}（可撤销）", 10000)
            return True
        try:
            report_id = self.library.create(report)
        except StorageError as e:
            self._storage_problem("无法导入", e)
            return False
        return self.open_report(report_id)

    def _ask_import_target(self, path: Path) -> Optional[bool]:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Question, "导入报告",
                          f"如何导入 {path.name}？\n\n作为新报告：加入报告库，当前报告不变。\n"
                          f"替换当前报告：用文件内容替换正在编辑的报告（可用“撤销”恢复）。", parent=self)
        new = box.addButton("作为新报告", QMessageBox.AcceptRole)
        replace = box.addButton("替换当前报告", QMessageBox.DestructiveRole)
        box.addButton("取消", QMessageBox.RejectRole)
        box.setDefaultButton(new)
        box.exec()
        clicked = box.clickedButton()
        return False if clicked is new else True if clicked is replace else None

    def choose_export(self, suffixes=None) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        self.document.ensure_checked()
        errors = self.document.counts()["error"]
        if errors:
            answer = QMessageBox.warning(
                self, "报告还有错误",
                f"核对发现 {errors} 处错误（见窗口下方“核对结果”），导出的报告会带着这些错误。\n\n仍要导出吗？",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return
        suffixes = sorted(suffixes or files.WRITERS)
        name = self.document.report.display_title() + suffixes[0]
        path, _ = QFileDialog.getSaveFileName(self, "导出报告", str(Path(self._folder()) / name),
                                              file_filter(suffixes))
        if path:
            self._remember_folder(Path(path))
            self.export_file(Path(path))

    def _folder(self) -> str:
        """Where file dialogs open: the folder used last, else 文档 (Documents)."""
        from PySide6.QtCore import QStandardPaths

        try:
            folder = self.library.get_setting("last_folder")
        except StorageError:
            folder = None
        if folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)

    def _remember_folder(self, path: Path) -> None:
        try:
            self.library.set_setting("last_folder", str(path.parent))
        except StorageError:
            pass  # only the convenience is lost

    def export_file(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        if path.suffix.lower() not in files.WRITERS:
            path = path.with_suffix(sorted(files.WRITERS)[0])
        try:
            files.write_report(self.document.report, path)
        except ReportFileError as e:
            QMessageBox.warning(self, "无法导出", f"无法导出到 {path}：{e}")
            return False
        except Exception as e:
            QMessageBox.warning(self, "无法导出", f"导出 {path.name} 时程序出错（{type(e).__name__}: {e}）。"
                                                 f"草稿未受影响；请把这行信息发给技术支持。")
            return False
        self.statusBar().showMessage(f"已导出到 {path}", 15000)
        return True

    def dragEnterEvent(self, event):
        if any(Path(u.toLocalFile()).suffix.lower() in files.READERS for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in files.READERS:
                event.acceptProposedAction()
                self.import_file(path)
                return

    # -- closing --------------------------------------------------------------------
    def closeEvent(self, event):
        if not self._leave_report("关闭程序"):
            event.ignore()
            return
        self.autosaver = None
        self._release(self.report_id)
        save_layout(self.library, self, self.panes, not self.findings_pane.isHidden())
        event.accept()


def apply_font_size(points: int) -> None:
    app = QApplication.instance()
    font = app.font()
    font.setPointSize(points)
    # Full hinting: crisp Chinese on the low-resolution screens of older PCs, and with FreeType (UOS,
    # Kylin) about twice as fast to draw as the usual slight hinting, which auto-hints every glyph
    font.setHintingPreference(font.HintingPreference.PreferFullHinting)
    app.setFont(font)
    restyle(app.allWidgets())
