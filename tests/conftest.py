import logging
import os

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
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])  # the one pytest-qt's qapp then uses
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


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
