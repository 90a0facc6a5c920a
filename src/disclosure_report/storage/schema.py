"""The tables of the drafts library, one list of statements per schema version.

The version is ``PRAGMA user_version``. Each migration runs in one
transaction together with the new version number, so a library is always
wholly at one version; a backup copy is made before migrating a library
that already holds data. Never edit a released version's statements: add
the next version instead (tests/fixtures/db/ holds a library of every
version, which the current code must open).
"""

from __future__ import annotations

import sqlite3
from typing import Dict, Tuple

MIGRATIONS: Dict[int, Tuple[str, ...]] = {
    1: (
        # content: the JSON interchange text (jsonfile.dumps) without images;
        # organ_key: organ without whitespace, for finding last year's report.
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            organ TEXT NOT NULL,
            organ_key TEXT NOT NULL,
            year INTEGER,
            title TEXT NOT NULL,
            status TEXT NOT NULL,
            version INTEGER NOT NULL,
            content TEXT NOT NULL,
            is_sample INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        )""",
        "CREATE INDEX reports_organ_year ON reports (organ_key, year)",
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            status TEXT NOT NULL,
            version INTEGER NOT NULL,
            content TEXT NOT NULL
        )""",
        "CREATE INDEX snapshots_report ON snapshots (report_id)",
        # Pictures are stored once by content hash; a draft saved every
        # second then rewrites only its text.
        "CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)",
        """CREATE TABLE report_images (
            report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES blobs (sha256),
            PRIMARY KEY (report_id, name)
        )""",
        """CREATE TABLE snapshot_images (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES blobs (sha256),
            PRIMARY KEY (snapshot_id, name)
        )""",
        # value: JSON text
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # Who is editing a report: a second copy of the program gets a clear
        # message instead of overwriting; a lock of a dead process or with an
        # old heartbeat is taken over.
        """CREATE TABLE edit_locks (
            report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
            owner TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            heartbeat REAL NOT NULL
        )""",
    ),
}
LATEST = max(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate_step(conn: sqlite3.Connection, version: int) -> None:
    """Bring the library from version-1 to version in one transaction (autocommit connection)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if user_version(conn) != version - 1:  # another copy of the program migrated meanwhile
            conn.execute("ROLLBACK")
            return
        for statement in MIGRATIONS[version]:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
