"""The window's size, place and docks, remembered from one start to the next.

Kept in the library's settings as Qt's own saveGeometry/saveState bytes (hex).
Restoring the state also puts the findings dock back without naming a dock
area, which would load Qt's namespace (about a hundred enum classes, a tenth
of the hello-world's whole start) before the window is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray

from disclosure_report.storage import StorageError

SETTING = "window_layout"


def saved_layout(library) -> dict:
    """{"geometry": bytes, "state": bytes} as the window was last closed, or {} (first start, unreadable)."""
    try:
        value = library.get_setting(SETTING, {})
        return {key: bytes.fromhex(value[key]) for key in ("geometry", "state")}
    except (StorageError, TypeError, KeyError, ValueError):
        return {}


def save_layout(window, library) -> None:
    try:
        library.set_setting(SETTING, {"geometry": bytes(window.saveGeometry().toHex()).decode(),
                                      "state": bytes(window.saveState().toHex()).decode()})
    except StorageError:
        pass  # the next start uses the default layout


def restore_geometry(window, layout: dict) -> bool:
    return bool(layout) and window.restoreGeometry(QByteArray(layout["geometry"]))


def restore_docks(window, layout: dict) -> bool:
    """Put the window's docks (named children of the window by now) where they were when it was closed;
    False when there is no saved state (then place them yourself)."""
    return bool(layout) and window.restoreState(QByteArray(layout["state"]))
