"""Fast checks of packaging/: the glibc floor script, the spec's choices, the launcher, the .deb layout.

The real bundle is built and self-tested by .ci/run; these run in a second.
"""

import ast
import configparser
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import types
from pathlib import Path

import pytest

from disclosure_report import __version__, files

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APPID = "org.disclosurereport.app"
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="ELF files, the launcher and the .deb are Linux's")


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


glibc_floor = _load(PACKAGING / "glibc_floor.py", "glibc_floor")


def make_elf(needs: dict, libraries=()) -> bytes:
    """A 64-bit little-endian ELF whose .gnu.version_r needs the given versions, per library,
    and whose .dynamic names the given libraries (DT_NEEDED)."""
    strings = b"\0"

    def string(text):
        nonlocal strings
        at = len(strings)
        strings += text.encode() + b"\0"
        return at

    verneed = b""
    for i, (library, versions) in enumerate(needs.items()):
        last = i == len(needs) - 1
        verneed += struct.pack("<HHIII", 1, len(versions), string(library), 16, 0 if last else 16 + 16 * len(versions))
        for j, version in enumerate(versions):
            verneed += struct.pack("<IHHII", 0, 0, 0, string(version), 0 if j == len(versions) - 1 else 16)
    dynamic = b"".join(struct.pack("<qQ", 1, string(library)) for library in libraries) + struct.pack("<qQ", 0, 0)
    strings_at = 64
    verneed_at = strings_at + len(strings)
    dynamic_at = verneed_at + len(verneed)
    sections_at = dynamic_at + len(dynamic)
    header = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9) + struct.pack(
        "<HHIQQQIHHHHHH", 3, 62, 1, 0, 0, sections_at, 0, 64, 0, 0, 64, 4, 0)

    def section(kind, offset, size, link):
        return struct.pack("<IIQQQQIIQQ", 0, kind, 0, 0, offset, size, link, 0, 1, 0)

    table = section(0, 0, 0, 0) + section(3, strings_at, len(strings), 0) + section(
        glibc_floor.SHT_GNU_VERNEED, verneed_at, len(verneed), 1) + section(6, dynamic_at, len(dynamic), 1)
    return header + strings + verneed + dynamic + table


# --- glibc_floor.py ----------------------------------------------------------------------------------

def test_the_versions_an_elf_file_needs_are_read(tmp_path):
    lib = tmp_path / "libdemo.so"
    lib.write_bytes(make_elf({"libc.so.6": ["GLIBC_2.2.5", "GLIBC_2.28", "GLIBC_2.17"],
                              "libstdc++.so.6": ["GLIBCXX_3.4.21", "CXXABI_1.3"]}))
    names = glibc_floor.needed_versions(lib)
    assert sorted(names) == ["CXXABI_1.3", "GLIBCXX_3.4.21", "GLIBC_2.17", "GLIBC_2.2.5", "GLIBC_2.28"]
    assert glibc_floor.newest(names, "GLIBC") == (2, 28)  # numeric order: 2.28 > 2.17 > 2.2.5
    assert glibc_floor.newest(names, "GLIBCXX") == (3, 4, 21)


def test_the_floor_of_a_folder_is_its_newest_need_and_other_files_are_ignored(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.so").write_bytes(make_elf({"libc.so.6": ["GLIBC_2.17"]}))
    (tmp_path / "sub" / "b.so").write_bytes(make_elf({"libc.so.6": ["GLIBC_2.34", "GLIBC_2.2.5"]}))
    (tmp_path / "readme.txt").write_text("not ELF")
    (tmp_path / "link.so").symlink_to(tmp_path / "sub" / "b.so")
    assert glibc_floor.main([str(tmp_path), "--floor-only"]) == 0
    assert capsys.readouterr().out == "2.34\n"
    assert glibc_floor.main([str(tmp_path), "--goal", "2.28", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "sub/b.so" in out and "a.so" not in out.replace("b.so", "")
    assert "glibc floor: 2.34 (newest GLIBC_ symbol version needed by 2 ELF files; 1 above the goal 2.28)" in out


@linux_only
def test_a_real_library_of_this_machine_is_parsed():
    ctypes_module = Path(_ctypes_path())
    assert glibc_floor.newest(glibc_floor.needed_versions(ctypes_module), "GLIBC") >= (2, 2, 5)


def _ctypes_path():
    import _ctypes

    return _ctypes.__file__


# --- check_depends.py ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def check_depends():
    sys.path.insert(0, str(PACKAGING))  # it imports glibc_floor as a sibling script
    try:
        yield _load(PACKAGING / "check_depends.py", "check_depends")
    finally:
        sys.path.remove(str(PACKAGING))


def test_the_libraries_an_elf_file_links_against_are_read(tmp_path, check_depends):
    lib = tmp_path / "libdemo.so"
    lib.write_bytes(make_elf({"libc.so.6": ["GLIBC_2.17"]}, ["libcups.so.2", "libc.so.6"]))
    assert check_depends.needed_libraries(lib) == ["libcups.so.2", "libc.so.6"]
    (tmp_path / "notes.txt").write_text("not ELF")
    assert check_depends.needed_libraries(tmp_path / "notes.txt") == []


def test_the_depends_line_is_read_without_versions_and_with_alternatives(check_depends):
    control = "Package: x\nDepends: libc6 (>= 2.28), libgcc-s1 | libgcc1, libcups2\nDescription: y\n"
    assert check_depends.depends(control) == {"libc6", "libgcc-s1", "libgcc1", "libcups2"}


@linux_only
def test_a_system_library_missing_from_depends_is_named(tmp_path, check_depends, capsys):
    if not shutil.which("dpkg"):
        pytest.skip("dpkg is not installed")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "libinside.so.1").write_bytes(make_elf({}, []))
    (bundle / "program").write_bytes(make_elf({}, ["libinside.so.1", "libc.so.6"]))
    control = tmp_path / "control"
    control.write_text("Depends: libstdc++6\n", encoding="utf-8")
    assert check_depends.main([str(bundle), str(control)]) == 1
    assert "libc.so.6 (package libc6), needed by program" in capsys.readouterr().out
    control.write_text("Depends: libc6 (>= 2.28)\n", encoding="utf-8")
    assert check_depends.main([str(bundle), str(control)]) == 0


# --- the spec ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    return _run_spec(tmp_path_factory.mktemp("build"))


def _pyinstaller_bootstrap() -> Path:
    import PyInstaller

    return Path(PyInstaller.__file__).parent / "loader" / "pyiboot01_bootstrap.py"


def _run_spec(workpath, bootstrap=None):
    """The spec run with stand-ins for PyInstaller's objects; returns its namespace."""
    bootstrap = bootstrap or _pyinstaller_bootstrap()
    stubs = {name: types.ModuleType(name) for name in (
        "PyInstaller", "PyInstaller.utils", "PyInstaller.utils.hooks", "PyInstaller.depend",
        "PyInstaller.depend.bindepend")}
    stubs["PyInstaller.utils.hooks"].collect_submodules = lambda package: [f"<all modules of {package}>"]
    stubs["PyInstaller.depend.bindepend"].get_imports = lambda source: []
    saved = {name: sys.modules.get(name) for name in stubs}
    sys.modules.update(stubs)
    calls = {}

    class Analysis:
        def __init__(self, scripts, **options):
            calls["analysis"] = options
            # as PyInstaller lists them: the runtime hooks (the spec's first), then the script
            self.scripts = [(Path(path).stem, path, "PYSOURCE") for path in options["runtime_hooks"] + scripts]
            self.pure, self.binaries, self.datas = [], [], []

    def record(name):
        return lambda *args, **options: calls.setdefault(name, []).append(options)

    def pyz(pure, **options):  # PyInstaller's loader modules and bootstrap go into the executable through it
        calls.setdefault("pyz", []).append(options)
        return types.SimpleNamespace(dependencies=[
            ("pyimod03_ctypes", str(bootstrap.with_name("pyimod03_ctypes.py")), "PYMODULE"),
            ("pyiboot01_bootstrap", str(bootstrap), "PYSOURCE")])

    namespace = {"SPECPATH": str(PACKAGING), "workpath": str(workpath), "Analysis": Analysis, "PYZ": pyz,
                 "EXE": record("exe"), "COLLECT": record("collect")}
    try:
        exec(compile((PACKAGING / "disclosure-report.spec").read_text(encoding="utf-8"), "spec", "exec"), namespace)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    namespace["calls"] = calls
    return namespace


def test_the_bundle_is_one_folder_with_resources_and_every_module(spec):
    analysis = spec["calls"]["analysis"]
    assert (str(ROOT / "resources"), "disclosure_report/resources") in analysis["datas"]
    assert "<all modules of disclosure_report>" in analysis["hiddenimports"]  # files.py imports by name
    assert spec["calls"]["exe"][0]["exclude_binaries"] is True  # one-folder, never one-file
    assert spec["calls"]["collect"][0]["name"] == "disclosure-report"


def test_the_qt_modules_the_program_imports_are_not_excluded(spec):
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PySide6."):
                used.add(node.module)
            elif isinstance(node, ast.Import):
                used.update(a.name for a in node.names if a.name.startswith("PySide6."))
    assert used, "the program imports Qt somewhere"
    assert used & set(spec["EXCLUDES"]) == set()


def test_only_the_needed_qt_plugins_and_translations_are_kept(spec):
    wanted = spec["_wanted"]
    keep = ["PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
            "PySide6/Qt/plugins/platforms/qwindows.dll", "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
            "PySide6/Qt/plugins/imageformats/qjpeg.dll",
            "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
            "PySide6/Qt/translations/qtbase_zh_CN.qm", "PySide6/Qt/lib/libQt6Core.so.6", "docx/templates/default.docx",
            # the Windows wheel has no Qt/ level
            "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/styles/qmodernwindowsstyle.dll",
            "PySide6/translations/qtbase_zh_CN.qm", "PySide6/Qt6Core.dll"]
    drop = ["PySide6/Qt/plugins/platforms/libqwayland-egl.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
            "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/plugins/tls/libqopensslbackend.so",
            "PySide6/Qt/translations/qtbase_de.qm", "PySide6/Qt/translations/qtdeclarative_zh_CN.qm",
            "PySide6/Qt/qml/QtQuick/qmldir", "PySide6/plugins/platforms/qdirect2d.dll",
            "PySide6/plugins/imageformats/qsvg.dll", "PySide6/translations/qtbase_de.qm"]
    assert [p for p in keep if not wanted(p)] == []
    assert [p for p in drop if wanted(p)] == []


def test_system_libraries_come_from_the_target_except_those_it_lacks(spec):
    from_system = spec["_from_the_system"]
    assert from_system("/usr/lib/x86_64-linux-gnu/libfontconfig.so.1")
    assert from_system("/lib/x86_64-linux-gnu/libstdc++.so.6")
    assert not from_system("/usr/lib/x86_64-linux-gnu/libffi.so.8")
    assert from_system("/usr/lib/x86_64-linux-gnu/libssl.so.3")  # never online: no OpenSSL at all
    assert not from_system("/usr/lib/x86_64-linux-gnu/libxcb-util.so.1")
    assert not from_system("/opt/python/lib/libpython3.11.so.1.0")
    assert not from_system(str(ROOT / "venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Gui.so.6"))


def test_every_file_kind_has_its_module_bundled():
    """Readers and writers are imported by name: the spec collects every submodule, so each must exist."""
    for target in list(files.READERS.values()) + list(files.WRITERS.values()):
        module = target.partition(":")[0]
        assert importlib.util.find_spec(module) is not None, module


# --- the launcher ------------------------------------------------------------------------------------

@pytest.fixture
def fake_bundle(tmp_path):
    if sys.platform != "linux":
        pytest.skip("the launcher is for Linux")
    bundle = tmp_path / "files"
    (bundle / "_internal/PySide6/Qt/plugins/platforminputcontexts").mkdir(parents=True)
    program = bundle / "disclosure-report"
    program.write_text('#!/bin/sh\necho "im=${QT_IM_MODULE-unset} args=$*"\n')
    program.chmod(0o755)
    shutil.copy(PACKAGING / "deb" / "launcher.sh", bundle / "launcher.sh")
    return bundle


def _launch(bundle, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("QT_IM_MODULE", "XMODIFIERS", "GTK_IM_MODULE")}
    out = subprocess.run(["sh", str(bundle / "launcher.sh"), "--self-test", "a b"], env={**clean, **env},
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


@pytest.mark.parametrize("env, expected", [
    ({"QT_IM_MODULE": "fcitx"}, "ibus"),
    ({"QT_IM_MODULE": "fcitx5"}, "ibus"),
    ({"XMODIFIERS": "@im=fcitx"}, "ibus"),
    ({"GTK_IM_MODULE": "fcitx"}, "ibus"),
    ({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus"}, "ibus"),
    ({"QT_IM_MODULE": "xim", "XMODIFIERS": "@im=fcitx"}, "xim"),  # the user's explicit choice stays
    ({}, "unset"),
    ({"XMODIFIERS": "@im=ibus"}, "unset"),
])
def test_the_launcher_asks_for_ibus_where_fcitx_is_the_input_method(fake_bundle, env, expected):
    assert _launch(fake_bundle, **env) == f"im={expected} args=--self-test a b"


def test_the_launcher_keeps_fcitx_when_the_bundle_has_its_plugin(fake_bundle):
    (fake_bundle / "_internal/PySide6/Qt/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so").touch()
    assert _launch(fake_bundle, QT_IM_MODULE="fcitx") == "im=fcitx args=--self-test a b"


def test_the_launcher_works_through_a_symlink(fake_bundle, tmp_path):
    (tmp_path / "link").symlink_to(fake_bundle / "launcher.sh")
    out = subprocess.run(["sh", str(tmp_path / "link")], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("im=")


# --- the .deb ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def deb(tmp_path_factory):
    if sys.platform != "linux" or not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed")
    work = tmp_path_factory.mktemp("deb")
    bundle = work / "disclosure-report"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "libdemo.so").write_bytes(make_elf({"libc.so.6": ["GLIBC_2.17", "GLIBC_2.27"]}))
    (bundle / "disclosure-report").write_text("#!/bin/sh\n")
    (bundle / "disclosure-report").chmod(0o755)
    out = subprocess.run(["bash", str(PACKAGING / "make_deb.sh"), str(bundle), str(work / "out")],
                         env={**os.environ, "PYTHON": sys.executable}, capture_output=True, text=True, check=True)
    path = Path(out.stdout.strip())
    tree = work / "tree"
    subprocess.run(["dpkg-deb", "-x", str(path), str(tree)], check=True)
    return path, tree


def _field(deb_path, name):
    return subprocess.run(["dpkg-deb", "-f", str(deb_path), name], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_deb_is_named_and_versioned_by_the_appid(deb):
    path, _ = deb
    assert path.name == f"{APPID}_{__version__}_amd64.deb"
    assert _field(path, "Package") == APPID
    assert _field(path, "Version") == __version__
    assert _field(path, "Architecture") == "amd64"


def test_the_deb_depends_on_the_x_and_print_libraries_and_the_measured_glibc(deb):
    depends = [d.strip() for d in _field(deb[0], "Depends").split(",")]
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libegl1",
                    "libcups2", "libfontconfig1"):
        assert package in depends
    assert "libc6 (>= 2.27)" in depends  # the newest GLIBC_ the fake bundle's ELF file needs


def test_the_deb_has_no_maintainer_scripts(deb):
    listing = subprocess.run(["dpkg-deb", "--ctrl-tarfile", str(deb[0])], capture_output=True, check=True).stdout
    names = subprocess.run(["tar", "-t"], input=listing, capture_output=True, check=True).stdout.decode().split()
    assert sorted(n for n in names if n not in ("./",)) == ["./control", "./md5sums"]


def test_the_deb_follows_the_uos_layout_with_info(deb):
    _, tree = deb
    app = tree / "opt/apps" / APPID
    assert (app / "files/disclosure-report").is_file() and os.access(app / "files/launcher.sh", os.X_OK)
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APPID
    assert info["arch"] == ["amd64"]
    assert info["version"].count(".") == 3 and info["version"].replace(".", "").isdigit()
    assert info["version"].startswith(__version__)
    assert set(info["permissions"]) >= {"autostart", "notification", "trayicon", "clipboard"}
    assert (app / f"entries/icons/hicolor/scalable/apps/{APPID}.svg").is_file()
    assert (app / f"entries/icons/hicolor/256x256/apps/{APPID}.png").is_file()


@pytest.mark.parametrize("where", ["opt/apps/{appid}/entries/applications", "usr/share/applications"])
def test_both_desktop_entries_start_the_launcher_with_a_chinese_name_and_an_icon(deb, where):
    _, tree = deb
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(tree / where.format(appid=APPID) / f"{APPID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == f"/opt/apps/{APPID}/files/launcher.sh"
    assert (tree / desktop["Exec"].lstrip("/")).is_file()
    assert desktop["Name[zh_CN]"] == "政府信息公开年度报告"
    icon = desktop["Icon"]
    assert icon == APPID or (tree / icon.lstrip("/")).is_file()


# --- Windows (built under Wine and proven by .ci/run; these check the definitions in a second) --------

lock = _load(PACKAGING / "windows" / "lock.py", "windows_lock")


def _nsi():
    return (PACKAGING / "windows" / "installer.nsi").read_text(encoding="utf-8")


def test_the_windows_lock_pins_every_dependency_of_pyproject_with_a_hash():
    assert lock.problems() == [], "run: python3 packaging/windows/lock.py"
    lines = [line for line in lock.LOCK.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines and all(" --hash=sha256:" in line and "==" in line for line in lines)


def test_a_stale_lock_is_named_with_what_pyproject_asks_for(tmp_path, monkeypatch):
    stale = tmp_path / "requirements.txt"
    stale.write_text("pyside6-essentials==6.7.0 --hash=sha256:00\n", encoding="utf-8")
    monkeypatch.setattr(lock, "LOCK", stale)
    missing = lock.problems()
    assert any(m.startswith("PySide6-Essentials>=6.8,<6.10 (locked: 6.7.0)") for m in missing)
    assert any(m.startswith("openpyxl") and "locked: none" in m for m in missing)


def test_the_windows_installer_is_per_user_in_chinese_with_both_shortcuts():
    nsi = _nsi()
    assert "RequestExecutionLevel user" in nsi
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\disclosure-report"' in nsi
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in nsi
    assert 'CreateShortcut "$SMPROGRAMS\\${APPNAME}.lnk" "$INSTDIR\\${EXE}"' in nsi
    assert 'CreateShortcut "$DESKTOP\\${APPNAME}.lnk" "$INSTDIR\\${EXE}"' in nsi
    assert '!define APPNAME "政府信息公开年度报告"' in nsi
    for value in ("DisplayName", "DisplayVersion", "Publisher", "EstimatedSize", "UninstallString",
                  "QuietUninstallString"):
        assert f'HKCU "${{UNINSTKEY}}" "{value}"' in nsi
    assert "${AtLeastBuild} 17763" in nsi  # Windows 10 1809, Qt 6's floor


def test_the_windows_uninstaller_removes_only_program_files_and_keeps_the_drafts(monkeypatch, tmp_path):
    nsi = _nsi()
    removed = [line.split(None, 2)[-1] for line in nsi.splitlines() if line.strip().startswith(("RMDir", "Delete "))]
    assert all(path == '"$INSTDIR"' or path.startswith(('"$INSTDIR\\', '"$SMPROGRAMS', '"$DESKTOP'))
               for path in removed), removed
    assert 'RMDir "$INSTDIR"' in nsi and 'RMDir /r "$INSTDIR"' not in nsi  # only if empty
    assert '!define DRAFTS "$LOCALAPPDATA\\disclosure-report"' in nsi
    from disclosure_report.storage import default_library_path, paths

    monkeypatch.setattr(paths.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    assert default_library_path().parent == tmp_path / "disclosure-report"  # the folder it keeps and names


def test_the_windows_build_uses_the_shared_spec_and_its_names(spec):
    nsi = _nsi()
    names = {call["name"] for call in spec["calls"]["exe"]}
    assert "disclosure-report" in names
    assert '!define EXE "disclosure-report.exe"' in nsi and '!define CLI "disclosure-report-cli.exe"' in nsi
    build = (PACKAGING / "build_windows.sh").read_text(encoding="utf-8")
    assert "packaging/disclosure-report.spec" in build and "installer.nsi" in build
    assert not (PACKAGING / "windows" / "disclosure-report.iss").exists()  # one installer definition
    workflow = (ROOT / ".github/workflows/windows.yml").read_text(encoding="utf-8")
    assert "bash packaging/build_windows.sh" in workflow


def test_the_portable_marker_is_the_one_the_program_looks_for():
    from disclosure_report.storage.paths import PORTABLE_MARKER

    assert (PACKAGING / "windows" / PORTABLE_MARKER).is_file()
    assert f"packaging/windows/{PORTABLE_MARKER}" in (PACKAGING / "build_windows.sh").read_text(encoding="utf-8")


# --- rthook_pyz_mapped.py: the bundle's modules read from one memory map ------------------------------

rthook = _load(PACKAGING / "rthook_pyz_mapped.py", "rthook_pyz_mapped")


@pytest.fixture
def embedded_archive(tmp_path):
    """A PYZ archive written by PyInstaller behind 1,000 bytes of "executable", and PyInstaller's reader of it,
    opened as the bootloader names it (path?offset)."""
    from PyInstaller.archive.writers import ZlibArchiveWriter
    from PyInstaller.loader.pyimod01_archive import ZlibArchiveReader

    sources = {"bundled": "VALUE = '模块'\n", "package": "NAME = 'package'\n", "package.inner": "X = 2 ** 10\n"}
    paths = {"bundled": "bundled.py", "package": "package/__init__.py", "package.inner": "package/inner.py"}
    code = {name: compile(text, paths[name], "exec") for name, text in sources.items()}
    entries = [(name, str(tmp_path / paths[name]), "PYMODULE") for name in sources] + [("spacious", "-", "PYMODULE")]
    ZlibArchiveWriter(str(tmp_path / "archive.pyz"), entries, code_dict=code)
    exe = tmp_path / "program.exe"
    exe.write_bytes(b"MZ" + bytes(998) + (tmp_path / "archive.pyz").read_bytes())
    return ZlibArchiveReader(f"{exe}?1000", check_pymagic=True)


def _run(code):
    namespace = {}
    exec(code, namespace)
    return {key: value for key, value in namespace.items() if not key.startswith("__")}


def test_every_module_reads_from_the_map_as_from_pyinstallers_reader(embedded_archive):
    original = {name: (embedded_archive.extract(name, raw=True), embedded_archive.extract(name))
                for name in embedded_archive.toc}
    assert rthook.map_archive(embedded_archive)
    assert "extract" in vars(embedded_archive)  # the instance's, which PyInstaller's loaders call
    for name, (raw, code) in original.items():
        assert embedded_archive.extract(name, raw=True) == raw, name
        assert (None if code is None else _run(code)) == (None if code is None else _run(embedded_archive.extract(name)))
    assert _run(embedded_archive.extract("bundled")) == {"VALUE": "模块"}
    assert embedded_archive.extract("spacious") is None  # a namespace package has no code
    with pytest.raises(KeyError, match="missing"):
        embedded_archive.extract("missing")


def test_the_map_reads_after_the_executable_is_closed_and_renamed(embedded_archive, tmp_path):
    assert rthook.map_archive(embedded_archive)
    (tmp_path / "program.exe").rename(tmp_path / "moved.exe")  # PyInstaller's reader would exit here
    assert _run(embedded_archive.extract("package.inner")) == {"X": 1024}


def test_pyinstallers_reader_stays_when_the_map_would_read_otherwise(embedded_archive):
    embedded_archive._start_offset += 1  # what the map would read no longer matches the reader's
    reader = embedded_archive.extract
    assert not rthook.map_archive(embedded_archive)
    assert embedded_archive.extract == reader
    del embedded_archive._filename  # a PyInstaller whose reader looks different
    assert not rthook.map_archive(embedded_archive)


def test_the_map_is_the_first_runtime_hook_of_both_bundles(spec):
    hooks = spec["calls"]["analysis"]["runtime_hooks"]
    assert hooks[0] == str(PACKAGING / "rthook_pyz_mapped.py") and Path(hooks[0]).is_file()


def test_the_bootstrap_leaves_pyinstallers_ctypes_hooks_to_the_runtime_hook(spec):
    """PyInstaller's bootstrap would import ctypes (and ctypes.util, subprocess …) at every start."""
    original = _pyinstaller_bootstrap().read_text(encoding="utf-8")
    assert spec["pyz"].dependencies[0][0] == "pyimod03_ctypes"  # the hooks themselves stay in the executable
    name, source, kind = spec["pyz"].dependencies[1]
    assert (name, kind) == ("pyiboot01_bootstrap", "PYSOURCE")
    bootstrap = Path(source).read_text(encoding="utf-8")
    assert "pyimod03_ctypes.install()" in original and "pyimod03_ctypes" not in bootstrap
    assert bootstrap == original.replace(spec["CTYPES_HOOKS"], "")  # the rest as PyInstaller wrote it
    compile(bootstrap, source, "exec")
    hooks = [entry[0] for entry in spec["a"].scripts]
    assert hooks.index("rthook_ctypes_on_first_import") < hooks.index("entry")  # before the program's first import


def test_a_bootstrap_that_installs_its_ctypes_hooks_otherwise_stops_the_build(tmp_path):
    changed = tmp_path / "pyiboot01_bootstrap.py"
    changed.write_text(_pyinstaller_bootstrap().read_text(encoding="utf-8").replace(
        "pyimod03_ctypes.install()", "pyimod03_ctypes.install(lazily=True)"), encoding="utf-8")
    with pytest.raises(SystemExit, match="no longer installs its ctypes hooks"):
        _run_spec(tmp_path / "build", bootstrap=changed)


_CTYPES_ON_FIRST_IMPORT = """
import runpy, sys, types
installs = []
def install():  # PyInstaller's: it replaces ctypes.CDLL and the like
    import ctypes, ctypes.util
    installs.append((ctypes.CDLL.__name__, type(ctypes.__loader__).__name__))
sys.modules["pyimod03_ctypes"] = types.SimpleNamespace(install=install)
runpy.run_path(sys.argv[1])
import json, decimal
assert "ctypes" not in sys.modules and installs == []
import ctypes.wintypes  # a submodule first: its package is found, and the hooks installed, before it
import ctypes
print(installs, ctypes.__loader__ is ctypes.__spec__.loader, type(ctypes.__loader__).__name__,
      [type(f).__name__ if not isinstance(f, type) else f.__name__ for f in sys.meta_path])
"""


def test_pyinstallers_ctypes_hooks_are_installed_once_when_ctypes_is_first_imported():
    out = subprocess.run([sys.executable, "-c", _CTYPES_ON_FIRST_IMPORT,
                          str(PACKAGING / "rthook_ctypes_on_first_import.py")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("[('CDLL', 'SourceFileLoader')] True SourceFileLoader"), out.stdout
    assert "CtypesHooksOnFirstImport" not in out.stdout  # off sys.meta_path once used


def test_the_start_bench_baseline_is_frozen_by_the_same_spec_without_the_program(monkeypatch, tmp_path):
    monkeypatch.setenv("DISCLOSURE_REPORT_BARE_WINDOW", "1")
    bare = _run_spec(tmp_path / "bare")
    monkeypatch.delenv("DISCLOSURE_REPORT_BARE_WINDOW")
    program = _run_spec(tmp_path / "program")
    assert bare["calls"]["collect"][0]["name"] == "bare-window"
    assert [call["name"] for call in bare["calls"]["exe"]] == ["bare-window"]  # no console twin
    assert bare["calls"]["analysis"]["hiddenimports"] == [] and bare["calls"]["analysis"]["datas"] == []
    for same in ("excludes", "module_collection_mode", "noarchive", "runtime_hooks"):
        assert bare["calls"]["analysis"][same] == program["calls"]["analysis"][same]
    assert [Path(source).read_bytes() for _, source, _ in bare["pyz"].dependencies + bare["a"].scripts[:-1]] == [
        Path(source).read_bytes() for _, source, _ in program["pyz"].dependencies + program["a"].scripts[:-1]]
    assert bare["QT_PLUGINS"] == program["QT_PLUGINS"] and bare["EXCLUDES"] == program["EXCLUDES"]
    assert (ROOT / "bench" / "bare_window.py").is_file()
    assert "--bare-window" in (PACKAGING / "build_windows.sh").read_text(encoding="utf-8")


def test_every_refusal_of_the_windows_installer_is_logged_for_silent_installs():
    nsi = _nsi()
    lines = [line.strip() for line in nsi.splitlines()]
    refusals = [n for n, line in enumerate(lines) if line == "SetErrorLevel 2"]
    assert len(refusals) >= 2  # Windows too old; the program running (installer and uninstaller share it)
    for n in refusals:
        assert lines[n - 1].startswith("Call ") and lines[n - 1].endswith("RefusalLog"), lines[n - 2:n + 1]
        assert lines[n - 2].startswith('Push "') and "退出码 2" in lines[n - 2]
    assert '!define LOG "$TEMP\\disclosure-report-setup.log"' in nsi and "FileWriteUTF16LE /BOM" in nsi
    assert '!insertmacro REFUSAL_LOG "un."' in nsi  # the uninstaller logs too
    script = (PACKAGING / "windows" / "try_under_wine.sh").read_text(encoding="utf-8")
    assert 'refusal_logged "安装：程序正在运行"' in script and 'refusal_logged "卸载：程序正在运行"' in script
