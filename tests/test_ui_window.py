"""The window as a clerk meets it: the sample open, live checks, findings, autosave, snapshots, years."""

import json
import subprocess
import sys
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from disclosure_report.checks.findings import ERROR, Finding, Span
from disclosure_report.jsonfile import write_report
from disclosure_report.storage import StorageError
from ui_support import *  # noqa: F401,F403

NEW_NATURAL = "applications.new.natural"


def edit(window, path, text):
    table_id = path.split(".", 1)[0]
    model = window.editor.table_views()[table_id].model()
    assert model.setData(model.index_of(path), text)


def test_the_window_opens_on_the_sample_with_organ_year_and_status_in_the_title(window):
    assert "鄄城县2023年政府信息公开工作年度报告" in window.windowTitle()
    assert "起草中" in window.windowTitle() and "示例" in window.windowTitle()
    parts = [window.editor.parts.item(i).text() for i in range(window.editor.parts.count())]
    assert parts == ["报告信息", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    warnings = window.document.counts()["warning"]  # the text rules may remark on the sample
    assert window.counts_label.text() == f"错误 0 处 · 提醒 {warnings} 处"
    assert window.counts_label.styleSheet() == ""  # no errors: not in red
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "工具(&T)", "帮助(&H)"]


def test_an_edit_is_checked_at_once_marked_listed_and_counted(window):
    edit(window, NEW_NATURAL, "81")
    findings = window.findings_panel.findings()
    assert findings and findings[0].severity == ERROR
    assert window.findings_panel.item(0).text().startswith("错误：")
    warnings = window.document.counts()["warning"]
    assert window.counts_label.text() == f"错误 2 处 · 提醒 {warnings} 处"  # the 自然人 and the 总计 column
    assert "#b3261e" in window.counts_label.styleSheet() and "bold" in window.counts_label.styleSheet()
    model = window.editor.table_views()["applications"].model()
    index = model.index_of(NEW_NATURAL)
    assert index.data(Qt.DecorationRole) is not None  # an icon, not colour alone
    assert index.data(Qt.BackgroundRole).color() == QColor("#f8d3d1")
    assert findings[0].message in index.data(Qt.ToolTipRole)


def test_clicking_a_finding_shows_its_page_and_selects_its_cells(window, qtbot):
    window.editor.show_page("info")
    edit(window, "applications.granted.natural", "22")
    finding = window.findings_panel.findings()[0]
    item = window.findings_panel.item(0)
    rect = window.findings_panel.visualItemRect(item)
    qtbot.mouseClick(window.findings_panel.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.editor.current_page_id() == "applications"
    view = window.editor.table_views()["applications"]
    selected = {view.model().cell(i).path for i in view.selectedIndexes()}
    assert selected == set(finding.cells) & set(view.model().paths())
    assert "applications.granted.natural" not in selected and "applications.handled.natural" in selected


def test_a_finding_about_a_passage_selects_it_in_the_text(window):
    text = window.document.report.text["other"]
    window.editor.show_finding(Finding("text.demo", ERROR, (), "示例", Span("other", 2, 8)))
    assert window.editor.current_page_id() == "other"
    editor = window.editor.pages["other"].editor
    assert editor.textCursor().selectedText() == text[2:8]


def save_is_due_within_a_second(window) -> bool:
    # the promise is the autosave's deadline, not wall-clock time: on a loaded machine the write may run late
    timer = window.autosaver._timer
    return timer.isActive() and 0 <= timer.remainingTime() <= 1000


def test_every_edit_reaches_the_library_within_a_second(window, library, qtbot):
    edit(window, NEW_NATURAL, "90")
    assert save_is_due_within_a_second(window)
    qtbot.waitUntil(lambda: library.load(window.report_id).values[NEW_NATURAL] == 90)
    assert library.load(window.report_id).values["applications.new.total"] == 90


def test_typed_text_is_saved_too(window, library, qtbot):
    window.editor.show_page("problems")
    editor = window.editor.pages["problems"].editor
    editor.moveCursor(QTextCursor.End)
    for word in ("新增", "一句"):  # as a Chinese input method commits them
        event = QInputMethodEvent()
        event.setCommitString(word)
        QApplication.sendEvent(editor, event)
    assert save_is_due_within_a_second(window)
    qtbot.waitUntil(lambda: library.load(window.report_id).text["problems"].endswith("新增一句"))
    assert window.document.undo_stack.count() == 1  # typing on in one text merges into one undo step
    window.actions["undo"].trigger()
    assert not window.document.report.text["problems"].endswith("新增")
    assert editor.toPlainText() == window.document.report.text["problems"]


def test_a_failing_save_says_why_keeps_the_draft_and_retries(window, library, qtbot, monkeypatch):
    real_save = library.save

    def disk_full(report_id, report, based_on=None):
        raise StorageError("保存草稿失败：磁盘已满（/tmp）。请删除不需要的文件腾出空间后再试。")

    monkeypatch.setattr(library, "save", disk_full)
    edit(window, NEW_NATURAL, "77")
    assert save_is_due_within_a_second(window)
    qtbot.waitUntil(lambda: window.banner.isVisible())
    assert "磁盘已满" in window.banner.text() and "修改仍保留" in window.banner.text()
    assert window.save_label.text() == "未保存！"
    assert window.document.report.values[NEW_NATURAL] == 77
    monkeypatch.setattr(library, "save", real_save)
    assert window.autosaver.flush()  # the retry (here at once) stores the kept draft
    assert library.load(window.report_id).values[NEW_NATURAL] == 77
    assert not window.banner.isVisible()


def test_snapshot_then_restore_it_and_undo_the_restore(window, library, dialogs):
    from disclosure_report.ui.snapshots_dialog import SnapshotsDialog

    dialogs.text = "送审稿 v1"
    window.take_snapshot()
    assert [s.name for s in library.list_snapshots(window.report_id)] == ["送审稿 v1"]
    edit(window, NEW_NATURAL, "99")
    dialog = SnapshotsDialog(window.current, window)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "送审稿 v1")
    dialog.table.selectRow(row)
    assert "自然人" in dialog.changes.toPlainText() and "80 → 99" in dialog.changes.toPlainText()
    dialog.restore()
    assert window.document.report.values[NEW_NATURAL] == 80
    assert window.editor.table_views()["applications"].model().index_of(NEW_NATURAL).data() == "80"
    window.actions["undo"].trigger()
    assert window.document.report.values[NEW_NATURAL] == 99


def accept_last_year(monkeypatch):
    """由上年报告新建's question answered with the report it proposes (the open one)."""
    from disclosure_report.ui.new_reports import LastYearDialog

    monkeypatch.setattr(LastYearDialog, "exec", lambda self: (self._accept(), self.result())[1])


def test_new_from_last_year_carries_the_applications_over(window, library, monkeypatch):
    accept_last_year(monkeypatch)
    sample_id = window.report_id
    library.save(sample_id, _with(window.document.report, "applications.carried_out.natural", 4))
    window.document.report.values["applications.carried_out.natural"] = 4
    window.new_from_last_year()
    assert window.report_id != sample_id
    report = window.document.report
    assert report.year == 2024 and report.organ == "鄄城县人民政府"
    assert report.values["applications.carried_in.natural"] == 4
    assert window.document.previous is not None and window.document.previous.year == 2023
    assert "2024" in window.windowTitle()


def test_importing_a_file_into_the_open_report_is_one_undo_step(window, tmp_path, sample):
    sample.values[NEW_NATURAL] = 55
    path = tmp_path / "other.json"
    write_report(sample, path)
    assert window.import_file(path, into_current=True)
    assert window.document.report.values[NEW_NATURAL] == 55
    window.actions["undo"].trigger()
    assert window.document.report.values[NEW_NATURAL] == 80


def test_importing_a_file_as_a_new_report_adds_it_to_the_library(window, library, tmp_path, sample):
    sample.organ, sample.title = "某某镇人民政府", ""
    path = tmp_path / "town.json"
    write_report(sample, path)
    assert window.import_file(path, into_current=False)
    assert window.document.report.organ == "某某镇人民政府"
    assert "某某镇人民政府" in [e.organ for e in library.list_reports()]


def test_an_unreadable_file_is_refused_with_a_message(window, tmp_path, dialogs):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    assert not window.import_file(path, into_current=True)
    assert "broken.json" in dialogs.texts()


def test_export_warns_first_when_the_checks_find_errors(window, tmp_path, dialogs):
    edit(window, NEW_NATURAL, "81")
    dialogs.save_path = str(tmp_path / "out.json")
    dialogs.answer = QMessageBox.No
    window.choose_export([".json"])
    assert "2 处错误" in dialogs.texts()
    assert not (tmp_path / "out.json").exists()
    dialogs.answer = QMessageBox.Yes
    window.choose_export([".json"])
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["applications"]["new"]["natural"] == 81
    assert window.files._folder() == str(tmp_path)  # the next file dialog opens where this one was


def test_ctrl_f_finds_a_row_by_its_label(window, qtbot):
    window.find_row("不予公开")
    assert window.editor.current_page_id() == "applications"
    view = window.editor.table_views()["applications"]
    assert view.model().cell(view.currentIndex()).path == "applications.withheld.state_secret.natural"
    window.find_row("没有这一行")
    assert "没有找到" in window.statusBar().currentMessage()


def test_the_recent_list_and_the_last_report_survive_a_restart(window, library, qtbot, monkeypatch):
    from disclosure_report.ui.app import create_main_window

    accept_last_year(monkeypatch)
    window.new_from_last_year()
    opened = window.report_id
    window.close()
    again = create_main_window(library)
    qtbot.addWidget(again)
    assert again.report_id == opened
    again.file_menu.aboutToShow.emit()  # 文件, opened before the window's first turn: its commands come then
    again.recent_menu.aboutToShow.emit()
    assert len(again.recent_menu.actions()) == 2


def test_reopening_the_last_report_leaves_the_recent_list_unwritten(window, library, qtbot, monkeypatch):
    from disclosure_report.ui.app import create_main_window

    recent = library.get_setting("recent_reports")
    window.close()
    written = []
    monkeypatch.setattr(library, "set_setting", lambda key, value: written.append(key))
    again = create_main_window(library)
    qtbot.addWidget(again)
    assert again.report_id == recent[0] and written == []
    again.open_report(library.new_from_last_year(recent[0]))  # another report: now the list changes
    assert written == ["recent_reports"]


def test_larger_text_enlarges_the_font_and_is_remembered(window, library, qtbot):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QLabel

    page = window.editor.page("info")
    [title] = [label for label in page.findChildren(QLabel) if label.text() == "报告信息"]
    window.actions["large_text"].trigger()
    assert QApplication.font().pointSize() == 14
    # every widget once Qt has told it: the page title (still bold), the list of parts, the fields
    qtbot.waitUntil(lambda: page.edits["organ"].font().pointSize() == 14)
    assert title.font().pointSize() == 14 and title.font().bold()
    assert window.editor.parts.font().pointSize() == 14
    assert library.get_setting("large_text") is True
    window.actions["large_text"].trigger()
    qtbot.waitUntil(lambda: title.font().pointSize() == 11)
    assert QApplication.font().pointSize() == 11 and title.font().bold()
    assert QApplication.font().hintingPreference() == QFont.PreferFullHinting


def test_the_first_page_is_shown_without_style_sheets_and_the_parts_keep_their_padding(library, qtbot):
    from PySide6.QtWidgets import QWidget

    from disclosure_report.ui.app import create_main_window
    from disclosure_report.ui.look import PARTS_PADDING

    window = create_main_window(library)
    qtbot.addWidget(window)
    # Qt's style-sheet engine is not started before the window is first shown (look.py)
    assert [type(w).__name__ for w in window.findChildren(QWidget) if w.styleSheet()] == []
    window.show()
    parts = window.editor.parts
    line = parts.fontMetrics().height()
    heights = [parts.visualItemRect(parts.item(i)).height() for i in range(parts.count())]
    assert min(heights) >= line + PARTS_PADDING  # each part a comfortable row, as with the former style sheet
    assert parts.horizontalScrollBar().maximum() == 0  # long titles wrap: no sideways scrolling


def test_qt_dialogs_speak_chinese(window):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_starting_the_window_imports_neither_python_docx_nor_openpyxl(tmp_path):
    code = (
        "import sys; from disclosure_report.ui.app import create_application, open_library, create_main_window;"
        f"app = create_application([]); lib = open_library({str(tmp_path / 'l.sqlite3')!r});"
        "w = create_main_window(lib); w.show(); app.processEvents();"
        "print([m for m in ('docx', 'openpyxl') if m in sys.modules]); w.close(); lib.close()"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def _with(report, path, value):
    copy = report.copy()
    copy.values[path] = value
    return copy


def test_a_report_open_in_another_copy_of_the_program_is_not_overwritten(window, library, qtbot):
    from disclosure_report.storage import Library
    from disclosure_report.ui.main_window import MainWindow

    other = Library(library.path)  # a second copy of the program on the same library
    try:
        second = MainWindow(other, window.report_id)
        qtbot.addWidget(second)
        assert second.banner.isVisibleTo(second) and "另一个" in second.banner.text()
        edit(second, NEW_NATURAL, "66")
        assert not second.autosaver.flush()
        assert library.load(window.report_id).values[NEW_NATURAL] == 80
        assert second.document.report.values[NEW_NATURAL] == 66  # kept in the window
        second.autosaver.stop()
        second.current.autosaver = None
    finally:
        other.close()


def test_closing_with_an_unsaved_draft_asks_first(window, library, monkeypatch, dialogs):
    monkeypatch.setattr(library, "save", lambda *a, **k: (_ for _ in ()).throw(StorageError("保存草稿失败：磁盘已满")))
    edit(window, NEW_NATURAL, "70")
    dialogs.answer = QMessageBox.No
    assert not window.close()
    assert "草稿未能保存" in dialogs.texts()
    assert window.isVisible()
    monkeypatch.undo()


def test_ctrl_z_in_a_text_undoes_through_the_window(window, qtbot):
    editor = window.editor.show_page("problems").editor
    before = editor.toPlainText()
    editor.moveCursor(QTextCursor.End)
    event = QInputMethodEvent()
    event.setCommitString("补充")
    QApplication.sendEvent(editor, event)
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)
    assert editor.toPlainText() == before == window.document.report.text["problems"]
    qtbot.keyClick(editor, Qt.Key_Y, Qt.ControlModifier)
    assert window.document.report.text["problems"] == before + "补充"


def test_ctrl_z_and_ctrl_y_in_a_table(window, qtbot):
    view = window.editor.show_page("applications").view
    edit(window, NEW_NATURAL, "85")
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert window.document.report.values[NEW_NATURAL] == 80
    qtbot.keyClick(view, Qt.Key_Y, Qt.ControlModifier)
    assert window.document.report.values[NEW_NATURAL] == 85


def test_the_overview_count_measures_and_warns_as_the_overview_length_rule(window):
    from disclosure_report.checks.text.statements import OVERVIEW_LIMIT

    page = window.editor.show_page("overview")

    def warned():
        return [f for f in window.document.findings if f.rule == "text.overview_length"]

    window.document.edit_field("text:overview", "一" * 990 + "\n[图片:a.png]\n" + "，。  ")
    assert page.count.text().startswith("字数 990（") and "约 1000 字" in page.count.text()
    window.document.edit_field("text:overview", "一" * OVERVIEW_LIMIT)  # over 1000, as many passing reports
    assert page.count.text().startswith(f"字数 {OVERVIEW_LIMIT}（") and "远超" not in page.count.text()
    assert page.count.styleSheet() == "" and not warned()
    window.document.edit_field("text:overview", "一" * OVERVIEW_LIMIT + "2")  # where the rule warns, so does the count
    assert page.count.text().startswith(f"字数 {OVERVIEW_LIMIT + 1}（") and "远超" in page.count.text()
    assert page.count.styleSheet() and warned()


def test_the_manual_totals_switch_lets_a_clerk_type_a_total_and_undo_brings_the_sum_back(window):
    page = window.editor.show_page("info")
    model = window.editor.table_views()["applications"].model()
    total = model.index_of("applications.new.total")
    page.manual_totals.click()
    assert window.document.report.manual_totals and window.actions["manual_totals"].isChecked()
    assert model.flags(total) & Qt.ItemIsEditable
    assert model.setData(total, "79")
    assert window.counts_label.text().startswith("错误 ") and window.document.counts()["error"] > 0
    window.actions["undo"].trigger()  # the typed total
    window.actions["undo"].trigger()  # the switch
    assert not window.document.report.manual_totals and not page.manual_totals.isChecked()
    assert window.document.report.values["applications.new.total"] == 80


def test_changing_the_year_brings_last_years_report_into_the_checks_at_once(window, library):
    last_year = window.document.report.copy()
    last_year.title = ""
    last_year.values["applications.carried_out.natural"] = 9
    library.create(last_year)  # 2023 again, now as “last year” of a 2024 report
    assert window.document.previous is None
    window.document.edit_field("year", 2024)
    assert window.document.previous is not None and window.document.previous.year == 2023
    assert any(f.rule == "cross_year.carried_in" for f in window.document.findings)


def test_a_wrong_year_is_refused_beside_the_field_and_a_full_width_one_taken(window, qtbot):
    page = window.editor.show_page("info")
    page.year.clear()
    qtbot.keyClicks(page.year, "24y")
    qtbot.keyClick(page.year, Qt.Key_Return)
    assert page.year_problem.isVisibleTo(page) and "四位数的年份" in page.year_problem.text()
    assert "#b3261e" in page.year_problem.styleSheet()  # in red
    assert window.document.report.year == 2023
    page.year.clear()
    event = QInputMethodEvent()
    event.setCommitString("２０２４")
    QApplication.sendEvent(page.year, event)
    qtbot.keyClick(page.year, Qt.Key_Return)
    assert window.document.report.year == 2024 and not page.year_problem.isVisibleTo(page)
    assert page.year.text() == "2024"


def test_f8_walks_through_the_findings(window):
    edit(window, NEW_NATURAL, "81")
    window.editor.show_page("info")
    window.actions["next_finding"].trigger()
    assert window.findings_panel.currentRow() == 0  # errors first: the 自然人 balance
    assert window.editor.current_page_id() == "applications"
    window.actions["next_finding"].trigger()
    assert window.findings_panel.currentRow() == 1


def test_import_and_export_menus_list_every_registered_file_kind(window):
    from disclosure_report import files
    from disclosure_report.ui.file_commands import file_kind

    window.import_menu.aboutToShow.emit()
    window.export_menu.aboutToShow.emit()
    imports = [a.text() for a in window.import_menu.actions() if not a.isSeparator()]
    exports = [a.text() for a in window.export_menu.actions()]
    assert "导入 Word 文档…" in imports and "导入 Excel 工作簿…" in imports  # .doc/.docx one entry
    assert "导入 PDF 文件…" in imports and "导入 网页…" in imports  # .html/.htm/.mhtml one entry
    assert imports[-1] == "粘贴网页内容"
    assert len(imports) == 2 + len({file_kind(s) for s in files.READERS})
    assert "导出为 PDF 文件…" in exports and "导出为 Word 文档…" in exports


def test_a_word_report_exported_then_dropped_in_comes_back_as_a_new_report(window, library, tmp_path, monkeypatch):
    path = tmp_path / "鄄城县2023.docx"
    assert window.export_file(path)
    monkeypatch.setattr(window.files, "_review", lambda name, report: False)
    before = len(library.list_reports())
    assert window.import_file(path)
    assert len(library.list_reports()) == before + 1
    report = window.document.report
    assert report.organ == "鄄城县人民政府" and report.year == 2023
    assert report.values[NEW_NATURAL] == 80 and report.values["active.fees.amount"] == Decimal("15156.9")
