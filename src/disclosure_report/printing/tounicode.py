"""Make text copied out of our PDFs read 工作, not ⼯作.

CJK fonts (Noto CJK among them) draw a Kangxi radical and its ideograph
with one glyph; Qt's PDF writer maps each glyph back to the lowest code
point that uses it, so 工 (U+5DE5) comes out as ⼯ (U+2F2F) when text is
copied or searched. Clerks paste report text into websites, so the
ToUnicode maps are corrected here: every radical target becomes its NFKC
ideograph. Each code keeps its four hex digits, so no offset in the file
moves (Qt writes these maps uncompressed).
"""

from __future__ import annotations

import re
import unicodedata

_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_SECTION = re.compile(rb"(begin(bfrange|bfchar)\n)(.*?)(\nend\2)", re.S)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")
_RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
# Kangxi radicals unify by NFKC; the supplement's simplified forms do not, so they
# are listed (from Unicode's EquivalentUnifiedIdeograph.txt, those that occur as characters),
# with ⼾, whose NFKC is the traditional 戶 where simplified text means 户
_SIMPLIFIED = dict(zip("⺟⺠⺩⺬⺳⺷⻁⻄⻅⻆⻉⻋⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳⼾",
                       "母民王示网羊虎西见角贝车长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟户"))


def _ideograph(match: re.Match) -> bytes:
    code = int(match.group(1), 16)
    if code in _RADICALS:
        radical = chr(code)
        unified = _SIMPLIFIED.get(radical) or unicodedata.normalize("NFKC", radical)
        if len(unified) == 1 and ord(unified) <= 0xFFFF and ord(unified) not in _RADICALS:
            return b"<%04X>" % ord(unified)
    return match.group(0)


def _fix_line(line: bytes, kind: bytes) -> bytes:
    # bfrange: <first> <last> [<dst> …] or <first> <last> <dst>; bfchar: <code> <dst>
    sources = 2 if kind == b"bfrange" else 1
    codes = list(_CODE.finditer(line))
    if len(codes) <= sources:
        return line
    if kind == b"bfrange" and b"[" not in line and codes[0].group(1) != codes[1].group(1):
        return line  # a run of consecutive targets: rewriting its start would shift the whole run
    split = codes[sources].start()
    return line[:split] + _CODE.sub(_ideograph, line[split:])


def _fix_section(match: re.Match) -> bytes:
    body = b"\n".join(_fix_line(line, match.group(2)) for line in match.group(3).split(b"\n"))
    return match.group(1) + body + match.group(4)


def unify_radicals(pdf: bytes) -> bytes:
    return _CMAP.sub(lambda cmap: _SECTION.sub(_fix_section, cmap.group(0)), pdf)
