"""Registers the `packaging` marker for the frozen-build tests (strict markers are on)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "packaging: builds the PyInstaller bundle (cached by a hash of the sources)"
    )
