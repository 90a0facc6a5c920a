"""The window's event loop while it works: the longest gap between two ticks of a 10 ms timer (target ≤ 200 ms).

The real window (offscreen) runs, one after another: an import of a big DOCX
(the sample with every text part at the limits, 2,000 paragraphs each) and of
one with 150,000 empty paragraphs, each through 导入前核对 (shown, then 作为新报告,
which opens it; the big one also 替换当前报告, one undo step); the export of the big report to DOCX and its
printing to PDF (by a worker process); its 打印 on paper (Qt's print dialog answering OK at once,
then the layout and painting by a worker process; the printer is ``BENCH_PRINTER`` if set, else the
dialog's 打印到文件 (PDF), so that no paper is wasted); the 汇总 of 50 units' returns (read, checked,
summed, shown); and the print preview of the big report (laid out by the worker process; the preview
opened, its first page rendered, then paged to the end, each page rendered as it comes into view).
A QTimer on the GUI thread ticks every 10 ms throughout; printed per operation:
its time and the longest gap between ticks, from the start of the operation to
300 ms after it ended (work the GUI thread does afterwards counts). Baseline:
the longest gap of the idle window in the same run.
    python bench/bench_event_loop.py
    BENCH_PRINTER=VirtualPDF python bench/bench_event_loop.py   # 打印 to that printer (e.g. a CUPS-PDF queue)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

TARGET_MS = 200
UNITS = 50


class Ticks:
    def __init__(self):
        from PySide6.QtCore import QTimer

        self.longest, self._last = 0.0, time.perf_counter()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self):
        now = time.perf_counter()
        self.longest, self._last = max(self.longest, now - self._last), now

    def reset(self):
        self.longest, self._last = 0.0, time.perf_counter()


def settle(app, seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def main():
    import faulthandler

    faulthandler.dump_traceback_later(300, exit=True)
    import hostile
    from disclosure_report.jsonfile import write_report
    from disclosure_report.storage import Library
    from disclosure_report.ui import import_review
    from disclosure_report.ui.app import create_application, create_main_window

    app = create_application([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        library = Library(folder / "library.sqlite3")
        window = create_main_window(library)
        window.show()
        while not window.document.checked:
            app.processEvents()

        choice = {"now": import_review.ImportReview.NEW}

        def review(self):  # 导入前核对 shown as the clerk sees it, then 作为新报告 (or 替换当前报告)
            self.show()
            settle(app, 0.2)
            self.choice = choice["now"]
            self.close()
            return 1

        import_review.ImportReview.exec = review
        from PySide6.QtWidgets import QMessageBox

        def told(kind):
            def show(parent, title, text, *args, **kwargs):
                print(f"  ({kind}) {title}: {text}")
                return QMessageBox.StandardButton.Ok
            return staticmethod(show)

        for kind in ("warning", "information", "question", "critical"):  # nothing modal waits for a click
            setattr(QMessageBox, kind, told(kind))
        window.files.ask_faces = lambda: None  # the official faces, not asked
        window.files.offer_to_open = lambda path: None  # 导出完成 not waiting for a click

        from disclosure_report.word.export import docx_bytes

        big = hostile.sample()
        for text_id in big.text:
            big.text[text_id] = "\n".join(f"第{n}段，本段文字用于测试长报告。" for n in range(2000))
        (folder / "big.docx").write_bytes(docx_bytes(big))
        padded = hostile.many_paragraphs(folder, 150_000)
        units = []
        for n in range(UNITS):
            report = hostile.sample()
            report.organ = f"第{n:02d}号单位"
            units.append(folder / f"unit{n:02d}.json")
            write_report(report, units[-1])

        def consolidate():
            from disclosure_report.ui.consolidate_dialog import ConsolidateDialog

            dialog = ConsolidateDialog(window.current.operations, window)
            dialog.show()
            dialog.add_files(units)
            dialog.run()
            while dialog._job is not None:
                app.processEvents()
                time.sleep(0.002)
            assert dialog.result is not None and len(dialog.result.included) == UNITS, dialog.summary.text()
            dialog.close()

        def import_big(how):
            choice["now"] = how
            assert window.import_file(folder / "big.docx")
            assert window.document.report.text["overview"].count("\n") == 1999

        def print_pdf():
            assert window.export_file(folder / "out.pdf")
            assert (folder / "out.pdf").read_bytes().startswith(b"%PDF")

        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer_name = os.environ.get("BENCH_PRINTER", "")

        def print_dialog(self):  # 打印's dialog answers OK: BENCH_PRINTER, or 打印到文件 (PDF), no paper wasted
            if printer_name:
                self.printer().setPrinterName(printer_name)
            else:
                self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                self.printer().setOutputFileName(str(folder / "paper.pdf"))
            return 1

        QPrintDialog.exec = print_dialog

        def print_on_paper():  # 打印…: the print dialog here, then (since the worker) layout and painting there
            actions = window.print_actions
            actions.send_to_printer(*actions.job())
            said = window.statusBar().currentMessage()
            assert said.startswith(("已送往打印机", "已打印到文件")), said

        def preview():  # 打印预览: the worker's PDF, its pages rendered by a thread as they come into view
            from disclosure_report.ui.print_preview import PrintPreview

            def page_through(dialog):
                dialog.show()
                for index in range(dialog.view.page_count()):
                    dialog.view.show_page(index)
                    while index not in dialog.view.column.images:
                        app.processEvents()
                        time.sleep(0.002)
                print(f"  (preview: {dialog.view.page_count()} pages)")
                dialog.reject()
                return 0

            PrintPreview.exec = page_through
            actions = window.print_actions
            report, options = actions.job()
            actions._preview(report, options, "打印预览")

        operations = [
            ("idle window (baseline)", lambda: settle(app, 2.0)),
            ("import DOCX, 150,000 empty paragraphs", lambda: window.import_file(padded)),
            ("import DOCX, 4 × 2,000 paragraphs, new", lambda: import_big(import_review.ImportReview.NEW)),
            ("… the same, replacing the open one", lambda: import_big(import_review.ImportReview.REPLACE)),
            ("export DOCX of the big report", lambda: window.export_file(folder / "out.docx")),
            ("print the big report to PDF", print_pdf),
            ("print the big report on paper", print_on_paper),
            (f"汇总 {UNITS} units", consolidate),
            ("print preview of the big report", preview),
        ]
        ticks = Ticks()
        settle(app, 0.3)
        rows = []
        for label, operation in operations:
            if label.startswith(("export", "print")):
                while not window.document.checked:
                    app.processEvents()
            ticks.reset()
            start = time.perf_counter()
            operation()
            took = time.perf_counter() - start
            settle(app, 0.3)
            rows.append((label, took, ticks.longest * 1000))
        baseline = rows[0][2]
        print(f"{'operation':<40}{'s':>7}{'longest gap ms':>16}{'vs idle':>9}")
        for label, took, gap in rows:
            mark = "" if gap <= TARGET_MS else f"  > {TARGET_MS} ms"
            print(f"{label:<40}{took:7.2f}{gap:16.0f}{gap / max(baseline, 1):8.1f}×{mark}")
        window.close()
        library.close()


if __name__ == "__main__":
    main()
