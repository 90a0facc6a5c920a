"""Read a published report from a saved web page (.html/.htm, UTF-8, GBK or GB18030) or .mhtml.

A page saved from a government site holds the whole site around the
report: navigation, a box of 索引号/发布机构, sidebars, the footer. The
report is the smallest element that holds its section headings; its title
is the nearest title-like line before it (the page's ``<h1>``), else the
page's ``<title>`` without the site name. Tables are ``<table>``s with
colspan/rowspan placed on a grid (a cell under a rowspan is a continued
cell, as Word's vMerge); a table holding tables is layout, not data.

Only the standard library: ``html.parser`` for the page, ``email`` for
MHTML. The page is bounded before parsing (file size) and while parsing
(elements, nesting, text).
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

from disclosure_report.errors import ReportFileError
from disclosure_report.model import Report
from disclosure_report.oserror import os_reason
from disclosure_report.reading.grid import Grid, cell

MAX_FILE_BYTES = 64 * 1024 * 1024  # an .mhtml carries the page's pictures
MAX_HTML_CHARS = 8 * 1024 * 1024
MAX_ELEMENTS = 300_000
MAX_DEPTH = 200
MAX_SPAN = 100

_SKIP = {"script", "style", "head", "title", "noscript", "template", "iframe", "svg", "select", "button",
         "textarea", "object", "map"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
          "footer", "main", "aside", "nav", "table", "tr", "td", "th", "blockquote", "pre", "dl", "dt", "dd",
          "center", "form", "fieldset", "address", "figure", "figcaption", "caption", "tbody", "thead", "tfoot",
          "br", "hr", "body", "html"}
# an open <p>, <li>, <td> … ends where its next sibling begins
_CLOSES = {"p": {"p"}, "li": {"li"}, "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "tr": {"tr"},
           "dt": {"dt", "dd"}, "dd": {"dt", "dd"}}
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"\s*[-_|｜—–－].*$")
# Inline formatting carries no structure; Word-made pages wrap every few characters in it, and
# dropping it before parsing halves the parse. [^<>]* keeps the scan linear on any input.
_INLINE = re.compile(r"</?(?:span|font|o:p|b|strong|i|em|u|a|sup|sub|small|big|st1:[\w-]+)(?:\s[^<>]*)?/?>",
                     re.IGNORECASE)


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: Dict[str, str], parent: Optional[_Node]):
        self.children: List[Any] = []  # _Node or text
        self.tag, self.attrs, self.parent = tag, attrs, parent


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]
        self.elements = 0
        self.page_title: List[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise ReportFileError(f"网页有超过 {MAX_ELEMENTS} 个元素，远超正常的年度报告，已拒绝读取")
        closing = True
        while closing:  # a new <tr> ends the open <td> and then the open <tr>
            closing = False
            for opener, closed_by in _CLOSES.items():
                if tag in closed_by and opener in (n.tag for n in self.stack[-3:]):
                    while self.stack[-1].tag != opener:
                        self.stack.pop()
                    self.stack.pop()
                    closing = True
                    break
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if self.stack[-1].tag == "title":
            self.page_title.append(data)
        self.stack[-1].children.append(data)


def read_report(path: Union[str, Path]) -> Report:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportFileError(f"文件有 {size // 1048576} MB，远超正常的网页，已拒绝读取；请确认文件来源")
        raw = path.read_bytes()
    except OSError as e:
        raise ReportFileError(f"无法读取 {path}：{os_reason(e)}") from None
    try:
        html = _mhtml_page(raw) if path.suffix.lower() in (".mhtml", ".mht") else decode(raw)
        return report_from_html(html)
    except ReportFileError as e:
        raise ReportFileError(f"{path.name}：{e}") from None


def report_from_html(html: str) -> Report:
    from disclosure_report.reading.document import report_from_blocks

    if len(html) > MAX_HTML_CHARS:
        raise ReportFileError(f"网页有 {len(html) // 1048576} M 个字符，远超正常的年度报告，已拒绝读取")
    builder = _TreeBuilder()
    builder.feed(_INLINE.sub("", html))
    builder.close()
    blocks = _article(builder)
    if not any(kind == "table" for kind, _, _ in blocks) and not any(text for kind, text, _ in blocks):
        raise ReportFileError("网页中没有正文文字，无法读取；若报告是网页上的图片或附件，请下载附件（Word/PDF）后导入")
    return report_from_blocks([(kind, content) for kind, content, _ in blocks])


def tables_in_html(html: str) -> List[Grid]:
    """The data tables of an HTML fragment (a block copied from a browser), as grids."""
    if len(html) > MAX_HTML_CHARS:
        return []
    builder = _TreeBuilder()
    try:
        builder.feed(_INLINE.sub("", html))
        builder.close()
    except ReportFileError:
        return []
    return [content for kind, content, _ in _blocks(builder.root) if kind == "table"]


def decode(raw: bytes) -> str:
    """The page's text: by its byte-order mark, its ``<meta charset>``, else UTF-8, else GB18030."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    declared = _CHARSET.search(raw[:8192])
    candidates = []
    if declared:
        name = declared.group(1).decode("ascii").lower()
        candidates.append("gb18030" if name in ("gbk", "gb2312", "gb18030", "x-gbk", "cp936") else name)
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("gb18030", errors="replace")


def _mhtml_page(raw: bytes) -> str:
    """The first text/html part of a “网页，单个文件”, decoded by its own charset."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):  # decode=True gives the bytes of a leaf part
                payload = b""
            charset = part.get_content_charset()
            if charset:
                try:
                    return payload.decode("gb18030" if charset.lower() in ("gbk", "gb2312") else charset)
                except (UnicodeDecodeError, LookupError):
                    pass
            return decode(payload)
    raise ReportFileError("这个 .mhtml 文件中没有网页内容；请在浏览器中重新“另存为 网页，单个文件”或“网页，全部”")


# ---- the page as blocks ----

Located = Tuple[str, Any, Tuple[int, ...]]  # kind, content (text for "p", a Grid for "table"), ids of the enclosing elements


def _blocks(root: _Node) -> List[Located]:
    blocks: List[Located] = []
    line: List[str] = []
    path: List[int] = []

    def flush() -> None:
        text = " ".join("".join(line).split())
        if text:
            blocks.append(("p", text, tuple(path)))
        line.clear()

    def walk(node: _Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                line.append(child)
                continue
            if child.tag in _SKIP:
                continue
            if child.tag == "br":
                flush()
                continue
            if child.tag == "table" and not _find(child, "table"):
                flush()
                blocks.append(("table", _grid(child), tuple(path) + (id(child),)))
                continue
            block = child.tag in _BLOCK
            if block:
                flush()
            path.append(id(child))
            walk(child)
            path.pop()
            if block:
                flush()

    walk(root)
    flush()
    return blocks


def _find(node: _Node, tag: str) -> bool:
    return any(isinstance(c, _Node) and (c.tag == tag or _find(c, tag)) for c in node.children)


def _text(node: _Node) -> str:
    return "\n".join(content for kind, content, _ in _blocks(node) if kind == "p")


def _rows(table: _Node) -> List[_Node]:
    rows = []
    for child in table.children:
        if isinstance(child, _Node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows += [c for c in child.children if isinstance(c, _Node) and c.tag == "tr"]
    return rows


def _span(node: _Node, name: str) -> int:
    value = node.attrs.get(name, "1").strip().strip('"')
    return max(1, min(MAX_SPAN, int(value))) if value.isdigit() else 1


def _grid(table: _Node) -> Grid:
    grid: Grid = []
    carried: Dict[int, Tuple[int, int]] = {}  # column -> (rows still covered, width) of a rowspan above
    for tr in _rows(table):
        above, carried = carried, {}
        cells = [c for c in tr.children if isinstance(c, _Node) and c.tag in ("td", "th")]
        row = []
        col = 0
        while cells or above:
            if col in above:  # under a rowspan: a continued cell, as Word's vMerge
                rows_left, width = above.pop(col)
                row.append(cell(col, width, "", continued=True))
                if rows_left > 1:
                    carried[col] = (rows_left - 1, width)
                col += width
            elif cells:
                td = cells.pop(0)
                width, height = _span(td, "colspan"), _span(td, "rowspan")
                row.append(cell(col, width, _text(td)))
                if height > 1:
                    carried[col] = (height - 1, width)
                col += width
            else:
                col = min(above)  # rowspans right of the row's last cell
        grid.append(row)
    return grid


def _article(builder: _TreeBuilder) -> List[Located]:
    """The report's blocks inside the whole page, its title first."""
    from disclosure_report.format import load_format
    from disclosure_report.reading.document import heading_of, parse_title, title_text

    blocks = _blocks(builder.root)
    sections = load_format().sections
    headings = [b for b in blocks if b[0] == "p" and len(b[1]) < 60 and heading_of(b[1], sections)]
    if len(headings) < 2:
        return blocks
    common = list(headings[0][2])
    for _, _, path in headings[1:]:
        while common and tuple(path[:len(common)]) != tuple(common):
            common.pop()
    inside = [i for i, b in enumerate(blocks) if tuple(b[2][:len(common)]) == tuple(common)]
    first = inside[0] if inside else 0
    article = [blocks[i] for i in inside]
    if any(kind == "p" and parse_title(title_text(text)) for kind, text, _ in article[:3]):
        return article
    for kind, text, path in reversed(blocks[max(0, first - 40):first]):
        if kind == "p" and parse_title(title_text(text)):
            return [("p", text, path)] + article
    page_title = _SITE_SUFFIX.sub("", " ".join("".join(builder.page_title).split()))
    return [("p", page_title, ())] + article if page_title else article
