"""The frozen app, as officers get it: the PyInstaller one-folder bundle built by
`packaging/build.py linux` (once per state of the sources, see tests/packaging/bundle.py) runs
its smoke test offscreen, answers `--help`, creates an encrypted database and searches it from
the command line, leaves out the Qt modules the app does not use, and its tarball installs
per user and uninstalls again without touching the data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging import bundle

pytestmark = [pytest.mark.packaging, pytest.mark.slow]

PASSWORD = "mat-khau-thu-1"


@pytest.fixture(scope="module")
def dist() -> Iterator[Path]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the packaging test builds the Linux bundle; run build.py on Windows itself")
    if os.environ.get("HOCVUSO_SKIP_PACKAGING"):
        pytest.skip("HOCVUSO_SKIP_PACKAGING is set")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed (pip install -e '.[dev]' brings it)")
    yield bundle.cached_build()


def run(
    exe: Path, *args: str, home: Path, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("HOCVUSO_", "PYTHON", "QT_"))
    }
    full_env.update(QT_QPA_PLATFORM="offscreen", HOCVUSO_HOME=str(home), **(env or {}))
    return subprocess.run(
        [str(exe), *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_smoke_test_passes_offscreen(dist: Path, tmp_path: Path) -> None:
    done = run(bundle.executable(dist), "--smoke-test", home=tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    ok = [line for line in done.stdout.splitlines() if line.startswith("hocvuso smoke test OK")]
    assert ok, done.stdout
    assert "frozen" in ok[0] and "font DejaVu Sans" in ok[0]
    # The smoke test keeps its files to itself: nothing is left in the officer's data folder.
    assert not (tmp_path / "home" / "hocvuso.db").exists()


def test_help_lists_the_commands(dist: Path, tmp_path: Path) -> None:
    done = run(bundle.executable(dist), "--help", home=tmp_path)
    assert done.returncode == 0, done.stderr
    for command in ("init", "people", "backup", "restore", "verify", "sync"):
        assert command in done.stdout


def test_cli_init_search_and_verify(dist: Path, tmp_path: Path) -> None:
    exe = bundle.executable(dist)
    db = tmp_path / "data" / "hocvuso.db"
    env = {"HOCVUSO_PASSWORD": PASSWORD}
    home = tmp_path / "home"
    done = run(
        exe, "--db", str(db), "init", "--commune", "01840", "--officer", "Nguyễn Văn Quản Trị",
        home=home, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Phường Đức Xuân" in done.stdout
    assert db.exists() and not db.read_bytes().startswith(b"SQLite format 3")

    done = run(exe, "--db", str(db), "people", "search", "nguyen", home=home, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Không tìm thấy ai." in done.stdout

    done = run(exe, "--db", str(db), "--lang", "en", "verify", "--json", home=home, env=env)
    assert done.returncode == 0, done.stdout + done.stderr

    done = run(
        exe, "--db", str(db), "people", "search", "x", home=home, env={"HOCVUSO_PASSWORD": "sai"}
    )
    assert done.returncode == 1  # a wrong password is the officer's problem, not a crash


def test_bundle_has_what_it_needs_and_not_more(dist: Path) -> None:
    app = bundle.app_dir(dist)
    internal = app / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for needed in (
        "DejaVuSans.ttf",
        "hocvuso_vi.qm",
        "skills_catalogue.csv",
        "hocvuso.png",
        "env.py",
        "0001_initial_schema.py",
        "flat-divisions.json",
        "libqoffscreen.so",
        "libqxcb.so",
        "libpdfium.so",
    ):
        assert needed in names, needed
    assert (internal / "app" / "migrations" / "versions").is_dir()
    unwanted = ("WebEngine", "Qt6Quick", "Qt6Qml", "Qt63D", "Qt6Multimedia", "Qt6Pdf", "qpdf")
    unwanted += ("libgtk", "libcairo", "libpango")  # the GTK theme plug-in's, never bundled
    assert not [n for n in names if any(u in n for u in unwanted)]
    assert not [n for n in names if n.startswith(("fastapi", "uvicorn", "pytest", "psycopg"))]
    size_mb = bundle.folder_size(app) / 1e6
    assert size_mb < 300, f"the bundle grew to {size_mb:.0f} MB"


def test_tarball_installs_per_user_and_keeps_the_data(dist: Path, tmp_path: Path) -> None:
    archive = bundle.tarball(dist)
    unpack = tmp_path / "unpack"
    with tarfile.open(archive) as tar:
        tar.extractall(unpack, filter="tar")
    (top,) = list(unpack.iterdir())
    for name in ("install.sh", "hocvuso.desktop", "hocvuso.svg", "hocvuso.png", "hocvuso/hocvuso"):
        assert (top / name).exists(), name
    home = tmp_path / "officer"
    data = home / ".local" / "share" / "hocvuso"
    data.mkdir(parents=True)
    (data / "hocvuso.db").write_bytes(b"the officer's data")
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
    }
    for attempt in ("install", "upgrade in place"):
        done = subprocess.run(
            ["sh", str(top / "install.sh")], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{attempt}: {done.stdout}{done.stderr}"
    installed = home / ".local" / "opt" / "hocvuso" / "hocvuso"
    assert installed.is_file() and os.access(installed, os.X_OK)
    entry = (home / ".local" / "share" / "applications" / "hocvuso.desktop").read_text("utf-8")
    assert f"Exec={installed}" in entry and "@EXEC@" not in entry
    assert (
        home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "hocvuso.png"
    ).exists()
    assert (home / ".local" / "bin" / "hocvuso").resolve() == installed.resolve()
    done = run(installed, "--help", home=data)
    assert done.returncode == 0, done.stderr

    done = subprocess.run(
        ["sh", str(top / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not installed.exists()
    assert not (home / ".local" / "share" / "applications" / "hocvuso.desktop").exists()
    assert (data / "hocvuso.db").read_bytes() == b"the officer's data"
    assert str(data) in done.stdout
