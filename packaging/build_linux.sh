#!/usr/bin/env bash
# Build the one-folder bundle dist/disclosure-report with PyInstaller, using the
# Python environment in which the project and PyInstaller are installed
# (python -m pip install -e ".[build]").
#
#   bash packaging/build_linux.sh            then  bash packaging/make_deb.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python}
cd "$root"
# The spec drops the plugins (gtk3 theme, wayland …) whose missing libraries PyInstaller warns about.
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build \
    packaging/disclosure-report.spec 2>&1 | { grep -v -e "Library not found" -e "required via ctypes not found" || true; }
[ -x dist/disclosure-report/disclosure-report ] || { echo "PyInstaller produced no bundle" >&2; exit 1; }
echo "bundle: dist/disclosure-report, $(du -sm dist/disclosure-report | cut -f1) MB unpacked"
