"""Find the three tables' values in a document's tables by their labels, never by position.

Every reader (Word, PDF, web page) hands over its tables as grids of cell
texts (:class:`GridCell`); this module is the one place that knows how
offices lay the tables out and how much to tolerate. Offices produce the tables in many shapes: split in two across a page,
preceded by other tables, with extra empty rows or columns, labels broken
over lines or spaced out (``商业\\n企业``, ``商 业 企 业``), stray characters
(``0三、本年度办理结果``), full-width digits, ``/ — 无`` for nothing. So:

* every label is reduced to a key (NFKC, no whitespace, no enumerator such
  as 一、 （一） 1. , no bracketed remark, no punctuation);
* a header row (column labels) tells which grid column holds which column,
  and stays in force for a continuation table of the same width;
* a data row is named by its rightmost label; its value cells go to the
  columns of the header above them;
* what cannot be placed is an error naming the row and column, never a
  value shifted into a neighbouring cell;
* a number printed with a note (``22（其中修订16件）``) gives the number,
  and the note is kept for the clerk (:attr:`TablesRead.notes`);
* （六）其他处理 printed as one row, as the 2019 layout had it, leaves its
  three rows blank and is named (``format.outdated``), the rest is read.

All labels and merges come from the format definition.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Dict, List, Optional, Set, Tuple

from disclosure_report.errors import ReportFileError
from disclosure_report.format import ReportFormat, load_format
from disclosure_report.numbers import InvalidNumber, Value, as_kind, parse_number
from disclosure_report.quotation import nested
from disclosure_report.reading import outdated

_STRAY = re.compile(r"^[\W\d_]+")
_ENUMERATOR = re.compile(r"^[一二三四五六七八九十]+[、.)]")
_BRACKETED = re.compile(r"\([^()]*\)")
_PUNCTUATION = re.compile(r"[\W_]+")


def label_key(text: str) -> str:
    """``（二）部分公开（区分处理的…）`` and ``0 (二) 部分\\n公开`` both give ``部分公开``."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    text = _STRAY.sub("", text)
    text = _ENUMERATOR.sub("", text)
    text = _BRACKETED.sub("", text)
    return _PUNCTUATION.sub("", text)


@dataclass
class GridCell:
    col: int
    span: int
    text: str
    key: str
    continued: bool  # covered by a vertical merge: its content is the cell above


@dataclass
class _Keys:
    """The format's labels as keys: which table, row, column or group each names."""

    rows: Dict[str, Tuple[str, str]]  # key -> (table id, row id)
    columns: Dict[str, Dict[str, str]]  # table id -> key -> column id
    groups: Dict[str, Dict[str, str]]  # table id -> key -> row id (rows named by a header group)


# Older wordings of a row label that published 2021-layout reports still print.
_ALIASES = {"行政规范性文件": ("规范性文件",)}


@cache
def _keys() -> _Keys:
    fmt = load_format()
    rows, columns, groups = {}, {}, {}
    for table in fmt.tables.values():
        labels = {c.text for row in table.layout for c in row if c.role == "label"}
        headers = {c.text for row in table.layout for c in row if c.role == "header"}
        for row in table.rows:
            if row.label in labels:
                rows[label_key(row.label)] = (table.id, row.id)
                for alias in _ALIASES.get(row.label, ()):
                    rows[label_key(alias)] = (table.id, row.id)
        columns[table.id] = {label_key(c.label): c.id for c in table.columns.values() if c.label in headers}
        row_ids = {r.id for r in table.rows}
        groups[table.id] = {label_key(label): gid for gid, label in table.groups.items()
                            if gid in row_ids and label in headers}
    return _Keys(rows, columns, groups)


def cell(col: int, span: int, text: str, continued: bool = False) -> GridCell:
    return GridCell(col, span, text, label_key(text), continued)


def cell_maker() -> Callable[..., GridCell]:
    """``cell`` for one document: each distinct text's key worked out once (most cells hold 0)."""
    keys: Dict[str, str] = {}

    def make(col: int, span: int, text: str, continued: bool = False) -> GridCell:
        key = keys.get(text)
        if key is None:
            key = keys[text] = label_key(text)
        return GridCell(col, span, text, key, continued)

    return make


Grid = List[List[GridCell]]  # one document table: its rows, each the cells on the grid


@dataclass
class TablesRead:
    values: Dict[str, Value]
    notes: Dict[str, str]  # cell path (or ``applications.other``) -> the text as printed


@dataclass
class _Header:
    """Which grid column holds which column (and, for 表四, which row group)."""

    doc_table: int
    width: int
    columns: Dict[int, str] = field(default_factory=dict)
    groups: Dict[int, str] = field(default_factory=dict)


class _Number:
    """A cell's text parsed once: a value, or why it is not a number; and a note printed beside it."""

    __slots__ = ("value", "problem", "note")

    def __init__(self, text: str):
        self.note = None
        try:
            self.value, self.problem = parse_number(text), None
        except InvalidNumber as e:
            self.value, self.problem = None, str(e)
            noted = _NOTED.match(unicodedata.normalize("NFKC", text))
            if noted:
                try:
                    value = parse_number(noted.group("number"))
                except InvalidNumber:
                    return
                if value is not None:
                    self.value, self.problem, self.note = value, None, " ".join(text.split())


# ``22（其中修订16件）``, ``55（含自然失效29件）``: a number, then a remark in words in brackets
_NOTED = re.compile(r"^\s*(?P<number>[^()]+?)\s*\((?P<note>[^()]*[\u3400-\u9fff][^()]*)\)\s*$")


def grid_limits(fmt: ReportFormat) -> Tuple[int, int]:
    """Columns and rows a document table may have: several times the format's widest and longest
    table (offices add empty columns and rows), so that a crafted span cannot make the work unbounded."""
    tables = fmt.tables.values()
    return 4 * max(t.grid_columns for t in tables), 20 * max(len(t.layout) for t in tables)


def _check_size(grids: List[Grid], fmt: ReportFormat) -> None:
    max_columns, max_rows = grid_limits(fmt)
    for number, rows in enumerate(grids, 1):
        if len(rows) > max_rows:
            raise ReportFileError(f"文档的第 {number} 个表格超过 {max_rows} 行，远超标准表格，无法可靠读取；"
                                  f"请删去多余的行后再导入")
        for row_number, cells in enumerate(rows, 1):
            if any(c.col + c.span > max_columns for c in cells):
                raise ReportFileError(f"文档的第 {number} 个表格第 {row_number} 行超过 {max_columns} 列"
                                      f"（合并或单元格过多），远超标准表格，无法可靠读取；请检查该表格后再导入")


def read_grids(grids: List[Grid], fmt: Optional[ReportFormat] = None) -> TablesRead:
    """Every cell path of the format -> its value, from the document's tables as grids."""
    fmt = fmt or load_format()
    _check_size(grids, fmt)
    keys = _keys()
    reader = _Reader(fmt, keys)
    evidence = outdated.evidence(grids, keys.rows)
    if set(evidence) - {outdated.SINGLE_ROW}:
        raise ReportFileError(outdated.message(evidence))
    for index, rows in enumerate(grids):
        reader.read_table(index, rows)
    return TablesRead(reader.finish(), reader.notes)


def labelled_values(grids: List[Grid]) -> Dict[str, Value]:
    """The cells a pasted block names by its row and column labels; {} when it names none or
    cannot be placed for certain (a block is partial: no table need be complete)."""
    fmt = load_format()
    reader = _Reader(fmt, _keys())
    try:
        for index, rows in enumerate(grids):
            reader.previous_present = set(fmt.tables)  # a block is a part of a table: one row name is enough
            reader.read_table(index, rows)
    except ReportFileError:
        return {}
    return reader.values


def text_grid(text: str) -> Grid:
    """Tab-separated lines (as Excel, WPS and browsers put a table as text) as a grid."""
    return [[cell(col, 1, token) for col, token in enumerate(line.split("\t"))]
            for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


class _Reader:
    def __init__(self, fmt: ReportFormat, keys: _Keys):
        self.fmt = fmt
        self.keys = keys
        self.headers: Dict[str, _Header] = {}
        self.values: Dict[str, Value] = {}
        self.previous_present: Set[str] = set()  # the format tables the previous document table held
        self.notes: Dict[str, str] = {}
        self._numbers: Dict[str, _Number] = {}  # each distinct cell text parsed once (most cells hold 0)

    def number(self, text: str) -> _Number:
        number = self._numbers.get(text)
        if number is None:
            number = self._numbers[text] = _Number(text)
        return number

    # ---- one document table ----

    def read_table(self, index: int, rows: List[List[GridCell]]) -> None:
        width = max((c.col + c.span for row in rows for c in row), default=0)
        actions: List[tuple] = []  # (kind, table id, cells, numbers, row id, label position)
        last_header: Optional[str] = None
        for cells in rows:
            numbers = [self.number(c.text) for c in cells]
            if outdated.single_other_row(cells, self.keys.rows):
                actions.append(("outdated", "applications", cells, numbers, None, None))
                continue
            header_table = self._header_table(cells, numbers, minimum=2)
            label_at, worded = (None, False) if header_table else self._label_index(cells)
            if label_at is not None:
                table_id, row_id = self.keys.rows[cells[label_at].key]
                # words among the values: read only as a row of a table found by its other rows (their cell is
                # then refused as not a number); alone it does not make a table ours (a list that names 行政许可)
                actions.append(("worded row" if worded else "row", table_id, cells, numbers, row_id, label_at))
                continue
            header_table = header_table or self._header_table(cells, numbers, minimum=1)
            if header_table:
                actions.append(("header", header_table, cells, numbers, None, None))
                last_header = header_table
            elif all(n.problem is None for n in numbers) and last_header and self.keys.groups[last_header]:
                actions.append(("grouped", last_header, cells, numbers, None, None))
            elif any(n.value is not None for n in numbers):
                actions.append(("unknown", None, cells, numbers, None, None))
        present = self._present(actions)
        self.previous_present = present
        for kind, table_id, cells, numbers, row_id, label_at in actions:
            if kind == "unknown" and present:
                table = self.fmt.tables[sorted(present, key=list(self.fmt.tables).index)[0]]
                texts = "｜".join(c.text.strip() for c in cells if c.text.strip())
                raise ReportFileError(
                    f"{table.name}（{table.title}）中有一行无法识别：“{_shorten(texts)}”。"
                    f"请检查该行的名称是否与标准格式一致（国办公开办函〔2021〕30号），或删去多余的行后再导入")
            if table_id not in present:
                continue  # another table of the document (a list of units, a timetable …)
            if kind == "header":
                self._update_header(table_id, index, width, cells)
            elif kind in ("row", "worded row"):
                self._read_row(table_id, row_id, cells[label_at + 1:], numbers[label_at + 1:], index, width)
            elif kind == "grouped":
                self._read_grouped_row(table_id, cells, numbers, index)
            elif kind == "outdated":
                self.notes[outdated.SINGLE_ROW_PATH] = "｜".join(c.text.strip() for c in cells if c.text.strip())

    def _present(self, actions) -> Set[str]:
        """The format tables this document table is (a part of).

        Two of a table's row names, or one in the table right after a part
        of it (the rest of a split table); for 表四, whose rows are named by
        header groups, two of those groups.
        """
        row_ids: Dict[str, Set[str]] = {}
        header_keys: Dict[str, Set[str]] = {}
        for kind, table_id, cells, _, row_id, _ in actions:
            if kind == "row":
                row_ids.setdefault(table_id, set()).add(row_id)
            elif kind == "header":
                header_keys.setdefault(table_id, set()).update(c.key for c in cells)
        present = set()
        for table_id in self.fmt.tables:
            named = len(row_ids.get(table_id, ()))
            headers = header_keys.get(table_id, set())
            if (named >= 2 or (named and table_id in self.previous_present)
                    or len(headers & set(self.keys.groups[table_id])) >= 2):
                present.add(table_id)
        return present

    def _header_table(self, cells, numbers, minimum: int) -> Optional[str]:
        if any(n.value is not None for n in numbers):
            return None
        counts = {}
        for table_id in self.fmt.tables:
            found = {c.key for c in cells if c.key in self.keys.columns[table_id] or c.key in self.keys.groups[table_id]}
            if len(found) >= minimum:
                counts[table_id] = len(found)
        if not counts:
            return None
        best = max(counts.values())
        winners = [t for t, n in counts.items() if n == best]
        return winners[0] if len(winners) == 1 else None

    def _update_header(self, table_id: str, index: int, width: int, cells: List[GridCell]) -> None:
        header = self.headers.get(table_id)
        if header is None or header.doc_table != index:
            header = self.headers[table_id] = _Header(index, width)
        columns, groups = self.keys.columns[table_id], self.keys.groups[table_id]
        for cell in cells:
            for col in range(cell.col, cell.col + cell.span):
                if cell.key in columns:
                    header.columns[col] = columns[cell.key]
                if cell.key in groups:
                    header.groups[col] = groups[cell.key]

    def _label_index(self, cells: List[GridCell]) -> Tuple[Optional[int], bool]:
        """The rightmost cell naming a row, and whether words (not numbers or blanks) follow it."""
        worded = False
        for i in range(len(cells) - 2, -1, -1):
            if cells[i].key in self.keys.rows:
                return i, worded
            if cells[i].key and not cells[i].continued and self.number(cells[i].text).problem:
                worded = True
        return None, False

    # ---- one data row ----

    def _read_row(self, table_id, row_id, cells, numbers, index, width) -> None:
        table = self.fmt.tables[table_id]
        row = table.row(row_id)
        header = self.headers.get(table_id)
        found: Dict[str, Tuple[GridCell, _Number]] = {}
        if header and (header.doc_table == index or header.width == width):
            for cell, number in zip(cells, numbers):
                column_ids = {header.columns[c] for c in range(cell.col, cell.col + cell.span) if c in header.columns}
                if not column_ids:
                    if number.value is None and number.problem is None:
                        continue  # an extra empty column
                    raise self._misplaced(table, row, cell, "不在任何列标题之下")
                if len(column_ids) > 1 or column_ids - set(row.columns):
                    if number.value is None and number.problem is None:
                        continue
                    raise self._misplaced(table, row, cell, "所在的列与本行应有的列对不上")
                column_id = column_ids.pop()
                if column_id in found and found[column_id][1].value is not None:
                    if number.value is None:
                        continue
                    raise self._misplaced(table, row, cell, "与同一列的另一格重复")
                found[column_id] = (cell, number)
        else:
            # a continuation table of another width: the filled cells in order, if they are exactly the row's
            # (a blank one could be the table's extra column or a value left out: which, nothing tells)
            candidates = [(c, n) for c, n in zip(cells, numbers) if not c.continued and c.text.strip()]
            if len(candidates) != len(row.columns):
                raise ReportFileError(
                    f"{table.name}“{nested(row.label)}”行有 {len(candidates)} 格数值，应为 {len(row.columns)} 格，"
                    f"且找不到列标题来对应各列；请补上表头或合并拆开的表格后再导入")
            found = dict(zip(row.columns, candidates))
        missing = [table.columns[c].label for c in row.columns if c not in found]
        if missing:
            raise ReportFileError(f"{table.name}“{nested(row.label)}”行缺少“{'”“'.join(missing)}”列，无法可靠读取；"
                                  f"请对照标准格式补上这些列的单元格后再导入")
        for column_id, (_cell, number) in found.items():
            self._store(f"{table_id}.{row_id}.{column_id}", number)

    def _read_grouped_row(self, table_id, cells, numbers, index) -> None:
        header = self.headers[table_id]
        if header.doc_table != index:
            return
        table = self.fmt.tables[table_id]
        for cell, number in zip(cells, numbers):
            covered = range(cell.col, cell.col + cell.span)
            column_ids = {header.columns[c] for c in covered if c in header.columns}
            group_ids = {header.groups[c] for c in covered if c in header.groups}
            if len(column_ids) == 1 and len(group_ids) == 1:
                self._store(f"{table_id}.{group_ids.pop()}.{column_ids.pop()}", number)
            elif number.value is not None:
                raise ReportFileError(
                    f"{table.name}中的数值“{cell.text.strip()}”（第 {cell.col + 1} 列）对应不到表头的栏目，无法可靠读取；"
                    f"请检查表头和这一行是否多了、少了或合并了单元格")

    def _store(self, path: str, number: _Number) -> None:
        cell = self.fmt.cells[path]
        if number.problem:
            raise ReportFileError(f"{cell.description}：{number.problem}")
        value = as_kind(number.value, cell.kind)
        if number.note:
            self.notes[path] = number.note
        if path in self.values and self.values[path] is not None:
            if value is None or value == self.values[path]:
                return
            raise ReportFileError(
                f"{cell.description}在文档中出现两次且数值不同（{self.values[path]} 与 {value}），请删去重复的行后再导入")
        self.values[path] = value

    def _misplaced(self, table, row, cell: GridCell, why: str) -> ReportFileError:
        return ReportFileError(
            f"{table.name}“{nested(row.label)}”行的“{cell.text.strip() or '（空）'}”（第 {cell.col + 1} 列）{why}，"
            f"无法可靠读取；请检查是否多了或少了单元格")

    # ---- the whole document ----

    def finish(self) -> Dict[str, Value]:
        problems = []
        found_any = any(c.path in self.values for c in self.fmt.cells.values())
        for table in self.fmt.tables.values():
            paths = [c.path for c in table.cells]
            if outdated.SINGLE_ROW_PATH in self.notes:  # left blank: the one printed row cannot be split
                for path in paths:
                    if path.startswith(outdated.SINGLE_ROW_PATH + "."):
                        self.values.setdefault(path, None)
            missing = [p for p in paths if p not in self.values]
            if len(missing) == len(paths) and found_any:
                # the other tables are there: read them, and say once that this one is missing
                self.values.update(dict.fromkeys(paths))
                self.notes[table.id] = MISSING_TABLE
            elif len(missing) == len(paths):
                problems.append(f"未找到{table.name}（{table.title}）")
            elif missing:
                rows = []
                for path in missing:
                    label = table.row(self.fmt.cells[path].row).label
                    if label not in rows:
                        rows.append(label)
                problems.append(f"{table.name}缺少“{'”“'.join(_shorten(r) for r in rows[:4])}”"
                                + (f"等 {len(rows)} 行" if len(rows) > 4 else "行"))
        if problems:
            raise ReportFileError("；".join(problems) + "。请对照标准格式（国办公开办函〔2021〕30号）检查表格后再导入")
        return self.values


MISSING_TABLE = "（报告中没有这张表）"  # import_notes[table id]: one table.missing finding, not its blank cells


def _shorten(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
