"""After an export: open the file or its folder; Word files on a PC without the GB/T 9704 faces."""

import docx
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import QFileDialog, QMessageBox

from disclosure_report.word.typography import LOCAL_FACES_LABEL, missing_official_fonts
from ui_support import *  # noqa: F401,F403


def answer_boxes(monkeypatch, *buttons):
    """QMessageBox.exec clicks these buttons, by their text, one box after the other; records the boxes."""
    shown, wanted = [], list(buttons)

    def exec_(box):
        shown.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        want = wanted.pop(0) if wanted else "关闭"
        [button] = [b for b in box.buttons() if b.text() == want]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def east_asian_faces(path):
    document = docx.Document(str(path))
    faces = set()
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            fonts = run._r.rPr.rFonts if run._r.rPr is not None else None
            if fonts is not None and fonts.get(docx.oxml.ns.qn("w:eastAsia")):
                faces.add(fonts.get(docx.oxml.ns.qn("w:eastAsia")))
    return faces


def test_after_an_export_the_folder_can_be_opened(window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    shown = answer_boxes(monkeypatch, "打开所在文件夹")
    assert window.export_file(tmp_path / "报告.json")
    title, text, buttons = shown[-1]
    assert (title, text) == ("导出完成", f"已导出：{tmp_path / '报告.json'}")
    assert buttons == ["打开文件", "打开所在文件夹", "关闭"]
    assert opened == [str(tmp_path)]


def test_a_pc_without_the_official_fonts_is_told_which_and_can_use_its_own(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *a: ["仿宋", "楷体", "黑体", "宋体"]))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    shown = answer_boxes(monkeypatch, LOCAL_FACES_LABEL, "关闭")
    path = tmp_path / "报告.docx"
    assert window.export_file(path)
    title, text, buttons = shown[0]
    assert title == "本机缺少公文字体" and "仿宋_GB2312、楷体_GB2312、方正小标宋简体" in text
    assert buttons[:2] == [LOCAL_FACES_LABEL, "仍用公文字体"]
    faces = east_asian_faces(path)
    assert {"仿宋", "楷体", "黑体"} <= faces and not faces & {"仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"}

    answer_boxes(monkeypatch, "仍用公文字体", "关闭")
    assert window.export_file(path)
    assert {"仿宋_GB2312", "方正小标宋简体"} <= east_asian_faces(path)

    answer_boxes(monkeypatch, "取消")
    path.unlink()
    assert not window.export_file(path) and not path.exists()


def test_which_official_fonts_a_pc_lacks():
    assert missing_official_fonts(["仿宋", "楷体_GB2312", "黑体"]) == ["仿宋_GB2312", "方正小标宋简体"]
    assert missing_official_fonts(["仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"]) == []


def test_file_dialogs_open_in_documents_not_the_working_folder(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda parent, title, folder, *a: asked.append(folder) or ("", "")))
    window.text_tools.choose_previous_file()
    window.editor.show_page("overview").choose_picture()
    from pathlib import Path

    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    expected = documents if Path(documents).is_dir() else str(Path.home())  # 文档, never the working folder
    assert asked == [expected, expected]


def test_the_file_dialogs_type_column_is_chinese(qtbot):
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    from disclosure_report.ui.app import create_application

    create_application([])
    assert QFileIconProvider().type(QFileInfo(QStandardPaths.writableLocation(QStandardPaths.TempLocation))) == "文件夹"


def test_the_window_tells_why_an_old_drafts_huge_picture_is_not_exported(window, dialogs, tmp_path):
    """A draft saved before the picture limit existed: DOCX export refuses it by the header, as printing does."""
    import hostile
    from disclosure_report.model import image_line

    window.files.ask_faces = lambda: None
    report = window.document.report
    report.images["巨图.png"] = hostile.png(60_000, 60_000)
    report.text["overview"] += "\n" + image_line("巨图.png")
    assert not window.export_file(tmp_path / "out.docx")
    assert "无法导出" in dialogs.texts() and "图片“巨图.png”" in dialogs.texts() and "万像素的上限" in dialogs.texts()
    assert not (tmp_path / "out.docx").exists()
