"""Choose Chinese fonts that are installed, so that print never shows boxes.

The official layout (GB/T 9704) asks for 仿宋 in the body, 黑体 for headings
and 小标宋 for the title; each list below goes from that font to the free
ones found on UOS/Kylin/Debian. Any font that covers Simplified Chinese is
the last resort; with none at all printing stops with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from disclosure_report.errors import ReportFileError

BODY = ("仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC",
        "思源宋体", "WenQuanYi Micro Hei", "文泉驿微米黑", "WenQuanYi Zen Hei", "文泉驿正黑")
HEADING = ("黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "思源黑体", "Microsoft YaHei",
           "微软雅黑", "WenQuanYi Micro Hei", "文泉驿微米黑", "WenQuanYi Zen Hei", "文泉驿正黑")
TITLE = ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun",
         "Noto Serif CJK SC", "Source Han Serif SC", "思源宋体")

NO_FONT_MESSAGE = (
    "找不到中文字体，无法打印或生成 PDF（否则汉字会显示成方框）。"
    "请安装仿宋（FangSong）、Noto Serif CJK 或文泉驿字体后重试；"
    "统信 UOS / 麒麟 / Debian 上可执行：sudo apt install fonts-noto-cjk"
)


class MissingFontError(ReportFileError):
    """No installed font can show Chinese."""


@dataclass(frozen=True)
class PrintFonts:
    body: str
    heading: str
    title: str


def choose_family(preferred: Sequence[str], available: Iterable[str],
                  covers_chinese: Callable[[str], bool]) -> Optional[str]:
    """The first preferred family that is installed, else any installed Chinese family."""
    families = list(available)
    installed = {name.casefold(): name for name in families}
    for name in preferred:
        if name.casefold() in installed:
            return installed[name.casefold()]
    chinese = [name for name in families if covers_chinese(name)]
    # a proportional font reads better than a monospaced one
    chinese.sort(key=lambda name: "mono" in name.casefold())
    return chinese[0] if chinese else None


def pick_fonts() -> PrintFonts:
    """Families for body, headings and title; MissingFontError when Chinese cannot be shown."""
    from PySide6.QtGui import QFontDatabase

    available = QFontDatabase.families()

    def covers_chinese(name: str) -> bool:
        return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(name)

    body = choose_family(BODY, available, covers_chinese)
    if body is None:
        raise MissingFontError(NO_FONT_MESSAGE)
    heading = choose_family(HEADING, available, covers_chinese) or body
    title = choose_family(TITLE, available, covers_chinese) or body
    return PrintFonts(body, heading, title)
