"""起草助手: standard passages written from the tables, offered for insertion.

Each passage (see :mod:`disclosure_report.drafting`) is shown as it would be
inserted; 插入 puts it after the paragraph the cursor is in (or at the end)
as one undo step. Passages already in the text are listed with their state:
when the tables have changed since, the passage is marked stale (过时) and
can be brought up to date in place.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from disclosure_report.drafting import (
    KINDS,
    TITLES,
    PlacedDraft,
    draft,
    heading_position,
    insert_draft,
    placed_drafts,
    replace_draft,
    strip_marks,
)
from disclosure_report.ui.document import TEXT_PREFIX

_STALE_TEXT = "表格已改动，段落中的数字已过时"
_FRESH_TEXT = "与表格一致"


class DraftingPanel(QWidget):
    """Needs the open document and a way to reach a section's text editor (may return None)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.document_ = None
        self._editor_of: Callable[[str], object] = lambda section: None
        self._show_section: Callable[[str], object] = lambda section: None
        self._placed: Optional[Tuple[PlacedDraft, ...]] = None
        self.previews: Dict[str, QLabel] = {}
        self.insert_buttons: Dict[str, QPushButton] = {}
        intro = QLabel("由表格数字生成的标准段落，可直接插入正文。表格改动后，已插入的段落会标为“过时”。")
        intro.setWordWrap(True)
        boxes = QWidget()
        boxes_layout = QVBoxLayout(boxes)
        boxes_layout.setContentsMargins(0, 0, 0, 0)
        for kind in KINDS:
            # a card, not a QGroupBox: a group box is at least as wide as its title, and the longest title
            # (信息处理费收取情况（六、其他需要报告的事项）) made every card wider than the dock at 1366×768
            box = QFrame()
            box.setObjectName("draftCard")
            box.setStyleSheet("#draftCard { border: 1px solid palette(mid); border-radius: 3px; }")
            title = QLabel(TITLES[kind])
            title.setWordWrap(True)
            title.setStyleSheet("font-weight: bold")
            preview = QLabel()
            preview.setWordWrap(True)
            preview.setTextInteractionFlags(Qt.TextSelectableByMouse)
            button = QPushButton("插入正文")
            button.clicked.connect(lambda checked=False, k=kind: self.insert(k))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(button)
            layout = QVBoxLayout(box)
            layout.addWidget(title)
            layout.addWidget(preview)
            layout.addLayout(row)
            boxes_layout.addWidget(box)
            self.previews[kind] = preview
            self.insert_buttons[kind] = button
        boxes_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # previews wrap to the dock's width
        scroll.setWidget(boxes)
        self.placed_list = QListWidget()
        self.placed_list.setWordWrap(True)
        self.placed_list.itemActivated.connect(self._go_to)
        self.placed_list.itemClicked.connect(self._go_to)
        self.update_button = QPushButton("把过时的段落更新为最新数字")
        self.update_button.clicked.connect(self.update_stale)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 3)
        layout.addWidget(QLabel("文中已插入的段落："))
        layout.addWidget(self.placed_list, 1)
        layout.addWidget(self.update_button)

    def set_document(self, document, editor_of: Callable[[str], object],
                     show_section: Callable[[str], object]) -> None:
        if self.document_ is not None:
            self.document_.findingsChanged.disconnect(self.refresh)
        self.document_ = document
        self._editor_of = editor_of
        self._show_section = show_section
        self._placed = None
        document.findingsChanged.connect(self.refresh)  # after every change of cells or text
        self.refresh()

    # -- showing ----------------------------------------------------------------------
    def refresh(self) -> None:
        if self.document_ is None:
            return
        if not self.isVisible() and self._placed is not None:
            return  # hidden (the dock is closed): refreshed when shown
        report, previous = self.document_.report, self.document_.previous
        for kind in KINDS:
            d = draft(kind, report, previous)
            preview = self.previews[kind]
            if d.text:
                preview.setText(strip_marks(d.text))
                preview.setStyleSheet("")
            else:
                preview.setText(d.problem)
                preview.setStyleSheet("color: gray")
            self.insert_buttons[kind].setEnabled(bool(d.text))
            self.insert_buttons[kind].setToolTip(f"插入到“{report.format.text_label(d.section)}”光标所在段落之后"
                                                 f"（未打开该部分时插入到末尾），可撤销")
        placed = tuple(placed_drafts(report, previous))
        if placed != self._placed:
            self._placed = placed
            self._fill_placed(placed)

    def showEvent(self, event):
        super().showEvent(event)
        self.refresh()

    def _fill_placed(self, placed) -> None:
        self.placed_list.clear()
        for p in placed:
            state = _STALE_TEXT if p.stale else _FRESH_TEXT
            item = QListWidgetItem(f"{'⚠' if p.stale else '✓'} {TITLES[p.kind]}：{state}")
            item.setToolTip("点击转到这段文字")
            item.setData(Qt.UserRole, p)
            if p.stale:
                item.setForeground(Qt.GlobalColor.red)
            self.placed_list.addItem(item)
        if not placed:
            item = QListWidgetItem("（还没有插入过生成的段落）")
            item.setFlags(Qt.NoItemFlags)
            self.placed_list.addItem(item)
        self.update_button.setEnabled(any(p.stale for p in placed))

    def stale(self) -> List[PlacedDraft]:
        return [p for p in (self._placed or ()) if p.stale]

    # -- acting -----------------------------------------------------------------------
    def insert(self, kind: str) -> None:
        report = self.document_.report
        d = draft(kind, report, self.document_.previous)
        if not d.text:
            return
        text = report.text.get(d.section, "")
        editor = self._editor_of(d.section)
        position = heading_position(text, kind)  # under its subheading, else where the cursor is
        if position is None:
            position = editor.textCursor().position() if editor is not None else len(text)
        new_text, start, end = insert_draft(text, position, d.text)
        self.document_.edit_field(TEXT_PREFIX + d.section, new_text)
        self._select(d.section, start, end)

    def update_stale(self) -> None:
        """Every stale passage rewritten from the tables, as one undo step."""
        report, previous = self.document_.report, self.document_.previous
        stale = self.stale()
        if not stale:
            return
        self.document_.undo_stack.beginMacro("更新过时的生成段落")
        for section in dict.fromkeys(p.section for p in stale):
            text = report.text[section]
            for p in sorted((p for p in stale if p.section == section), key=lambda p: -p.start):
                text = replace_draft(text, p, draft(p.kind, report, previous).text)
            self.document_.edit_field(TEXT_PREFIX + section, text)
        self.document_.undo_stack.endMacro()

    def _go_to(self, item: QListWidgetItem) -> None:
        placed = item.data(Qt.UserRole)
        if placed is not None:
            self._select(placed.section, placed.start, placed.end)

    def _select(self, section: str, start: int, end: int) -> None:
        self._show_section(section)
        editor = self._editor_of(section)
        if editor is not None:
            editor.select_span(start, end)
