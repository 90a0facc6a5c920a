"""A table page: the official layout in a QTableView that types like a spreadsheet.

Enter moves down, Tab right, typing over a cell replaces it, Delete clears
the selection, Ctrl+V fills a block copied from Excel, WPS or a web page
starting at the current cell; every such action is one undo step.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QRect, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QApplication, QTableView

from disclosure_report.numbers import InvalidNumber, cell_value, is_number
from disclosure_report.ui.delegates import TEXT_MARGIN, CellDelegate, label_text
from disclosure_report.ui.frozen import FrozenPanes
from disclosure_report.ui.table_model import TableModel

_MOVES = {
    QAbstractItemView.MoveDown: (1, 0), QAbstractItemView.MoveUp: (-1, 0),
    QAbstractItemView.MoveRight: (0, 1), QAbstractItemView.MoveLeft: (0, -1),
    QAbstractItemView.MoveNext: (0, 1), QAbstractItemView.MovePrevious: (0, -1),
}
_HINT_MOVES = {
    QAbstractItemDelegate.SubmitModelCache: QAbstractItemView.MoveDown,  # Enter
    QAbstractItemDelegate.EditNextItem: QAbstractItemView.MoveNext,  # Tab
    QAbstractItemDelegate.EditPreviousItem: QAbstractItemView.MovePrevious,  # Shift+Tab
}
_CJK = re.compile(r"[\u3400-\u9fff]")
_VALUE_COLUMN_CHARS = 3  # 7 digits fit; a wider window widens the number columns


class TableView(QTableView):
    refused = Signal(str)  # an entry or a paste that was not taken, and why

    def __init__(self, model: TableModel, parent=None):
        super().__init__(parent)
        self.frozen: Optional[FrozenPanes] = None
        self.setModel(model)
        delegate = CellDelegate(self)
        delegate.refused.connect(self.refused)
        self.setItemDelegate(delegate)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        for row, col, rowspan, colspan in model.spans:
            self.setSpan(row, col, rowspan, colspan)
        self.frozen = FrozenPanes(self)  # before the sizes: it follows every column and row resized
        self.fit_to_font()
        self.setCurrentIndex(self._first_editable())
        self._context_menu()

    def _context_menu(self) -> None:
        """Right-click: the same commands as the keys, for clerks who use the mouse."""
        for text, slot in (("复制\tCtrl+C", self.copy),
                           ("粘贴\tCtrl+V", self.paste_clipboard),
                           ("清除\tDelete", self.clear_selection)):
            action = QAction(text, self)
            action.triggered.connect(slot)
            self.addAction(action)
        self.setContextMenuPolicy(Qt.ActionsContextMenu)

    def model(self) -> TableModel:
        return super().model()

    # -- sizes ---------------------------------------------------------------------
    def fit_to_font(self) -> None:
        """Column widths so that labels read in a few lines and numbers fit.

        Each column gets a minimum from the font; a wider window widens the
        number columns up to a comfortable size (see resizeEvent).
        """
        char = self.fontMetrics().horizontalAdvance("中")
        model = self.model()
        self._min_widths, self._value_columns = [], []
        for col in range(model.columnCount()):
            cells = [model.cell(model.index(r, col)) for r in range(model.rowCount())]
            single = [c for c in cells if c is not None and c.colspan == 1]
            if any(c.role == "value" for c in single):
                chars = _VALUE_COLUMN_CHARS
                self._value_columns.append(col)
            else:  # tall group labels too: “（三）不予公开” whole, not “（三）不…”
                longest = max((len(c.text) for c in single), default=4)
                chars = min(max(longest, 4), 15)
            self._min_widths.append(int(char * (chars + 1)))
        self.horizontalHeader().setMinimumSectionSize(int(char * 2))
        self._apply_widths()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._apply_widths()
        if self.frozen is not None:
            self.frozen.place()

    def scrollContentsBy(self, dx, dy):
        super().scrollContentsBy(dx, dy)
        self.viewport().update()  # merged labels are drawn in their visible part: redraw it whole

    def scrollTo(self, index, hint=QAbstractItemView.EnsureVisible):
        """As Qt's, and then not under the frozen header rows or label columns."""
        super().scrollTo(index, hint)
        if self.frozen is None:
            return
        dx, dy = self.frozen.uncovered(self.visualRect(index))
        if dx:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        if dy:
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def _apply_widths(self) -> None:
        metrics = self.fontMetrics()
        char = metrics.horizontalAdvance("中")
        extra = self.viewport().width() - sum(self._min_widths) - 2
        per_value = max(0, min(extra // max(len(self._value_columns), 1), int(char * 5)))
        widths = [w + (per_value if col in self._value_columns else 0) for col, w in enumerate(self._min_widths)]
        if extra < 0:  # a narrow window (起草助手 open on 1366×768): labels wrap onto more lines, 总计 stays in view
            floor = int(char * 5)
            labels = [col for col in range(len(widths)) if col not in self._value_columns and widths[col] > floor]
            room = sum(widths[col] - floor for col in labels)
            for col in labels:
                widths[col] -= min(widths[col] - floor, -extra * (widths[col] - floor) // max(room, 1) + 1)
        header = self.horizontalHeader()
        for col, width in enumerate(widths):
            header.resizeSection(col, width)
        self._fit_rows(widths, metrics)

    def _fit_rows(self, widths, metrics) -> None:
        """Row heights from the wrapped labels (faster than resizeRowsToContents)."""
        model = self.model()
        line = metrics.height()
        minimum = int(line * 1.9)
        for row in range(model.rowCount()):
            height = minimum
            for col in range(model.columnCount()):
                cell = model.cell(model.index(row, col))
                if cell is None or cell.rowspan > 1 or not cell.text:
                    continue
                width = max(sum(widths[col:col + cell.colspan]) - 2 * TEXT_MARGIN, metrics.horizontalAdvance("中"))
                box = metrics.boundingRect(QRect(0, 0, width, 10000), int(Qt.TextWordWrap),
                                           label_text(cell.text, cell.role, metrics, width))
                height = max(height, box.height() + int(line * 0.9))
            self.setRowHeight(row, height)

    # -- moving like a spreadsheet ---------------------------------------------------
    def moveCursor(self, action, modifiers):
        if action not in _MOVES:
            return super().moveCursor(action, modifiers)
        return self._step(self.currentIndex(), *_MOVES[action]) or self.currentIndex()

    def _step(self, index, d_row, d_col):
        """The next value cell from index in a direction, jumping over labels and merges."""
        model = self.model()
        if not index.isValid():
            return self._first_editable()
        row, col = index.row(), index.column()
        if d_col:  # leave the merge the cursor is in
            col += self.columnSpan(row, col) - 1 if d_col > 0 else 0
        else:
            row += self.rowSpan(row, col) - 1 if d_row > 0 else 0
        while True:
            row, col = row + d_row, col + d_col
            if not (0 <= row < model.rowCount() and 0 <= col < model.columnCount()):
                return None
            target = self._covering(row, col)
            if model.is_value(target) and target != index:
                return target

    def _covering(self, row, col):
        """The index drawn at a grid position: the top-left of the merge covering it."""
        model = self.model()
        for r in range(row, -1, -1):
            for c in range(col, -1, -1):
                if model.cell(model.index(r, c)) is not None and \
                        r + self.rowSpan(r, c) > row and c + self.columnSpan(r, c) > col:
                    return model.index(r, c)
        return model.index(row, col)

    def _first_editable(self):
        model = self.model()
        for row in range(model.rowCount()):
            for col in range(model.columnCount()):
                index = model.index(row, col)
                if model.is_editable(index):
                    return index
        return model.index(0, 0)

    def closeEditor(self, editor, hint):
        super().closeEditor(editor, QAbstractItemDelegate.NoHint)
        action = _HINT_MOVES.get(hint)
        if action is not None:
            self.setCurrentIndex(self.moveCursor(action, Qt.NoModifier))

    def keyPressEvent(self, event):
        if self.state() != QAbstractItemView.EditingState:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.setCurrentIndex(self.moveCursor(QAbstractItemView.MoveDown, Qt.NoModifier))
                return
            if event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
                self.clear_selection()
                return
            if event.matches(QKeySequence.Paste):
                self.paste_clipboard()
                return
            if event.matches(QKeySequence.Copy):
                self.copy()
                return
            if event.text().strip() and not event.modifiers() & ~Qt.ShiftModifier \
                    and not self.model().is_editable(self.currentIndex()):
                self.refused.emit(self.why_not_editable(self.currentIndex()))
                return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event):
        """A Chinese input method commits straight to the cell: start the entry with it, replacing."""
        if self.state() == QAbstractItemView.EditingState or not event.commitString():
            super().inputMethodEvent(event)
            return
        index = self.currentIndex()
        if not self.model().is_editable(index):
            self.refused.emit(self.why_not_editable(index))
            return
        self.edit(index)
        editor = self.focusWidget()
        if editor is not None and editor is not self:
            editor.selectAll()
            QApplication.sendEvent(editor, event)

    def why_not_editable(self, index) -> str:
        """What to tell a clerk who types into a cell that takes no input."""
        model = self.model()
        if model.document.read_only:
            return model.document.read_only
        if model.is_value(index):
            return ("这是合计格，由分项相加自动得出，不能直接填写；照抄已公布的报告时，"
                    "可在“工具 → 手工填写合计”中改为手工填写")
        return "这里是表头或行名，不能填写；请选中要填的数字格"

    # -- clearing, copying, pasting ---------------------------------------------------
    def selected_paths(self) -> List[str]:
        model = self.model()
        paths = []
        for index in sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column())):
            if model.is_editable(index):
                paths.append(model.cell(index).path)
        return paths

    def clear_selection(self) -> None:
        paths = self.selected_paths()
        if paths:
            self.model().document.edit_values({p: None for p in paths}, f"清除 {len(paths)} 格")
        else:
            self.refused.emit(self.why_not_editable(self.currentIndex()))

    def copy(self) -> None:
        model = self.model()
        rows: Dict[int, List[str]] = {}
        for index in sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column())):
            if model.is_value(index):
                rows.setdefault(index.row(), []).append(index.data(Qt.DisplayRole))
        QGuiApplication.clipboard().setText("\n".join("\t".join(r) for r in rows.values()))

    def paste_clipboard(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.paste_by_labels(mime.html() if mime.hasHtml() else "", mime.text()):
            self.paste(mime.text() if mime is not None else "")

    def paste_by_labels(self, html: str, text: str) -> bool:
        """A block that carries its row and column labels (a table copied from a web page, a PDF
        viewer, Excel) fills the cells it names, wherever the cursor is; False when it names none."""
        from disclosure_report.reading.grid import labelled_values, text_grid
        from disclosure_report.reading.html import tables_in_html

        document = self.model().document
        values = labelled_values(tables_in_html(html)) if html else {}
        if not values and "\t" in text:
            values = labelled_values([text_grid(text)])
        report = document.report
        cells = report.format.cells
        values = {p: v for p, v in values.items() if report.manual_totals or not cells[p].computed}
        if not values:
            return False
        document.edit_values(values, f"粘贴 {len(values)} 格")
        document.message.emit(f"已按行名和列名粘贴 {len(values)} 格")
        return True

    def paste(self, text: str) -> None:
        """Fill from the current cell; refuse the whole block if one entry is wrong."""
        document = self.model().document
        try:
            values, skipped, dropped = self.paste_targets(text)
        except InvalidNumber as e:
            self.refused.emit(f"粘贴未执行：{e}")
            return
        if not values:
            self.refused.emit("粘贴未执行：剪贴板里没有可以填入的数字，或当前格不是填数的格")
            return
        document.edit_values(values, f"粘贴 {len(values)} 格")
        notes = [f"已粘贴 {len(values)} 格"]
        if skipped:
            notes.append(f"跳过 {skipped} 个自动合计格")
        if dropped:
            notes.append(f"有 {dropped} 个数超出表格范围，未填入")
        document.message.emit("，".join(notes))

    def paste_targets(self, text: str):
        """{path: value} for a pasted block, and how many entries were skipped or dropped."""
        model = self.model()
        start = self.currentIndex()
        if not model.is_value(start):
            return {}, 0, 0
        values, skipped, dropped = {}, 0, 0
        grid_row = start.row()
        for line_no, tokens in enumerate(split_block(text), start=1):
            tokens = without_labels(tokens)
            if not tokens:  # a header row copied along
                continue
            cells = self._value_cells_from(grid_row, start.column())
            while not cells and grid_row < model.rowCount() - 1:
                grid_row += 1
                cells = self._value_cells_from(grid_row, start.column())
            if not cells:
                dropped += len(tokens)
                continue
            editable = [i for i in cells if model.is_editable(i)]
            # a row copied without its totals goes to the cells that take input
            targets = editable if len(tokens) == len(editable) != len(cells) else cells
            for n, token in enumerate(tokens, start=1):
                index = targets[n - 1] if n <= len(targets) else None
                try:
                    value = cell_value(token, model.kind(index) if index is not None else "count")
                except InvalidNumber as e:
                    raise InvalidNumber(f"第 {line_no} 行第 {n} 个数 {e}") from None
                if index is None:
                    dropped += 1
                    continue
                if not model.is_editable(index):
                    skipped += 1
                    continue
                values[model.cell(index).path] = value
            grid_row += 1
        return values, skipped, dropped

    def _value_cells_from(self, grid_row: int, col: int):
        model = self.model()
        if grid_row >= model.rowCount():
            return []
        cells, seen = [], set()
        for c in range(col, model.columnCount()):
            index = self._covering(grid_row, c)
            if model.is_value(index) and (index.row(), index.column()) not in seen and index.row() == grid_row:
                seen.add((index.row(), index.column()))
                cells.append(index)
        return cells

    # -- selecting what a finding names ----------------------------------------------
    def select_paths(self, paths) -> None:
        model = self.model()
        indexes = [model.index_of(p) for p in paths if p in model.paths()]
        if not indexes:
            return
        selection = QItemSelection()
        for index in indexes:
            selection.select(index, index)
        self.setCurrentIndex(indexes[0])
        self.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(indexes[0])
        self.setFocus()


def without_labels(tokens: List[str]) -> List[str]:
    """The numbers of a row copied with its label (一、本年新收… 80 0 …); nothing for a header row."""
    labels = [bool(_CJK.search(t)) and not is_number(t) for t in tokens]
    if all(label or not t.strip() for label, t in zip(labels, tokens)):
        return []
    start = 0
    for n, (label, token) in enumerate(zip(labels, tokens)):
        if label:
            start = n + 1
        elif token.strip():
            break
    return tokens[start:]


def split_block(text: str) -> List[List[str]]:
    """Rows of entries from a copied block: tab-separated (Excel, WPS) or by spaces (web pages)."""
    rows = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            continue
        if "\t" in line:
            rows.append([t.strip() for t in line.split("\t")])
        else:
            rows.append(re.split(r"[ \u3000]+", line.strip()))
    return rows

