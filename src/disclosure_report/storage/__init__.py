"""Drafts kept in SQLite: the library of reports, snapshots, statuses and backups (no Qt).

The status workflow itself is disclosure_report.workflow; its names are here too for the library's users.
"""

from disclosure_report.storage.errors import StaleDraft, StorageError
from disclosure_report.storage.library import Library, ReportEntry
from disclosure_report.storage.paths import default_library_path, is_network_path
from disclosure_report.storage.versions import SnapshotEntry
from disclosure_report.workflow import FROZEN_MESSAGE, STATUS_DRAFTING, STATUS_REVIEW, STATUS_SIGNED, STATUSES

__all__ = [
    "FROZEN_MESSAGE",
    "STATUS_DRAFTING",
    "STATUS_REVIEW",
    "STATUS_SIGNED",
    "STATUSES",
    "Library",
    "ReportEntry",
    "SnapshotEntry",
    "StaleDraft",
    "StorageError",
    "default_library_path",
    "is_network_path",
]
