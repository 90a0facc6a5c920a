"""A consolidated report (全县/全市) against the sum of its units, cell by cell.

``consolidate … --against PARENT``: where the parent's published figure is not
the sum of the units' returns, each difference is listed with every unit's
share of the cell, so the clerk sees which return (or the parent) to look at.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import List, NamedTuple, Optional, Tuple

from disclosure_report import numbers
from disclosure_report.consolidate import Consolidation
from disclosure_report.model import Report
from disclosure_report.numbers import Value, format_value

SHOWN_UNITS = 8  # the largest shares named; the rest counted


class CellDifference(NamedTuple):
    path: str
    description: str
    parent: Value
    units: Value  # the sum of the included units (blank when every unit left it blank)
    shares: Tuple[Tuple[str, Value], ...]  # (unit, its value), largest first


def differences(result: Consolidation, parent: Report) -> List[CellDifference]:
    found = []
    for path, cell in parent.format.cells.items():
        stated, summed = parent.values.get(path), result.report.values.get(path)
        if stated == summed:
            continue
        shares = tuple(sorted(((unit.name, value) for unit, value in result.breakdown(path)),
                              key=lambda share: -(share[1] or 0)))
        found.append(CellDifference(path, cell.description, stated, summed, shares))
    return found


def parent_name(parent: Report, source: str) -> str:
    """How the parent is named in the lines: “某县人民政府报告”, or the file's name when it names no organ."""
    return f"{parent.organ or Path(source).name}报告"


def verdict(found: List[CellDifference], source: str) -> str:
    if not found:
        return f"与 {source} 逐格对照：每一格都等于各单位之和"
    return f"与 {source} 逐格对照：{len(found)} 格与各单位之和不一致"


def year_note(result: Consolidation, parent: Report) -> Optional[str]:
    """When the parent is of another year than the units summed: the comparison says little."""
    summed = result.report.year
    if parent.year and summed and parent.year != summed:
        return (f"注意：汇总报告为 {parent.year} 年，各单位报表为 {summed} 年，逐格对照的差异多半来自年度不同；"
                f"请选择同一年度的汇总报告，或在“汇总年度”中填 {parent.year}")
    return None


def share(value: Value, total: Value) -> Optional[str]:
    """A unit's share of the cell's sum, “13.9%”; None when the sum is blank or 0."""
    if not total:
        return None
    return f"{(Decimal(value or 0) * 100 / Decimal(total)).quantize(Decimal('0.1'))}%"


def describe(difference: CellDifference, parent_name: str) -> str:
    """表三“…”行“总计”列：全县报告为 300，各单位之和为 296（相差 4）；各单位：县政府 41（13.9%）、…"""
    def shown(value: Value) -> str:
        return "空" if value is None else format_value(value)

    gap = ""
    if difference.parent is not None and difference.units is not None:
        gap = f"（相差 {format_value(numbers.difference(difference.parent, difference.units))}）"
    line = (f"{difference.description}：{parent_name}为 {shown(difference.parent)}，"
            f"各单位之和为 {shown(difference.units)}{gap}")
    if not difference.shares:
        return line + "；没有单位填报此格"
    parts = []
    for name, value in difference.shares[:SHOWN_UNITS]:
        part = share(value, difference.units)
        parts.append(f"{name} {shown(value)}" + (f"（{part}）" if part else ""))
    more = f"等 {len(difference.shares)} 个单位" if len(difference.shares) > SHOWN_UNITS else ""
    return line + "；各单位：" + "、".join(parts) + more
