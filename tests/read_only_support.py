"""Running code where the library really cannot be written, even when the tests run as root.

Root ignores permission bits (CAP_DAC_OVERRIDE), so as root a command runs with that right dropped
(``setpriv --bounding-set``): it is still uid 0 and reads the program from /root, but a file or folder
without a write bit refuses it as it refuses a clerk. A read-only medium (a CD, a write-protected stick)
is a read-only bind mount in a mount namespace of the command's own (``unshare -m``), never seen outside.
Each helper skips, saying why, when this machine cannot do it.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[1] / "src")
TESTS = str(Path(__file__).resolve().parent)
DROP = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([SRC, TESTS, env.get("PYTHONPATH", "")])
    return env


def _refused(prefix) -> bool:
    """True when a command run with prefix cannot create a file in a folder without write bits."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o555)
        try:
            done = subprocess.run(prefix + [sys.executable, "-c", f"open({str(Path(folder) / 'x')!r}, 'w')"],
                                  capture_output=True, env=_env(), timeout=60)
        finally:
            os.chmod(folder, 0o755)
        return done.returncode != 0


def as_clerk() -> list:
    """The prefix that makes permission bits apply to a command (none when not root)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv (util-linux) is missing: cannot drop CAP_DAC_OVERRIDE")
    if not _refused(DROP):
        pytest.skip("running as root, and dropping CAP_DAC_OVERRIDE with setpriv did not make permission bits apply")
    return list(DROP)


def on_read_only_medium(folder: Path) -> list:
    """The prefix that runs a command with folder mounted read-only (EROFS, as on a CD)."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("unshare or mount (util-linux) is missing: cannot mount a folder read-only")
    prefix = ["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"', str(folder)]
    probe = subprocess.run(prefix + ["true"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"a read-only bind mount is not permitted here ({probe.stderr.strip()}): needs root in a "
                    f"mount namespace")
    return prefix


def run_python(prefix: list, code: str, *args) -> dict:
    """code run with prefix in a fresh interpreter (args in sys.argv[1:]); what it printed last, as JSON."""
    done = subprocess.run(prefix + [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          env=_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_window(prefix: list, library: Path, out: Path, *options) -> dict:
    """tests/read_only_worker.py: the window on library, as the clerk sees it."""
    done = subprocess.run(prefix + [sys.executable, str(Path(TESTS) / "read_only_worker.py"), str(library),
                                    str(out), *options], capture_output=True, text=True, env=_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_read_only(folder: Path) -> None:
    """The folder and every file in it without write bits, as a clerk's read-only folder is."""
    for path in [*folder.rglob("*"), folder]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def listing(folder: Path) -> dict:
    """Every file under folder with its size and permission bits: what a read-only open must not change."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns, oct(p.stat().st_mode & 0o777))
            for p in sorted(folder.rglob("*"))}
