"""The one timing helper the bench scripts share (run them as ``python bench/NAME.py``)."""

import os
import statistics
import subprocess
import tempfile
import time


def median_ms(fn, rounds):
    """Median wall time of ``fn()`` over ``rounds`` calls, in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(command):
    """(seconds, peak resident MB, exit code, first line told) of one command in its own process.

    The peak is GNU time's (%M): a child's own ru_maxrss would count this script's memory at the fork.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        code = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", peak.name, *command], env=env,
                              stdout=out, stderr=subprocess.STDOUT).returncode
        seconds = time.perf_counter() - start
        out.seek(0)
        told = out.read().decode("utf-8", "replace").strip().splitlines()
        kilobytes = peak.read().strip().splitlines()
    return seconds, int(kilobytes[-1]) / 1024 if kilobytes else float("nan"), code, told[0] if told else ""
