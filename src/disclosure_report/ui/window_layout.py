"""The window's size and place, and how tall the findings pane is, kept from one start to the next.

Kept in the library's settings as Qt's own saveGeometry/saveState bytes
(hex), written when the window closes. The splitter's saved state holds its
orientation too, so restoring it sets the report above the findings without
naming Qt.Vertical: Qt's namespace (about a hundred enum classes, a tenth of
a bare hello-world's start) is then not loaded before the window is shown. The
first start, and one after a start that was ended without closing the window,
set it by number instead (main_window._panes).
"""

from __future__ import annotations

from disclosure_report.storage import StorageError

SETTING = "window_layout"


def saved_layout(library) -> dict:
    """{"geometry": bytes, "panes": bytes, "findings_shown": bool} as the window was last closed,
    or {} (the first start, or a setting this version cannot read)."""
    try:
        value = library.get_setting(SETTING, {})
        return {"geometry": bytes.fromhex(value["geometry"]), "panes": bytes.fromhex(value["panes"]),
                "findings_shown": bool(value["findings_shown"])}
    except (StorageError, TypeError, KeyError, ValueError):
        return {}


def save_layout(library, window, panes, findings_shown: bool) -> None:
    try:
        library.set_setting(SETTING, {"geometry": bytes(window.saveGeometry().toHex()).decode(),
                                      "panes": bytes(panes.saveState().toHex()).decode(),
                                      "findings_shown": findings_shown})
    except StorageError:
        pass  # the next start uses the default layout


def restore_geometry(window, layout: dict) -> bool:
    return bool(layout) and window.restoreGeometry(layout["geometry"])


def restore_panes(panes, layout: dict) -> bool:
    """The splitter's orientation and sizes as saved; False when there are none (then set them yourself)."""
    return bool(layout) and panes.restoreState(layout["panes"])
