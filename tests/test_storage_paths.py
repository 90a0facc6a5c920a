"""Where the library lives, and the warning about network drives."""

import sys
import types

import pytest

from disclosure_report import userdata
from disclosure_report.storage import default_library_path, is_network_path, paths

MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda2 / ext4 rw,relatime 0 0
/dev/sda3 /home ext4 rw,relatime 0 0
//fileserver/share /home/clerk/单位共享 cifs rw,relatime,vers=3.0 0 0
server:/export /mnt/nfs\\040data nfs4 rw,relatime 0 0
clerk@host:/srv /home/clerk/远程 fuse.sshfs rw,nosuid,nodev 0 0
/dev/sdb1 /home/clerk/单位共享/本地盘 ext4 rw 0 0
"""


@pytest.fixture
def fake_mounts(tmp_path, monkeypatch):
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS, encoding="utf-8")
    monkeypatch.setattr(paths, "PROC_MOUNTS", mounts)
    monkeypatch.setattr(paths.sys, "platform", "linux")
    monkeypatch.setattr(paths, "_existing_ancestor", lambda p: str(p))


@pytest.mark.parametrize("path, network", [
    ("/home/clerk/.local/share/disclosure-report/library.sqlite3", False),
    ("/home/clerk/单位共享/library.sqlite3", True),
    ("/home/clerk/单位共享/本地盘/library.sqlite3", False),  # a local disk mounted inside the share
    ("/home/clerk/单位共享2/library.sqlite3", False),  # only a prefix of the share's name
    ("/mnt/nfs data/library.sqlite3", True),  # \040 in /proc/mounts is a space
    ("/home/clerk/远程/a/b.sqlite3", True),
    ("/tmp/library.sqlite3", False),
])
def test_network_mounts_on_linux(fake_mounts, path, network):
    assert is_network_path(path) is network


def test_unreadable_mount_table_means_local(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROC_MOUNTS", tmp_path / "missing")
    monkeypatch.setattr(paths.sys, "platform", "linux")
    assert is_network_path(tmp_path / "library.sqlite3") is False


@pytest.mark.parametrize("text, unc", [
    (r"\\fileserver\share\library.sqlite3", True),
    ("//fileserver/share/library.sqlite3", True),
    (r"\\?\UNC\fileserver\share\library.sqlite3", True),
    (r"\\?\C:\Users\clerk\library.sqlite3", False),
    (r"\\.\C:\library.sqlite3", False),
    (r"C:\Users\clerk\AppData\Local\disclosure-report\library.sqlite3", False),
])
def test_unc_paths_on_windows(text, unc):
    assert paths._is_unc(text) is unc


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is the Linux rule")
def test_the_default_library_is_local_user_data(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_library_path()
    assert path == tmp_path / "data" / "disclosure-report" / "library.sqlite3"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/mounts")
def test_a_library_not_yet_created_on_the_local_disk(tmp_path):
    assert is_network_path(tmp_path / "not" / "yet" / "library.sqlite3") is False


@pytest.fixture
def frozen_program(tmp_path, monkeypatch):
    """A bundled program (PyInstaller sets sys.frozen) in tmp_path/程序 目录."""
    program = tmp_path / "程序 目录"
    program.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "disclosure-report.exe"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return program


def test_a_portable_copy_keeps_its_library_beside_the_program(frozen_program):
    (frozen_program / paths.PORTABLE_MARKER).write_text("绿色版", encoding="utf-8")
    assert paths.portable_data_folder() == frozen_program / "data"
    assert default_library_path() == frozen_program / "data" / "library.sqlite3"


def test_without_the_marker_the_bundle_uses_the_user_data_folder(frozen_program):
    assert paths.portable_data_folder() is None
    assert default_library_path().parent.name == "disclosure-report"
    assert frozen_program not in default_library_path().parents


def test_the_marker_means_nothing_when_running_from_source(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.portable_data_folder() is None


@pytest.fixture
def on_windows(monkeypatch, tmp_path):
    """sys.platform says Windows; ctypes and platformdirs may not be imported (the start must not load them)."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "张 三" / "AppData" / "Local"))
    monkeypatch.setenv("SYSTEMDRIVE", "C:")
    monkeypatch.setitem(sys.modules, "ctypes", None)
    monkeypatch.setitem(sys.modules, "platformdirs", None)
    return tmp_path / "张 三" / "AppData" / "Local"


def test_on_windows_the_drafts_and_the_log_are_in_local_appdata(on_windows):
    import importlib.util

    from disclosure_report import errorlog

    assert default_library_path() == on_windows / "disclosure-report" / "library.sqlite3"
    # a copy of errorlog: conftest gives each test its own log folder in place of the module's
    spec = importlib.util.spec_from_file_location("errorlog_as_shipped", errorlog.__file__)
    shipped = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shipped)
    assert shipped.log_folder() == on_windows / "disclosure-report" / "logs"  # beside the drafts, as before


@pytest.mark.parametrize("value", ["", "AppData\\Local"])
def test_without_an_absolute_local_appdata_platformdirs_is_asked(on_windows, monkeypatch, value):
    monkeypatch.setenv("LOCALAPPDATA", value)
    asked = []
    monkeypatch.setitem(sys.modules, "platformdirs", types.SimpleNamespace(
        user_data_dir=lambda *args, **options: asked.append((args, options)) or "/known/folder/disclosure-report"))
    assert str(userdata.user_data_folder()) == "/known/folder/disclosure-report"
    assert asked == [(("disclosure-report",), {"appauthor": False, "roaming": False})]


def _kernel32_saying(drive_type, asked):
    kernel32 = types.SimpleNamespace(GetDriveTypeW=lambda root: asked.append(root) or drive_type)
    return types.SimpleNamespace(windll=types.SimpleNamespace(kernel32=kernel32))


@pytest.mark.parametrize("path", [r"C:\Users\张 三\AppData\Local\disclosure-report\library.sqlite3",
                                  r"c:\报告\library.sqlite3"])
def test_a_library_on_the_system_drive_is_local_without_asking_windows(on_windows, path):
    assert is_network_path(path) is False  # ctypes is None in sys.modules: importing it would fail


@pytest.mark.parametrize("drive_type, network", [(4, True), (3, False), (2, False)])  # remote, fixed, removable
def test_another_drive_letter_is_asked_of_windows(on_windows, monkeypatch, drive_type, network):
    asked = []
    monkeypatch.setitem(sys.modules, "ctypes", _kernel32_saying(drive_type, asked))
    assert is_network_path(r"Z:\绿色 版\data\library.sqlite3") is network
    assert asked == ["Z:\\"]


def test_without_system_drive_every_drive_is_asked(on_windows, monkeypatch):
    monkeypatch.delenv("SYSTEMDRIVE")
    asked = []
    monkeypatch.setitem(sys.modules, "ctypes", _kernel32_saying(3, asked))
    assert is_network_path(r"C:\Users\library.sqlite3") is False and asked == ["C:\\"]
