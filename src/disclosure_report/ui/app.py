"""Start the window: Chinese everywhere, a readable font, the last report open."""

from __future__ import annotations

import gc
import sys
from typing import Optional


def create_application(argv=None):
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("disclosure-report")
    app.setApplicationDisplayName("政府信息公开工作年度报告")
    if app.findChild(QTranslator, "qtbase_zh_CN") is None:  # once, however often this is called
        QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
        translator = QTranslator(app)  # Qt's own dialogs and buttons in Chinese
        translator.setObjectName("qtbase_zh_CN")
        app.installTranslator(_missing_translations(app))  # first: asked after Qt's own (the last installed)
        if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(translator)
        if sys.platform != "win32":  # Windows shows its own file dialogs, which have nothing to size
            from disclosure_report.ui import file_dialog_size

            file_dialog_size.install(app)
    return app


# what qtbase_zh_CN.qm (Qt 6.9) leaves in English: the type column of Qt's own file dialog said “Folder”
_MISSING_ZH = {("QAbstractFileIconProvider", "Folder"): "文件夹", ("QAbstractFileIconProvider", "Drive"): "驱动器",
               ("QAbstractFileIconProvider", "File"): "文件", ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
               ("QAbstractFileIconProvider", "Shortcut"): "快捷方式"}


def _missing_translations(app):
    from PySide6.QtCore import QTranslator

    class MissingTranslations(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return _MISSING_ZH.get((context, source))  # None: not ours, Qt looks further

        def isEmpty(self):
            return False

    return MissingTranslations(app)


def open_library(path=None):
    """The drafts library, or None after telling the clerk why it cannot be opened."""
    from disclosure_report.storage import Library, StorageError, default_library_path, is_network_path

    path = path or default_library_path()
    if is_network_path(path):
        _warn_network_drive(path)
    try:
        return Library(path, backup_later=True)  # the window makes today's backup once it is on screen
    except StorageError as e:
        return _offer_backup(path, e)


def _warn_network_drive(path) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(None, "草稿库在网络驱动器上",
                        f"草稿库（{path}）位于网络驱动器上，断网或多人同时使用时可能丢失草稿。"
                        f"建议把用户数据目录放在本机磁盘上。")


def _offer_backup(path, error):
    """After a failed open: restore the newest backup if there is one and the clerk agrees, else None."""
    from PySide6.QtWidgets import QMessageBox

    from disclosure_report.storage import Library, StorageError

    backup = getattr(error, "backup", None)
    if backup is None:
        QMessageBox.critical(None, "无法打开草稿库", str(error))
        return None
    answer = QMessageBox.question(None, "草稿库已损坏", f"{error}\n\n要用最近的备份（{backup.name}）恢复吗？",
                                  QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    if answer != QMessageBox.Yes:
        return None
    try:
        Library.restore_backup(path, backup)
        return Library(path)
    except StorageError as e:
        QMessageBox.critical(None, "无法恢复备份", str(e))
        return None


def create_main_window(library):
    """The window with the last report open (the sample the first time)."""
    from disclosure_report.storage import StorageError
    from disclosure_report.ui.look import LARGE_POINT_SIZE, NORMAL_POINT_SIZE, apply_font_size
    from disclosure_report.ui.main_window import MainWindow

    try:
        large = bool(library.get_setting("large_text", False))
        entries = library.list_reports()
        open_ids = {e.id for e in entries}
        recent = [i for i in library.get_setting("recent_reports", []) if i in open_ids]
        if library.read_only and not recent and entries:
            recent = [entries[0].id]  # the sample cannot be added to a read-only library: the newest report
        report_id = recent[0] if recent else library.ensure_sample()
    except StorageError:
        large, report_id = False, library.ensure_sample()
    apply_font_size(LARGE_POINT_SIZE if large else NORMAL_POINT_SIZE)
    return MainWindow(library, report_id)  # its 大字号 shows the size applied here


def has_chinese_font() -> bool:
    """Whether Qt finds a font to draw Chinese in: one character laid out in the window's font, fallback
    fonts included, as the first paint then draws the window's text (the fonts it loads are the ones used).

    Not QFontDatabase.families(SimplifiedChinese), which first asks every font of the system for its
    writing systems: under Wine that made the window's start slower (packaging/README.md). Not
    QRawFont.fromFont: without any Chinese font, Qt 6.9 crashed in it. On Linux, where fontconfig keeps
    that answer in its cache, families() stays: the layout cost some 5 ms more there (bench_startup.py)."""
    from PySide6.QtGui import QFontDatabase

    if sys.platform != "win32":
        return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    return chinese_family_laid_out() is not None


def chinese_family_laid_out() -> Optional[str]:
    """The family of the font Qt draws 政 in, in the application's font; None when none has it."""
    from PySide6.QtGui import QFont, QTextLayout

    layout = QTextLayout("政", QFont())  # what QLabel's text goes through: the fallback fonts included
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    for run in layout.glyphRuns():
        font = run.rawFont()
        if font.supportsCharacter(ord("政")) and all(run.glyphIndexes()):
            return font.familyName()
    return None


def run_app(library_path: Optional[str] = None) -> int:
    # The start makes some 30,000 objects that live as long as the program (modules, Qt's wrappers, the
    # format); Python's collector would go through them some sixty times before the window shows, and
    # find next to nothing. It is paused until the window is on screen (MainWindow._after_shown).
    gc.disable()
    try:
        return _run_app(library_path)
    finally:
        gc.enable()


def _run_app(library_path: Optional[str]) -> int:
    from disclosure_report.preflight import NO_CHINESE_FONT, window_problem

    problem = window_problem()  # before Qt, which would abort in English
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from disclosure_report import errorlog
    from disclosure_report.storage import StorageError

    errorlog.configure()  # the window's internal errors, with their tracebacks, in the log file
    sys.excepthook = errorlog.excepthook
    app = create_application()
    # on Windows has_chinese_font's own question, asked here once to keep the answer's name
    family = chinese_family_laid_out() if sys.platform == "win32" else None
    if family is None and not has_chinese_font():  # the window would be all boxes: say it in words a terminal shows
        from PySide6.QtWidgets import QMessageBox

        print(NO_CHINESE_FONT, file=sys.stderr)
        QMessageBox.critical(None, "No Chinese font / 没有中文字体", NO_CHINESE_FONT)
        return 2
    from disclosure_report.ui.look import name_chinese_family

    name_chinese_family(family)  # None elsewhere: fontconfig's fallback finds the Chinese font at once
    library = open_library(library_path)
    if library is None:
        return 2
    try:
        window = create_main_window(library)
    except StorageError as e:  # e.g. a read-only library without a report in it: nothing to show
        library.close()
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "无法打开草稿库", str(e))
        return 2
    except Exception:
        library.close()
        raise
    window.show()
    code = app.exec()
    library.close()
    return code
