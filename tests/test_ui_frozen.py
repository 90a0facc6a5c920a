"""Frozen panes: 表三's header rows and row labels stay in view as a clerk scrolls, as in Excel/WPS."""

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontMetrics

from disclosure_report.ui.delegates import break_between_words, label_text
from disclosure_report.ui.frozen import frozen_extent
from ui_support import *  # noqa: F401,F403


def table_page(window, table_id):
    window.resize(1366, 740)
    page = window.editor.show_page(table_id)
    view = page.view
    window.repaint()
    return view


def ink(image, rect: QRect) -> int:
    """Pixels of text (dark) in a region of a grabbed picture."""
    return sum(1 for x in range(rect.left(), rect.right(), 2) for y in range(rect.top(), rect.bottom(), 2)
               if QColor(image.pixel(x, y)).lightness() < 110)


def test_what_is_frozen(window):
    extents = {tid: frozen_extent(window.editor.show_page(tid).view.model()) for tid in ("active", "applications",
                                                                                         "appeals")}
    assert extents == {"active": (0, 0), "applications": (3, 3), "appeals": (3, 0)}


def test_table_three_scrolled_to_the_end_still_shows_its_headers_and_row_labels(window, qtbot):
    view = table_page(window, "applications")
    header = view.frozen.top.geometry()
    before = view.grab(header).toImage()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert view.verticalScrollBar().value() > 200  # it did scroll
    qtbot.wait(20)
    after = view.grab(header).toImage()
    assert after == before  # 自然人 … 总计 where they were
    # the last row, 四、结转下年度继续办理, is under its frozen labels and next to the numbers
    model = view.model()
    last = model.rowCount() - 1
    assert view.frozen.left.indexAt(QPoint(5, view.frozen.left.viewport().height() - 5)).row() == last


@pytest.mark.chinese_font
def test_a_label_merged_over_many_rows_is_drawn_in_its_visible_part(window, qtbot):
    view = table_page(window, "applications")
    model = view.model()
    # 三、本年度办理结果 spans 22 rows in column 0: scroll so that its top is out of sight
    view.verticalScrollBar().setValue(view.rowViewportPosition(12) + view.verticalScrollBar().value()
                                      - view.frozen.height())
    qtbot.wait(20)
    left = view.frozen.left
    first_visible = left.indexAt(QPoint(2, view.frozen.height() + 2))
    assert model.cell(first_visible).text == "三、本年度办理结果"
    column = QRect(0, view.frozen.height(), left.columnWidth(0), left.viewport().height() - view.frozen.height())
    assert ink(left.grab().toImage(), column) > 30  # its text is there, not a blank column


def test_a_header_wider_than_its_column_breaks_between_words(window):
    assert break_between_words("社会公益组织", 5) == "社会公益\n组织"
    assert break_between_words("法律服务机构", 3) == "法律\n服务\n机构"
    assert break_between_words("其他", 5) == "其他"
    metrics = QFontMetrics(window.font())
    narrow = metrics.horizontalAdvance("中") * 5
    assert label_text("社会公益组织", "header", metrics, narrow) == "社会公益\n组织"
    assert label_text("（三）不予公开", "label", metrics, narrow) == "（三）不予公开"  # labels wrap as Qt does


def test_moving_down_with_enter_keeps_the_current_cell_below_the_frozen_headers(window, qtbot):
    view = table_page(window, "applications")
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    index = view.model().index_of("applications.new.natural")
    view.setCurrentIndex(index)
    view.scrollTo(index)
    assert view.visualRect(index).top() >= view.frozen.height()
    assert view.visualRect(index).left() >= view.frozen.width()
