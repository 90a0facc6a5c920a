"""The table quantities a text may state, and how messages name them.

A quantity is one cell or the sum of a few (不予公开 = the eight rows of its
group; 行政诉讼 = both kinds of suit). Names come from the format definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Dict, Optional, Tuple

from disclosure_report.format import load_format

APPLICANT_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other")
ORGANIZATION_COLUMNS = APPLICANT_COLUMNS[1:]  # 法人或其他组织
APPLICATION_ROWS = ("new", "carried_in", "handled")  # the rows an applicant figure can belong to
APPEAL_GROUPS = {"review": ("review",), "suits": ("suit_direct", "suit_after_review")}


@dataclass(frozen=True)
class Quantity:
    id: str
    cells: Tuple[str, ...]
    name: str  # how a message names it
    table: str
    unit: str = "件"


def _sum_name(table_name: str, what: str, cells: Tuple[str, ...]) -> str:
    return f"{table_name}{what}（{len(cells)} 格之和）"


@cache
def quantities() -> Dict[str, Quantity]:
    fmt = load_format()
    apps, appeals, active = fmt.tables["applications"], fmt.tables["appeals"], fmt.tables["active"]
    found: Dict[str, Quantity] = {}

    def single(qid: str, path: str, table: str, unit: str = "件") -> None:
        found[qid] = Quantity(qid, (path,), fmt.cells[path].description, table, unit)

    for row in apps.rows:
        single(row.id, f"applications.{row.id}.total", "applications")
        for column in APPLICANT_COLUMNS:
            single(f"{row.id}@{column}", f"applications.{row.id}.{column}", "applications")
        cells = tuple(f"applications.{row.id}.{c}" for c in ORGANIZATION_COLUMNS)
        found[f"{row.id}@organizations"] = Quantity(
            f"{row.id}@organizations", cells,
            _sum_name(apps.name, f"“{row.label}”行法人或其他组织各列", cells), "applications")
    for group_id, label in apps.groups.items():
        rows = [r.id for r in apps.rows if r.group == group_id]
        if not rows:
            continue
        cells = tuple(f"applications.{r}.total" for r in rows)
        found[group_id] = Quantity(group_id, cells, _sum_name(apps.name, f"“{label}”各项“总计”列", cells),
                                   "applications")
    both = ("applications.granted.total", "applications.partial.total")
    found["granted_partial"] = Quantity("granted_partial", both, _sum_name(
        apps.name, f"“{apps.row('granted').label}”“{apps.row('partial').label.split('（区分')[0]}”两行“总计”列", both), "applications")
    for qid, groups in APPEAL_GROUPS.items():
        for column in appeals.columns:
            cells = tuple(f"appeals.{g}.{column}" for g in groups)
            key = qid if column == "total" else f"{qid}@{column}"
            if len(cells) == 1:
                single(key, cells[0], "appeals")
            else:
                label = appeals.columns[column].label
                found[key] = Quantity(key, cells, _sum_name(appeals.name, f"行政诉讼两类“{label}”", cells),
                                      "appeals")
    for row in active.rows:
        for column in row.columns:
            path = f"active.{row.id}.{column}"
            kind = fmt.cells[path].kind
            qid = row.id if len(row.columns) == 1 else f"{row.id}.{column}"
            single(qid, path, "active", "万元" if kind == "amount" else "件")
    return found


def quantity(qid: str) -> Optional[Quantity]:
    return quantities().get(qid)


def table_value(values, cells: Tuple[str, ...]):
    """The sum of the cells, or None when any of them is blank (nothing to compare)."""
    total = 0
    for path in cells:
        value = values.get(path)
        if value is None:
            return None
        total += value
    return total
