"""Where the shipped resources (format definition, sample) live.

In a wheel or a bundle they sit inside the package; in a source checkout
(editable install, tests) they are the top-level ``resources/`` folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir() -> Path:
    inside = _PACKAGE_DIR / "resources"
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def sample_path() -> Path:
    """The embedded sample report (鄄城县人民政府 2023)."""
    return resource_path("samples", "juancheng-2023.json")
