#!/usr/bin/env bash
# Package the one-folder bundle as a .deb for UOS / Kylin (x86-64), with dpkg-deb only.
#
#   bash packaging/make_deb.sh [BUNDLE_DIR] [OUT_DIR]     (defaults: dist/disclosure-report dist)
#
# Layout (UOS app store): /opt/apps/$APPID/{files,entries,info}; Kylin reads
# /usr/share/applications. No maintainer scripts: installing changes nothing
# outside these files. APPID and MAINTAINER may be overridden from the environment.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bundle=${1:-$root/dist/disclosure-report}
out=${2:-$root/dist}
APPID=${APPID:-org.disclosurereport.app}
MAINTAINER=${MAINTAINER:-disclosure-report developers <disclosure-report@example.invalid>}
PYTHON=${PYTHON:-python3}

[ -x "$bundle/disclosure-report" ] || { echo "no bundle at $bundle (run packaging/build_linux.sh first)" >&2; exit 1; }
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/src/disclosure_report/__init__.py")
version4=$(echo "$version.0.0.0" | cut -d. -f1-4)
glibc_floor=$("$PYTHON" "$here/glibc_floor.py" --floor-only "$bundle")
"$PYTHON" "$here/check_depends.py" "$bundle" "$here/deb/control.in" >&2

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
app=$stage/opt/apps/$APPID
mkdir -p "$stage/DEBIAN" "$app/entries/applications" "$stage/usr/share/applications"
cp -a "$bundle" "$app/files"
install -m 755 "$here/deb/launcher.sh" "$app/files/launcher.sh"
for size in 48 256; do
    install -D -m 644 "$here/icons/disclosure-report-$size.png" \
        "$app/entries/icons/hicolor/${size}x${size}/apps/$APPID.png"
done
svg_icon=$app/entries/icons/hicolor/scalable/apps/$APPID.svg
install -D -m 644 "$here/icons/disclosure-report.svg" "$svg_icon"

fill() {  # template -> stdout, placeholders replaced
    sed -e "s|@APPID@|$APPID|g" -e "s|@VERSION@|$version|g" -e "s|@VERSION4@|$version4|g" \
        -e "s|@MAINTAINER@|$MAINTAINER|g" -e "s|@GLIBC_FLOOR@|$glibc_floor|g" \
        -e "s|@INSTALLED_SIZE@|${installed_size:-0}|g" -e "s|@ICON@|${icon:-$APPID}|g" "$1"
}
fill "$here/deb/info.in" > "$app/info"
icon=$APPID fill "$here/deb/app.desktop.in" > "$app/entries/applications/$APPID.desktop"
# Kylin's menu reads only /usr/share/applications, where the UOS icon theme link does not reach.
icon=/opt/apps/$APPID/entries/icons/hicolor/scalable/apps/$APPID.svg \
    fill "$here/deb/app.desktop.in" > "$stage/usr/share/applications/$APPID.desktop"
installed_size=$(du -sk --apparent-size "$stage/opt" "$stage/usr" | awk '{s += $1} END {print s}')
fill "$here/deb/control.in" > "$stage/DEBIAN/control"
(cd "$stage" && find opt usr -type f -print0 | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
chmod -R u+rwX,go+rX,go-w "$stage"

mkdir -p "$out"
deb=$out/${APPID}_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" > /dev/null
echo "$deb"
