"""One open report: the list of its parts beside the page being edited."""

from __future__ import annotations

from typing import Callable, Dict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from disclosure_report.ui.info_page import InfoPage
from disclosure_report.ui.table_model import TableModel
from disclosure_report.ui.table_view import TableView
from disclosure_report.ui.text_page import TextPage

INFO = "info"
_LEGEND = ("蓝色格为自动合计，由分项相加得出；红色带 × 的格有错误，黄色带 ! 的格需要留意。"
           "鼠标停在格上可看说明。回车向下，Tab 向右，Delete 清除，可从 Excel/WPS 粘贴整块数字。")


class TablePage(QWidget):
    def __init__(self, document, table_id: str, parent=None):
        super().__init__(parent)
        table = document.report.format.tables[table_id]
        title = QLabel(f"{table.title}（{table.name}）")
        title.setObjectName("pageTitle")
        self.model = TableModel(document, table, self)
        self.view = TableView(self.model)
        legend = QLabel(_LEGEND)
        legend.setWordWrap(True)
        legend.setObjectName("legend")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)


class ReportEditor(QSplitter):
    """Pages are built when first shown, so that the window opens quickly."""

    refused = Signal(str)  # an entry or a paste a table did not take, and why

    def __init__(self, document, parent=None):
        super().__init__(Qt.Horizontal, parent)
        self.document_ = document
        fmt = document.report.format
        self.parts = QListWidget()
        self.parts.setObjectName("parts")
        self.parts.setWordWrap(True)
        self.stack = QStackedWidget()
        self.pages: Dict[str, QWidget] = {}  # the pages built so far
        self._makers: Dict[str, Callable[[], QWidget]] = {INFO: lambda: InfoPage(document)}
        self._add_part(INFO, "报告信息")
        for section in fmt.sections:
            if section.kind == "table":
                self._makers[section.id] = lambda sid=section.id: self._table_page(sid)
            else:
                self._makers[section.id] = lambda sid=section.id: TextPage(document, sid)
            self._add_part(section.id, section.title)
        self.addWidget(self.parts)
        self.addWidget(self.stack)
        self.setStretchFactor(1, 1)
        self.setSizes([230, 900])
        self.parts.currentRowChanged.connect(self._show_row)
        self.parts.setCurrentRow(0)

    def _add_part(self, page_id: str, title: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.UserRole, page_id)
        self.parts.addItem(item)
        self.stack.addWidget(QWidget())  # stands in until the page is first shown

    def _table_page(self, table_id: str) -> "TablePage":
        page = TablePage(self.document_, table_id)
        page.view.refused.connect(self.refused)
        return page

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
        if row >= 0:
            self.stack.setCurrentWidget(self.page(list(self._makers)[row]))

    def show_page(self, page_id: str) -> QWidget:
        self.parts.setCurrentRow(list(self._makers).index(page_id))
        return self.page(page_id)

    def current_page_id(self) -> str:
        return list(self._makers)[self.parts.currentRow()]

    def table_views(self) -> Dict[str, TableView]:
        fmt = self.document_.report.format
        return {s.id: self.page(s.id).view for s in fmt.sections if s.kind == "table"}

    def built_table_views(self):
        return [page.view for page in self.pages.values() if isinstance(page, TablePage)]

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
