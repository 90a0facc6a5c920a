"""What a format definition may say, checked before it is used.

A definition is data a maintainer edits by hand: a misspelt key (``"compute"``
for ``"computes"``) would otherwise be ignored and silently drop what it
meant. :func:`validate` refuses unknown and missing keys, references to rows,
columns, groups or tables that do not exist, and layouts whose rows do not
fill the grid or that place a value cell twice or never, each with the place
in the file. It costs well under a millisecond, at every start.
"""

from __future__ import annotations

from typing import Any, Collection, Dict, FrozenSet, NamedTuple, Set, Tuple


class FormatError(ValueError):
    """A format definition that cannot be used; the message names the place."""


class _Spec(NamedTuple):
    order: Tuple[str, ...]  # the keys in the order a message lists them
    allowed: FrozenSet[str]
    required: FrozenSet[str]


def _spec(keys: Dict[str, bool]) -> _Spec:
    """From key -> required?"""
    return _Spec(tuple(keys), frozenset(keys), frozenset(k for k, required in keys.items() if required))


# key -> required? for each kind of object in a definition
_TOP = _spec({"id": True, "basis": True, "title": True, "preamble": True, "sections": True, "tables": True,
              "relations": True, "limits": True, "carry_over": False, "cross_year": False,
              "key_figures": False, "text_vocabulary": False})
_SUPERSEDED = _spec({"id": True, "basis": True, "superseded_by": True, "recognised_by": True})
_RECOGNISED_BY = _spec({"labels": False, "texts": False, "single_row_groups": False})
_PREAMBLE = _spec({"id": True, "label": True})
_SECTION = _spec({"id": True, "title": True, "kind": True})
_TABLE = _spec({"name": True, "grid_columns": True, "columns": True, "rows": True, "groups": False, "layout": True})
_COLUMN = _spec({"id": True, "label": True, "kind": False, "total": False})
_ROW = _spec({"id": True, "label": True, "short": False, "group": False, "total": False, "columns": False})
_GROUP = _spec({"id": True, "label": True, "name": False})
_LAYOUT_CELL = _spec({"text": False, "span": False, "vmerge": False, "note": False, "row": False, "col": False,
                      "group": False, "value": False, "values": False})
_RELATION = _spec({"rule": True, "table": True, "over": True, "left": True, "right": True, "computes": False,
                   "message": True})
_LIMITS = _spec({"count_max": True, "amount_decimals": True})
_CROSS_YEAR = _spec({"in_force": False})
_KEY_FIGURE = _spec({"name": True, "cells": True})
_STOCK = _spec({"rows": True, "stock": True, "added": True, "removed": True})
_VOCABULARY = _spec({"keywords": True, "applications": True, "appeals": True, "active": True})
_KEYWORD = _spec({"kind": True, "quantity": True, "pattern": True, "money": False})
_VOCABULARY_APPLICATIONS = _spec({"table": True, "received": True, "carried_in": True, "handled": True,
                                  "carried_out": True, "rows_with_applicants": True, "natural": True,
                                  "applicants": True, "organizations": True, "together": False, "results": True})
_ORGANIZATIONS = _spec({"id": True, "columns": True})
_TOGETHER = _spec({"id": True, "rows": True})
_VOCABULARY_APPEALS = _spec({"table": True, "groups": True, "outcomes": True})
_APPEAL_GROUP = _spec({"id": True, "rows": True, "named": True})
_VOCABULARY_ACTIVE = _spec({"table": True, "documents": True, "document_columns": True, "decisions": True,
                            "fees": True})
_DOCUMENT = _spec({"row": True, "noun": True, "pattern": True, "unless_all_zero": False})
_DECISION = _spec({"cell": True, "named": True})


def _keys(obj: Any, spec: _Spec, where: str) -> None:
    if not isinstance(obj, dict):
        raise FormatError(f"{where} 应为一个对象 {{…}}")
    if obj.keys() <= spec.allowed and spec.required <= obj.keys():  # the usual case, quickly
        return
    unknown = sorted(set(obj) - spec.allowed)
    if unknown:
        raise FormatError(f"{where} 中有不认识的键“{'”“'.join(unknown)}”；可用的键：{'、'.join(spec.order)}")
    missing = [k for k in spec.order if k in spec.required and k not in obj]
    raise FormatError(f"{where} 缺少键“{'”“'.join(missing)}”")


def _known(value: Any, known: Collection[str], what: str, where: str) -> None:
    if not isinstance(value, str) or value not in known:
        raise FormatError(f"{where} 引用的{what}“{value}”不存在")


def validate(data: Any, name: str) -> None:
    """Raise FormatError unless data is a usable definition (name: the file, for the message)."""
    if isinstance(data, dict) and "superseded_by" in data:
        _keys(data, _SUPERSEDED, name)
        _keys(data["recognised_by"], _RECOGNISED_BY, f"{name}：recognised_by")
        return
    _keys(data, _TOP, name)
    _keys(data["preamble"], _PREAMBLE, f"{name}：preamble")
    _keys(data["limits"], _LIMITS, f"{name}：limits")
    sections = {}
    for i, section in enumerate(data["sections"]):
        where = f"{name}：sections[{i}]"
        _keys(section, _SECTION, where)
        _known(section["kind"], ("text", "table"), "种类", where)
        sections[section["id"]] = section["kind"]
    table_sections = {s for s, kind in sections.items() if kind == "table"}
    if table_sections != set(data["tables"]):
        raise FormatError(f"{name}：表格部分（{'、'.join(sorted(table_sections))}）与 tables 中的表"
                          f"（{'、'.join(sorted(data['tables']))}）不一致")
    rows_of = {table_id: _table(table, f"{name}：tables.{table_id}") for table_id, table in data["tables"].items()}
    for i, relation in enumerate(data["relations"]):
        _relation(relation, data["tables"], f"{name}：relations[{i}]")
    for this_row, last_row in data.get("carry_over", {}).items():
        for path in (this_row, last_row):
            table_id, _, row_id = path.partition(".")
            _known(table_id, rows_of, "表", f"{name}：carry_over")
            _known(row_id, rows_of[table_id], "行", f"{name}：carry_over")
    cells = {f"{t}.{row}.{column}" for t, rows in rows_of.items() for row, columns in rows.items() for column in columns}
    for i, figure in enumerate(data.get("key_figures", ())):
        where = f"{name}：key_figures[{i}]"
        _keys(figure, _KEY_FIGURE, where)
        for path in figure["cells"]:
            _known(path, cells, "数值格", where)
    if "text_vocabulary" in data:
        _vocabulary(data["text_vocabulary"], data["tables"], rows_of, cells, f"{name}：text_vocabulary")
    cross_year = data.get("cross_year", {})
    _keys(cross_year, _CROSS_YEAR, f"{name}：cross_year")
    if "in_force" in cross_year:
        stock = cross_year["in_force"]
        where = f"{name}：cross_year.in_force"
        _keys(stock, _STOCK, where)
        for path in stock["rows"]:
            table_id, _, row_id = path.partition(".")
            _known(table_id, rows_of, "表", where)
            _known(row_id, rows_of[table_id], "行", where)
            columns = {c["id"] for c in data["tables"][table_id]["columns"]}
            for key in ("stock", "added", "removed"):
                _known(stock[key], columns, "列", where)


def _table(table: Any, where: str) -> Dict[str, Set[str]]:
    """Check one table; its row id -> the columns that row has."""
    _keys(table, _TABLE, where)
    columns: Dict[str, Any] = {}
    for i, column in enumerate(table["columns"]):
        _keys(column, _COLUMN, f"{where}.columns[{i}]")
        _known(column.get("kind", "count"), ("count", "amount"), "数值种类", f"{where}.columns[{i}]")
        columns[column["id"]] = column
    groups = set()
    for i, group in enumerate(table.get("groups", ())):
        _keys(group, _GROUP, f"{where}.groups[{i}]")
        groups.add(group["id"])
    rows: Dict[str, Set[str]] = {}
    for i, row in enumerate(table["rows"]):
        _keys(row, _ROW, f"{where}.rows[{i}]")
        if "group" in row:
            _known(row["group"], groups, "分组", f"{where}.rows[{i}]")
        for column_id in row.get("columns", ()):
            _known(column_id, columns, "列", f"{where}.rows[{i}]")
        if row["id"] in rows:
            raise FormatError(f"{where}.rows[{i}]：行“{row['id']}”重复")
        rows[row["id"]] = set(row.get("columns", columns))
    _layout(table["layout"], table["grid_columns"], columns, rows, groups, where)
    return rows


def _layout(layout, grid_columns: int, columns, rows: Dict[str, Set[str]], groups, where: str) -> None:
    placed: Set[str] = set()

    def place(path: str, at: str) -> None:
        if path in placed:
            raise FormatError(f"{at}：数值格“{path}”在版式中出现两次")
        placed.add(path)

    for r, layout_row in enumerate(layout):
        width = 0
        for c, cell in enumerate(layout_row):
            at = f"{where}.layout[{r}][{c}]"
            _keys(cell, _LAYOUT_CELL, at)
            for key, known, what in (("row", rows, "行"), ("col", columns, "列"), ("group", groups, "分组"),
                                     ("values", rows, "行")):
                if key in cell:
                    _known(cell[key], known, what, at)
            if "values" in cell:
                for column_id in rows[cell["values"]]:
                    place(f"{cell['values']}.{column_id}", at)
                width += len(rows[cell["values"]])
                continue
            if "value" in cell:
                row_id, _, column_id = cell["value"].rpartition(".")
                if column_id not in rows.get(row_id, ()):
                    raise FormatError(f"{at} 引用的数值格“{cell['value']}”不存在")
                place(cell["value"], at)
            if "vmerge" in cell:
                _known(cell["vmerge"], ("restart", "continue"), "合并方式", at)
            width += cell.get("span", 1)
        if width != grid_columns:
            raise FormatError(f"{where}.layout[{r}]：这一行占 {width} 列，表格应为 {grid_columns} 列")
    missing = sorted(f"{row_id}.{c}" for row_id, cols in rows.items() for c in cols if f"{row_id}.{c}" not in placed)
    if missing:
        raise FormatError(f"{where}.layout：数值格“{'”“'.join(missing[:3])}”等 {len(missing)} 格不在版式中")


def _relation(relation: Any, tables: Dict[str, Any], where: str) -> None:
    _keys(relation, _RELATION, where)
    _known(relation["table"], tables, "表", where)
    _known(relation["over"], ("rows", "columns"), "方向", where)
    table = tables[relation["table"]]
    if relation["over"] == "rows":
        names = {c["id"] for c in table["columns"]}
        what = "列"
    else:
        names = {r["id"] for r in table["rows"]}
        what = "行"
    for ref in relation["left"] + relation["right"]:
        if ref.endswith(".*"):
            if not any(n.startswith(ref[:-1]) for n in names):
                raise FormatError(f"{where} 的“{ref}”没有对应的{what}")
        else:
            _known(ref, names, what, where)


def _vocabulary(words: Any, tables: Dict[str, Any], rows_of: Dict[str, Dict[str, Set[str]]], cells: Set[str],
                where: str) -> None:
    """text_vocabulary: every row, column, cell and quantity it names exists (its patterns: check_patterns)."""
    _keys(words, _VOCABULARY, where)
    apps, appeals, active = words["applications"], words["appeals"], words["active"]
    _keys(apps, _VOCABULARY_APPLICATIONS, f"{where}.applications")
    _keys(apps["organizations"], _ORGANIZATIONS, f"{where}.applications.organizations")
    _keys(appeals, _VOCABULARY_APPEALS, f"{where}.appeals")
    _keys(active, _VOCABULARY_ACTIVE, f"{where}.active")

    def rows(table_key: str, ids, at: str) -> None:
        _known(table_key, rows_of, "表", at)
        for row_id in ids:
            _known(row_id, rows_of[table_key], "行", at)

    def columns(table_key: str, ids, at: str) -> None:
        known = {c["id"] for c in tables[table_key]["columns"]}
        for column_id in ids:
            _known(column_id, known, "列", at)

    at = f"{where}.applications"
    groups = {g["id"] for g in tables.get(apps["table"], {}).get("groups", ())}
    rows(apps["table"], [apps[k] for k in ("received", "carried_in", "handled", "carried_out")], at)
    rows(apps["table"], apps["rows_with_applicants"], at)
    columns(apps["table"], [apps["natural"], *apps["applicants"], *apps["organizations"]["columns"]], at)
    for result in apps["results"]:
        _known(result, set(rows_of[apps["table"]]) | groups, "行或分组", at)
    quantities = set(rows_of[apps["table"]]) | groups
    for i, together in enumerate(apps.get("together", ())):
        _keys(together, _TOGETHER, f"{at}.together[{i}]")
        rows(apps["table"], together["rows"], f"{at}.together[{i}]")
        quantities.add(together["id"])
    at = f"{where}.appeals"
    _known(appeals["table"], rows_of, "表", at)
    columns(appeals["table"], appeals["outcomes"], at)
    for i, group in enumerate(appeals["groups"]):
        _keys(group, _APPEAL_GROUP, f"{at}.groups[{i}]")
        rows(appeals["table"], group["rows"], f"{at}.groups[{i}]")
        quantities.add(group["id"])
    at = f"{where}.active"
    _known(active["table"], rows_of, "表", at)
    for row_id, row_columns in rows_of[active["table"]].items():
        quantities |= {row_id} if len(row_columns) == 1 else {f"{row_id}.{c}" for c in row_columns}
    columns(active["table"], active["document_columns"], at)
    for i, document in enumerate(active["documents"]):
        _keys(document, _DOCUMENT, f"{at}.documents[{i}]")
        rows(active["table"], [document["row"]], f"{at}.documents[{i}]")
    for i, decision in enumerate(active["decisions"]):
        _keys(decision, _DECISION, f"{at}.decisions[{i}]")
        _known(decision["cell"], cells, "数值格", f"{at}.decisions[{i}]")
    _known(active["fees"], cells, "数值格", at)
    bound = {"applicant": set(apps["applicants"]) | {apps["organizations"]["id"]},
             "appeal": set(appeals["outcomes"]), "doc": set(active["document_columns"]), "q": quantities}
    for i, keyword in enumerate(words["keywords"]):
        at = f"{where}.keywords[{i}]"
        _keys(keyword, _KEYWORD, at)
        _known(keyword["kind"], bound, "种类", at)
        _known(keyword["quantity"], bound[keyword["kind"]], "数字", at)


def check_patterns(words: Any, where: str) -> None:
    """Raise FormatError unless every pattern of a validated text_vocabulary compiles (where: its place).

    Not part of validate, which runs at every start: compiling them is half the cost of reading the
    definition, and only the text rules need them, once the window is on screen (checks/text/quantities)."""
    import re

    patterns = [(f"{where}.keywords[{i}]", k) for i, k in enumerate(words["keywords"])]
    patterns += [(f"{where}.active.documents[{i}]", d) for i, d in enumerate(words["active"]["documents"])]
    for at, entry in patterns:
        try:
            re.compile(entry["pattern"])
        except re.error as e:
            raise FormatError(f"{at} 的 pattern 不是有效的正则表达式（{e}）") from None
