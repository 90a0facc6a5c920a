"""A page of the window showing one of the statistics tables (表二/表三/表四)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from disclosure_report.ui.look import LEGEND, page_title
from disclosure_report.ui.table_model import TableModel
from disclosure_report.ui.table_view import TableView

_LEGEND = ("蓝色格为自动合计，由分项相加得出；红色带 × 的格有错误，黄色带 ! 的格需要留意。"
           "鼠标停在格上可看说明。回车向下，Tab 向右，Delete 清除，可从 Excel/WPS 粘贴整块数字。")


class TablePage(QWidget):
    def __init__(self, document, table_id: str, parent=None):
        super().__init__(parent)
        table = document.report.format.tables[table_id]
        title = page_title(f"{table.title}（{table.name}）")
        self.model = TableModel(document, table, self)
        self.view = TableView(self.model)
        legend = QLabel(_LEGEND)
        legend.setWordWrap(True)
        legend.setStyleSheet(LEGEND)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)
