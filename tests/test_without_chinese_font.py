"""The test run without a Chinese font (.ci/without-chinese-font) cannot be fooled by a program a test starts."""

import os
import subprocess
import sys

import pytest


def test_a_program_started_with_an_environment_lacking_the_runs_font_limit_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("FONTCONFIG_FILE", str(tmp_path / "fonts.conf"))
    with pytest.raises(RuntimeError, match="started without FONTCONFIG_FILE, which this test run sets"):
        subprocess.run([sys.executable, "-c", "pass"], env={"PATH": os.environ.get("PATH", "")})
    with pytest.raises(RuntimeError, match="FONTCONFIG_FILE"):
        os.posix_spawn(sys.executable, [sys.executable, "-c", "pass"], {"PATH": ""})
    # inherited, or built from os.environ, or pointing at a stricter file of its own: started
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    subprocess.run([sys.executable, "-c", "pass"], env=dict(os.environ), check=True)
    subprocess.run([sys.executable, "-c", "pass"], env={"FONTCONFIG_FILE": str(tmp_path / "other.conf")}, check=True)


def test_without_the_limit_any_environment_may_be_given(monkeypatch):
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    subprocess.run([sys.executable, "-c", "pass"], env={"PATH": os.environ.get("PATH", "")}, check=True)
