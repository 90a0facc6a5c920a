"""Font choice and the PDF text map: Chinese prints in an installed font, and copies out as written."""

import pytest

from disclosure_report.printing.fonts import BODY, MissingFontError, choose_family, pick_fonts
from disclosure_report.printing.tounicode import remap_targets


def test_the_first_preferred_installed_family_wins():
    available = ["DejaVu Sans", "WenQuanYi Micro Hei", "Noto Serif CJK SC"]
    assert choose_family(BODY, available, lambda name: True) == "Noto Serif CJK SC"
    assert choose_family(BODY, ["fangsong"] + available, lambda name: True) == "fangsong"


def test_any_chinese_family_is_the_last_resort_and_none_means_none():
    available = ["DejaVu Sans", "Sarasa Mono SC", "AR PL UMing CN"]
    chinese = {"Sarasa Mono SC", "AR PL UMing CN"}
    assert choose_family(BODY, available, chinese.__contains__) == "AR PL UMing CN"  # not the monospaced one
    assert choose_family(BODY, ["DejaVu Sans"], lambda name: False) is None


def test_without_any_chinese_font_printing_stops_with_what_to_install(qapp, monkeypatch):
    from PySide6.QtGui import QFontDatabase

    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: ["DejaVu Sans"]))
    monkeypatch.setattr(QFontDatabase, "writingSystems", staticmethod(lambda *args: []))
    with pytest.raises(MissingFontError, match="找不到中文字体.*fonts-noto-cjk"):
        pick_fonts()


CMAP = (b"<< /Length 9 >>\nstream\n/CIDInit begincmap\n2 beginbfrange\n"
        b"<0001> <0004> [<2F2F> <2EA0> <4EBA> <2F3E>]\n"
        b"<0005> <0006> <2F00>\n"
        b"<2F2F> <2F2F> <2F2F>\n"
        b"endbfrange\n1 beginbfchar\n<2F2F> <2ED4>\nendbfchar\nendcmap\nendstream")


def test_text_map_targets_become_the_printed_characters():
    printed_as = {"⼯": "工", "⺠": "民", "⼾": "户", "⻔": "门"}.get
    fixed = remap_targets(CMAP, printed_as)
    assert len(fixed) == len(CMAP)  # no offset in the file moves
    assert b"<0001> <0004> [<5DE5> <6C11> <4EBA> <6237>]" in fixed  # 工 民 人 户
    assert b"<0005> <0006> <2F00>" in fixed  # a run of consecutive codes is left alone
    assert b"<2F2F> <2F2F> <5DE5>" in fixed  # glyph codes stay, targets change
    assert b"<2F2F> <95E8>" in fixed  # 门
