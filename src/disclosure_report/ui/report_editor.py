"""One open report: the list of its parts beside the page being edited."""

from __future__ import annotations

from typing import Dict

from PySide6.QtCore import Qt
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
    def __init__(self, document, parent=None):
        super().__init__(Qt.Horizontal, parent)
        self.document_ = document
        fmt = document.report.format
        self.parts = QListWidget()
        self.parts.setObjectName("parts")
        self.parts.setWordWrap(True)
        self.stack = QStackedWidget()
        self.pages: Dict[str, QWidget] = {}
        self._add_page(INFO, "报告信息", InfoPage(document))
        for section in fmt.sections:
            page = TablePage(document, section.id) if section.kind == "table" else TextPage(document, section.id)
            self._add_page(section.id, section.title, page)
        self.addWidget(self.parts)
        self.addWidget(self.stack)
        self.setStretchFactor(1, 1)
        self.setSizes([230, 900])
        self.parts.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.parts.setCurrentRow(0)

    def _add_page(self, page_id: str, title: str, page: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.UserRole, page_id)
        self.parts.addItem(item)
        self.stack.addWidget(page)
        self.pages[page_id] = page

    def show_page(self, page_id: str) -> QWidget:
        self.parts.setCurrentRow(list(self.pages).index(page_id))
        return self.pages[page_id]

    def current_page_id(self) -> str:
        return list(self.pages)[self.stack.currentIndex()]

    def table_views(self) -> Dict[str, TableView]:
        return {pid: page.view for pid, page in self.pages.items() if isinstance(page, TablePage)}

    def show_finding(self, finding) -> None:
        """Go to what a finding names: its passage of text, or its cells."""
        if finding.span is not None:
            page_id = finding.span.section
            page = self.show_page(page_id if page_id in self.pages and page_id != "preamble" else INFO)
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
