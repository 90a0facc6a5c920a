"""How big a report may be: what real reports need, many times over, and no more.

A published annual report is tens of thousands of characters and a few
pictures. Every reader refuses a report beyond these limits, the editor
does not take text beyond them, and printing can then rely on them (Qt's
text layout overflows, and crashes, far beyond: ~140,000 printed lines).
"""

from __future__ import annotations

from typing import Optional

from disclosure_report import pictures
from disclosure_report.model import Report

MAX_SECTION_CHARS = 150_000  # one part of the text (一、 or 六、); a real one is a few thousand
MAX_TEXT_CHARS = 320_000  # all parts together: 100 times the sample's
MAX_SECTION_LINES = 2_000  # paragraphs in one part
MAX_FIELD_CHARS = 500  # organ, title, address, phone, website
MAX_IMAGES = 60
MAX_IMAGES_BYTES = 24 * 1024 * 1024
# Pixels one picture may declare: an A4 page scanned at 600 dpi is 35 million, a phone photo 12 (50 in its
# full-size mode, which Word and WPS shrink on saving), a chart a few; decoded, 40 million is 160 MB (4 bytes a
# pixel), within the 300 MB a report may take. A decompression bomb declares far more in a few KB.
MAX_PICTURE_PIXELS = 40_000_000


def section_name(text_id: str) -> str:
    if text_id == "preamble":
        return "开头部分"
    return next(s.title for s in Report().format.sections if s.id == text_id)


def text_problem(text_id: str, text: str) -> Optional[str]:
    """Why one part's text is too long, in Chinese, or None."""
    if len(text) > MAX_SECTION_CHARS:
        return (f"“{section_name(text_id)}”有 {len(text)} 个字符，超过每部分 {MAX_SECTION_CHARS} 字的上限；"
                f"年度报告每部分通常只有几千字，请删去多余的内容")
    lines = text.count("\n") + 1
    if lines > MAX_SECTION_LINES:
        return (f"“{section_name(text_id)}”有 {lines} 段，超过每部分 {MAX_SECTION_LINES} 段的上限；"
                f"请合并或删去多余的段落")
    return None


def edit_problem(report: Report, text_id: str, text: str) -> Optional[str]:
    """Why ``text`` in place of the part ``text_id`` would put the report beyond the limits, or None."""
    problem = text_problem(text_id, text)
    if problem:
        return problem
    return _whole_text_problem(sum(len(t) for key, t in report.text.items() if key != text_id) + len(text))


def _whole_text_problem(total: int) -> Optional[str]:
    if total > MAX_TEXT_CHARS:
        return f"正文共 {total} 个字符，超过全文 {MAX_TEXT_CHARS} 字的上限；请删去多余的内容"
    return None


def report_problem(report: Report) -> Optional[str]:
    """Why the report is beyond the limits, in Chinese, or None."""
    for text_id, text in report.text.items():
        problem = text_problem(text_id, text)
        if problem:
            return problem
    problem = _whole_text_problem(sum(len(t) for t in report.text.values()))
    if problem:
        return problem
    fields = {"单位名称": report.organ, "标题": report.title, "地址": report.contact.address,
              "电话": report.contact.phone, "网址": report.contact.website}
    for label, value in fields.items():
        if len(value) > MAX_FIELD_CHARS:
            return f"{label}有 {len(value)} 个字符，超过 {MAX_FIELD_CHARS} 字的上限"
    if len(report.images) > MAX_IMAGES:
        return f"报告有 {len(report.images)} 张图片，超过 {MAX_IMAGES} 张的上限；请删去多余的图片"
    for name, blob in report.images.items():
        problem = picture_problem(name, blob)
        if problem:
            return problem
    size = sum(len(blob) for blob in report.images.values())
    if size > MAX_IMAGES_BYTES:
        return (f"报告的图片共 {size // 1048576} MB，超过 {MAX_IMAGES_BYTES // 1048576} MB 的上限；"
                f"请压缩图片后再导入")
    return None


def picture_problem(name: str, blob: bytes) -> Optional[str]:
    """Why the picture is too big by what its header declares, before anything decodes it, or None."""
    dimensions = pictures.size(blob)
    if dimensions is None or dimensions[0] * dimensions[1] <= MAX_PICTURE_PIXELS:
        return None
    width, height = dimensions
    return (f"图片“{name}”声明的尺寸为 {width}×{height} 像素（{width * height // 10 ** 4} 万像素），"
            f"超过每张 {MAX_PICTURE_PIXELS // 10 ** 4} 万像素的上限，已拒绝；"
            f"请在看图软件或 Word/WPS 中把它缩小（宽、高各不超过 6000 像素即可）后重试")


def drawable(blob: bytes) -> Optional[str]:
    """The kind to decode the picture as ("PNG", "JPEG", "GIF", "BMP") when its header was read and is
    within the limit, else None: such a picture is never decoded."""
    dimensions = pictures.size(blob)
    if dimensions is None or not all(dimensions) or dimensions[0] * dimensions[1] > MAX_PICTURE_PIXELS:
        return None
    return pictures.kind(blob)
