"""A bare Linux PC: what is missing is said in Chinese, with the command, before Qt aborts in English."""

import gc
import os
import subprocess
import sys
import textwrap

import pytest

from disclosure_report import preflight
from disclosure_report.preflight import XCB_LIBRARIES, missing_libraries, window_problem

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux start only")

DESKTOP = {"DISPLAY": ":0"}


def test_libraries_the_loader_does_not_know_are_named_with_the_apt_command():
    present = b"\0".join(s.encode() for s in XCB_LIBRARIES if s not in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    cache = b"glibc-ld.so.cache1.1\0" + present + b"\0"
    message = window_problem(DESKTOP, cache=cache)
    assert message.startswith("无法打开窗口：本机缺少图形界面所需的系统库 libxcb-icccm.so.4、libxcb-keysyms.so.1。")
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1\n" in message
    assert window_problem(DESKTOP, cache=cache + b"/usr/lib/libxcb-icccm.so.4\0libxcb-keysyms.so.1\0") is None


def test_a_library_on_ld_library_path_counts_as_installed(tmp_path):
    (tmp_path / "libxcb-cursor.so.0").write_bytes(b"")
    assert missing_libraries({"libxcb-cursor.so.0": "libxcb-cursor0"}, b"", str(tmp_path)) == []
    assert missing_libraries({"libxcb-cursor.so.0": "libxcb-cursor0"}, b"", "") == ["libxcb-cursor.so.0"]


# The real loader cache: libc is on every machine that runs these tests, the X libraries need not be (CI's is fresh).
PRESENT = {"libc.so.6": "libc6"}


def test_this_machines_libraries_are_found_and_a_hidden_one_is_not():
    assert window_problem(DESKTOP, PRESENT) is None
    message = window_problem(DESKTOP, {**PRESENT, "libxcb-hidden.so.9": "libxcb-hidden9"})
    assert "系统库 libxcb-hidden.so.9。" in message and "  sudo apt install libxcb-hidden9\n" in message


def test_no_display_is_said_and_chosen_platforms_are_left_to_qt():
    assert "没有找到图形显示" in window_problem({})
    assert window_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert window_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert "没有找到图形显示" in window_problem({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"})


def test_the_program_without_a_display_says_so_in_chinese_and_never_loads_qt(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    code = "import sys\nfrom disclosure_report.cli import main\ncode = main([])\n" \
           "assert 'PySide6' not in sys.modules\nraise SystemExit(code)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**env, "XDG_DATA_HOME": str(tmp_path)})
    assert out.returncode == 2
    assert out.stderr.startswith("无法打开窗口：没有找到图形显示") and "disclosure-report --help" in out.stderr
    assert not (tmp_path / "disclosure-report").exists()


def test_the_program_with_a_hidden_library_says_which_and_stops(monkeypatch, capsys, tmp_path):
    from disclosure_report.ui.app import run_app

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(preflight, "XCB_LIBRARIES", {**PRESENT, "libxcb-hidden.so.9": "libxcb-hidden9"})
    assert run_app(str(tmp_path / "library.sqlite3")) == 2
    assert gc.isenabled()  # paused for the start only, also when the window does not open
    assert "  sudo apt install libxcb-hidden9\n" in capsys.readouterr().err
    assert not (tmp_path / "library.sqlite3").exists()


def test_without_a_chinese_font_the_window_is_not_shown_in_boxes_and_the_command_is_given(tmp_path):
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}/cache</cachedir></fontconfig>')
    code = textwrap.dedent(f"""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox
        app = QApplication([])
        def answer():  # the message box, read and closed as a clerk would
            box = QApplication.activeModalWidget()
            print("BOX:", box.text())
            box.accept()
        QTimer.singleShot(500, answer)
        from disclosure_report.ui.app import run_app
        raise SystemExit(run_app({str(tmp_path / "library.sqlite3")!r}))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 2, out.stderr
    assert "本机没有中文字体" in out.stderr and "sudo apt install fonts-noto-cjk" in out.stderr
    assert "BOX: 本机没有中文字体" in out.stdout and "No Chinese font" in out.stdout
    assert not (tmp_path / "library.sqlite3").exists()
