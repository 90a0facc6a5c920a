"""The command line's Chinese is readable through a pipe whatever the code page (console.py)."""

import io
import os
import subprocess
import sys

import pytest

from disclosure_report import console

ROOT_SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")


def _stream(encoding):
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")


def _written(stream, text):
    stream.reconfigure(encoding=console.readable_encoding(stream), errors="backslashreplace")
    stream.write(text)
    stream.flush()
    return stream.buffer.getvalue()


@pytest.mark.parametrize("encoding", ["cp1252", "cp437", "ascii", "latin-1"])
def test_a_pipe_whose_code_page_has_no_chinese_gets_utf8(encoding):
    assert _written(_stream(encoding), "自检通过").decode("utf-8") == "自检通过"


def test_gbk_becomes_gb18030_so_that_a_rare_character_is_kept_not_escaped():
    text = "通过  打开内置示例：𠮷县2023年报告"  # 𠮷 is outside GBK
    data = _written(_stream("cp936"), text)
    assert data.decode("gb18030") == text
    assert data.startswith("通过".encode("gbk"))  # the same bytes as before for every GBK character


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_an_encoding_that_writes_chinese_is_kept(encoding):
    assert console.readable_encoding(_stream(encoding)) is None


def test_the_cli_writes_chinese_into_a_pipe_of_a_western_code_page():
    # What Windows does through a pipe: the ANSI code page, here forced to cp1252.
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": ROOT_SRC}
    out = subprocess.run([sys.executable, "-c", "from disclosure_report.cli import main; main(['--help'])"],
                         env=env, capture_output=True, timeout=60, check=False)
    text = out.stdout.decode("utf-8")
    assert "政府信息公开工作年度报告" in text and "\\u" not in text
