"""The exported DOCX: the official tables cell for cell, the GB/T 9704 page, exact values, pictures."""

import re
from decimal import Decimal

import docx
import pytest
from docx.shared import Mm

from disclosure_report.cli import main
from disclosure_report.errors import ReportFileError
from disclosure_report.files import write_report
from disclosure_report.jsonfile import write_report as write_json
from disclosure_report.model import image_line
from disclosure_report.word.export import docx_bytes
from test_docx_support import W, grid, norm, png


@pytest.fixture
def exported(sample, tmp_path):
    path = tmp_path / "鄄城县2023.docx"
    write_report(sample, path)
    return docx.Document(str(path))


def _number_or_blank(text):
    return text == "" or text.replace(".", "").isdigit()


def test_tables_reproduce_the_reference_template_cell_for_cell(exported, fixtures_dir):
    template = docx.Document(str(fixtures_dir / "format-2021-template.docx"))
    assert len(exported.tables) == len(template.tables) == 3
    for ours, theirs in zip(exported.tables, template.tables):
        assert len(ours.columns) == len(theirs.columns)
        our_rows, their_rows = grid(ours), grid(theirs)
        assert len(our_rows) == len(their_rows)
        for r, (our_row, their_row) in enumerate(zip(our_rows, their_rows)):
            assert [(span, merge) for span, merge, _ in our_row] == \
                   [(span, merge) for span, merge, _ in their_row], f"row {r}"
            for (_, _, our_text), (_, _, their_text) in zip(our_row, their_row):
                if their_text:  # a label, header or the note: verbatim
                    assert our_text == their_text, f"row {r}"
                else:  # a value cell of the blank template
                    assert _number_or_blank(our_text), f"row {r}: {our_text}"


def test_labels_are_aligned_as_in_the_template(exported, fixtures_dir):
    """表二's row labels centred under 信息内容, 表三's group labels (三、本年度办理结果, （三）不予公开) at the left."""
    def alignments(document):
        found = {}
        for index, table in enumerate(document.tables):
            for cell in table._cells:
                paragraph = cell.paragraphs[0]
                text = "".join(cell.text.split())
                if text and not re.fullmatch(r"[\d.]+", text):
                    align = paragraph.alignment.name.lower() if paragraph.alignment is not None else "left"
                    found[(index, text)] = "left" if align == "justify" else align  # one line or lines alike
        return found

    ours = alignments(exported)
    theirs = alignments(docx.Document(str(fixtures_dir / "format-2021-template.docx")))
    assert ours[(0, "规章")] == ours[(0, "行政许可")] == "center"
    assert ours[(1, "三、本年度办理结果")] == ours[(1, "（三）不予公开")] == "left"
    # the template's one odd cell: 行政事业性收费, alone of 表二's labels at the left
    assert {key for key in theirs if ours[key] != theirs[key]} == {(0, "行政事业性收费")}


def test_sample_values_are_in_their_cells(exported):
    active, applications, appeals = exported.tables
    assert active.cell(3, 3).text == "5"  # 行政规范性文件 现行有效件数
    assert active.cell(9, 1).text == "190929"  # 行政处罚
    assert active.cell(13, 1).text == "15156.9"  # 行政事业性收费, as stored
    new_row = applications.rows[3]
    assert new_row.cells[0].text == "一、本年新收政府信息公开申请数量"
    assert [c.text for c in new_row.cells[3:]] == ["80", "0", "0", "0", "0", "0", "80"]
    assert [c.text for c in appeals.rows[3].cells] == ["0"] * 15


def test_amount_keeps_its_decimals_and_a_blank_stays_blank(sample):
    sample.values["active.fees.amount"] = Decimal("24252.311082")
    sample.values["applications.new.research"] = None
    doc = docx.Document(__import__("io").BytesIO(docx_bytes(sample)))
    assert doc.tables[0].cell(13, 1).text == "24252.311082"
    assert doc.tables[1].rows[3].cells[5].text == ""


def test_page_setup_is_gb_t_9704(exported):
    section = exported.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert section._sectPr.find(W + "docGrid").get(W + "linePitch") == "579"
    normal = exported.styles["Normal"]
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    assert exported.settings.odd_and_even_pages_header_footer
    lang = exported.styles.element.find(W + "docDefaults").find(f"{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(W + "eastAsia") == "zh-CN"


def test_page_numbers_odd_right_even_left_with_a_page_field(exported):
    section = exported.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.paragraph_format.alignment.name.lower() == align
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(W + "instrText"))
        assert paragraph.text == "— 1 —"
        fonts = {r.font.size.pt for r in paragraph.runs}
        assert fonts == {14}
        assert {r._r.rPr.rFonts.get(W + "eastAsia") for r in paragraph.runs} == {"宋体"}


def test_every_run_carries_its_east_asian_font(exported):
    runs = list(exported.element.body.iter(W + "r"))
    assert runs
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(W + "eastAsia"), run.xml[:200]


def _runs_of(doc, text):
    for paragraph in doc.paragraphs:
        if paragraph.text.startswith(text):
            return paragraph.runs
    raise AssertionError(text)


def test_title_headings_and_body_fonts(exported):
    def face(run):
        return run._r.rPr.rFonts.get(W + "eastAsia"), run.font.size.pt

    assert exported.paragraphs[0].text == "鄄城县2023年政府信息公开工作年度报告"
    assert face(exported.paragraphs[0].runs[0]) == ("方正小标宋简体", 22)
    for title in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert [face(r) for r in _runs_of(exported, title)] == [("黑体", 16)]
    assert [face(r) for r in _runs_of(exported, "（一）主动公开")] == [("楷体_GB2312", 16)]
    body = _runs_of(exported, "2023年，鄄城县人民政府认真贯彻落实")[0]
    assert face(body) == ("仿宋_GB2312", 16)
    assert body._r.rPr.find(W + "spacing").get(W + "val") == "-5"  # 28 characters a line


def test_sections_in_order_with_titles_verbatim(exported, sample):
    texts = [p.text for p in exported.paragraphs]
    positions = [texts.index(s.title) for s in sample.format.sections]
    assert positions == sorted(positions)


def test_tables_fit_the_type_area_with_borders_and_repeated_headers(exported):
    for table, repeated in zip(exported.tables, (0, 3, 3)):
        tbl = table._tbl
        widths = [int(col.get(W + "w")) for col in tbl.tblGrid.iter(W + "gridCol")]
        assert sum(widths) == pytest.approx(Mm(156).twips, abs=len(widths))
        borders = tbl.tblPr.find(W + "tblBorders")
        assert {b.tag[len(W):]: b.get(W + "val") for b in borders} == dict.fromkeys(
            ("top", "left", "bottom", "right", "insideH", "insideV"), "single")
        headers = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in tbl.tr_lst]
        assert headers == [True] * repeated + [False] * (len(headers) - repeated)
        sizes = {r.font.size.pt for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs}
        assert sizes == {10}


def test_table_three_carries_its_note(exported):
    assert exported.tables[1].cell(0, 0).text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_a_picture_line_becomes_the_picture_fitted_to_the_type_area(sample):
    sample.images = {"平台截图.png": png(2000, 500), "小图.png": png(40, 30)}
    sample.text["overview"] += "\n" + image_line("平台截图.png") + "\n" + image_line("小图.png")
    doc = docx.Document(__import__("io").BytesIO(docx_bytes(sample)))
    shapes = doc.inline_shapes
    assert len(shapes) == 2
    assert shapes[0].width <= Mm(156) and shapes[0].width >= Mm(155)
    assert shapes[1].width < Mm(30)  # a small picture is not enlarged
    assert all("[图片:" not in p.text for p in doc.paragraphs)


def test_a_damaged_picture_is_refused_with_its_name(sample, tmp_path):
    sample.images = {"坏图.png": b"not a picture"}
    sample.text["overview"] = image_line("坏图.png")
    with pytest.raises(Exception) as caught:
        write_report(sample, tmp_path / "out.docx")
    assert "坏图.png" in str(caught.value)
    assert not (tmp_path / "out.docx").exists()


def test_cli_export_writes_the_docx(sample, tmp_path):
    source = tmp_path / "report.json"
    write_json(sample, source)
    out = tmp_path / "报告.docx"
    assert main(["export", str(source), "-o", str(out)]) == 0
    doc = docx.Document(str(out))
    assert norm(doc.paragraphs[0].text) == "鄄城县2023年政府信息公开工作年度报告"


def test_table_two_breaks_only_between_its_article_blocks(exported):
    def keeps(table):
        return [tr.find(f"{W}tc/{W}p/{W}pPr/{W}keepNext") is not None for tr in table._tbl.tr_lst]

    active, applications, appeals = exported.tables
    block_ends = {3, 6, 10, 13}  # 行政规范性文件, 行政许可, 行政强制, 行政事业性收费
    assert keeps(active) == [r not in block_ends for r in range(14)]
    assert not any(keeps(applications)) and not any(keeps(appeals))  # these repeat their header instead


def test_document_properties_name_the_report_and_carry_no_stray_thumbnail(sample, tmp_path):
    path = tmp_path / "r.docx"
    write_report(sample, path)
    doc = docx.Document(str(path))
    assert doc.core_properties.title == "鄄城县2023年政府信息公开工作年度报告"
    assert doc.core_properties.author == "鄄城县人民政府"
    names = __import__("zipfile").ZipFile(path).namelist()
    assert "docProps/custom.xml" in names and not any("thumbnail" in n for n in names)


def test_control_characters_pasted_into_fields_do_not_break_the_file(sample, tmp_path):
    sample.organ = "鄄城县\x01人民政府"
    sample.contact.address = "泰山街\x0b1号"
    sample.text["problems"] = "存在\x08问题"
    path = tmp_path / "r.docx"
    write_report(sample, path)
    doc = docx.Document(str(path))
    assert any(p.text == "存在问题" for p in doc.paragraphs)
    assert doc.core_properties.author == "鄄城县人民政府"


def test_the_section_rows_of_table_two_carry_the_templates_light_blue(exported, fixtures_dir):
    def fills(document):
        return [(cell.text, shd.get(W + "fill")) for cell in document.tables[0]._cells
                for shd in cell._tc.iter(W + "shd") if shd.get(W + "fill") not in (None, "auto")]

    template = docx.Document(str(fixtures_dir / "format-2021-template.docx"))
    ours = list(dict.fromkeys(fills(exported)))
    assert ours == list(dict.fromkeys(fills(template)))
    assert [text for text, _ in ours] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]


def test_export_with_the_pcs_own_fonts_from_the_command_line(sample, tmp_path, capsys):
    source = tmp_path / "r.json"
    write_json(sample, source)
    out = tmp_path / "r.docx"
    assert main(["export", str(source), "-o", str(out), "--local-fonts"]) == 0
    xml = docx.Document(str(out)).element.xml
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="黑体"' in xml
    assert "GB2312" not in xml and "小标宋" not in xml
    assert main(["export", str(source), "-o", str(tmp_path / "r.pdf"), "--local-fonts"]) == 2
    assert "--local-fonts 只用于导出 .docx" in capsys.readouterr().err


def test_a_picture_beyond_the_pixel_limit_in_an_old_draft_is_refused_by_its_header(sample, tmp_path, monkeypatch):
    """A draft saved before the limit existed: the header says 60,000 × 60,000; nothing decodes it."""
    from docx.image import image as docx_image

    import hostile

    def never(*args, **kwargs):
        raise AssertionError("the picture was handed to python-docx")

    monkeypatch.setattr(docx_image.Image, "from_blob", never)
    sample.images = {"巨图.png": hostile.png(60_000, 60_000)}
    sample.text["overview"] += "\n" + image_line("巨图.png")
    with pytest.raises(ReportFileError) as caught:
        write_report(sample, tmp_path / "out.docx")
    assert "图片“巨图.png”声明的尺寸为 60000×60000 像素" in str(caught.value)
    assert "缩小" in str(caught.value)
    assert not (tmp_path / "out.docx").exists()



def test_writing_a_docx_leaves_no_package_for_the_garbage_collector(sample, tmp_path):
    """Its parts are freed by the writing thread; left to a later full collection they held the window."""
    import gc

    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        write_report(sample, tmp_path / "r.docx")
        gc.collect()
        trees = [o for o in gc.garbage if type(o).__module__.startswith("lxml") or hasattr(o, "_element")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert not trees  # python-docx's own walks leave a few emptied parts, no parsed XML
    assert docx.Document(str(tmp_path / "r.docx")).paragraphs[0].text == sample.display_title()
