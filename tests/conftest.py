import os

# Qt never needs a screen in tests (set before anything imports PySide6).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from disclosure_report.jsonfile import read_report  # noqa: E402
from disclosure_report.resources import sample_path  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def sample():
    """A fresh copy of the embedded sample (鄄城县人民政府 2023)."""
    return read_report(sample_path())


@pytest.fixture
def fixtures_dir():
    return FIXTURES
