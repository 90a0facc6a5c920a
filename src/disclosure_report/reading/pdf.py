"""Read a published report from a PDF with a text layer (as Word and WPS export it).

Library: pypdfium2 (Apache-2.0/BSD-3, PDFium's C++ in wheels for win_amd64 and
manylinux_2_17). Measured on ../shared/real/huaian-2024.pdf (6 pages, 3,548
characters): its characters with their boxes in about 30–45 ms; pdfplumber
(MIT, on pdfminer.six) took about 770 ms for the characters alone and 450 ms
more to find the tables, and pdfminer.six needs ``cryptography``, whose wheels
here need glibc 2.34 (the Linux bundle runs on 2.28). PyMuPDF is AGPL.

PDFium gives characters with boxes and the page's path objects; the table
rules are the thin paths. Rules that touch form a table; the distinct rule
positions give its grid, a missing rule between two grid cells a merge, and
each character goes to the cell its centre lies in. The grids go to
:mod:`disclosure_report.reading.grid` like a Word document's tables; the
characters outside tables become lines, lines become paragraphs by their
indent, and page numbers (“-3-”, “— 3 —”, 第 3 页) are dropped.

Limits before and during parsing: file size, pages, characters, path
objects per page, and time.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report
from disclosure_report.reading.grid import Grid, cell

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PAGES = 100  # a report has 5 to 30
MAX_CHARS = 400_000  # a report has 5,000 to 40,000
MAX_OBJECTS_PER_PAGE = 50_000
MAX_SECONDS = 30.0

SCANNED = ("这是扫描件，没有文字层，无法读取数字；请找 Word 版或网页版，或手工录入")
_PAGE_NUMBER = re.compile(r"^[-—－–_\s]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*[/／共]\s*\d{1,3}\s*页?)?[-—－–_\s]*$")
_RULE = 3.0  # a path thinner than this (pt) is a rule
_TOLERANCE = 2.0  # rule positions closer than this are one grid line


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    y: float  # centre
    height: float


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
    chars_total = 0
    images = 0
    pages_items = []
    for number in range(pages):
        page = document[number]
        try:
            objects = raw.FPDFPage_CountObjects(page.raw)
            if objects > MAX_OBJECTS_PER_PAGE:
                raise ReportFileError(f"第 {number + 1} 页有 {objects} 个图形对象，不像年度报告，已拒绝读取")
            shapes = _objects(page, raw, page.get_width() * page.get_height())
            chars = _chars(page, raw, shapes)
            segments = shapes.segments
            images += shapes.images
        finally:
            page.close()
        chars_total += len(chars)
        if chars_total > MAX_CHARS:
            raise ReportFileError(f"文字超过 {MAX_CHARS} 个字符，远超正常的年度报告，已拒绝读取")
        if time.monotonic() - started > MAX_SECONDS:
            raise ReportFileError(f"读取超过 {MAX_SECONDS:.0f} 秒仍未完成（第 {number + 1} 页），文件可能异常，已停止")
        items: List[Tuple[float, str, list]] = []  # (top, "table" or "line", grid or characters)
        loose = chars
        for table in _tables(segments):
            inside, loose = _split(loose, table.bounds)
            items.append((table.bounds[3], "table", table.grid(inside)))
        items += [(line[0].y, "line", line) for line in _lines(loose)]
        items.sort(key=lambda item: -item[0])
        pages_items.append(items)
    if chars_total < 20:
        raise ReportFileError(SCANNED if images else "PDF 中没有文字，无法读取；请找 Word 版或网页版，或手工录入")
    return _paragraphs(pages_items)


def _edge_key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _running_lines(pages_items) -> set:
    """Page headers and footers: a first or last line that recurs, digits aside, on other pages."""
    if len(pages_items) < 3:
        return set()
    seen: Dict[str, int] = {}
    for items in pages_items:
        lines = [_line_text(c) for _, kind, c in items if kind == "line"]
        for key in {_edge_key(t) for t in lines[:2] + lines[-2:]}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count >= max(2, len(pages_items) // 2)}


def _paragraphs(pages_items) -> List:
    """Lines into paragraphs: a new one where a line is indented or the line before it ends short."""
    running = _running_lines(pages_items)
    blocks: List = []
    paragraph: List[str] = []
    previous_full = False
    for items in pages_items:
        lines = [c for _, kind, c in items if kind == "line"]
        left = min((ln[0].x0 for ln in lines if len(ln) > 8), default=0.0)
        right = max((ln[-1].x1 for ln in lines), default=0.0)
        for _, kind, content in items:
            if kind == "table":
                if paragraph:
                    blocks.append(("p", "".join(paragraph)))
                    paragraph = []
                blocks.append(("table", content))
                previous_full = False
                continue
            text = _line_text(content)
            if not text.strip() or _PAGE_NUMBER.match(text) or _edge_key(text) in running:
                continue
            em = max(content[0].height, 1.0)
            starts = content[0].x0 > left + 0.8 * em or not previous_full
            if starts and paragraph:
                blocks.append(("p", "".join(paragraph)))
                paragraph = []
            paragraph.append(text.strip())
            previous_full = content[-1].x1 > right - 2.0 * em
    if paragraph:
        blocks.append(("p", "".join(paragraph)))
    return blocks


class _Shapes:
    """What a page draws besides text, and what marks some of its text as not part of the page."""

    def __init__(self):
        self.segments: List[Tuple[str, float, float, float]] = []  # ("h", y, x0, x1) or ("v", x, y0, y1)
        self.images = 0
        self.turned = False  # some text is turned (a watermark)
        self.body: Optional[Tuple[float, float, float, float]] = None  # the clip box of the first clipped text


def _objects(page, raw, page_area: float) -> _Shapes:
    """Rules (thin paths, and the edges of boxes), pictures, turned and clipped text."""
    import ctypes

    page = page.raw
    shapes = _Shapes()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    matrix = raw.FS_MATRIX()
    clips_seen = 0
    for index in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, index)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            if raw.FPDFPageObj_GetMatrix(obj, matrix) and (abs(matrix.b) > 0.01 or abs(matrix.c) > 0.01):
                shapes.turned = True
            if shapes.body is None and clips_seen < 50:
                clips_seen += 1
                shapes.body = _clip_box(raw, raw.FPDFPageObj_GetClipPath(obj))
            continue
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            shapes.images += 1
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        w, h = x1 - x0, y1 - y0
        if h <= _RULE and w > h:
            shapes.segments.append(("h", (y0 + y1) / 2, x0, x1))
        elif w <= _RULE and h > w:
            shapes.segments.append(("v", (x0 + x1) / 2, y0, y1))
        elif w > 5 and h > 5 and w * h < page_area / 2:  # a framed or shaded box: its four edges
            shapes.segments += [("h", y0, x0, x1), ("h", y1, x0, x1), ("v", x0, y0, y1), ("v", x1, y0, y1)]
    return shapes


def _chars(page, raw, shapes: _Shapes) -> List[_Char]:
    textpage = page.get_textpage()
    handle = textpage.raw
    try:
        count = raw.FPDFText_CountChars(handle)
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters beyond U+FFFF: one index each, not two
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count))
        rect = raw.FS_RECTF()
        clips: Dict[int, Optional[Tuple[float, float, float, float]]] = {}
        body = shapes.body
        chars = []
        for i, ch in enumerate(text):
            if ch <= " " or ch in "\ufffe\uffff\u3000\xa0" or not raw.FPDFText_GetLooseCharBox(handle, i, rect):
                continue
            x, y = (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2
            if shapes.turned and min(abs(a := raw.FPDFText_GetCharAngle(handle, i)), abs(a - 6.2832)) > 0.01:
                continue  # turned text: a watermark (草稿) across the page, not the report
            if body and not (body[0] - 1 <= x <= body[2] + 1 and body[1] - 1 <= y <= body[3] + 1):
                clip = _clip(raw, raw.FPDFText_GetTextObject(handle, i), clips)
                if clip and not (clip[0] - 1 <= x <= clip[2] + 1 and clip[1] - 1 <= y <= clip[3] + 1):
                    continue  # drawn but clipped away: not on the page (a line repeated at a page break)
            chars.append(_Char(ch, rect.left, rect.right, y, rect.top - rect.bottom))
        if len(chars) > MAX_CHARS:
            raise ReportFileError(f"一页中有 {len(chars)} 个字符，远超正常的年度报告，已拒绝读取")
        return chars
    finally:
        textpage.close()


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


class _Table:
    def __init__(self, segments: Sequence[Tuple[str, float, float, float]]):
        self.h = [s for s in segments if s[0] == "h"]
        self.v = [s for s in segments if s[0] == "v"]
        # The rules' ends count as grid lines too: a table cut by a page break may lack its closing rule.
        ends_x = [min(s[2] for s in self.h), max(s[3] for s in self.h)] if self.h else []
        ends_y = [min(s[2] for s in self.v), max(s[3] for s in self.v)] if self.v else []
        self.xs = _positions([s[1] for s in self.v] + ends_x)
        self.ys = _positions([s[1] for s in self.h] + ends_y)[::-1]  # top first
        self.bounds = (self.xs[0], self.ys[-1], self.xs[-1], self.ys[0]) if self.xs and self.ys else (0, 0, 0, 0)

    @property
    def is_table(self) -> bool:
        """Two columns at least: the rules under or beside lines of text (underlines, a frame) are no table."""
        return len(self.xs) >= 3 and len(self.ys) >= 2

    def _spans(self, lines: List[float], segments) -> Dict[int, List[Tuple[float, float]]]:
        """The rules on each grid line: index -> their (start, end)."""
        found: Dict[int, List[Tuple[float, float]]] = {}
        for _, at, start, end in segments:
            i = min(range(len(lines)), key=lambda k: abs(lines[k] - at))
            if abs(lines[i] - at) <= _TOLERANCE:
                found.setdefault(i, []).append((start - _TOLERANCE, end + _TOLERANCE))
        return found

    @staticmethod
    def _covered(spans, at: float) -> bool:
        return any(start <= at <= end for start, end in spans)

    def grid(self, chars: List[_Char]) -> Grid:
        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        owner = [[(r, c) for c in range(cols)] for r in range(rows)]  # the merged cell's top-left
        vertical, horizontal = self._spans(self.xs, self.v), self._spans(self.ys, self.h)
        for r in range(rows):
            middle_y = (self.ys[r] + self.ys[r + 1]) / 2
            for c in range(cols):
                if c > 0 and not self._covered(vertical.get(c, ()), middle_y):
                    owner[r][c] = owner[r][c - 1]  # no rule between this cell and the one left of it
                elif r > 0 and not self._covered(horizontal.get(r, ()), (self.xs[c] + self.xs[c + 1]) / 2):
                    owner[r][c] = owner[r - 1][c]
        texts: Dict[Tuple[int, int], List[_Char]] = {}
        descending = [-y for y in self.ys]
        for ch in chars:
            c = bisect_right(self.xs, (ch.x0 + ch.x1) / 2) - 1
            r = bisect_right(descending, -ch.y) - 1
            if 0 <= r < rows and 0 <= c < cols:
                texts.setdefault(owner[r][c], []).append(ch)
        grid = []
        for r in range(rows):
            row = []
            c = 0
            while c < cols:
                anchor = owner[r][c]
                span = 1
                while c + span < cols and owner[r][c + span] == anchor:
                    span += 1
                if anchor[0] == r:
                    row.append(cell(c, span, "\n".join(_line_text(ln) for ln in _lines(texts.get(anchor, [])))))
                else:
                    row.append(cell(c, span, "", continued=True))
                c += span
            grid.append(row)
        return grid


def _positions(values: List[float]) -> List[float]:
    """Distinct grid lines: values within the tolerance of each other are one."""
    lines: List[float] = []
    for value in sorted(values):
        if not lines or value - lines[-1] > _TOLERANCE:
            lines.append(value)
    return lines


def _tables(segments) -> List[_Table]:
    """Rules that touch each other, as tables of at least two columns."""
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontal = [i for i, s in enumerate(segments) if s[0] == "h"]
    vertical = [i for i, s in enumerate(segments) if s[0] == "v"]
    for i in horizontal:
        _, y, x0, x1 = segments[i]
        for j in vertical:
            _, x, y0, y1 = segments[j]
            if x0 - _TOLERANCE <= x <= x1 + _TOLERANCE and y0 - _TOLERANCE <= y <= y1 + _TOLERANCE:
                parent[find(i)] = find(j)
    groups: Dict[int, list] = {}
    for i, segment in enumerate(segments):
        groups.setdefault(find(i), []).append(segment)
    tables = [_Table(group) for group in groups.values()]
    return [t for t in tables if t.is_table]


def _split(chars: List[_Char], bounds) -> Tuple[List[_Char], List[_Char]]:
    x0, y0, x1, y1 = bounds
    inside: List[_Char] = []
    outside: List[_Char] = []
    for ch in chars:
        mid = (ch.x0 + ch.x1) / 2
        (inside if x0 <= mid <= x1 and y0 <= ch.y <= y1 else outside).append(ch)
    return inside, outside


def _lines(chars: List[_Char]) -> List[List[_Char]]:
    """Characters on one baseline, left to right; lines top to bottom."""
    lines: List[List[_Char]] = []
    for ch in sorted(chars, key=lambda c: -c.y):
        if lines and abs(lines[-1][0].y - ch.y) < 0.45 * max(ch.height, lines[-1][0].height, 1.0):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(line: List[_Char]) -> str:
    parts = []
    previous: Optional[_Char] = None
    for ch in line:
        if previous is not None and ch.x0 - previous.x1 > 1.5 * max(ch.height, 1.0):
            parts.append(" ")  # a wide gap, as between 第二十条 and 第（一）项
        parts.append(ch.text)
        previous = ch
    return "".join(parts)
