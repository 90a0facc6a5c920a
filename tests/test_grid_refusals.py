"""The refusals of reading.grid, met as a clerk meets them: the reference template filled in with the sample,
spoiled the way a table gets spoiled (a cell added, merged, split or deleted, a header row or a row deleted, a
crafted span), and read by the program's own DOCX reader (files.read_report, which the window and the command
line use). Each refusal is a ReportFileError, never another exception, whose message names the table, the row
and the place and says what to do. Where a DOCX cannot carry the input (a table 100 times the row limit), the
grids read from the filled template are altered and given to read_grids.
"""

import copy

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from disclosure_report.cli import main
from disclosure_report.errors import ReportFileError
from disclosure_report.files import read_report, refusal
from disclosure_report.format import load_format
from disclosure_report.reading import document, grid, outdated
from disclosure_report.reading.grid import cell, grid_limits, read_grids
from test_docx_support import W, cell_at, filled_template

MAX_COLUMNS, MAX_ROWS = grid_limits(load_format())
ACTIVE, APPLICATIONS, APPEALS = 0, 1, 2  # doc.tables of the template: 表二, 表三, 表四 (the document's 1st, 2nd, 3rd)
CHECK_THE_CELLS = "无法可靠读取；请检查是否多了或少了单元格"
ADD_THE_COLUMNS = "无法可靠读取；请对照标准格式补上这些列的单元格后再导入"
AGAINST_THE_FORMAT = "。请对照标准格式（国办公开办函〔2021〕30号）检查表格后再导入"


@pytest.fixture
def doc(sample, fixtures_dir):
    """The reference template filled in with the sample: read as it is, it gives the sample's values."""
    return filled_template(fixtures_dir / "format-2021-template.docx", sample)


def _refused(doc, tmp_path) -> str:
    """The refusal of the document saved as report.docx, without the file name the reader puts before it."""
    path = tmp_path / "report.docx"
    doc.save(str(path))
    with pytest.raises(ReportFileError) as refused:
        read_report(path)
    message = str(refused.value)
    assert message.startswith("report.docx：")
    return message[len("report.docx："):]


def _read(doc, tmp_path):
    path = tmp_path / "report.docx"
    doc.save(str(path))
    return read_report(path)


def _assert_sample_values(report, sample):
    assert {p: v for p, v in report.values.items() if v != sample.values[p]} == {}


def _rows(doc, table):
    return doc.tables[table]._tbl.tr_lst


def _set(tc, text):
    for t in list(tc.iter(W + "t"))[1:]:
        t.getparent().remove(t)
    next(tc.iter(W + "t")).text = text


def _blank_copy(tr):
    row = copy.deepcopy(tr)
    for t in row.iter(W + "t"):
        t.text = ""
    return row


def _add_blank_rows(doc, table, count):
    rows = _rows(doc, table)
    for _ in range(count):
        rows[-1].addnext(_blank_copy(rows[-1]))


def _set_grid_number(element, tag, value: str):
    """A gridSpan (of a w:tc) or gridBefore (of a w:tr) written as the file holds it, unchecked by python-docx."""
    properties = element.get_or_add_tcPr() if element.tag == qn("w:tc") else element.get_or_add_trPr()
    found = properties.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        properties.insert(0, found)
    found.set(qn("w:val"), value)


# ---- the size of a table: refused before any of it is read ----

def test_a_table_longer_than_the_row_limit_is_refused_naming_it(doc, tmp_path):
    _add_blank_rows(doc, APPLICATIONS, MAX_ROWS + 1 - len(_rows(doc, APPLICATIONS)))
    assert _refused(doc, tmp_path) == (f"文档的第 2 个表格超过 {MAX_ROWS} 行，远超标准表格，无法可靠读取；"
                                       f"请删去多余的行后再导入")


def test_a_table_of_exactly_the_row_limit_is_read(doc, sample, tmp_path):
    _add_blank_rows(doc, APPLICATIONS, MAX_ROWS - len(_rows(doc, APPLICATIONS)))
    _assert_sample_values(_read(doc, tmp_path), sample)


@pytest.mark.parametrize("tag, value", [
    ("w:gridSpan", str(MAX_COLUMNS - 9 + 1)),  # the 总计 cell (grid column 10) one column past the limit
    ("w:gridSpan", "9999999999"),  # ten digits: the most the DOCX reader takes
    ("w:gridBefore", str(MAX_COLUMNS)),  # the row's cells pushed right, past the limit
], ids=["span-one-past", "span-ten-digits", "grid-before"])
def test_a_row_wider_than_the_column_limit_is_refused_naming_table_and_row(tag, value, doc, tmp_path):
    row = _rows(doc, APPLICATIONS)[3]  # 一、本年新收政府信息公开申请数量
    _set_grid_number(row.tc_lst[-1] if tag == "w:gridSpan" else row, tag, value)
    assert _refused(doc, tmp_path) == (f"文档的第 2 个表格第 4 行超过 {MAX_COLUMNS} 列（合并或单元格过多），"
                                       f"远超标准表格，无法可靠读取；请检查该表格后再导入")


def test_a_span_reaching_exactly_the_column_limit_is_read(doc, sample, tmp_path):
    _set_grid_number(_rows(doc, APPLICATIONS)[3].tc_lst[-1], "w:gridSpan", str(MAX_COLUMNS - 9))
    _assert_sample_values(_read(doc, tmp_path), sample)


@pytest.fixture
def real_grids(doc, tmp_path, monkeypatch):
    """The grids the DOCX reader makes of the filled template, as read_grids is given them."""
    given = []

    def recording(grids, fmt=None):
        given.append(copy.deepcopy(grids))
        return read_grids(grids, fmt)

    with monkeypatch.context() as patched:  # undone alone: the log folder stays patched (conftest.log_folder)
        patched.setattr(document, "read_grids", recording)
        _read(doc, tmp_path)
    [grids] = given
    assert len(grids) == 3
    return grids


def _nothing_read_past_the_size(monkeypatch):
    def reached(*args, **kwargs):
        raise AssertionError("the tables were read before their size was judged")

    monkeypatch.setattr(grid, "_Reader", reached)
    monkeypatch.setattr(outdated, "evidence", reached)


def _refused_before_reading(real_grids, monkeypatch, enlarge) -> str:
    """The refusal of the real grids enlarged, none of them read: the first table would be refused for its own
    sake (a mistyped row name) if it were."""
    grids = copy.deepcopy(real_grids)
    grids[0][9][0] = cell(0, 1, "行政处份")
    enlarge(grids)
    _nothing_read_past_the_size(monkeypatch)
    with pytest.raises(ReportFileError) as refused:
        read_grids(grids)
    return str(refused.value)


def test_a_table_a_hundred_times_the_row_limit_is_refused_before_any_reading(real_grids, monkeypatch):
    def longer(grids):
        rows = grids[1]
        grids[1] = [rows[i % len(rows)] for i in range(100 * MAX_ROWS)]

    assert _refused_before_reading(real_grids, monkeypatch, longer) == (
        f"文档的第 2 个表格超过 {MAX_ROWS} 行，远超标准表格，无法可靠读取；请删去多余的行后再导入")


def test_a_span_a_hundred_times_the_column_limit_is_refused_before_any_reading(real_grids, monkeypatch):
    def wider(grids):
        last = grids[2][3][-1]
        grids[2][3][-1] = cell(last.col, 100 * MAX_COLUMNS, last.text)  # 表四's values row: span 6000 from column 15

    assert _refused_before_reading(real_grids, monkeypatch, wider) == (
        f"文档的第 3 个表格第 4 行超过 {MAX_COLUMNS} 列（合并或单元格过多），远超标准表格，无法可靠读取；请检查该表格后再导入")


def test_the_real_grids_read_to_the_sample(real_grids, sample):
    """What the two tests above alter is read as it is (so their refusal is due to the alteration alone)."""
    values = read_grids(real_grids).values
    assert {p: v for p, v in values.items() if v != sample.values[p]} == {}


# ---- one data row: each value placed under its column, or refused naming row and column ----

@pytest.mark.parametrize("table, row, told", [
    (ACTIVE, 2, "表二“规章”行的“7”（第 5 列）"),  # right of 现行有效件数
    (APPLICATIONS, 5, "表三“（一）予以公开”行的“7”（第 11 列）"),  # right of 总计
], ids=["active", "applications"])
def test_a_value_under_no_column_heading_is_refused(table, row, told, doc, tmp_path):
    tr = _rows(doc, table)[row]
    extra = copy.deepcopy(tr.tc_lst[-1])
    _set(extra, "7")
    tr.append(extra)
    assert _refused(doc, tmp_path) == f"{told}不在任何列标题之下，{CHECK_THE_CELLS}"


def _merge_regulations_repealed_and_in_force(doc):
    tr = _rows(doc, ACTIVE)[2]
    repealed, in_force = tr.tc_lst[2:4]
    tr.remove(in_force)
    repealed.grid_span = 2
    _set(repealed, "8")


def _delete_rows(*places):
    def spoil(doc):
        for table, row in sorted(places, reverse=True):
            tr = _rows(doc, table)[row]
            tr.getparent().remove(tr)
    return spoil


@pytest.mark.parametrize("spoil, told", [
    # one cell across 本年废止件数 and 现行有效件数
    (_merge_regulations_repealed_and_in_force, "表二“规章”行的“8”（第 3 列）"),
    # the 信息内容｜本年处理决定数量 row above it deleted: 行政许可's value under 本年制发件数…现行有效件数
    (_delete_rows((ACTIVE, 5)), "表二“行政许可”行的“34187”（第 2 列）"),
    # the 信息内容｜本年收费金额 row deleted: the amount under 本年处理决定数量, a column 行政事业性收费 has not
    (_delete_rows((ACTIVE, 12)), "表二“行政事业性收费”行的“15156.9”（第 2 列）"),
], ids=["merged-across-two", "header-deleted-three-under-one", "header-deleted-other-column"])
def test_a_value_in_a_column_the_row_does_not_have_is_refused(spoil, told, doc, tmp_path):
    spoil(doc)
    assert _refused(doc, tmp_path) == f"{told}所在的列与本行应有的列对不上，{CHECK_THE_CELLS}"


def _split_licensing_value(doc, second_text):
    """行政许可's value cell (three grid columns under 本年处理决定数量) split in two."""
    first = _rows(doc, ACTIVE)[6].tc_lst[1]
    first.grid_span = 2
    second = copy.deepcopy(first)
    second.grid_span = 1
    _set(second, second_text)
    first.addnext(second)


def test_two_values_in_one_column_of_a_row_are_refused(doc, tmp_path):
    _split_licensing_value(doc, "5")
    assert _refused(doc, tmp_path) == f"表二“行政许可”行的“5”（第 4 列）与同一列的另一格重复，{CHECK_THE_CELLS}"


def test_a_split_cell_whose_second_part_is_left_empty_is_read(doc, sample, tmp_path):
    _split_licensing_value(doc, "")
    _assert_sample_values(_read(doc, tmp_path), sample)


MISSING_COLUMNS = [
    (ACTIVE, 2, 1, "表二“规章”行缺少“现行有效件数”列"),
    (APPLICATIONS, 19, 2, "表三“2.重复申请”行缺少“其他”“总计”列"),
]


def _cut_last_cells(doc, table, row, cut):
    tr = _rows(doc, table)[row]
    for tc in tr.tc_lst[-cut:]:
        tr.remove(tc)


@pytest.mark.parametrize("table, row, cut, told", MISSING_COLUMNS, ids=["active", "applications"])
def test_a_row_missing_columns_is_refused_naming_them(table, row, cut, told, doc, tmp_path):
    _cut_last_cells(doc, table, row, cut)
    assert _refused(doc, tmp_path) == f"{told}，{ADD_THE_COLUMNS}"


def _window_text(message):
    """The refusal as the window's 无法导入 box shows it (ui.file_commands.import_file)."""
    from disclosure_report.ui.file_commands import IMPORT_ADVICE

    return refusal(message, "report.docx", IMPORT_ADVICE), IMPORT_ADVICE


@pytest.mark.parametrize("table, row, cut, told", MISSING_COLUMNS, ids=["active", "applications"])
def test_the_window_shows_a_row_missing_columns_with_what_to_do_once(table, row, cut, told, doc, tmp_path):
    """The message says what to do itself (so the command line says it too); the window adds no second advice.
    (It used to say nothing to do, and in the window 2.重复申请's 请 kept the general advice out.)"""
    _cut_last_cells(doc, table, row, cut)
    shown, _ = _window_text(_refused(doc, tmp_path))
    assert shown == f"report.docx：{told}，{ADD_THE_COLUMNS}。"


def test_the_window_adds_its_advice_to_a_refusal_whose_only_请_is_in_a_name():
    shown, advice = _window_text("表三“2.重复申请”行的数字无法读取")
    assert shown == f"report.docx：表三“2.重复申请”行的数字无法读取；{advice}。"
    shown, _ = _window_text("表三“2.重复申请”行的数字无法读取，请检查后再导入")
    assert shown == "report.docx：表三“2.重复申请”行的数字无法读取，请检查后再导入。"


def test_a_row_printed_twice_with_different_values_is_refused(doc, tmp_path):
    regulations = _rows(doc, ACTIVE)[2]
    again = copy.deepcopy(regulations)
    _set(again.tc_lst[1], "9")
    _rows(doc, ACTIVE)[3].addnext(again)
    assert _refused(doc, tmp_path) == ("表二“规章”行“本年制发件数”列在文档中出现两次且数值不同（0 与 9），"
                                       "请删去重复的行后再导入")


def test_a_row_with_a_name_not_in_the_format_is_refused(doc, tmp_path):
    cell_at(doc.tables[ACTIVE], 9, 0).text = "行政处份"  # 行政处罚 mistyped
    assert _refused(doc, tmp_path) == ("表二（二、主动公开政府信息情况）中有一行无法识别：“行政处份｜190929”。"
                                       "请检查该行的名称是否与标准格式一致（国办公开办函〔2021〕30号），"
                                       "或删去多余的行后再导入")


def test_words_in_the_last_value_cell_are_refused_as_not_a_number(doc, tmp_path):
    cell_at(doc.tables[ACTIVE], 2, 3).text = "三"
    assert _refused(doc, tmp_path) == "表二“规章”行“现行有效件数”列：“三”不是数字，请填阿拉伯数字（没有请填 0）"


def test_words_in_a_middle_value_cell_are_refused_as_not_a_number(doc, tmp_path):
    """As in the last cell (the build before said the whole row could not be recognised: check its name)."""
    cell_at(doc.tables[ACTIVE], 2, 1).text = "三"
    assert _refused(doc, tmp_path) == "表二“规章”行“本年制发件数”列：“三”不是数字，请填阿拉伯数字（没有请填 0）"


def test_another_table_naming_rows_of_the_format_among_words_is_not_read_as_one_of_its_tables(doc, sample,
                                                                                                tmp_path):
    """Words among a row's values make it a row of ours only in a table found by its other rows: a list of the
    office's own that names 行政许可 and 行政处罚 beside its remarks is left alone, as before."""
    extra = doc.add_table(rows=2, cols=3)
    for row, (name, remark, count) in zip(extra.rows, [("行政许可", "网上办理", "120"), ("行政处罚", "见附件", "5")]):
        for cell_, text in zip(row.cells, (name, remark, count)):
            cell_.text = text
    _assert_sample_values(_read(doc, tmp_path), sample)


# ---- 表四, whose rows are named by header groups ----

def _merge_first_two_review_values(doc):
    tr = _rows(doc, APPEALS)[3]
    first, second = tr.tc_lst[:2]
    tr.remove(second)
    first.grid_span = 2
    _set(first, "3")


def _extra_appeals_value(doc):
    tr = _rows(doc, APPEALS)[3]
    extra = copy.deepcopy(tr.tc_lst[-1])
    _set(extra, "3")
    tr.append(extra)


@pytest.mark.parametrize("spoil, told", [
    (_merge_first_two_review_values, "表四中的数值“3”（第 1 列）"),  # one cell across 结果维持 and 结果纠正
    (_extra_appeals_value, "表四中的数值“3”（第 16 列）"),  # right of the last 总计
], ids=["merged-across-two", "extra-column"])
def test_an_appeals_value_under_no_single_heading_is_refused(spoil, told, doc, tmp_path):
    spoil(doc)
    message = _refused(doc, tmp_path)
    assert message == f"{told}对应不到表头的栏目，无法可靠读取；请检查表头和这一行是否多了、少了或合并了单元格"
    shown, _ = _window_text(message)  # what to do is the message's own: said once
    assert shown == f"report.docx：{message}。"


# ---- a table split across a page, its continuation of another width (no header to go by) ----

def _split_applications_with_a_wider_rest(doc):
    """表三 split before （四）无法提供, the rest given an empty column more: its rows read by their cells in order."""
    table = doc.tables[APPLICATIONS]._tbl
    rest = copy.deepcopy(table)
    for tr in table.tr_lst[15:]:
        table.remove(tr)
    for tr in rest.tr_lst[:15]:
        rest.remove(tr)
    rest.tblGrid.append(copy.deepcopy(rest.tblGrid[0]))
    for tr in rest.tr_lst:
        tr.append(_blank_copy(tr.tc_lst[-1]))
    table.addnext(rest)
    table.addnext(copy.deepcopy(doc.paragraphs[0]._p))  # “续表”
    return rest


def test_a_continuation_of_another_width_is_read(doc, sample, tmp_path):
    _split_applications_with_a_wider_rest(doc)
    _assert_sample_values(_read(doc, tmp_path), sample)


def test_a_continuation_row_with_a_value_too_many_is_refused(doc, tmp_path):
    repeated = _split_applications_with_a_wider_rest(doc).tr_lst[4]  # 2.重复申请
    _set(repeated.tc_lst[-1], "6")
    assert _refused(doc, tmp_path) == ("表三“2.重复申请”行有 8 格数值，应为 7 格，且找不到列标题来对应各列；"
                                       "请补上表头或合并拆开的表格后再导入")


def test_a_continuation_row_with_a_value_missing_is_refused_not_shifted(doc, tmp_path):
    repeated = _split_applications_with_a_wider_rest(doc).tr_lst[4]  # 2.重复申请
    for tc, text in zip(repeated.tc_lst[3:10], ["1", "2", "3", "4", "5", "6", "21"]):
        _set(tc, text)
    repeated.remove(repeated.tc_lst[4])  # the 商业企业 value
    # six values and the extra empty column: read in order, 21 went into 其他 and 总计 was left blank
    assert _refused(doc, tmp_path) == ("表三“2.重复申请”行有 6 格数值，应为 7 格，且找不到列标题来对应各列；"
                                       "请补上表头或合并拆开的表格后再导入")


# ---- the whole document: what is missing, said once, with what to do ----

def _delete_tables(doc):
    for table in list(doc.tables):
        table._tbl.getparent().remove(table._tbl)


@pytest.mark.parametrize("spoil, problems", [
    (_delete_rows((APPLICATIONS, 19)), "表三缺少“2.重复申请”行"),
    (_delete_rows((ACTIVE, 10), (APPLICATIONS, 19)), "表二缺少“行政强制”行；表三缺少“2.重复申请”行"),
    (_delete_rows(*[(APPLICATIONS, row) for row in range(18, 23)]),
     "表三缺少“1.信访举报投诉类申请”“2.重复申请”“3.要求提供公开出版物”“4.无正当理由大量反复申请”等 5 行"),
    (_delete_tables, "未找到表二（二、主动公开政府信息情况）；未找到表三（三、收到和处理政府信息公开申请情况）；"
                     "未找到表四（四、政府信息公开行政复议、行政诉讼情况）"),
], ids=["one-row", "rows-of-two-tables", "five-rows", "no-tables"])
def test_missing_rows_and_tables_are_refused_together_saying_what_to_do(spoil, problems, doc, tmp_path):
    spoil(doc)
    assert _refused(doc, tmp_path) == problems + AGAINST_THE_FORMAT


# ---- as the command line shows one ----

def test_the_command_line_shows_a_refusal_naming_the_file_once(doc, tmp_path, capsys):
    tr = _rows(doc, ACTIVE)[2]
    extra = copy.deepcopy(tr.tc_lst[-1])
    _set(extra, "7")
    tr.append(extra)
    path = tmp_path / "report.docx"
    doc.save(str(path))
    assert main(["import", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"错误：{path}：表二“规章”行的“7”（第 5 列）不在任何列标题之下，{CHECK_THE_CELLS}\n"
