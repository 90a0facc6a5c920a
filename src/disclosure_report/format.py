"""The report formats, each loaded from its one definition.

``resources/formats.json`` maps each format id to its definition file and
names the current one. ``resources/format-2021.json`` (国办公开办函〔2021〕30号)
describes every section, table, row, column, label, the merged-cell layout of
each table as in the official template, the kind of every cell, the sum
relations, what a new year carries over from the last and how the two years
must agree. Everything else (model, checks, window, DOCX, Excel, printing)
reads it through :func:`load_format`; a report carries its format's id. A
superseded format (2019) is a definition too, of what recognises it.

A cell is addressed by its JSON path, ``table.row.column``, where the row id
may itself be dotted (``applications.withheld.state_secret.natural``).
"""

import json
from functools import cache
from types import MappingProxyType
from typing import Any, Dict, Mapping, NamedTuple, Optional, Tuple

from disclosure_report.format_schema import FormatError, validate
from disclosure_report.quotation import quoted, shown
from disclosure_report.resources import resource_path

COUNT = "count"
AMOUNT = "amount"

# The format's records are NamedTuples: immutable like frozen dataclasses, and a tenth of their cost
# to define, which every start of the window pays.


class Column(NamedTuple):
    id: str
    label: str
    kind: str  # COUNT or AMOUNT
    total: bool


class Row(NamedTuple):
    id: str
    label: str
    short: str  # how messages name the row: 一, 三（七）, 规章 …
    group: Optional[str]
    total: bool
    columns: Tuple[str, ...]


class Cell(NamedTuple):
    path: str
    table: str
    row: str
    column: str
    kind: str
    computed: bool  # a total the window can fill from its parts
    description: str  # 表三“一、本年新收政府信息公开申请数量”行“自然人”列; 表三“3.危及‘三安全一稳定’”行…
    quoting: str  # the description as a finding's message quotes it: its quotations marked (quotation.quoted)


class LayoutCell(NamedTuple):
    """One cell of a table as printed: position on the grid and what it shows.

    ``rowspan``/``colspan`` give the merge; a cell covered by a vertical
    merge appears with ``continued=True`` (DOCX writes it as vMerge continue,
    Qt and Excel skip it).
    """

    row: int
    col: int
    rowspan: int
    colspan: int
    role: str  # "header", "label" (a row's label), "note", "value", "empty"
    text: str = ""
    path: Optional[str] = None
    continued: bool = False


class Table(NamedTuple):
    id: str
    name: str  # 表二 / 表三 / 表四
    title: str  # the section title
    grid_columns: int
    columns: Dict[str, Column]
    rows: Tuple[Row, ...]
    groups: Dict[str, str]  # group id -> label
    layout: Tuple[Tuple[LayoutCell, ...], ...]
    cells: Tuple[Cell, ...]

    def row(self, row_id: str) -> Row:
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)


class RelationInstance(NamedTuple):
    """One equation: sum(left) = sum(right), for one row or one column."""

    left: Tuple[str, ...]
    right: Tuple[str, ...]
    context: Dict[str, str]  # {"row": …} or {"column": …} for the message
    computes: Optional[str]  # the total this equation fills, if any


class Relation(NamedTuple):
    rule: str  # its severity and summary: checks/rules.py
    table: str
    message: str
    instances: Tuple[RelationInstance, ...]


class StockRelation(NamedTuple):
    """Rows whose stock carries over: this year's stock = last year's + added − removed."""

    rows: Tuple[str, ...]  # "active.regulations" …
    stock: str  # the columns: in_force
    added: str  # issued
    removed: str  # repealed


class OutdatedFormat(NamedTuple):
    """A superseded format: what marks a document laid out in it."""

    id: str
    basis: str
    superseded_by: str
    labels: Tuple[str, ...]  # a table cell with exactly this text
    texts: Tuple[str, ...]  # a table cell containing this (spaces ignored)
    single_row_groups: Tuple[str, ...]  # a group the current format splits, as one row with numbers


class Section(NamedTuple):
    id: str
    title: str
    kind: str  # "text" or "table"


class ReportFormat(NamedTuple):
    id: str
    basis: str
    title_pattern: str
    preamble_label: str
    sections: Tuple[Section, ...]
    tables: Dict[str, Table]
    relations: Tuple[Relation, ...]
    cells: Dict[str, Cell]
    count_max: int
    amount_decimals: int
    # every total the window fills, in an order where parts come before totals
    computations: Tuple[RelationInstance, ...]
    # a new year's row := last year's row, column by column ("applications.carried_in" <- "…carried_out")
    carry_over: Tuple[Tuple[str, str], ...] = ()
    in_force: Optional[StockRelation] = None
    # (name, cells summed): the figures followed from year to year (the window's 历年对比)
    key_figures: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    # how texts name the table's figures (the text rules, drafting.py): keywords and the rows they mean
    text_vocabulary: Mapping[str, Any] = MappingProxyType({})

    @property
    def text_ids(self) -> Tuple[str, ...]:
        """The narrative parts of a report: the preamble, then 一, 五, 六."""
        return ("preamble",) + tuple(s.id for s in self.sections if s.kind == "text")

    def text_label(self, text_id: str) -> str:
        if text_id == "preamble":
            return self.preamble_label
        return self.section(text_id).title

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def title(self, organ: str, year: object) -> str:
        return self.title_pattern.format(organ=organ, year=year)


def _expand_rows(table_rows: Tuple[Row, ...], patterns) -> Tuple[str, ...]:
    ids: list = []
    for pattern in patterns:
        if pattern.endswith(".*"):
            prefix = pattern[:-1]
            ids.extend(r.id for r in table_rows if r.id.startswith(prefix))
        else:
            ids.append(pattern)
    return tuple(ids)


def _build_layout(table_id, raw_layout, columns, rows_by_id, groups):
    """Turn the definition's layout rows into positioned LayoutCells."""
    grid = []
    for r, raw_row in enumerate(raw_layout):
        # texts on a row that holds values label it; elsewhere they are headers
        text_role = "label" if any("value" in c or "values" in c for c in raw_row) else "header"
        cells = []
        col = 0
        for raw in raw_row:
            if "values" in raw:
                row = rows_by_id[raw["values"]]
                for column_id in row.columns:
                    path = f"{table_id}.{row.id}.{column_id}"
                    cells.append(LayoutCell(r, col, 1, 1, "value", path=path))
                    col += 1
                continue
            span = raw.get("span", 1)
            continued = raw.get("vmerge") == "continue"
            if "value" in raw:
                role, text, path = "value", "", f"{table_id}.{raw['value']}"
            elif "row" in raw:
                role, text, path = text_role, rows_by_id[raw["row"]].label, None
            elif "col" in raw:
                role, text, path = text_role, columns[raw["col"]].label, None
            elif "group" in raw:
                role, text, path = text_role, groups[raw["group"]], None
            elif "text" in raw:
                role, text, path = ("note" if raw.get("note") else text_role), raw["text"], None
            else:
                role, text, path = "empty", "", None
            cells.append(LayoutCell(r, col, 1, span, role, text, path, continued))
            col += span
        grid.append(cells)
    # a vMerge "restart" spans down over the "continue" cells below it
    continued = {(c.row, c.col) for cells in grid for c in cells if c.continued}
    result = []
    for r, cells in enumerate(grid):
        out = []
        for cell in cells:
            if not cell.continued:
                rowspan = 1
                while (r + rowspan, cell.col) in continued:
                    rowspan += 1
                if rowspan > 1:
                    cell = LayoutCell(cell.row, cell.col, rowspan, cell.colspan, cell.role,
                                      cell.text, cell.path, False)
            out.append(cell)
        result.append(tuple(out))
    return tuple(result)


def _order_computations(instances):
    """Order total computations so that a total used as a part comes first."""
    targets = {inst.computes: inst for inst in instances}
    ordered, done = [], set()

    def visit(inst, stack=()):
        if inst.computes in done:
            return
        for part in inst.right:
            dep = targets.get(part)
            if dep is not None and dep.computes not in stack and dep is not inst:
                visit(dep, stack + (inst.computes,))
        done.add(inst.computes)
        ordered.append(inst)

    for inst in instances:
        visit(inst)
    return tuple(ordered)


def parse_format(data: dict, name: str = "格式定义") -> ReportFormat:
    """The format a definition describes; FormatError (naming the place) for one that is not usable."""
    validate(data, name)
    if "superseded_by" in data:
        raise FormatError(f"{name}（{data['id']}）是已废止的格式，只用于识别，不能用来填写报告")
    sections = tuple(Section(s["id"], s["title"], s["kind"]) for s in data["sections"])
    titles = {s.id: s.title for s in sections}
    tables: Dict[str, Table] = {}
    all_cells: Dict[str, Cell] = {}
    for table_id, raw in data["tables"].items():
        columns = {
            c["id"]: Column(c["id"], c["label"], c.get("kind", COUNT), bool(c.get("total")))
            for c in raw["columns"]
        }
        rows = tuple(
            Row(
                id=r["id"],
                label=r["label"],
                short=r.get("short", r["label"]),
                group=r.get("group"),
                total=bool(r.get("total")),
                columns=tuple(r.get("columns", columns.keys())),
            )
            for r in raw["rows"]
        )
        rows_by_id = {r.id: r for r in rows}
        groups = {g["id"]: g["label"] for g in raw.get("groups", ())}
        computed_columns = {c.id for c in columns.values() if c.total}
        name = raw["name"]
        cells = []
        for row in rows:
            for column_id in row.columns:
                column = columns[column_id]
                path = f"{table_id}.{row.id}.{column_id}"
                if len(row.columns) == 1:
                    quoting = f"{name}{quoted(row.label)}"
                else:
                    quoting = f"{name}{quoted(row.label)}行{quoted(column.label)}列"
                cell = Cell(path, table_id, row.id, column_id, column.kind,
                            row.total or column_id in computed_columns, shown(quoting), quoting)
                cells.append(cell)
                all_cells[path] = cell
        layout = _build_layout(table_id, raw["layout"], columns, rows_by_id, groups)
        tables[table_id] = Table(table_id, name, titles[table_id], raw["grid_columns"], columns,
                                 rows, groups, layout, tuple(cells))

    relations = []
    for raw in data["relations"]:
        table = tables[raw["table"]]
        instances = []
        if raw["over"] == "rows":
            for row in table.rows:
                if not all(c in row.columns for c in raw["left"] + raw["right"]):
                    continue
                prefix = f"{table.id}.{row.id}."
                instances.append(RelationInstance(
                    tuple(prefix + c for c in raw["left"]),
                    tuple(prefix + c for c in raw["right"]),
                    {"row": row.short},
                    prefix + raw["left"][0] if raw.get("computes") else None,
                ))
        else:
            left_rows = _expand_rows(table.rows, raw["left"])
            right_rows = _expand_rows(table.rows, raw["right"])
            for column in table.columns.values():
                instances.append(RelationInstance(
                    tuple(f"{table.id}.{r}.{column.id}" for r in left_rows),
                    tuple(f"{table.id}.{r}.{column.id}" for r in right_rows),
                    {"column": column.label},
                    f"{table.id}.{left_rows[0]}.{column.id}" if raw.get("computes") else None,
                ))
        relations.append(Relation(raw["rule"], table.id,
                                  raw["message"], tuple(instances)))

    computations = _order_computations(
        [inst for rel in relations for inst in rel.instances if inst.computes]
    )
    limits = data["limits"]
    stock = data.get("cross_year", {}).get("in_force")
    return ReportFormat(
        id=data["id"],
        basis=data["basis"],
        title_pattern=data["title"],
        preamble_label=data["preamble"]["label"],
        sections=sections,
        tables=tables,
        relations=tuple(relations),
        cells=all_cells,
        count_max=limits["count_max"],
        amount_decimals=limits["amount_decimals"],
        computations=computations,
        carry_over=tuple(data.get("carry_over", {}).items()),
        in_force=StockRelation(tuple(stock["rows"]), stock["stock"], stock["added"], stock["removed"])
        if stock else None,
        key_figures=tuple((k["name"], tuple(k["cells"])) for k in data.get("key_figures", ())),
        text_vocabulary=MappingProxyType(data.get("text_vocabulary", {})),
    )


@cache
def _registry() -> Tuple[str, Dict[str, str]]:
    """(the current format's id, format id -> its definition file), from resources/formats.json."""
    with open(resource_path("formats.json"), encoding="utf-8") as f:
        data = json.load(f)
    return data["current"], data["formats"]


def current_format_id() -> str:
    return _registry()[0]


def known_format_ids() -> Tuple[str, ...]:
    """The formats a report can be in (not the superseded ones, which are only recognised)."""
    outdated = {f.id for f in outdated_formats()}
    return tuple(f for f in _registry()[1] if f not in outdated)


def _definition(format_id: str) -> dict:
    files = _registry()[1]
    if format_id not in files:
        raise FormatError(f"不认识的报告格式“{format_id}”；本程序认识：{'、'.join(files)}")
    with open(resource_path(files[format_id]), encoding="utf-8") as f:
        return json.load(f)


@cache
def _load(format_id: str) -> ReportFormat:
    return parse_format(_definition(format_id), _registry()[1][format_id])


def load_format(format_id: Optional[str] = None) -> ReportFormat:
    """The format of that id (the current one when None), read once from its definition file."""
    return _load(format_id or current_format_id())


@cache
def outdated_formats() -> Tuple[OutdatedFormat, ...]:
    """Every superseded format the program recognises, to name it rather than misread it."""
    found = []
    for format_id in _registry()[1]:
        data = _definition(format_id)
        if "superseded_by" in data:
            validate(data, _registry()[1][format_id])
            marks = data["recognised_by"]
            found.append(OutdatedFormat(data["id"], data["basis"], data["superseded_by"],
                                        tuple(marks.get("labels", ())), tuple(marks.get("texts", ())),
                                        tuple(marks.get("single_row_groups", ()))))
    return tuple(found)

