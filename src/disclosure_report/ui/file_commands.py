"""导入 and 导出: report files in and out of the window, by whatever ``files`` reads and writes.

Reading or writing the file is the slow part and touches no library: it runs
on a worker thread (:mod:`.background`, with 取消) while the window goes on
painting. Adding the report read to the library runs through the open
report's operations, on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

from PySide6.QtCore import QObject

from disclosure_report import errorlog, files
from disclosure_report.errors import ReportFileError

# names clerks know file kinds by; an unknown suffix is shown as "XYZ 文件"
# what to do when a reader refuses a file to import and says nothing of it itself
IMPORT_ADVICE = "请确认选的是年度报告文件，或改用该报告的另一种版本（Word、PDF 或网页）"
FILE_KINDS = {".json": "交换格式 JSON", ".docx": "Word 文档", ".doc": "Word 文档", ".xlsx": "Excel 工作簿",
              ".xlsm": "Excel 工作簿", ".xls": "Excel 工作簿", ".pdf": "PDF 文件", ".html": "网页", ".htm": "网页",
              ".shtml": "网页", ".mhtml": "网页", ".mht": "网页"}


def dialog_path(widget, name: str = "") -> str:
    """Where a file dialog opens (with ``name`` in it): the folder used last, else 文档, never the working folder."""
    from PySide6.QtCore import QStandardPaths

    window = widget
    while window is not None and not hasattr(window, "files"):
        window = window.parentWidget()
    folder = window.files._folder() if window is not None else \
        QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return str(Path(folder) / name) if name else folder


def remember_folder(widget, path) -> None:
    """The folder of a file chosen in any dialog: the next dialog opens there."""
    window = widget
    while window is not None and not hasattr(window, "files"):
        window = window.parentWidget()
    if window is not None and path:
        window.files._remember_folder(Path(path))


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
        self._checked: Optional[tuple] = None  # (report, its findings) of the import being taken

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

        from disclosure_report.ui import background  # here: its Qt imports are not needed at start

        window = self.window
        try:
            report, findings = background.run(window, f"正在读取 {path.name}……", lambda: _read_and_check(path))
        except background.Cancelled:
            window.statusBar().showMessage(f"已取消导入 {path.name}，当前报告未被修改", 10000)
            return False
        except ReportFileError as e:
            QMessageBox.warning(window, "无法导入", files.refusal(str(e), path, IMPORT_ADVICE) + "当前报告未被修改。")
            return False
        except Exception as e:  # a reader's bug must not take the draft with it
            errorlog.record(f"导入 {path.name}")
            QMessageBox.warning(window, "无法导入", f"读取 {path.name} 时程序出错（{type(e).__name__}: {e}）。"
                                                   f"当前报告未被修改；请把该文件发给技术支持。")
            return False
        if report.read_notes:
            QMessageBox.information(window, "导入时去掉了无法保存的字符",
                                    f"{path.name}：\n" + "\n".join(report.read_notes) + "。\n请核对这些文字。")
        self._checked = (report, findings)  # for 导入前核对: checked on the worker, not again here
        try:
            return self._take(report, path.name, into_current)
        finally:
            self._checked = None

    def import_clipboard(self) -> bool:
        """粘贴网页内容: a report copied from a browser (text/html) read like a saved web page."""
        from PySide6.QtWidgets import QApplication, QMessageBox

        from disclosure_report.reading.html import report_from_html

        mime = QApplication.clipboard().mimeData()
        if mime is None or not mime.hasHtml():
            QMessageBox.warning(self.window, "无法导入", "剪贴板中没有网页内容。请在浏览器中打开年度报告，"
                                                       "全选（Ctrl+A）并复制（Ctrl+C）后再选“粘贴网页内容”。")
            return False
        from disclosure_report.storable import clean_report

        try:
            report = report_from_html(mime.html())
            clean_report(report)
        except ReportFileError as e:
            QMessageBox.warning(self.window, "无法导入", f"无法导入剪贴板中的网页内容：{e}")
            return False
        return self._take(report, "剪贴板中的网页内容", None)

    def _take(self, report, name: str, into_current: Optional[bool]) -> bool:
        """Into the open report (one undo step) or the library; asked after the review when not said."""
        window = self.window
        if into_current is None:
            into_current = self._review(name, report)
            if into_current is None:
                return False
        if into_current:
            self._current.document.replace_report(report, f"导入 {name}")
            window.statusBar().showMessage(f"已导入 {name}（可撤销）", 10000)
            return True
        return self._current.create(report, "无法导入")

    def _review(self, name: str, report) -> Optional[bool]:
        """导入前核对: True to replace the open report, False for a new one, None when cancelled."""
        from disclosure_report.ui.import_review import ImportReview

        checked = self._checked
        findings = checked[1] if checked is not None and checked[0] is report else None
        review = ImportReview(name, report, self.window, findings=findings)
        review.exec()
        return None if review.choice is None else review.choice == ImportReview.REPLACE

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
        name = files.file_name(document.report.display_title(), suffixes[0])
        path, _ = QFileDialog.getSaveFileName(self.window, "导出报告", str(Path(self._folder()) / name),
                                              file_filter(suffixes))
        if path:
            self._remember_folder(Path(path))
            self.export_file(Path(path))

    def export_file(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        if path.suffix.lower() not in files.WRITERS:
            path = path.with_suffix(sorted(files.WRITERS)[0])
        faces = self.ask_faces() if path.suffix.lower() == ".docx" else None
        if faces is False:
            return False
        from disclosure_report.ui import background

        report = self._current.document.report.copy()  # the worker's own copy

        def write() -> None:
            if faces:
                from disclosure_report.word.export import write_report as write_docx

                write_docx(report, path, faces)
            else:
                files.write_report(report, path)

        try:
            if path.suffix.lower() == ".pdf":  # in a worker process: Qt's layout would hold up the window
                from disclosure_report.ui.pdf_export import write_pdf

                write_pdf(self.window, path, report)
            else:
                background.run(self.window, f"正在导出 {path.name}……", write)
        except background.Cancelled:  # no PDF appears; other files, written whole, may still appear
            self.window.statusBar().showMessage(f"已取消导出 {path.name}", 10000)
            return False
        except ReportFileError as e:
            QMessageBox.warning(self.window, "无法导出", f"无法导出到 {path}：{e}")
            return False
        except Exception as e:
            errorlog.record(f"导出 {path.name}")
            QMessageBox.warning(self.window, "无法导出", f"导出 {path.name} 时程序出错（{type(e).__name__}: {e}）。"
                                                        f"草稿未受影响；请把这行信息发给技术支持。")
            return False
        self.window.statusBar().showMessage(f"已导出到 {path}", 15000)
        self.offer_to_open(path)
        return True

    def ask_faces(self):
        """The faces for a Word file: the official ones, 本机字体 where this PC lacks them, or False (取消)."""
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import QMessageBox

        from disclosure_report.word.typography import (
            LOCAL_FACES,
            LOCAL_FACES_LABEL,
            OFFICIAL_FACES,
            missing_official_fonts,
        )

        missing = missing_official_fonts(QFontDatabase.families())
        if not missing:
            return OFFICIAL_FACES
        box = QMessageBox(QMessageBox.Question, "本机缺少公文字体",
                          f"公文格式（GB/T 9704）用的 {'、'.join(missing)} 本机没有安装。用这些字体导出的 Word 文件，"
                          f"在没有安装它们的电脑上打开时，Word 和 WPS 会悄悄换成别的字体，版式会走样。\n\n"
                          f"选“{LOCAL_FACES_LABEL}”，在普通 Windows 电脑上也能印得整齐；"
                          f"要交给装有公文字体的电脑排版、印制的，选“仍用公文字体”。", parent=self.window)
        local = box.addButton(LOCAL_FACES_LABEL, QMessageBox.AcceptRole)
        box.addButton("仍用公文字体", QMessageBox.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.RejectRole)  # Esc too
        box.setDefaultButton(local)
        box.exec()
        clicked = box.clickedButton()
        return LOCAL_FACES if clicked is local else False if clicked is cancel else OFFICIAL_FACES

    def offer_to_open(self, path: Path) -> None:
        """After an export: 打开文件 / 打开所在文件夹, as Word and WPS offer."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Information, "导出完成", f"已导出：{path}", parent=self.window)
        open_file = box.addButton("打开文件", QMessageBox.AcceptRole)
        open_folder = box.addButton("打开所在文件夹", QMessageBox.AcceptRole)
        box.addButton("关闭", QMessageBox.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif clicked is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _folder(self) -> str:
        """Where file dialogs open: the folder used last, else 文档 (Documents)."""
        from PySide6.QtCore import QStandardPaths

        folder = self._current.operations.read("读取设置", self._current.library.get_setting, "last_folder")
        if folder and Path(folder).is_dir():
            return folder
        documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
        # a 文档 folder that does not exist would make Qt open the program's working folder
        return documents if Path(documents).is_dir() else str(Path.home())

    def remove_leftovers(self) -> None:
        """The half-written files of an export killed in the folder used last (``.~<pid>-…``)."""
        from disclosure_report.atomicwrite import remove_leftovers

        remove_leftovers(self._folder())

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


def _read_and_check(path: Path):
    """The report in the file and its findings (on the worker: a report at the limits takes ~0.1 s to check)."""
    from disclosure_report.checks import run_checks

    report = files.read_report(path)
    return report, run_checks(report)
