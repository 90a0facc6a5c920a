"""Pictures of reports and snapshots, each stored once by content hash.

A draft saved every second then rewrites only its text; a picture goes
when the last report or snapshot showing it goes. The link tables are
report_images (report_id) and snapshot_images (snapshot_id).
"""

from __future__ import annotations

import sqlite3
from typing import Dict

_LINKS = {"report_images": "report_id", "snapshot_images": "snapshot_id"}


def load(db: sqlite3.Connection, table: str, owner_id: int) -> Dict[str, bytes]:
    key = _LINKS[table]
    rows = db.execute(f"SELECT l.name, b.data FROM {table} l JOIN blobs b ON b.sha256 = l.sha256 "
                      f"WHERE l.{key} = ?", (owner_id,)).fetchall()
    return {name: bytes(data) for name, data in rows}


def store(db: sqlite3.Connection, table: str, owner_id: int, images: Dict[str, bytes]) -> None:
    import hashlib  # here: not needed to open the window

    key = _LINKS[table]
    wanted = {name: hashlib.sha256(data).hexdigest() for name, data in images.items()}
    stored = dict(db.execute(f"SELECT name, sha256 FROM {table} WHERE {key} = ?", (owner_id,)).fetchall())
    if wanted == stored:
        return
    for name, digest in wanted.items():
        db.execute("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?, ?)", (digest, images[name]))
    db.execute(f"DELETE FROM {table} WHERE {key} = ?", (owner_id,))
    db.executemany(f"INSERT INTO {table} ({key}, name, sha256) VALUES (?, ?, ?)",
                   [(owner_id, name, digest) for name, digest in wanted.items()])
    drop_unused(db)


def copy(db: sqlite3.Connection, source_table: str, source_id: int, target_table: str, target_id: int) -> None:
    """Give the target (a new report, a snapshot, a restored draft) exactly the source's pictures."""
    db.execute(f"DELETE FROM {target_table} WHERE {_LINKS[target_table]} = ?", (target_id,))
    db.execute(f"INSERT INTO {target_table} ({_LINKS[target_table]}, name, sha256) "
               f"SELECT ?, name, sha256 FROM {source_table} WHERE {_LINKS[source_table]} = ?", (target_id, source_id))


def drop_unused(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM blobs WHERE sha256 NOT IN "
               "(SELECT sha256 FROM report_images UNION SELECT sha256 FROM snapshot_images)")
