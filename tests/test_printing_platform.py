"""The Qt platform the command line prints a PDF with (printing/pdf.py)."""

import pytest

from disclosure_report.printing.pdf import printing_platform


@pytest.mark.parametrize("requested", ["", "offscreen", "minimal", "offscreen:fontengine=freetype"])
def test_on_windows_printing_uses_the_platform_that_finds_the_fonts(requested):
    # the self-test and the CLI ask for offscreen, whose Windows build lists no font family
    assert printing_platform(requested, "win32", has_display=False) == "minimal:enable_fonts"


def test_on_windows_an_explicit_windows_option_is_kept():
    assert printing_platform("windows:darkmode=0", "win32", has_display=False) is None


@pytest.mark.parametrize("requested, has_display, expected", [
    ("", False, "offscreen"),   # a server or CI without a screen
    ("", True, None),           # a desktop: Qt picks xcb
    ("offscreen", False, None),  # already what was asked for
    ("xcb", True, None),
])
def test_on_linux_offscreen_only_without_a_display(requested, has_display, expected):
    assert printing_platform(requested, "linux", has_display) == expected
