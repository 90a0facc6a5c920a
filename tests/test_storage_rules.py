"""Random sequences of what a clerk does, against a plain model of what the library must then hold."""

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from disclosure_report import jsonfile
from disclosure_report.model import Report, apply_values
from disclosure_report.storage import STATUS_DRAFTING, STATUS_REVIEW, STATUS_SIGNED, STATUSES, Library, StorageError

ALLOWED = {(STATUS_DRAFTING, STATUS_REVIEW), (STATUS_REVIEW, STATUS_DRAFTING), (STATUS_REVIEW, STATUS_SIGNED)}


def _report(n: int) -> Report:
    report = Report(organ=f"第{n % 3}镇人民政府", year=2020 + n % 4)
    apply_values(report, {"applications.new.natural": n, "active.fees.amount": None if n % 2 else n})
    report.text["other"] = f"修改 {n}"
    return report


class ClerkAtWork(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "library.sqlite3"
        self.library = Library(self.path)
        self.reports = {}  # id -> dict(content, status, version, deleted, snapshots=[(name, content)])

    def teardown(self):
        self.library.close()
        self.folder.cleanup()

    def _pick(self, index):
        ids = sorted(self.reports)
        return ids[index % len(ids)]

    @rule(n=st.integers(0, 1000))
    def create(self, n):
        report = _report(n)
        report_id = self.library.create(report)
        self.reports[report_id] = dict(content=jsonfile.dumps(report), status=STATUS_DRAFTING, version=1,
                                       deleted=False, snapshots=[])

    @precondition(lambda self: self.reports)
    @rule(index=st.integers(0, 50), n=st.integers(0, 1000))
    def save(self, index, n):
        report_id, report = self._pick(index), _report(n)
        expected = self.reports[report_id]
        try:
            self.library.save(report_id, report)
        except StorageError as e:
            assert expected["status"] == STATUS_SIGNED and "已签发" in str(e)
        else:
            assert expected["status"] != STATUS_SIGNED
            expected["content"] = jsonfile.dumps(report)

    @precondition(lambda self: self.reports)
    @rule(index=st.integers(0, 50))
    def send_on(self, index):
        """The usual way: 送审, then 签发."""
        current = self.reports[self._pick(index)]["status"]
        self.set_status(index, {STATUS_DRAFTING: STATUS_REVIEW}.get(current, STATUS_SIGNED))

    @precondition(lambda self: self.reports)
    @rule(index=st.integers(0, 50), status=st.sampled_from(STATUSES))
    def set_status(self, index, status):
        report_id = self._pick(index)
        expected = self.reports[report_id]
        try:
            self.library.set_status(report_id, status)
        except StorageError:
            assert (expected["status"], status) not in ALLOWED and expected["status"] != status
            return
        assert (expected["status"], status) in ALLOWED or expected["status"] == status
        if status == STATUS_SIGNED and expected["status"] != STATUS_SIGNED:
            expected["snapshots"].append((f"已签发 v{expected['version']}", expected["content"]))
        expected["status"] = status

    @precondition(lambda self: self.reports)
    @rule(index=st.integers(0, 50))
    def start_new_version(self, index):
        report_id = self._pick(index)
        expected = self.reports[report_id]
        try:
            self.library.start_new_version(report_id)
        except StorageError:
            assert expected["status"] != STATUS_SIGNED
            return
        assert expected["status"] == STATUS_SIGNED
        expected["status"], expected["version"] = STATUS_DRAFTING, expected["version"] + 1

    @precondition(lambda self: self.reports)
    @rule(index=st.integers(0, 50), name=st.sampled_from(["送审稿", "初稿", "领导修改后"]))
    def snapshot(self, index, name):
        report_id = self._pick(index)
        self.library.snapshot(report_id, name)
        self.reports[report_id]["snapshots"].append((name, self.reports[report_id]["content"]))

    @precondition(lambda self: any(r["snapshots"] for r in self.reports.values()))
    @rule(index=st.integers(0, 50), which=st.integers(0, 50))
    def restore_snapshot(self, index, which):
        report_id = sorted(i for i, r in self.reports.items() if r["snapshots"])[index % sum(
            1 for r in self.reports.values() if r["snapshots"])]
        expected = self.reports[report_id]
        entries = self.library.list_snapshots(report_id)[::-1]  # oldest first, like the model
        position = which % len(entries)
        try:
            self.library.restore_snapshot(entries[position].id)
        except StorageError:
            assert expected["status"] == STATUS_SIGNED
            return
        assert expected["status"] != STATUS_SIGNED
        expected["snapshots"].append(("恢复前自动保存", expected["content"]))
        expected["content"] = expected["snapshots"][position][1]

    @precondition(lambda self: self.reports)
    @rule(index=st.integers(0, 50))
    def delete_or_restore(self, index):
        report_id = self._pick(index)
        expected = self.reports[report_id]
        if expected["deleted"]:
            self.library.restore(report_id)
        else:
            self.library.delete(report_id)
        expected["deleted"] = not expected["deleted"]

    @rule()
    def reopen(self):
        self.library.close()
        self.library = Library(self.path)

    @invariant()
    def library_holds_what_the_clerk_did(self):
        listed = {e.id: e for e in self.library.list_reports()}
        binned = {e.id for e in self.library.list_reports(deleted=True)}
        assert set(listed) == {i for i, r in self.reports.items() if not r["deleted"]}
        assert binned == {i for i, r in self.reports.items() if r["deleted"]}
        for report_id, expected in self.reports.items():
            entry = self.library.entry(report_id)
            assert (entry.status, entry.version) == (expected["status"], expected["version"])
            assert jsonfile.dumps(self.library.load(report_id)) == expected["content"]
            snapshots = self.library.list_snapshots(report_id)[::-1]
            names = [re.sub(r" \d{4}-\d\d-\d\d \d\d:\d\d$", "", s.name) for s in snapshots]
            assert names == [name for name, _ in expected["snapshots"]]
            for snapshot, (_, content) in zip(snapshots, expected["snapshots"]):
                assert jsonfile.dumps(self.library.load_snapshot(snapshot.id)) == content


ClerkAtWork.TestCase.settings = settings(max_examples=20, stateful_step_count=15, deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
test_clerk_at_work = ClerkAtWork.TestCase
