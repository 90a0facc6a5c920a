"""Values written into workbook cells exactly as given: user text never becomes a formula.

openpyxl takes any string starting with ``=`` for a formula, so an organ
name such as ``=HYPERLINK(…)`` from a sub-unit would run in Excel/WPS
(formula injection). Text also loses what a workbook cannot hold: control
characters, and the undecodable bytes of a file name in another encoding
(a GBK name read on a UTF-8 system), which are decoded as GBK where they can be.
"""

from __future__ import annotations

import re

from openpyxl.cell import WriteOnlyCell

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]+")


def plain_text(text: str) -> str:
    """``text`` as a workbook (and any XML) can hold it."""
    return _CONTROL.sub("", _SURROGATES.sub(_undecoded, text))


def _undecoded(match: re.Match) -> str:
    """Bytes the file system gave that were not UTF-8 (Python keeps them as U+DC80–U+DCFF): as GBK."""
    try:
        return match.group(0).encode("utf-8", "surrogateescape").decode("gbk", "replace")
    except UnicodeEncodeError:  # other lone surrogates: nothing to recover
        return "\ufffd"


def put(cell, value) -> None:
    """``value`` into ``cell``; a string stays a string."""
    if isinstance(value, str):
        cell.value = plain_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def stream_cell(ws, value) -> WriteOnlyCell:
    """A cell for ``ws.append`` in write-only mode, holding ``value`` as :func:`put` would."""
    cell = WriteOnlyCell(ws)
    put(cell, value)
    return cell


def stream_row(ws, values) -> list:
    return [stream_cell(ws, value) for value in values]
