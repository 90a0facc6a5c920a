"""Comparing a snapshot with the draft: the changes a clerk is shown."""

from decimal import Decimal

from disclosure_report.compare import diff_reports
from disclosure_report.model import apply_values


def test_the_same_report_has_no_changes(sample):
    diff = diff_reports(sample, sample.copy())
    assert not diff
    assert (diff.cells, diff.texts, diff.fields, diff.images) == ((), (), (), ())


def test_changed_cells_in_table_order_with_their_description(sample):
    new = sample.copy()
    apply_values(new, {"appeals.review.corrected": 7, "applications.new.natural": None})

    diff = diff_reports(sample, new)

    paths = [c.path for c in diff.cells]
    # the total of the row follows its parts; table 三 comes before table 四
    assert paths[:2] == ["applications.new.natural", "applications.new.total"]
    assert "appeals.review.corrected" in paths and paths.index("appeals.review.corrected") > 1
    natural = diff.cells[0]
    assert natural.old == sample.values["applications.new.natural"] and natural.new is None
    assert natural.description == "表三“一、本年新收政府信息公开申请数量”行“自然人”列"


def test_blank_and_zero_are_different(sample):
    old = sample.copy()
    old.values["active.fees.amount"] = None
    new = sample.copy()
    new.values["active.fees.amount"] = Decimal("0")
    [change] = diff_reports(old, new).cells
    assert (change.path, change.old, change.new) == ("active.fees.amount", None, Decimal("0"))


def test_changed_texts_fields_and_pictures(sample):
    new = sample.copy()
    new.text["problems"] = "新的问题"
    new.organ = "鄄城县人民政府办公室"
    new.year = 2024
    new.contact.phone = "0530-1234567"
    new.images["a.png"] = b"png"

    diff = diff_reports(sample, new)

    [text] = diff.texts
    assert (text.id, text.old, text.new) == ("problems", sample.text["problems"], "新的问题")
    assert text.label == sample.format.text_label("problems")
    assert [(f.name, f.label, f.new) for f in diff.fields] == [
        ("organ", "机关名称", "鄄城县人民政府办公室"),
        ("year", "年度", 2024),
        ("contact.phone", "联系电话", "0530-1234567"),
    ]
    assert diff.fields[1].old == 2023
    assert diff.images == ("a.png",)
