"""Screenshots of every main screen of the desktop app, for the README and for checking the
layout at 100 %, 125 % and 150 % scaling (long Vietnamese names, clipped text).

    .venv/bin/python packaging/screenshots.py [--people 2000] [--scales 1,1.25,1.5]

It makes a demo database with the command line (`hocvuso init`, then `hocvuso demo`), starts
Xvfb when there is no display, and runs the app once per scale in a child process (a real X
window, QT_SCALE_FACTOR set) that logs in programmatically, visits every screen and saves PNGs
in docs/screenshots/ (100 %) and docs/screenshots/<scale>/. It prints every label or button
whose text does not fit, so clipping is found without looking at each picture.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "demo-mat-khau-1"
OFFICER = "Nguyễn Thị Minh Khai"
COMMUNE = "01840"


def run(cmd: list[str], env: dict[str, str]) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)


def make_demo(workdir: Path, people: int, env: dict[str, str]) -> Path:
    db = workdir / "demo" / "hocvuso.db"
    hocvuso = str(BIN / "hocvuso")
    run([hocvuso, "--db", str(db), "init", "--commune", COMMUNE, "--officer", OFFICER], env)
    run([hocvuso, "--db", str(db), "demo", "--people", str(people)], env)
    return db


def start_xvfb(env: dict[str, str]) -> subprocess.Popen[bytes] | None:
    if env.get("DISPLAY") and env.get("HOCVUSO_SCREENSHOTS_OWN_X") != "1":
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is missing: apt-get install -y xvfb xauth")
    display = ":97"
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    env["DISPLAY"] = display
    return proc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--scales", default="1,1.25,1.5")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--keep", action="store_true", help="keep the demo database")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--scale", default="1", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(Path(args.db), Path(args.out), args.scale)

    workdir = Path(tempfile.mkdtemp(prefix="hocvuso-shots-"))
    env = dict(os.environ)
    env["HOCVUSO_HOME"] = str(workdir / "home")
    env["HOCVUSO_PASSWORD"] = PASSWORD
    env.pop("QT_QPA_PLATFORM", None)
    xvfb = start_xvfb(env)
    try:
        db = make_demo(workdir, args.people, env)
        for scale in args.scales.split(","):
            child_env = dict(env, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale)
            run(
                [sys.executable, __file__, "--child", "--db", str(db), "--out", args.out,
                 "--scale", scale],
                child_env,
            )  # fmt: skip
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        if args.keep:
            print(f"demo database kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


# -- the child: one run of the app at one scale ------------------------------------------------


def child(db: Path, out: Path, scale: str) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    from ui.desktop.dialogs import FakeDialogs
    from ui.desktop.main import DesktopApp, make_app

    folder = out if float(scale) == 1 else out / f"{round(float(scale) * 100)}"
    folder.mkdir(parents=True, exist_ok=True)
    app = make_app("vi")
    clipped: list[str] = []

    from PySide6.QtCore import QEventLoop

    # An instance's processEvents: PySide6 6.12's static QCoreApplication.processEvents()
    # drops a reference to None per call (fatal on Python 3.11 after a few thousand calls).
    loop = QEventLoop()

    def pump(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            loop.processEvents()
            time.sleep(0.01)

    def wait_idle(desktop: DesktopApp, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        busy = [True]
        desktop.runner.busy_changed.connect(lambda b: busy.__setitem__(0, b))
        pump(0.2)
        while time.monotonic() < end:
            loop.processEvents()
            if not desktop.runner._pending:  # nothing queued or running
                break
            time.sleep(0.01)
        pump(0.3)

    def audit(name: str, root: QWidget) -> None:
        need = root.minimumSizeHint()
        if need.width() > root.width() or need.height() > root.height():
            clipped.append(f"{name}: window needs {need.width()}x{need.height()}")
        for w in [root, *root.findChildren(QWidget)]:
            if not w.isVisible():
                continue
            label = isinstance(w, QLabel) and not w.wordWrap()
            button = isinstance(w, QAbstractButton)
            text = w.text() if isinstance(w, QLabel | QAbstractButton) else ""
            if (label or button) and text and w.sizeHint().width() > w.width() + 1:
                kind = "label" if label else "button"
                clipped.append(f"{name}: {kind} “{text[:50]}” {w.sizeHint().width()}>{w.width()}")

    def shot(name: str, w: QWidget) -> None:
        pump(0.3)
        audit(name, w)
        screen = w.screen()
        g = w.frameGeometry()
        pix = screen.grabWindow(0, g.x(), g.y(), g.width(), g.height())
        path = folder / f"{name}.png"
        pix.save(str(path))
        print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)

    avail = app.primaryScreen().availableGeometry()
    # A common commune laptop: 1366x768 at 100 %; 1920x1080 at 125 % and 150 %.
    width = min(avail.width(), 1366 if float(scale) == 1 else avail.width())
    height = min(avail.height(), 768 if float(scale) == 1 else avail.height())

    # First-run wizard (on a fresh path), at the commune step.
    from app.keystore import FAST_KDF

    fresh = db.parent.parent / f"fresh-{scale}" / "hocvuso.db"
    wizard_app = DesktopApp(
        app, fresh, lang="vi", dialogs=FakeDialogs(), kdf=FAST_KDF, quit_app=lambda: None
    )
    wizard_app.start()
    wiz = wizard_app.wizard
    assert wiz is not None
    wiz.move(avail.topLeft())
    wiz.show()
    pump()
    wiz.next()  # type: ignore[attr-defined]
    wiz.commune_page.search.setText("duc")  # type: ignore[attr-defined]
    shot("01-first-run-commune", wiz)
    wiz.next()  # type: ignore[attr-defined]
    wiz.officer_page.name.setText(OFFICER)  # type: ignore[attr-defined]
    wiz.officer_page.password.setText(PASSWORD)  # type: ignore[attr-defined]
    wiz.officer_page.password2.setText(PASSWORD)  # type: ignore[attr-defined]
    wiz.next()  # type: ignore[attr-defined]
    end = time.monotonic() + 30
    while wiz.installation is None and time.monotonic() < end:  # type: ignore[attr-defined]
        pump(0.05)
    shot("02-first-run-recovery-key", wiz)
    wiz.installation.close()  # type: ignore[attr-defined]
    wiz.hide()

    desktop = DesktopApp(app, db, lang="vi", dialogs=FakeDialogs(), quit_app=lambda: None)
    desktop.start()
    login = desktop.login
    assert login is not None
    login.move(avail.center() - login.rect().center())
    pump()
    shot("03-login", login)
    login.password.setText(PASSWORD)  # type: ignore[attr-defined]
    login.login()  # type: ignore[attr-defined]
    end = time.monotonic() + 30
    while desktop.window is None and time.monotonic() < end:
        loop.processEvents()
        time.sleep(0.01)
    win = desktop.window
    assert win is not None, "login failed"
    win.move(avail.topLeft())
    win.resize(width, height - 30)
    pump(0.5)

    sessions = win.show_page("sessions")
    wait_idle(desktop)
    shot("04-sessions", win)

    # The session of this month with the most attendees, opened for check-in.
    best = max(sessions.model.rows(), key=lambda s: s.attendee_count, default=None)  # type: ignore[attr-defined]
    if best is not None:
        win.open_checkin(best.id)
        wait_idle(desktop)
        checkin = win.pages["checkin"]
        checkin.scan.setText("nguyen thi")  # type: ignore[attr-defined]
        wait_idle(desktop)
        QTimer.singleShot(0, lambda: None)
        checkin.scan.setFocus()  # type: ignore[attr-defined]
        shot("05-check-in", win)
        checkin.scan.clear()  # type: ignore[attr-defined]

    home = win.show_page("homevisit")
    wait_idle(desktop)
    home.search.setText("tran van")  # type: ignore[attr-defined]
    wait_idle(desktop)
    if home.suggestions.rowCount():  # type: ignore[attr-defined]
        home._pick(0)  # type: ignore[attr-defined]
    home.skills.set_checked(["DD01", "DD02"])  # type: ignore[attr-defined]
    shot("06-home-visit", win)

    for i, key in enumerate(("people", "team", "reports", "sync", "settings"), start=7):
        win.show_page(key)
        wait_idle(desktop)
        shot(f"{i:02d}-{key}", win)

    assert desktop.lock is not None
    desktop.lock.lock()
    pump(0.5)
    shot("12-locked", win)
    desktop.lock.release()

    for line in clipped:
        print("CLIPPED", line)
    desktop.runner.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
