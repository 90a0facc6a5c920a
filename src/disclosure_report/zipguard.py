"""Open a .docx or .xlsx only after its zip has been judged safe and whole.

Neither python-docx nor openpyxl limits decompression, so the zip's declared
sizes are checked before anything is inflated (Python's zipfile stops at the
declared size, so a lying header cannot get past these limits). Old binary
Office files and password-protected files, which are OLE containers, get a
message that says what to do.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from disclosure_report.errors import ReportFileError

MAX_ENTRIES = 2000
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_ENTRY_BYTES = 128 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries large enough to matter

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class OfficeKind:
    suffix: str  # ".docx"
    old_suffix: str  # ".doc"
    name: str  # "Word 文档"
    apps: str  # "Word/WPS"
    main_part: str  # "word/document.xml"


DOCX = OfficeKind(".docx", ".doc", "Word 文档", "Word/WPS", "word/document.xml")
XLSX = OfficeKind(".xlsx", ".xls", "Excel 工作簿", "Excel/WPS", "xl/workbook.xml")


def check_office_file(path: Union[str, Path], kind: OfficeKind) -> None:
    """Raise ReportFileError with a Chinese message unless ``path`` is a safe, whole ``kind`` file."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            if head == _OLE_MAGIC:
                f.seek(0)
                if _ENCRYPTED in f.read(1024 * 1024):
                    raise ReportFileError(
                        f"{path.name} 设有密码保护，无法读取；请在 {kind.apps} 中取消密码后另存，再导入")
                raise ReportFileError(
                    f"{path.name} 为旧版 {kind.old_suffix} 格式，请在 {kind.apps} 中另存为 {kind.suffix} 后再导入")
    except OSError as e:
        raise ReportFileError(f"无法读取 {path}：{e.strerror or e}") from None
    if not head.startswith(b"PK"):
        raise ReportFileError(f"{path.name} 不是{kind.name}（{kind.suffix}），内容无法识别")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ReportFileError(f"{path.name} 已损坏或不完整（可能复制、下载时中断），请重新获取文件") from None
    if len(infos) > MAX_ENTRIES:
        raise ReportFileError(f"{path.name} 内含 {len(infos)} 个部件，远超正常{kind.name}，已拒绝读取")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES or (
            info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise ReportFileError(
                f"{path.name} 解压后异常巨大（{info.filename} 声明 {info.file_size // 1048576} MB），"
                f"可能是恶意文件，已拒绝读取")
    if "xl/vbaProject.bin" in names or "word/vbaProject.bin" in names:
        raise ReportFileError(f"{path.name} 含有宏，为安全起见不予读取；请另存为不含宏的 {kind.suffix} 后再导入")
    if kind.main_part not in names:
        raise ReportFileError(f"{path.name} 不是{kind.name}（缺少 {kind.main_part}），请确认文件类型")
