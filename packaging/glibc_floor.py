"""The oldest glibc a folder of ELF files can run on, measured.

Every ELF file records, per library it links against, the symbol versions it
needs (the .gnu.version_r section: GLIBC_2.17, GLIBC_2.34, GLIBCXX_3.4.25 …).
The newest GLIBC_x.y any file in the bundle needs is the bundle's glibc
floor; the newest GLIBCXX_ likewise for the system's libstdc++. Parsed here in
Python so that nothing (binutils) needs installing.

    python packaging/glibc_floor.py dist/disclosure-report [--goal 2.28] [--all] [--floor-only]

Exit status 0; with --strict, 1 when the floor is above --goal.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

SHT_GNU_VERNEED = 0x6FFFFFFE
_VERSION = re.compile(r"^(GLIBC|GLIBCXX)_(\d+(?:\.\d+)*)$")
Version = Tuple[int, ...]


def read_elf(path: Path) -> Optional[Tuple[bytes, str, bool, List[Tuple[int, int, int]]]]:
    """(data, byte order, 64-bit?, sections as (type, offset, link)), or None if it is not ELF."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or len(data) < 64:
        return None
    wide = data[4] == 2  # ELFCLASS64
    order = "<" if data[5] == 1 else ">"
    if wide:
        shoff, = struct.unpack_from(order + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
    else:
        shoff, = struct.unpack_from(order + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x2E)
    return data, order, wide, [_section(data, order, wide, shoff + i * shentsize) for i in range(shnum)]


def string_at(data: bytes, at: int) -> str:
    return data[at:data.index(b"\0", at)].decode("ascii", "replace")


def needed_versions(path: Path) -> Optional[List[str]]:
    """The symbol version names an ELF file needs, or None if it is not ELF."""
    elf = read_elf(path)
    if elf is None:
        return None
    data, order, _, sections = elf
    names: List[str] = []
    for kind, offset, link in sections:
        if kind != SHT_GNU_VERNEED or link >= len(sections):
            continue
        strings = sections[link][1]
        names.extend(_verneed_names(data, order, offset, strings))
    return names


def _section(data: bytes, order: str, wide: bool, at: int) -> Tuple[int, int, int]:
    if wide:
        _, kind, _, _, offset, _, link = struct.unpack_from(order + "IIQQQQI", data, at)
    else:
        _, kind, _, _, offset, _, link = struct.unpack_from(order + "IIIIIII", data, at)
    return kind, offset, link


def _verneed_names(data: bytes, order: str, at: int, strings: int) -> Iterator[str]:
    while True:
        _, count, _, aux, following = struct.unpack_from(order + "HHIII", data, at)
        entry = at + aux
        for _ in range(count):
            _, _, _, name, next_aux = struct.unpack_from(order + "IHHII", data, entry)
            yield string_at(data, strings + name)
            if not next_aux:
                break
            entry += next_aux
        if not following:
            return
        at += following


def newest(names: List[str], family: str) -> Optional[Version]:
    found = [tuple(int(p) for p in m.group(2).split("."))
             for m in map(_VERSION.match, names) if m and m.group(1) == family]
    return max(found) if found else None


def scan(folder: Path) -> Dict[Path, Dict[str, Optional[Version]]]:
    """Per ELF file under folder: its newest GLIBC and GLIBCXX version."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        names = needed_versions(path)
        if names is not None:
            result[path] = {family: newest(names, family) for family in ("GLIBC", "GLIBCXX")}
    return result


def dotted(version: Optional[Version]) -> str:
    return ".".join(map(str, version)) if version else "-"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Newest glibc symbol version the ELF files in a folder need.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--goal", default="2.28", help="glibc version to compare with (default 2.28)")
    parser.add_argument("--all", action="store_true", help="list every ELF file, not only those above the goal")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the floor is above the goal")
    parser.add_argument("--floor-only", action="store_true", help="print only the glibc floor, e.g. 2.28")
    args = parser.parse_args(argv)
    goal = tuple(int(p) for p in args.goal.split("."))
    files = scan(args.folder)
    if not files:
        print(f"no ELF files under {args.folder}")
        return 1
    floor = max((v["GLIBC"] for v in files.values() if v["GLIBC"]), default=None)
    cxx = max((v["GLIBCXX"] for v in files.values() if v["GLIBCXX"]), default=None)
    if args.floor_only:
        print(dotted(floor))
        return 0
    for path, versions in sorted(files.items(), key=lambda item: (item[1]["GLIBC"] or (), str(item[0])),
                                 reverse=True):
        if args.all or (versions["GLIBC"] or ()) > goal:
            print(f"  GLIBC_{dotted(versions['GLIBC']):<6} GLIBCXX_{dotted(versions['GLIBCXX']):<8} "
                  f"{path.relative_to(args.folder)}")
    above = sum(1 for v in files.values() if (v["GLIBC"] or ()) > goal)
    print(f"glibc floor: {dotted(floor)} (newest GLIBC_ symbol version needed by {len(files)} ELF files; "
          f"{above} above the goal {args.goal})")
    print(f"libstdc++ floor: GLIBCXX_{dotted(cxx)}")
    return 1 if args.strict and floor and floor > goal else 0


if __name__ == "__main__":
    sys.exit(main())
