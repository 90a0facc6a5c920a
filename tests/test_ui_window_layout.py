"""The window opens as the clerk left it: its size, the findings pane's height, whether it is shown."""

import os
import subprocess
import sys

from disclosure_report.ui.window_layout import SETTING
from ui_support import *  # noqa: F401,F403
from ui_support import open_window


def findings_below_the_report(window) -> bool:
    editor, pane = window.editor.geometry(), window.findings_pane.geometry()
    return editor.width() == pane.width() and pane.top() > editor.bottom()


def test_the_window_reopens_with_the_size_and_findings_pane_the_clerk_left(qtbot, library):
    window = open_window(qtbot, library)
    assert findings_below_the_report(window) and window.findings_pane.height() >= 120
    window.resize(780, 760)  # the offscreen screen is 800×800; above the window's minimum width (~727 px with the frozen panes)
    report, findings = window.panes.sizes()
    window.panes.setSizes([report - 60, findings + 60])  # the clerk drags the divider up
    window.close()

    again = open_window(qtbot, library)
    assert (again.width(), again.height()) == (780, 760)
    assert findings_below_the_report(again)
    assert again.panes.sizes() == [report - 60, findings + 60]
    again.close()


def test_a_findings_pane_the_clerk_hid_stays_hidden_until_shown_from_the_view_menu(qtbot, library):
    window = open_window(qtbot, library)
    assert window.actions["findings"].isChecked()
    window.actions["findings"].trigger()  # 视图 → 核对结果
    assert not window.findings_pane.isVisible()
    window.close()

    again = open_window(qtbot, library)
    assert not again.findings_pane.isVisible() and not again.actions["findings"].isChecked()
    again.actions["findings"].trigger()
    assert again.findings_pane.isVisible() and findings_below_the_report(again)
    again.close()


def test_a_damaged_saved_layout_gives_the_default_layout(qtbot, library):
    for damaged in ({"geometry": "not hex", "panes": "00ff", "findings_shown": True},
                    {"geometry": "00", "panes": "0000", "findings_shown": True},  # hex, but not Qt's
                    {"state": "00"}, [1, 2], "text"):
        library.set_setting(SETTING, damaged)
        window = open_window(qtbot, library)
        assert window.findings_pane.isVisible() and findings_below_the_report(window)
        assert window.findings_pane.height() >= 120
        window.close()
        assert set(library.get_setting(SETTING)) == {"geometry", "panes", "findings_shown"}  # a sound one now


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
below = window.findings_pane.geometry().top() > window.editor.geometry().bottom()
print("Qt" in vars(PySide6.QtCore), below, window.document.report.organ)
if sys.argv[2] == "close":
    window.close()
"""


def test_the_window_starts_without_loading_qts_namespace_the_first_time_and_after(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    path = str(tmp_path / "library.sqlite3")

    def start(then):
        out = subprocess.run([sys.executable, "-c", STARTS_WITHOUT_QT_NAMESPACE, path, then],
                             capture_output=True, text=True, timeout=60, env=env)
        assert out.returncode == 0, out.stderr
        return out.stdout.split()

    assert start("stay") == ["False", "True", "鄄城县人民政府"]  # the first start sets the panes itself
    # the start before was ended without closing, so there is still no layout: this one closes and saves one
    assert start("close") == ["False", "True", "鄄城县人民政府"]
    assert start("stay") == ["False", "True", "鄄城县人民政府"]  # the layout that close saved
