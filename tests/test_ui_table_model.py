"""The table models: Qt's model rules, the official layout, totals shown as computed."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from disclosure_report.format import load_format
from disclosure_report.ui.document import ReportDocument
from disclosure_report.ui.table_model import TableModel
from ui_support import *  # noqa: F401,F403


@pytest.mark.parametrize("table_id", ["active", "applications", "appeals"])
def test_every_table_model_passes_the_model_tester(qtmodeltester, sample, table_id):
    document = ReportDocument(sample)
    model = TableModel(document, load_format().tables[table_id])
    qtmodeltester.check(model, force_py=True)


def test_table_three_has_the_official_merges_and_labels(sample):
    model = TableModel(ReportDocument(sample), load_format().tables["applications"])
    spans = {(r, c): (rs, cs) for r, c, rs, cs in model.spans}
    assert model.index(0, 0).data() == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert spans[(0, 0)] == (3, 3)  # the note covers three header rows and the three label columns
    assert model.index(0, 3).data() == "申请人情况" and spans[(0, 3)] == (1, 7)
    assert model.index(1, 3).data() == "自然人" and spans[(1, 3)] == (2, 1)
    assert model.index(1, 4).data() == "法人或其他组织" and spans[(1, 4)] == (1, 5)
    assert model.index(3, 0).data() == "一、本年新收政府信息公开申请数量"
    assert model.index(5, 0).data() == "三、本年度办理结果"
    assert spans[(5, 0)][0] == 22  # 办理结果 spans every result row down to 总计
    assert model.index(7, 1).data() == "（三）不予公开" and spans[(7, 1)] == (8, 1)
    assert model.index(3, 3).data() == "80"  # 本年新收 · 自然人 of the sample
    assert not model.flags(model.index(0, 3)) & Qt.ItemIsEditable
    assert not model.flags(model.index(3, 0)) & Qt.ItemIsSelectable


def test_totals_are_computed_read_only_and_editable_only_when_typed_by_hand(sample):
    document = ReportDocument(sample)
    model = TableModel(document, load_format().tables["applications"])
    total = model.index_of("applications.new.total")
    natural = model.index_of("applications.new.natural")
    assert model.flags(natural) & Qt.ItemIsEditable
    assert not model.flags(total) & Qt.ItemIsEditable
    assert "自动合计" in total.data(Qt.ToolTipRole)
    assert total.data(Qt.BackgroundRole) != natural.data(Qt.BackgroundRole)
    assert model.setData(natural, "90")
    assert total.data() == "90"
    assert sample.values["applications.handled.total"] == 80  # untouched: only 新收 changed
    document.edit_field("manual_totals", True)
    assert model.flags(total) & Qt.ItemIsEditable
    assert model.setData(total, "95")
    assert sample.values["applications.new.total"] == 95


def test_amount_cell_keeps_an_exact_decimal(sample):
    document = ReportDocument(sample)
    model = TableModel(document, load_format().tables["active"])
    fee = model.index_of("active.fees.amount")
    assert model.setData(fee, "２４２５２．３１１０８２")
    assert sample.values["active.fees.amount"] == Decimal("24252.311082")
    assert fee.data() == "24252.311082"


def test_a_wrong_entry_is_refused_with_a_message_and_the_value_kept(sample, qtbot):
    document = ReportDocument(sample)
    model = TableModel(document, load_format().tables["applications"])
    natural = model.index_of("applications.new.natural")
    with qtbot.waitSignal(document.message) as blocker:
        assert not model.setData(natural, "八十")
    assert "不是数字" in blocker.args[0] and "自然人" in blocker.args[0]
    assert sample.values["applications.new.natural"] == 80
