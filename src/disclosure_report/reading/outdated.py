"""Recognise the superseded 2019 layout (国办公开办函〔2019〕60号) so it is refused, not misread.

Real 2022 and 2023 reports still use it. Its marks: table 二 counts
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
from disclosure_report.numbers import InvalidNumber, parse_number

__all__ = ["RULE", "SINGLE_ROW", "SINGLE_ROW_PATH", "evidence", "message", "single_other_row"]

RULE = "format.outdated"
_OLD_COLUMNS = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
_OLD_ROWS = ("政府集中采购",)
_OLD_BLOCK = "第二十条第(九)项"
_SINGLE_ROW_GROUP = "其他处理"
SINGLE_ROW = "“（六）其他处理”为一行"


def evidence(tables: List[list], row_keys: Mapping[str, object]) -> List[str]:
    """What marks the document as 2019 layout (empty for a 2021 one)."""
    found: List[str] = []

    def note(item: str) -> None:
        if item not in found:
            found.append(item)

    for rows in tables:
        for cells in rows:
            for cell in cells:
                for label in _OLD_COLUMNS + _OLD_ROWS:
                    if cell.key == label:
                        note(f"“{label}”")
                if _OLD_BLOCK in "".join(unicodedata.normalize("NFKC", cell.text).split()):
                    note("“第二十条第（九）项”")
            if single_other_row(cells, row_keys):
                note(SINGLE_ROW)
    return found


def single_other_row(cells, row_keys) -> bool:
    return any(cell.key == _SINGLE_ROW_GROUP and _numbers_follow(cells[i + 1:], row_keys)
               for i, cell in enumerate(cells))


def _numbers_follow(cells, row_keys) -> bool:
    """2021 puts the sub-rows 1.–3. right of 其他处理; 2019 puts the numbers there."""
    followers = [c for c in cells if not c.continued]
    return bool(followers) and all(c.key not in row_keys and _is_number(c.text) for c in followers)


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except InvalidNumber:
        return False
    return True


def message(found: List[str]) -> str:
    return (f"该报告按已废止的 2019 年格式（国办公开办函〔2019〕60号）编制（表格中有{'、'.join(found)}），"
            f"不能读入现行格式的表格。2021 年及以后的年度报告应使用国办公开办函〔2021〕30号格式，"
            f"请按新格式重新制作表格后再导入（{RULE}）")
