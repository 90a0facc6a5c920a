"""`disclosure-report check *.docx`: a folder of units' reports, paired with last year, on both cores."""

import io
import json
import sys

from disclosure_report import batch
from disclosure_report.cli import main
from disclosure_report.consolidate import PARALLEL_FROM
from disclosure_report.files import write_report


def _last_year(sample):
    last = sample.copy()
    last.year = 2022
    last.title = "鄄城县2022年政府信息公开工作年度报告"
    for column, value in (("natural", 4), ("total", 4)):
        last.values[f"applications.carried_out.{column}"] = value
        last.values[f"applications.new.{column}"] = 84
    last.values["active.normative_documents.in_force"] = 8
    return last


def test_check_docx_pairs_with_last_year_among_the_files(sample, tmp_path, capsys):
    write_report(_last_year(sample), tmp_path / "鄄城县2022.docx")
    write_report(sample, tmp_path / "鄄城县2023.docx")
    files = sorted(str(p) for p in tmp_path.glob("*.docx"))
    assert main(["check", *files]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / '鄄城县2023.docx'}（鄄城县人民政府 2023年）：2 个错误" in out
    assert f"已与上年报告 {tmp_path / '鄄城县2022.docx'} 对照" in out
    assert "上年结转" in out and "(cross_year.carried_in)" not in out and "（cross_year.carried_in）" in out


def test_check_json_output_for_docx_files_keeps_its_shape(sample, tmp_path, capsys):
    path = tmp_path / "a.docx"
    write_report(sample, path)
    bad = tmp_path / "b.docx"
    bad.write_bytes(b"not a docx")
    assert main(["check", "--json", str(path), str(bad)]) == 2
    results = json.loads(capsys.readouterr().out)
    assert set(results[0]) == {"file", "organ", "year", "findings", "error"}
    assert (results[0]["organ"], results[0]["year"], results[0]["error"]) == ("鄄城县人民政府", 2023, None)
    assert all(f["severity"] == "warning" for f in results[0]["findings"])
    assert results[1]["findings"] == []
    assert results[1]["file"] == str(bad) and "不是 Word 文档" in results[1]["error"]


def test_many_files_are_read_in_parallel_in_order_with_the_same_results(sample, tmp_path):
    paths = []
    for i in range(PARALLEL_FROM + 2):
        report = sample.copy()
        report.organ = f"乡镇{i:02d}"
        report.title = ""
        report.values["applications.new.natural"] = 80 + i % 3  # i % 3 != 0 breaks the balance
        path = tmp_path / f"unit{i:02d}.docx"
        write_report(report, path)
        paths.append(path)
    parallel = batch.check_files(paths)
    assert [r.file for r in parallel] == [str(p) for p in paths]
    assert [r.organ for r in parallel] == [f"乡镇{i:02d}" for i in range(len(paths))]
    failing = [i for i, r in enumerate(parallel) if any(f.rule == "applications.balance" for f in r.findings)]
    assert failing == [i for i in range(len(paths)) if i % 3]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_stderr_only_on_a_terminal(sample, tmp_path, monkeypatch):
    paths = []
    for name in ("甲", "乙"):
        paths.append(tmp_path / f"{name}.docx")
        write_report(sample, paths[-1])
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    batch.check_files(paths)
    shown = terminal.getvalue()
    assert "已读取 1/2：甲.docx" in shown and "已读取 2/2：乙.docx" in shown
    assert shown.endswith("\r")  # the line is wiped before the summary
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    batch.check_files(paths)
    assert piped.getvalue() == ""


def test_a_2019_layout_report_in_the_batch_is_named_outdated(sample, tmp_path, capsys):
    from test_docx_import import _document_2019

    old = _document_2019(tmp_path)
    good = tmp_path / "good.docx"
    write_report(sample, good)
    assert main(["check", str(old), str(good)]) == 2
    out = capsys.readouterr().out
    assert f"{old}：该报告按已废止的 2019 年格式" in out and "format.outdated" in out
    assert f"{good}（鄄城县人民政府 2023年）" in out  # the other files are still checked
