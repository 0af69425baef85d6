"""Where the shipped data lives (fonts, translations, catalogue): a checkout, a frozen bundle, or
HOCVUSO_RESOURCES. Kept free of heavy imports so the desktop can find its fonts and
translations before the database layer is loaded."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    env = os.environ.get("HOCVUSO_RESOURCES")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_file(name: str) -> Path:
    return resources_dir() / "data" / name
