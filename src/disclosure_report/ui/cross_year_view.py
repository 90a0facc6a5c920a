"""与上年对照: last year's and this year's tables side by side, and the key
figures across every year the library holds for the organ.

The chart is drawn with QPainter (QtCharts is not in PySide6-Essentials):
one small bar chart per key figure, since their scales differ by hundreds.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from disclosure_report.compare import diff_reports
from disclosure_report.format import load_format
from disclosure_report.model import Report
from disclosure_report.numbers import format_value
from disclosure_report.ui.list_table import list_table

CHANGED_BACKGROUND = QColor("#fff4ce")
_BAR = QColor("#3b6db3")
_BAR_THIS_YEAR = QColor("#d9822b")


def key_figures(report: Report) -> List[Optional[int]]:
    """The key figures of one report; None where a cell is blank."""
    values = []
    for _, cells in report.format.key_figures:  # the figures evaluators follow from year to year
        parts = [report.values.get(p) for p in cells]
        values.append(None if any(v is None for v in parts) else sum(parts))
    return values


def side_by_side(report: Report, previous: Optional[Report]) -> List[Tuple[str, str, object, object, bool]]:
    """(path, description, last year, this year, changed) for every cell of the three tables."""
    changed = {c.path for c in diff_reports(previous, report).cells} if previous is not None else set()
    return [(path, cell.description, previous.values.get(path) if previous is not None else None,
             report.values.get(path), path in changed)
            for path, cell in report.format.cells.items()]


def _shown(value) -> str:
    return "" if value is None else format_value(value)


def _change(last, this) -> str:
    if last is None or this is None:
        return ""
    diff = this - last
    if diff == 0:
        return "—"
    return f"+{format_value(diff)}" if diff > 0 else f"−{format_value(-diff)}"


class YearChart(QWidget):
    """Small bar charts of the key figures, one bar per year (this year highlighted)."""

    def __init__(self, history: Sequence[Tuple[int, List[Optional[int]]]], this_year: Optional[int], parent=None):
        super().__init__(parent)
        self.history = list(history)
        self.this_year = this_year
        self.setMinimumHeight(220)

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), Qt.white)
        if not self.history:
            painter.drawText(self.rect(), Qt.AlignCenter, "报告库中没有本机关其他年度的报告")
            return
        figures = load_format().key_figures
        width = self.width() / len(figures)
        for i, (name, _) in enumerate(figures):
            self._panel(painter, QRectF(i * width + 8, 8, width - 16, self.height() - 16), name, i)
        painter.end()

    def _panel(self, painter: QPainter, area: QRectF, name: str, index: int) -> None:
        title_font = QFont(painter.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(Qt.black)
        line = painter.fontMetrics().height()
        painter.drawText(QRectF(area.left(), area.top(), area.width(), line), Qt.AlignCenter, name)
        painter.setFont(QFont(self.font()))
        values = [(year, figures[index]) for year, figures in self.history]
        top = max((v for _, v in values if v is not None), default=0) or 1
        plot = QRectF(area.left(), area.top() + 2.2 * line, area.width(), area.height() - 4.4 * line)
        slot = plot.width() / len(values)
        bar = min(slot * 0.6, 48.0)
        painter.setPen(QPen(QColor("#888888")))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        metrics = painter.fontMetrics()
        short_years = metrics.horizontalAdvance("2023") > slot - 2  # many years: 21, 22, 23
        for j, (year, value) in enumerate(values):
            x = plot.left() + j * slot + (slot - bar) / 2
            label_area = QRectF(plot.left() + j * slot, plot.bottom() + 2, slot, line)
            painter.setPen(Qt.black)
            painter.drawText(label_area, Qt.AlignCenter, f"{year % 100:02d}" if short_years else str(year))
            if value is None:
                painter.drawText(QRectF(plot.left() + j * slot, plot.bottom() - line, slot, line),
                                 Qt.AlignCenter, "空")
                continue
            height = plot.height() * value / top
            rect = QRectF(x, plot.bottom() - height, bar, height)
            painter.fillRect(rect, QBrush(_BAR_THIS_YEAR if year == self.this_year else _BAR))
            shown = format_value(value)
            if metrics.horizontalAdvance(shown) <= slot or year == self.this_year:
                painter.drawText(QRectF(plot.left() + j * slot - slot, rect.top() - line, 3 * slot, line),
                                 Qt.AlignCenter, shown)


class CrossYearView(QDialog):
    def __init__(self, report: Report, previous: Optional[Report],
                 history: Sequence[Tuple[int, List[Optional[int]]]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("与上年对照")
        self.resize(1000, 760)
        this_year = report.year
        last_year = previous.year if previous is not None else (this_year - 1 if this_year else None)
        if previous is None:
            heading = (f"没有找到 {last_year or '上一'} 年的报告：请在报告库中保存上年报告，"
                       f"或用“工具 → 读取上年报告文件…”选择上年的报告文件。下表只列本年数字。")
        else:
            heading = f"{report.organ or '本机关'}：{last_year} 年与 {this_year} 年报告对照，有变化的项以黄色标出。"
        title = QLabel(heading)
        title.setWordWrap(True)
        self.only_changed = QCheckBox("只显示有变化的项")
        self.only_changed.toggled.connect(self._filter)
        self.only_changed.setEnabled(previous is not None)
        self.table = list_table(["项目", f"{last_year or '上'}年", f"{this_year or '本'}年", "增减"], stretch=0,
                                rows=False)
        self._changed_rows = []
        for path, description, last, this, changed in side_by_side(report, previous):
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, text in enumerate((description, _shown(last), _shown(this), _change(last, this))):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, path)
                if col:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if changed:
                    item.setBackground(CHANGED_BACKGROUND)
                self.table.setItem(row, col, item)
            self._changed_rows.append(changed)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.chart = YearChart(history, this_year)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        years = "、".join(str(y) for y, _ in history) or "无"
        chart_layout.addWidget(QLabel(f"历年关键数字（报告库中本机关的年度：{years}；本年为橙色）："))
        chart_layout.addWidget(self.chart, 1)
        split = QSplitter(Qt.Vertical)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.only_changed)
        table_layout.addWidget(self.table)
        split.addWidget(table_box)
        split.addWidget(chart_box)
        split.setSizes([480, 260])
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

    def changed_paths(self) -> List[str]:
        return [self.table.item(r, 0).data(Qt.UserRole) for r, changed in enumerate(self._changed_rows) if changed]

    def _filter(self, only_changed: bool) -> None:
        for row, changed in enumerate(self._changed_rows):
            self.table.setRowHidden(row, only_changed and not changed)
