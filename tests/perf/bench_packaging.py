"""Packaging benchmark: `python -m tests.perf.bench_packaging [--runs 5] [--dist DIR] [--xvfb]`.

The frozen one-folder app (built by packaging/build.py, or taken from the packaging test's
cache, see tests/packaging/bundle.py) against the unfrozen app in the project's .venv, in the
same run:

a) size: the bundle folder against the unfrozen install (the runtime packages of hocvuso in
   .venv, found from its declared dependencies, plus the Python standard library without its
   tests); and the
   tarball officers download.
b) start-up: process start → the login window shown (`--startup-probe`, which quits as soon
   as the first window is on screen), frozen `hocvuso` against `.venv/bin/python
   packaging/frozen_main.py` (the same code path `.venv/bin/hocvuso` takes).
c) `--smoke-test` (database, migrations, sheet PDF, Qt fonts), frozen against unfrozen.
d) `--help` (the command line, no Qt), frozen against `.venv/bin/hocvuso --help`.

Medians of `--runs` runs after one warm-up run each (warm file cache). Qt runs offscreen unless
`--xvfb` (a real X server, xcb platform). Not part of the pytest suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from tests.packaging import bundle
from tests.perf.common import Result, print_table

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PASSWORD = "matkhau123"


def runtime_footprint() -> tuple[int, int]:
    """Bytes on disk of hocvuso's runtime dependencies (transitively, no extras) and of the
    Python standard library: what the unfrozen app needs besides its own code."""
    seen: set[str] = set()
    todo = ["hocvuso"]
    total = 0
    while todo:
        name = re.split(r"[ ;<>=!~\[]", todo.pop(), maxsplit=1)[0].lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for req in dist.requires or []:
            if "extra ==" not in req:
                todo.append(req)
        if name == "hocvuso":
            continue  # our own code is counted in neither
        for f in dist.files or []:
            path = Path(str(dist.locate_file(f)))
            if path.is_file():
                total += path.stat().st_size
    stdlib = 0
    for dirpath, dirs, files in os.walk(sysconfig.get_paths()["stdlib"]):
        # Installed packages are counted above; the interpreter's own test suite is not needed.
        dirs[:] = [d for d in dirs if d not in ("site-packages", "dist-packages", "test")]
        stdlib += sum((Path(dirpath) / f).lstat().st_size for f in files)
    return total, stdlib


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        display = ":" + f.readline().strip()
    return proc, display


def timed(cmd: list[str], env: dict[str, str], *, probe: bool = False) -> float:
    """Milliseconds from launch to the probe's STARTUP line, or to the process's exit."""
    t0 = time.time()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    t1 = time.time()
    if done.returncode != 0:
        raise RuntimeError(f"{cmd} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    if probe:
        lines = [ln for ln in done.stdout.splitlines() if ln.startswith("STARTUP ")]
        if not lines:
            raise RuntimeError(f"{cmd}: no STARTUP line:\n{done.stdout}\n{done.stderr}")
        return (float(lines[-1].split()[1]) - t0) * 1000
    return (t1 - t0) * 1000


def compare(
    runs: int, frozen: list[str], unfrozen: list[str], env: dict[str, str], *, probe: bool = False
) -> tuple[float, float, list[float], list[float]]:
    timed(frozen, env, probe=probe)  # warm-up: file cache
    timed(unfrozen, env, probe=probe)
    f_ms, u_ms = [], []
    for _ in range(runs):  # interleaved, so a slow moment of the machine hits both
        f_ms.append(timed(frozen, env, probe=probe))
        u_ms.append(timed(unfrozen, env, probe=probe))
    return statistics.median(f_ms), statistics.median(u_ms), f_ms, u_ms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.perf.bench_packaging", description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dist", type=Path, default=None, help="a build.py --dist folder")
    ap.add_argument("--xvfb", action="store_true", help="a real X server instead of offscreen")
    ap.add_argument("--out", type=Path, default=ROOT / "perf-results" / "packaging.json")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    dist = args.dist or bundle.cached_build()
    app = bundle.app_dir(dist)
    exe = bundle.executable(dist)
    print(f"hocvuso packaging benchmark: {app}, {args.runs} runs")

    work = Path(tempfile.mkdtemp(prefix="hocvuso-perf-packaging-"))
    xvfb: subprocess.Popen[bytes] | None = None
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HOCVUSO_", "QT_"))}
        env.update(HOCVUSO_HOME=str(work / "home"), HOCVUSO_PASSWORD=PASSWORD)
        if args.xvfb:
            xvfb, display = start_xvfb()
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        db = work / "data" / "hocvuso.db"
        subprocess.run(
            [str(VENV_BIN / "hocvuso"), "--db", str(db), "init", "--commune", "01840",
             "--officer", "Nguyễn Văn Đức"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        unfrozen_main = [sys.executable, str(ROOT / "packaging" / "frozen_main.py")]

        results: list[Result] = []
        size = bundle.folder_size(app) / 1e6
        deps, stdlib = runtime_footprint()
        results.append(
            Result("packaging", "bundle folder size (one-folder app)", size, "MB",
                   (deps + stdlib) / 1e6, "unfrozen: runtime packages + stdlib"),
        )  # fmt: skip
        try:
            tar_mb = bundle.tarball(dist).stat().st_size / 1e6
            results.append(Result("packaging", "Linux tarball (.tar.gz)", tar_mb, "MB"))
        except FileNotFoundError:
            pass

        f, u, f_all, u_all = compare(
            args.runs,
            [str(exe), "--startup-probe", "--db", str(db)],
            [*unfrozen_main, "--startup-probe", "--db", str(db)],
            env,
            probe=True,
        )
        results.append(
            Result("packaging", f"start-up → login window, median of {args.runs}", f, "ms", u,
                   "unfrozen (.venv)"),
        )  # fmt: skip
        detail: dict[str, Any] = {"startup_ms": {"frozen": f_all, "unfrozen": u_all}}

        f, u, f_all, u_all = compare(
            args.runs, [str(exe), "--smoke-test"], [*unfrozen_main, "--smoke-test"], env
        )
        results.append(
            Result("packaging", f"--smoke-test, median of {args.runs}", f, "ms", u,
                   "unfrozen (.venv)"),
        )  # fmt: skip
        detail["smoke_ms"] = {"frozen": f_all, "unfrozen": u_all}

        f, u, f_all, u_all = compare(
            args.runs, [str(exe), "--help"], [str(VENV_BIN / "hocvuso"), "--help"], env
        )
        results.append(
            Result("packaging", f"--help (command line), median of {args.runs}", f, "ms", u,
                   ".venv/bin/hocvuso"),
        )  # fmt: skip
        detail["help_ms"] = {"frozen": f_all, "unfrozen": u_all}
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)

    build_s = dist / "build-seconds"
    print_table(
        f"packaging: frozen vs unfrozen ({'Xvfb/xcb' if args.xvfb else 'offscreen'})", results
    )
    if build_s.exists():
        print(f"  bundle build time (cached build): {build_s.read_text().strip()} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "runs": args.runs,
                "platform": "xcb (Xvfb)" if args.xvfb else "offscreen",
                "python": sys.version.split()[0],
                "machine": platform.platform(),
                "cpus": os.cpu_count(),
                "seconds": round(time.perf_counter() - started, 1),
                "results": [r.as_json() for r in results],
                "detail": detail,
            },
            ensure_ascii=False,
            indent=2,
        ),
        "utf-8",
    )
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
