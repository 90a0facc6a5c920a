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
