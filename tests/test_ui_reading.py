"""Published reports entering the window: the review before anything changes, drop, clipboard,
由上年报告新建 and 与上年对照 with a PDF or a web page."""

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from disclosure_report.files import read_report
from disclosure_report.ui.import_review import ImportReview
from reading_support import REAL
from ui_support import *  # noqa: F401,F403

PDF = REAL / "huaian-2024.pdf"
HTML = REAL / "shuyangxian-fagaiju-2023.html"
NEW_TOTAL = "applications.new.total"


def _answer_review(monkeypatch, button_text, seen=None):
    """The review dialog, shown, answered by a click on one of its buttons (modal dialogs never block here)."""
    def exec_(dialog):
        dialog.show()
        if seen is not None:
            seen.append(dialog)
        next(b for b in dialog.findChildren(QPushButton) if b.text() == button_text).click()
        return dialog.result()

    monkeypatch.setattr(ImportReview, "exec", exec_)


def test_the_review_shows_the_tables_as_held_the_findings_and_what_was_not_read(qtbot):
    report = read_report(HTML)
    review = ImportReview(HTML.name, report)
    qtbot.addWidget(review)
    assert "沭阳县发展和改革局 2023年" in review.summary.text() and "（当前报告尚未改动）" in review.summary.text()
    tabs = [review.tabs.tabText(i) for i in range(review.tabs.count())]
    assert tabs[:3] == ["表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况",
                        "表四 政府信息公开行政复议、行政诉讼情况"]
    table_three = review.tabs.widget(1)
    shown = {table_three.item(r, c).text() for r in range(table_three.rowCount())
             for c in range(table_three.columnCount()) if table_three.item(r, c)}
    assert {"26", "（空）", "自然人"} <= shown
    assert tabs[3].startswith("核对结果（") and tabs[4].startswith("未能读取（")
    unread = [where + what for where, what in review.unread]
    assert any("“一、本年新收政府信息公开申请数量”行“商业企业”列空白" in line for line in unread)


def test_importing_a_pdf_replaces_the_draft_only_after_the_review_and_in_one_undo_step(window, monkeypatch):
    before = window.document.report.values[NEW_TOTAL]
    seen = []
    _answer_review(monkeypatch, "替换当前报告", seen)
    assert window.import_file(PDF)
    assert seen and window.document.report.values[NEW_TOTAL] == 3119
    assert window.document.report.organ == "淮安市人民政府"
    window.actions["undo"].trigger()
    assert window.document.report.values[NEW_TOTAL] == before


def test_cancelling_the_review_changes_nothing(window, library, monkeypatch):
    before, reports = window.document.report.values[NEW_TOTAL], len(library.list_reports())
    _answer_review(monkeypatch, "取消")
    assert not window.import_file(HTML)
    assert window.document.report.values[NEW_TOTAL] == before and len(library.list_reports()) == reports


def test_a_web_page_dropped_on_the_window_becomes_a_new_report(window, library, monkeypatch):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(HTML))])
    event = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    _answer_review(monkeypatch, "作为新报告")
    window.dropEvent(event)
    assert window.document.report.organ == "沭阳县发展和改革局"
    assert "沭阳县发展和改革局" in [e.organ for e in library.list_reports()]


def test_a_report_copied_from_a_browser_imports_from_the_clipboard(window, monkeypatch):
    mime = QMimeData()
    mime.setHtml(HTML.read_text(encoding="utf-8"))
    QApplication.clipboard().setMimeData(mime)
    _answer_review(monkeypatch, "替换当前报告")
    assert window.files.import_clipboard()
    assert window.document.report.values["active.normative_documents.in_force"] == 18


def test_an_empty_clipboard_is_told(window, dialogs):
    QApplication.clipboard().setText("只是几个字")
    assert not window.files.import_clipboard()
    assert "剪贴板中没有网页内容" in dialogs.texts()


def test_next_year_from_last_years_published_pdf(window, monkeypatch):
    from disclosure_report.ui.new_reports import LastYearDialog

    def choose_the_pdf(dialog):
        assert dialog.use_file(PDF)
        assert "淮安市人民政府 2025 年的报告" in dialog.plan.text()
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(LastYearDialog, "exec", choose_the_pdf)
    window.new_from_last_year()
    report = window.document.report
    assert (report.organ, report.year) == ("淮安市人民政府", 2025)
    assert report.values["applications.carried_in.natural"] == 103 and report.values["applications.carried_in.total"] == 103


def test_last_years_web_page_as_the_previous_report(window, tmp_path):
    from disclosure_report.jsonfile import write_report

    this_year = read_report(HTML)
    this_year.year = 2024
    path = tmp_path / "2024.json"
    write_report(this_year, path)
    assert window.import_file(path, into_current=True)
    assert window.text_tools.use_previous_file(HTML)
    assert window.document.previous.values["applications.carried_out.natural"] == 0


# ---- a table copied from a browser or a PDF viewer, pasted by its labels ----

def _table_page(qtbot, sample, table_id):
    from disclosure_report.ui.document import ReportDocument
    from disclosure_report.ui.table_page import TablePage

    page = TablePage(ReportDocument(sample), table_id)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_web_table_pasted_fills_cells_by_their_labels_wherever_the_cursor_is(qtbot, sample):
    page = _table_page(qtbot, sample, "applications")
    html = HTML.read_text(encoding="utf-8")
    start = html.index("<table", html.index("三、收到和处理"))
    fragment = html[start:html.index("</table>", start) + len("</table>")]
    mime = QMimeData()
    mime.setHtml(fragment)
    mime.setText("从网页复制的表格")
    QApplication.clipboard().setMimeData(mime)
    page.view.setCurrentIndex(page.model.index_of("applications.rejected.petition.legal"))  # anywhere
    qtbot.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    values = page.model.document.report.values
    assert values["applications.new.natural"] == 26 and values["applications.new.commercial"] is None
    assert values["applications.granted.natural"] == 26 and values["applications.carried_out.natural"] == 0
    page.model.document.undo_stack.undo()  # one step
    assert values["applications.new.natural"] == sample.values["applications.new.natural"] == 80


def test_rows_with_labels_as_tab_text_paste_into_their_rows_and_columns(qtbot, sample):
    page = _table_page(qtbot, sample, "active")
    QApplication.clipboard().setText("信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t2\t3\n")
    page.view.setCurrentIndex(page.model.index_of("active.normative_documents.in_force"))
    qtbot.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    values = page.model.document.report.values
    assert (values["active.regulations.issued"], values["active.regulations.repealed"],
            values["active.regulations.in_force"]) == (1, 2, 3)
    assert values["active.normative_documents.in_force"] == sample.values["active.normative_documents.in_force"]
