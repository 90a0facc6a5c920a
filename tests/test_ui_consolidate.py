"""汇总下级单位报表 in the window: files and drafts in, sums, who contributed what, confirming a failing unit."""

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from disclosure_report.jsonfile import write_report
from disclosure_report.ui.consolidate_dialog import ConsolidateDialog
from test_consolidate import NEW, balanced, unit_report
from ui_support import *  # noqa: F401,F403


def summed(dialog, qtbot):
    dialog.run()
    qtbot.waitUntil(lambda: dialog.result is not None and dialog._job is None, timeout=10000)
    return dialog.result


def table_texts(table, column):
    model = table.model()  # a QTableWidget's or the units' model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def cell(table, row, column, role=Qt.DisplayRole):
    return table.model().index(row, column).data(role)


def tick(table, row, column):
    """The clerk ticks the cell's check box."""
    model = table.model()
    return model.setData(model.index(row, column), Qt.Checked.value, Qt.CheckStateRole)


def is_ticked(table, row, column):
    return Qt.CheckState(cell(table, row, column, Qt.CheckStateRole)) == Qt.Checked


def test_the_tools_menu_opens_the_dialog(window, dialogs):
    assert window.actions["consolidate"] in window.tools_menu.actions()
    window.actions["consolidate"].trigger()
    assert ("dialog", "汇总下级单位报表", "") in dialogs.shown


def test_files_and_drafts_are_summed_with_progress_and_a_breakdown(window, library, tmp_path, qtbot, dialogs):
    write_report(balanced("甲镇", 41), tmp_path / "甲.json")
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04 truncated")
    draft = library.create(balanced("乙局", 28))
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.add_files([tmp_path / "甲.json", tmp_path / "坏.xlsx"])
    dialog.add_drafts([draft])
    dialog.organ_edit.setText("某县人民政府")
    result = summed(dialog, qtbot)
    assert (dialog.progress.value(), dialog.progress.maximum()) == (2, 2)  # both files, the draft read apart
    assert result.report.values[NEW] == 69
    assert table_texts(dialog.units_table, 3) == ["计入", "未计入", "计入"]
    assert "已损坏或不完整" in cell(dialog.units_table, 1, 5)
    assert dialog.summary.text().startswith("已汇总 2 个单位（共 3 份），2023 年；1 份未计入")

    row = [dialog.cells_table.item(r, 0).data(Qt.UserRole) for r in range(dialog.cells_table.rowCount())].index(NEW)
    assert dialog.cells_table.item(row, 1).text() == "69"
    dialog.cells_table.selectRow(row)
    assert table_texts(dialog.contributors, 0) == ["甲镇", "乙局"]
    assert table_texts(dialog.contributors, 1) == ["41", "28"]

    dialog.create_report()
    created = library.load(dialog.created_id)
    assert (created.organ, created.year, created.values[NEW]) == ("某县人民政府", 2023, 69)


def test_a_failing_unit_counts_once_the_clerk_confirms_it(window, library, tmp_path, qtbot, dialogs):
    write_report(balanced("甲镇", 41), tmp_path / "甲.json")
    write_report(unit_report("乙局", applications__new__natural=10), tmp_path / "乙.json")
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.add_files([tmp_path / "甲.json", tmp_path / "乙.json"])
    assert summed(dialog, qtbot).report.values[NEW] == 41
    assert cell(dialog.units_table, 1, 3) == "未计入（勾选确认计入）" and not is_ticked(dialog.units_table, 1, 3)
    dialog.units_table.selectRow(1)
    assert dialog.findings_list.item(0).text() == "错误：自然人列：一+二=10，三（七）+四=0，相差10"

    dialogs.answer = QMessageBox.No
    tick(dialog.units_table, 1, 3)
    assert dialog.result.report.values[NEW] == 41
    assert not is_ticked(dialog.units_table, 1, 3)

    dialogs.answer = QMessageBox.Yes
    tick(dialog.units_table, 1, 3)
    assert "自身核对有 2 个错误" in dialogs.shown[-1][2]
    assert dialog.result.report.values[NEW] == 51
    assert cell(dialog.units_table, 1, 3) == "确认计入" and is_ticked(dialog.units_table, 1, 3)


def test_the_breakdown_is_saved_as_a_workbook(window, library, tmp_path, qtbot):
    import openpyxl

    write_report(balanced("甲镇", 41), tmp_path / "甲.json")
    write_report(balanced("乙局", 28), tmp_path / "乙.json")
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.add_files([tmp_path / "甲.json", tmp_path / "乙.json"])
    summed(dialog, qtbot)
    assert dialog.save_breakdown(tmp_path / "明细")
    sheet = openpyxl.load_workbook(tmp_path / "明细.xlsx")["明细"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert rows["表三“一、本年新收政府信息公开申请数量”行“自然人”列"] == (69, 41, 28)


def test_a_blank_workbook_for_the_units_is_exported_for_the_year(window, library, tmp_path, qtbot, dialogs):
    from disclosure_report.excel.reader import read_workbook

    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.year_edit.setText("2024")
    dialogs.save_path = str(tmp_path / "填报表")
    dialog.choose_blank_workbook()
    assert "空白填报表（2024 年）已存到" in dialog.summary.text()
    back = read_workbook(tmp_path / "填报表.xlsx")
    assert (back.organ, back.year) == ("", 2024)
    assert all(value is None for value in back.values.values())


def test_dropped_files_are_added_and_the_breakdown_lists_what_has_numbers(window, library, tmp_path, qtbot):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    write_report(balanced("甲镇", 41), tmp_path / "甲.json")
    (tmp_path / "说明.txt").write_text("不是报表", encoding="utf-8")
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "甲.json")), QUrl.fromLocalFile(str(tmp_path / "说明.txt"))])
    dialog.dropEvent(QDropEvent(QPointF(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    assert dialog.sources == [str(tmp_path / "甲.json")]
    result = summed(dialog, qtbot)
    shown = dialog.cells_table.rowCount()
    assert shown == sum(1 for value in result.report.values.values() if value)
    dialog.nonzero.setChecked(False)
    assert dialog.cells_table.rowCount() == len(result.report.values) > shown


def test_the_consolidated_report_needs_the_county_s_name(window, library, tmp_path, qtbot, dialogs):
    write_report(balanced("甲镇", 41), tmp_path / "甲.json")
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.add_files([tmp_path / "甲.json"])
    summed(dialog, qtbot)
    dialog.create_report()
    assert dialog.created_id is None
    assert dialogs.shown[-1][:2] == ("warning", "请填写机关名称")


# -- reading many units off the GUI thread, with 取消 --------------------------------


def many_units(tmp_path, n):
    paths = []
    for i in range(n):
        paths.append(tmp_path / f"单位{i:02d}.json")
        write_report(balanced(f"第{i:02d}镇", i + 1), paths[-1])
    return paths


def slow_units(monkeypatch, seconds):
    """Every file read in this process and taking ``seconds``; the names of those read, as they are."""
    from disclosure_report import consolidate

    real, read = consolidate.read_unit, []

    def slow(path):
        time.sleep(seconds)
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(consolidate, "PARALLEL_FROM", 10 ** 6)
    monkeypatch.setattr(consolidate, "read_unit", slow)
    return read


def test_many_files_are_read_checked_and_summed_off_the_gui_thread_as_before(window, tmp_path, qtbot, monkeypatch):
    import threading

    from disclosure_report.consolidate import consolidate, read_units
    from disclosure_report.ui import consolidate_model

    paths = many_units(tmp_path, 40)  # on both cores
    where = []
    real = consolidate_model.consolidate
    monkeypatch.setattr(consolidate_model, "consolidate",
                        lambda *a, **k: where.append(threading.current_thread()) or real(*a, **k))
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.add_files(paths)
    dialog.organ_edit.setText("某县人民政府")
    result = summed(dialog, qtbot)
    assert where and threading.main_thread() not in where
    expected = consolidate(read_units(paths, workers=1), "某县人民政府")
    assert result.report.values == expected.report.values and result.report.values[NEW] == sum(range(1, 41))
    assert [(u.organ, u.included, u.reason) for u in result.units] == \
        [(u.organ, u.included, u.reason) for u in expected.units]
    assert dialog.summary.text().startswith("已汇总 40 个单位（共 40 份）")
    assert dialog.progress.isHidden() and dialog.cancel_button.isHidden()


def test_cancelling_midway_stops_reading_and_leaves_the_dialog_as_it_was(window, tmp_path, qtbot, monkeypatch):
    paths = many_units(tmp_path, 30)
    read = slow_units(monkeypatch, 0.03)
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_files(paths)
    first = summed(dialog, qtbot)  # a first, whole consolidation
    assert first.report.values[NEW] == sum(range(1, 31))

    read.clear()
    dialog.run()
    qtbot.waitUntil(lambda: len(read) >= 5, timeout=10000)
    # the dialog goes on while reading: progress n/N with the file, the organ can be typed, nothing added
    assert dialog.progress.isVisible() and dialog.cancel_button.isVisible()
    assert dialog.progress.text().startswith("正在读取 ") and "/30：单位" in dialog.progress.text()
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    typed = QInputMethodEvent()
    typed.setCommitString("某县")  # as the input method types it
    QApplication.sendEvent(dialog.organ_edit, typed)
    assert dialog.organ_edit.text() == "某县"
    assert not dialog.run_button.isEnabled() and dialog.year_edit.isReadOnly()
    assert not any(button.isEnabled() for button in dialog._choosing)

    qtbot.mouseClick(dialog.cancel_button, Qt.LeftButton)
    at_cancel = len(read)
    qtbot.wait(300)
    assert len(read) <= at_cancel + 1  # the file being read, then no more
    assert at_cancel < 30
    assert dialog.result is first and dialog.sources == [str(p) for p in paths]
    assert "已取消汇总" in dialog.summary.text() and "上表仍是上次汇总的结果" in dialog.summary.text()
    assert dialog.progress.isHidden() and dialog.cancel_button.isHidden()
    assert dialog.run_button.isEnabled() and all(button.isEnabled() for button in dialog._choosing)
    assert table_texts(dialog.units_table, 3) == ["计入"] * 30

    again = summed(dialog, qtbot)  # started again, it reads every file and sums as before
    assert again is not first and again.report.values == first.report.values
    assert again.report.organ == "某县"  # typed while reading


def test_closing_the_dialog_while_reading_stops_the_reading(window, tmp_path, qtbot, monkeypatch):
    paths = many_units(tmp_path, 20)
    read = slow_units(monkeypatch, 0.05)
    dialog = ConsolidateDialog(window.current.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_files(paths)
    dialog.run()
    qtbot.waitUntil(lambda: len(read) >= 2, timeout=10000)
    dialog.reject()
    at_close = len(read)
    qtbot.wait(300)
    assert not dialog.isVisible() and len(read) <= at_close + 1 and dialog.result is None
