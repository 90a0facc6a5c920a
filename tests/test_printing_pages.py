"""Where the printed report's pages break, read from the PDF with the characters' positions (pypdfium2):
headings stay with what follows, tables go on on the next page between whole rows under their header rows
(the labels of the groups they cut printed again),
and a line cut by a page break is in the text layer once."""

import re

import pytest

from disclosure_report.format import load_format
from disclosure_report.printing.marking import PrintOptions
from disclosure_report.printing.pdf import pdf_bytes

MM = 72 / 25.4
TYPE_TOP, TYPE_BOTTOM = 37 * MM, (297 - 35) * MM  # the GB/T 9704 type area, from the page's top, in pt


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Page:
    """A page's characters with their tops (pt from the page's top), watermark and footers left out."""

    def __init__(self, page):
        textpage = page.get_textpage()
        height = page.get_height()
        self.raw = textpage.get_text_range()  # what copy and paste gives, clipped text included
        self.chars = []
        for index in range(textpage.count_chars()):
            char = textpage.get_text_range(index, 1)
            _, bottom, _, top = textpage.get_charbox(index)
            if char.strip() and height - top > TYPE_TOP - 30 and height - bottom < TYPE_BOTTOM + 2:
                self.chars.append((height - top, height - bottom, char))
        textpage.close()
        self.text = "".join(c for _, _, c in self.chars)

    def top_of(self, text: str) -> float:
        """Where ``text`` starts on the page (its characters in reading order)."""
        at = flat(self.text).index(flat(text))
        return self.chars[at][0]

    def bottom(self) -> float:
        return max(b for _, b, _ in self.chars)


@pytest.fixture(scope="module")
def printed(sample_report):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes(sample_report, PrintOptions()))
    pages = [Page(page) for page in document]
    document.close()
    return pages


@pytest.fixture(scope="module")
def sample_report():
    from disclosure_report.jsonfile import read_report
    from disclosure_report.resources import sample_path

    return read_report(sample_path())


def pages_with(pages, text):
    return [n for n, page in enumerate(pages) if flat(text) in flat(page.text)]


@pytest.mark.chinese_font
def test_table_two_starts_under_the_text_before_it_when_its_first_block_fits(printed, sample_report):
    [heading] = pages_with(printed, "二、主动公开政府信息情况")
    page = printed[heading]
    last_words = flat(sample_report.text["overview"])[-12:]
    assert pages_with(printed, last_words) == [heading]  # the text before it ends on the same page
    # its heading with the headers and rows of the first block under it
    assert page.top_of(last_words) < page.top_of("二、主动公开政府信息情况") < page.top_of("第二十条第（一）项")
    assert page.top_of("第二十条第（一）项") < page.top_of("行政规范性文件")
    # the page is not left a third empty (it was: 表二 went whole to the next page)
    assert page.bottom() > TYPE_TOP + 2 / 3 * (TYPE_BOTTOM - TYPE_TOP)


def assert_rows_whole_and_group_labels_on_each_page(pages, tables=("active", "applications", "appeals")):
    """No row cut over two pages; a merged row group's label on every page that has rows of it."""
    for table in (load_format().tables[name] for name in tables):
        labels = [cell for cells in table.layout for cell in cells if cell.role == "label" and not cell.continued]
        for cell in labels:
            if cell.rowspan == 1:
                assert len(pages_with(pages, cell.text)) == 1, cell.text
                continue
            leaves = [c.text for c in labels if c.rowspan == 1 and cell.row <= c.row < cell.row + cell.rowspan]
            assert pages_with(pages, cell.text) == sorted({n for leaf in leaves for n in pages_with(pages, leaf)})


def assert_filled_before_each_continuation(pages, header="申请人情况"):
    """A page that a table goes on from is not left more than 40 % empty."""
    repeated = pages_with(pages, header)
    for before in repeated[:-1]:
        assert pages[before].bottom() > TYPE_TOP + 0.6 * (TYPE_BOTTOM - TYPE_TOP), before


@pytest.mark.chinese_font
def test_a_table_goes_on_inside_a_merged_group_with_its_label_and_header_rows_again(printed):
    assert_rows_whole_and_group_labels_on_each_page(printed)
    # 表三 runs down page 5 and goes on on page 6 between the sub-groups of 三、本年度办理结果 (it was moved
    # whole before that group, leaving half of page 5 empty), the headers and the group's label printed again
    [first, group] = pages_with(printed, "三、本年度办理结果")
    assert group == first + 1
    assert pages_with(printed, "申请人情况") == [first, group]
    assert pages_with(printed, "二、上年结转政府信息公开申请数量") == pages_with(printed, "1.属于国家秘密") == [first]
    assert pages_with(printed, "（七）总计") == [group]
    assert_filled_before_each_continuation(printed)
    page = printed[group]
    assert page.top_of("申请人情况") < page.top_of("三、本年度办理结果") < page.top_of("（七）总计")
    # 表二 breaks only between its blocks: a block's title with its headers and rows
    for title, row in (("第二十条第（五）项", "行政许可"), ("第二十条第（六）项", "行政强制"),
                       ("第二十条第（八）项", "行政事业性收费")):
        assert pages_with(printed, title) == pages_with(printed, row)


def printed_after_lines(sample_report, lines: int):
    """表三 under ``lines`` one-line paragraphs: where it starts on the page moves with them."""
    import dataclasses

    import pypdfium2 as pdfium

    text = dict(sample_report.text, overview="\n".join(["本段为测试的文字，用来移动表格的位置，一行一段。"] * lines))
    report = dataclasses.replace(sample_report, text=text)
    document = pdfium.PdfDocument(pdf_bytes(report, PrintOptions(parts=("overview", "applications"))))
    pages = [Page(page) for page in document]
    document.close()
    return pages


@pytest.mark.chinese_font
@pytest.mark.parametrize("lines", [4, 7, 10, 13])
def test_wherever_table_three_starts_it_fills_the_page_and_breaks_between_whole_rows(sample_report, lines):
    pages = printed_after_lines(sample_report, lines)
    assert len(pages_with(pages, "申请人情况")) == 2
    assert_rows_whole_and_group_labels_on_each_page(pages, ["applications"])
    assert_filled_before_each_continuation(pages)
    # never fewer than three rows at the page's foot or atop the next page
    [first, rest] = pages_with(pages, "申请人情况")
    rows = [c.text for cells in load_format().tables["applications"].layout for c in cells
            if c.role == "label" and c.rowspan == 1 and not c.continued]
    assert min(sum(pages_with(pages, row) == [n] for row in rows) for n in (first, rest)) >= 3


@pytest.mark.chinese_font
def test_a_break_between_sub_groups_is_taken_over_one_between_rows_that_fills_the_page_a_little_more(sample_report):
    pages = printed_after_lines(sample_report, 10)
    # （三）不予公开 would fit in part: the page breaks before it rather than among its rows
    [first, rest] = pages_with(pages, "申请人情况")
    assert pages_with(pages, "（二）部分公开") == [first]
    assert pages_with(pages, "（三）不予公开") == pages_with(pages, "1.属于国家秘密") == [rest]


@pytest.mark.chinese_font
def test_a_break_among_a_sub_groups_rows_prints_both_group_labels_again(sample_report, monkeypatch):
    from disclosure_report.printing import paginate

    monkeypatch.setattr(paginate, "FILL_SLACK", 0)  # the lowest break that fits, whatever it cuts
    pages = printed_after_lines(sample_report, 10)
    [first, rest] = pages_with(pages, "申请人情况")
    assert pages_with(pages, "（三）不予公开") == pages_with(pages, "三、本年度办理结果") == [first, rest]
    assert pages_with(pages, "1.属于国家秘密") == [first] and pages_with(pages, "8.属于行政查询事项") == [rest]
    assert_rows_whole_and_group_labels_on_each_page(pages, ["applications"])
    page = pages[rest]
    assert page.top_of("申请人情况") < page.top_of("（三）不予公开") < page.top_of("8.属于行政查询事项")


@pytest.mark.chinese_font
def test_no_heading_ends_a_page(printed):
    for section in load_format().sections:
        [number] = pages_with(printed, section.title)
        page = printed[number]
        after = flat(page.text)[flat(page.text).index(flat(section.title)) + len(flat(section.title)):]
        assert len(after) > 10, section.title


@pytest.mark.chinese_font
def test_a_line_cut_by_a_page_break_is_in_the_text_layer_once(printed, sample_report):
    body = flat("".join(sample_report.text.values()))
    lines = [flat(line) for page in printed for line in page.raw.splitlines()]
    lines = [line for line in lines if len(line) >= 12 and line in body]
    assert len(lines) > 100
    assert len(set(lines)) == len(lines), [line for line in set(lines) if lines.count(line) > 1]


@pytest.mark.chinese_font
def test_our_pdf_read_as_copy_and_paste_reads_it_gives_each_paragraph_once(sample_report, tmp_path, monkeypatch):
    """The reader skips clipped text; copy and paste does not: read without that, the text is the same."""
    from disclosure_report.files import read_report, write_report
    from disclosure_report.reading import pdf

    path = tmp_path / "报告.pdf"
    write_report(sample_report, path)
    monkeypatch.setattr(pdf, "_clip", lambda *args: None)
    report = read_report(path)
    for section in ("preamble", "overview", "problems", "other"):
        assert report.text[section] == sample_report.text[section]
    assert report.values == sample_report.values


def _fills(page) -> set:
    """The colours of the filled shapes a PDF page draws."""
    import ctypes

    import pypdfium2.raw as raw

    colours = set()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            colours.add((r.value, g.value, b.value))
    return colours


@pytest.mark.chinese_font
def test_table_two_block_titles_are_printed_on_the_templates_light_blue(sample_report, printed):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes(sample_report, PrintOptions(watermark="")))
    blue = (0xC6, 0xD9, 0xF1)
    shaded = [n for n in range(len(document)) if blue in _fills(document[n])]
    assert shaded == sorted(set(pages_with(printed, "第二十条第（一）项") + pages_with(printed, "第二十条第（八）项")))
    document.close()
