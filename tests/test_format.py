"""The format definition against FORMAT.md and the official template."""

import docx
import pytest

from disclosure_report.format import load_format

FMT = load_format()


def _template_grid(path, index):
    table = docx.Document(path).tables[index]
    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            text = "".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")).strip("\u3000 ")
            cells.append((text, tc.grid_span, tc.vMerge))
        rows.append(cells)
    return rows


def _our_grid(table):
    rows = []
    for row in table.layout:
        cells = []
        for cell in row:
            vmerge = "continue" if cell.continued else ("restart" if cell.rowspan > 1 else None)
            cells.append((cell.text, cell.colspan, vmerge))
        rows.append(cells)
    return rows


@pytest.mark.parametrize("index,table_id", [(0, "active"), (1, "applications"), (2, "appeals")])
def test_layout_matches_the_official_template_cell_for_cell(fixtures_dir, index, table_id):
    expected = _template_grid(fixtures_dir / "format-2021-template.docx", index)
    assert _our_grid(FMT.tables[table_id]) == expected


def test_every_cell_of_format_md_is_defined():
    assert len(FMT.cells) == 2 * 3 + 4 + 25 * 7 + 3 * 5
    assert FMT.cells["applications.withheld.state_secret.natural"].kind == "count"
    assert FMT.cells["active.fees.amount"].kind == "amount"
    assert FMT.cells["applications.handled.natural"].computed
    assert FMT.cells["applications.new.total"].computed
    assert not FMT.cells["applications.carried_out.natural"].computed


def test_sections_in_order_with_titles_verbatim():
    assert [(s.id, s.title) for s in FMT.sections] == [
        ("overview", "一、总体情况"),
        ("active", "二、主动公开政府信息情况"),
        ("applications", "三、收到和处理政府信息公开申请情况"),
        ("appeals", "四、政府信息公开行政复议、行政诉讼情况"),
        ("problems", "五、存在的主要问题及改进情况"),
        ("other", "六、其他需要报告的事项"),
    ]
    assert FMT.text_ids == ("preamble", "overview", "problems", "other")
    assert FMT.title("鄄城县人民政府", 2023) == "鄄城县人民政府2023年政府信息公开工作年度报告"


def test_totals_are_computed_after_their_parts():
    order = [inst.computes for inst in FMT.computations]
    assert order.index("applications.handled.natural") < order.index("applications.handled.total")
    assert order.index("applications.granted.total") < order.index("applications.handled.total")
