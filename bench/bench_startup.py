"""Cold start of the window vs a bare PySide6 QMainWindow, started the same way.

Each run is a fresh Python process (offscreen Qt) that prints the wall-clock
time at which its window is shown and has processed its first events; the
start-up time is that minus the moment the parent launched it. Peak memory
is the child's ru_maxrss (os.wait4). Targets: both ratios ≤ 1.5.

The window is started as ``disclosure-report`` without arguments starts it
(ui/app.py run_app: the pre-flight checks, create_application, open_library,
create_main_window, show), up to the moment the clerk sees the last report; the first check and
the day's backup of the library are then still queued (they run once the
window is on screen, see MainWindow._after_shown). Each run is the day's
first start (no backup of today yet), as is most clerks' only start of a day,
after a day on which the window was used and closed (it remembers its size
and its docks then: ui/window_layout.py).
Both programs run with Python's bytecode cache allowed, as an installed
program runs: PYTHONDONTWRITEBYTECODE, if set here, is dropped for the
children (the warm-up runs write the cache).
    python bench/bench_startup.py [runs]
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The baseline says hello in Chinese: any Chinese window loads a CJK font (~8 MiB here).
HELLO = """
import time
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setWindowTitle("你好")
window.setCentralWidget(QLabel("你好，世界"))
window.show()
app.processEvents()
print(time.time(), flush=True)
"""

# Stamps after each phase of run_app, so that the run also says where the time goes.
APP = """
import sys, time
stamps = []
import disclosure_report.cli  # what the disclosure-report command loads before run_app
from disclosure_report.preflight import window_problem
assert window_problem({"DISPLAY": ":0"}) is None  # run_app's check for a desktop session (here offscreen)
stamps.append(time.time())
from PySide6.QtWidgets import QApplication
stamps.append(time.time())
from disclosure_report.ui.app import create_application, create_main_window, has_chinese_font, open_library
app = create_application([])
assert has_chinese_font()
stamps.append(time.time())
library = open_library(sys.argv[1])
stamps.append(time.time())
window = create_main_window(library)
stamps.append(time.time())
window.show()
app.processEvents()
stamps.append(time.time())
while not window.document.checked:  # not part of the start: what follows it (first check, day's backup)
    app.processEvents()
stamps.append(time.time())
print(*stamps, flush=True)
assert window.document.report.organ, "the last report is open"
assert window.editor.parts.currentRow() == 0 and window.editor.page("info").edits["organ"].text()
"""
# The clerk's previous day: the window opened on the last report and closed.
PREVIOUS_DAY = """
import sys
from disclosure_report.ui.app import create_application, create_main_window, open_library
app = create_application([])
library = open_library(sys.argv[1])
window = create_main_window(library)
window.show()
app.processEvents()
window.close()
library.close()
"""
PHASES = ("Python + disclosure_report.cli", "PySide6 imported", "QApplication (ui/app.py)", "library open (storage imported)",
          "main window built (its modules)", "shown")


def run(code, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"child failed ({status}): {out!r}")
    stamps = [float(t) - start for t in out.split()]
    peak_mib = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2 ** 20
    return stamps, peak_mib


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from disclosure_report.storage import Library

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "library.sqlite3")
        library = Library(path)
        library.set_setting("recent_reports", [library.ensure_sample()])
        library.close()
        run(PREVIOUS_DAY, path)
        run(HELLO)  # warm the disk cache for both alike
        run(APP, path)
        hello, app = [], []
        for _ in range(runs):
            hello.append(run(HELLO))
            shutil.rmtree(Path(folder) / "backups", ignore_errors=True)  # each start the day's first
            app.append(run(APP, path))
    h_time = statistics.median(t[-1] for t, _ in hello)
    a_time = statistics.median(t[len(PHASES) - 1] for t, _ in app)
    checked = statistics.median(t[len(PHASES)] for t, _ in app)
    h_mem = statistics.median(m for _, m in hello)
    a_mem = statistics.median(m for _, m in app)
    print(f"runs: {runs} each, medians")
    print(f"bare QMainWindow (你好):    start {h_time * 1000:7.1f} ms   peak memory {h_mem:6.1f} MiB")
    print(f"disclosure-report window:  start {a_time * 1000:7.1f} ms   peak memory {a_mem:6.1f} MiB")
    print(f"ratios: start {a_time / h_time:.2f}×   memory {a_mem / h_mem:.2f}×   (targets ≤ 1.5×: "
          f"{'met' if a_time / h_time <= 1.5 and a_mem / h_mem <= 1.5 else 'NOT met'})")
    print(f"then the first check (findings panel filled) and the day's backup done: {checked * 1000:7.1f} ms "
          f"(not in the ratio)")
    print("where the window's start goes (median ms of each phase):")
    previous = [0.0] * runs
    for n, phase in enumerate(PHASES):
        print(f"  {phase:30s} {statistics.median(t[n] - p for (t, _), p in zip(app, previous)) * 1000:7.1f}")
        previous = [t[n] for t, _ in app]


if __name__ == "__main__":
    main()
