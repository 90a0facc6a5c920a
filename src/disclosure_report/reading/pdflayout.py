"""A PDF page's characters and rules into tables and lines (the geometry; PDFium is in pdf.py).

Rules that touch form a table; the distinct rule positions give its grid, a missing rule
between two grid cells a merge, and each character goes to the cell its centre lies in.
Characters on one baseline make a line. Characters are plain tuples (see ``Char``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress
from operator import itemgetter
from typing import Dict, List, Optional, Sequence, Tuple

from disclosure_report.reading.grid import Grid

_TOLERANCE = 2.0  # rule positions closer than this are one grid line

# One character: (text, x0, x1, y, height), y its centre. Plain tuples, made by zip() in C:
# a page has a few thousand, and an object per character would cost more than PDFium's own work.
Char = Tuple[str, float, float, float, float]
_BY_X0 = itemgetter(1)
BY_Y = itemgetter(3)


class Table:
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

    @staticmethod
    def _spans(lines: List[float], segments, descending: bool = False) -> Dict[int, List[Tuple[float, float]]]:
        """The rules on each grid line (the nearest, if within the tolerance): index -> their (start, end)."""
        found: Dict[int, List[Tuple[float, float]]] = {}
        keys = [-line for line in lines] if descending else lines
        for _, at, start, end in segments:
            j = bisect_left(keys, -at if descending else at)
            i = min((k for k in (j - 1, j) if 0 <= k < len(lines)), key=lambda k: abs(lines[k] - at))
            if abs(lines[i] - at) <= _TOLERANCE:
                found.setdefault(i, []).append((start - _TOLERANCE, end + _TOLERANCE))
        return found

    def grid(self, chars: List[Char], make_cell) -> Grid:
        xs, ys = self.xs, self.ys
        rows, cols = len(ys) - 1, len(xs) - 1
        owner = [[(r, c) for c in range(cols)] for r in range(rows)]  # the merged cell's top-left
        vertical, horizontal = self._spans(xs, self.v), self._spans(ys, self.h, descending=True)
        # which grid cells each rule borders: a vertical rule the rows whose middle it spans, a horizontal one the columns
        middles_x = [(xs[c] + xs[c + 1]) / 2 for c in range(cols)]
        upward = [-(ys[r] + ys[r + 1]) / 2 for r in range(rows)]  # the rows' middles, negated: ascending
        ruled_left = [_marked(rows, vertical.get(c, ()), lambda start, end: (bisect_left(upward, -end),
                                                                              bisect_right(upward, -start)))
                      for c in range(cols)]
        ruled_above = [_marked(cols, horizontal.get(r, ()), lambda start, end: (bisect_left(middles_x, start),
                                                                                bisect_right(middles_x, end)))
                       for r in range(rows)]
        for r in range(rows):
            left_of, above = owner[r], ruled_above[r]
            for c in range(cols):
                if c > 0 and not ruled_left[c][r]:
                    left_of[c] = left_of[c - 1]  # no rule between this cell and the one left of it
                elif r > 0 and not above[c]:
                    left_of[c] = owner[r - 1][c]
        texts: Dict[Tuple[int, int], List[Char]] = {}
        descending = [-y for y in ys]
        for ch in chars:
            c = bisect_right(xs, (ch[1] + ch[2]) / 2) - 1
            r = bisect_right(descending, -ch[3]) - 1
            if 0 <= r < rows and 0 <= c < cols:
                texts.setdefault(owner[r][c], []).append(ch)
        grid = []
        for r in range(rows):
            row = []
            line_owner = owner[r]
            c = 0
            while c < cols:
                anchor = line_owner[c]
                span = 1
                while c + span < cols and line_owner[c + span] == anchor:
                    span += 1
                if anchor[0] == r:
                    inside = texts.get(anchor)
                    if not inside:
                        text = ""
                    elif len(inside) == 1:  # most cells: one digit
                        text = inside[0][0]
                    else:
                        text = "\n".join([line_text(ln) for ln in lines_of(inside)])
                    row.append(make_cell(c, span, text))
                else:
                    row.append(make_cell(c, span, "", True))
                c += span
            grid.append(row)
        return grid


def _marked(count: int, spans, indices) -> List[bool]:
    """Which of ``count`` cells the spans reach: ``indices(start, end)`` gives the slice of cells one spans."""
    marked = [False] * count
    for start, end in spans:
        low, high = indices(start, end)
        marked[low:high] = [True] * max(0, high - low)
    return marked


def _positions(values: List[float]) -> List[float]:
    """Distinct grid lines: values within the tolerance of each other are one."""
    lines: List[float] = []
    for value in sorted(values):
        if not lines or value - lines[-1] > _TOLERANCE:
            lines.append(value)
    return lines


def tables(segments) -> List[Table]:
    """Rules that touch each other, as tables of at least two columns."""
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vertical = sorted((s[1], j, s[2] - _TOLERANCE, s[3] + _TOLERANCE) for j, s in enumerate(segments) if s[0] == "v")
    at = [v[0] for v in vertical]  # by x
    for i, (kind, y, x0, x1) in enumerate(segments):
        if kind != "h":
            continue
        root = find(i)
        for _, j, low, high in vertical[bisect_left(at, x0 - _TOLERANCE):bisect_right(at, x1 + _TOLERANCE)]:
            if low <= y <= high and parent[j] != root:
                parent[find(j)] = root
    groups: Dict[int, list] = {}
    for i, segment in enumerate(segments):
        groups.setdefault(find(i), []).append(segment)
    tables = [Table(group) for group in groups.values()]
    return [t for t in tables if t.is_table]


def split(chars: List[Char], bounds: List[Tuple[float, float, float, float]]):
    """The characters inside each table's bounds (the first that holds them), and those outside all.

    ``chars`` are top first: each table's rows are one slice of them.
    """
    if not bounds:
        return [], chars
    keys = [-ch[3] for ch in chars]
    outside = [True] * len(chars)
    inside: List[List[Char]] = []
    for x0, y0, x1, y1 in bounds:
        found = []
        for i in range(bisect_left(keys, -y1), bisect_right(keys, -y0)):
            ch = chars[i]
            if outside[i] and x0 <= (ch[1] + ch[2]) / 2 <= x1:
                found.append(ch)
                outside[i] = False
        inside.append(found)
    return inside, list(compress(chars, outside))


def lines_of(chars: List[Char]) -> List[List[Char]]:
    """Characters on one baseline, left to right; lines top to bottom."""
    lines: List[List[Char]] = []
    line: List[Char] = []
    top = height = 0.0
    for ch in sorted(chars, key=BY_Y, reverse=True):
        y, h = ch[3], ch[4]
        if line and top - y < 0.45 * (h if h > height else height):
            line.append(ch)
        else:
            line = [ch]
            lines.append(line)
            top, height = y, max(h, 1.0)
    for line in lines:
        line.sort(key=_BY_X0)
    return lines


def line_text(line: List[Char]) -> str:
    parts = []
    previous_x1: Optional[float] = None
    for text, x0, x1, _, height in line:
        if previous_x1 is not None and x0 - previous_x1 > 1.5 * (height if height > 1.0 else 1.0):
            parts.append(" ")  # a wide gap, as between 第二十条 and 第（一）项
        parts.append(text)
        previous_x1 = x1
    return "".join(parts)
