"""Where the library lives, and the warning about network drives."""

import sys

import pytest

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
