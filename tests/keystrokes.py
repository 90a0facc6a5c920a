"""A fast clerk: clicks and keys queued at once, as a busy window finds them waiting in the X server's queue.

Each event is posted to the window (not to a widget), so that Qt picks the
widget under the pointer or with focus when it takes the event, not when
it was typed: what a real typist ahead of the window meets.
"""

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication


def point_of(window, widget, pos):
    return QPointF(widget.mapTo(window, pos))


def post_click(window, widget, pos):
    handle = window.windowHandle()
    at = point_of(window, widget, pos)
    for kind, buttons in ((QEvent.MouseButtonPress, Qt.LeftButton), (QEvent.MouseButtonRelease, Qt.NoButton)):
        QApplication.postEvent(handle, QMouseEvent(kind, at, at, QPointF(window.mapToGlobal(at)), Qt.LeftButton,
                                                   buttons, Qt.NoModifier))


def post_keys(window, text):
    """ASCII text; "\\n" is Enter, "\\t" is Tab."""
    handle = window.windowHandle()
    for ch in text:
        key, typed = {"\n": (Qt.Key_Return, "\r"), "\t": (Qt.Key_Tab, "\t")}.get(ch, (Qt.Key(ord(ch.upper())), ch))
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.postEvent(handle, QKeyEvent(kind, key, Qt.NoModifier, typed))


def part_center(editor, page_id):
    parts = editor.parts
    row = list(editor._makers).index(page_id)
    return parts.viewport(), parts.visualItemRect(parts.item(row)).center()


def cell_center(view, path):
    return view.viewport(), view.visualRect(view.model().index_of(path)).center()
