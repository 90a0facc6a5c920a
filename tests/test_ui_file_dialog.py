"""Qt's own file dialog (UOS, Kylin, Linux without a Qt 6 theme) opens with room for its columns.

At its default 600 × 400 on a 1366 × 768 screen, 修改日期 was cut off, the sidebar's folder names
too (docs/screenshots/1366x768/dialog-import-file.png before this change).
"""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QSplitter, QTreeView

from ui_support import library, open_window  # noqa: F401  (fixture)


def test_the_import_dialog_opens_roomy_with_every_column_in_view(qtbot, library, tmp_path):  # noqa: F811
    window = open_window(qtbot, library)
    window.setGeometry(0, 0, 1366, 728)
    screen = QApplication.primaryScreen()  # a reference the sizing must not invalidate (see the module)
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isActiveWindow():  # focus enters it, as by hand
            QTimer.singleShot(50, look)
            return
        view = dialog.findChild(QTreeView, "treeView")
        header = view.header()
        seen.update(size=dialog.size(), sidebar=dialog.findChild(QSplitter, "splitter").sizes()[0],
                    columns=[header.sectionSize(i) for i in range(4)], viewport=view.viewport().width(),
                    title=dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(50, look)
    window.actions["import"].trigger()
    window.close()
    assert seen, "no file dialog was shown"
    assert seen["title"] == "导入报告"
    available = screen.availableGeometry()  # 1366 × 768 under docs/screenshots/make.py; 800 × 800 offscreen
    assert seen["size"].width() == min(960, available.width() * 9 // 10)  # was 617
    assert seen["size"].height() == min(600, available.height() * 9 // 10)  # was 418
    assert seen["sidebar"] >= 170
    name, size, kind, modified = seen["columns"]
    assert modified >= 180 and kind >= 100 and name >= 120
    assert sum(seen["columns"]) <= seen["viewport"]  # 修改日期 in view, no sideways scrolling


def test_a_dialog_without_a_parent_is_centred_on_the_screen_and_stays_on_it(qtbot):
    from disclosure_report.ui import file_dialog_size
    from disclosure_report.ui.app import create_application

    create_application([])
    dialog = QFileDialog(None, "选择")
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    file_dialog_size.make_roomy(dialog)
    available = QApplication.primaryScreen().availableGeometry()
    assert available.contains(dialog.geometry())
    assert dialog.width() == min(file_dialog_size.WIDTH, available.width() * 9 // 10)


def test_on_windows_no_sizing_is_installed_as_windows_shows_its_own_dialogs():
    import os
    import subprocess
    import sys

    code = ("import sys; from PySide6.QtWidgets import QApplication; sys.platform = 'win32';"
            "from disclosure_report.ui.app import create_application; app = create_application([]);"
            "print('disclosure_report.ui.file_dialog_size' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr
    code = code.replace("sys.platform = 'win32';", "")  # elsewhere it is: Qt's own dialog is shown there
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip().splitlines()[-1] == "True", out.stderr
