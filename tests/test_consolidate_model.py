"""The 汇总 dialog's state without its widgets: sources chosen, units read, a confirmation, the report kept."""

from disclosure_report.jsonfile import write_report
from disclosure_report.storage import StorageError
from disclosure_report.ui.consolidate_model import ConsolidationModel
from test_consolidate import NEW, balanced, unit_report


class Entry:
    def __init__(self, id, title):
        self.id, self.title = id, title


def test_files_and_a_draft_summed_a_failing_unit_confirmed_and_the_report_kept(tmp_path):
    write_report(balanced("甲镇", 41), tmp_path / "甲.json")
    write_report(unit_report("乙局", applications__new__natural=10), tmp_path / "乙.json")
    model = ConsolidationModel()
    model.add_files([tmp_path / "甲.json", tmp_path / "乙.json", tmp_path / "甲.json"])
    model.add_drafts([Entry(7, "丙乡 2023"), Entry(8, "丁乡 2023")])
    assert [name for _, name, _, _ in model.rows()] == ["甲.json", "乙.json", "报告库：丙乡 2023（#7）",
                                                         "报告库：丁乡 2023（#8）"]
    assert model.file_paths() == [str(tmp_path / "甲.json"), str(tmp_path / "乙.json")]

    def load(report_id):
        if report_id == 8:
            raise StorageError("找不到该报告（编号 8）")
        return balanced("丙乡", 5)

    model.take(model.reading(load, "某县人民政府", None)())
    assert model.result.report.values[NEW] == 46  # 甲 and 丙; 乙 fails its checks, 丁 cannot be read
    assert model.unit_findings(3) == ["无法读取，未计入：找不到该报告（编号 8）；请在报告库中打开该草稿查看，或选中它点“移除所选”后再汇总"]
    assert model.summary_text().startswith("已汇总 2 个单位（共 4 份），2023 年；2 份未计入")

    model.confirm(model.result.units[1], True)
    model.sum("某县人民政府", None)
    assert model.result.report.values[NEW] == 56
    kept = model.report("某县人民政府")
    assert (kept.organ, kept.values[NEW]) == ("某县人民政府", 56)
    assert model.save_breakdown(tmp_path / "明细").name == "明细.xlsx" and (tmp_path / "明细.xlsx").exists()

    model.remove([0])
    assert model.result is None and len(model.sources) == 3
