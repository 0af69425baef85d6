"""Entry point of the packaged (PyInstaller) app; it also runs unfrozen for comparison.

- `hocvuso --smoke-test`: proves a bundle is complete. In a temporary folder it creates an
  encrypted database (SQLCipher, Argon2, fast key derivation), migrates it with the bundled
  Alembic scripts, records a village, a person and a session and checks the person in through
  the app's services, renders the attendance sheet PDF (reportlab, DejaVu fonts, QR codes),
  exports an XLSX (openpyxl), opens the database again with the password, and, with Qt on the
  offscreen platform, loads the fonts and the Vietnamese translation, imports every desktop
  screen (some are loaded by name at run time) and rasterises the PDF with pypdfium2. Prints one
  `hocvuso smoke test OK: ...` line and exits 0; on any failure prints the step and the reason
  and exits 1.
- `hocvuso --startup-probe [options]`: starts the desktop normally and quits as soon as its
  first window (the login, or the set-up wizard) is on screen, printing
  `STARTUP <epoch seconds> <window class>`: the start-up benchmark (tests/perf) reads it.
- anything else goes to the command line (`ui.cli.main`): every command works in the bundle,
  and no command starts the desktop.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

_FROZEN = bool(getattr(sys, "frozen", False))
_MEIPASS = getattr(sys, "_MEIPASS", None)
if _FROZEN and _MEIPASS:
    # What PyInstaller's PySide6 run-time hook does, without the import of QtCore it also makes
    # at start-up (the spec leaves the hook out): command-line use would pay about 150 ms for
    # Qt it never uses. PySide6's QtCore registers its own qt.conf once imported.
    _QT = Path(_MEIPASS) / "PySide6" / ("" if sys.platform == "win32" else "Qt")
    os.environ["QT_PLUGIN_PATH"] = str(_QT / "plugins")
    os.environ["QML2_IMPORT_PATH"] = str(_QT / "qml")
elif not _FROZEN:
    # Run as a script (unfrozen, for the benchmark) the project root must be importable.
    _ROOT = Path(__file__).resolve().parent.parent
    if str(_ROOT) not in sys.path:
        sys.path.insert(0, str(_ROOT))

SMOKE_OK = "hocvuso smoke test OK"
SMOKE_PASSWORD = "kiem-tra-goi-cai-dat-1"
PROBE_TIMEOUT_MS = 60_000


class SmokeFailure(Exception):
    """A check of the smoke test did not hold."""


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeFailure(what)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("hocvuso")
    except Exception:
        return "unknown"


def _smoke_core(work: Path, facts: dict[str, Any], step: Callable[[str], None]) -> Path:
    """The Qt-free part: database, migrations, services, documents. Returns the PDF."""
    from datetime import datetime, timedelta

    from app.documents.sheet import render_attendance_sheet
    from app.ids import ICT
    from app.installation import init_installation, open_installation
    from app.keystore import FAST_KDF
    from app.migrate import MIGRATIONS_DIR, migration_state
    from app.resources import resources_dir
    from app.services import directory, people, sessions
    from app.services.exporting import export
    from app.services.people import PersonInput
    from app.services.sessions import SessionInput

    step("bundled files")
    _check((MIGRATIONS_DIR / "env.py").is_file(), f"no Alembic env.py in {MIGRATIONS_DIR}")
    _check(any((MIGRATIONS_DIR / "versions").glob("*.py")), "no migration scripts")
    res = resources_dir()
    for rel in ("fonts/DejaVuSans.ttf", "fonts/DejaVuSerif.ttf", "i18n/hocvuso_vi.qm"):
        _check((res / rel).is_file(), f"missing resource {rel} in {res}")
    _check(any((res / "data").glob("*.csv")), f"no catalogue data in {res / 'data'}")

    step("create and migrate the encrypted database")
    db_path = work / "hocvuso.db"
    inst, _recovery = init_installation(
        db_path, "01840", "Cán bộ Kiểm Thử", SMOKE_PASSWORD, kdf=FAST_KDF
    )
    try:
        current, head = migration_state(inst.db)
        _check(current == head, f"schema at {current}, expected {head}")
        facts["schema"] = head
        _check(
            not db_path.read_bytes()[:16].startswith(b"SQLite format 3"),
            "the database file is not encrypted",
        )

        step("record a village, a person and a session, and check in")
        start = datetime.now(ICT).replace(hour=8, minute=0, second=0, microsecond=0)
        with inst.db.session(inst.actor) as s:
            village = directory.save_village(s, inst.actor, "Thôn Bản Chang").value
            person = people.create_person(
                s, inst.actor, PersonInput("Nguyễn Thị Đào", birth_year=1962, village_id=village.id)
            ).value
            session = sessions.create_session(
                s,
                inst.actor,
                SessionInput(
                    "Lớp Bình dân học vụ số: VNeID mức 2",
                    "community_class",
                    "class",
                    start,
                    start + timedelta(hours=2),
                    village_id=village.id,
                ),
            ).value
            sessions.check_in(s, inst.actor, session.id, person.id)
            _check(len(sessions.attendees(s, session.id)) == 1, "the check-in was not recorded")

        step("render the attendance sheet")
        pdf = work / "diem-danh.pdf"
        with inst.db.session(inst.actor) as s:
            info = render_attendance_sheet(
                s, session.id, pdf, commune_name=inst.commune_name, actor=inst.actor
            )
        data = pdf.read_bytes() if pdf.exists() else b""
        _check(data.startswith(b"%PDF"), "the attendance sheet PDF was not written")
        _check(len(info.rows) == 1 and info.pages >= 1, "the sheet does not list the attendee")
        _check(b"DejaVuSerif" in data, "the DejaVu font is not embedded in the PDF")
        facts["pdf"] = f"{info.pages} page(s), {len(data)} bytes"

        step("export to XLSX")
        xlsx = work / "nguoi-hoc.xlsx"
        with inst.db.session(inst.actor) as s:
            n = export(s, inst.actor, "people", "xlsx", xlsx)
        _check(n == 1 and xlsx.stat().st_size > 0, "the XLSX export is empty")
    finally:
        inst.close()

    step("open the database again with the password")
    inst = open_installation(db_path, SMOKE_PASSWORD)
    inst.close()
    return pdf


def _smoke_qt(pdf: Path, facts: dict[str, Any], step: Callable[[str], None]) -> None:
    """The desktop's pieces on the offscreen platform: fonts, translation, screens, preview."""
    import importlib
    import pkgutil

    step("start Qt")
    from ui.desktop.main import install_translator, make_app

    app = make_app("vi")
    family = app.font().family()
    _check(family.startswith("DejaVu Sans"), f"the bundled font did not load (got {family!r})")
    facts["font"] = family
    _check(install_translator(app, "vi") is not None, "the Vietnamese translation did not load")

    step("import the desktop screens")
    import ui.desktop.pages as pages

    modules = ["ui.desktop.mainwindow", "ui.desktop.login", "ui.desktop.wizard"]
    modules += [f"ui.desktop.pages.{m.name}" for m in pkgutil.iter_modules(pages.__path__)]
    for name in modules:
        importlib.import_module(name)
    _check(len(modules) > 3, "no desktop screens found in the bundle")
    facts["screens"] = len(modules)
    if "PySide6.QtCharts" in sys.modules:  # the dashboard draws charts: their libraries load
        from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView

        chart = QChart()
        bars = QBarSet("n")
        bars.append([1.0, 2.0, 3.0])
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        view = QChartView(chart)
        view.resize(200, 120)
        _check(not view.grab().isNull(), "a chart could not be drawn")

    step("rasterise the PDF (print preview)")
    from ui.desktop.print_preview import rasterise_page

    page = rasterise_page(pdf.read_bytes(), 0, 50)
    _check(page.width > 0 and len(page.rgb) == 3 * page.width * page.height, "empty page image")


def smoke_test() -> int:
    """Exit 0 with one OK line, or 1 with the failing step and the reason."""
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    current = ["start"]
    facts: dict[str, Any] = {}

    def step(name: str) -> None:
        current[0] = name

    with tempfile.TemporaryDirectory(prefix="hocvuso-smoke-") as tmp:
        work = Path(tmp)
        # Settings, logs and crash reports of this run stay in the temporary folder.
        os.environ["HOCVUSO_HOME"] = str(work / "home")
        try:
            pdf = _smoke_core(work, facts, step)
            _smoke_qt(pdf, facts, step)
        except Exception as e:
            print(
                f"hocvuso smoke test FAILED at '{current[0]}': {type(e).__name__}: {e}",
                file=sys.stderr,
                flush=True,
            )
            traceback.print_exc(file=sys.stderr)
            return 1
    print(
        f"{SMOKE_OK}: version {_version()}, schema {facts['schema']}, sheet {facts['pdf']}, "
        f"font {facts['font']}, {facts['screens']} screens, "
        f"{'frozen' if getattr(sys, 'frozen', False) else 'unfrozen'}, "
        f"{time.perf_counter() - started:.2f} s",
        flush=True,
    )
    return 0


def startup_probe(argv: Sequence[str]) -> int:
    """Start the desktop as usual, quit once its first window is shown, print the time."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    # Created here so the filter sees the first window; run_desktop reuses this instance.
    app = QApplication(sys.argv[:1])
    shown: list[str] = []

    def report() -> None:
        print(f"STARTUP {time.time():.6f} {shown[0]}", flush=True)
        app.quit()

    class FirstWindow(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not shown
                and event.type() == QEvent.Type.Show
                and isinstance(watched, QWidget)
                and watched.isWindow()
            ):
                shown.append(type(watched).__name__)
                QTimer.singleShot(0, report)  # after the show has been processed
            return False

    watcher = FirstWindow()
    app.installEventFilter(watcher)

    def give_up() -> None:
        print("STARTUP timeout: no window was shown", file=sys.stderr, flush=True)
        app.exit(3)

    QTimer.singleShot(PROBE_TIMEOUT_MS, give_up)
    from ui.cli import main as cli_main

    code = cli_main(list(argv))
    app.removeEventFilter(watcher)
    return code if shown else (code or 3)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--smoke-test"]:
        return smoke_test()
    if "--startup-probe" in args:
        args.remove("--startup-probe")
        return startup_probe(args)
    from ui.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
