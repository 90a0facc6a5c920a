"""What published reports do that the standard does not: notes in cells, encodings, other
numbering, one 2019 row, and PDFs that cannot be read, each with what the clerk sees."""

import email.charset
import email.mime.text
from email.mime.multipart import MIMEMultipart

import pytest

from disclosure_report.checks import run_checks
from disclosure_report.errors import ReportFileError
from disclosure_report.files import read_report
from disclosure_report.model import apply_values
from reading_support import REAL, expected_values, pdf_bytes

PAGE = (REAL / "shuyangxian-fagaiju-2023.html").read_text(encoding="utf-8")
_, _, EXPECTED = expected_values("shuyangxian-fagaiju-2023")


def _page(tmp_path, text, name="报告.html", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _html_rows(table_marker_before, table_marker_after):
    start = PAGE.index("<p", PAGE.rindex("\n", 0, PAGE.index(table_marker_before)))
    return start, PAGE.index("<p", PAGE.rindex("\n", 0, PAGE.index(table_marker_after)))


# ---- a note in a cell ----

def test_a_note_in_a_cell_gives_the_number_and_a_warning_until_the_cell_is_edited(tmp_path):
    page = PAGE.replace(">18<", ">18（其中修订16件）<")
    report = read_report(_page(tmp_path, page))
    assert report.values["active.normative_documents.in_force"] == 18
    [note] = [f for f in run_checks(report) if f.rule == "import.cell_note"]
    assert note.severity == "warning" and note.cells == ("active.normative_documents.in_force",)
    assert "原文印为“18（其中修订16件）”，已读作 18" in note.message
    apply_values(report, {"active.normative_documents.in_force": 19})
    assert [f for f in run_checks(report) if f.rule == "import.cell_note"] == []


def test_the_note_travels_in_the_json_file(tmp_path):
    from disclosure_report.jsonfile import read_report as read_json
    from disclosure_report.jsonfile import write_report

    report = read_report(_page(tmp_path, PAGE.replace(">18<", ">18（含自然失效2件）<")))
    write_report(report, tmp_path / "r.json")
    again = read_json(tmp_path / "r.json")
    assert again.import_notes == {"active.normative_documents.in_force": "18（含自然失效2件）"}
    assert any(f.rule == "import.cell_note" for f in run_checks(again))


# ---- encodings and MHTML ----

@pytest.mark.parametrize("encoding, declared", [("gbk", "gbk"), ("gb18030", "gb2312"), ("gb18030", None)])
def test_chinese_encodings_by_meta_or_content(tmp_path, encoding, declared):
    page = PAGE.replace('charset="utf-8"', f'charset="{declared}"' if declared else "")
    page = page.replace('charset=utf-8', f"charset={declared}" if declared else "")
    report = read_report(_page(tmp_path, page, encoding=encoding))
    assert report.organ == "沭阳县发展和改革局"
    assert report.values == {**report.values, **EXPECTED} and report.values["applications.new.total"] == 26


def test_mhtml_web_page_single_file(tmp_path):
    message = MIMEMultipart("related")
    message["Subject"] = "沭阳县发展和改革局2023年政府信息公开年度报告"
    charset = email.charset.Charset("utf-8")
    charset.body_encoding = email.charset.QP  # as browsers save it
    part = email.mime.text.MIMEText(PAGE, "html", charset)
    assert part["Content-Transfer-Encoding"] == "quoted-printable"
    message.attach(part)
    path = tmp_path / "报告.mhtml"
    path.write_bytes(message.as_bytes())
    report = read_report(path)
    assert report.year == 2023 and report.values["applications.handled.total"] == 26


# ---- other layouts ----

def test_tables_after_the_narrative_and_sections_numbered_otherwise(tmp_path):
    start, end = _html_rows("二、主动公开", "五、存在")
    tables = PAGE[start:end]
    close = PAGE.index("</ucapcontent>")
    page = PAGE[:start] + PAGE[end:close] + tables + PAGE[close:]
    for old, new in (("五、存在", "二、存在"), ("六、其他需要", "三、其他需要"), ("二、主动公开", "四、主动公开"),
                     ("三、收到和处理", "五、收到和处理"), ("四、政府信息公开行政", "六、政府信息公开行政")):
        page = page.replace(old, new)
    report = read_report(_page(tmp_path, page))
    assert {p: report.values[p] for p in EXPECTED} == EXPECTED
    assert report.text["problems"].startswith("（一）存在的主要问题。")
    assert report.text["other"].startswith("2023年度，县发展和改革局政府信息公开未发生收费情况。")
    assert "第二十条" not in report.text["other"]  # the tables after 六 are not its text


def test_other_handling_printed_as_one_2019_row(tmp_path):
    lines = PAGE.split("\n")
    six, seven = (next(i for i, ln in enumerate(lines) if f">（</span><span style=\"font-family: 微软雅黑;\">{n}<" in ln)
                  for n in "六七")
    row_start = PAGE.rindex("<tr", 0, len("\n".join(lines[:six])))
    rows_end = PAGE.rindex("<tr", 0, len("\n".join(lines[:seven])))
    one_row = ('<tr><td colspan="2">（六）其他处理</td><td>0</td><td></td><td></td><td></td><td></td>'
               '<td></td><td>0</td></tr>')
    page = PAGE[:row_start] + one_row + PAGE[rows_end:]
    page = page.replace('rowspan="22"', 'rowspan="20"')
    report = read_report(_page(tmp_path, page))
    other = [p for p in EXPECTED if p.startswith("applications.other.")]
    assert all(report.values[p] is None for p in other)
    assert {p: report.values[p] for p in EXPECTED if p not in other} == {
        p: v for p, v in EXPECTED.items() if p not in other}
    [finding] = [f for f in run_checks(report) if f.rule == "format.outdated"]
    assert finding.severity == "error" and set(finding.cells) == set(other)


# ---- PDFs that cannot be read ----

def _pdf(tmp_path, data, name="报告.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_scanned_pdf_says_so(tmp_path):
    image = "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray " \
            "/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    data = pdf_bytes(["q 500 0 0 700 40 60 cm /Im1 Do Q"], [image], resources="/XObject << /Im1 7 0 R >>")
    with pytest.raises(ReportFileError) as caught:
        read_report(_pdf(tmp_path, data, "扫描.pdf"))
    assert str(caught.value) == "扫描.pdf：这是扫描件，没有文字层，无法读取数字；请找 Word 版或网页版，或手工录入"


def test_an_encrypted_pdf_says_so(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = _pdf(tmp_path, pdf_bytes(["BT /F1 12 Tf 72 700 Td (Hello) Tj ET"]), "plain.pdf")
    writer = PdfWriter()
    writer.append(PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "加密.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(ReportFileError) as caught:
        read_report(path)
    assert str(caught.value).startswith("加密.pdf：这份 PDF 已加密（需要密码才能打开），无法读取")


def test_a_pdf_that_is_not_a_report_says_so(tmp_path):
    data = pdf_bytes(["BT /F1 12 Tf 72 700 Td (Quarterly sales figures of the canteen, all stores) Tj ET"])
    with pytest.raises(ReportFileError) as caught:
        read_report(_pdf(tmp_path, data, "菜单.pdf"))
    assert str(caught.value).startswith("菜单.pdf：看来不是政府信息公开工作年度报告")


def test_a_damaged_pdf_says_so(tmp_path):
    with pytest.raises(ReportFileError) as caught:
        read_report(_pdf(tmp_path, b"%PDF-1.7\n" + b"\x00garbage" * 100, "坏.pdf"))
    assert str(caught.value).startswith("坏.pdf：不是有效的 PDF 文件，或文件已损坏")


def test_too_many_pages_are_refused_before_reading_them(tmp_path, monkeypatch):
    from disclosure_report.reading import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    data = pdf_bytes(["BT /F1 12 Tf 72 700 Td (page) Tj ET"] * 3)
    with pytest.raises(ReportFileError) as caught:
        read_report(_pdf(tmp_path, data))
    assert "有 3 页，远超正常的年度报告" in str(caught.value)


def test_a_huge_web_page_is_refused_before_parsing(tmp_path, monkeypatch):
    from disclosure_report.reading import html

    monkeypatch.setattr(html, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ReportFileError) as caught:
        read_report(_page(tmp_path, PAGE))
    assert "远超正常的网页，已拒绝读取" in str(caught.value)


# ---- a PDF this program printed: watermark, running footer, tables split over pages ----

@pytest.mark.chinese_font
def test_our_own_printed_pdf_reads_back_without_watermark_or_footer(sample, tmp_path):
    from disclosure_report.files import write_report

    path = tmp_path / "草稿.pdf"
    write_report(sample, path)  # the 草稿 watermark across every page, 内容码 footer
    report = read_report(path)
    assert report.values == sample.values
    assert report.year == 2023 and report.text["preamble"] == sample.text["preamble"]
    everything = "".join(report.text.values())
    assert "内容码" not in everything and "草稿" not in everything
    # lines repeated, clipped away, at page breaks: not read; where Qt left a line short of the margin mid-paragraph
    # (“集中办”), the paragraph goes on
    for section in ("preamble", "overview", "problems", "other"):
        assert report.text[section] == sample.text[section]


# ---- a paragraph that goes on over a page break ----

_LINE = "abcdefghij" * 7


def _two_pages(tmp_path, last_line_on_page_one, first_x_on_page_two=72):
    """A paragraph of full lines on page one, its last line there as given; page two goes on, “- N -” below."""
    def page(lines, number):
        return "\n".join([f"BT /F1 12 Tf {x} {y} Td ({text}) Tj ET" for x, y, text in lines]
                         + [f"BT /F1 10 Tf 290 40 Td (- {number} -) Tj ET"])

    one = [(96, 700, _LINE[:66])] + [(72, 700 - 18 * i, _LINE) for i in range(1, 5)] + [(72, 610, last_line_on_page_one)]
    two = [(first_x_on_page_two, 760, _LINE), (72, 742, "ends here.")]
    return _pdf(tmp_path, pdf_bytes([page(one, 1), page(two, 2)]), "两页.pdf")


@pytest.mark.parametrize("last_line", [_LINE, _LINE[:52]], ids=["full", "a word did not fit"])
def test_a_paragraph_over_a_page_break_stays_one_paragraph(tmp_path, last_line):
    from disclosure_report.reading.pdf import read_blocks

    blocks = read_blocks(_two_pages(tmp_path, last_line))
    assert [kind for kind, _ in blocks] == ["p"]  # the page number between is dropped, no break is made
    assert blocks[0][1] == _LINE[:66] + _LINE * 4 + last_line + _LINE + "endshere."


@pytest.mark.parametrize("last_line, first_x", [(_LINE[:52] + ":", 72), (_LINE[:52], 96), (_LINE[:30], 72)],
                         ids=["ends its sentence", "next page indented", "a short line"])
def test_a_paragraph_ending_at_a_page_break_is_not_joined_to_the_next(tmp_path, last_line, first_x):
    from disclosure_report.reading.pdf import read_blocks

    blocks = read_blocks(_two_pages(tmp_path, last_line, first_x))
    assert [text[-10:] for _, text in blocks] == [(_LINE * 4 + last_line)[-10:], (_LINE + "endshere.")[-10:]]


def test_the_running_header_of_a_two_page_pdf_is_dropped(tmp_path):
    from disclosure_report.reading.pdf import read_blocks

    header = "Example County Government Information Disclosure Annual Report 2024"

    def page(body, number):
        return "\n".join([f"BT /F1 9 Tf 72 800 Td ({header}) Tj ET"]
                         + [f"BT /F1 12 Tf {x} {y} Td ({text}) Tj ET" for x, y, text in body]
                         + [f"BT /F1 10 Tf 290 40 Td (- {number} -) Tj ET"])

    one = [(96, 700, _LINE[:66]), (72, 682, "ends here.")]
    two = [(96, 760, _LINE[:66]), (72, 742, "the end.")]
    blocks = read_blocks(_pdf(tmp_path, pdf_bytes([page(one, 1), page(two, 2)]), "两页.pdf"))
    assert [text for _, text in blocks] == [_LINE[:66] + "endshere.", _LINE[:66] + "theend."]


def test_a_line_on_both_of_two_pages_elsewhere_is_kept(tmp_path):
    from disclosure_report.reading.pdf import read_blocks

    one = "\n".join([f"BT /F1 12 Tf 96 700 Td ({_LINE[:66]}) Tj ET", "BT /F1 12 Tf 72 682 Td (Same words.) Tj ET"])
    two = "\n".join([f"BT /F1 12 Tf 96 760 Td ({_LINE[:66]}) Tj ET", "BT /F1 12 Tf 72 742 Td (Same words.) Tj ET"])
    blocks = read_blocks(_pdf(tmp_path, pdf_bytes([one, two]), "两页.pdf"))
    assert [text for _, text in blocks] == [_LINE[:66] + "Samewords.", _LINE[:66] + "Samewords."]


@pytest.mark.parametrize("short_line, joined", [(_LINE[:52], True), (_LINE[:52] + ":", False), (_LINE[:30], False)],
                         ids=["a word did not fit", "ends its sentence", "a short last line"])
def test_a_line_ending_short_in_the_middle_of_a_page(tmp_path, short_line, joined):
    from disclosure_report.reading.pdf import read_blocks

    lines = [(96, 700, _LINE[:66]), (72, 682, _LINE), (72, 664, short_line), (72, 646, _LINE), (72, 628, "ends here.")]
    content = "\n".join(f"BT /F1 12 Tf {x} {y} Td ({text}) Tj ET" for x, y, text in lines)
    blocks = read_blocks(_pdf(tmp_path, pdf_bytes([content]), "一页.pdf"))
    first = _LINE[:66] + _LINE + short_line
    assert [text for _, text in blocks] == ([first + _LINE + "endshere."] if joined else [first, _LINE + "endshere."])
