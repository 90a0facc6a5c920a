"""Open a .docx or .xlsx only after its zip has been judged safe and whole.

Neither python-docx nor openpyxl limits decompression, so the zip's declared
sizes are checked first, and then every entry is inflated here in bounded
chunks that stop at its declared size: a deflate stream that runs on past it
is refused. (``zipfile``'s one-shot ``read()`` inflates up to 2 GiB before it
cuts to the declared size, so a lying header must be caught before the
libraries read the file.) Old binary Office files and password-protected
files, which are OLE containers, get a message that says what to do.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from disclosure_report.errors import ReportFileError
from disclosure_report.oserror import os_reason

# A report is tens of KB of text and a few pictures; these leave room for many photos.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 32 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries large enough to matter
_CHUNK = 256 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class OfficeKind:
    suffix: str  # ".docx"
    old_suffix: str  # ".doc"
    name: str  # "Word 文档"
    apps: str  # "Word/WPS"
    main_part: str  # "word/document.xml"
    # tags (``<``) in any one XML part: parsing costs time and memory by the tag. A real
    # report's document.xml has ~10,000; a fill-in sheet ~2,000.
    max_tags: int


DOCX = OfficeKind(".docx", ".doc", "Word 文档", "Word/WPS", "word/document.xml", 200_000)
XLSX = OfficeKind(".xlsx", ".xls", "Excel 工作簿", "Excel/WPS", "xl/workbook.xml", 50_000)


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
            size = f.seek(0, 2)
    except OSError as e:
        raise ReportFileError(f"无法读取 {path}：{os_reason(e)}") from None
    if not head.startswith(b"PK"):
        raise ReportFileError(f"{path.name} 不是 {kind.name}（{kind.suffix}），内容无法识别")
    if size > MAX_FILE_BYTES:
        raise ReportFileError(f"{path.name} 有 {size // 1048576} MB，超过 {kind.name}的上限 "
                              f"{MAX_FILE_BYTES // 1048576} MB，不像年度报告，已拒绝读取；请压缩其中的图片后再导入")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ReportFileError(f"{path.name} 已损坏或不完整（可能复制、下载时中断），请重新获取文件") from None
    if len(infos) > MAX_ENTRIES:
        raise ReportFileError(f"{path.name} 内含 {len(infos)} 个部件，远超正常的 {kind.name}，已拒绝读取")
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
        raise ReportFileError(f"{path.name} 不是 {kind.name}（缺少 {kind.main_part}），请确认文件类型")
    _inflate_all(path, infos, kind)


def _inflate_all(path: Path, infos, kind: OfficeKind) -> None:
    """Inflate every entry in bounded chunks; refuse one whose data is not what its headers declare."""
    with open(path, "rb") as f:
        for info in infos:
            if info.is_dir():
                continue
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
                raise ReportFileError(f"{path.name} 的部件 {info.filename} 使用了 Office 不用的压缩或加密方式，"
                                      f"可能是恶意文件，已拒绝读取")
            try:
                tags = _inflate(f, info)
            except (zlib.error, OSError):
                tags = None
            if tags is None:
                raise ReportFileError(f"{path.name} 的部件 {info.filename} 解压后与声明的大小或校验不符"
                                      f"（文件已损坏或被篡改），已拒绝读取；请重新获取文件")
            if tags > kind.max_tags and info.filename.endswith((".xml", ".rels")):
                raise ReportFileError(
                    f"{path.name} 的部件 {info.filename} 有约 {tags} 个标记（段落、单元格等），超过 {kind.max_tags} "
                    f"的上限，远超正常的年度报告，已拒绝读取；请删去多余的空段落、空行或单元格，"
                    f"或在 {kind.apps} 中另存后再导入")


def _inflate(f, info: zipfile.ZipInfo) -> Optional[int]:
    """The entry's count of ``<`` if it inflates to exactly its declared size and CRC, else None.
    Never inflates more than one byte past the declared size."""
    f.seek(info.header_offset)
    header = f.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return None
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    f.seek(info.header_offset + 30 + name_length + extra_length)
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left_in, left_out, crc, tags = info.compress_size, info.file_size, 0, 0
    pending = b""
    while inflater is None or not inflater.eof:
        if not pending and left_in > 0:
            pending = f.read(min(_CHUNK, left_in))
            if not pending:
                return None  # the file ends inside the entry
            left_in -= len(pending)
        if inflater is None:
            data, pending = pending, b""
        else:
            data = inflater.decompress(pending, min(_CHUNK, left_out + 1))  # at most one byte too many
            pending = inflater.unconsumed_tail
        if not data and not pending and left_in <= 0:
            break
        left_out -= len(data)
        if left_out < 0:
            return None
        crc = zlib.crc32(data, crc)
        tags += data.count(b"<")
    whole = left_out == 0 and crc == info.CRC and (inflater is None or inflater.eof)
    return tags if whole else None
