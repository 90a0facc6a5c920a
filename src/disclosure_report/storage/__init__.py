"""Drafts kept in SQLite: the library of reports, snapshots, statuses and backups (no Qt)."""

from disclosure_report.storage.errors import StorageError
from disclosure_report.storage.library import (
    FROZEN_MESSAGE,
    STATUS_DRAFTING,
    STATUS_REVIEW,
    STATUS_SIGNED,
    STATUSES,
    Library,
    ReportEntry,
    SnapshotEntry,
)
from disclosure_report.storage.paths import default_library_path, is_network_path

__all__ = [
    "FROZEN_MESSAGE",
    "STATUS_DRAFTING",
    "STATUS_REVIEW",
    "STATUS_SIGNED",
    "STATUSES",
    "Library",
    "ReportEntry",
    "SnapshotEntry",
    "StorageError",
    "default_library_path",
    "is_network_path",
]
