#!/usr/bin/env python3
"""Build the installable packages: `python packaging/build.py linux|windows [--dist DIR]`.

linux:   PyInstaller one-folder app (packaging/hocvuso.spec) in DIST/hocvuso, checked with its
         own `--smoke-test`, then DIST/hocvuso-<version>-linux-<arch>.tar.gz holding the folder,
         a .desktop entry, the icon and install.sh (per-user install into ~/.local/opt/hocvuso
         and ~/.local/share/applications; the data in ~/.local/share/hocvuso is never touched).
windows: the same PyInstaller build, run on Windows (PyInstaller cannot build for another
         system), then the Inno Setup installer DIST/hocvuso-<version>-windows-x64-setup.exe if
         `iscc` is installed (packaging/windows/hocvuso.iss).
icons:   re-render resources/icons/hocvuso.png and hocvuso.ico from hocvuso.svg (Qt + Pillow).

Run it with the project's virtual environment (`.venv/bin/python packaging/build.py linux`),
after `python packaging/bootstrap.py` has built the translations, with PyInstaller installed
(the `dev` extra has it).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "hocvuso.spec"
ICONS = ROOT / "resources" / "icons"
DEFAULT_DIST = PACKAGING / "dist"
APP = "hocvuso"
SMOKE_OK = "hocvuso smoke test OK"


class BuildError(Exception):
    """A build step failed; the message says what to do."""


def say(msg: str) -> None:
    print(f"[build] {msg}", flush=True)


def version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return str(data["project"]["version"])


def folder_size(path: Path) -> int:
    """Bytes of all files below `path` (symbolic links counted as links, not followed)."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            total += (Path(dirpath) / name).lstat().st_size
    return total


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def check_prerequisites() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError(
            "PyInstaller is not installed in this Python. Install the development tools "
            f"(`{sys.executable} -m pip install -e '.[dev]'`) or `pip install pyinstaller`."
        ) from None
    if not any((ROOT / "resources" / "i18n").glob("*.qm")):
        raise BuildError(
            "The translations are not built (resources/i18n/*.qm). Run "
            "`python3 packaging/bootstrap.py` first."
        )


def pyinstaller(dist: Path, work: Path, *, clean: bool) -> Path:
    """Run the spec; return the one-folder app."""
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        cmd.append("--clean")
    say("PyInstaller: " + " ".join(cmd[3:]))
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit {done.returncode}); see its output above.")
    bundle = dist / APP
    say(f"one-folder app: {bundle} ({mb(folder_size(bundle))}, {time.perf_counter() - t0:.0f} s)")
    return bundle


def executable(bundle: Path, *, console: bool = True) -> Path:
    if sys.platform == "win32":
        return bundle / (f"{APP}-cli.exe" if console else f"{APP}.exe")
    return bundle / APP


def smoke_test(bundle: Path) -> str:
    """Run the bundle's own check on the offscreen platform; return its OK line."""
    exe = executable(bundle)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("HOCVUSO_RESOURCES", None)
    say(f"smoke test: {exe} --smoke-test")
    done = subprocess.run(
        [str(exe), "--smoke-test"], env=env, capture_output=True, text=True, timeout=300
    )
    ok = [line for line in done.stdout.splitlines() if line.startswith(SMOKE_OK)]
    if done.returncode != 0 or not ok:
        raise BuildError(
            f"The bundle's smoke test failed (exit {done.returncode}):\n"
            f"{done.stdout}\n{done.stderr}"
        )
    say(ok[-1])
    return ok[-1]


# -- Linux -------------------------------------------------------------------------------------


def tarball(bundle: Path, dist: Path) -> Path:
    """hocvuso-<version>-linux-<arch>.tar.gz: one top folder with the app, the menu entry, the
    icons and install.sh. Written straight from the build (symbolic links kept), no copy."""
    arch = platform.machine() or "x86_64"
    top = f"{APP}-{version()}-linux-{arch}"
    out = dist / f"{top}.tar.gz"
    tmp = out.with_name(out.name + ".part")

    def owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    say(f"tarball: {out.name}")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{top}/{APP}", filter=owner)
        for src, name, exe in (
            (PACKAGING / "linux" / "install.sh", "install.sh", True),
            (PACKAGING / "linux" / f"{APP}.desktop", f"{APP}.desktop", False),
            (ICONS / f"{APP}.svg", f"{APP}.svg", False),
            (ICONS / f"{APP}.png", f"{APP}.png", False),
        ):
            info = owner(tar.gettarinfo(str(src), arcname=f"{top}/{name}"))
            info.mode = 0o755 if exe else 0o644
            with src.open("rb") as f:
                tar.addfile(info, f)
    tmp.replace(out)
    say(f"tarball: {out} ({mb(out.stat().st_size)})")
    return out


def build_linux(dist: Path, work: Path, *, clean: bool, smoke: bool, package: bool) -> int:
    if not sys.platform.startswith("linux"):
        raise BuildError("`build.py linux` builds on Linux only (PyInstaller builds for the "
                         "system it runs on).")  # fmt: skip
    check_prerequisites()
    bundle = pyinstaller(dist, work, clean=clean)
    if smoke:
        smoke_test(bundle)
    if package:
        tarball(bundle, dist)
    return 0


# -- Windows -----------------------------------------------------------------------------------


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (
        os.environ.get("PROGRAMFILES(X86)"),
        os.environ.get("PROGRAMFILES"),
        str(Path(os.environ.get("LOCALAPPDATA", "")) / "Programs"),
    ):
        if base:
            candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def installer(bundle: Path, dist: Path) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        say("Inno Setup (iscc) not found: only the folder was built. Install Inno Setup 6 "
            "(https://jrsoftware.org/isinfo.php) and run this again for the installer.")  # fmt: skip
        return None
    script = PACKAGING / "windows" / f"{APP}.iss"
    cmd = [
        str(iscc),
        "/Qp",
        f"/DAppVersion={version()}",
        f"/DSourceDir={bundle}",
        f"/DOutputDir={dist}",
        str(script),
    ]
    say("Inno Setup: " + " ".join(cmd))
    done = subprocess.run(cmd, cwd=script.parent, check=False)
    if done.returncode != 0:
        raise BuildError(f"Inno Setup failed (exit {done.returncode}); see its output above.")
    out = dist / f"{APP}-{version()}-windows-x64-setup.exe"
    say(f"installer: {out} ({mb(out.stat().st_size)})")
    return out


def build_windows(dist: Path, work: Path, *, clean: bool, smoke: bool, package: bool) -> int:
    if sys.platform != "win32":
        raise BuildError(
            "`build.py windows` must run on Windows: PyInstaller cannot build a Windows program "
            "on another system. On a Windows 10/11 x64 machine with Python 3.11+: "
            "`py -3.11 packaging\\bootstrap.py`, then "
            "`.venv\\Scripts\\python packaging\\build.py windows` (with Inno Setup 6 installed "
            "for the installer)."
        )
    check_prerequisites()
    if not (ICONS / f"{APP}.ico").is_file():
        raise BuildError("resources/icons/hocvuso.ico is missing: run `build.py icons`.")
    bundle = pyinstaller(dist, work, clean=clean)
    if smoke:
        smoke_test(bundle)
    if package:
        installer(bundle, dist)
    return 0


# -- icons -------------------------------------------------------------------------------------


def build_icons() -> int:
    """PNG (256 px, for Linux menus) and ICO (16-256 px, for Windows) from the SVG; each size
    is drawn from the vector so small sizes stay sharp."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / f"{APP}.svg"))
    if not renderer.isValid():
        raise BuildError("resources/icons/hocvuso.svg cannot be read")

    def render(size: int) -> Image.Image:
        img = QImage(size, size, QImage.Format.Format_RGBA8888)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        return Image.frombytes("RGBA", (size, size), bytes(img.constBits()))

    sizes = [256, 128, 64, 48, 32, 24, 16]
    images = {s: render(s) for s in sizes}
    images[256].save(ICONS / f"{APP}.png", optimize=True)
    images[256].save(
        ICONS / f"{APP}.ico",
        sizes=[(s, s) for s in sizes],
        append_images=[images[s] for s in sizes[1:]],
    )
    say(f"icons: {ICONS / (APP + '.png')}, {ICONS / (APP + '.ico')}")
    return 0


# -- command line ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python packaging/build.py", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("target", choices=["linux", "windows", "icons"])
    ap.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="output folder")
    ap.add_argument("--work", type=Path, default=None, help="PyInstaller's work folder")
    ap.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    ap.add_argument("--no-smoke", action="store_true", help="skip the bundle's smoke test")
    ap.add_argument(
        "--no-package", action="store_true", help="only the folder: no tarball / installer"
    )
    args = ap.parse_args(argv)
    dist: Path = args.dist.resolve()
    work: Path = (args.work or PACKAGING / "build").resolve()
    try:
        if args.target == "icons":
            return build_icons()
        build = build_linux if args.target == "linux" else build_windows
        return build(
            dist, work, clean=args.clean, smoke=not args.no_smoke, package=not args.no_package
        )
    except BuildError as e:
        print(f"build.py {args.target}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
