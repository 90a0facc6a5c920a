"""The report being edited: the one place the window's views read from.

Views never write the report: they ask for an edit (``edit_values``,
``edit_field``), which becomes an undo command; the command's redo/undo call
``apply_values`` / ``apply_field`` here, which change the report, re-run the
checks and tell every view what changed.

The window opens a document with ``check_now=False`` and calls ``check()``
once it is on screen: the checks (and the text rules' patterns) load then,
not before the clerk sees the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Set, Tuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from disclosure_report.model import Report, apply_values
from disclosure_report.numbers import Value

if TYPE_CHECKING:
    from disclosure_report.checks import Finding

# The report's fields other than cells and texts, by the key views use.
FIELDS = ("organ", "year", "title", "contact.address", "contact.phone", "contact.website", "manual_totals",
          "settled")
TEXT_PREFIX = "text:"


class ReportDocument(QObject):
    valuesChanged = Signal(object)  # set of cell paths whose value changed
    fieldChanged = Signal(str)  # a key of FIELDS, or "text:<id>"
    findingsChanged = Signal()
    reportReplaced = Signal()  # everything may have changed (import, snapshot restored)
    changed = Signal()  # any change: the autosave listens
    message = Signal(str)  # a refusal or a notice for the status bar
    readOnlyChanged = Signal(bool)

    def __init__(self, report: Report, previous: Optional[Report] = None, parent=None, check_now: bool = True):
        super().__init__(parent)
        self.report = report
        self.previous = previous
        self.undo_stack = QUndoStack(self)
        self.findings: List[Finding] = []
        self.checked = False  # findings are empty until the first check
        self.findings_by_cell: Dict[str, List[Finding]] = {}
        self.cells_with_new_findings: Set[str] = set()  # since the previous check: repaint only these
        self.read_only = ""  # why the report cannot be changed (a signed version), or ""
        if check_now:
            self.check()

    # -- asking for an edit (becomes one undo step) ---------------------------------
    def set_read_only(self, reason: str) -> None:
        """A signed version is frozen: every edit is refused with reason."""
        if reason != self.read_only:
            self.read_only = reason
            if reason:
                self.undo_stack.clear()  # undoing into a signed version would be refused anyway
            self.readOnlyChanged.emit(bool(reason))

    def _refused(self) -> bool:
        if self.read_only:
            self.message.emit(self.read_only)
        return bool(self.read_only)

    def edit_values(self, values: Mapping[str, Value], description: str) -> None:
        from disclosure_report.ui.commands import EditValuesCommand

        if self._refused():
            return
        changed = {p: v for p, v in values.items() if not _same(self.report.values[p], v)}
        if changed:
            self.undo_stack.push(EditValuesCommand(self, changed, description))

    def edit_field(self, key: str, value) -> None:
        from disclosure_report.ui.commands import EditFieldCommand

        note = ""
        if isinstance(value, str):
            value, note = self._storable(value)
        if self.field(key) != value and not self._refused():
            self.undo_stack.push(EditFieldCommand(self, key, value))
        if note:  # after the edit, which clears the status bar of what was said before it
            self.message.emit(note)

    def _storable(self, text: str) -> Tuple[str, str]:
        """Typed or pasted text without what could never be saved, and what to tell the clerk of it."""
        from disclosure_report.storable import clean, removal_note

        text, removed = clean(text)
        return text, (removal_note("输入的文字", removed) + "，已去掉" if removed else "")

    def replace_report(self, report: Report, description: str) -> None:
        from disclosure_report.ui.commands import ReplaceReportCommand

        if self._refused():
            return
        self.undo_stack.push(ReplaceReportCommand(self, report, description))

    def insert_picture(self, text_id: str, name: str, data: bytes, new_text: str) -> None:
        """The picture and its "[图片:name]" line, as one undo step."""
        from disclosure_report.ui.commands import EditFieldCommand, SetImageCommand

        if self._refused():
            return
        self.undo_stack.beginMacro("插入图片")
        self.undo_stack.push(SetImageCommand(self, name, data))
        self.undo_stack.push(EditFieldCommand(self, TEXT_PREFIX + text_id, new_text))
        self.undo_stack.endMacro()

    def settle(self, finding: Finding, reason: str, by: str) -> None:
        """Mark a finding 已核实 (one undo step); NotSettleable says why it cannot be."""
        from disclosure_report.checks.settle import settle

        settled = settle(self.report, finding, reason, by)
        self.undo_stack.beginMacro("标为已核实")  # the step's name in 撤销
        self.edit_field("settled", settled)
        self.undo_stack.endMacro()

    def unsettle(self, finding: Finding) -> None:
        from disclosure_report.checks.settle import unsettle

        self.undo_stack.beginMacro("取消核实")
        self.edit_field("settled", unsettle(self.report, finding))
        self.undo_stack.endMacro()

    # -- the writers (called only by commands) --------------------------------------
    def apply_values(self, values: Mapping[str, Value]) -> Dict[str, Value]:
        old = apply_values(self.report, values)
        if old:
            self.valuesChanged.emit(set(old))
            self._after_change()
        return old

    def apply_field(self, key: str, value) -> Dict[str, Value]:
        """Set a field; returns the cells it changed as a side effect (totals)."""
        report = self.report
        if key.startswith(TEXT_PREFIX):
            report.text[key[len(TEXT_PREFIX):]] = value
        elif key.startswith("contact."):
            setattr(report.contact, key.split(".", 1)[1], value)
        else:
            setattr(report, key, value)
        old_cells = apply_values(report, {}) if key == "manual_totals" else {}
        if old_cells:
            self.valuesChanged.emit(set(old_cells))
        self.fieldChanged.emit(key)
        self._after_change()
        return old_cells

    def apply_image(self, name: str, data: Optional[bytes]) -> Optional[bytes]:
        """Set (or with None remove) a picture; returns what was there before."""
        old = self.report.images.pop(name, None)
        if data is not None:
            self.report.images[name] = data
        self.fieldChanged.emit("images")
        self._after_change()
        return old

    def apply_report(self, report: Report) -> Report:
        old, self.report = self.report, report
        self.reportReplaced.emit()
        self._after_change()
        return old

    # -- reading ----------------------------------------------------------------------
    def field(self, key: str):
        report = self.report
        if key.startswith(TEXT_PREFIX):
            return report.text.get(key[len(TEXT_PREFIX):], "")
        if key.startswith("contact."):
            return getattr(report.contact, key.split(".", 1)[1])
        return getattr(report, key)

    def counts(self) -> dict:
        from disclosure_report.checks import count_by_severity

        return count_by_severity(self.findings)

    def set_previous(self, previous: Optional[Report]) -> None:
        self.previous = previous
        self.check()

    def _after_change(self) -> None:
        self.check()
        self.changed.emit()

    def ensure_checked(self) -> None:
        if not self.checked:
            self.check()

    def check(self) -> None:
        """Run every check and tell the views (also the first check of a document opened unchecked)."""
        from disclosure_report.checks import run_checks

        self.findings = run_checks(self.report, self.previous)
        self.checked = True
        by_cell: Dict[str, List[Finding]] = {}
        for finding in self.findings:
            if finding.settled:
                continue  # 已核实: the cells are no longer marked
            for path in finding.cells:
                by_cell.setdefault(path, []).append(finding)
        old = self.findings_by_cell
        self.cells_with_new_findings = {p for p in old.keys() | by_cell.keys() if old.get(p) != by_cell.get(p)}
        self.findings_by_cell = by_cell
        self.findingsChanged.emit()


def _same(a: Value, b: Value) -> bool:
    return a == b and type(a) is type(b)
