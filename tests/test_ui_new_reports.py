"""New reports as a clerk expects: an empty organ, last year's report chosen and confirmed, made once."""

from PySide6.QtWidgets import QMessageBox

from disclosure_report.jsonfile import write_report
from disclosure_report.ui.library_dialog import NewReportDialog
from disclosure_report.ui.new_reports import LastYearDialog
from ui_support import *  # noqa: F401,F403


def answer(monkeypatch, dialog_class, act):
    """The dialog's exec runs act(dialog) instead of waiting for the clerk; what it showed is kept."""
    seen = []

    def exec_(self):
        seen.append(self)
        act(self)
        return self.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return seen


def test_a_new_report_starts_with_an_empty_organ_not_the_samples(window, monkeypatch):
    assert window.document.report.organ == "鄄城县人民政府"  # the sample is open
    seen = answer(monkeypatch, NewReportDialog, lambda d: d.reject())
    window.new_report()
    [dialog] = seen
    assert dialog.organ.text() == "" and dialog.organ.placeholderText().startswith("如：")
    assert dialog.year.text().isdigit()


def test_new_from_last_year_asks_which_says_what_it_makes_and_makes_it_once(window, library, monkeypatch):
    sample_id = window.report_id

    def confirm(d):
        assert d.plan.text() == "将新建：鄄城县人民政府 2024 年的报告，由 2023 年的报告结转。"
        d._accept()
        d._accept()  # a double click on 新建

    seen = answer(monkeypatch, LastYearDialog, confirm)
    window.new_from_last_year()
    assert seen[0].reports.count() == 1  # the library's reports are offered
    made = window.report_id
    assert made != sample_id and window.document.report.year == 2024
    # the command again, from the sample: 2024 exists, so it is opened, not made a second time
    window.open_report(sample_id)
    dialogs_answer = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a: dialogs_answer.append(text) or QMessageBox.Yes))
    answer(monkeypatch, LastYearDialog, lambda d: d._accept())
    window.new_from_last_year()
    assert "已有" in dialogs_answer[0] and window.report_id == made
    assert sorted(e.year for e in library.list_reports()) == [2023, 2024]


def test_last_years_report_can_be_a_file(window, library, monkeypatch, tmp_path, sample):
    sample.organ, sample.year = "某某镇人民政府", 2024
    sample.values["applications.carried_out.natural"] = 3
    path = tmp_path / "2024.json"
    write_report(sample, path)

    def from_file(d):
        assert d.use_file(path)
        assert "某某镇人民政府 2025 年的报告" in d.plan.text() and "2024.json" in d.plan.text()
        d._accept()

    answer(monkeypatch, LastYearDialog, from_file)
    window.new_from_last_year()
    report = window.document.report
    assert (report.organ, report.year) == ("某某镇人民政府", 2025)
    assert report.values["applications.carried_in.natural"] == 3


def test_cancelling_makes_nothing(window, library, monkeypatch):
    answer(monkeypatch, LastYearDialog, lambda d: d.reject())
    window.new_from_last_year()
    assert len(library.list_reports()) == 1
