"""The window opens as the clerk left it: its size and the findings panel's height."""

import os
import subprocess
import sys

from PySide6.QtCore import Qt

from disclosure_report.ui.window_layout import SETTING
from ui_support import *  # noqa: F401,F403


def open_window(qtbot, library):
    from disclosure_report.ui.app import create_application, create_main_window

    create_application([])
    window = create_main_window(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_reopens_with_the_size_and_findings_panel_the_clerk_left(qtbot, library):
    window = open_window(qtbot, library)
    window.resize(720, 760)  # the offscreen screen is 800×800
    default_height = window.findings_dock.height()
    window.resizeDocks([window.findings_dock], [default_height + 40], Qt.Vertical)  # the clerk drags it up
    qtbot.waitUntil(lambda: window.findings_dock.height() > default_height + 20)
    height = window.findings_dock.height()
    window.close()

    again = open_window(qtbot, library)
    assert (again.width(), again.height()) == (720, 760)
    assert again.dockWidgetArea(again.findings_dock) == Qt.BottomDockWidgetArea
    assert again.findings_dock.isVisible() and again.findings_dock.height() == height
    again.close()


def test_a_damaged_saved_layout_gives_the_default_layout(qtbot, library):
    library.set_setting(SETTING, {"geometry": "not hex", "state": "00ff"})
    window = open_window(qtbot, library)
    assert window.dockWidgetArea(window.findings_dock) == Qt.BottomDockWidgetArea
    assert window.findings_dock.isVisible() and window.findings_dock.height() >= 120
    window.close()
    assert bytes.fromhex(library.get_setting(SETTING)["state"])  # closing wrote a sound one

    library.set_setting(SETTING, {"geometry": "00", "state": "0000"})  # hex, but not Qt's
    window = open_window(qtbot, library)
    assert window.dockWidgetArea(window.findings_dock) == Qt.BottomDockWidgetArea
    assert window.findings_dock.isVisible()
    window.close()


# Qt's namespace holds about a hundred enum classes that PySide6 builds on first use: a tenth of a
# bare hello-world's start. Nothing before the window is on screen may need it (bench/bench_startup.py).
STARTS_WITHOUT_QT_NAMESPACE = """
import sys
import PySide6.QtCore
from disclosure_report.ui.app import create_application, create_main_window, open_library
app = create_application([])
library = open_library(sys.argv[1])
window = create_main_window(library)
window.show()
print("Qt" in vars(PySide6.QtCore), window.findings_dock.isVisible(), window.document.report.organ)
if sys.argv[2] == "close":
    window.close()
"""


def test_the_window_starts_without_loading_qts_namespace_once_it_has_been_closed_before(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    path = str(tmp_path / "library.sqlite3")

    def start(then):
        out = subprocess.run([sys.executable, "-c", STARTS_WITHOUT_QT_NAMESPACE, path, then],
                             capture_output=True, text=True, timeout=60, env=env)
        assert out.returncode == 0, out.stderr
        return out.stdout.split()

    assert start("close") == ["True", "True", "鄄城县人民政府"]  # the first start places the panel itself
    assert start("stay") == ["False", "True", "鄄城县人民政府"]
