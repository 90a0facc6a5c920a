"""The report open in the window and the library it lives in: one owner of both.

Opening and leaving a report, its autosave, its edit lock (claimed on
opening, kept fresh by a heartbeat, released on leaving) and every library
command about it go through here, each through ``operations`` so that a
failure is told once. The window only shows what this holds: it listens to
``opened`` (a new document to show), ``saved`` / ``saveFailed`` and the
operations' ``changed`` (the status or version may be new).
"""

from __future__ import annotations

import time
from typing import Optional

from PySide6.QtCore import QObject, QTimer, Signal

from disclosure_report.storage import StorageError
from disclosure_report.ui.autosave import AutoSaver
from disclosure_report.ui.document import ReportDocument
from disclosure_report.ui.operations import Operations

HEARTBEAT_MS = 30_000
RECENT_LIMIT = 8
READ_ONLY_MESSAGE = "草稿库是只读打开的，不能修改、不能保存（原因见窗口上方的提示）；可以查看、打印、导出。"


def read_only_banner(reason: str) -> str:
    """The notice over a report of a read-only library: why, what still works, what to do."""
    from disclosure_report.storage.paths import portable_data_folder

    if portable_data_folder() is not None:
        todo = "把整个程序文件夹复制到可写的位置（如本机的“文档”），再从那里运行，草稿随之带去"
    else:
        todo = "恢复该位置的写入权限（或请管理员处理）后重新打开程序"
    return (f"只读打开：{reason}。可查看、打印、导出，不能保存修改。要继续编辑，请{todo}；"
            f"也可以用“文件 → 导出”把报告另存到可写的位置。")


class OpenReport(QObject):
    opened = Signal(object)  # the document of the report now open (the one before is deleted later)
    saved = Signal()
    saveFailed = Signal(str)  # why the draft is not stored; it is still in the window
    overtaken = Signal(str)  # another window's newer draft is shown now; what became of this one's

    def __init__(self, library, window):
        super().__init__(window)
        self.library = library
        self.operations = Operations(library, window)
        self.report_id: Optional[int] = None
        self.document: Optional[ReportDocument] = None
        self.autosaver: Optional[AutoSaver] = None
        self._window = window
        self._heartbeat = QTimer(self)
        self._heartbeat.timeout.connect(self._keep_claim)
        self._heartbeat.start(HEARTBEAT_MS)

    # -- opening and leaving ---------------------------------------------------------
    def open(self, report_id: int, check_now: bool = True) -> bool:
        """Show a report of the library; False (and a message) if it cannot be read."""
        loaded = self.operations.read("打不开这份报告", self._load, report_id, tell=True)
        if loaded is None or not self.leave():
            return False
        report, previous, revision = loaded
        if self.report_id is not None:
            self._release(self.report_id)
        old_document = self.document
        self.report_id = report_id
        self.document = ReportDocument(report, previous, self._window, check_now)
        self.document.fieldChanged.connect(self._field_changed)
        self.autosaver = AutoSaver(self.library, report_id, self.document, revision, self)
        self.autosaver.saved.connect(self.saved)
        self.autosaver.failed.connect(self.saveFailed)
        self.autosaver.overtaken.connect(self._overtaken)
        self.opened.emit(self.document)
        if old_document is not None:
            old_document.deleteLater()
        self._claim(report_id)
        self._remember(report_id)
        return True

    def _load(self, report_id: int):
        revision = self.library.revision(report_id)  # first: a save in between makes ours stale, never lost
        report = self.library.load(report_id)
        return report, self.library.previous_year(report), revision

    def _overtaken(self) -> None:
        """Another window saved this report since it was loaded here (called inside the autosave's flush):
        this window's copy is kept as a snapshot, then the newer draft is shown, so that neither overwrites
        the other and the clerk can compare and choose."""
        name = f"另一窗口中的修改 {time.strftime('%H:%M')}"
        kept = self.operations.read("无法保存快照", self.library.snapshot, self.report_id, name,
                                    self.document.report)
        if kept is None:
            self.saveFailed.emit("这份报告在另一个窗口中已有更新的保存；这里的修改既没能存入草稿，也没能存为快照，"
                                 "请用“文件 → 导出”另存一份。")
            return
        self.autosaver.pending = False  # kept in the snapshot: leaving need not store it
        report_id = self.report_id
        QTimer.singleShot(0, self, lambda: self._show_newer(report_id, name))

    def _show_newer(self, report_id: int, name: str) -> None:
        if self.report_id == report_id and self.open(report_id):
            self.overtaken.emit(f"这份报告在另一个窗口中已有更新的保存，现在显示的是那份最新内容。"
                                f"本窗口的修改没有覆盖它，已存为快照“{name}”（文件 → 快照与比较，可比较或恢复）。")

    def flush(self) -> bool:
        """Store what is unsaved now; False (the banner says why) when it could not be."""
        return self.autosaver is None or self.autosaver.flush()

    def leave(self, leaving: str = "切换到另一份报告") -> bool:
        """Store the open report before another is shown (or the window closes); False if the clerk stays."""
        if self.autosaver is None:
            return True
        if not self.autosaver.flush():
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.warning(
                self._window, "草稿未能保存",
                "当前报告最近的修改没能存入草稿库（原因见窗口上方的提示）。\n"
                f"{leaving}后这些修改将丢失。建议先用“文件 → 导出”另存一份。\n\n仍要{leaving}吗？",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return False
        self.autosaver.stop()
        self.autosaver.deleteLater()
        self.autosaver = None
        return True

    def close(self) -> bool:
        """Leave the report as the program closes; False if the clerk stays."""
        if not self.leave("关闭程序"):
            return False
        self._heartbeat.stop()
        if self.report_id is not None:
            self._release(self.report_id)
        return True

    # -- the edit lock -----------------------------------------------------------------
    def _claim(self, report_id: int) -> None:
        if self.library.read_only:
            return  # nothing can be saved here, so nothing can be overwritten: the banner says so
        try:
            self.library.claim(report_id)
        except StorageError as e:
            self.saveFailed.emit(str(e))

    def _release(self, report_id: int) -> None:
        try:
            self.library.release(report_id)
        except StorageError:
            pass  # the lock goes stale by itself; nothing for the clerk to do

    def _keep_claim(self) -> None:
        try:
            self.library.heartbeat()
        except StorageError:
            pass  # the next save says what is wrong

    def _remember(self, report_id: int) -> None:
        if self.library.read_only:
            return
        try:
            recent = self.library.get_setting("recent_reports", [])
            first = [report_id] + [i for i in recent if i != report_id][:RECENT_LIMIT - 1]
            if first != recent:  # most starts reopen the last report: no write (and no fsync) then
                self.library.set_setting("recent_reports", first)
        except StorageError:
            pass  # only the recent list is lost

    def _field_changed(self, key: str) -> None:
        if key in ("organ", "year"):
            try:
                self.document.set_previous(self.library.previous_year(self.document.report))
            except StorageError:
                pass  # the cross-year checks wait for the next change

    # -- the entry: status and version ---------------------------------------------------
    def entry(self):
        """The library's entry of the open report, or None when it cannot be read."""
        return self.operations.read("读取报告", self.library.entry, self.report_id)

    def start_new_version(self) -> Optional[int]:
        """The new version's number, or None (told) when it could not be started."""
        if self.operations.change("无法开始新版本", self.library.start_new_version, self.report_id) is None:
            return None
        entry = self.entry()
        return entry.version if entry is not None else None

    def set_status(self, status: str, title: str) -> bool:
        """送审 / 退回修改 / 签发 (the draft stored first); False (told) when refused."""
        if not self.flush():
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self._window, title, "最近的修改还没能存入草稿库（原因见窗口上方的提示），请先解决后再试。")
            return False
        return self.operations.change(title, self.library.set_status, self.report_id, status) is not None

    # -- snapshots ---------------------------------------------------------------------
    def snapshots(self):
        return self.operations.read("读取快照列表", self.library.list_snapshots, self.report_id, default=[])

    def take_snapshot(self, name: str) -> bool:
        if not self.flush():
            return False
        return self.operations.change("无法保存快照", self.library.snapshot, self.report_id, name) is not None

    def restore_snapshot(self, snapshot_id: int, name: str) -> bool:
        """The draft becomes the snapshot, one undo step; the draft before is kept as a snapshot first.

        The autosave stores the restored draft, as it stores every edit: one writer of the draft."""
        if self.document.read_only:
            self.operations.tell("无法恢复快照", StorageError(self.document.read_only))
            return False
        if not self.flush():
            return False
        report = self.operations.read("无法恢复快照", self.library.load_snapshot, snapshot_id, tell=True)
        if report is None:
            return False
        kept = self.operations.change("无法恢复快照", self.library.snapshot, self.report_id,
                                      f"恢复前自动保存 {time.strftime('%Y-%m-%d %H:%M')}")
        if kept is None:
            return False
        self.document.replace_report(report, f"恢复快照“{name}”")
        return self.flush()

    # -- new reports -------------------------------------------------------------------
    def create(self, report, failure: str = "无法新建报告") -> bool:
        """Add report to the library and open it."""
        report_id = self.operations.change(failure, self.library.create, report)
        return report_id is not None and self.open(report_id)
