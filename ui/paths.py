"""Where an installation keeps its data, logs and backups on Windows and Linux."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    env = os.environ.get("HOCVUSO_HOME")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "hocvuso"
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "hocvuso"


def default_db() -> Path:
    env = os.environ.get("HOCVUSO_DB")
    return Path(env) if env else data_dir() / "hocvuso.db"


def log_dir() -> Path:
    return data_dir() / "logs"
