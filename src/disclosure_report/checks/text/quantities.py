"""The table quantities a text may state, how messages name them, and the words for them.

A quantity is one cell or the sum of a few (不予公开 = the eight rows of its group; 行政诉讼 = both kinds
of suit). Which rows and columns play which part — the applications received, the applicants, the appeal
groups, the kinds of document — and the keywords that name them in a text are the format definition's
``text_vocabulary`` (docs/format.md); names come from its labels. Nothing here knows a row of 2021.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, Mapping, Optional, Tuple

from disclosure_report.format import AMOUNT, ReportFormat, load_format
from disclosure_report.format_schema import check_patterns
from disclosure_report.quotation import quoted


@dataclass(frozen=True)
class Quantity:
    id: str
    cells: Tuple[str, ...]
    name: str  # how a finding's message names it, its quotations marked (quotation.quoted: shown by Finding)
    table: str
    unit: str = "件"


@dataclass(frozen=True, eq=False)  # one per loaded format, compared and hashed by identity (a memo key)
class Vocabulary:
    """What the text rules need of one format (its ``text_vocabulary``)."""

    quantities: Dict[str, Quantity]
    keywords: Tuple[Tuple[str, str, str, bool], ...]  # (kind, quantity, pattern, money)
    applications: str  # the table ids
    appeals: str
    received: str  # quantity ids: the applications received, carried in from last year, handled
    carried_in: str
    handled: str
    rows_with_applicants: FrozenSet[str]  # the rows an applicant figure can belong to
    appeal_groups: Dict[str, str]  # the word (行政复议) -> its quantity (the figure first: 1 件…行政复议)
    documents: Tuple[Tuple[re.Pattern[str], str], ...]  # a noun (规章) -> the row it counts


def _sum_name(table_name: str, what: str, cells: Tuple[str, ...]) -> str:
    return f"{table_name}{what}（{len(cells)} 格之和）"


def _how_many(cells: Tuple[str, ...]) -> str:
    return "两" if len(cells) == 2 else str(len(cells))


def _total(fmt: ReportFormat, table_id: str) -> str:
    return next(c.id for c in fmt.tables[table_id].columns.values() if c.total)


_made: Dict[str, Tuple[ReportFormat, Vocabulary]] = {}


def vocabulary(format_id: Optional[str] = None) -> Vocabulary:
    """The text vocabulary of a format (the current one when None); empty when it declares none."""
    fmt = load_format(format_id)
    made = _made.get(fmt.id)
    if made is None or made[0] is not fmt:  # made once for each definition loaded
        made = _made[fmt.id] = (fmt, _vocabulary(fmt))
    return made[1]


def _vocabulary(fmt: ReportFormat) -> Vocabulary:
    words: Mapping[str, Any] = fmt.text_vocabulary
    apps: Mapping[str, Any] = words.get("applications", {})
    appeals: Mapping[str, Any] = words.get("appeals", {})
    active: Mapping[str, Any] = words.get("active", {})
    found: Dict[str, Quantity] = {}
    if words:
        check_patterns(words, f"格式“{fmt.id}”的 text_vocabulary")
    if apps and appeals and active:
        _applications(fmt, apps, found)
        _appeals(fmt, appeals, found)
        _active(fmt, active["table"], found)
    return Vocabulary(
        found,
        tuple((k["kind"], k["quantity"], k["pattern"], bool(k.get("money"))) for k in words.get("keywords", ())),
        apps.get("table", ""), appeals.get("table", ""),
        apps.get("received", ""), apps.get("carried_in", ""), apps.get("handled", ""),
        frozenset(apps.get("rows_with_applicants", ())),
        {g["named"]: g["id"] for g in appeals.get("groups", ())},
        tuple((re.compile(d["pattern"]), d["row"]) for d in active.get("documents", ())),
    )


def _applications(fmt: ReportFormat, words: Mapping[str, Any], found: Dict[str, Quantity]) -> None:
    table_id = words["table"]
    table, total = fmt.tables[table_id], _total(fmt, table_id)

    def single(qid: str, path: str) -> None:
        found[qid] = Quantity(qid, (path,), fmt.cells[path].quoting, table_id)

    organizations = words["organizations"]
    for row in table.rows:
        single(row.id, f"{table_id}.{row.id}.{total}")
        for column in words["applicants"]:
            single(f"{row.id}@{column}", f"{table_id}.{row.id}.{column}")
        cells = tuple(f"{table_id}.{row.id}.{c}" for c in organizations["columns"])
        qid = f"{row.id}@{organizations['id']}"
        found[qid] = Quantity(qid, cells, _sum_name(table.name, f"{quoted(row.label)}行法人或其他组织各列", cells), table_id)
    for group_id, label in table.groups.items():
        rows = [r.id for r in table.rows if r.group == group_id]
        if rows:
            cells = tuple(f"{table_id}.{r}.{total}" for r in rows)
            found[group_id] = Quantity(group_id, cells, _sum_name(table.name, f"{quoted(label)}各项“总计”列", cells),
                                       table_id)
    for together in words.get("together", ()):  # 予以公开及部分公开 208 件: two rows in one figure
        cells = tuple(f"{table_id}.{r}.{total}" for r in together["rows"])
        labels = "".join(quoted(table.row(r).label.split('（区分')[0]) for r in together["rows"])
        what = f"{labels}{_how_many(cells)}行“总计”列"
        found[together["id"]] = Quantity(together["id"], cells, _sum_name(table.name, what, cells), table_id)


def _appeals(fmt: ReportFormat, words: Mapping[str, Any], found: Dict[str, Quantity]) -> None:
    table_id = words["table"]
    table, total = fmt.tables[table_id], _total(fmt, table_id)
    for group in words["groups"]:
        for column in table.columns:
            cells = tuple(f"{table_id}.{g}.{column}" for g in group["rows"])
            key = group["id"] if column == total else f"{group['id']}@{column}"
            if len(cells) == 1:
                found[key] = Quantity(key, cells, fmt.cells[cells[0]].quoting, table_id)
            else:
                label = table.columns[column].label
                found[key] = Quantity(key, cells, _sum_name(table.name, f"{group['named']}{_how_many(cells)}类{quoted(label)}", cells),
                                      table_id)


def _active(fmt: ReportFormat, table_id: str, found: Dict[str, Quantity]) -> None:
    for row in fmt.tables[table_id].rows:
        for column in row.columns:
            path = f"{table_id}.{row.id}.{column}"
            qid = row.id if len(row.columns) == 1 else f"{row.id}.{column}"
            unit = "万元" if fmt.cells[path].kind == AMOUNT else "件"
            found[qid] = Quantity(qid, (path,), fmt.cells[path].quoting, table_id, unit)


def quantities(format_id: Optional[str] = None) -> Dict[str, Quantity]:
    return vocabulary(format_id).quantities


def quantity(qid: str, format_id: Optional[str] = None) -> Optional[Quantity]:
    return quantities(format_id).get(qid)


def table_value(values, cells: Tuple[str, ...]):
    """The sum of the cells, or None when any of them is blank (nothing to compare)."""
    total = 0
    for path in cells:
        value = values.get(path)
        if value is None:
            return None
        total += value
    return total
