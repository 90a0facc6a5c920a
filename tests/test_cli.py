import json
import re
import shutil

import pytest

from disclosure_report.cli import main
from disclosure_report.jsonfile import read_report, write_report
from disclosure_report.resources import sample_path


@pytest.fixture
def sample_file(tmp_path):
    path = tmp_path / "juancheng-2023.json"
    shutil.copy(sample_path(), path)
    # the sample's one text fault (其中 41+28+9+6 ≠ 80) corrected: a clean report
    path.write_text(path.read_text(encoding="utf-8").replace("其余单位6件", "其余单位2件"), encoding="utf-8")
    return path


def test_check_clean_sample_exits_0(sample_file, capsys):
    assert main(["check", str(sample_file)]) == 0
    assert "鄄城县人民政府 2023年）：通过" in capsys.readouterr().out


def test_check_with_an_error_exits_1_and_names_it(sample, tmp_path, capsys):
    sample.values["applications.carried_out.natural"] = 1
    path = tmp_path / "bad.json"
    write_report(sample, path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "[错误] 自然人列：一+二=80，三（七）+四=81，相差1（applications.balance）" in out


def test_check_json_output_and_unreadable_file_exits_2(sample_file, tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["check", "--json", str(sample_file), str(broken)]) == 2
    results = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in results] == [str(sample_file), str(broken)]
    assert results[0] == {"file": str(sample_file), "organ": "鄄城县人民政府", "year": 2023,
                          "findings": [], "error": None}
    assert "不是有效的 JSON" in results[1]["error"] and results[1]["findings"] == []


def test_check_pairs_last_years_report_among_the_files(sample, tmp_path, capsys):
    last = sample.copy()
    last.year = 2022
    last.values["applications.carried_out.natural"] = 4
    last.values["applications.carried_out.total"] = 4
    last.values["applications.new.natural"] = 84
    last.values["applications.new.total"] = 84
    last.values["active.normative_documents.in_force"] = 8  # 8 + 0 - 3 = 5 this year
    write_report(last, tmp_path / "2022.json")
    write_report(sample, tmp_path / "2023.json")
    assert main(["check", "--json", str(tmp_path / "2023.json"), str(tmp_path / "2022.json")]) == 1
    results = json.loads(capsys.readouterr().out)
    rules = [f["rule"] for f in results[0]["findings"] if not f["rule"].startswith("text.")]
    assert rules == ["cross_year.carried_in", "cross_year.carried_in"]
    assert [f for f in results[1]["findings"] if not f["rule"].startswith("text.")] == []


def test_check_previous_option(sample, sample_file, tmp_path, capsys):
    last = sample.copy()
    last.year = 2022
    last.organ = "鄄城县政府"  # named differently: --previous still applies by year
    last.values["applications.carried_out.legal"] = 2
    write_report(last, tmp_path / "last.json")
    assert main(["check", "--previous", str(tmp_path / "last.json"), str(sample_file)]) == 1
    assert "法律服务机构列" in capsys.readouterr().out


def test_import_and_export_json(sample_file, tmp_path, capsys):
    assert main(["import", str(sample_file)]) == 0
    assert json.loads(capsys.readouterr().out)["organ"] == "鄄城县人民政府"
    out = tmp_path / "copy.json"
    assert main(["export", str(sample_file), "-o", str(out)]) == 0
    assert read_report(out) == read_report(sample_file)
    assert capsys.readouterr().out == f"已导出：{out.resolve()}\n"


# what may stay Latin in the help: the program, its commands and options, file kinds, rule ids
_LATIN_ALLOWED = {"disclosure", "report", "check", "import", "export", "consolidate", "help", "version",
                  "self", "test", "previous", "json", "output", "values", "watermark", "blank", "breakdown",
                  "include", "failing", "organ", "year", "docx", "xlsx", "pdf", "h", "o",
                  "list", "rules", "against", "select", "ignore", "text", "applications", "balance", "local", "fonts", "gb", "windows"}


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["import", "--help"],
                                  ["export", "--help"], ["consolidate", "--help"]])
def test_help_is_wholly_chinese_and_gives_the_exit_codes(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    out = capsys.readouterr().out
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", out)}
    assert words <= _LATIN_ALLOWED, words - _LATIN_ALLOWED
    assert "退出状态：0 未发现错误" in out and "1 发现错误" in out and "2 文件无法读取" in out


def test_version_line_is_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("政府信息公开工作年度报告编制工具（disclosure-report）版本 ")


@pytest.mark.parametrize("argv,fragment", [
    (["export", "x.json"], "缺少参数"),
    (["chek", "x"], "不认识的命令"),
    (["check"], "缺少参数"),
])
def test_usage_errors_are_one_chinese_line(argv, fragment, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err


def test_unsupported_output_is_a_clear_error(sample_file, tmp_path, capsys):
    assert main(["export", str(sample_file), "-o", str(tmp_path / "r.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：无法导出为 r.txt") and "Traceback" not in err


def test_unexpected_failure_is_one_line_not_a_traceback(sample_file, monkeypatch, capsys):
    def boom(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("disclosure_report.files.read_report", boom)
    assert main(["export", str(sample_file), "-o", "x.json"]) == 2
    err = capsys.readouterr().err
    assert "程序内部错误" in err and "Traceback" not in err


# refusals of unreadable files, as the clerk sees them: each names the file once, as it was given
_UNREADABLE = {
    "文本.docx": ("hello", "{} 不是 Word 文档（.docx），内容无法识别"),
    "坏.json": ("{", "{}：不是有效的 JSON 文件：第 1 行第 2 列附近有误（Expecting property name enclosed in double quotes）"),
    "坏.pdf": ("%PDF-1.4 garbage", "{}：不是有效的 PDF 文件，或文件已损坏；请重新下载后再导入"),
    "笔记.txt": ("hi", "无法读取 {}：不支持 .txt 文件，可读取 .doc、.docx、.htm、.html、.json、.mht、.mhtml、.pdf、"
                       ".shtml、.xls、.xlsm、.xlsx"),
    "没有.docx": (None, "找不到文件 {}"),
}


@pytest.fixture
def unreadable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "单位"
    folder.mkdir()
    for name, (content, _) in _UNREADABLE.items():
        if content is not None:
            (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", _UNREADABLE)
@pytest.mark.parametrize("given", ["absolute", "relative"])
def test_a_refused_file_is_named_once_as_given_by_every_command(name, given, unreadable, sample_file, capsys):
    path = str(unreadable / name) if given == "absolute" else f"单位/{name}"
    told = _UNREADABLE[name][1].format(path)
    assert main(["check", path, str(sample_file)]) == 2
    assert told in capsys.readouterr().out.splitlines()
    assert main(["import", path]) == 2
    assert capsys.readouterr().err == f"错误：{told}\n"
    assert main(["export", path, "-o", "出.json"]) == 2
    assert capsys.readouterr().err == f"错误：{told}\n"
    assert main(["check", "--previous", path, str(sample_file)]) == 2
    assert capsys.readouterr().err == f"错误：{told}\n"
    assert main(["consolidate", path, str(sample_file), "-o", "县.json"]) == 2
    assert f"未计入  {told}" in capsys.readouterr().out.splitlines()
    assert main(["consolidate", str(sample_file), "-o", "县.json", "--against", path]) == 2
    assert capsys.readouterr().err == f"错误：{told}\n"


def test_a_refused_file_given_by_its_bare_name_is_named_so(unreadable, monkeypatch, capsys):
    monkeypatch.chdir(unreadable)  # “文本.docx” both given and in the reader's message
    assert main(["check", "文本.docx"]) == 2
    assert capsys.readouterr().out == "文本.docx 不是 Word 文档（.docx），内容无法识别\n"
