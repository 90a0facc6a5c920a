#!/usr/bin/env bash
# Try the Windows installer and the portable zip under Wine, in a fresh prefix, as .ci/run does:
#
#   bash packaging/windows/try_under_wine.sh dist/disclosure-report-<v>-setup.exe dist/disclosure-report-<v>-portable.zip
#
# The Windows user is "张 三" (Chinese and a space in every path); the Chinese font WenQuanYi Micro
# Hei is copied into C:\windows\Fonts (real Windows has 仿宋/宋体). No screen is needed: the PDF is
# printed on Qt's minimal platform with fonts (printing/pdf.py), and the window program runs on
# that platform too (offscreen lists no font on Windows), because Qt's windows platform aborts under Wine 8.0 (it asks WinRT for
# Windows.UI.ViewManagement.UISettings, which Wine 8.0 does not have). Wine hides QT_* variables
# from Windows programs; WINEQT_QPA_PLATFORM sets QT_QPA_PLATFORM for them.
# Every Wine call has a timeout; a failure says which step and shows the program's output.
# Wine is not Windows: packaging/README.md says what this proves and what it cannot.
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 SETUP.exe PORTABLE.zip" >&2; exit 2; }
setup=$(realpath "$1")
portable_zip=$(realpath "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
WINE=${WINE:-/usr/lib/wine/wine64}
work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d" USER="张 三"
unset DISPLAY WAYLAND_DISPLAY  # Wine's null driver: nothing here needs a screen
window_pid=""
lent=""  # set while the prefix is lent to the user nobody (the read-only step)
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$work/home" "$@"; }
cleanup() {
    [ -z "$window_pid" ] || kill "$window_pid" 2> /dev/null || true
    [ -z "$lent" ] || as_nobody timeout 30 wineserver -k 2> /dev/null || true
    timeout 30 wineserver -k 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "try_under_wine: FAILED: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
# a Windows program with a timeout, its stdin /dev/null and its output a pipe: a Windows Python
# under Wine given a file or a terminal dies with "init_sys_streams: Invalid handle"
w() { local limit=$1; shift; timeout "$limit" "$WINE" "$@" < /dev/null 2>&1 | cat; }
wait_wine() { timeout "${1:-120}" wineserver -w || fail "Wine processes still running after ${1:-120} s"; }
refusal_logged() {  # the installer's line for IT staff in %TEMP%\disclosure-report-setup.log (UTF-16)
    local log
    log=$(find "$WINEPREFIX/drive_c/users" -name disclosure-report-setup.log | head -1)
    [ -n "$log" ] || fail "no %TEMP%\\disclosure-report-setup.log after a refusal"
    iconv -f UTF-16 -t UTF-8 "$log" | tr -d '\r' > "$work/setup-log.txt"
    grep -q "$1" "$work/setup-log.txt" || { cat "$work/setup-log.txt"; fail "the log has no line with $1"; }
    echo "    log: $(grep "$1" "$work/setup-log.txt" | tail -1)"
}

user_dir=$WINEPREFIX/drive_c/users/$USER
app=$user_dir/AppData/Local/Programs/disclosure-report
drafts=$user_dir/AppData/Local/disclosure-report

start_window() {  # the window program in the background; $window_pid
    WINEQT_QPA_PLATFORM=minimal:enable_fonts "$WINE" "$1" < /dev/null > >(cat > "$work/window.log") 2>&1 &
    window_pid=$!
}
window_survives() {  # still running after 5 s, then closed
    sleep 5
    kill -0 "$window_pid" 2> /dev/null || { cat "$work/window.log"; fail "$1: the window program exited within 5 s"; }
}
wait_for_library() {  # the window opens its drafts library once Qt and its modules are loaded
    for _ in $(seq 90); do [ -f "$1" ] && return 0; sleep 1; done
    cat "$work/window.log"; fail "the window program made no drafts library $1 within 95 s"
}
stop_window() {
    kill "$window_pid" 2> /dev/null || true
    wait "$window_pid" 2> /dev/null || true
    window_pid=""
    wait_wine 60
}

echo "--- fresh Wine prefix for the user \"$USER\""
w 180 wineboot -i > /dev/null 2>&1 || fail "wineboot did not finish"
wait_wine 60
[ -d "$user_dir" ] || fail "no profile $user_dir"

echo "--- Windows 7 (a fresh prefix's default): the installer refuses"
rc=0; w 120 "$setup" /S > /dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "the installer on Windows 7 exited with $rc, not 2"
[ ! -e "$app" ] || fail "the installer on Windows 7 installed files"
refusal_logged "安装：需要 64 位的 Windows 10"
ok "refused with exit status 2 and a log line, nothing installed"
w 60 winecfg -v win10 > /dev/null 2>&1 || fail "winecfg -v win10"
wait_wine 60
mkdir -p "$WINEPREFIX/drive_c/windows/Fonts"
font=$(fc-match -f '%{file}' 'WenQuanYi Micro Hei:lang=zh-cn')
case "$font" in *wqy*|*Noto*CJK*) cp "$font" "$WINEPREFIX/drive_c/windows/Fonts/" ;;
                *) fail "no Chinese font on this machine (apt-get install fonts-wqy-microhei)" ;; esac

echo "--- silent install (Windows 10)"
SECONDS=0
w 300 "$setup" /S > /dev/null 2>&1 || fail "setup.exe /S exited with $?"
for f in disclosure-report.exe disclosure-report-cli.exe uninstall.exe _internal; do
    [ -e "$app/$f" ] || fail "not installed: $app/$f"
done
ok "installed into C:\\users\\$USER\\AppData\\Local\\Programs\\disclosure-report in ${SECONDS}s"
for lnk in "$user_dir/Desktop/政府信息公开年度报告.lnk" \
           "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/政府信息公开年度报告.lnk"; do
    [ -f "$lnk" ] || fail "no shortcut $lnk"
done
ok "shortcuts on the desktop and in the start menu"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\disclosure-report'
w 60 reg query "$key" > "$work/reg.txt" 2>&1 || fail "no uninstall entry $key"
version=$(sed -n 's/.*DisplayVersion *REG_SZ *\([^[:space:]]*\).*/\1/p' "$work/reg.txt")
grep -q "Publisher *REG_SZ *disclosure-report" "$work/reg.txt" && grep -q EstimatedSize "$work/reg.txt" \
    && [ -n "$version" ] || { cat "$work/reg.txt"; fail "the uninstall entry lacks version, publisher or size"; }
ok "应用和功能 entry: version $version, publisher, size"
installed_mb=$(du -sm "$app" | cut -f1)

echo "--- self-test of the installed program"
w 300 "$app/disclosure-report-cli.exe" --self-test > "$work/selftest.txt" 2>&1 || { cat "$work/selftest.txt"; fail "self-test"; }
sed 's/^/    /' "$work/selftest.txt"
grep -q "自检通过" "$work/selftest.txt" && ! grep -q '\\u[0-9a-f]\{4\}' "$work/selftest.txt" \
    || fail "the self-test's output is not readable Chinese (UTF-8 through a pipe)"
grep -q "通过  导出并读回 PDF" "$work/selftest.txt" || fail "the PDF step did not pass"
ok "every step passed, PDF included; Chinese readable through a pipe"

echo "--- the window program"
start_window "$app/disclosure-report.exe"
window_survives "installed"
wait_for_library "$drafts/library.sqlite3"
ok "running after 5 s (Qt minimal platform with fonts)"

echo "--- a second install while the program runs: refused, nothing changed"
stamp=$(stat -c %Y "$app/_internal/base_library.zip")
rc=0; w 300 "$setup" /S > /dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "installing over the running program exited with $rc, not 2"
[ "$(stat -c %Y "$app/_internal/base_library.zip")" = "$stamp" ] || fail "installing over the running program changed files"
kill -0 "$window_pid" 2> /dev/null || fail "installing over the running program ended it"
refusal_logged "安装：程序正在运行"
ok "refused with exit status 2 and a log line (the wizard says 正在运行, 请先关闭), program untouched"

echo "--- uninstall while the program runs: refused, nothing removed"
# The uninstaller runs from a copy in %TEMP% (Au_.exe) and returns at once; wait for that copy.
w 120 "$app/uninstall.exe" /S > /dev/null 2>&1 || fail "uninstall.exe /S exited with $?"
for _ in $(seq 60); do pgrep -f 'Au_\.exe' > /dev/null || break; sleep 1; done
! pgrep -f 'Au_\.exe' > /dev/null || fail "the uninstaller still runs after 60 s"
[ -f "$app/disclosure-report.exe" ] && [ -d "$app/_internal" ] || fail "uninstall while running removed files"
kill -0 "$window_pid" 2> /dev/null || fail "uninstall while running ended the program"
refusal_logged "卸载：程序正在运行"
ok "refused with a log line (the wizard says 正在运行, 请先关闭), program in place and running"
stop_window

echo "--- upgrade in place (same version again): drafts kept"
sum=$(sha256sum "$drafts/library.sqlite3" | cut -c1-16)
w 300 "$setup" /S > /dev/null 2>&1 || fail "the second install exited with $?"
[ "$(sha256sum "$drafts/library.sqlite3" | cut -c1-16)" = "$sum" ] || fail "the upgrade changed the drafts"
w 120 "$app/disclosure-report-cli.exe" --version > "$work/version.txt" 2>&1 || fail "the upgraded program does not start"
ok "reinstalled over the old files; $(cat "$work/version.txt")"

echo "--- batch check of 12 files through the installed program (worker processes)"
batch="$user_dir/报告 目录"
mkdir -p "$batch"
for i in $(seq 1 12); do sed "s/鄄城县人民政府/单位$i/" "$root/resources/samples/juancheng-2023.json" > "$batch/单位 $i.json"; done
rc=0
(cd "$batch" && w 600 "$app/disclosure-report-cli.exe" check ./*.json > "$work/batch.txt" 2>&1) || rc=$?
[ "$rc" -le 1 ] && [ "$(grep -c '0 个错误' "$work/batch.txt")" = 12 ] || { cat "$work/batch.txt"; fail "batch check (exit $rc)"; }
ok "12 files read and checked"

echo "--- portable zip (绿色版) in a folder with Chinese and a space"
usb="$user_dir/U盘/绿色 版"
mkdir -p "$usb"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$portable_zip" "$usb"
portable=$(find "$usb" -maxdepth 2 -name disclosure-report.exe -printf '%h\n' | head -1)
[ -f "$portable/portable.txt" ] || fail "the portable zip has no portable.txt beside the exe"
w 300 "$portable/disclosure-report-cli.exe" --self-test > "$work/portable.txt" 2>&1 || { cat "$work/portable.txt"; fail "portable self-test"; }
grep -q "自检通过" "$work/portable.txt" || fail "portable self-test output"
ok "self-test passed"
start_window "$portable/disclosure-report.exe"
window_survives "portable"
wait_for_library "$portable/data/library.sqlite3"
stop_window
ok "window ran; drafts in the data folder beside the program"

echo "--- a read-only drafts folder: the window opens it to look at, nothing in it changes"
# Wine run by root writes read-only files all the same (CI runs as root): the prefix is lent to the user
# nobody for this step, for whom a folder without write permission is what a Windows ACL denying it is.
drafts_state() { (cd "$drafts" && find . -printf '%y %m %P\n' | sort && find . -type f -exec sha256sum {} + | sort); }
drafts_state > "$work/drafts-before.txt"
wait_wine 60
# Debian's Wine names its wineserver's folder in $WINEPREFIX/wineserver (a folder of root's): each user its own
rm -f "$WINEPREFIX/wineserver"
chmod 755 "$work" && mkdir -p "$work/home" && chown -R nobody:nogroup "$WINEPREFIX" "$work/home"
chmod -R a-w "$drafts"
lent=1
shown="$WINEPREFIX/drive_c/shown.txt"
setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$work/home" WINEQT_QPA_PLATFORM=minimal:enable_fonts \
    DISCLOSURE_REPORT_SHOWN_MARK='C:\shown.txt' "$WINE" "$app/disclosure-report.exe" < /dev/null > >(cat > "$work/window.log") 2>&1 &
window_pid=$!
for _ in $(seq 90); do [ -s "$shown" ] || ! kill -0 "$window_pid" 2> /dev/null && break; sleep 1; done
[ -s "$shown" ] || { cat "$work/window.log"; fail "with a read-only drafts folder the window did not open"; }
sleep 3  # its first check, and the day's backup it must not try to write
kill -0 "$window_pid" 2> /dev/null || { cat "$work/window.log"; fail "the window on a read-only library exited"; }
kill "$window_pid" 2> /dev/null || true
wait "$window_pid" 2> /dev/null || true
window_pid=""
as_nobody timeout 60 wineserver -k || true
lent=""
chmod -R u+w "$drafts" && chown -R root:root "$WINEPREFIX" && rm -f "$WINEPREFIX/wineserver"
drafts_state > "$work/drafts-after.txt"
diff "$work/drafts-before.txt" "$work/drafts-after.txt" > /dev/null \
    || { diff "$work/drafts-before.txt" "$work/drafts-after.txt"; fail "the read-only drafts folder changed"; }
ok "the window opened it (read-only: see the banner in packaging/README.md), no file in it added, changed or removed"

echo "--- silent uninstall: program gone, drafts kept"
w 120 "$app/uninstall.exe" /S > /dev/null 2>&1 || fail "uninstall.exe /S exited with $?"
wait_wine 120  # the uninstaller runs from a copy in %TEMP%
[ ! -e "$app" ] || { ls -R "$app" | head; fail "files left in $app"; }
[ ! -e "$user_dir/Desktop/政府信息公开年度报告.lnk" ] || fail "desktop shortcut left"
! w 60 reg query "$key" > /dev/null 2>&1 || fail "uninstall entry left"
[ "$(sha256sum "$drafts/library.sqlite3" | cut -c1-16)" = "$sum" ] || fail "the uninstaller touched the drafts"
ok "program, shortcuts and entry removed; $drafts kept"

setup_mb=$(( $(stat -c %s "$setup") / 1024 / 1024 ))
portable_mb=$(( $(stat -c %s "$portable_zip") / 1024 / 1024 ))
echo "installer: $setup_mb MB (limit 60); portable zip: $portable_mb MB; installed: $installed_mb MB"
[ "$setup_mb" -le 60 ] || fail "installer over 60 MB"
echo "try_under_wine: all passed"
