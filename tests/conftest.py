"""Shared fixtures: a real encrypted installation in a temporary folder, Qt offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Crash reports and default data paths of the code under test stay inside the test run.
os.environ.setdefault("HOCVUSO_HOME", str(Path(os.environ.get("TMPDIR", "/tmp")) / "hocvuso-tests"))

from app.installation import Installation, init_installation
from app.keystore import FAST_KDF

PASSWORD = "mat-khau-thu-1"
COMMUNE = "01840"  # Phường Đức Xuân, Thái Nguyên


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "hocvuso.db"


@pytest.fixture
def inst(db_path: Path) -> Iterator[Installation]:
    installation, _recovery = init_installation(
        db_path, COMMUNE, "Nguyễn Văn Quản Trị", PASSWORD, kdf=FAST_KDF
    )
    yield installation
    installation.close()
