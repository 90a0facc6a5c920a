"""Quotations inside quotations (GB/T 15834): a report's text or a format's label quoted in “”, whose own “”
are shown as ‘’, so that nothing reads ““上海科技”网站…” or 表三“3.危及“三安全一稳定””行.

quoted() marks a quotation where a message is built; shown() gives the message as read, as_before() as it was
written before quotations were nested, which the fingerprint of a settled finding takes (checks/settle.py).
"""

from __future__ import annotations

import re

_OPEN, _CLOSE = "\x02", "\x03"  # control characters: no report text holds them (storable.py)
_QUOTATION = re.compile(f"{_OPEN}([^{_OPEN}{_CLOSE}]*){_CLOSE}")
_INNER = str.maketrans("“”", "‘’")


def quoted(text: str) -> str:
    """text marked as a quotation, to be shown in “” with its own double quotes made single (shown)."""
    return _OPEN + text.replace(_OPEN, "").replace(_CLOSE, "") + _CLOSE


def nested(text: str) -> str:
    """text as it reads inside a quotation: its “” as ‘’."""
    return text.translate(_INNER)


def marked(text: str) -> bool:
    return _OPEN in text


def shown(text: str) -> str:
    """text with each marked quotation in “”, its own “” as ‘’."""
    return _QUOTATION.sub(lambda m: f"“{nested(m[1])}”", text)


def as_before(text: str) -> str:
    """text with each marked quotation in “” as it is: as messages were written before quotations were nested."""
    return _QUOTATION.sub(lambda m: f"“{m[1]}”", text)
