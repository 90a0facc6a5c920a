"""The pages of a PDF, shown one under the other, each drawn when it comes into view.

The print preview shows the PDF the printing worker wrote (the very file
导出 PDF writes), so what the clerk sees is what is printed. PDFium renders
it on a thread of its own (``PageRenderer``): its calls release Python's
lock, and only the pages in view (and the next one) are rendered, at the
zoom shown, so a report of hundreds of pages opens as fast as one of two
and holds a bounded number of page images.
"""

from __future__ import annotations

import bisect
import threading
from typing import Dict, List, Optional, Sequence, Tuple

from PySide6.QtCore import QObject, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QScrollArea, QWidget

GAP = 16  # logical pixels around and between pages
KEPT_IMAGES = 12  # rendered pages kept; farther ones are dropped and drawn again when scrolled back to
MIN_ZOOM, MAX_ZOOM = 0.2, 6.0  # logical pixels per PDF point


def page_sizes(data: bytes) -> List[Tuple[float, float]]:
    """Each page's (width, height) in points, read from the page tree without rendering.

    Call it off the GUI thread the first time: importing PDFium's bindings takes ~0.2 s.
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return [tuple(document.get_page_size(index)) for index in range(len(document))]  # type: ignore[misc]
    finally:
        document.close()


class PageRenderer(QObject):
    """Renders the pages asked for, latest wishes first, on a thread that owns the PDF document."""

    rendered = Signal(int, float, QImage)  # page index, pixels per point, image (delivered on the GUI thread)

    def __init__(self, data: bytes):
        super().__init__()
        self._data = data
        self._wanted: List[Tuple[int, float]] = []
        self._closed = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="preview pages", daemon=True)
        self._thread.start()

    def want(self, pages: Sequence[Tuple[int, float]]) -> None:
        """Render these (page, scale) next, in this order; replaces what was wanted before."""
        with self._condition:
            self._wanted = list(pages)
            self._condition.notify()

    def close(self) -> None:
        """Stop after the page being rendered (if any, ~10–50 ms); the thread closes the document first."""
        with self._condition:
            self._closed = True
            self._wanted = []
            self._condition.notify()
        self._thread.join(2.0)  # PDFium's document closed before the program can exit

    def wait_closed(self, seconds: float) -> bool:
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _next(self) -> Optional[Tuple[int, float]]:
        with self._condition:
            while not self._wanted and not self._closed:
                self._condition.wait()
            return None if self._closed else self._wanted.pop(0)

    def _run(self) -> None:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(self._data)
        try:
            while (wanted := self._next()) is not None:
                index, scale = wanted
                page = document[index]
                try:
                    bitmap = page.render(scale=scale, may_draw_forms=False)  # BGR, white background
                    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                                   QImage.Format.Format_BGR888).copy()  # copy: the bitmap's memory goes
                    bitmap.close()
                finally:
                    page.close()
                with self._condition:
                    if self._closed:
                        break
                self.rendered.emit(index, scale, image)
        finally:
            document.close()


class PageColumn(QWidget):
    """The pages at one zoom, centred, with a gap around each; a page not yet rendered is drawn blank."""

    zoomed = Signal()

    def __init__(self, sizes: Sequence[Tuple[float, float]], renderer: PageRenderer, parent=None):
        super().__init__(parent)
        self.sizes = list(sizes)
        self.renderer = renderer
        self.zoom = 1.0
        self.images: Dict[int, Tuple[float, QImage]] = {}
        self._tops: List[int] = []
        renderer.rendered.connect(self._rendered)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._place()

    def set_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if abs(zoom - self.zoom) > 1e-6:
            self.zoom = zoom
            self._place()
            self.update()
            self.zoomed.emit()

    def _place(self) -> None:
        self._tops, top = [], GAP
        for _width, height in self.sizes:
            self._tops.append(top)
            top += round(height * self.zoom) + GAP
        widest = max((round(width * self.zoom) for width, _ in self.sizes), default=0)
        self.setFixedSize(QSize(widest + 2 * GAP, top))

    def page_rect(self, index: int) -> QRect:
        width, height = self.sizes[index]
        w, h = round(width * self.zoom), round(height * self.zoom)
        return QRect((self.width() - w) // 2, self._tops[index], w, h)

    def page_at(self, y: int) -> int:
        """The page at height y (the one above, in the gap between two)."""
        return max(0, bisect.bisect_right(self._tops, y) - 1) if self._tops else 0

    def pages_in(self, area: QRect) -> range:
        if not self.sizes:
            return range(0)
        first, last = self.page_at(area.top()), self.page_at(area.bottom())
        return range(first, last + 1)

    def _scale(self) -> float:
        return self.zoom * self.devicePixelRatioF()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#8a8a8a"))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scale = self._scale()
        shown = self.pages_in(event.rect())
        for index in shown:
            rect = self.page_rect(index)
            painter.fillRect(rect.translated(3, 3), QColor("#5a5a5a"))  # shadow
            kept = self.images.get(index)
            if kept is None:
                painter.fillRect(rect, Qt.GlobalColor.white)
            else:  # drawn at its own scale until the one for this zoom arrives
                painter.drawImage(QRectF(rect), kept[1])
        painter.end()
        visible = self.visibleRegion().boundingRect()
        wanted = list(self.pages_in(visible))
        if wanted and wanted[-1] + 1 < len(self.sizes):
            wanted.append(wanted[-1] + 1)  # the next page is ready when the clerk scrolls on
        self.renderer.want([(i, scale) for i in wanted
                            if i not in self.images or abs(self.images[i][0] - scale) > 1e-6])

    def _rendered(self, index: int, scale: float, image: QImage) -> None:
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self.images[index] = (scale, image)
        if len(self.images) > KEPT_IMAGES:
            visible = self.pages_in(self.visibleRegion().boundingRect())
            middle = (visible.start + visible.stop) // 2 if visible else index
            for far in sorted(self.images, key=lambda i: -abs(i - middle))[:len(self.images) - KEPT_IMAGES]:
                del self.images[far]
        self.update(self.page_rect(index))


class PageView(QScrollArea):
    """A PageColumn in a scroll area, zoomed to the width of the view until the clerk zooms."""

    FIT_WIDTH, FIT_PAGE = "width", "page"

    def __init__(self, data: bytes, sizes: Sequence[Tuple[float, float]], parent=None):
        super().__init__(parent)
        self.renderer = PageRenderer(data)  # no parent: its thread keeps it alive until it has stopped
        self.column = PageColumn(sizes, self.renderer)
        self.fit: Optional[str] = self.FIT_WIDTH
        self.setWidget(self.column)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setBackgroundRole(self.column.backgroundRole())
        self.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self.verticalScrollBar().setSingleStep(40)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # fitting the width moves no bar

    def page_count(self) -> int:
        return len(self.column.sizes)

    def current_page(self) -> int:
        """The page at the top of the view (0-based), the one 第 n 页 names."""
        return self.column.page_at(self.verticalScrollBar().value() + GAP)

    def show_page(self, index: int) -> None:
        self.verticalScrollBar().setValue(self.column.page_rect(index).top() - GAP)

    def fit_to(self, how: Optional[str]) -> None:
        self.fit = how
        self._fit()

    def zoom_by(self, factor: float) -> None:
        page = self.current_page()
        self.fit = None
        self.column.set_zoom(self.column.zoom * factor)
        self.show_page(page)

    def _fit(self) -> None:
        if not self.fit or not self.column.sizes:
            return
        width, height = self.column.sizes[self.current_page()]
        room = self.viewport().size()
        across = (room.width() - 2 * GAP) / width
        zoom = across if self.fit == self.FIT_WIDTH else min(across, (room.height() - 2 * GAP) / height)
        page = self.current_page()
        self.column.set_zoom(zoom)
        self.show_page(page)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # Ctrl+滚轮 zooms, as in Word and WPS
            self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
            event.accept()
        else:
            super().wheelEvent(event)
