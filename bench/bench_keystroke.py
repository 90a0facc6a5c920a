"""From a cell committed to the findings panel updated, median ms (target ≤ 10).

The window (offscreen) shows table 三 of the sample; each round commits a
number into 本年新收·自然人 the way the cell editor does (model.setData),
alternating between a value that breaks the balance and one that mends it,
so the findings panel changes every time. Printed: the commit alone (undo
step, totals, checks, panel rebuilt) and the commit plus the repaint that
follows it; the baseline is run_checks alone in the same run. Also: a
character typed into the text of 一 (the text rules run on every keystroke),
and, in a report whose 一 has 100,000 characters, a character typed into it
and a cell commit (issue 13: ≤ 10 ms, the text rules reread only the block
typed in and no text at all on a cell commit); their baseline is run_checks
of that report with nothing kept from the check before (the whole text read
again, as before the text rules kept their reading).
    python bench/bench_keystroke.py
"""

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = 300
LONG_TEXT, LONG_ROUNDS = 100_000, 40


def main():
    from disclosure_report.checks import run_checks
    from disclosure_report.checks.text.memo import forget_all
    from disclosure_report.storage import Library
    from disclosure_report.ui.app import create_application, create_main_window

    app = create_application([])
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite3")
        window = create_main_window(library)
        window.show()
        while not window.document.checked:  # the first check follows the window on screen
            app.processEvents()
        view = window.editor.show_page("applications").view
        model = view.model()
        index = model.index_of("applications.new.natural")
        panel = window.findings_panel
        app.processEvents()
        commit, painted, checks = [], [], []
        for n in range(ROUNDS):
            text = "81" if n % 2 == 0 else "80"
            before = panel.count()
            start = time.perf_counter()
            model.setData(index, text)
            committed = time.perf_counter()
            app.processEvents()
            shown = time.perf_counter()
            assert panel.count() != before, "the findings panel did not change"
            commit.append(committed - start)
            painted.append(shown - start)
            start = time.perf_counter()
            run_checks(window.document.report, window.document.previous)
            checks.append(time.perf_counter() - start)
        # a character typed into 一、总体情况 (about 1,400 characters) re-runs the text rules too
        editor = window.editor.show_page("overview").editor
        app.processEvents()
        typed = []
        for _ in range(ROUNDS // 3):
            cursor = editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            start = time.perf_counter()
            cursor.insertText("字")
            typed.append(time.perf_counter() - start)
            app.processEvents()
        # the same in an 一 of 100,000 characters (issue 13: a huge section must not slow each keystroke)
        editor.setPlainText(("\n".join([editor.toPlainText()] * 80))[:LONG_TEXT])
        app.processEvents()
        typed_long = []
        for n in range(LONG_ROUNDS):
            cursor = editor.textCursor()
            cursor.setPosition(len(editor.toPlainText()) * (n % 10 + 1) // 11)  # anywhere in the text
            start = time.perf_counter()
            cursor.insertText("字")
            typed_long.append(time.perf_counter() - start)
            app.processEvents()
        assert len(window.document.report.text["overview"]) >= LONG_TEXT
        view = window.editor.show_page("applications").view  # a cell commit in that report
        app.processEvents()
        commit_long, reread_long = [], []
        for n in range(LONG_ROUNDS):
            start = time.perf_counter()
            model.setData(index, "81" if n % 2 == 0 else "80")
            commit_long.append(time.perf_counter() - start)
            app.processEvents()
            forget_all()
            start = time.perf_counter()
            run_checks(window.document.report, window.document.previous)
            reread_long.append(time.perf_counter() - start)
        window.autosaver.flush()
        window.close()
        library.close()
    c, p, b, t = (statistics.median(x) * 1000 for x in (commit, painted, checks, typed))
    print(f"rounds: {ROUNDS}, medians")
    print(f"baseline run_checks alone:               {b:6.2f} ms")
    print(f"commit → findings panel updated:         {c:6.2f} ms  ({c / b:.1f}× baseline)")
    print(f"commit → panel updated and repainted:    {p:6.2f} ms")
    print(f"a character typed in 一 → checks and panel:  {t:6.2f} ms")
    print(f"target ≤ 10 ms median: {'met' if c <= 10 else 'NOT met'}")
    long_typed, long_commit, reread = (statistics.median(x) * 1000 for x in (typed_long, commit_long, reread_long))
    print(f"a report whose 一 has {LONG_TEXT:,} characters, {LONG_ROUNDS} rounds, medians:")
    print(f"baseline run_checks reading all text again: {reread:6.2f} ms")
    print(f"a character typed in 一 → checks and panel:  {long_typed:6.2f} ms  ({long_typed / reread:.2f}× baseline)"
          f"  target ≤ 10 ms: {'met' if long_typed <= 10 else 'NOT met'}")
    print(f"a cell commit → findings panel updated:      {long_commit:6.2f} ms  ({long_commit / reread:.2f}× baseline)"
          f"  target ≤ 10 ms: {'met' if long_commit <= 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
