"""The fill-in workbook: what a unit gets, what it sends back, and what the county reads from it."""

import datetime
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from disclosure_report.checks import run_checks
from disclosure_report.errors import ReportFileError
from disclosure_report.excel import layout
from disclosure_report.excel.reader import read_workbook
from disclosure_report.excel.workbook import write_workbook
from disclosure_report.files import read_report, write_report
from disclosure_report.format import load_format
from disclosure_report.model import blank_report

FMT = load_format()
NEW = "applications.new.natural"
FEE = "active.fees.amount"


def address(path):
    """Sheet and cell of a JSON path in our workbook: ("表三", "D6")."""
    table = FMT.tables[path.split(".")[0]]
    return table.name, layout.value_coordinates(table)[path]


def fill(path, values):
    """Type into the workbook as a clerk would, with openpyxl (saved without computed values)."""
    wb = openpyxl.load_workbook(path)
    for cell_path, value in values.items():
        sheet, coordinate = address(cell_path) if "." in cell_path else cell_path.split("!")
        wb[sheet][coordinate] = value
    wb.save(path)


def set_cached_value(path, sheet, coordinate, cached):
    """What Excel/WPS stores next to a formula when it saves the file."""
    index = [layout.COVER_SHEET] + [t.name for t in FMT.tables.values()] + [layout.CHECK_SHEET]
    part = f"xl/worksheets/sheet{index.index(sheet) + 1}.xml"
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts[part].decode("utf-8")
    xml, count = re.subn(rf'(<c r="{coordinate}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*(/>|></v>)',
                         rf"\g<1><v>{cached}</v>", xml)
    assert count == 1
    parts[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.fixture
def blank_workbook(tmp_path):
    path = tmp_path / "某某镇.xlsx"
    write_workbook(blank_report("某某镇人民政府", 2023), path)
    return path


# -- the workbook a unit receives ------------------------------------------


def test_sample_round_trips_through_the_workbook(sample, tmp_path):
    path = tmp_path / "鄄城.xlsx"
    write_report(sample, path)
    back = read_report(path)
    assert (back.organ, back.year, back.contact) == (sample.organ, sample.year, sample.contact)
    assert back.values == sample.values
    assert back.values["active.fees.amount"] == Decimal("15156.9")
    assert isinstance(back.values["applications.new.total"], int)
    assert back.manual_totals is False


def test_a_report_with_typed_totals_keeps_them_in_the_workbook_even_when_they_do_not_add_up(sample, tmp_path):
    sample.manual_totals = True
    sample.values["applications.new.total"] = 81  # as published: one more than its parts
    path = tmp_path / "照抄.xlsx"
    write_report(sample, path)
    sheet, coordinate = address("applications.new.total")
    assert openpyxl.load_workbook(path)[sheet][coordinate].value == 81  # not a formula giving 80
    back = read_report(path)
    assert back.values == sample.values and back.manual_totals is True
    assert any(f.rule == "applications.row_total" and "applications.new.total" in f.cells
               for f in run_checks(back))


def test_totals_are_sum_formulas_and_inputs_carry_validation(sample, tmp_path):
    path = tmp_path / "鄄城.xlsx"
    write_workbook(sample, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    new_total, new_natural = address("applications.new.total")[1], address("applications.new.natural")[1]
    handled = address("applications.handled.natural")[1]
    assert ws[new_total].value == "=SUM(D6:I6)" and new_total == "J6"
    assert ws[handled].value == "=SUM(D8:D28)"
    assert wb["表四"][address("appeals.review.total")[1]].value == "=SUM(A6:D6)"
    assert ws[new_natural].value == 80

    def validation(sheet, coordinate):
        found = [dv for dv in wb[sheet].data_validations.dataValidation if coordinate in dv.sqref]
        assert len(found) == 1, coordinate
        return found[0]

    count = validation("表三", new_natural)
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert count.showErrorMessage and "0" in count.error
    amount = validation(*address("active.fees.amount"))
    assert (amount.type, amount.operator, amount.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert not any(new_total in dv.sqref for dv in ws.data_validations.dataValidation)


def test_labels_are_locked_inputs_open_and_sheets_protected_without_password(blank_workbook):
    wb = openpyxl.load_workbook(blank_workbook)
    for sheet in ("封面", "表二", "表三", "表四", "核对"):
        assert wb[sheet].protection.sheet is True
        assert not wb[sheet].protection.password
    ws = wb["表三"]
    assert ws["A6"].value == "一、本年新收政府信息公开申请数量" and ws["A6"].protection.locked
    assert ws["D6"].protection.locked is False  # 自然人, an input
    assert ws["J6"].protection.locked is True  # 总计, a formula
    assert wb["封面"]["B3"].value == "某某镇人民政府" and wb["封面"]["B3"].protection.locked is False


def test_merges_are_those_of_the_official_layout(blank_workbook):
    wb = openpyxl.load_workbook(blank_workbook)
    for table in FMT.tables.values():
        merged = {str(r) for r in wb[table.name].merged_cells.ranges}
        expected = {p.range for p in layout.placed_cells(table) if p.merged}
        assert expected <= merged
        assert expected
    table3 = {str(r) for r in wb["表三"].merged_cells.ranges}
    assert "A3:C5" in table3  # the 勾稽关系 note, three rows by three columns
    assert "A8:A29" in table3  # 三、本年度办理结果 down the left
    assert "B10:B17" in table3  # （三）不予公开 over its eight rows
    assert wb["表三"]["A3"].value.startswith("（本列数据的勾稽关系为")


def test_check_sheet_states_every_relation_with_its_difference(blank_workbook):
    wb = openpyxl.load_workbook(blank_workbook)
    ws = wb["核对"]
    instances = [inst for rel in FMT.relations for inst in rel.instances]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(instances)
    sheet, message, left, right, diff, result = rows[0]
    assert sheet == "表三"
    assert message == '="“一”行：总计="&C4&"，各类申请人之和="&D4&"，相差"&ABS(E4)'
    assert (left, right, diff, result) == ("=SUM('表三'!J6)", "=SUM('表三'!D6:I6)", "=C4-D4",
                                           '=IF(E4=0,"通过","不通过")')
    balance = [r for r in rows if r[1].startswith('="自然人列：一+二=')]
    assert balance[0][2:4] == ("=SUM('表三'!D6:D7)", "=SUM('表三'!D29:D30)")
    assert "不通过" in ws["A2"].value


# -- what comes back --------------------------------------------------------


def test_filled_workbook_reads_exactly_with_full_width_digits_and_blank_marks(blank_workbook):
    fill(blank_workbook, {
        "applications.new.natural": "１２",
        "applications.new.commercial": 3,
        "applications.granted.natural": "1,234",
        "applications.carried_in.natural": "/",
        "active.fees.amount": 24252.311082,
        "active.licensing.decisions": 7.0,
    })
    report = read_workbook(blank_workbook)
    assert report.values["applications.new.natural"] == 12
    assert report.values["applications.new.total"] == 15  # the formula never ran: computed from its parts
    assert report.values["applications.granted.natural"] == 1234
    assert report.values["applications.carried_in.natural"] is None
    assert report.values["applications.carried_in.total"] is None  # blank parts give a blank total, not 0
    assert report.values["active.fees.amount"] == Decimal("24252.311082")
    assert report.values["active.licensing.decisions"] == 7
    assert type(report.values["active.licensing.decisions"]) is int


def test_text_and_errors_are_reported_by_sheet_and_cell(blank_workbook):
    fill(blank_workbook, {
        "applications.withheld.state_secret.natural": "十二",
        "appeals.review.upheld": "#REF!",
        "applications.new.natural": "=3+4",  # a formula never computed by Excel/WPS
        "applications.new.commercial": 5,
        "applications.granted.natural": datetime.date(2023, 3, 5),  # Excel's reading of "3-5"
        "applications.partial.natural": True,
    })
    with pytest.raises(ReportFileError) as e:
        read_workbook(blank_workbook)
    message = str(e.value)
    assert "5 处无法读取" in message
    assert "表三!D8：格子被设成了日期或时间格式" in message
    assert "表三!D9：TRUE 不是数字" in message
    assert "表三!D10：“十二”不是数字" in message
    assert "表四!A6：#REF!" in message
    assert "表三!D6：公式没有计算结果" in message


def test_bad_values_become_findings_not_import_errors(blank_workbook):
    fill(blank_workbook, {"applications.new.natural": -2, "applications.granted.natural": 2.5})
    report = read_workbook(blank_workbook)
    assert report.values["applications.new.natural"] == -2
    assert report.values["applications.granted.natural"] == Decimal("2.5")
    findings = {(f.rule, f.cells) for f in run_checks(report)}
    assert ("cell.value", ("applications.new.natural",)) in findings
    assert ("cell.value", ("applications.granted.natural",)) in findings


def test_formula_with_a_saved_value_is_read_by_that_value(blank_workbook):
    fill(blank_workbook, {"applications.new.natural": "=3+4"})
    set_cached_value(blank_workbook, "表三", "D6", 7)
    report = read_workbook(blank_workbook)
    assert report.values["applications.new.natural"] == 7
    assert report.values["applications.new.total"] == 7


def test_a_total_typed_over_is_kept_for_the_checks_to_judge(blank_workbook):
    fill(blank_workbook, {"applications.new.natural": 4, "applications.new.total": 9})
    report = read_workbook(blank_workbook)
    assert report.values["applications.new.total"] == 9
    assert report.manual_totals is True
    assert any(f.rule == "applications.row_total" and "applications.new.total" in f.cells
               for f in run_checks(report))


def test_a_changed_total_formula_without_saved_value_is_computed_from_its_parts(blank_workbook):
    fill(blank_workbook, {"applications.new.natural": 4, "applications.new.total": "=D6"})
    report = read_workbook(blank_workbook)
    assert report.values["applications.new.total"] == 4


def test_cover_gives_unit_year_and_contact(blank_workbook):
    fill(blank_workbook, {"封面!B4": "２０２３年", "封面!B5": "某某镇政府大院", "封面!B6": "0530-1234567"})
    report = read_workbook(blank_workbook)
    assert (report.organ, report.year) == ("某某镇人民政府", 2023)
    assert (report.contact.address, report.contact.phone) == ("某某镇政府大院", "0530-1234567")
    fill(blank_workbook, {"封面!B4": "去年"})
    with pytest.raises(ReportFileError, match="封面!B4（报告年度）"):
        read_workbook(blank_workbook)


# -- refused -----------------------------------------------------------------


def test_inserted_row_is_refused_saying_what_moved(blank_workbook):
    wb = openpyxl.load_workbook(blank_workbook)
    wb["表三"].insert_rows(9)
    wb.save(blank_workbook)
    with pytest.raises(ReportFileError) as e:
        read_workbook(blank_workbook)
    assert "表三结构与本程序的填报表不同" in str(e.value)
    assert "表三!C10 应为“1.属于国家秘密”" in str(e.value)
    assert "现在在 C11，可能插入或删除了行列" in str(e.value)


def test_edited_header_is_refused(blank_workbook):
    fill(blank_workbook, {"表四!A3": "复议"})
    with pytest.raises(ReportFileError, match="表四!A3 应为“行政复议”，现为“复议”。请用本程序重新导出"):
        read_workbook(blank_workbook)


def test_another_template_is_refused(tmp_path):
    path = tmp_path / "别人的表.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "收到申请数"
    wb.save(path)
    with pytest.raises(ReportFileError, match="不是本程序导出的填报表：缺少工作表“封面”“表二”“表三”“表四”"):
        read_report(path)


def test_macro_workbook_and_old_xls_are_refused(tmp_path, blank_workbook):
    macro = tmp_path / "宏.xlsm"
    macro.write_bytes(blank_workbook.read_bytes())
    with pytest.raises(ReportFileError, match=r"启用宏的工作簿（\.xlsm）.*另存为.*\.xlsx"):
        read_report(macro)
    old = tmp_path / "旧.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ReportFileError, match=r"旧版 \.xls 格式"):
        read_report(old)


def test_truncated_workbook_is_refused_and_the_cli_exits_2(blank_workbook, capsys):
    from disclosure_report.cli import main

    data = blank_workbook.read_bytes()
    blank_workbook.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ReportFileError, match="已损坏或不完整"):
        read_report(blank_workbook)
    assert main(["import", str(blank_workbook)]) == 2
    assert "已损坏或不完整" in capsys.readouterr().err


def test_xml_entities_are_not_expanded(blank_workbook):
    with zipfile.ZipFile(blank_workbook) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["xl/worksheets/sheet3.xml"].decode("utf-8")
    xml = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "12">]>' + xml
    xml = re.sub(r'<c r="D6"([^>]*)></c>', r'<c r="D6" t="inlineStr"><is><t>&a;</t></is></c>', xml, count=1)
    parts["xl/worksheets/sheet3.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(blank_workbook, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(ReportFileError, match="不安全的 XML 实体"):
        read_report(blank_workbook)


def test_without_defusedxml_nothing_is_read(blank_workbook, monkeypatch):
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(ReportFileError, match="defusedxml"):
        read_report(blank_workbook)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_a_workbook_saved_by_an_office_suite_reads_by_its_computed_values(blank_workbook, tmp_path):
    """LibreOffice stands in for Excel/WPS: it recomputes, stores the values and rewrites the file."""
    fill(blank_workbook, {NEW: "=3+4", "applications.new.commercial": 2, FEE: 12.5})
    saved = tmp_path / "saved"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "xlsx", "--outdir", str(saved), str(blank_workbook)],
                   check=True, capture_output=True, timeout=120)
    if not (saved / blank_workbook.name).exists():
        pytest.skip("LibreOffice has no Calc here (it cannot open .xlsx)")
    report = read_workbook(saved / blank_workbook.name)
    assert report.values[NEW] == 7  # the clerk's formula, by the value the suite computed
    assert report.values["applications.new.total"] == 9
    assert report.values[FEE] == Decimal("12.5")
    assert report.manual_totals is False  # our SUM formulas survived the suite
    assert openpyxl.load_workbook(saved / blank_workbook.name)["表三"].protection.sheet is True


def test_values_export_for_statisticians_has_one_sheet_a_table_and_no_formulas(sample, tmp_path):
    from disclosure_report.cli import main
    from disclosure_report.jsonfile import write_report as write_json

    write_json(sample, tmp_path / "鄄城.json")
    out = tmp_path / "数值.xlsx"
    assert main(["export", str(tmp_path / "鄄城.json"), "-o", str(out), "--values"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["表二", "表三", "表四"]
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    for table in FMT.tables.values():
        ws = wb[table.name]
        assert ws.protection.sheet is False
        assert {p.range for p in layout.placed_cells(table) if p.merged} <= {str(r) for r in ws.merged_cells.ranges}
        for path, coordinate in layout.value_coordinates(table).items():
            value = ws[coordinate].value  # openpyxl gives a float for a decimal: compare its shortest text
            assert (Decimal(repr(value)) if isinstance(value, float) else value) == sample.values[path], path
    assert wb["表三"]["J6"].value == 80
    assert wb["表二"]["A1"].value == f"{sample.display_title()}　表二　二、主动公开政府信息情况"


def test_values_export_wants_an_xlsx_name(sample, tmp_path, capsys):
    from disclosure_report.cli import main
    from disclosure_report.jsonfile import write_report as write_json

    write_json(sample, tmp_path / "鄄城.json")
    assert main(["export", str(tmp_path / "鄄城.json"), "-o", str(tmp_path / "数值.csv"), "--values"]) == 2
    assert "--values 只用于导出 .xlsx" in capsys.readouterr().err


def test_the_values_export_is_not_mistaken_for_a_return(sample, tmp_path):
    from disclosure_report.excel.values import write_values

    write_values(sample, tmp_path / "数值.xlsx")
    with pytest.raises(ReportFileError, match="像是本程序导出的数值表.*不能导入"):
        read_report(tmp_path / "数值.xlsx")
