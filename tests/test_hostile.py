"""Issue 13's hostile and huge files, each built here: a correct result or one Chinese refusal.

The refusals that once took gigabytes run in a child process limited to a
2 GB address space, so a regression fails the test instead of the machine.
Times and peak memory are printed by bench/bench_hostile.py.
"""

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

import hostile
from disclosure_report.cli import main
from disclosure_report.errors import ReportFileError
from disclosure_report.files import read_report
from disclosure_report.jsonfile import dumps, write_report

TWO_GB = 2 << 30


def run_cli(*args: str, address_space: int = TWO_GB) -> subprocess.CompletedProcess:
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "disclosure_report", *args], capture_output=True, text=True,
                          preexec_fn=limit, timeout=120, env=env)


def refused(path: Path, *fragments: str) -> str:
    result = run_cli("check", str(path))
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output and "程序内部错误" not in output, output
    for fragment in fragments:
        assert fragment in output, output
    return output


# -- DOCX: rows 2, 3, 4, 13 -----------------------------------------------------------

def test_a_grid_span_of_two_billion_is_refused_at_once(tmp_path):
    refused(hostile.one_huge_grid_span(tmp_path), "第 1 个表格第 1 行超过 60 列")


def test_every_grid_span_huge_is_refused_without_memory(tmp_path):
    refused(hostile.every_grid_span_huge(tmp_path), "超过 60 列")


def test_a_grid_span_that_is_not_a_number_names_table_and_row(tmp_path):
    with pytest.raises(ReportFileError, match="第 1 个表格第 1 行的合并列数“abc”不是整数"):
        read_report(hostile.grid_span_not_a_number(tmp_path))


def test_a_million_paragraphs_are_refused_by_their_tags(tmp_path):
    refused(hostile.many_paragraphs(tmp_path), "word/document.xml", "超过 200000 的上限")


def test_many_empty_paragraphs_within_the_limits_still_read(tmp_path):
    report = read_report(hostile.many_paragraphs(tmp_path, 20_000))
    assert report.values == hostile.sample().values


def test_a_table_with_too_many_rows_is_refused(tmp_path):
    def add_rows(xml: bytes) -> bytes:
        return xml.replace(b"</w:tbl>", b"<w:tr><w:tc><w:p/></w:tc></w:tr>" * 600 + b"</w:tbl>", 1)

    with pytest.raises(ReportFileError, match="第 1 个表格超过 560 行"):
        read_report(hostile.docx_with(tmp_path, "rows.docx", add_rows))


# -- zip: row 5 ---------------------------------------------------------------------

def test_a_deflate_stream_running_past_its_declared_size_is_refused(tmp_path):
    path = hostile.lying_deflate_entry(tmp_path)
    assert path.stat().st_size < 3 * 1024 * 1024
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/media/image9.png").file_size == 175 * 1024
    refused(path, "word/media/image9.png", "与声明的大小或校验不符")


def test_an_honest_docx_still_passes_the_inflating_check(tmp_path):
    path = tmp_path / "sample.docx"
    path.write_bytes(hostile.sample_docx_bytes())
    assert read_report(path).values == hostile.sample().values


# -- XLSX: row 6 ----------------------------------------------------------------------

def test_foreign_formulas_behind_a_long_row_read_their_saved_values(tmp_path):
    report = read_report(hostile.formulas_behind_a_long_row(tmp_path, cells=12_000))
    assert report.values == hostile.sample().values


def test_a_sheet_of_300000_cells_is_refused_before_openpyxl(tmp_path):
    refused(hostile.formulas_behind_a_long_row(tmp_path), "xl/worksheets/sheet3.xml", "超过 50000 的上限")


# -- workbooks: row 7 -----------------------------------------------------------------

FORMULA = '=HYPERLINK("http://example.com","点我")'


def _strings_stay_strings(path: Path, sheet: str, expected: str) -> None:
    wb = openpyxl.load_workbook(path)
    found = [c for row in wb[sheet].iter_rows() for c in row if isinstance(c.value, str) and expected in c.value]
    assert found, f"{expected} not in {sheet}"
    assert all(c.data_type == "s" for c in found), [(c.coordinate, c.data_type) for c in found]


def test_an_organ_starting_with_equals_is_text_in_every_workbook(tmp_path):
    report = hostile.sample()
    report.organ, report.title = FORMULA, ""
    report.contact.address = "=1+1"
    source = tmp_path / "unit.json"
    write_report(report, source)
    assert main(["export", str(source), "-o", str(tmp_path / "fill.xlsx")]) == 0
    _strings_stay_strings(tmp_path / "fill.xlsx", "封面", FORMULA)
    _strings_stay_strings(tmp_path / "fill.xlsx", "封面", "=1+1")
    assert read_report(tmp_path / "fill.xlsx").organ == FORMULA  # and reads back as typed
    assert main(["export", str(source), "-o", str(tmp_path / "values.xlsx"), "--values"]) == 0
    _strings_stay_strings(tmp_path / "values.xlsx", "表三", FORMULA)
    assert main(["consolidate", str(source), "--organ", "=SUM(1)", "--year", "2023",
                 "-o", str(tmp_path / "county.xlsx"), "--breakdown", str(tmp_path / "breakdown.xlsx")]) in (0, 1)
    _strings_stay_strings(tmp_path / "county.xlsx", "封面", "=SUM(1)")
    _strings_stay_strings(tmp_path / "breakdown.xlsx", "单位", FORMULA)
    _strings_stay_strings(tmp_path / "breakdown.xlsx", "明细", FORMULA)


# -- JSON: rows 8, 9, 10, 12 ----------------------------------------------------------

def test_nan_in_a_count_is_refused_naming_the_cell(tmp_path):
    with pytest.raises(ReportFileError, match=r"“自然人”列（applications.new.natural）：NaN 不是数字"):
        read_report(hostile.nan_count(tmp_path))


@pytest.mark.parametrize("constant", ["Infinity", "-Infinity"])
def test_infinity_is_refused_naming_the_cell(tmp_path, constant):
    text = dumps(hostile.sample()).replace('"natural": 80', f'"natural": {constant}', 1)
    with pytest.raises(ReportFileError, match=rf"applications.new.natural）：{constant} 不是数字"):
        read_report(hostile.write_json(tmp_path, "inf.json", text))


def test_a_duplicate_key_is_refused_naming_the_cell_and_both_values(tmp_path):
    with pytest.raises(ReportFileError, match=r"applications.new.natural）：出现了两次（80 与 5）"):
        read_report(hostile.duplicate_key(tmp_path))


def test_a_duplicate_table_is_refused_naming_the_key(tmp_path):
    text = dumps(hostile.sample()).replace('"active": {', '"active": {},\n"active": {', 1)
    with pytest.raises(ReportFileError, match="同一处的“active”出现了两次"):
        read_report(hostile.write_json(tmp_path, "tables.json", text))


def test_a_5000_digit_count_is_refused_in_chinese(tmp_path):
    with pytest.raises(ReportFileError, match="applications.new.natural）：数字有 5000 位，超过 40 位的上限"):
        read_report(hostile.long_integer(tmp_path))


def test_100000_deep_nesting_is_refused_in_chinese(tmp_path):
    with pytest.raises(ReportFileError, match="JSON 嵌套层数过多"):
        read_report(hostile.deep_nesting(tmp_path))
    with pytest.raises(ReportFileError, match="JSON 嵌套超过 16 层"):
        read_report(hostile.deep_nesting(tmp_path, 500))


def test_a_60_mb_json_is_refused_by_its_size(tmp_path):
    refused(hostile.huge_json(tmp_path), "huge.json 有 60 MB，超过报告文件 40 MB 的上限")


def test_a_section_beyond_the_limit_is_refused_naming_it(tmp_path):
    report = hostile.sample()
    report.text["problems"] = "很长。" * 60_000
    write_report(report, tmp_path / "long.json")
    with pytest.raises(ReportFileError, match="“五、存在的主要问题及改进情况”有 180000 个字符，超过每部分 150000 字"):
        read_report(tmp_path / "long.json")


# -- printing: row 1 -------------------------------------------------------------------

def test_12000_paragraphs_are_refused_in_chinese_instead_of_crashing_qt(tmp_path):
    write_report(hostile.paragraphs_report(12_000), tmp_path / "long.json")
    result = run_cli("export", str(tmp_path / "long.json"), "-o", str(tmp_path / "long.pdf"))
    assert result.returncode == 2, result.stderr
    assert "“一、总体情况”有 12000 段，超过每部分 2000 段的上限" in result.stderr
    assert not (tmp_path / "long.pdf").exists()


def test_a_draft_beyond_the_limits_is_refused_by_printing_itself():
    from disclosure_report.printing.pdf import pdf_bytes

    with pytest.raises(ReportFileError, match="无法打印：“一、总体情况”有 12000 段"):
        pdf_bytes(hostile.paragraphs_report(12_000))


@pytest.mark.chinese_font  # prints a PDF
def test_every_paragraph_the_limits_allow_prints(tmp_path):
    """The crash came from the count of printed lines; 2,000 paragraphs in each part is the most accepted."""
    report = hostile.sample()
    for text_id in report.text:
        report.text[text_id] = "\n".join(f"第{n}段。" for n in range(2000))
    write_report(report, tmp_path / "most.json")
    result = run_cli("export", str(tmp_path / "most.json"), "-o", str(tmp_path / "most.pdf"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "most.pdf").read_bytes().count(b"/Type /Page\n") > 300


# -- pictures whose headers declare huge sizes (decompression bombs) ---------------------

def qt_bytes(width, height, kind):
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, kind)
    return bytes(buffer.data())


def qt_header_size(blob):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader

    buffer = QBuffer()
    buffer.setData(QByteArray(blob))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    size = QImageReader(buffer).size()
    return size.width(), size.height()


def test_picture_headers_are_read_as_qt_reads_them(qapp):
    from disclosure_report import pictures

    for kind in ("PNG", "JPEG", "BMP"):
        blob = qt_bytes(123, 45, kind)
        assert (pictures.kind(blob), pictures.size(blob)) == (kind, (123, 45))
    for blob in (hostile.png(60_000, 60_000), hostile.jpeg(60_000, 60_000), hostile.bmp(7000, 6000),
                 hostile.gif(300, 200)):
        assert pictures.size(blob) == qt_header_size(blob)
    # a GIF frame beyond its logical screen: decoders allocate for the frame
    assert pictures.size(hostile.gif(60_000, 60_000, screen=(10, 10))) == (60_000, 60_000)
    assert pictures.size(b"II*\0 a TIFF") is None and pictures.size(b"\x89PNG\r\n\x1a\n") is None


@pytest.mark.parametrize("kind", sorted(hostile.PICTURE_BOMBS))
def test_a_picture_declaring_60000_by_60000_pixels_is_refused_in_json_before_decoding(tmp_path, kind):
    path = hostile.json_with_picture(tmp_path, hostile.PICTURE_BOMBS[kind](), name=f"{kind}.json")
    refused(path, f"{kind}.json：图片“照片.png”声明的尺寸为 60000×60000 像素", "超过每张 4000 万像素的上限")


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_a_picture_bomb_in_a_docx_is_refused_naming_file_picture_and_limit(tmp_path, kind):
    path = hostile.docx_with_picture(tmp_path, hostile.PICTURE_BOMBS[kind](), name=f"{kind}.docx")
    assert path.stat().st_size < 100_000
    refused(path, f"{kind}.docx：图片“照片.png”声明的尺寸为 60000×60000 像素", "4000 万像素的上限", "缩小")


@pytest.mark.chinese_font  # prints a PDF
def test_a_photo_of_24_megapixels_is_read_and_printed_at_300_dpi_at_most(tmp_path, qapp):
    import re

    from disclosure_report.printing.pdf import pdf_bytes
    from disclosure_report.printing.picture import decode

    blob = qt_bytes(6000, 4000, "JPEG")
    report = read_report(hostile.docx_with_picture(tmp_path, blob))
    assert report.images["照片.png"] == blob
    assert decode(blob, (1843, 1229)).size().toTuple() == (1843, 1229)  # as wide as printed at 300 dpi
    widths = [int(w) for w in re.findall(rb"/Width (\d+)", pdf_bytes(report))]
    assert widths and max(widths) < 2000  # the type area is 156 mm: 1843 px at 300 dpi


def test_nothing_decodes_a_picture_beyond_the_limit_or_of_unknown_kind(qapp, monkeypatch):
    from disclosure_report.printing import picture
    from disclosure_report.printing.pdf import pdf_bytes

    def never(*args):
        raise AssertionError("decoded")

    monkeypatch.setattr(picture, "QImageReader", never)
    for blob in [make() for make in hostile.PICTURE_BOMBS.values()] + [b"II*\0 a TIFF"]:
        assert picture.decode(blob).isNull()
    # a draft saved before the limit: printing refuses it by the header, before drawing anything
    with pytest.raises(ReportFileError, match="无法打印：图片“照片.png”声明的尺寸为 60000×60000 像素"):
        pdf_bytes(hostile.report_with_picture(hostile.png(60_000, 60_000)))


# -- file names in another encoding: row 11 -------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are always Unicode")
def test_gbk_named_returns_consolidate_with_their_names_in_the_breakdown(tmp_path, capsys):
    names = hostile.gbk_returns(tmp_path)
    breakdown = tmp_path / "breakdown.xlsx"
    code = main(["consolidate", *names, "--organ", "县", "--year", "2023", "-o", str(tmp_path / "county.json"),
                 "--breakdown", str(breakdown)])
    err = capsys.readouterr().err
    assert code in (0, 1), err
    assert "程序内部错误" not in err and "文件未被修改" not in err
    sources = [row[3] for row in openpyxl.load_workbook(breakdown)["单位"].iter_rows(min_row=2, values_only=True)]
    assert sorted(Path(s).name for s in sources) == ["乡镇乙.json", "乡镇甲.json"]


# -- backup warnings: row 14 ----------------------------------------------------------

def _reason(warning: str) -> str:
    """What the warning says went wrong: after the folder's name, no English words of the system."""
    import re

    reason = warning.split("）：", 1)[1]
    assert not re.search(r"[A-Za-z]{3,}", reason), warning
    return reason


@pytest.fixture
def library_path(tmp_path, sample):
    from disclosure_report.storage import Library

    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        library.create(sample)
    return path


def test_backup_warnings_are_chinese_when_a_file_holds_the_backup_folder(library_path):
    from disclosure_report.storage import Library

    (library_path.parent / "backups").write_text("not a folder")
    with Library(library_path) as library:
        assert _reason(library.backup_warning).startswith("备份文件夹的位置上有一个同名的文件")


@pytest.mark.parametrize("code,english,reason", [
    ("ENOSPC", "No space left on device", "磁盘已满"),
    ("EROFS", "Read-only file system", "磁盘或文件夹只读"),
    ("EACCES", "Permission denied", "没有写入权限"),  # the backup's own words: it writes
    ("EIO", "Input/output error", "读写磁盘出错"),
])
def test_backup_warnings_say_why_in_chinese_when_the_system_refuses_the_copy(library_path, monkeypatch, code,
                                                                              english, reason):
    import errno

    from disclosure_report.storage import Library, backups

    def refused(*args, **kwargs):
        raise OSError(getattr(errno, code), english)

    monkeypatch.setattr(backups, "daily_backup", refused)
    with Library(library_path) as library:
        assert _reason(library.backup_warning).startswith(reason)
        assert "草稿照常保存" in library.backup_warning


def test_backup_warnings_are_chinese_when_sqlite_cannot_open_the_copy(library_path, monkeypatch):
    import sqlite3

    from disclosure_report.storage import Library, backups

    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):
        if str(target).endswith(".tmp"):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(backups.sqlite3, "connect", connect)
    with Library(library_path) as library:
        assert _reason(library.backup_warning).startswith("无法创建备份文件")
