"""consolidate … --against PARENT: the published county report against the sum of its units, cell by cell."""

from disclosure_report.against import describe, differences
from disclosure_report.cli import main
from disclosure_report.consolidate import Unit, consolidate
from disclosure_report.jsonfile import write_report
from test_consolidate import NEW, balanced


def _units():
    return [Unit("甲.json", balanced("县政府办公室", 41)), Unit("乙.json", balanced("县自然资源和规划局", 28)),
            Unit("丙.json", balanced("某某镇人民政府", 9))]


def test_each_cell_that_differs_is_listed_with_the_units_shares():
    result = consolidate(_units(), organ="某县人民政府")
    parent = result.report.copy()
    parent.values[NEW] = 80  # the county published 80; its units sum to 78
    parent.values["applications.new.total"] = 80
    found = differences(result, parent)
    assert [d.path for d in found] == [NEW, "applications.new.total"]
    line = describe(found[0], "全县报告")
    assert line.startswith("表三“一、本年新收政府信息公开申请数量”行“自然人”列：全县报告为 80，各单位之和为 78（相差 2）")
    assert "各单位：县政府办公室 41（52.6%）、县自然资源和规划局 28（35.9%）、某某镇人民政府 9（11.5%）" in line


def test_a_parent_equal_to_its_units_has_no_difference():
    result = consolidate(_units())
    assert differences(result, result.report.copy()) == []


def test_against_on_the_command_line(tmp_path, capsys):
    paths = []
    for unit in _units():
        path = tmp_path / unit.source
        write_report(unit.report, path)
        paths.append(str(path))
    parent = consolidate(_units(), organ="某县人民政府").report
    parent.values[NEW] = parent.values["applications.new.total"] = 80
    parent_path = tmp_path / "全县.json"
    write_report(parent, parent_path)
    code = main(["consolidate", *paths, "-o", str(tmp_path / "汇总.json"), "--against", str(parent_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "2 格与各单位之和不一致" in out
    assert "某县人民政府报告为 80，各单位之和为 78（相差 2）" in out and "县政府办公室 41（52.6%）" in out
    write_report(consolidate(_units(), organ="某县人民政府").report, parent_path)
    assert main(["consolidate", *paths, "-o", str(tmp_path / "汇总.json"), "--against", str(parent_path)]) == 0
    assert "每一格都等于各单位之和" in capsys.readouterr().out


def test_a_parent_of_another_year_is_said_to_be_so(tmp_path, capsys):
    from disclosure_report.against import year_note

    result = consolidate(_units())
    parent = result.report.copy()
    assert year_note(result, parent) is None
    parent.year = 2022
    assert year_note(result, parent).startswith("注意：汇总报告为 2022 年，各单位报表为 2023 年")
    paths = []
    for unit in _units():
        write_report(unit.report, tmp_path / unit.source)
        paths.append(str(tmp_path / unit.source))
    write_report(parent, tmp_path / "全县.json")
    main(["consolidate", *paths, "-o", str(tmp_path / "汇总.json"), "--against", str(tmp_path / "全县.json")])
    assert "注意：汇总报告为 2022 年，各单位报表为 2023 年" in capsys.readouterr().out
