"""What a check reports: a rule, a severity, the cells, a message in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Tuple

from disclosure_report.model import Settlement
from disclosure_report.quotation import as_before, marked, quoted, shown

__all__ = ["ERROR", "WARNING", "SEVERITY_LABEL", "Span", "Finding", "quoted"]

ERROR = "error"
WARNING = "warning"

SEVERITY_LABEL = {ERROR: "错误", WARNING: "提醒"}

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
        if marked(self.message):  # quotations marked by quoted(), a cell's Cell.quoting among them
            read, before = shown(self.message), as_before(self.message)
            object.__setattr__(self, "message", read)
            object.__setattr__(self, "fingerprinted", before if before != read else "")

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
