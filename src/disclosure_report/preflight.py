"""Before Qt starts on Linux: is there a display, and are the libraries its xcb plugin loads installed?

Without them Qt aborts with an English line that names one library at best.
This says in Chinese what is missing and the apt command that installs it.
It reads the loader's cache (/etc/ld.so.cache) instead of loading anything:
a few milliseconds, no ctypes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Dict, List, Mapping, Optional

# What libqxcb.so, libQt6XcbQpa and libQt6Gui need beyond glibc (readelf -d, PySide6 6.9),
# with the Debian/UOS/Kylin package that installs each.
XCB_LIBRARIES: Dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
}
LOADER_CACHE = Path("/etc/ld.so.cache")
CLI_HINT = "不开窗口也可以在命令行核对和导出报告：disclosure-report --help"


def missing_libraries(libraries: Mapping[str, str], cache: Optional[bytes] = None,
                      search_path: str = "") -> List[str]:
    """The sonames of libraries that neither the loader's cache nor LD_LIBRARY_PATH has."""
    if cache is None:
        try:
            cache = LOADER_CACHE.read_bytes()
        except OSError:
            return []  # not a glibc system we know: let Qt say it
    known = {entry.rsplit(b"/", 1)[-1] for entry in cache.split(b"\0")}  # sonames and paths, NUL-separated
    folders = [Path(p) for p in search_path.split(os.pathsep) if p]
    missing = []
    for soname in libraries:
        if soname.encode() in known:
            continue
        if any((folder / soname).exists() for folder in folders):
            continue
        missing.append(soname)
    return missing


def window_problem(environ: Mapping[str, str] = os.environ, libraries: Optional[Mapping[str, str]] = None,
                   cache: Optional[bytes] = None) -> Optional[str]:
    """Why the window cannot open here, in Chinese with what to do; None when it can (or is not ours to say)."""
    if not sys.platform.startswith("linux"):
        return None
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc …: chosen on purpose
    if not environ.get("DISPLAY"):
        if environ.get("WAYLAND_DISPLAY") and not platform:
            return None  # Qt takes its Wayland plugin
        return ("无法打开窗口：没有找到图形显示（环境变量 DISPLAY 未设置）。\n"
                "请在桌面上启动本程序；通过 SSH 登录时请用 ssh -X。\n" + CLI_HINT)
    libraries = XCB_LIBRARIES if libraries is None else libraries
    missing = missing_libraries(libraries, cache, environ.get("LD_LIBRARY_PATH", ""))
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(libraries[s] for s in missing))
    return (f"无法打开窗口：本机缺少图形界面所需的系统库 {'、'.join(missing)}。\n"
            f"请用管理员权限执行下面的命令安装，然后重新启动本程序：\n"
            f"  sudo apt install {packages}\n" + CLI_HINT)


NO_CHINESE_FONT = ("本机没有中文字体，窗口里的汉字会显示成方框。\n"
                   "请用管理员权限执行下面的命令安装，然后重新启动本程序：\n"
                   "  sudo apt install fonts-noto-cjk\n"
                   "(No Chinese font is installed: run  sudo apt install fonts-noto-cjk  and start again.)")
