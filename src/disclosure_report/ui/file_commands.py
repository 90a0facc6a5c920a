"""导入 and 导出: report files in and out of the window, by whatever ``files`` reads and writes.

Reading or writing the file is the slow part and touches no library: it is
where a worker thread would go. Adding the report read to the library runs
through the open report's operations, on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

from PySide6.QtCore import QObject

from disclosure_report import errorlog, files
from disclosure_report.errors import ReportFileError

# names clerks know file kinds by; an unknown suffix is shown as "XYZ 文件"
FILE_KINDS = {".json": "交换格式 JSON", ".docx": "Word 文档", ".doc": "Word 文档", ".xlsx": "Excel 工作簿",
              ".xlsm": "Excel 工作簿", ".xls": "Excel 工作簿", ".pdf": "PDF 文件"}


def file_kind(suffix: str) -> str:
    return FILE_KINDS.get(suffix, f"{suffix[1:].upper()} 文件")


def by_kind(suffixes) -> Dict[str, List[str]]:
    """Suffixes grouped under the name of their kind (Word 文档: .doc .docx), in a stable order."""
    kinds: Dict[str, List[str]] = {}
    for suffix in sorted(suffixes):
        kinds.setdefault(file_kind(suffix), []).append(suffix)
    return kinds


def file_filter(suffixes) -> str:
    """A file dialog filter: all the kinds at once, then each kind."""
    every = " ".join(f"*{s}" for s in sorted(suffixes))
    return ";;".join([f"报告文件 ({every})"] + [f"{kind} ({' '.join('*' + s for s in group)})"
                                                 for kind, group in by_kind(suffixes).items()])


class FileCommands(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

    @property
    def _current(self):
        return self.window.current

    def choose_import(self, suffixes=None) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.window, "导入报告", self._folder(),
                                              file_filter(suffixes or files.READERS))
        if path:
            self._remember_folder(Path(path))
            self.import_file(Path(path))

    def import_file(self, path: Path, into_current: Optional[bool] = None) -> bool:
        """Read a report file into a new library report, or (one undo step) into the open one."""
        from PySide6.QtWidgets import QMessageBox

        window = self.window
        try:
            report = files.read_report(path)
        except ReportFileError as e:
            QMessageBox.warning(window, "无法导入", f"无法导入 {path.name}：{e}")
            return False
        except Exception as e:  # a reader's bug must not take the draft with it
            errorlog.record(f"导入 {path.name}")
            QMessageBox.warning(window, "无法导入", f"读取 {path.name} 时程序出错（{type(e).__name__}: {e}）。"
                                                   f"当前报告未被修改；请把该文件发给技术支持。")
            return False
        if into_current is None:
            into_current = self._ask_import_target(path)
            if into_current is None:
                return False
        if into_current:
            self._current.document.replace_report(report, f"导入 {path.name}")
            window.statusBar().showMessage(f"已导入 {path.name}（可撤销）", 10000)
            return True
        return self._current.create(report, "无法导入")

    def _ask_import_target(self, path: Path) -> Optional[bool]:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Question, "导入报告",
                          f"如何导入 {path.name}？\n\n作为新报告：加入报告库，当前报告不变。\n"
                          f"替换当前报告：用文件内容替换正在编辑的报告（可用“撤销”恢复）。", parent=self.window)
        new = box.addButton("作为新报告", QMessageBox.AcceptRole)
        replace = box.addButton("替换当前报告", QMessageBox.DestructiveRole)
        box.addButton("取消", QMessageBox.RejectRole)
        box.setDefaultButton(new)
        box.exec()
        clicked = box.clickedButton()
        return False if clicked is new else True if clicked is replace else None

    def choose_export(self, suffixes=None) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        document = self._current.document
        document.ensure_checked()
        errors = document.counts()["error"]
        if errors:
            answer = QMessageBox.warning(
                self.window, "报告还有错误",
                f"核对发现 {errors} 处错误（见窗口下方“核对结果”），导出的报告会带着这些错误。\n\n仍要导出吗？",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return
        suffixes = sorted(suffixes or files.WRITERS)
        name = document.report.display_title() + suffixes[0]
        path, _ = QFileDialog.getSaveFileName(self.window, "导出报告", str(Path(self._folder()) / name),
                                              file_filter(suffixes))
        if path:
            self._remember_folder(Path(path))
            self.export_file(Path(path))

    def export_file(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        if path.suffix.lower() not in files.WRITERS:
            path = path.with_suffix(sorted(files.WRITERS)[0])
        try:
            files.write_report(self._current.document.report, path)
        except ReportFileError as e:
            QMessageBox.warning(self.window, "无法导出", f"无法导出到 {path}：{e}")
            return False
        except Exception as e:
            errorlog.record(f"导出 {path.name}")
            QMessageBox.warning(self.window, "无法导出", f"导出 {path.name} 时程序出错（{type(e).__name__}: {e}）。"
                                                        f"草稿未受影响；请把这行信息发给技术支持。")
            return False
        self.window.statusBar().showMessage(f"已导出到 {path}", 15000)
        return True

    def _folder(self) -> str:
        """Where file dialogs open: the folder used last, else 文档 (Documents)."""
        from PySide6.QtCore import QStandardPaths

        folder = self._current.operations.read("读取设置", self._current.library.get_setting, "last_folder")
        if folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)

    def _remember_folder(self, path: Path) -> None:
        # only the convenience is lost should it fail
        self._current.operations.read("保存设置", self._current.library.set_setting, "last_folder", str(path.parent))

    def accepts(self, event) -> Optional[Path]:
        """The first dropped file a reader knows, or None."""
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in files.READERS:
                return path
        return None
