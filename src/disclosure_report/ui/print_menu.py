"""The print and status commands in the window's menus (文件: 打印…; 工具: 送审…).

What they do is in print_actions, imported when one is first used (or the
工具 menu first opens), so that the window starts without loading the print
dialogs and the printing package.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

# (action, menu text, method of PrintActions, shortcut, status tip)
FILE_COMMANDS = (
    ("print_preview", "打印预览…", "preview", None, "按发布版式预览，可选水印、审签单和内容"),
    ("print", "打印…", "print_report", QKeySequence.Print, "打印报告（页脚印有版本和内容码）"),
    ("export_pdf", "导出 PDF…", "export_pdf", None, "按打印版式导出 PDF，字体嵌入，任何电脑打开都一样"),
    ("print_blank", "打印空白统计表…", "print_blank", None, "三张统计表，格子全空，供各科室在纸上填报"),
)
STATUS_COMMANDS = (
    ("submit", "送审", "submit", None, "草稿送领导审核（状态改为“送审中”，打印带“送审稿”水印）"),
    ("return_to_draft", "退回修改", "return_to_draft", None, "送审中的草稿退回，继续修改"),
    ("sign", "签发…", "sign", None, "签发后该版本冻结，不能再修改；签发版本存为快照"),
)


def install(window) -> None:
    """The commands, before 退出 in 文件 and before 开始新版本 in 工具 (which leaves 已签发)."""
    for name, text, method, shortcut, tip in FILE_COMMANDS + STATUS_COMMANDS:
        window._action(name, text, lambda checked=False, m=method: getattr(window.print_actions, m)(), shortcut, tip)
    quit_action = window.actions["quit"]
    for name, *_ in FILE_COMMANDS:
        window.file_menu.insertAction(quit_action, window.actions[name])
    window.file_menu.insertSeparator(quit_action)
    new_version = window.actions["start_new_version"]
    for name, *_ in STATUS_COMMANDS:
        window.tools_menu.insertAction(new_version, window.actions[name])
    window.tools_menu.aboutToShow.connect(lambda: window.print_actions.update_status_actions())
