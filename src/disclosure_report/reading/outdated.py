"""Recognise a superseded layout (the 2019 one, 国办公开办函〔2019〕60号) so it is refused, not misread.

Real 2022 and 2023 reports still use it. What marks it is data, in its own
definition (resources/format-2019.json, ``recognised_by``): table 二 counts
本年新制作数量 / 本年新公开数量 / 对外公开总数量, a 第二十条第（九）项
政府集中采购 block, and 其他处理 as one row with its own numbers (2021
splits it into three). Read into the 2021 cells, its figures would land in
the wrong places, so the import stops with rule ``format.outdated``. Only when 其他处理 is
the one 2019 row of an otherwise 2021 report is the rest read: its three
rows stay blank and the import names it (:func:`single_other_row`).
"""

from __future__ import annotations

import unicodedata
from typing import List, Mapping

from disclosure_report.checks.import_notes import SINGLE_ROW_PATH
from disclosure_report.format import load_format, outdated_formats
from disclosure_report.numbers import is_number

__all__ = ["RULE", "SINGLE_ROW", "SINGLE_ROW_PATH", "evidence", "message", "single_other_row"]

RULE = "format.outdated"


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _group_label(key: str) -> str:
    """其他处理 -> （六）其他处理, as the current format numbers the group."""
    for table in load_format().tables.values():
        for label in table.groups.values():
            if label.endswith(key):
                return label
    return key


_LABELS = {label for old in outdated_formats() for label in old.labels}
_TEXTS = [(_squeezed(text), text) for old in outdated_formats() for text in old.texts]
_SINGLE_ROW_GROUPS = {group for old in outdated_formats() for group in old.single_row_groups}
SINGLE_ROW = "、".join(f"“{_group_label(group)}”为一行" for group in sorted(_SINGLE_ROW_GROUPS))


def evidence(tables: List[list], row_keys: Mapping[str, object]) -> List[str]:
    """What marks the document as laid out in a superseded format (empty for a current one)."""
    found: List[str] = []

    def note(item: str) -> None:
        if item not in found:
            found.append(item)

    for rows in tables:
        for cells in rows:
            for cell in cells:
                if cell.key in _LABELS:
                    note(f"“{cell.key}”")
                squeezed = _squeezed(cell.text)
                for text, shown in _TEXTS:
                    if text in squeezed:
                        note(f"“{shown}”")
            if single_other_row(cells, row_keys):
                note(SINGLE_ROW)
    return found


def single_other_row(cells, row_keys) -> bool:
    return any(cell.key in _SINGLE_ROW_GROUPS and _numbers_follow(cells[i + 1:], row_keys)
               for i, cell in enumerate(cells))


def _numbers_follow(cells, row_keys) -> bool:
    """2021 puts the sub-rows 1.–3. right of 其他处理; 2019 puts the numbers there."""
    followers = [c for c in cells if not c.continued]
    return bool(followers) and all(c.key not in row_keys and is_number(c.text) for c in followers)


def message(found: List[str]) -> str:
    old = "或".join(f"{_year(f.id)} 年格式（{f.basis}）" for f in outdated_formats())
    current = load_format()
    return (f"该报告按已废止的 {old}编制（表格中有{'、'.join(found)}），"
            f"不能读入现行格式的表格。{_year(current.id)} 年及以后的年度报告应使用{current.basis}格式，"
            f"请按新格式重新制作表格后再导入（{RULE}）")


def _year(format_id: str) -> str:
    """gov-disclosure-annual-report/2019 -> 2019"""
    return format_id.rpartition("/")[2]
