#!/usr/bin/env bash
# Build the one-folder bundle dist/disclosure-report with PyInstaller, using the
# Python in which PyInstaller and the project's dependencies are installed: a venv with
# python -m pip install -e ".[build]", or the glibc 2.28 Python of build_python.sh.
#
#   PYTHON=$(bash packaging/build_python.sh)/bin/python3.11 bash packaging/build_linux.sh
#   bash packaging/make_deb.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=$(command -v "${PYTHON:-python}")
cd "$root"
# A Python built with --enable-shared (build_python.sh) finds libpython beside it; the project
# itself is taken from src/ whether or not it is installed.
export LD_LIBRARY_PATH="$(dirname "$PYTHON")/../lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PYTHONPATH="$root/src${PYTHONPATH:+:$PYTHONPATH}"
# The spec drops the plugins (gtk3 theme, wayland …) whose missing libraries PyInstaller warns about.
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build \
    packaging/disclosure-report.spec 2>&1 | { grep -v -e "Library not found" -e "required via ctypes not found" || true; }
[ -x dist/disclosure-report/disclosure-report ] || { echo "PyInstaller produced no bundle" >&2; exit 1; }
echo "bundle: dist/disclosure-report, $(du -sm dist/disclosure-report | cut -f1) MB unpacked"
