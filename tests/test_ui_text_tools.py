"""The window's text tools: text findings live, 起草助手, 与上年对照, last year from a file."""

from disclosure_report.drafting import APPEALS, APPLICATIONS, strip_marks
from disclosure_report.jsonfile import write_report
from disclosure_report.ui.cross_year_view import CrossYearView, YearChart, key_figures
from ui_support import *  # noqa: F401,F403


def _type_into(window, section, text):
    page = window.editor.show_page(section)
    page.editor.setPlainText(text)


def test_the_samples_parts_fault_is_listed_and_leads_to_the_passage(window):
    panel = window.findings_panel
    [finding] = [f for f in panel.findings() if f.rule == "text.parts_sum"]
    window.editor.show_finding(finding)
    editor = window.editor.page("overview").editor
    assert editor.textCursor().selectedText().startswith("鄄城县共收到政府信息公开申请80件")
    assert editor.textCursor().selectedText().endswith("其余单位6件")


def test_a_figure_typed_in_the_text_is_checked_live(window, qtbot):
    text = window.document.report.text["overview"].replace("其余单位6件", "其余单位2件")
    _type_into(window, "overview", text)
    assert not [f for f in window.document.findings if f.rule.startswith("text.")]
    _type_into(window, "overview", text.replace("申请80件", "申请81件"))
    found = [f for f in window.document.findings if f.rule.startswith("text.")]
    assert [(f.rule, f.cells) for f in found] == [
        ("text.figure", ("applications.new.total",)),
        ("text.parts_sum", ("applications.new.total",))]  # 41+28+9+2 (其余 closes the list) ≠ 81


def test_drafting_panel_inserts_a_passage_that_checks_clean_and_goes_stale(window, qtbot):
    tools = window.text_tools
    tools.dock.show()
    panel = tools.panel
    assert strip_marks(panel.previews[APPEALS].text()).startswith("2023年，本机关未发生因政府信息公开工作")
    window.editor.show_page("overview")
    before = window.document.report.text["overview"]
    panel.insert(APPEALS)
    text = window.document.report.text["overview"]
    assert len(text) > len(before) and "未发生因政府信息公开工作被申请行政复议" in text
    assert panel.placed_list.count() == 1 and "与表格一致" in panel.placed_list.item(0).text()
    editor = window.editor.page("overview").editor
    assert "未发生因政府信息公开工作" in editor.textCursor().selectedText()
    window.document.edit_values({"appeals.review.upheld": 1}, "改表四")
    assert "过时" in panel.placed_list.item(0).text() and panel.update_button.isEnabled()
    panel.update_stale()
    assert "被申请行政复议1件，其中结果维持1件" in window.document.report.text["overview"]
    assert "与表格一致" in panel.placed_list.item(0).text()
    window.document.undo_stack.undo()  # the update is one step
    assert "过时" in panel.placed_list.item(0).text()


def test_a_passage_that_cannot_be_written_says_why(window):
    window.text_tools.dock.show()
    window.document.edit_values({"applications.new.research": None}, "清空")
    panel = window.text_tools.panel
    assert "空格" in panel.previews[APPLICATIONS].text()
    assert not panel.insert_buttons[APPLICATIONS].isEnabled()


def test_cross_year_view_marks_what_changed_and_charts_every_year(window, library, qtbot):
    report = window.document.report
    for year, new in ((2021, 50), (2022, 64)):
        last = report.copy()
        last.year = year
        last.values["applications.new.natural"] = new
        last.values["applications.new.total"] = new
        library.create(last)
    window.open_report(window.report_id)
    window.text_tools.show_cross_year()
    view = window.text_tools.cross_year_view
    qtbot.addWidget(view)
    assert set(view.changed_paths()) == {"applications.new.natural", "applications.new.total"}
    view.only_changed.setChecked(True)
    shown = [r for r in range(view.table.rowCount()) if not view.table.isRowHidden(r)]
    assert len(shown) == 2
    assert [view.table.item(shown[0], c).text() for c in (1, 2, 3)] == ["64", "80", "+16"]
    assert [year for year, _ in view.chart.history] == [2021, 2022, 2023]
    assert [figures[0] for _, figures in view.chart.history] == [50, 64, 80]


def test_chart_and_view_draw_without_last_year(qtbot, sample):
    view = CrossYearView(sample, None, [(2023, key_figures(sample))])
    qtbot.addWidget(view)
    view.show()
    assert view.changed_paths() == [] and not view.only_changed.isEnabled()
    image = view.chart.grab()
    assert not image.isNull()
    empty = YearChart([], 2023)
    qtbot.addWidget(empty)
    empty.resize(400, 200)
    assert not empty.grab().isNull()


def test_last_years_report_from_a_file_feeds_the_checks(window, tmp_path, dialogs):
    last = window.document.report.copy()
    last.year = 2022
    last.values["applications.new.total"] = 70
    write_report(last, tmp_path / "2022.json")
    assert window.text_tools.use_previous_file(tmp_path / "2022.json")
    assert window.document.previous.year == 2022
    rules = [f.rule for f in window.document.findings]
    assert "text.repeats_last_year" in rules  # the same 五 as the file's
    assert any(f.rule == "text.figure" and "同比" in f.message for f in window.document.findings)
    wrong = last.copy()
    wrong.year = 2020
    write_report(wrong, tmp_path / "2020.json")
    assert not window.text_tools.use_previous_file(tmp_path / "2020.json")
    assert "不是上一年的报告" in dialogs.texts()
