"""Make text copied out of our PDFs read as it was written: 工作, not ⼯作.

CJK fonts draw several code points with one glyph (Noto CJK: 工 and the
Kangxi radical ⼯, 户 and 戶, ／ and ∕ …). Qt's PDF writer maps each glyph
back to the lowest code point that uses it, so copied or searched text
comes out with look-alikes. Clerks paste report text into websites, so the
ToUnicode maps are corrected: a target that was not printed becomes the
printed character drawn with the same glyph (``resolve``, see pdf.py).
Each code keeps its four hex digits, so no offset in the file moves (Qt
writes these maps uncompressed).
"""

from __future__ import annotations

import re
from typing import Callable, Dict, Optional

_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_SECTION = re.compile(rb"(begin(bfrange|bfchar)\n)(.*?)(\nend\2)", re.S)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")

Resolver = Callable[[str], Optional[str]]  # a target character -> the printed one it stands for, or None


def remap_targets(pdf: bytes, resolve: Resolver) -> bytes:
    """The PDF with every ToUnicode target replaced by what ``resolve`` says was printed."""
    cache: Dict[bytes, bytes] = {}

    def target(match: re.Match) -> bytes:
        code = match.group(0)
        if code not in cache:
            better = resolve(chr(int(match.group(1), 16)))
            ok = better is not None and len(better) == 1 and ord(better) <= 0xFFFF
            cache[code] = b"<%04X>" % ord(better) if ok else code
        return cache[code]

    def fix_line(line: bytes, kind: bytes) -> bytes:
        # bfrange: <first> <last> [<target> …] or <first> <last> <target>; bfchar: <code> <target>
        sources = 2 if kind == b"bfrange" else 1
        codes = list(_CODE.finditer(line))
        if len(codes) <= sources:
            return line
        if kind == b"bfrange" and b"[" not in line and codes[0].group(1) != codes[1].group(1):
            return line  # a run of consecutive targets: rewriting its start would shift the whole run
        split = codes[sources].start()
        return line[:split] + _CODE.sub(target, line[split:])

    def fix_section(match: re.Match) -> bytes:
        body = b"\n".join(fix_line(line, match.group(2)) for line in match.group(3).split(b"\n"))
        return match.group(1) + body + match.group(4)

    return _CMAP.sub(lambda cmap: _SECTION.sub(fix_section, cmap.group(0)), pdf)
