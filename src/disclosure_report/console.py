"""Chinese that every console and pipe can read, whatever the system's code page.

A Windows console gets the wide-character API from Python and shows any text. Through a pipe
or a redirect (``> 结果.txt``, ``| findstr``) Python writes the ANSI code page instead: 936
(GBK) on Chinese Windows, which lacks some rare characters, and 1252 or similar on a Windows
set to another language (as under Wine's default locale), which has no Chinese at all, so
every character came out as ``\\uXXXX``. Such streams are switched: GBK to GB 18030 (the same
bytes for every GBK character, and it covers all of Unicode), one that cannot write Chinese to
UTF-8. A terminal on Linux or macOS keeps the encoding its locale names.
"""

from __future__ import annotations

import codecs
import sys
from typing import Optional, TextIO

_GBK = {"gbk", "gb2312"}  # what Python calls code page 936 and its older subset
_SAMPLE = "政府信息公开工作年度报告：通过"


def readable_encoding(stream: TextIO) -> Optional[str]:
    """The encoding the stream should switch to so that Chinese is readable, None to keep it."""
    name = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
    if name in _GBK:
        return "gb18030"
    try:
        _SAMPLE.encode(name)
    except UnicodeEncodeError:
        pass
    else:
        return None
    is_terminal = getattr(stream, "isatty", lambda: False)()
    return "utf-8" if sys.platform == "win32" or not is_terminal else None


def make_output_readable() -> None:
    """stdout and stderr write Chinese readably; a character they still cannot write shows as \\uXXXX."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # None in the window program, a StringIO under some tools
            stream.reconfigure(encoding=readable_encoding(stream), errors="backslashreplace")
