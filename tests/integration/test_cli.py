"""The `hocvuso` command line, run as a real process against a real encrypted file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PASSWORD = "mat-khau-cli-1"


def hv(tmp: Path, *args: str, password: str = PASSWORD, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOCVUSO_PASSWORD=password, HOCVUSO_HOME=str(tmp / "home"))
    p = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--db", str(tmp / "x.db"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if check and p.returncode != 0:
        raise AssertionError(f"exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def test_init_prints_recovery_key_once_and_refuses_overwrite(tmp_path: Path) -> None:
    p = hv(tmp_path, "init", "--commune", "01840", "--officer", "Nguyễn Văn Đức")
    assert "Phường Đức Xuân" in p.stdout
    assert "nguyen.van.duc" in p.stdout
    key_lines = [ln.strip() for ln in p.stdout.splitlines() if ln.count("-") == 5]
    assert len(key_lines) == 1 and len(key_lines[0]) == 35
    again = hv(tmp_path, "init", "--commune", "01840", "--officer", "X Y", check=False)
    assert again.returncode == 1
    assert "Không ghi đè" in again.stderr


def test_unknown_commune_is_a_clear_error(tmp_path: Path) -> None:
    p = hv(tmp_path, "init", "--commune", "99999", "--officer", "A B", check=False)
    assert p.returncode == 1
    assert "Không có xã/phường mã '99999'" in p.stderr
    assert "Traceback" not in p.stderr
    assert not (tmp_path / "x.db").exists()


def test_wrong_password_is_refused_without_traceback(tmp_path: Path) -> None:
    hv(tmp_path, "init", "--commune", "01840", "--officer", "Nguyễn Văn Đức")
    before = (tmp_path / "x.db").read_bytes()
    p = hv(tmp_path, "sessions", "list", password="khong-dung-1", check=False)
    assert p.returncode == 1
    assert "Sai tên đăng nhập hoặc mật khẩu" in p.stderr
    assert "Traceback" not in p.stderr
    assert (tmp_path / "x.db").read_bytes() == before


@pytest.mark.slow
def test_demo_then_search_and_sessions_json(tmp_path: Path) -> None:
    hv(tmp_path, "init", "--commune", "01840", "--officer", "Nguyễn Văn Đức")
    hv(tmp_path, "demo", "--people", "120", "--seed", "7")
    sessions = json.loads(hv(tmp_path, "sessions", "list", "--json").stdout)
    assert sessions and all({"id", "title", "format", "attendee_count"} <= set(s) for s in sessions)
    found = json.loads(hv(tmp_path, "people", "search", "nguyen", "--json").stdout)
    assert found and all("nguyen" in _fold(p["full_name"]) for p in found)


def _fold(s: str) -> str:
    from app.vntext import fold

    return fold(s)
