"""报告信息: organ, year, title, contact, website, preamble, how totals are filled."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from disclosure_report.model import FIELD_LABELS
from disclosure_report.numbers import InvalidNumber, parse_number
from disclosure_report.ui.look import WARNING_STYLE, page_title
from disclosure_report.ui.text_editor import TextEditor

_LINE_FIELDS = tuple((key, FIELD_LABELS[key], hint) for key, hint in (
    ("organ", "如：某某县人民政府、某某镇人民政府、某某县教育局"),
    ("title", ""),
    ("contact.address", "受理政府信息公开申请的地址"),
    ("contact.phone", "如：0530-2421930"),
    ("contact.website", "如：http://www.example.gov.cn/"),
))


class InfoPage(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document_ = document
        title = page_title("报告信息")
        form = QFormLayout()
        self.edits = {}
        for key, label, hint in _LINE_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.textEdited.connect(lambda text, key=key: document.edit_field(key, text.strip()))
            self.edits[key] = edit
            form.addRow(label, edit)
            if key == "organ":
                self.year = QLineEdit()
                # no validator: with one, Qt drops editingFinished for "24年" and the clerk hears nothing
                self.year.setPlaceholderText("报告所述年度，如 2024")
                self.year.setMaxLength(8)
                self.year.editingFinished.connect(self._year_entered)
                self.year_problem = QLabel()  # red once it has something to say: see _year_entered
                self.year_problem.hide()
                row = QHBoxLayout()
                row.addWidget(self.year, 1)
                row.addWidget(self.year_problem, 2)
                form.addRow(FIELD_LABELS["year"], row)
        self.manual_totals = QCheckBox(f"{FIELD_LABELS['manual_totals']}（照抄已公布的报告时使用；不勾选时合计自动计算）")
        self.manual_totals.toggled.connect(lambda on: document.edit_field("manual_totals", on))
        form.addRow("合计", self.manual_totals)
        self.preamble = TextEditor(document, "preamble")
        self.preamble.setPlaceholderText("报告的引言：编制依据、统计期限、发布网址、联系方式等")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(QLabel(document.report.format.preamble_label))
        layout.addWidget(self.preamble, 1)
        document.fieldChanged.connect(self._refresh)
        document.reportReplaced.connect(self._refresh)
        document.readOnlyChanged.connect(self._set_read_only)
        self._set_read_only(bool(document.read_only))
        self._refresh()

    def _set_read_only(self, frozen: bool) -> None:
        for edit in list(self.edits.values()) + [self.year]:
            edit.setReadOnly(frozen)
        self.manual_totals.setEnabled(not frozen)

    def _year_entered(self) -> None:
        text = self.year.text()
        try:
            year = parse_number(text)
        except InvalidNumber as e:
            year = e
        if year is not None and (not isinstance(year, int) or not 2000 <= year <= 2100):
            self.year_problem.setText(f"年度“{text}”不对：请填四位数的年份，如 2024；未改动")
            self.year_problem.setStyleSheet(WARNING_STYLE)  # not before: no style sheet before the first paint (look.py)
            self.year_problem.show()
            return
        self.year_problem.hide()
        self.document_.edit_field("year", year)

    def _refresh(self, key=None) -> None:
        document = self.document_
        for field, edit in self.edits.items():
            if edit.text().strip() != document.field(field):
                edit.setText(document.field(field))
        year = document.field("year")
        if self.year.text() != ("" if year is None else str(year)):
            self.year.setText("" if year is None else str(year))
        self.edits["title"].setPlaceholderText(document.report.format.title(
            document.report.organ or "（机关名称）", year or "（年度）") + "（留空即用此标准标题）")
        self.manual_totals.blockSignals(True)
        self.manual_totals.setChecked(document.report.manual_totals)
        self.manual_totals.blockSignals(False)
