"""The editor refuses text beyond the limits up front, so that whatever it holds can be printed."""

from PySide6.QtWidgets import QToolTip

from disclosure_report.limits import MAX_SECTION_CHARS
from ui_support import *  # noqa: F401,F403


def test_a_paste_beyond_the_limit_is_refused_and_said_why(window):
    editor = window.editor.show_page("overview").editor
    before = window.document.report.text["overview"]
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("很长的文字。" * (MAX_SECTION_CHARS // 6 + 1))  # as a paste inserts it
    assert window.document.report.text["overview"] == before
    assert editor.toPlainText() == before
    assert "未能输入：“一、总体情况”有" in QToolTip.text() and "150000 字的上限" in QToolTip.text()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("再写一句。")  # typing within the limits goes on as before
    assert window.document.report.text["overview"] == before + "再写一句。"


def test_a_picture_declaring_too_many_pixels_is_not_inserted(window, tmp_path, dialogs):
    import hostile

    path = tmp_path / "炸弹.png"
    path.write_bytes(hostile.png(60_000, 60_000))
    window.editor.show_page("other").insert_picture(path)
    assert "图片“炸弹.png”声明的尺寸为 60000×60000 像素" in dialogs.texts() and "4000 万像素的上限" in dialogs.texts()
    assert window.document.report.images == {}


def test_thumbnails_decode_only_checked_pictures_and_no_bigger_than_shown(window, monkeypatch):
    import hostile
    from disclosure_report.printing import picture

    decoded = []
    real = picture.QImageReader

    def reader(*args):
        decoded.append(args)
        return real(*args)

    monkeypatch.setattr(picture, "QImageReader", reader)
    page = window.editor.show_page("other")
    photo = hostile.png(4000, 3000)
    text = window.document.report.text["other"] + "\n[图片:照片.png]\n[图片:炸弹.png]\n"
    window.document.insert_picture("other", "照片.png", photo, text)  # a draft saved before the limit had both
    window.document.insert_picture("other", "炸弹.png", hostile.png(60_000, 60_000), text)
    assert page.pictures.count() == 2
    assert len(decoded) == 1  # the photo; never the bomb
    icon = page.pictures.item(0).icon()
    assert icon.availableSizes() and max(s.width() for s in icon.availableSizes()) <= 96
