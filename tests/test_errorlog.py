"""The log file: the traceback behind an internal error the clerk is told about, and 帮助 → 打开日志文件夹.

conftest.py's log_folder puts each test's log file in its own folder.
"""

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QDesktopServices

from disclosure_report import errorlog, files
from disclosure_report.resources import sample_path
from ui_support import *  # noqa: F401,F403


def boom(*args, **kwargs):
    raise RuntimeError("读取器的错误")


@pytest.mark.skipif(sys.platform != "linux", reason="the user data folder is found through XDG_DATA_HOME")
def test_an_internal_error_of_the_cli_is_told_in_chinese_and_its_traceback_logged(tmp_path):
    script = ("import sys, disclosure_report.files as f, disclosure_report.cli as cli\n"
              "def boom(*a, **k): raise RuntimeError('读取器的错误')\n"
              "f.read_report = boom\n"
              "sys.exit(cli.main(['import', sys.argv[1]]))\n")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-c", script, str(sample_path())], env=env, capture_output=True,
                          encoding="utf-8")
    assert done.returncode == 2 and "程序内部错误" in done.stderr and "Traceback" not in done.stderr
    log = (tmp_path / "data" / "disclosure-report" / "logs" / "disclosure-report.log").read_text(encoding="utf-8")
    assert "命令行 import" in log and "Traceback (most recent call last)" in log
    assert "RuntimeError: 读取器的错误" in log


def test_an_import_that_fails_inside_the_program_leaves_its_traceback_in_the_log(window, dialogs, log_folder,
                                                                                 monkeypatch, tmp_path):
    errorlog.configure()
    monkeypatch.setattr(files, "read_report", boom)
    assert not window.import_file(tmp_path / "单位.docx", into_current=False)
    assert "程序出错" in dialogs.texts()
    log = (log_folder / errorlog.LOG_NAME).read_text(encoding="utf-8")
    assert "导入 单位.docx" in log and "RuntimeError: 读取器的错误" in log and "Traceback" in log


def test_nothing_is_written_before_something_goes_wrong(log_folder):
    errorlog.configure()
    assert not log_folder.exists()


def test_help_opens_the_log_folder(window, log_folder, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    assert window.actions["log_folder"] in window.help_menu.actions()
    window.actions["log_folder"].trigger()
    assert opened == [str(log_folder)] and log_folder.is_dir()
