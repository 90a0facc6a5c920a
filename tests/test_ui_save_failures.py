"""A save that fails is never silent (issue 12, case 3): any failure shows the banner and stops a silent close;
text that could never be stored is cleaned at the door with a message."""

import json

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from disclosure_report.jsonfile import dumps
from disclosure_report.storage import StorageError
from ui_support import *  # noqa: F401,F403

NEW_NATURAL = "applications.new.natural"


def test_a_json_file_with_a_lone_surrogate_is_imported_cleaned_and_then_saved(window, library, tmp_path, dialogs,
                                                                                monkeypatch, qtbot):
    data = json.loads(dumps(window.document.report))
    data["contact"]["address"] = "东侧\ud800路口"
    data["text"]["other"] = "无\x00其他\x07事项"
    path = tmp_path / "坏字符.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")  # "\\ud800" as JSON writes it
    monkeypatch.setattr(window.files, "_review", lambda name, report: True)  # 替换当前报告
    assert window.import_file(path)
    assert "“联系地址”中有 1 个无法保存的字符（U+D800），已去掉" in dialogs.texts()
    assert "U+0000、U+0007" in dialogs.texts()
    assert window.document.report.contact.address == "东侧路口"
    assert window.autosaver.flush()
    assert library.load(window.report_id).contact.address == "东侧路口"
    assert window.save_label.text().startswith("已自动保存")


def test_any_failure_of_a_save_shows_the_banner_and_closing_asks_first(window, library, monkeypatch, dialogs, qtbot):
    def broken(*args, **kwargs):
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(library, "save", broken)
    window.document.edit_values({NEW_NATURAL: 70}, "test")
    qtbot.waitUntil(lambda: window.save_label.text() == "未保存！")
    assert "#b3261e" in window.save_label.styleSheet() and "bold" in window.save_label.styleSheet()  # red, bold
    assert window.banner.isVisible() and "程序内部出错（UnicodeEncodeError" in window.banner.text()
    dialogs.answer = QMessageBox.No
    assert not window.close()
    assert "草稿未能保存" in dialogs.texts() and window.isVisible()
    monkeypatch.undo()
    assert window.autosaver.flush() and library.load(window.report_id).values[NEW_NATURAL] == 70
    assert not window.banner.isVisible()
    assert window.save_label.text().startswith("已自动保存") and window.save_label.styleSheet() == ""


def test_control_characters_typed_or_pasted_are_taken_out_with_a_message(window, qtbot):
    window.editor.show_page("info")
    address = window.editor.page("info").edits["contact.address"]
    address.setFocus()
    address.selectAll()
    QApplication.clipboard().setText("新\x00地\x1b址")
    QTest.keySequence(address, "Ctrl+V")
    assert window.document.report.contact.address == "新地址"
    assert address.text() == "新地址"
    assert "输入的文字中有 2 个无法保存的字符（U+0000、U+001B），已去掉" in window.statusBar().currentMessage()


def test_the_library_refuses_text_it_could_not_store_with_a_message_not_an_encoding_error(library, sample):
    sample.text["other"] = "bad\ud800"
    with pytest.raises(StorageError, match="“六、其他需要报告的事项”中有 1 个无法保存的字符"):
        library.create(sample)
