"""The frozen one-folder app for the packaging test and benchmark: built with
`packaging/build.py linux` once per state of the sources, then reused from a cache.

The cache key hashes everything that goes into the bundle (app/, ui/, sync/, resources/, the
spec, the frozen entry, build.py, the Linux files, pyproject.toml) and the Python, PyInstaller
and installed package versions, so a rerun without changes does not rebuild, and any change
does. Only the newest bundle is kept. The folder is `$HOCVUSO_BUNDLE_CACHE`, or
`~/.cache/hocvuso-bundle` (honouring XDG_CACHE_HOME).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (
    "app",
    "ui",
    "sync",
    "resources",
    "packaging/hocvuso.spec",
    "packaging/frozen_main.py",
    "packaging/build.py",
    "packaging/linux",
    "pyproject.toml",
)
SKIP_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache"}
COMPLETE = "complete"


def source_hash() -> str:
    h = hashlib.sha256()
    h.update(f"python {sys.version} {platform.machine()}\n".encode())
    dists = sorted(
        f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata
    )
    h.update("\n".join(dists).encode())
    for rel in SOURCES:
        base = ROOT / rel
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if SKIP_PARTS.intersection(path.parts) or path.suffix == ".pyc":
                continue
            h.update(str(path.relative_to(ROOT)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def cache_root() -> Path:
    env = os.environ.get("HOCVUSO_BUNDLE_CACHE")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "hocvuso-bundle"


def cached_build(log: bool = True) -> Path:
    """The dist folder (`hocvuso/` and the tarball) for the current sources; builds if needed.
    Raises RuntimeError with PyInstaller's output if the build fails."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    key = source_hash()
    target = root / key
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time, even across processes
        if (target / COMPLETE).exists():
            return target
        tmp = root / f"{key}.building"
        shutil.rmtree(tmp, ignore_errors=True)
        t0 = time.perf_counter()
        if log:
            print(f"building the bundle into {tmp} (cache key {key})", file=sys.stderr)
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "packaging" / "build.py"),
                "linux",
                "--dist",
                str(tmp / "dist"),
                "--work",
                str(tmp / "work"),
                "--no-smoke",  # the tests run it themselves, with their own assertions
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"build.py linux failed:\n{done.stdout[-5000:]}\n{done.stderr[-5000:]}"
            )
        shutil.rmtree(tmp / "work", ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)
        (tmp / "dist").rename(target)
        shutil.rmtree(tmp, ignore_errors=True)
        (target / "build-seconds").write_text(f"{time.perf_counter() - t0:.1f}\n")
        (target / COMPLETE).write_text(key + "\n")
        for old in root.iterdir():  # keep only the newest bundle: each is ~200 MB
            if old.is_dir() and old != target:
                shutil.rmtree(old, ignore_errors=True)
        return target


def app_dir(dist: Path) -> Path:
    return dist / "hocvuso"


def executable(dist: Path) -> Path:
    return app_dir(dist) / "hocvuso"


def tarball(dist: Path) -> Path:
    found = sorted(dist.glob("hocvuso-*-linux-*.tar.gz"))
    if not found:
        raise FileNotFoundError(f"no tarball in {dist}")
    return found[-1]


def folder_size(path: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            total += (Path(dirpath) / name).lstat().st_size
    return total
