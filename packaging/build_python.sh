#!/usr/bin/env bash
# Build the Python that goes into the Linux bundle, so that the bundle runs on glibc 2.28
# (UOS 20, Kylin V10). The build machine's Python (Debian 12) needs glibc 2.35; the PySide6,
# lxml and rapidfuzz wheels already need no more than 2.28.
#
#   bash packaging/build_python.sh [PREFIX]      prints PREFIX; then: PYTHON=PREFIX/bin/python3.11 build_linux.sh
#
# Everything comes from the package registries: the CPython source is Debian's source package
# python3.11 (apt-get source, with Debian's security patches), the C compiler is zig from the
# ziglang wheel on PyPI (it links against a glibc 2.28 of its own, whatever the machine has), the
# headers of zlib, bz2, lzma, sqlite3, uuid, expat and libffi are Debian's -dev packages (Debian's
# patches link pyexpat against the system's libexpat1). The project's
# dependencies and PyInstaller are installed into PREFIX from wheels. Needs root for apt-get
# only when a -dev package is missing. A finished PREFIX is reused (about 6 minutes otherwise).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
prefix=${1:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/disclosure-report/python3.11-glibc2.28}
GLIBC=2.28
key="python3.11 glibc$GLIBC $(sha256sum "$0" | cut -c1-16)"
log() { echo "build_python: $*" >&2; }

if [ "$(cat "$prefix/.built" 2>/dev/null)" != "$key" ]; then
    work=$(mktemp -d)
    [ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
    headers="libffi-dev zlib1g-dev libbz2-dev liblzma-dev libsqlite3-dev uuid-dev libexpat1-dev"
    # shellcheck disable=SC2086
    if ! dpkg -s $headers > /dev/null 2>&1; then
        log "installing $headers"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $headers > /dev/null
    fi

    log "zig (ziglang from PyPI)"
    python3 -m venv "$work/zig"
    "$work/zig/bin/python" -m pip install -q "ziglang==0.17.1" 2>&1 | { grep -v "^WARNING: Location" || true; } >&2
    for tool in cc ar ranlib; do
        extra=""
        # zig's clang rejects __DATE__ (getbuildinfo.c); the target pins the glibc version.
        [ "$tool" = cc ] && extra="-target x86_64-linux-gnu.$GLIBC"
        printf '#!/bin/sh\nexec "%s" -m ziglang %s %s "$@" %s\n' "$work/zig/bin/python" "$tool" "$extra" \
            "$([ "$tool" = cc ] && echo -Wno-error=date-time)" > "$work/z$tool"
        chmod +x "$work/z$tool"
    done

    log "CPython source (Debian source package python3.11)"
    mkdir -p "$work/lists/partial"
    # deb-src twins of the Debian sources this machine's apt is configured with; the release's
    # own python3.11 (its security updates are not always kept as source)
    release=$(. /etc/os-release && echo "$VERSION_CODENAME")
    mkdir -p "$work/parts"
    : > "$work/sources.list"
    if [ -f /etc/apt/sources.list ]; then
        sed -n 's/^deb \(.*\)$/deb-src \1/p' /etc/apt/sources.list > "$work/sources.list"
    fi
    for f in /etc/apt/sources.list.d/*.sources; do
        if [ -f "$f" ]; then sed 's/^Types: deb$/Types: deb-src/' "$f" > "$work/parts/${f##*/}"; fi
    done
    apt_src=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts="$work/parts" -o Dir::State::Lists="$work/lists"
             -o APT::Sandbox::User=root)
    (cd "$work" && apt-get "${apt_src[@]}" update -qq && apt-get "${apt_src[@]}" source -qq "python3.11/$release" 2>&1 \
        | { grep -v "^dpkg-source: info" || true; }) >&2
    src=$(find "$work" -maxdepth 1 -type d -name "python3.11-*" | head -1)

    # Only the few headers needed, never the build machine's glibc headers; the libraries by name.
    mkdir -p "$work/inc/uuid" "$work/lib"
    cp /usr/include/x86_64-linux-gnu/ffi.h /usr/include/x86_64-linux-gnu/ffitarget.h /usr/include/zlib.h \
        /usr/include/zconf.h /usr/include/bzlib.h /usr/include/lzma.h /usr/include/sqlite3.h /usr/include/expat.h \
        /usr/include/expat_external.h "$work/inc/"
    cp -r /usr/include/lzma "$work/inc/"
    cp /usr/include/uuid/uuid.h "$work/inc/uuid/"
    for lib in libffi libz libbz2 liblzma libsqlite3 libuuid libexpat; do
        ln -s "/usr/lib/x86_64-linux-gnu/$lib.so" "$work/lib/$lib.so"
    done
    # zig's linker knows -soname, not -h; libpython3.so needs one object of its own; setup.py must not
    # add /usr/include/<multiarch> (glibc 2.36 headers).
    : > "$src/empty.c"
    sed -i -e 's/-Wl,-h\$(INSTSONAME)/-Wl,-soname,$(INSTSONAME)/' \
        -e 's/-o \$@ -Wl,-h\$@ \$^/-o $@ -Wl,-soname,$@ empty.c -L. -lpython$(LDVERSION)/' "$src/Makefile.pre.in"
    sed -i 's/^    def add_multiarch_paths(self):$/&\n        return/' "$src/setup.py"
    # Debian's security patches make pyexpat.c include internal headers (Debian builds it in, not via setup.py).
    sed -i "s/Extension('pyexpat', sources=\['pyexpat.c'\])/Extension('pyexpat', sources=['pyexpat.c'], \
define_macros=[('Py_BUILD_CORE_MODULE', '1')])/" "$src/setup.py"

    log "configure and make (a few minutes)"
    rm -rf "$prefix"
    (cd "$src" && CC="$work/zcc" AR="$work/zar" RANLIB="$work/zranlib" CFLAGS="-O2" \
        CPPFLAGS="-I$work/inc" LDFLAGS="-L$work/lib -Wl,--allow-shlib-undefined" \
        ./configure --prefix="$prefix" --enable-shared --with-system-expat --without-ensurepip --disable-test-modules > "$work/configure.log" 2>&1 \
        && make -j"$(nproc)" > "$work/make.log" 2>&1 && make install > "$work/install.log" 2>&1) || {
        tail -30 "$work/configure.log" "$work/make.log" >&2; exit 1; }
    LD_LIBRARY_PATH="$prefix/lib" "$prefix/bin/python3.11" -c \
        "import ctypes, zlib, bz2, lzma, sqlite3, uuid, decimal, hashlib, json, xml.parsers.expat" || {
        grep -A12 -e "Failed to build" -e "necessary bits" "$work/make.log" >&2; exit 1; }
    echo "$key" > "$prefix/.built"
fi

log "dependencies and PyInstaller (wheels for manylinux_2_28 or older)"
platforms=()
for minor in 28 27 26 25 24 17 12 5; do platforms+=(--platform "manylinux_2_${minor}_x86_64"); done
deps=$(python3 -c 'import tomllib,sys; p=tomllib.load(open(sys.argv[1],"rb"))["project"]; print("\n".join(p["dependencies"]+p["optional-dependencies"]["build"]))' "$root/pyproject.toml")
mapfile -t requirements <<< "$deps"
# The machine's pip installs them (the new Python has no OpenSSL, and Debian's source disables ensurepip).
# Debian's patches move site-packages (…/local/lib/python3.11/dist-packages): ask the Python itself.
site=$(LD_LIBRARY_PATH="$prefix/lib" "$prefix/bin/python3.11" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
python3 -m pip install -q --root-user-action=ignore --upgrade --target "$site" --only-binary=:all: \
    "${platforms[@]}" --platform manylinux2014_x86_64 --python-version 3.11 --implementation cp \
    --abi cp311 --abi abi3 --abi none "${requirements[@]}" 2>&1 \
    | { grep -v -e "^WARNING: Location" -e "^WARNING: Target directory" || true; } >&2
echo "$prefix"
