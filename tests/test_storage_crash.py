"""Killing the program (kill -9) at any moment loses nothing but the save in flight."""

import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_report.storage import Library

sys.path.insert(0, str(Path(__file__).parent))
from crash_worker import ORGAN, YEAR  # noqa: E402

WORKER = Path(__file__).parent / "crash_worker.py"
KILLS = 50


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_at_random_moments_keeps_every_acknowledged_save(tmp_path):
    path = tmp_path / "library.sqlite3"
    rng = random.Random(20240131)
    acknowledged = 0
    rounds_with_saves = 0
    for kill in range(KILLS):
        worker = subprocess.Popen([sys.executable, str(WORKER), str(path)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        out = ""
        if kill % 5 == 0:  # anywhere from starting, opening or creating the library on
            delay = rng.uniform(0.02, 0.4)
        else:  # while it saves, however slowly this (shared, loaded) machine starts Python
            line = worker.stdout.readline()
            out = line
            while line and not line.startswith("saved "):
                line = worker.stdout.readline()
                out += line
            delay = rng.uniform(0.005, 0.15)
        try:
            worker.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            worker.kill()
        rest, err = worker.communicate()
        out += rest
        assert worker.returncode == -9, f"the worker stopped by itself:\n{err}"
        saves = [int(line.split()[1]) for line in out.splitlines(keepends=True)
                 if line.startswith("saved ") and line.endswith("\n")]
        if saves:
            rounds_with_saves += 1
            acknowledged = saves[-1]

        assert _integrity(path) == "ok", f"kill {kill}"
        with Library(path) as library:
            entry = library.find(ORGAN, YEAR)
            if entry is None:  # killed before the report was ever created
                assert acknowledged == 0
                continue
            report = library.load(entry.id)
        stored = report.values["applications.new.natural"] or 0
        # the last acknowledged save, or the one committed but not yet printed
        assert stored in (acknowledged, acknowledged + 1), f"kill {kill}: stored {stored}, acknowledged {acknowledged}"
        if stored:
            assert report.values["applications.new.legal"] == stored % 7
            assert report.values["applications.new.total"] == stored + stored % 7
            assert report.text["other"] == f"第{stored}次修改" + "。" * (stored % 300)
        acknowledged = stored
    assert rounds_with_saves >= KILLS // 2, "too few kills landed while saving"
    assert acknowledged > 100
