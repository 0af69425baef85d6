#!/usr/bin/env python3
"""One-command set-up for developers and CI: virtual environment, project install, translations,
Qt's system libraries; then start the desktop app (`run`) or the whole test suite (`test`).

Works on a fresh Debian 12 / Ubuntu 24.04 with only Python 3.11+ and git. As root it installs
missing Debian packages with apt-get; otherwise it prints the exact apt-get line and stops.
Only the standard library is used here: this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".hocvuso-install-stamp"

# Shared libraries Qt needs to import (offscreen) and to open a real X11 window, with the
# Debian/Ubuntu package providing each.
QT_CORE_LIBS = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11.so.6": "libx11-6",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
}
QT_X11_LIBS = {
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
}
# Fonts with full Vietnamese coverage for the window (PDFs embed their own font).
FONT_PACKAGES = {"fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}


def say(msg: str) -> None:
    print(f"[hocvuso] {msg}", flush=True)


def run(cmd: list[str], **kw: object) -> None:
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages: list[str], why: str) -> None:
    packages = sorted(set(packages))
    line = "sudo apt-get install -y " + " ".join(packages)
    if not is_root() or shutil.which("apt-get") is None:
        say(f"{why}. Cài đặt bằng lệnh sau rồi chạy lại / Install them, then run again:")
        print(f"    {line}")
        sys.exit(2)
    say(f"{why}: apt-get install {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-q"], env=env)
    run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages], env=env)


def have_lib(soname: str) -> bool:
    try:
        out = subprocess.run(
            ["ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return True  # not a glibc system we can inspect: let Qt's import tell
    return soname in out


def check_system(for_window: bool) -> None:
    if sys.platform != "linux":
        return
    libs = dict(QT_CORE_LIBS)
    if for_window:
        libs.update(QT_X11_LIBS)
    missing = [pkg for so, pkg in libs.items() if not have_lib(so)]
    missing += [pkg for pkg, path in FONT_PACKAGES.items() if not Path(path).exists()]
    if missing:
        apt_install(missing, "Thiếu thư viện hệ thống cho Qt / Qt system libraries are missing")


def check_test_tools() -> None:
    """The province console's browser test drives Debian's headless Chromium (~300 MB)."""
    if sys.platform != "linux" or Path("/usr/bin/chromium").exists():
        return
    if is_root() and shutil.which("apt-get") is not None:
        apt_install(["chromium"], "Chromium cho kiểm thử trình duyệt / Chromium for the browser test")
    else:
        say(
            "Không có chromium: bỏ qua kiểm thử trình duyệt / no chromium: the browser test is "
            "skipped (sudo apt-get install -y chromium)"
        )


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an older python3
        say("Cần Python 3.11 trở lên / Python 3.11 or newer is required.")
        sys.exit(2)
    if PY.exists():
        return
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        ver = f"{sys.version_info.major}.{sys.version_info.minor}"
        apt_install([f"python{ver}-venv"], "Python venv/ensurepip is missing")
    say("Tạo môi trường ảo / creating the virtual environment in .venv")
    run([sys.executable, "-m", "venv", str(VENV)])


def install_project() -> None:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    say("Cài đặt hocvuso và các gói phụ thuộc / installing hocvuso and its dependencies")
    run([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    run([str(PY), "-m", "pip", "install", "-q", "-e", f"{ROOT}[dev,server]"])
    STAMP.write_text(digest)


def build_translations() -> None:
    i18n = ROOT / "resources" / "i18n"
    sources = sorted(i18n.glob("*.ts"))
    if not sources:
        return
    lrelease = BIN / "pyside6-lrelease"
    for ts in sources:
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        run([str(lrelease), "-silent", str(ts), "-qm", str(qm)])
    say("Đã dịch giao diện / translations built")


def setup(for_window: bool) -> None:
    ensure_venv()
    install_project()
    check_system(for_window)
    build_translations()


def test(extra: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    steps = [
        ("ruff", [str(BIN / "ruff"), "check", "app", "ui", "sync", "tests", "packaging"]),
        ("mypy", [str(BIN / "mypy"), "app", "sync", "ui"]),
        ("import-linter", [str(BIN / "lint-imports")]),
        ("pytest", [str(PY), "-m", "pytest", *extra]),
    ]
    for name, cmd in steps:
        say(f"== {name}")
        rc = subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
        if rc != 0:
            say(f"{name} thất bại / failed (exit {rc})")
            return rc
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print("usage: python3 packaging/bootstrap.py run [hocvuso args] | test [pytest args] | setup")
        return 2
    cmd, rest = argv[0], argv[1:]
    setup(for_window=cmd == "run")
    if cmd == "setup":
        return 0
    if cmd == "test":
        check_test_tools()
        return test(rest)
    exe = BIN / ("hocvuso.exe" if os.name == "nt" else "hocvuso")
    return subprocess.run([str(exe), *rest], cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
