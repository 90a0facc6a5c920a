"""One open report: the list of its parts beside the page being edited."""

from __future__ import annotations

from typing import Callable, Dict

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QWidget,
)

from disclosure_report.ui.info_page import InfoPage
from disclosure_report.ui.look import PARTS_PADDING

INFO = "info"


class PaddedParts(QStyledItemDelegate):
    """Taller rows in the list of parts, the text centred in them and the highlight across the whole row
    (what a style sheet's item padding did, without Qt's style-sheet engine: see look.py)."""

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + PARTS_PADDING)
        return size


class ReportEditor(QSplitter):
    """Pages are built (and their modules imported) when first shown, so that the window opens quickly."""

    refused = Signal(str)  # an entry or a paste a table did not take, and why

    def __init__(self, document, parent=None):
        # side by side (QSplitter's default); parent by keyword, as a widget in first place would make
        # PySide6 load Qt's namespace to tell it from an orientation: slow, before the window is shown
        super().__init__(parent=parent)
        self.document_ = document
        fmt = document.report.format
        self.parts = QListWidget()
        self.parts.setItemDelegate(PaddedParts(self.parts))
        self.parts.setWordWrap(True)
        # never squeezed to a column of single characters when a dock (起草助手) takes room
        self.parts.setMinimumWidth(self.parts.fontMetrics().horizontalAdvance("中") * 7)
        self.stack = QStackedWidget()
        self.pages: Dict[str, QWidget] = {}  # the pages built so far
        self._makers: Dict[str, Callable[[], QWidget]] = {INFO: lambda: InfoPage(document)}
        self._add_part("报告信息")
        for section in fmt.sections:
            if section.kind == "table":
                self._makers[section.id] = lambda sid=section.id: self._table_page(sid)
            else:
                self._makers[section.id] = lambda sid=section.id: self._text_page(sid)
            self._add_part(section.title)
        self.addWidget(self.parts)
        self.addWidget(self.stack)
        self.setStretchFactor(1, 1)
        self.setSizes([230, 900])
        self.parts.currentRowChanged.connect(self._show_row)
        self.parts.setCurrentRow(0)

    def _add_part(self, title: str) -> None:
        self.parts.addItem(QListWidgetItem(title))
        self.stack.addWidget(QWidget())  # stands in until the page is first shown

    def _table_page(self, table_id: str) -> QWidget:
        from disclosure_report.ui.table_page import TablePage

        page = TablePage(self.document_, table_id)
        page.view.refused.connect(self.refused)
        return page

    def _text_page(self, text_id: str) -> QWidget:
        from disclosure_report.ui.text_page import TextPage

        return TextPage(self.document_, text_id)

    def page(self, page_id: str) -> QWidget:
        """The page, built now if it has not been shown yet."""
        if page_id not in self.pages:
            position = list(self._makers).index(page_id)
            page = self._makers[page_id]()
            placeholder = self.stack.widget(position)
            current = self.stack.currentIndex()
            self.stack.insertWidget(position, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self.pages[page_id] = page
        return self.pages[page_id]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        old = self.stack.currentWidget()
        focused = QApplication.focusWidget()
        if focused is not None and old is not None and old.isAncestorOf(focused):
            # the old page's editor commits (a cell's on losing focus) before it is hidden, and no key
            # typed meanwhile can reach it: the list the clerk clicked holds the focus until the next click
            self.parts.setFocus()
        self.stack.setCurrentWidget(self.page(list(self._makers)[row]))

    def show_page(self, page_id: str) -> QWidget:
        self.parts.setCurrentRow(list(self._makers).index(page_id))
        return self.page(page_id)

    def current_page_id(self) -> str:
        return list(self._makers)[self.parts.currentRow()]

    def table_views(self) -> Dict[str, QWidget]:
        fmt = self.document_.report.format
        return {s.id: self.page(s.id).view for s in fmt.sections if s.kind == "table"}

    def built_table_views(self):
        fmt = self.document_.report.format
        return [page.view for page_id, page in self.pages.items() if page_id in fmt.tables]

    def show_finding(self, finding) -> None:
        """Go to what a finding names: its passage of text, or its cells."""
        if finding.span is not None:
            page_id = finding.span.section
            page = self.show_page(page_id if page_id in self._makers else INFO)
            editor = page.preamble if page_id == "preamble" else page.editor
            editor.select_span(finding.span.start, finding.span.end)
            return
        if finding.cells:
            table_id = finding.cells[0].split(".", 1)[0]
            if table_id in self.table_views():
                self.show_page(table_id)
                self.table_views()[table_id].select_paths(finding.cells)

    def find_row(self, text: str, after=None):
        """The next row whose label (or group's label) contains text, selected; None if none does."""
        text = text.strip()
        if not text:
            return None
        fmt = self.document_.report.format
        matches = [(table.id, row) for table in fmt.tables.values() for row in table.rows
                   if text in row.label or text in row.short or text in table.groups.get(row.group, "")]
        if not matches:
            return None
        position = next((i for i, m in enumerate(matches) if (m[0], m[1].id) == after), -1)
        table_id, row = matches[(position + 1) % len(matches)]
        self.show_page(table_id)
        self.table_views()[table_id].select_paths([f"{table_id}.{row.id}.{row.columns[0]}"])
        return table_id, row.id
