"""Read a published report from a PDF with a text layer (as Word and WPS export it).

Library: pypdfium2 (Apache-2.0/BSD-3, PDFium's C++ in wheels for win_amd64 and
manylinux_2_17). Measured on ../shared/real/huaian-2024.pdf (6 pages, 3,548
characters): its characters with their boxes in about 15 ms, the whole import
about 1.4× that (bench/bench_pdf_import.py); pdfplumber
(MIT, on pdfminer.six) took about 770 ms for the characters alone and 450 ms
more to find the tables, and pdfminer.six needs ``cryptography``, whose wheels
here need glibc 2.34 (the Linux bundle runs on 2.28). PyMuPDF is AGPL.

PDFium gives characters with boxes and the page's path objects (walked only on
pages that have objects besides text); the table rules are the thin paths, made into tables by :mod:`.pdflayout`. The grids go to
:mod:`disclosure_report.reading.grid` like a Word document's tables; the
characters outside tables become lines, lines become paragraphs by their
indent, and page numbers (“-3-”, “— 3 —”, 第 3 页) are dropped.

Limits before and during parsing: file size, pages, characters, path
objects per page, and time.
"""

from __future__ import annotations

import re
import time
from itertools import compress, repeat
from operator import add, mul, sub
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Tuple, Union

from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report
from disclosure_report.reading.grid import cell_maker
from disclosure_report.reading.pdflayout import BY_Y, Char, line_text, lines_of, split, tables

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PAGES = 100  # a report has 5 to 30
MAX_CHARS = 400_000  # a report has 5,000 to 40,000
MAX_OBJECTS_PER_PAGE = 50_000
MAX_SECONDS = 30.0

SCANNED = ("这是扫描件，没有文字层，无法读取数字；请找 Word 版或网页版，或手工录入")
_PAGE_NUMBER = re.compile(r"^[-—－–_\s]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*[/／共]\s*\d{1,3}\s*页?)?[-—－–_\s]*$")
_SENTENCE_ENDS = tuple("。！？；：!?;:…")
_RULE = 3.0  # a path thinner than this (pt) is a rule


class _Line(NamedTuple):
    text: str
    chars: int
    x0: float
    x1: float
    height: float  # of its first character


_NOT_TEXT = frozenset("\ufffe\uffff\u3000\xa0")


def read_report(path: Union[str, Path]) -> Report:
    path = Path(path)
    try:
        return report_from_pdf(path)
    except ReportFileError as e:
        raise ReportFileError(f"{path.name}：{e}") from None


def report_from_pdf(path: Path) -> Report:
    from disclosure_report.reading.document import report_from_blocks

    return report_from_blocks(read_blocks(path))


def read_blocks(path: Path):
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReportFileError(f"文件有 {size // 1048576} MB，远超正常的年度报告，已拒绝读取；请确认文件来源")
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
            raise ReportFileError("这份 PDF 已加密（需要密码才能打开），无法读取；请向发布单位索取未加密的文件，"
                                  "或用 Word 版、网页版导入") from None
        raise ReportFileError("不是有效的 PDF 文件，或文件已损坏；请重新下载后再导入") from None
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise ReportFileError(f"有 {pages} 页，远超正常的年度报告（通常 5 至 30 页），已拒绝读取；请确认文件内容")
        return _blocks(document, pages)
    finally:
        document.close()


def _blocks(document, pages: int):
    import pypdfium2.raw as raw

    started = time.monotonic()
    make_cell = cell_maker()
    chars_total = 0
    images = 0
    pages_items = []
    for number in range(pages):
        page = document[number]
        try:
            objects = raw.FPDFPage_CountObjects(page.raw)
            if objects > MAX_OBJECTS_PER_PAGE:
                raise ReportFileError(f"第 {number + 1} 页有 {objects} 个图形对象，不像年度报告，已拒绝读取")
            chars, segments, page_images = _page(page, raw, objects)
            images += page_images
        finally:
            page.close()
        chars_total += len(chars)
        if chars_total > MAX_CHARS:
            raise ReportFileError(f"文字超过 {MAX_CHARS} 个字符，远超正常的年度报告，已拒绝读取")
        if time.monotonic() - started > MAX_SECONDS:
            raise ReportFileError(f"读取超过 {MAX_SECONDS:.0f} 秒仍未完成（第 {number + 1} 页），文件可能异常，已停止")
        items: List[Tuple[float, str, object]] = []  # (top, "table" or "line", grid or _Line)
        chars.sort(key=BY_Y, reverse=True)  # top first; stable, so the sorts into lines below find it done
        found = tables(segments)
        inside, loose = split(chars, [table.bounds for table in found])
        for table, table_chars in zip(found, inside):
            items.append((table.bounds[3], "table", table.grid(table_chars, make_cell)))
        for line in lines_of(loose):
            _, x0, _, y, height = line[0]
            items.append((y, "line", _Line(line_text(line), len(line), x0, line[-1][2], height)))
        items.sort(key=lambda item: -item[0])
        pages_items.append(items)
    if chars_total < 20:
        raise ReportFileError(SCANNED if images else "PDF 中没有文字，无法读取；请找 Word 版或网页版，或手工录入")
    return _paragraphs(pages_items)


def _edge_key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _running_lines(pages_items) -> set:
    """Page headers and footers: a first or last line that recurs, digits aside, on other pages.

    Of two pages, only a line printed the same at the same place on both (a section heading aside).
    """
    if len(pages_items) == 2:
        return _running_of_two(*pages_items)
    if len(pages_items) < 3:
        return set()
    seen: Dict[str, int] = {}
    for items in pages_items:
        lines = [line.text for _, kind, line in items if kind == "line"]
        for key in {_edge_key(t) for t in lines[:2] + lines[-2:]}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count >= max(2, len(pages_items) // 2)}


_HEADING = re.compile(r"^[（(]?[一二三四五六七八九十]+[、.)）]")


def _running_of_two(first, second) -> set:
    def edges(items):
        lines = [(y, line) for y, kind, line in items if kind == "line"]
        return lines[:2] + lines[-2:]

    found = set()
    for y, line in edges(first):
        text = "".join(line.text.split())
        if not text or _HEADING.match(text):
            continue
        for other_y, other in edges(second):
            if ("".join(other.text.split()) == text and abs(other_y - y) <= 2
                    and abs(other.x0 - line.x0) <= 2):
                found.add(_edge_key(line.text))
    return found


def _paragraphs(pages_items) -> List:
    """Lines into paragraphs: a new one where a line is indented or the line before it ends short.

    A paragraph also goes on, on the page or across a page break, when the line before ends short
    of the margin but not its sentence (no 。！？；： at its end, over two thirds of the width, and
    neither centred nor a heading such as 一、), as when a word did not fit on it: the next line,
    not indented, continues it.
    """
    running = _running_lines(pages_items)
    blocks: List = []
    paragraph: List[str] = []
    previous_full = previous_open = False
    for items in pages_items:
        lines = [line for _, kind, line in items if kind == "line"]
        left = min((ln.x0 for ln in lines if ln.chars > 8), default=0.0)
        right = max((ln.x1 for ln in lines), default=0.0)
        for _, kind, content in items:
            if kind == "table":
                if paragraph:
                    blocks.append(("p", "".join(paragraph)))
                    paragraph = []
                blocks.append(("table", content))
                previous_full = previous_open = False
                continue
            text = content.text
            if not text.strip() or _PAGE_NUMBER.match(text) or _edge_key(text) in running:
                continue
            em = max(content.height, 1.0)
            goes_on = previous_full or previous_open
            starts = content.x0 > left + 0.8 * em or not goes_on
            if starts and paragraph:
                blocks.append(("p", "".join(paragraph)))
                paragraph = []
            paragraph.append(text.strip())
            previous_full = content.x1 > right - 2.0 * em
            previous_open = (not text.rstrip().endswith(_SENTENCE_ENDS)
                             and content.x1 > left + (right - left) * 2 / 3
                             and content.x0 <= left + 2.5 * em and not _HEADING.match(text.strip()))
    if paragraph:
        blocks.append(("p", "".join(paragraph)))
    return blocks


def _page(page, raw, objects: int) -> Tuple[List[Char], List[Tuple[str, float, float, float]], int]:
    """A page's characters with their boxes, its rules, and how many pictures it has.

    The text in one call and the boxes into one array; the page's objects are walked (a kind
    per object, the few paths' bounds) only when some are not text: where the text page's
    runs of characters, one per text object, are as many as the page's objects, all are text
    (a narrative page). Turned characters (a watermark, 草稿, across the page) and characters
    clipped away (a line repeated at a page break) are not part of the page.
    """
    native = _native()
    textpage = page.get_textpage()
    handle = textpage.raw
    try:
        count = raw.FPDFText_CountChars(handle)
        if count > 2 * MAX_CHARS:
            raise ReportFileError(f"一页中有 {count} 个字符，远超正常的年度报告，已拒绝读取")
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters beyond U+FFFF: one index each, not two
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count))
        boxes, found = native.boxes(handle, count)
        left, top, right, bottom = boxes[0::4], boxes[1::4], boxes[2::4], boxes[3::4]
        shown = [ch > " " and ch not in _NOT_TEXT and has_box for ch, has_box in zip(text, found)]
        segments: List[Tuple[str, float, float, float]] = []
        images = 0
        if objects and raw.FPDFText_CountRects(handle, 0, -1) != objects:
            images = _shapes(page, objects, page.get_width() * page.get_height(), segments)
        sums, heights = list(map(add, top, bottom)), list(map(sub, top, bottom))  # 2 × centre y, height
        if _may_be_turned(shown, heights):
            _drop_turned(native, handle, count, shown)
        body = _body(native, raw, handle, count, shown)
        if body:  # drawn but clipped away: not on the page (a line repeated at a page break)
            clips: Dict[int, Optional[Tuple[float, float, float, float]]] = {}
            for i in list(compress(range(count), shown)):
                shown[i] = _shown(raw, handle, i, body, left[i], top[i], right[i], bottom[i], clips)
        kept = sum(shown)
        if kept > MAX_CHARS:
            raise ReportFileError(f"一页中有 {kept} 个字符，远超正常的年度报告，已拒绝读取")
        # (text, x0, x1, y, height), made in C; 0.5 * (a + b) == (a + b) / 2 exactly
        chars = list(compress(zip(text, left, right, map(mul, repeat(0.5), sums), heights), shown))
        return chars, segments, images
    finally:
        textpage.close()


def _shapes(page, count: int, page_area: float, segments: list) -> int:
    """The page's rules into ``segments`` (thin paths, and the edges of boxes); its pictures counted.

    A page of a Word or WPS export has a text object for every character or two and a path for
    every rule: the objects' kinds are fetched by ``map`` over the PDFium calls (the loop in C),
    only the few paths in Python. A rule is ("h", y, x0, x1) or ("v", x, y0, y1).
    """
    import ctypes

    import pypdfium2.raw as raw

    native = _native()
    objects = list(map(native.get_object, repeat(native.handle(page.raw), count), range(count)))
    kinds = list(map(native.get_type, objects))
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    corners = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    for obj in compress(objects, [kind == raw.FPDF_PAGEOBJ_PATH for kind in kinds]):
        if not native.get_bounds(obj, *corners):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        w, h = x1 - x0, y1 - y0
        if h <= _RULE and w > h:
            segments.append(("h", (y0 + y1) / 2, x0, x1))
        elif w <= _RULE and h > w:
            segments.append(("v", (x0 + x1) / 2, y0, y1))
        elif w > 5 and h > 5 and w * h < page_area / 2:  # a framed or shaded box: its four edges
            segments += [("h", y0, x0, x1), ("h", y1, x0, x1), ("v", x0, y0, y1), ("v", x1, y0, y1)]
    return kinds.count(raw.FPDF_PAGEOBJ_IMAGE)


def _may_be_turned(shown: List[int], heights: List[float]) -> bool:
    """Whether some characters may be turned: a watermark's (草稿 across the page) are several times
    the page's usual height. Asking PDFium each character's angle costs more than reading the page,
    so it is asked only then; turned text no bigger than the rest (rare) reads as text."""
    kept = list(compress(heights, shown))
    if not kept:
        return False
    sample = sorted(kept[::8])
    return max(kept) > 2.5 * sample[len(sample) // 2]


def _drop_turned(native, textpage, count: int, shown: List[int]) -> None:
    """Turned characters are not shown: a watermark (草稿) across the page, not the report."""
    indices = list(compress(range(count), shown))
    angles = list(map(native.get_angle, repeat(native.handle(textpage), len(indices)), indices))
    if angles and (max(angles) > 0.01 or min(angles) < 0):  # else all upright (the usual page)
        for i, a in zip(indices, angles):
            if min(abs(a), abs(a - 6.2832)) > 0.01:
                shown[i] = False


def _body(native, raw, textpage, count: int, shown: List[int]):
    """The page's text area: the clip box of the first clipped text object of the first 12 shown.

    Where a page is clipped to its text area (as Qt's PDF output once was), every text object is.
    """
    handle, seen = native.handle(textpage), set()
    for i in compress(range(count), shown):
        obj = native.get_text_object(handle, i)
        if obj.value in seen:
            continue
        seen.add(obj.value)
        clip = native.get_clip(obj)
        if clip and native.count_clip_paths(clip) > 0:
            body = _clip_box(raw, raw.FPDFPageObj_GetClipPath(raw.FPDFText_GetTextObject(textpage, i)))
            if body:
                return body
        if len(seen) >= 12:
            break
    return None


def _shown(raw, handle, i: int, body, x0: float, y1: float, x1: float, y0: float, clips) -> bool:
    """Whether a character outside the page's text area is inside its own clipping path."""
    x, y = (x0 + x1) / 2, (y1 + y0) / 2
    if body[0] - 1 <= x <= body[2] + 1 and body[1] - 1 <= y <= body[3] + 1:
        return True
    clip = _clip(raw, raw.FPDFText_GetTextObject(handle, i), clips)
    return not clip or (clip[0] - 1 <= x <= clip[2] + 1 and clip[1] - 1 <= y <= clip[3] + 1)


class _Native:
    """The few PDFium calls made per object or per character, taking and giving plain handles.

    pypdfium2's own bindings make a typed pointer object for every handle they return and check
    every handle passed; for the thousands of calls a page takes, that costs more than PDFium's
    work. These are the same functions of the same library, called without releasing the GIL
    (each call is far shorter than a release). Handles are ``_Handle`` (a ``c_void_p``, passed as
    a pointer as it is), indices Python ints (passed as C ints): declared without argument types,
    ctypes converts neither, which halves a call's cost. The box function keeps its argument
    types (its third argument is an address into one array), as in the bench's baseline. One
    calling convention on 64-bit Windows and Linux, the only builds shipped.
    """

    def __init__(self, raw):
        import ctypes

        class _Handle(ctypes.c_void_p):  # returned as is, not turned into an int
            pass

        def declare(function, restype, *argtypes):
            return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)

        p, i, h = ctypes.c_void_p, ctypes.c_int, _Handle
        self.handle = lambda pointer: ctypes.cast(pointer, _Handle)
        self.get_object = declare(raw.FPDFPage_GetObject, h)  # (page, index)
        self.get_type = declare(raw.FPDFPageObj_GetType, i)  # (object)
        self.get_bounds = declare(raw.FPDFPageObj_GetBounds, i)  # (object, &left, &bottom, &right, &top)
        self.get_angle = declare(raw.FPDFText_GetCharAngle, ctypes.c_float)  # (text page, index)
        self.get_text_object = declare(raw.FPDFText_GetTextObject, h)  # (text page, index)
        self.get_clip = declare(raw.FPDFPageObj_GetClipPath, h)  # (object)
        self.count_clip_paths = declare(raw.FPDFClipPath_CountPaths, i)  # (clip path)
        self.get_box = declare(raw.FPDFText_GetLooseCharBox, i, p, i, p)
        self._ctypes = ctypes

    def boxes(self, textpage, count: int) -> Tuple[List[float], List[int]]:
        """Every character's loose box, as left, top, right, bottom floats, and whether it has one."""
        ctypes = self._ctypes
        array = (ctypes.c_float * (4 * count))()
        base, handle, get_box = ctypes.addressof(array), ctypes.cast(textpage, ctypes.c_void_p).value, self.get_box
        found = list(map(get_box, repeat(handle, count), range(count), range(base, base + 16 * count, 16)))
        floats: List[float] = memoryview(array).cast("B").cast("f").tolist()  # type: ignore[assignment]
        return floats, found


_NATIVE: List[_Native] = []


def _native() -> _Native:
    if not _NATIVE:
        import pypdfium2.raw as raw

        _NATIVE.append(_Native(raw))
    return _NATIVE[0]


def _clip(raw, text_object, cache) -> Optional[Tuple[float, float, float, float]]:
    """The bounding box of a text object's clipping path (None: not clipped), once per object."""
    import ctypes

    key = ctypes.cast(text_object, ctypes.c_void_p).value or 0
    if key not in cache:
        cache[key] = _clip_box(raw, raw.FPDFPageObj_GetClipPath(text_object)) if key else None
    return cache[key]


def _clip_box(raw, clip) -> Optional[Tuple[float, float, float, float]]:
    import ctypes

    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    xs, ys = [], []
    for path in range(max(0, raw.FPDFClipPath_CountPaths(clip))):
        for index in range(max(0, raw.FPDFClipPath_CountPathSegments(clip, path))):
            if raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, path, index), x, y):
                xs.append(x.value)
                ys.append(y.value)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None
