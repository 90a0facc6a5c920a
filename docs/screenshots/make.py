"""Regenerate docs/screenshots: every page and dialog of the window on a virtual screen (Xvfb).

    python docs/screenshots/make.py            # 1366×768 at 100 %, and 1920×1080 at 150 %
    python docs/screenshots/make.py 1366x768   # one screen only

Each screen runs in its own ``xvfb-run`` with the real xcb platform (no
window manager: the window is given the whole screen, as a maximised
window on a 1366×768 office PC). A picture is the whole screen, so a dialog
cut off by the screen's edge shows as cut off. The library is a fresh one
in a temporary folder holding the built-in sample; nothing of the user's
is read or written. Look at every picture after running this.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCREENS = {"1366x768": ("1366x768", "1"), "1920x1080-150": ("1920x1080", "1.5")}


def main(argv) -> int:
    if argv[:1] == ["--child"]:
        return child(Path(argv[1]))
    if argv[:1] == ["--read-only"]:
        return read_only_child(Path(argv[1]), Path(argv[2]))
    if not shutil.which("xvfb-run"):
        print("需要 Xvfb：sudo apt install xvfb xauth", file=sys.stderr)
        return 2
    chosen = [name for name in SCREENS if not argv or name in argv or SCREENS[name][0] in argv]
    for name in chosen:
        size, scale = SCREENS[name]
        out = HERE / name
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": scale, "XDG_DATA_HOME": home,
                   "XDG_CONFIG_HOME": home, "HOME": home}
            env.pop("DISPLAY", None)
            subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, __file__, "--child",
                            str(out)], env=env, check=True, timeout=600)
        print(f"{name}: {len(list(out.glob('*.png')))} pictures in {out}")
    return 0


def child(out: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from disclosure_report.ui.app import create_application, create_main_window, open_library

    app = create_application([])
    library = open_library()
    window = create_main_window(library)
    screen = app.primaryScreen()
    window.setGeometry(screen.availableGeometry())
    window.show()

    def settle(ms: int = 300) -> None:
        """Let the window paint (and the first check run) for a while."""
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shoot(name: str) -> None:
        screen.grabWindow(0).save(str(out / f"{name}.png"))

    def modal(name: str, open_it, ms: int = 700) -> None:
        """Open a dialog that blocks (exec), picture the screen, close it."""
        def close():
            shoot(name)
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                dialog.reject() if hasattr(dialog, "reject") else dialog.close()
        QTimer.singleShot(ms, close)
        open_it()
        settle(200)

    settle(800)
    editor = window.editor
    fmt = window.document.report.format
    pages = ["info"] + [s.id for s in fmt.sections]
    for n, page_id in enumerate(pages):
        editor.show_page(page_id)
        settle()
        shoot(f"page-{n}-{page_id}")
    view = editor.show_page("applications").view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    settle()
    shoot("page-3-applications-scrolled-to-the-end")
    view.verticalScrollBar().setValue(0)
    window.actions["drafting"].trigger()
    settle(500)
    shoot("drafting-with-table-3")
    editor.show_page("overview")
    settle()
    shoot("drafting-with-overview")
    window.actions["drafting"].trigger()
    settle()

    actions = window.actions
    modal("dialog-library", actions["library"].trigger)
    modal("dialog-new-report", actions["new"].trigger)
    modal("dialog-snapshot-name", actions["snapshot"].trigger)
    modal("dialog-snapshots", actions["snapshots"].trigger)
    modal("dialog-consolidate", actions["consolidate"].trigger)
    modal("dialog-print-options", actions["print_preview"].trigger)
    from disclosure_report.printing.marking import PrintOptions
    from disclosure_report.ui.print_preview import show_preview

    # laid out by the PDF worker (a second or two), then its first pages rendered on a thread
    modal("print-preview", lambda: show_preview(window.print_actions, window.document.report, PrintOptions(), "打印预览"),
          ms=6000)
    modal("dialog-export-file", actions["export"].trigger)
    modal("dialog-import-file", actions["import"].trigger)
    modal("dialog-after-export", lambda: window.files.offer_to_open(Path(tempfile.gettempdir()) / "报告.docx"))
    modal("dialog-about", actions["about"].trigger)
    actions["cross_year"].trigger()
    settle(600)
    shoot("dialog-cross-year")
    window.text_tools.cross_year_view.close()
    actions["manual"].trigger()
    settle(600)
    shoot("dialog-manual")
    window.manual_dialog.close()
    settle()
    window.close()
    library.close()
    states(out, settle, shoot)
    return 0


def states(out: Path, settle, shoot) -> None:
    """The sequences of issue 12 as the clerk meets them, each on screen: typing fast after a page switch,
    two windows on one report, the start after a crash, a read-only library."""
    from PySide6.QtWidgets import QApplication

    from disclosure_report.storage import Library, default_library_path
    from disclosure_report.ui.app import create_main_window

    path = default_library_path()
    screen_rect = QApplication.primaryScreen().availableGeometry()

    # 1. on 报告信息 type in 联系地址, click “三、…” and a 表三 cell, type 7⏎1⏎5⏎ at once (real X events)
    library = Library(path)
    window = create_main_window(library)
    window.setGeometry(screen_rect)
    window.show()
    settle(800)
    editor = window.editor
    view = editor.show_page("applications").view
    settle()
    editor.show_page("info")
    settle()
    address = editor.page("info").edits["contact.address"]
    parts = editor.parts
    part = parts.visualItemRect(parts.item(list(editor._makers).index("applications"))).center()
    cell = view.visualRect(view.model().index_of("applications.new.natural")).center()

    def at(widget, point):
        """Where xdotool clicks: Qt's coordinates are scaled (QT_SCALE_FACTOR), the X server's are pixels."""
        spot = widget.mapToGlobal(point)
        ratio = window.devicePixelRatio()
        return [str(round(spot.x() * ratio)), str(round(spot.y() * ratio))]

    steps = [["mousemove", *at(address, address.rect().center()), "click", "1"], ["key", "End", "x"],
             ["mousemove", *at(parts.viewport(), part), "click", "1"],
             ["mousemove", *at(view.viewport(), cell), "click", "1"],
             ["key", "7", "Return", "1", "Return", "5", "Return"]]  # one xdotool each, back to back: ~50 ms
    xdotool = subprocess.Popen(["sh", "-c", " && ".join("xdotool " + " ".join(step) for step in steps)])
    while xdotool.poll() is None:
        settle(50)
    settle(600)
    shoot("issue12-1-typed-after-a-page-switch")  # 7, 1, 5 in the cells clicked

    # 2. a second window on the same report (a second Library: another copy of the program, as far as the
    # edit locks go): told at once; its edits, once the first window closed, never overwrite the first's
    window.setGeometry(screen_rect.adjusted(0, 0, -screen_rect.width() * 2 // 5, 0))
    second_library = Library(path)
    second = create_main_window(second_library)
    second.setGeometry(screen_rect.adjusted(screen_rect.width() * 2 // 5, 0, 0, 0))
    second.show()
    settle(800)
    second.editor.show_page("applications")
    second.document.edit_values({"applications.new.natural": 33}, "填写")  # refused: the first window edits it
    settle(800)
    shoot("issue12-2-second-window-told")
    window.document.edit_values({"applications.new.legal": 9}, "填写")
    window.close()
    library.close()
    second.autosaver.flush()
    settle(800)
    shoot("issue12-2-second-window-after-the-first-closed")
    second.close()
    second_library.close()

    # 4. the program killed (kill -9) with the report open, restarted at once: no banner
    killed = subprocess.Popen([sys.executable, "-m", "disclosure_report"])
    with Library(path) as watch:
        for _ in range(200):
            if watch._db.execute("SELECT 1 FROM edit_locks WHERE pid = ?", (killed.pid,)).fetchone():
                break
            settle(50)
        else:
            raise RuntimeError("the program to be killed never opened its report")
    killed.kill()
    killed.wait()
    library = Library(path)
    window = create_main_window(library)
    window.setGeometry(screen_rect)
    window.show()
    settle(1000)
    shoot("issue12-4-started-after-a-crash")
    window.close()
    library.close()

    # 6. the library's folder read-only: opened to look at, print and export
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "草稿" / "library.sqlite3"
        copy.parent.mkdir()
        with Library(path) as source:
            source.backup(copy)
        copy.chmod(0o444)
        copy.parent.chmod(0o555)
        drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
        subprocess.run(drop + [sys.executable, __file__, "--read-only", str(out), str(copy)], check=True,
                       timeout=120)
        copy.parent.chmod(0o755)


def read_only_child(out: Path, path: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from disclosure_report.ui.app import create_application, create_main_window, open_library

    app = create_application([])
    library = open_library(path)
    window = create_main_window(library)
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    loop = QEventLoop()
    QTimer.singleShot(1000, loop.quit)
    loop.exec()
    app.primaryScreen().grabWindow(0).save(str(out / "issue12-6-read-only-library.png"))
    window.close()
    library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
