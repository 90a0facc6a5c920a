"""Where the printed report's pages break.

Qt breaks a document where its page ends: a heading may be left alone at a page's foot, and a table is cut
wherever its page ends, inside a merged row group or through a row whose label runs over two lines. So the
document is built for a :class:`Plan` (the headings that start a new page; the rows of a table that go on
the next page, as a table of their own under its header rows again, as Word repeats them), looked at, and
built again for a better plan until nothing is left to move:

* a heading stays with what follows: the first line of its paragraph, or a table's header rows and first
  row block; else the heading starts the next page (with the headings right above it);
* a table that runs past the page's foot goes on on the next page before its first row block that does not
  fit: never inside a merge or a row, never right after a header row (see ``layout._breaks``).

A block taller than a whole page is left to Qt, which cuts it (``render`` draws the rule at the cut).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, NamedTuple, Set, Tuple

from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable

MAX_PASSES = 40  # each pass settles one break; a report has a few dozen headings at most


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
    breaks: List[int]  # the layout's rows before which a page may break


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
            fitting = None
            for local in _local_breaks(mark):
                if _rows_bottom(document, mark, local) + below > foot:
                    break
                fitting = local
            if fitting is not None:
                rows = plan.splits.setdefault(mark.table_id, [])
                rows.append(mark.rows[fitting])
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


def _local_breaks(piece: PieceMark) -> List[int]:
    """The piece's rows (its own indexes) before which it may break, after its repeated headers and first block."""
    return [local for local, row in enumerate(piece.rows) if local > piece.repeated and row in piece.breaks]


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
    pushed a line or a row of them onto the next page."""
    layout = document.documentLayout()
    table = piece.table
    lowest = layout.frameBoundingRect(table).top()
    for row in range(end):
        for col in range(table.columns()):
            cell = table.cellAt(row, col)
            if cell.row() != row or cell.column() != col:
                continue
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
