"""What a check reports: a rule, a severity, the cells, a message in Chinese."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Tuple

from disclosure_report.model import Settlement

ERROR = "error"
WARNING = "warning"

SEVERITY_LABEL = {ERROR: "错误", WARNING: "提醒"}

# quoted() marks a quotation in a message as it is built; Finding shows it and keeps it for the fingerprint
_OPEN, _CLOSE = "\x02", "\x03"  # control characters: no report text holds them (storable.py)
_QUOTATION = re.compile(f"{_OPEN}([^{_OPEN}{_CLOSE}]*){_CLOSE}")
_INNER = str.maketrans("“”", "‘’")


def quoted(text: str) -> str:
    """A report's text (or a label) quoted in a finding's message, for Finding only: shown in “” with its own
    double quotes made single, a quotation inside a quotation (GB/T 15834), so that it never reads
    ““上海科技”网站…”; the fingerprint of a settled finding still sees “text” as written before (settle.py)."""
    return _OPEN + text.replace(_OPEN, "").replace(_CLOSE, "") + _CLOSE


@dataclass(frozen=True)
class Span:
    """A passage of a text section, by character offsets."""

    section: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"section": self.section, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    cells: Tuple[str, ...]
    message: str
    span: Optional[Span] = None
    settled: Optional[Settlement] = None  # marked 已核实 by a clerk (checks/settle.py): listed, not counted
    # the message as settlements have always fingerprinted it (each quotation as “text”), when it differs
    fingerprinted: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if _OPEN in self.message:
            shown = _QUOTATION.sub(lambda m: f"“{m[1].translate(_INNER)}”", self.message)
            before = _QUOTATION.sub(lambda m: f"“{m[1]}”", self.message)
            object.__setattr__(self, "message", shown)
            object.__setattr__(self, "fingerprinted", before if before != shown else "")

    def to_json(self) -> dict:
        data: dict = {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "message": self.message,
        }
        if self.span is not None:
            data["span"] = self.span.to_json()
        if self.settled is not None:
            data["settled"] = {"reason": self.settled.reason, "by": self.settled.by, "at": self.settled.at}
        return data

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABEL[self.severity]
