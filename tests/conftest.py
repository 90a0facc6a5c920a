import logging
import os
import sys

# Qt never needs a screen in tests (set before anything imports PySide6).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from disclosure_report import errorlog  # noqa: E402
from disclosure_report.jsonfile import read_report  # noqa: E402
from disclosure_report.resources import sample_path  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
NO_CHINESE_FONT = ("needs a Chinese font to print, and none is installed: "
                   "sudo apt-get install fonts-noto-cjk (or any font covering Simplified Chinese)")


def _chinese_font_installed() -> bool:
    """What the window asks before it shows (ui.app.has_chinese_font), so that a test skips exactly where a
    clerk would be told to install a font."""
    from PySide6.QtWidgets import QApplication

    from disclosure_report.ui.app import has_chinese_font

    QApplication.instance() or QApplication([])  # the one pytest-qt's qapp then uses
    return has_chinese_font()


def _children_see_the_fonts_we_see(event: str, args: tuple) -> None:
    """With fontconfig limited to a folder without Chinese fonts (FONTCONFIG_FILE, as .ci/without-chinese-font
    does), a program a test starts with an environment of its own must keep that limit: else it would find the
    machine's Chinese fonts and a test that needs one would pass there but fail where there is none."""
    if event not in ("subprocess.Popen", "os.posix_spawn", "os.exec") or "FONTCONFIG_FILE" not in os.environ:
        return
    env = args[-1]  # subprocess.Popen (executable, args, cwd, env); os.posix_spawn and os.exec (path, args, env)
    if env is not None and "FONTCONFIG_FILE" not in env and b"FONTCONFIG_FILE" not in env:
        raise RuntimeError(f"{args[1]!r} is started without FONTCONFIG_FILE, which this test run sets: "
                           "build its environment from os.environ")


sys.addaudithook(_children_see_the_fonts_we_see)


def pytest_runtest_setup(item):
    """Tests marked chinese_font skip, saying what to install, on a machine without one (before their
    fixtures print anything); .ci/run sets REQUIRE_CHINESE_FONT=1 so that there they fail instead."""
    if item.get_closest_marker("chinese_font") is None or _chinese_font_installed():
        return
    if os.environ.get("REQUIRE_CHINESE_FONT") == "1":
        pytest.fail(NO_CHINESE_FONT + " (REQUIRE_CHINESE_FONT=1: printing tests may not be skipped)")
    pytest.skip(NO_CHINESE_FONT)


@pytest.fixture
def sample():
    """A fresh copy of the embedded sample (鄄城县人民政府 2023)."""
    return read_report(sample_path())


@pytest.fixture
def fixtures_dir():
    return FIXTURES


@pytest.fixture
def folder(tmp_path):
    """A drafts folder (草稿) that a read-only test may take the write bits from: given back afterwards, so that
    pytest can remove it (tests/read_only_support.py)."""
    from read_only_support import make_writable

    folder = tmp_path / "草稿"
    folder.mkdir()
    yield folder
    make_writable(folder)


@pytest.fixture(autouse=True)
def log_folder(tmp_path, monkeypatch):
    """The log file of each test in its own folder, never the user's; no handler kept between tests."""
    folder = tmp_path / "logs"
    monkeypatch.setattr(errorlog, "log_folder", lambda: folder)
    yield folder
    logger = logging.getLogger("disclosure_report")
    for handler in [h for h in logger.handlers if isinstance(h, errorlog._LogFile)]:
        logger.removeHandler(handler)
        handler.close()
