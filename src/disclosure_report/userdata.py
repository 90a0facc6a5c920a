"""The program's folder in the user's local (not roaming) data: the drafts library and the log file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "disclosure-report"


def user_data_folder() -> Path:
    r"""%LOCALAPPDATA%\disclosure-report on Windows (the folder the uninstaller says it keeps),
    ~/.local/share/disclosure-report on Linux."""
    if sys.platform == "win32":
        # Windows sets LOCALAPPDATA in every user's session. platformdirs would ask SHGetKnownFolderPath
        # through ctypes: _ctypes.pyd and libffi loaded before the window shows (packaging/README.md).
        local = os.environ.get("LOCALAPPDATA", "")
        if os.path.isabs(local):
            return Path(local) / APP_FOLDER
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_FOLDER, appauthor=False, roaming=False))
