"""The pages of the text sections (一, 五, 六): the editor, its pictures as
thumbnails below it, and a live character count."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from disclosure_report import limits
from disclosure_report.checks.text.statements import OVERVIEW_GUIDE, OVERVIEW_LIMIT, counted_characters
from disclosure_report.model import image_line, image_names
from disclosure_report.oserror import os_reason
from disclosure_report.ui import marks
from disclosure_report.ui.file_commands import dialog_path, remember_folder
from disclosure_report.ui.find_replace import FindReplaceBar
from disclosure_report.ui.look import page_title
from disclosure_report.ui.text_editor import TextEditor

PICTURE_MAX_BYTES = 10 * 1024 * 1024
_THUMB = QSize(96, 72)
_PICTURE_KINDS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
_WARNING_STYLE = f"background: {marks.WARNING_BACKGROUND.name()}; color: #3a2a00; font-weight: bold; padding: 2px 4px"


class TextPage(QWidget):
    def __init__(self, document, text_id: str, parent=None):
        super().__init__(parent)
        self.document_ = document
        self.text_id = text_id
        fmt = document.report.format
        title = page_title(fmt.text_label(text_id))
        self.editor = TextEditor(document, text_id)
        self.count = QLabel()
        insert = QPushButton("插入图片…")
        insert.setToolTip("在光标处插入一张图片（PNG 或 JPEG），图片单独占一行")
        insert.clicked.connect(self.choose_picture)
        insert.setEnabled(not document.read_only)
        document.readOnlyChanged.connect(lambda frozen: insert.setEnabled(not frozen))
        self.pictures = QListWidget()
        self.pictures.setViewMode(QListWidget.IconMode)
        self.pictures.setIconSize(_THUMB)
        self.pictures.setFixedHeight(120)
        self.pictures.setFlow(QListWidget.LeftToRight)
        self.pictures.setWrapping(False)
        find = QPushButton("查找和替换…")
        find.setToolTip("在本部分正文中查找、替换文字（Ctrl+H）")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(find)
        bottom.addWidget(insert)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.pictures)
        layout.addLayout(bottom)
        self.find_replace = FindReplaceBar.install(self, self.editor, layout)
        find.clicked.connect(self.find_replace.open)
        document.fieldChanged.connect(self._field_changed)
        document.reportReplaced.connect(self._refresh)
        self._picture_names = None
        self._refresh()

    def _field_changed(self, key):
        if key in (self.editor.key, "images"):
            self._refresh()

    def _refresh(self):
        text = self.document_.field(self.editor.key)
        n = counted_characters(text)
        if self.text_id != "overview":
            self.count.setText(f"字数 {n}（不计标点和空格）")
        elif n > OVERVIEW_LIMIT:  # where text.overview_length warns, and in the colour of a warning
            self.count.setText(f"字数 {n}（不计标点和空格）· 远超格式要求的“原则上不超过一千字”，"
                               f"请精简到 {OVERVIEW_GUIDE} 字左右")
            self.count.setStyleSheet(_WARNING_STYLE)
        else:  # a little over a thousand is common in reports that pass: no warning, as in the checks
            self.count.setText(f"字数 {n}（不计标点和空格）· 格式要求原则上不超过一千字，约 {OVERVIEW_GUIDE} 字；"
                               f"超过 {OVERVIEW_LIMIT} 字时提醒精简")
            self.count.setStyleSheet("")
        names = list(image_names(text))
        if names != self._picture_names:
            self._picture_names = names
            self._show_pictures(names)

    def _show_pictures(self, names):
        self.pictures.clear()
        images = self.document_.report.images
        from disclosure_report.printing import picture

        for name in names:
            pixmap = QPixmap()
            if name in images:  # checked and decoded no bigger than the thumbnail
                pixmap = QPixmap.fromImage(picture.decode(images[name], (_THUMB.width(), _THUMB.height())))
            item = QListWidgetItem(QIcon(pixmap), name if name in images else f"{name}（缺少图片）")
            self.pictures.addItem(item)
        self.pictures.setVisible(bool(names))

    def choose_picture(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "插入图片", dialog_path(self), "图片 (*.png *.jpg *.jpeg)")
        remember_folder(self, path)
        if path:
            self.insert_picture(Path(path))

    def insert_picture(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as e:
            QMessageBox.warning(self, "无法插入图片", f"读不出 {path.name}：{os_reason(e)}。请确认文件存在且未被占用。")
            return
        if len(data) > PICTURE_MAX_BYTES:
            QMessageBox.warning(self, "无法插入图片", f"{path.name} 超过 10 MB，请先缩小图片再插入。")
            return
        if not any(data.startswith(magic) for magic in _PICTURE_KINDS):
            QMessageBox.warning(self, "无法插入图片", f"{path.name} 不是 PNG 或 JPEG 图片，请另存为这两种格式之一再插入。")
            return
        problem = limits.picture_problem(path.name, data)
        if problem:
            QMessageBox.warning(self, "无法插入图片", problem + "。")
            return
        name = _free_name(path.name, data, self.document_.report.images)
        text = self.editor.toPlainText()
        position = self.editor.textCursor().position()
        before, after = text[:position], text[position:]
        line = image_line(name)
        new_text = before + ("" if not before or before.endswith("\n") else "\n") + line + \
            ("" if after.startswith("\n") else "\n") + after
        self.document_.insert_picture(self.text_id, name, data, new_text)


def _free_name(name: str, data: bytes, images) -> str:
    name = re.sub(r"[\[\]\n:]", "_", name)
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 1
    while candidate in images and images[candidate] != data:
        n += 1
        candidate = f"{stem}-{n}{dot}{suffix}" if dot else f"{name}-{n}"
    return candidate
