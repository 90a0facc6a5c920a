"""Every keyboard shortcut works as soon as the window is on screen.

The menus get their commands in the window's first turn of the event loop
after it is shown (MainWindow._build_menus); the `window` fixture starts the
window as run_app does and waits only for that first turn (the first check).
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from ui_support import *  # noqa: F401,F403

# key -> the action it triggers (Ctrl+Z/Ctrl+Y are pressed below, with something to undo)
COMMAND_KEYS = {"Ctrl+O": "library", "Ctrl+N": "new", "Ctrl+S": "save", "Ctrl+Shift+S": "snapshot",
                "Ctrl+F": "find", "F8": "next_finding", "Ctrl+P": "print", "F1": "manual"}


def press(window, keys):
    QTest.keySequence(window.focusWidget() or window, QKeySequence(keys))


def triggered_by(window, keys):
    fired = []
    for name, action in window.actions.items():
        action.triggered.connect(lambda checked=False, name=name: fired.append(name))
    press(window, keys)
    return fired


def test_the_menus_have_their_commands_by_the_windows_first_turn(library, qtbot):
    from disclosure_report.ui.app import create_application, create_main_window

    create_application([])
    window = create_main_window(library)
    qtbot.addWidget(window)
    assert not window.file_menu.actions()  # not built while the window is being made …
    window.show()
    qtbot.waitUntil(lambda: window.document.checked)  # … but in the first turn once it is on screen
    assert window._menus_built and len(window.file_menu.actions()) > 10
    assert window.actions["save"].shortcut() == QKeySequence(QKeySequence.Save)
    window.close()


def test_each_command_key_triggers_its_command(window, dialogs):
    with_keys = {name: action.shortcut().toString() for name, action in window.actions.items()
                 if not action.shortcut().isEmpty() and name not in ("undo", "redo")}
    assert {keys: name for name, keys in with_keys.items()} == COMMAND_KEYS  # 退出 has no key on Linux or Windows
    for name, keys in with_keys.items():
        assert triggered_by(window, keys) == [name], keys
        window.activateWindow()  # after the dialog the command opened (answered at once here)
    assert {title for kind, title, _ in dialogs.shown if kind == "dialog"}  # 报告库, 新建, 打印 asked, not blocking


def test_ctrl_f_goes_to_the_find_box_and_f8_to_the_first_finding(window, qtbot):
    press(window, "Ctrl+F")
    qtbot.waitUntil(window.find_edit.hasFocus)
    window.editor.setFocus()
    press(window, "F8")
    assert window.findings_panel.currentRow() == 0
    finding = window.findings_panel.findings()[0]
    assert window.editor.current_page_id() == (finding.span.section if finding.span else finding.cells[0].split(".")[0])


def test_ctrl_s_saves_at_once_and_says_when_asking_nothing(window, library, dialogs):
    import time

    window.document.edit_field("organ", "某某镇人民政府")
    assert window.autosaver.pending  # the autosave is a second away
    press(window, "Ctrl+S")
    assert not window.autosaver.pending
    assert library.load(window.report_id).organ == "某某镇人民政府"
    assert window.save_label.text() == "已保存 " + time.strftime("%H:%M")
    assert dialogs.shown == [] and library.list_snapshots(window.report_id) == []


def test_ctrl_shift_s_saves_a_snapshot(window, library, dialogs):
    dialogs.text = "送审稿 v1"
    press(window, "Ctrl+Shift+S")
    assert [s.name for s in library.list_snapshots(window.report_id)] == ["送审稿 v1"]


def test_f1_opens_the_manual_offline_at_the_chapter_chosen(window, qtbot):
    from disclosure_report.checks.rules import RULES

    press(window, "F1")
    manual = window.manual_dialog
    qtbot.waitUntil(manual.isVisible)
    text = manual.browser.toPlainText()
    for chapter in ("快速上手", "保存、快照、送审、签发与内容码", "打印、PDF 与字体", "草稿存放在哪里，怎样搬到新电脑",
                    "常见问题"):
        assert chapter in [manual.contents.item(i).text() for i in range(manual.contents.count())]
    for rule_id in RULES:  # every check, with an example and what to do
        section = text[text.index(rule_id):]
        assert "例：" in section[:400] and "处理：" in section[:500], rule_id
    manual.contents.setCurrentRow(manual.contents.count() - 1)
    assert manual.browser.verticalScrollBar().value() > 0
    assert manual.width() <= 1366 and manual.height() <= 768
    manual.close()


def test_toolbar_buttons_say_what_they_do(window):
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "main_toolbar")
    tips = [a.toolTip() for a in bar.actions() if a.text()]
    assert all(tips) and "Ctrl+S" in " ".join(tips)


def test_ctrl_z_and_ctrl_y_from_anywhere_in_the_window(window):
    organ = window.document.report.organ
    window.document.edit_field("organ", "某某镇人民政府")
    window.editor.parts.setFocus()
    press(window, "Ctrl+Z")
    assert window.document.report.organ == organ
    press(window, "Ctrl+Y")
    assert window.document.report.organ == "某某镇人民政府"


def test_the_toolbars_undo_and_redo_buttons(window, qtbot):
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "main_toolbar")
    buttons = {a.text(): bar.widgetForAction(a) for a in bar.actions() if a.text() in ("撤销", "重做")}
    assert not buttons["撤销"].isEnabled()  # nothing to undo yet
    organ = window.document.report.organ
    window.document.edit_field("organ", "某某镇人民政府")
    qtbot.mouseClick(buttons["撤销"], Qt.LeftButton)
    assert window.document.report.organ == organ
    qtbot.mouseClick(buttons["重做"], Qt.LeftButton)
    assert window.document.report.organ == "某某镇人民政府"


def test_the_menus_show_large_text_and_manual_totals_as_they_are_at_start(library, qtbot):
    from PySide6.QtWidgets import QApplication

    from disclosure_report.ui.app import create_application, create_main_window
    from disclosure_report.ui.look import NORMAL_POINT_SIZE, apply_font_size

    report_id = library.ensure_sample()
    report = library.load(report_id)
    report.manual_totals = True
    library.save(report_id, report)
    library.set_setting("large_text", True)
    create_application([])
    window = create_main_window(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.document.checked)
    assert QApplication.font().pointSize() == 14
    assert window.actions["large_text"].isChecked() and window.actions["manual_totals"].isChecked()
    window.close()
    apply_font_size(NORMAL_POINT_SIZE)  # the next tests' windows start at the normal size
