"""查找和替换 in a text page (Ctrl+H), as in Word and WPS: find next, replace, replace all.

全部替换 is one edit of the text, so one 撤销 takes it back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindReplaceBar(QWidget):
    def __init__(self, editor, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("查找内容")
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("替换为")
        self.result = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find_edit, 2)
        layout.addWidget(self.replace_edit, 2)
        for text, slot in (("查找下一个", self.find_next), ("替换", self.replace), ("全部替换", self.replace_all),
                           ("关闭", self.hide)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            layout.addWidget(button)
        layout.addWidget(self.result, 1)
        self.find_edit.returnPressed.connect(self.find_next)
        self.hide()

    @staticmethod
    def install(page, editor, layout) -> FindReplaceBar:
        """The bar above the editor, opened by Ctrl+H."""
        bar = FindReplaceBar(editor, page)
        layout.insertWidget(1, bar)
        action = QAction(text="查找和替换", parent=page)
        action.setShortcut(QKeySequence("Ctrl+H"))  # 替换 in Word and WPS
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(bar.open)
        page.addAction(action)
        page.find_replace_action = action
        return bar

    def open(self) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self) -> bool:
        wanted = self.find_edit.text()
        if not wanted:
            return False
        if self.editor.find(wanted):
            self.result.setText("")
            return True
        cursor = self.editor.textCursor()  # from the top again, as Word asks
        cursor.movePosition(cursor.MoveOperation.Start)
        self.editor.setTextCursor(cursor)
        if self.editor.find(wanted):
            self.result.setText("已从头开始查找")
            return True
        self.result.setText(f"没有找到“{wanted}”")
        return False

    def replace(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection() and cursor.selectedText() == self.find_edit.text():
            cursor.insertText(self.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        wanted, replacement = self.find_edit.text(), self.replace_edit.text()
        text = self.editor.toPlainText()
        count = text.count(wanted) if wanted else 0
        if count:
            self.editor.document_.edit_field(self.editor.key, text.replace(wanted, replacement))
        self.result.setText(f"已替换 {count} 处" if count else f"没有找到“{wanted}”")
        return count

