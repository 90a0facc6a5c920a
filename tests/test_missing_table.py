"""A report whose DOCX has table 四's heading but not the table: read, with one table.missing finding."""

import re
from pathlib import Path

import docx
import pytest

from disclosure_report.checks import run_checks
from disclosure_report.files import read_report, write_report
from disclosure_report.jsonfile import read_report as read_json
from disclosure_report.jsonfile import write_report as write_json


def _without_table(sample, tmp_path, index):
    path = tmp_path / "r.docx"
    write_report(sample, path)
    document = docx.Document(path)
    table = document.tables[index]._tbl
    table.getparent().remove(table)
    document.save(path)
    return path


def test_a_missing_table_is_one_finding_not_its_blank_cells(sample, tmp_path):
    report = read_report(_without_table(sample, tmp_path, -1))  # 表四, the last table
    assert all(report.values[c.path] is None for c in report.format.tables["appeals"].cells)
    assert report.values["applications.new.total"] == sample.values["applications.new.total"]
    findings = run_checks(report)
    [missing] = [f for f in findings if f.rule == "table.missing"]
    assert missing.severity == "error" and missing.message.startswith("导入的报告中没有表四（四、政府信息公开行政复议、行政诉讼情况）")
    assert not [f for f in findings if f.rule == "cell.blank" and f.cells[0].startswith("appeals.")]


def test_it_travels_in_the_json_file_and_goes_once_the_table_is_filled(sample, tmp_path):
    report = read_report(_without_table(sample, tmp_path, -1))
    path = tmp_path / "r.json"
    write_json(report, path)
    again = read_json(path)
    assert [f.rule for f in run_checks(again)].count("table.missing") == 1
    again.values["appeals.review.upheld"] = 0
    assert "table.missing" not in [f.rule for f in run_checks(again)]


def test_a_document_with_no_table_at_all_is_still_refused(sample, tmp_path):
    from disclosure_report.errors import ReportFileError

    path = tmp_path / "r.docx"
    write_report(sample, path)
    document = docx.Document(path)
    for table in list(document.tables):
        table._tbl.getparent().remove(table._tbl)
    document.save(path)
    with pytest.raises(ReportFileError):
        read_report(path)


# ---- the published forms: a PDF and a web page with one table gone ----

FIXTURES = Path(__file__).parent / "fixtures"


def _one_finding_for(report, table_id):
    findings = run_checks(report)
    [missing] = [f for f in findings if f.rule == "table.missing"]
    assert missing.severity == "error"
    assert not [f for f in findings if f.rule == "cell.blank" and f.cells[0].startswith(table_id + ".")]
    return missing


def test_a_pdf_exported_without_table_four_gives_one_finding(sample):
    # sample-without-table4.pdf: the sample exported to DOCX, 表四 deleted in the document (its heading kept),
    # then exported to PDF by LibreOffice 7 (soffice --convert-to pdf) — another producer than this program's printer
    report = read_report(FIXTURES / "sample-without-table4.pdf")
    missing = _one_finding_for(report, "appeals")
    assert missing.message.startswith("导入的报告中没有表四（四、政府信息公开行政复议、行政诉讼情况）")
    for path, value in sample.values.items():  # tables 二 and 三 read cell for cell
        if not path.startswith("appeals."):
            assert report.values[path] == value, path


@pytest.mark.parametrize("table_index, table_id, name", [(1, "active", "表二"), (2, "applications", "表三"),
                                                        (3, "appeals", "表四")])
def test_a_web_page_without_one_of_its_tables_gives_one_finding(tmp_path, table_index, table_id, name):
    page = (FIXTURES / "real" / "shuyangxian-fagaiju-2023.html").read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer("<table", page)]
    ends = [m.end() for m in re.finditer("</table>", page)]
    assert len(starts) == len(ends) == 4  # 封面's table of names, then 表二, 三, 四
    path = tmp_path / "报告.html"
    path.write_text(page[:starts[table_index]] + page[ends[table_index]:], encoding="utf-8")
    report = read_report(path)
    assert all(report.values[c.path] is None for c in report.format.tables[table_id].cells)
    assert _one_finding_for(report, table_id).message.startswith(f"导入的报告中没有{name}")
    assert report.values["applications.new.natural"] == (None if table_id == "applications" else 26)
