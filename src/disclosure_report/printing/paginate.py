"""Where the printed report's pages break.

Qt breaks a document where its page ends: a heading may be left alone at a page's foot, and a table is cut
wherever its page ends, inside a merged row group or through a row whose label runs over two lines. So the
document is built for a :class:`Plan` (the headings that start a new page; the rows of a table that go on
the next page, as a table of their own under its header rows again, as Word repeats them), looked at, and
built again for a better plan until nothing is left to move:

* a heading stays with what follows: the first line of its paragraph, or a table's header rows and the rows
  before its first break; else the heading starts the next page (with the headings right above it);
* a table that runs past the page's foot goes on on the next page between two rows, never through a row or
  right after a header row, with at least ``keep`` rows on either side (see ``layout._breaks``). Of the
  breaks that fit, the one cutting the fewest merged row groups (between 表三's 一、…四、, then between the
  sub-groups of 三、本年度办理结果, then between their rows) among those leaving at most ``FILL_SLACK`` of
  the page empty; the continuation prints the labels of the groups it cuts again.

A block taller than a whole page is left to Qt, which cuts it (``render`` draws the rule at the cut).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, NamedTuple, Set, Tuple

from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable

MAX_PASSES = 40  # each pass settles one break; a report has a few dozen headings at most
FILL_SLACK = 0.25  # of a page: a break that cuts fewer merges is taken if it leaves no more than this empty


@dataclass
class Plan:
    moved: Set[int] = field(default_factory=set)  # the headings (counted from 0) that start a new page
    splits: Dict[str, List[int]] = field(default_factory=dict)  # table id -> rows that start the next page


class HeadingMark(NamedTuple):
    ordinal: int
    position: int  # of its block
    moved: bool


class PieceMark(NamedTuple):
    table_id: str
    table: QTextTable
    rows: List[int]  # the layout's rows this piece prints, its repeated header rows first
    repeated: int  # how many of them
    breaks: Dict[int, int]  # the layout's rows before which a page may break -> how many merges the break cuts
    head: int  # the table's header rows (a continuation repeats them)
    keep: int  # the fewest rows under the header rows on either side of a break


def paginate(build: Callable[[Plan], Tuple[QTextDocument, list]]) -> QTextDocument:
    plan = Plan()
    document, marks = build(plan)
    for _ in range(MAX_PASSES):
        if not _improve(document, marks, plan):
            break
        document, marks = build(plan)
    return document


def _improve(document: QTextDocument, marks: list, plan: Plan) -> bool:
    """Settle the first break that is wrong, in document order (a change moves only what follows it)."""
    layout = document.documentLayout()
    height = document.pageSize().height()

    def page(y: float) -> int:
        return int(y // height)

    for index, mark in enumerate(marks):
        if isinstance(mark, HeadingMark):
            if mark.moved:
                continue
            block = document.findBlock(mark.position)
            following = block.next()
            if not following.isValid():
                continue
            after = marks[index + 1] if index + 1 < len(marks) else None
            if isinstance(after, PieceMark) and QTextCursor(following).currentTable() == after.table:
                end = _rows_bottom(document, after, _first_block_end(after)) + _rules_below(document, after)
            else:
                end = _first_line_bottom(layout, following)
            if page(end) != page(layout.blockBoundingRect(block).top()):
                plan.moved.add(_first_of_run(document, marks, index))
                return True
        else:
            first = page(layout.frameBoundingRect(mark.table).top())
            below = _rules_below(document, mark)
            if page(_rows_bottom(document, mark, len(mark.rows)) + below) == first:
                continue
            foot = (first + 1) * height
            fitting = []  # (break, its rows' lowest text)
            for local in _local_breaks(mark):
                bottom = _rows_bottom(document, mark, local) + below
                if bottom > foot:
                    break
                fitting.append((local, bottom))
            if fitting:
                rows = plan.splits.setdefault(mark.table_id, [])
                rows.append(mark.rows[_best_break(mark, fitting, foot - FILL_SLACK * height)])
                rows.sort()
                return True
    return False


def _first_of_run(document: QTextDocument, marks: list, index: int) -> int:
    """The heading to move: the first of the headings right above one another that end with this one."""
    while index > 0 and isinstance(marks[index - 1], HeadingMark) and not marks[index - 1].moved:
        above = document.findBlock(marks[index - 1].position)
        if above.next().position() != marks[index].position:
            break
        index -= 1
    return marks[index].ordinal


def _best_break(piece: PieceMark, fitting: List[Tuple[int, float]], fill: float) -> int:
    """Of the breaks that fit, the one that cuts the fewest merges among those that fill the page down to
    ``fill`` (the lowest of them); the lowest break if none does."""
    full = [(piece.breaks[piece.rows[local]], -bottom, local) for local, bottom in fitting if bottom >= fill]
    return min(full)[2] if full else fitting[-1][0]


def _local_breaks(piece: PieceMark) -> List[int]:
    """The piece's rows (its own indexes) before which it may break: after its repeated headers and first
    block, with ``keep`` rows on either side."""
    own = [local for local, row in enumerate(piece.rows) if local >= piece.repeated and row >= piece.head]
    return [local for at, local in enumerate(own)
            if at >= max(1, piece.keep) and len(own) - at >= piece.keep and piece.rows[local] in piece.breaks]


def _first_block_end(piece: PieceMark) -> int:
    breaks = _local_breaks(piece)
    return breaks[0] if breaks else len(piece.rows)


def _rules_below(document: QTextDocument, piece: PieceMark) -> float:
    """From a row's lowest text to the table's lower edge: the cell's padding and the rules (Qt lets a row
    whose text fits stand on a page with its bottom rule past the foot)."""
    fmt = piece.table.format()
    scale = document.documentLayout().paintDevice().logicalDpiY() / 96
    return scale * (2 * fmt.cellPadding() + 3 * fmt.border())


def _rows_bottom(document: QTextDocument, piece: PieceMark, end: int) -> float:
    """The lowest text of the piece's rows before ``end`` (its own indexes): past the page's foot when Qt
    pushed a line or a row of them onto the next page. A merged cell that goes on past ``end`` is left out."""
    layout = document.documentLayout()
    table = piece.table
    lowest = layout.frameBoundingRect(table).top()
    for row in range(end):
        for col in range(table.columns()):
            cell = table.cellAt(row, col)
            if cell.row() != row or cell.column() != col or row + cell.rowSpan() > end:
                continue  # a group the break would cut is drawn in its rows above the break (its label middled)
            block = document.findBlock(cell.firstPosition())
            while block.isValid() and block.position() <= cell.lastPosition():
                lowest = max(lowest, layout.blockBoundingRect(block).bottom())
                block = block.next()
    return lowest


def _first_line_bottom(layout, block) -> float:
    """Where a paragraph's first line ends: a line that does not fit is pushed to the next page
    while the block's rectangle still starts on this one."""
    lines = block.layout()
    rect = layout.blockBoundingRect(block)
    if lines is None or lines.lineCount() == 0:
        return rect.top()
    return rect.top() + lines.lineAt(0).y() + lines.lineAt(0).height() - 1
