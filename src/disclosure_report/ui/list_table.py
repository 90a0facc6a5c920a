"""The read-only list tables of the dialogs (library, snapshots, consolidation, last year)."""

from __future__ import annotations

from typing import Optional, Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def list_table(headers: Sequence[str], *, stretch: Optional[int] = None, rows: bool = True,
               single: bool = True) -> QTableWidget:
    """A table that shows rows and is not edited; ``stretch`` names the column that takes the spare width.

    ``rows``: clicking selects the whole row; ``single``: one row at a time.
    """
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    if rows:
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        if single:
            table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().hide()
    if stretch is not None:
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.Stretch)
    return table
