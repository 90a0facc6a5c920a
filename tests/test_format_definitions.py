"""Formats as data: load_format(id), the definitions' validation, a next revision without code."""

import copy
import json
import shutil

import pytest

from disclosure_report import format as format_module
from disclosure_report.checks import run_checks
from disclosure_report.errors import ReportFileError
from disclosure_report.format import FormatError, load_format, parse_format
from disclosure_report.jsonfile import dumps, loads
from disclosure_report.resources import resource_path
from disclosure_report.rollover import next_year

CURRENT = "gov-disclosure-annual-report/2021"


def definition_2021() -> dict:
    with open(resource_path("format-2021.json"), encoding="utf-8") as f:
        return json.load(f)


def refusal(data) -> str:
    with pytest.raises(FormatError) as caught:
        parse_format(data, "format-2021.json")
    return str(caught.value)


def test_load_format_by_id_and_the_current_one_are_the_same():
    assert load_format(CURRENT) is load_format()
    assert load_format().id == CURRENT


def test_an_unknown_format_id_is_refused_with_the_known_ones():
    with pytest.raises(FormatError, match="不认识的报告格式“gov-disclosure-annual-report/2030”"):
        load_format("gov-disclosure-annual-report/2030")


def test_a_typo_compute_for_computes_is_refused_naming_the_place():
    data = definition_2021()
    data["relations"][0]["compute"] = data["relations"][0].pop("computes")
    message = refusal(data)
    assert "relations[0]" in message and "“compute”" in message and "computes" in message


@pytest.mark.parametrize("spoil,expected", [
    (lambda d: d["tables"]["active"]["rows"][0].update(colums=["issued"]), "rows[0] 中有不认识的键“colums”"),
    (lambda d: d.pop("limits"), "缺少键“limits”"),
    (lambda d: d["tables"]["applications"]["layout"][0].append({"text": "多余"}), "这一行占 11 列，表格应为 10 列"),
    (lambda d: d["tables"]["active"]["rows"][0].update(group="nowhere"), "分组“nowhere”不存在"),
    (lambda d: d["relations"][2].update(right=["handled", "carried_away"]), "行“carried_away”不存在"),
    (lambda d: d.update(carry_over={"applications.carried_in": "applications.carried_off"}), "行“carried_off”不存在"),
    (lambda d: d["sections"][1].update(kind="text"), "表格部分"),
    (lambda d: d["key_figures"][0].update(cells=["applications.new.totl"]), "数值格“applications.new.totl”不存在"),
    (lambda d: d["text_vocabulary"]["keywords"][0].update(quantitiy="new"), "keywords[0] 中有不认识的键“quantitiy”"),
    (lambda d: d["text_vocabulary"]["keywords"][0].update(quantity="received"), "引用的数字“received”不存在"),
    (lambda d: [d["text_vocabulary"]["keywords"][0].pop(k) for k in ("kind", "quantity")],
     "keywords[0] 缺少键“kind”“quantity”"),
    (lambda d: d["text_vocabulary"]["applications"].update(handled="done"), "行“done”不存在"),
    (lambda d: d["text_vocabulary"]["appeals"]["groups"][1]["rows"].append("suit_later"), "行“suit_later”不存在"),
    (lambda d: d["text_vocabulary"]["active"].update(fees="active.fees.total"), "数值格“active.fees.total”不存在"),
])
def test_inconsistent_definitions_are_refused_with_a_message(spoil, expected):
    data = definition_2021()
    spoil(data)
    assert expected in refusal(data)


def test_a_value_cell_placed_twice_or_never_is_refused():
    data = definition_2021()
    layout = data["tables"]["appeals"]["layout"]
    row = next(r for r in layout if any("values" in c for c in r))
    values = next(c for c in row if "values" in c)
    values["values"] = "suit_direct"  # the review row now shows the direct suits' cells a second time
    message = refusal(data)
    assert "出现两次" in message


def test_the_2019_layout_is_a_definition_of_its_own_naming_format_outdated():
    [old] = format_module.outdated_formats()
    assert old.basis == "国办公开办函〔2019〕60号" and old.superseded_by == CURRENT
    assert "本年新制作数量" in old.labels
    with pytest.raises(ReportFileError, match="format.outdated"):
        loads(json.dumps({"format": old.id}))


def a_2025_revision() -> dict:
    """A fictitious 2025 revision: a new row in table 二, and its texts also say 登记 for 收到."""
    data = copy.deepcopy(definition_2021())
    data["id"] = "gov-disclosure-annual-report/2025"
    data["basis"] = "国办公开办函〔2025〕1号（虚构）"
    active = data["tables"]["active"]
    active["rows"].append({"id": "open_data", "label": "数据开放", "columns": ["issued", "repealed", "in_force"]})
    active["layout"].append([{"row": "open_data"}, {"values": "open_data"}])
    received = data["text_vocabulary"]["keywords"][0]
    received["pattern"] = received["pattern"].replace("(?:新收|收到", "(?:新收|收到|登记", 1)
    return data


@pytest.fixture
def next_revision(request, tmp_path, monkeypatch):
    """resources/ with a 2025 revision (a_2025_revision, or the test's indirect parameter): one new JSON
    file and its line in formats.json."""
    folder = tmp_path / "resources"
    shutil.copytree(resource_path(), folder)
    data = getattr(request, "param", None) or a_2025_revision()
    (folder / "format-2025.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    registry = json.loads((folder / "formats.json").read_text(encoding="utf-8"))
    registry["current"] = data["id"]
    registry["formats"][data["id"]] = "format-2025.json"
    (folder / "formats.json").write_text(json.dumps(registry, ensure_ascii=False), encoding="utf-8")
    caches = (format_module._registry, format_module._load, format_module.outdated_formats)
    for cache in caches:
        cache.cache_clear()
    monkeypatch.setattr(format_module, "resource_path", lambda *parts: folder.joinpath(*parts))
    yield data["id"]
    monkeypatch.undo()
    for cache in caches:
        cache.cache_clear()


def test_a_next_revision_is_one_json_file_and_a_mapping(sample, next_revision):
    last_year = loads(dumps(sample))  # a 2021-format report still reads as one
    assert last_year.format_id == CURRENT and "active.open_data.issued" not in last_year.values

    report = next_year(last_year)  # a new year is made in the current (2025) format
    assert report.format_id == next_revision and report.values["active.open_data.issued"] is None
    assert report.values["applications.carried_in.natural"] == sample.values["applications.carried_out.natural"]

    report.values["active.open_data.issued"] = 4
    again = loads(dumps(report))
    assert again.format_id == next_revision and again.values["active.open_data.issued"] == 4
    assert json.loads(dumps(report))["format"] == next_revision
    assert not [f for f in run_checks(again, sample) if f.rule.startswith("cross_year")]


def test_a_next_revision_brings_its_own_text_vocabulary(sample, next_revision):
    """How texts name a figure is the definition's too: the revision's new keyword is read, with no code."""
    last_year = loads(dumps(sample))
    report = next_year(last_year)
    for old in (last_year, report):
        old.values["applications.new.total"] = 5
        old.text["overview"] = "本年度登记政府信息公开申请80件。"
    figures = [f.message for f in run_checks(report) if f.rule == "text.figure"]
    assert figures and "“登记政府信息公开申请80件”" in figures[0] and "（表中为 5 件）" in figures[0]
    assert not [f for f in run_checks(last_year) if f.rule == "text.figure"]  # 2021's words have no 登记


def _broken_keyword() -> dict:
    data = a_2025_revision()
    data["text_vocabulary"]["keywords"][1]["pattern"] = "结转(申请"
    return data


@pytest.mark.parametrize("next_revision", [_broken_keyword()], indirect=True)
def test_a_pattern_that_does_not_compile_is_refused_naming_it_when_the_text_rules_first_need_it(sample,
                                                                                                next_revision):
    """Not at every start (compiling the patterns is half the cost of reading a definition): reports in
    the revision still read; the checks, whose text rules need the patterns, refuse the definition."""
    report = next_year(loads(dumps(sample)))
    assert report.format_id == next_revision
    report.text["overview"] = "本年度收到政府信息公开申请80件。"
    with pytest.raises(FormatError) as caught:
        run_checks(report)
    message = str(caught.value)
    assert "2025" in message and "text_vocabulary.keywords[1] 的 pattern 不是有效的正则表达式" in message
