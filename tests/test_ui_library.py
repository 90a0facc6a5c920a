"""The library from the window: reports, the recycle bin, a signed version, pictures, dropped files."""

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from disclosure_report.jsonfile import write_report
from disclosure_report.storage import STATUS_REVIEW, STATUS_SIGNED
from disclosure_report.ui.library_dialog import LibraryDialog, NewReportDialog
from ui_support import *  # noqa: F401,F403

NEW_NATURAL = "applications.new.natural"


def select(dialog, report_id):
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 0).data(Qt.UserRole) == report_id:
            dialog.table.selectRow(row)
            return
    raise AssertionError(f"report {report_id} not listed")


def test_duplicate_delete_to_the_recycle_bin_and_restore(window, library):
    dialog = LibraryDialog(library, window.report_id, window)
    select(dialog, window.report_id)
    dialog.duplicate()
    copy = next(e.id for e in library.list_reports() if e.id != window.report_id)
    select(dialog, window.report_id)
    dialog.delete()  # the open report is not deleted under the clerk's hands
    assert window.report_id in [e.id for e in library.list_reports()]
    select(dialog, copy)
    dialog.delete()
    assert copy not in [e.id for e in library.list_reports()]
    dialog.recycle_bin.setChecked(True)
    assert dialog.table.rowCount() == 1 and dialog.buttons["restore"].isVisibleTo(dialog)
    select(dialog, copy)
    dialog.restore()
    assert copy in [e.id for e in library.list_reports()]


def test_opening_a_report_from_the_library(window, library):
    other = library.duplicate(window.report_id)
    dialog = LibraryDialog(library, window.report_id, window)
    select(dialog, other)
    dialog.open_selected()
    assert dialog.chosen == other
    assert window.open_report(other) and window.report_id == other


def test_a_new_report_takes_full_width_year_digits(qtbot):
    dialog = NewReportDialog("")
    qtbot.addWidget(dialog)
    dialog._accept()
    assert dialog.problem.text() == "请填写机关名称"
    dialog.organ.setText("某某镇人民政府")
    dialog.year.setText("")
    event = QInputMethodEvent()
    event.setCommitString("２０２４")
    QApplication.sendEvent(dialog.year, event)
    report = dialog.report()
    assert report.organ == "某某镇人民政府" and report.year == 2024
    dialog.year.setText("24年")
    dialog._accept()
    assert "四位数的年份" in dialog.problem.text()


def test_a_signed_version_cannot_be_changed_until_a_new_version_is_started(window, library):
    library.set_status(window.report_id, STATUS_REVIEW)
    library.set_status(window.report_id, STATUS_SIGNED)
    window.refresh_status()  # as the 签发 action does
    assert "已签发" in window.windowTitle() and window.banner.isVisible()
    model = window.editor.table_views()["applications"].model()
    index = model.index_of(NEW_NATURAL)
    assert not model.flags(index) & Qt.ItemIsEditable
    assert not model.setData(index, "5")
    window.document.edit_field("organ", "别的机关")
    assert window.document.report.organ == "鄄城县人民政府"
    assert "已签发" in window.statusBar().currentMessage()
    window.actions["start_new_version"].trigger()
    assert "起草中" in window.windowTitle() and not window.banner.isVisible()
    assert model.setData(index, "5")
    assert window.autosaver.flush() and library.load(window.report_id).values[NEW_NATURAL] == 5


def test_typing_the_organ_renames_the_window(window, qtbot):
    page = window.editor.show_page("info")
    page.edits["title"].clear()
    window.document.edit_field("title", "")
    page.edits["organ"].clear()
    qtbot.keyClicks(page.edits["organ"], "X")
    assert window.document.report.organ == "X"
    assert window.windowTitle().startswith("示例 · X2023年政府信息公开工作年度报告")


def test_a_picture_goes_into_the_text_as_its_own_line_in_one_undo_step(window, tmp_path):
    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(Qt.red)
    path = tmp_path / "照片.png"
    image.save(str(path))
    page = window.editor.show_page("other")
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    page.insert_picture(path)
    report = window.document.report
    assert report.images["照片.png"] == path.read_bytes()
    assert report.text["other"].endswith("\n[图片:照片.png]\n")
    assert page.pictures.count() == 1
    window.actions["undo"].trigger()
    assert "照片.png" not in report.images and "[图片:" not in report.text["other"]


def test_a_file_that_is_not_a_picture_is_refused_with_a_message(window, tmp_path, dialogs):
    path = tmp_path / "fake.png"
    path.write_bytes(b"not a picture")
    window.editor.show_page("other").insert_picture(path)
    assert "不是 PNG 或 JPEG" in dialogs.texts()
    assert window.document.report.images == {}


def test_a_report_dropped_on_the_window_is_imported(window, library, tmp_path, sample, monkeypatch):
    sample.organ, sample.title = "某某街道办事处", ""
    path = tmp_path / "dropped.json"
    write_report(sample, path)
    monkeypatch.setattr(window.files, "_review", lambda name, report: False)  # 作为新报告
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPointF(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    assert window.document.report.organ == "某某街道办事处"
    assert "某某街道办事处" in [e.organ for e in library.list_reports()]


def test_a_new_report_filled_closed_and_reopened_keeps_everything(window, library, qtbot, monkeypatch):
    from disclosure_report.model import blank_report
    from disclosure_report.ui import library_dialog
    from disclosure_report.ui.app import create_main_window

    monkeypatch.setattr(library_dialog, "ask_new_report", lambda parent, current=None: blank_report("某某镇人民政府", 2024))
    window.new_report()
    assert window.document.report.organ == "某某镇人民政府" and "某某镇" in window.windowTitle()
    model = window.editor.table_views()["applications"].model()
    model.setData(model.index_of(NEW_NATURAL), "3")
    window.document.edit_field("contact.phone", "0530-1234567")
    window.document.edit_field("text:problems", "一是……\n二是……")
    window.close()
    again = create_main_window(library)
    qtbot.addWidget(again)
    report = again.document.report
    assert report.organ == "某某镇人民政府" and report.year == 2024
    assert report.values[NEW_NATURAL] == 3 and report.values["applications.new.total"] == 3
    assert report.contact.phone == "0530-1234567" and report.text["problems"] == "一是……\n二是……"
    again.close()
