"""Starting the program: a damaged library is offered its backup, never silently replaced."""

from PySide6.QtWidgets import QMessageBox

from disclosure_report.storage import Library
from disclosure_report.ui.app import open_library
from ui_support import *  # noqa: F401,F403


def damaged_library(tmp_path):
    path = tmp_path / "library.sqlite3"
    library = Library(path)
    library.ensure_sample()
    library.close()
    Library(path).close()  # a second start: the backup holds the sample
    path.write_bytes(b"this is not a database" * 100)
    return path


def test_a_damaged_library_is_restored_from_its_backup_when_the_clerk_agrees(qtbot, tmp_path, dialogs):
    path = damaged_library(tmp_path)
    dialogs.answer = QMessageBox.Yes
    library = open_library(path)
    assert library is not None
    assert "损坏" in dialogs.texts()
    assert [e.organ for e in library.list_reports()] == ["鄄城县人民政府"]
    library.close()
    assert any(p.name.startswith("library.sqlite3.damaged") for p in tmp_path.iterdir())


def test_a_damaged_library_is_left_alone_when_the_clerk_declines(qtbot, tmp_path, dialogs):
    path = damaged_library(tmp_path)
    dialogs.answer = QMessageBox.No
    assert open_library(path) is None
    assert path.read_bytes().startswith(b"this is not a database")


def test_the_command_without_arguments_opens_the_window_on_the_sample(tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "from PySide6.QtCore import QTimer\n"
        "def look_and_quit():\n"
        "    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]\n"
        "    print(window.windowTitle())\n"
        "    QApplication.instance().quit()\n"
        "QApplication.exec_original = QApplication.exec\n"
        "QApplication.exec = lambda self: (QTimer.singleShot(200, look_and_quit), self.exec_original())[1]\n"
        "from disclosure_report.cli import main\n"
        "raise SystemExit(main([]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    assert "示例 · 鄄城县2023年政府信息公开工作年度报告（起草中）" in out.stdout
    assert (tmp_path / "disclosure-report" / "library.sqlite3").is_file()


def test_a_library_on_a_network_drive_is_warned_about(qtbot, tmp_path, dialogs, monkeypatch):
    import disclosure_report.storage as storage

    monkeypatch.setattr(storage, "is_network_path", lambda path: True)
    library = open_library(tmp_path / "library.sqlite3")
    assert library is not None  # still usable, but the clerk knows the risk
    assert "网络驱动器" in dialogs.texts()
    library.close()
