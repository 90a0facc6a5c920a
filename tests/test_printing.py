"""The printed report as a PDF: what a reader of each page sees, read back with pypdf."""

import io
import os
import re
import subprocess
import sys
from datetime import datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from disclosure_report.files import write_report
from disclosure_report.format import load_format
from disclosure_report.jsonfile import fingerprint, read_report
from disclosure_report.model import image_line
from disclosure_report.numbers import format_value
from disclosure_report.printing.marking import (
    FINAL,
    REVIEW,
    PrintOptions,
    blank_form_options,
    table_part_ids,
    version_line,
)
from disclosure_report.printing.pdf import pdf_bytes
from disclosure_report.resources import sample_path

WHEN = datetime(2024, 1, 15, 9, 30)


def flat(text: str) -> str:
    """Text without whitespace: the extractor breaks lines where the font changes (汉字 → Latin)."""
    return re.sub(r"\s+", "", text)


def pages_text(data: bytes):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def tokens(text: str):
    return re.findall(r"\S+", text)


def is_subsequence(needles, haystack) -> bool:
    it = iter(haystack)
    return all(any(item == wanted for item in it) for wanted in needles)


@pytest.fixture(scope="module")
def sample_report():
    return read_report(sample_path())


@pytest.fixture(scope="module")
def review_pdf(sample_report):
    options = PrintOptions(watermark=REVIEW, version="送审稿 v1", time=WHEN)
    return pages_text(pdf_bytes(sample_report, options))


@pytest.mark.chinese_font
def test_pdf_has_the_title_every_section_and_every_table_value_in_layout_order(sample_report, review_pdf):
    text = "\n".join(review_pdf)
    assert sample_report.display_title() == "鄄城县2023年政府信息公开工作年度报告"
    assert sample_report.display_title() in text
    fmt = load_format()
    for section in fmt.sections:
        assert section.title in flat(text)
    all_tokens = tokens(text)
    for table in fmt.tables.values():
        # the values as the official layout orders them, row by row
        expected = [format_value(sample_report.values[c.path])
                    for cells in table.layout for c in cells if c.role == "value" and not c.continued]
        assert len(expected) == len(table.cells)
        assert is_subsequence(expected, all_tokens), table.name
    assert "15156.9" in all_tokens  # the fee, exact
    for cell in fmt.tables["applications"].layout[0] + fmt.tables["appeals"].layout[2]:
        assert flat(cell.text) in flat(text)  # the header labels, merged cells included


@pytest.mark.chinese_font
def test_copied_text_reads_as_ideographs_not_radicals(review_pdf):
    text = "\n".join(review_pdf)
    assert "工作" in text and "人民" in text and "门户网站" in text
    assert not [c for c in text if 0x2E80 <= ord(c) < 0x2FE0]


@pytest.mark.chinese_font
def test_copied_text_keeps_the_characters_fonts_draw_alike(sample_report):
    # Noto CJK draws each of these with the glyph of a lower code point: 戶, ∕ (U+2215), 〈 (U+2329), 㬵, em space
    report = sample_report.copy()
    report.text["overview"] = "门户网站\uff0f\u3008通知\u3009，胶印\u3000材料"
    text = "\n".join(pages_text(pdf_bytes(report, PrintOptions(parts=("overview",)))))
    assert "门户网站\uff0f\u3008通知\u3009，胶印\u3000材料" in text
    assert not set("\u6236\u2215\u2329\u3b35\u2003") & set(text)


@pytest.mark.chinese_font
def test_every_page_has_watermark_page_number_and_version_line(sample_report, review_pdf):
    assert len(review_pdf) >= 5
    code = fingerprint(sample_report)
    for number, text in enumerate(review_pdf, 1):
        text = flat(text)
        assert "送审稿" in text
        assert f"—{number}—" in text
        assert "鄄城县人民政府·2023年度·送审稿v1·2024-01-1509:30" in text
        assert f"内容码{code}" in text


@pytest.mark.chinese_font
def test_final_copy_has_no_watermark(sample_report):
    pages = [flat(text) for text in pages_text(pdf_bytes(sample_report, PrintOptions(watermark=FINAL,
                                                                                       version="签发稿", time=WHEN)))]
    assert all("草稿" not in text and "送审稿" not in text for text in pages)
    assert all("签发稿" in text for text in pages)


@pytest.mark.chinese_font
def test_fonts_are_embedded(sample_report):
    reader = PdfReader(io.BytesIO(pdf_bytes(sample_report, PrintOptions(parts=table_part_ids()))))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                fonts.append(any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts and all(fonts)


@pytest.mark.chinese_font
def test_signoff_sheet_comes_first_and_lists_remaining_findings(sample_report):
    broken = sample_report.copy()
    broken.manual_totals = True
    broken.values["applications.new.natural"] = 81  # 一+二 no longer equals 三（七）+四
    options = PrintOptions(signoff=True, version="送审稿 v2", time=WHEN)
    pages = [flat(text) for text in pages_text(pdf_bytes(broken, options))]
    first = pages[0]
    assert "审" in first and "签" in first and "单" in first
    for step in ("拟稿", "核稿", "审核", "签发"):
        assert step in first
    assert broken.display_title() in first
    assert f"内容码{fingerprint(broken)}" in first
    assert re.search(r"尚有错误[1-9]\d*项", first)
    assert "【错误】" in first and "相差1" in first
    assert "—1—" not in first  # the report's own numbering starts after the sheet
    assert "—1—" in pages[1] and broken.display_title() in pages[1]


@pytest.mark.chinese_font
def test_signoff_sheet_of_a_clean_report_says_so(sample_report):
    pages = pages_text(pdf_bytes(sample_report, PrintOptions(signoff=True, findings=[], parts=("active",))))
    assert "未发现错误或提醒" in pages[0]


@pytest.mark.chinese_font
def test_only_the_chosen_parts_are_printed(sample_report):
    pages = pages_text(pdf_bytes(sample_report, PrintOptions(parts=table_part_ids(), time=WHEN)))
    text = "\n".join(pages)
    assert sample_report.display_title() in text
    for section in load_format().sections:
        assert (section.title in text) == (section.kind == "table")
    assert "鄄城县人民政府认真贯彻落实" not in text
    assert len(pages) < 5


@pytest.mark.chinese_font
def test_blank_form_has_every_label_and_no_value(sample_report):
    pages = pages_text(pdf_bytes(sample_report, blank_form_options(time=WHEN)))
    text = flat("\n".join(pages))
    for row in ("行政许可", "行政事业性收费", "本年新收政府信息公开申请数量", "结转下年度继续办理"):
        assert row in text
    for label in ("结果维持", "尚未审结", "复议后起诉", "申请人情况", "填报单位"):
        assert label in text
    for value in ("34187", "190929", "15156.9", "80"):
        assert value not in tokens("\n".join(pages))
    assert "空白统计表" in text and "内容码" not in text
    assert "草稿" not in text


@pytest.mark.chinese_font
def test_pictures_are_printed_and_a_broken_one_is_named(sample_report, qapp):
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    def png(width, height):
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(QColor("steelblue"))
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(buffer.data())

    report = sample_report.copy()
    # a long screenshot taller than a page is scaled down to fit one
    report.images = {"photo.png": png(120, 60), "tall.png": png(40, 9000), "broken.png": b"not a picture"}
    report.text["overview"] = "\n".join(["开头。", image_line("photo.png"), image_line("broken.png"),
                                         image_line("tall.png"), "结尾。"])
    data = pdf_bytes(report, PrintOptions(parts=("overview",)))
    reader = PdfReader(io.BytesIO(data))
    assert len({name for page in reader.pages for name in page.images.keys()}) == 2  # noqa: SIM118 - iterating decodes the images (needs Pillow)
    assert len(reader.pages) == 2 and "结尾" in reader.pages[1].extract_text()
    assert "图片“broken.png”缺失、已损坏或过大，未能打印" in flat(reader.pages[0].extract_text())


def test_version_line_names_the_stored_version(sample_report):
    line = version_line(sample_report, PrintOptions(version="送审稿 v3", time=WHEN))
    assert line == f"鄄城县人民政府 · 2023年度 · 送审稿 v3 · 2024-01-15 09:30 · 内容码 {fingerprint(sample_report)}"
    changed = sample_report.copy()
    changed.values["active.licensing.decisions"] = 34188
    assert version_line(changed, PrintOptions(version="送审稿 v3", time=WHEN)) != line


def test_unknown_watermark_or_part_is_refused():
    with pytest.raises(ValueError):
        PrintOptions(watermark="机密")
    with pytest.raises(ValueError):
        PrintOptions(parts=("appendix",))


@pytest.mark.chinese_font
def test_files_writer_exports_pdf(sample_report, tmp_path):
    target = tmp_path / "报告.pdf"
    write_report(sample_report, target)
    reader = PdfReader(target)
    assert reader.metadata.title == sample_report.display_title()
    assert "草稿" in flat(reader.pages[0].extract_text())  # a plain export is marked as a draft


@pytest.mark.chinese_font
def test_command_line_export_works_without_a_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    target = tmp_path / "out.pdf"
    result = subprocess.run([sys.executable, "-m", "disclosure_report", "export", str(sample_path()), "-o", str(target)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "鄄城县2023年政府信息公开工作年度报告" in PdfReader(target).pages[0].extract_text()


@pytest.mark.chinese_font
def test_command_line_chooses_watermark_or_blank_form_for_pdf_only(tmp_path, capsys):
    from disclosure_report.cli import main

    final = tmp_path / "定稿.pdf"
    assert main(["export", str(sample_path()), "-o", str(final), "--watermark", "无"]) == 0
    text = flat("\n".join(page.extract_text() for page in PdfReader(final).pages))
    assert "草稿" not in text and "34187" in text
    blank = tmp_path / "空白表.pdf"
    assert main(["export", str(sample_path()), "-o", str(blank), "--blank"]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(blank).pages)
    assert "行政许可" in text and "34187" not in text
    assert main(["export", str(sample_path()), "-o", str(tmp_path / "x.docx"), "--watermark", "无"]) == 2
    assert "只用于导出 .pdf" in capsys.readouterr().err


@pytest.mark.chinese_font
def test_extreme_content_still_prints_every_value(sample_report):
    report = sample_report.copy()
    report.organ = "某某省某某市某某县某某乡镇人民政府办公室信息公开工作领导小组办公室" * 2
    report.values["applications.new.natural"] = 1_000_000_000  # the largest count a cell takes
    report.values["active.fees.amount"] = Decimal("-0.000001")  # wrong, but printed as it stands for the checks
    report.text["overview"] = "没有换行的一段文字" * 400 + "\n" + "x" * 3000
    text = "\n".join(pages_text(pdf_bytes(report, PrintOptions(signoff=True))))
    assert "1000000000" in flat(text) and "-0.000001" in flat(text)
    assert flat(report.organ) in flat(text)


@pytest.mark.chinese_font
def test_signoff_sheet_lists_blank_cells_one_line_per_table_after_the_errors(sample_report):
    draft = sample_report.copy()
    draft.manual_totals = True
    for path in list(draft.values):
        if not path.startswith("appeals."):
            draft.values[path] = None  # a new draft: 表二 and 表三 still empty
    draft.values["appeals.review.upheld"] = 5  # 表四's 结果 no longer adds up to its 总计
    pages = pages_text(pdf_bytes(draft, PrintOptions(signoff=True, time=WHEN, parts=("active",))))
    sheet = pages[0]
    lines = [flat(line) for line in sheet.splitlines() if re.match(r"\s*\d+\.", line)]
    blank_lines = [line for line in lines if "留空" in line]
    assert [line[line.index("】") + 1:line.index("有")] for line in blank_lines] == ["表二", "表三"]
    assert "表三有25行留空（一、二、（一）" in blank_lines[1]
    assert lines[0].startswith("1.【错误】") and lines[-1] == blank_lines[-1]
    assert "为空" not in flat(sheet) and "审签单" not in flat(pages[1])  # the sheet is one page


@pytest.mark.chinese_font
def test_a_subheading_of_the_text_never_ends_a_page(sample_report):
    pages = [flat(text) for text in pages_text(pdf_bytes(sample_report, PrintOptions(time=WHEN)))]
    # 依申请公开 goes on with its first paragraph (it ended page 2 alone)
    [sub_page] = [n for n, page in enumerate(pages) if "（二）依申请公开" in page]
    assert "2023年，鄄城县共收到政府信息公开申请80件" in pages[sub_page]


@pytest.mark.chinese_font
def test_signoff_sheet_prints_a_settled_finding_with_its_reason_and_who_settled_it(sample_report):
    from datetime import date

    from disclosure_report.checks import run_checks
    from disclosure_report.checks.settle import settle

    report = sample_report.copy()
    [finding] = [f for f in run_checks(report) if f.rule == "text.parts_sum"]
    report.settled = settle(report, finding, "县政府本级数字另列", "张三", date(2025, 1, 20))
    first = flat(pages_text(pdf_bytes(report, PrintOptions(signoff=True, time=WHEN)))[0])
    assert "1项已核实" in first
    assert "【已核实】" in first and "理由：县政府本级数字另列（张三，2025-01-20核实）" in first
