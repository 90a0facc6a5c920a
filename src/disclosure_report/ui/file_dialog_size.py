"""Room in Qt's own file dialog, which UOS, Kylin and other Linux desktops without a Qt 6 theme show.

Its default size (about 600 × 400) cut the 修改日期 column, the sidebar's folder names and the file
types. The static ``QFileDialog.get…`` calls are kept (tests replace them); the dialog is sized when
focus first enters it, which costs nothing while no dialog is open (an application-wide event filter
would see every event). Native dialogs (Windows) have no widgets in them and are left alone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFileDialog, QSplitter, QTreeView

SIZED = "disclosure_report_sized"
WIDTH, HEIGHT = 960, 600  # fits 1366 × 768 with the taskbar; the columns below fit in it
SIDEBAR = 180
COLUMNS = {1: 90, 2: 110, 3: 190}  # 大小, 类型, 修改日期 (名称 gets the rest)


def install(app: QApplication) -> None:
    app.focusChanged.connect(_focus_changed)


def _focus_changed(_old, new) -> None:
    dialog = new.window() if new is not None else None
    if isinstance(dialog, QFileDialog) and not dialog.property(SIZED):
        dialog.setProperty(SIZED, True)
        make_roomy(dialog)


def make_roomy(dialog: QFileDialog) -> None:
    parent = dialog.parentWidget()
    centre = parent.window().geometry().center() if parent is not None else None
    # not dialog.screen(): on a dialog made by Qt's static functions, PySide 6.9 then invalidated
    # every Python reference to that QScreen (seen as "already deleted" in docs/screenshots/make.py)
    found = QApplication.screenAt(centre) if centre is not None else None
    screen = (found or QApplication.primaryScreen()).availableGeometry()
    width, height = min(WIDTH, screen.width() * 9 // 10), min(HEIGHT, screen.height() * 9 // 10)
    geometry = dialog.geometry()
    geometry.setWidth(width)
    geometry.setHeight(height)
    geometry.moveCenter(centre if centre is not None else screen.center())
    geometry.moveLeft(max(screen.left(), min(geometry.left(), screen.right() - width)))
    geometry.moveTop(max(screen.top(), min(geometry.top(), screen.bottom() - height)))
    dialog.setGeometry(geometry)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        splitter.setSizes([SIDEBAR, width - SIDEBAR])
    view = dialog.findChild(QTreeView, "treeView")
    if view is not None:
        header = view.header()
        for column, pixels in COLUMNS.items():
            header.resizeSection(column, pixels)
        header.resizeSection(0, max(120, width - SIDEBAR - sum(COLUMNS.values()) - 60))  # 60: frames, scroll bar
