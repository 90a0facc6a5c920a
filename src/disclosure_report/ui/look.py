"""How the few widgets that stand out look, set on each of them.

Not one style sheet for the whole application: that would send every
widget's polishing and painting through Qt's style-sheet engine, which
made the window's start about 7 ms slower (bench/bench_startup.py). What
the first page shows (its title, the list of parts) sets fonts and margins
instead of style sheets, so that the engine is not started before the window
is on screen: run unfrozen under Wine that looked like 10–25 ms of building
and showing the window, though the frozen program's start showed no gain
beyond its noise (packaging/README.md).
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

LEGEND = "color: #555;"
WARNING_STYLE = "color: #b3261e"  # a message in red beside a field
STATUS_ALERT_STYLE = f"{WARNING_STYLE}; font-weight: bold"  # the status bar: errors found, a save that failed
BANNER = "background: #fde7e5; color: #8c1d18; border: 1px solid #e6a19b; padding: 8px;"
PARTS_PADDING = 14  # pixels added to the height of each part in the list of parts (7 above, 7 below)


def page_title(text: str) -> QLabel:
    title = QLabel(text)
    bold = QFont()  # only the weight is set: family and size still follow the application's (大字号)
    bold.setBold(True)
    title.setFont(bold)
    title.setContentsMargins(0, 4, 0, 4)
    return title


def restyle(widgets) -> None:
    """After the application's font changed: a widget with a style sheet keeps its old font otherwise."""
    for widget in widgets:
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def name_chinese_family(family: Optional[str]) -> None:
    """Name the font Qt draws Chinese in as the application font's second family (on Windows: ui/app.py).

    Text that Qt takes for no script in particular, such as a full-width ：or （ on its own, otherwise goes
    through Qt's whole list of fallback fonts, each loaded in turn until one has the mark: under Wine that
    was every Linux font it lists before WenQuanYi, some 30 ms for each new font size, and the window's
    first show took ~35 ms less with the family named. On an English Windows such marks could come out in
    a Japanese font. The first family still draws what it has (Latin letters and digits)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    font = app.font()
    if family is None or family in font.families():
        return
    font.setFamilies([*font.families(), family])
    app.setFont(font)


NORMAL_POINT_SIZE = 11
LARGE_POINT_SIZE = 14


def apply_font_size(points: int) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    font = app.font()
    font.setPointSize(points)
    # Full hinting: crisp Chinese on the low-resolution screens of older PCs, and with FreeType (UOS,
    # Kylin) about twice as fast to draw as the usual slight hinting, which auto-hints every glyph
    font.setHintingPreference(font.HintingPreference.PreferFullHinting)
    app.setFont(font)
    restyle(app.allWidgets())
