"""The one timing helper the bench scripts share (run them as ``python bench/NAME.py``)."""

import statistics
import time


def median_ms(fn, rounds):
    """Median wall time of ``fn()`` over ``rounds`` calls, in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
