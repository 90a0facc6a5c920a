import zipfile

import pytest

from disclosure_report.errors import ReportFileError
from disclosure_report.zipguard import DOCX, XLSX, check_office_file


def test_the_reference_template_is_accepted(fixtures_dir):
    check_office_file(fixtures_dir / "format-2021-template.docx", DOCX)


def test_old_doc_gets_the_save_as_message(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ReportFileError, match="旧版 .doc 格式，请在 Word/WPS 中另存为 .docx"):
        check_office_file(path, DOCX)


def test_encrypted_file_is_named_as_such(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ReportFileError, match="密码保护"):
        check_office_file(path, XLSX)


def test_not_a_zip_and_truncated(tmp_path, fixtures_dir):
    text = tmp_path / "notes.docx"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(ReportFileError, match="不是 Word 文档"):
        check_office_file(text, DOCX)
    whole = (fixtures_dir / "format-2021-template.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReportFileError, match="不完整"):
        check_office_file(cut, DOCX)


def test_zip_bomb_is_refused_before_decompression(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("word/media/huge.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(ReportFileError, match="异常巨大"):
        check_office_file(path, DOCX)


def test_macros_and_wrong_kind(tmp_path):
    path = tmp_path / "m.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/vbaProject.bin", b"x")
    with pytest.raises(ReportFileError, match="含有宏"):
        check_office_file(path, XLSX)
    workbook = tmp_path / "w.docx"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
    with pytest.raises(ReportFileError, match="缺少 word/document.xml"):
        check_office_file(workbook, DOCX)
