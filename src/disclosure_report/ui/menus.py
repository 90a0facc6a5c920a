"""The window's menus, toolbar and their actions: what each command is called, its key, where it sits.

Menus are built in one place each (``_file_menu`` …) from actions created in
``create_actions``: to add a command, create its action there (``add_action``)
and put it in its menu; what it does is a method of the window or of the
open report. The menu titles are there from the start; their commands (and
the keyboard shortcuts) come in the first turn of the event loop after the
window is on screen (``build``), or sooner should anything ask for
``window.actions``. Import and export list whatever ``files.READERS`` and
``files.WRITERS`` know, so a new file kind needs no change here.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit

from disclosure_report import files
from disclosure_report.oserror import os_reason
from disclosure_report.storage import StorageError
from disclosure_report.ui.file_commands import by_kind
from disclosure_report.ui.look import LARGE_POINT_SIZE


def add_action(window, name: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    # by keyword: QAction(text, parent) makes PySide6 load QIcon's enums to rule out QAction(icon, …)
    action = QAction(text=text, parent=window)
    if shortcut is not None:
        from PySide6.QtGui import QKeySequence

        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    window._actions[name] = action
    return action


def menu_bar(window) -> None:
    """The menus' titles, there from the start; a menu opened before it has its commands gets them then."""
    bar = window.menuBar()
    window.file_menu, window.edit_menu, window.view_menu, window.tools_menu, window.help_menu = (
        bar.addMenu(title) for title in ("文件(&F)", "编辑(&E)", "视图(&V)", "工具(&T)", "帮助(&H)"))
    for menu in (window.file_menu, window.edit_menu, window.view_menu, window.tools_menu, window.help_menu):
        menu.aboutToShow.connect(window._build_menus)


def build(window) -> None:
    """The menus' commands with their shortcuts: not needed to paint the window, so made once it is shown."""
    from disclosure_report.ui import print_menu

    create_actions(window)
    _file_menu(window)
    _edit_menu(window)
    _view_menu(window)
    _tools_menu(window)
    _help_menu(window)
    print_menu.install(window)  # 文件: 打印、导出 PDF; 工具: 送审、退回修改、签发
    window.text_tools.add_actions()  # 视图: 起草助手; 工具: 与上年对照、读取上年报告文件
    window._actions["large_text"].setChecked(QApplication.font().pointSize() == LARGE_POINT_SIZE)


# what saves or changes the library: off while it is opened read-only (printing and exporting stay)
SAVING_COMMANDS = ("save", "snapshot", "new", "new_from_last_year", "import", "import_clipboard", "manual_totals",
                   "consolidate", "start_new_version", "submit", "return_to_draft", "sign")


def disable_saving(window) -> None:
    for name in SAVING_COMMANDS:
        window._actions[name].setEnabled(False)
    window.import_menu.setEnabled(False)


def _create_toolbar_actions(window) -> None:
    """The toolbar's commands, there from the start; their keys come with the others (create_actions)."""
    add_action(window, "library", "报告库…", window.show_library, None, "新建、打开、复制、删除报告（Ctrl+O）")
    add_action(window, "save", "保存", window.save_now, None,
               "立即保存草稿（Ctrl+S）；草稿在每次修改后也会自动保存")
    add_action(window, "snapshot", "保存快照…", window.take_snapshot, None,
               "给当前草稿存一个有名字的版本，如“送审稿 v1”（Ctrl+Shift+S）")


def create_actions(window) -> None:
    from PySide6.QtGui import QKeySequence  # its enums are not needed to paint the window

    actions = window._actions
    actions["library"].setShortcut(QKeySequence.Open)
    actions["save"].setShortcut(QKeySequence.Save)  # clerks press Ctrl+S by habit: it saves, asks nothing
    actions["snapshot"].setShortcut(QKeySequence("Ctrl+Shift+S"))

    def a(*args):
        return add_action(window, *args)

    a("new", "新建报告…", window.new_report, QKeySequence.New, "为本机关新建一份空白报告")
    a("new_from_last_year", "由上年报告新建", window.new_from_last_year, None,
      "复制机关名称、联系方式和引言，并把上年“结转下年度继续办理”填入本年“上年结转”")
    a("snapshots", "快照与比较…", window.show_snapshots, None, "查看快照、与当前草稿比较、恢复")
    a("import", "导入…", window.files.choose_import, None, "读取一份报告文件")
    a("import_clipboard", "粘贴网页内容", window.files.import_clipboard, None,
      "在浏览器中打开已公布的年度报告，全选并复制后，从剪贴板读入")
    a("export", "导出…", window.files.choose_export, None, "把当前报告导出为文件")
    a("quit", "退出", window.close, QKeySequence.Quit)
    actions["undo"] = window.undo_group.createUndoAction(window, "撤销")
    actions["undo"].setShortcut(QKeySequence.Undo)
    actions["redo"] = window.undo_group.createRedoAction(window, "重做")
    # Ctrl+Y everywhere, plus the platform's own redo keys (the same key twice is "ambiguous")
    redo_keys = {k.toString(): k for k in [QKeySequence("Ctrl+Y")] + QKeySequence.keyBindings(QKeySequence.Redo)}
    actions["redo"].setShortcuts(list(redo_keys.values()))
    a("find", "查找行…", window.focus_find, QKeySequence.Find, "按行名查找表格中的行，如“不予公开”")
    a("next_finding", "下一个问题", window.next_finding, QKeySequence("F8"), "转到核对结果中的下一条")
    a("large_text", "大字号", window.set_large_text, None, "放大窗口中的文字")
    actions["large_text"].setCheckable(True)
    a("findings", "核对结果", window.set_findings_shown, None, "显示或隐藏窗口下方的核对结果")
    actions["findings"].setCheckable(True)
    actions["findings"].setChecked(not window.findings_pane.isHidden())
    a("manual_totals", "手工填写合计", window.toggle_manual_totals, None,
      "照抄已公布的报告时使用：合计不再自动计算，由核对检查")
    actions["manual_totals"].setCheckable(True)
    a("consolidate", "汇总下级单位报表…", window.show_consolidate, None,
      "把各单位报来的填报表、报告相加，得到本级报告，并列出每个数字由哪些单位构成")
    a("start_new_version", "开始新版本", window.start_new_version, None,
      "已签发的报告不能修改：开始新版本后可以继续修改，签发的版本仍保存在快照中")
    a("manual", "使用手册", window.show_manual, QKeySequence.HelpContents, "打开使用手册（F1），不需要联网")
    a("about", "关于", window.show_about)
    a("log_folder", "打开日志文件夹", open_log_folder, None,
      "出现“程序内部错误”时，请把这里的 disclosure-report.log 发给技术支持")


def _file_menu(window) -> None:
    menu, actions = window.file_menu, window.actions
    for name in ("library", "new", "new_from_last_year"):
        menu.addAction(actions[name])
    window.recent_menu = menu.addMenu("最近打开")
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent_menu(window))
    menu.addSeparator()
    menu.addAction(actions["save"])
    menu.addAction(actions["snapshot"])
    menu.addAction(actions["snapshots"])
    menu.addSeparator()
    window.import_menu = menu.addMenu("导入")
    window.import_menu.aboutToShow.connect(lambda: _fill_files_menu(window.import_menu, actions["import"], "导入",
                                                                    files.READERS, window.files.choose_import,
                                                                    actions["import_clipboard"]))
    window.export_menu = menu.addMenu("导出")
    window.export_menu.aboutToShow.connect(lambda: _fill_files_menu(window.export_menu, actions["export"], "导出为",
                                                                    files.WRITERS, window.files.choose_export))
    menu.addSeparator()
    menu.addAction(actions["quit"])


def _edit_menu(window) -> None:
    menu = window.edit_menu
    for name in ("undo", "redo"):
        menu.addAction(window.actions[name])
    menu.addSeparator()
    menu.addAction(window.actions["find"])
    menu.addAction(window.actions["next_finding"])


def _view_menu(window) -> None:
    window.view_menu.addAction(window.actions["large_text"])
    window.view_menu.addAction(window.actions["findings"])


def _tools_menu(window) -> None:
    menu = window.tools_menu
    menu.addAction(window.actions["manual_totals"])
    menu.addAction(window.actions["consolidate"])
    menu.addAction(window.actions["start_new_version"])


def _help_menu(window) -> None:
    window.help_menu.addAction(window.actions["manual"])
    window.help_menu.addAction(window.actions["log_folder"])
    window.help_menu.addAction(window.actions["about"])


def open_log_folder() -> None:
    """The folder of the log file in the system's file manager (made if nothing was logged yet)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from disclosure_report.errorlog import log_folder

    folder = log_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        QMessageBox.warning(None, "无法打开日志文件夹", f"无法创建 {folder}：{os_reason(e)}。请检查用户数据目录的权限。")
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def toolbar(window) -> None:
    bar = window.addToolBar("常用")
    bar.setObjectName("main_toolbar")
    bar.setMovable(False)
    _create_toolbar_actions(window)
    for name in ("library", "save", "snapshot"):
        bar.addAction(window._actions[name])
    # the menu's undo/redo name the step; the toolbar keeps short words
    group = window.undo_group
    for text, tip, slot, signal in (("撤销", "撤销上一步修改（Ctrl+Z）", group.undo, group.canUndoChanged),
                                    ("重做", "重做撤销的修改（Ctrl+Y）", group.redo, group.canRedoChanged)):
        action = QAction(text=text, parent=window)  # not bar.addAction(text, slot): see add_action
        action.setToolTip(tip)
        action.triggered.connect(slot)
        bar.addAction(action)
        action.setEnabled(False)
        signal.connect(action.setEnabled)
    bar.addSeparator()
    window.find_edit = QLineEdit()
    window.find_edit.setPlaceholderText("查找行（Ctrl+F），如：不予公开")
    window.find_edit.setClearButtonEnabled(True)
    window.find_edit.setMaximumWidth(320)
    window.find_edit.returnPressed.connect(lambda: window.find_row(window.find_edit.text()))
    bar.addWidget(window.find_edit)


def _fill_recent_menu(window) -> None:
    menu = window.recent_menu
    menu.clear()
    library = window.library
    try:
        entries = {e.id: e for e in library.list_reports()}
        recent = library.get_setting("recent_reports", [])
    except StorageError as e:
        menu.addAction(str(e)).setEnabled(False)
        return
    for report_id in recent:
        entry = entries.get(report_id)
        if entry is not None:
            action = menu.addAction(f"{entry.title}（{entry.status}）")
            action.triggered.connect(lambda checked=False, rid=report_id: window.open_report(rid))
    if menu.isEmpty():
        menu.addAction("（无）").setEnabled(False)


def _fill_files_menu(menu, general: QAction, verb: str, kinds, choose, extra: Optional[QAction] = None) -> None:
    """导入 / 导出: the general command, then one per file kind (and 粘贴网页内容 for 导入)."""
    menu.clear()
    menu.addAction(general)
    for kind, suffixes in by_kind(kinds).items():
        action = menu.addAction(f"{verb} {kind}…")
        action.triggered.connect(lambda checked=False, s=suffixes: choose(s))
    if extra is not None:
        menu.addSeparator()
        menu.addAction(extra)
