"""How the few widgets that stand out look, set on each of them.

Not one style sheet for the whole application: that would send every
widget's polishing and painting through Qt's style-sheet engine, which
made the window's start about 7 ms slower (bench/bench_startup.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

PAGE_TITLE = "font-weight: bold; padding: 4px 0;"  # Qt style sheets take no font-size in %
LEGEND = "color: #555;"
BANNER = "background: #fde7e5; color: #8c1d18; border: 1px solid #e6a19b; padding: 8px;"
PARTS_LIST = "QListWidget::item { padding: 7px 4px; } QScrollBar:horizontal { height: 0px; }"  # items wrap


def page_title(text: str) -> QLabel:
    title = QLabel(text)
    title.setStyleSheet(PAGE_TITLE)
    return title


def restyle(widgets) -> None:
    """After the application's font changed: a widget with a style sheet keeps its old font otherwise."""
    for widget in widgets:
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


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
