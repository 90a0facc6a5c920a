"""Real published reports (a PDF, a saved web page) read to exactly the values printed in them.

The expected values were transcribed by reading each file (tests/fixtures/real/*.expected.txt),
not produced by the reader.
"""

from decimal import Decimal

import pytest

from disclosure_report.checks import run_checks
from disclosure_report.cli import main
from disclosure_report.files import read_report
from reading_support import REAL, expected_values

REAL_FILES = [("huaian-2024", ".pdf"), ("shuyangxian-fagaiju-2023", ".html"), ("pingtan-2024", ".html"),
              ("pingtan-2025", ".html")]


@pytest.mark.parametrize("name, suffix", REAL_FILES)
def test_every_cell_reads_as_printed(name, suffix):
    organ, year, expected = expected_values(name)
    report = read_report(REAL / f"{name}{suffix}")
    wrong = {p: (report.values[p], v) for p, v in expected.items()
             if report.values[p] != v or type(report.values[p]) is not type(v)}
    assert wrong == {}
    assert (report.organ, report.year) == (organ, year)


def test_pdf_text_sections_and_contact():
    report = read_report(REAL / "huaian-2024.pdf")
    assert report.text["preamble"].startswith("本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》")
    assert "电话：0517-83605210" in report.text["preamble"]
    assert report.contact.phone == "0517-83605210"
    overview = report.text["overview"]
    assert overview.startswith("2024年，我市坚持以习近平新时代中国特色社会主义思想为指导")
    assert "（二）依申请公开情况。" in overview and "-2-" not in overview  # page numbers dropped
    # a paragraph broken over a page keeps its words together
    assert "将栏目不更新、政策解读不通俗易懂" in overview
    assert report.text["problems"].endswith("增强队伍凝聚力。")
    assert report.text["other"] == "2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。"


def test_web_page_article_without_the_site_around_it():
    report = read_report(REAL / "shuyangxian-fagaiju-2023.html")
    assert report.text["preamble"].startswith("根据《中华人民共和国政府信息公开条例》")
    assert "索引号" not in report.text["preamble"] and "沭阳县发改局" not in report.text["preamble"]
    assert report.text["overview"].startswith("2023年，县发展和改革局认真贯彻执行")
    assert report.text["problems"].startswith("（一）存在的主要问题。")  # under 五、存在的主要问题及整改措施
    assert report.text["other"].startswith("2023年度，县发展和改革局政府信息公开未发生收费情况。")
    assert report.contact.phone == "0527—83593059"


def test_pingtan_web_page_text_and_no_site_around_it():
    report = read_report(REAL / "pingtan-2024.html")
    assert report.text["preamble"].startswith("本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）")
    assert report.text["preamble"].endswith("本报告所列数据统计期限为2024年1月1日至2024年12月31日。")
    everything = "".join(report.text.values())
    for site in ("来源：", "当前位置", "闽政通", "文件下载", "分享到"):
        assert site not in everything
    overview = report.text["overview"].split("\n")
    assert [p[:9] for p in overview[1:]] == ["（一）主动公开方面", "（二）依申请公开方", "（三）政府信息管理",
                                             "（四）信息公开平台", "（五）监督保障方面"]
    assert report.text["problems"].endswith("提升政务公开的效率和质量。")
    assert report.text["other"] == "2024年，无收取信息处理费情况。"


def test_pingtan_sentence_split_over_many_spans_reads_as_one():
    report = read_report(REAL / "pingtan-2025.html")  # （二） is 33 <span>s, the figures each in its own
    assert "2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。" in report.text["overview"]
    assert report.text["problems"].split("\n")[1].startswith("下一步整改措施：一是强化政务公开队伍建设")
    assert report.values["active.fees.amount"] == Decimal("4166.241619")  # as printed (万元, six decimals)


def test_real_reports_pass_the_table_checks():
    report = read_report(REAL / "huaian-2024.pdf")
    assert [f for f in run_checks(report) if f.rule.startswith(("applications.", "appeals.", "format."))] == []


def test_cli_imports_and_checks_pdf_and_html(tmp_path, capsys):
    assert main(["import", str(REAL / "huaian-2024.pdf"), "-o", str(tmp_path / "淮安.json")]) == 0
    assert read_report(tmp_path / "淮安.json").values["applications.new.total"] == 3119
    code = main(["check", str(REAL / "huaian-2024.pdf"), str(REAL / "shuyangxian-fagaiju-2023.html")])
    out = capsys.readouterr().out
    assert "huaian-2024.pdf（淮安市人民政府 2024年）" in out
    assert "shuyangxian-fagaiju-2023.html（沭阳县发展和改革局 2023年）" in out
    assert code in (0, 1)
