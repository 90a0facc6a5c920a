"""Cold start of the installed Windows program vs a bare PySide6 window frozen the same way, under Wine.

The Windows twin of bench_startup.py. Both programs are Windows exes made by build_windows.sh from
the same CPython 3.11 for Windows, PyInstaller and spec (the baseline is bench/bare_window.py, frozen
with DISCLOSURE_REPORT_BARE_WINDOW=1). In one fresh Wine prefix (Windows 10, WenQuanYi Micro Hei in
C:\\windows\\Fonts) the real installer is run silently, the baseline copied beside the installed
program, and each program is started in turn: its start-up time is from the moment this script
launches it to the moment it writes that Qt has exposed its window (the file named by
DISCLOSURE_REPORT_SHOWN_MARK; ui/main_window.py and bare_window.py write it alike). Both run on
Qt's minimal platform with fonts, as under Wine the window program can (packaging/README.md), in the
style Qt gives a Windows 10 PC, windowsvista (or the style named after runs). On the minimal platform Qt
takes its windows11 style whatever the Windows version, and that style draws check marks and arrows from
the Segoe Fluent Icons font, which only Windows 11 has; under Wine they came out wrong, and Qt's search for
a stand-in font cost the program's first paint some 20 ms (its one check box), the bare window nothing.

Each start is a new process with the disk cache warm and Wine's own processes already running (a
Windows PC has booted before the clerk double-clicks): one start of each is discarded first. The
program opens its drafts library with the last report each time, as the day's first start (the
backups folder is emptied between runs). Target: ratio ≤ 1.5×. Wine is not Windows: the figures say
how the program compares with a bare Qt window on the same system, not how fast a real PC is.

    bash packaging/build_windows.sh && bash packaging/build_windows.sh --bare-window
    python bench/bench_startup_windows.py dist/disclosure-report-<v>-setup.exe dist/windows-bare/bare-window [runs [style]]
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WINE = os.environ.get("WINE", "/usr/lib/wine/wine64")
MARK = "DISCLOSURE_REPORT_SHOWN_MARK"
LIMIT_S = 180
WINDOWS_10_STYLE = "windowsvista"


def wine(env, *args, limit=300):
    return subprocess.run(["timeout", str(limit), WINE, *args], env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT).returncode


def prepare(prefix, setup, bare):
    """A fresh Windows 10 prefix with the program installed and the baseline beside it; (env, program, baseline)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(WINEPREFIX=str(prefix), WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d")
    if wine(env, "wineboot", "-i", limit=180) != 0:
        raise SystemExit("wineboot did not finish")
    subprocess.run(["timeout", "60", "wineserver", "-w"], env=env)
    if wine(env, "winecfg", "-v", "win10", limit=60) != 0:
        raise SystemExit("winecfg -v win10 failed")
    subprocess.run(["timeout", "60", "wineserver", "-w"], env=env)
    font = subprocess.run(["fc-match", "-f", "%{file}", "WenQuanYi Micro Hei:lang=zh-cn"], capture_output=True,
                          text=True).stdout
    if "wqy" not in font and "CJK" not in font:
        raise SystemExit("no Chinese font on this machine (apt-get install fonts-wqy-microhei)")
    (prefix / "drive_c/windows/Fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy(font, prefix / "drive_c/windows/Fonts")
    if wine(env, setup, "/S") != 0:
        raise SystemExit(f"{setup} /S failed")
    programs = next((prefix / "drive_c/users").glob("*/AppData/Local/Programs"))
    program = programs / "disclosure-report" / "disclosure-report.exe"
    if not program.is_file():
        raise SystemExit(f"the installer put no {program}")
    shutil.copytree(bare, programs / "bare-window")
    return env, program, programs / "bare-window" / "bare-window.exe"


def _read_mark(mark):
    try:
        return float(mark.read_text(encoding="ascii"))
    except (OSError, ValueError):  # not there yet, or being written
        return None


def start(env, exe, mark, style=WINDOWS_10_STYLE):
    """Seconds from launching exe to its window's first exposure (it is then ended)."""
    mark.unlink(missing_ok=True)
    run_env = dict(env, WINEQT_QPA_PLATFORM="minimal:enable_fonts", WINEQT_STYLE_OVERRIDE=style,
                   **{MARK: "C:\\" + mark.name})
    begun = time.time()
    child = subprocess.Popen([WINE, str(exe)], env=run_env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    try:
        while (shown := _read_mark(mark)) is None:
            if child.poll() is not None:
                raise SystemExit(f"{exe.name} exited with {child.returncode} before showing its window: "
                                 f"{child.stdout.read().decode('utf-8', 'replace')}")
            if time.time() - begun > LIMIT_S:
                raise SystemExit(f"{exe.name} showed no window within {LIMIT_S} s")
            time.sleep(0.005)
        time.sleep(1)  # what follows the first paint (the program's first check, the day's backup)
    finally:
        child.kill()
        child.wait()
    return shown - begun


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__.rsplit("\n\n", 1)[1])
    setup, bare = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    style = sys.argv[4] if len(sys.argv) > 4 else WINDOWS_10_STYLE
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "prefix"
        env, program, baseline = prepare(prefix, setup, bare)
        drafts = program.parents[2] / "disclosure-report"
        mark = prefix / "drive_c" / "shown-mark.txt"
        # Wine's own processes (wineserver, services, explorer) stay up between the starts, as Windows does
        keeper = subprocess.Popen([WINE, "cmd.exe"], env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            start(env, baseline, mark, style)
            start(env, program, mark, style)  # the first start ever: makes the drafts library with the sample
            bare_times, program_times = [], []
            for _ in range(runs):
                bare_times.append(start(env, baseline, mark, style))
                shutil.rmtree(drafts / "backups", ignore_errors=True)  # each start the day's first
                program_times.append(start(env, program, mark, style))
        finally:
            keeper.stdin.close()
            keeper.wait(timeout=60)
            subprocess.run(["timeout", "60", "wineserver", "-k"], env=env)
    wine_version = subprocess.run([WINE, "--version"], capture_output=True, text=True).stdout.strip()
    b, p = statistics.median(bare_times), statistics.median(program_times)
    print(f"under {wine_version}, Qt minimal platform with fonts, {style} style; runs: {runs} each, medians (min–max)")
    print(f"bare PySide6 window (你好), frozen the same way: {b * 1000:7.0f} ms "
          f"({min(bare_times) * 1000:.0f}–{max(bare_times) * 1000:.0f})")
    print(f"installed disclosure-report window:             {p * 1000:7.0f} ms "
          f"({min(program_times) * 1000:.0f}–{max(program_times) * 1000:.0f})")
    print(f"ratio: {p / b:.2f}×   (target ≤ 1.5×: {'met' if p / b <= 1.5 else 'NOT met'})")
    # each round's two starts ran side by side, under the same load: their ratio moves less than the medians do
    rounds = sorted(program / bare for program, bare in zip(program_times, bare_times))
    print(f"per-round ratio: median {statistics.median(rounds):.2f}×, quartiles {rounds[len(rounds) // 4]:.2f}–"
          f"{rounds[(3 * len(rounds)) // 4]:.2f}×")


if __name__ == "__main__":
    main()
