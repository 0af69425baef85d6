"""Crash reports without personal data, and the handler that writes one for any unexpected error.

A report holds the exception type and code locations only. Exception messages are left out on
purpose: database errors quote the values of the row that failed (names, ID numbers), and those
must never reach a file that is sent to support. Reports go to the log folder and only the
newest `MAX_REPORTS` are kept.

`install_crash_handler` routes uncaught errors (main thread and worker threads) here; the
desktop passes a `show` callback that tells the officer, in Vietnamese, what happened and what
to do. No Qt import: the command line uses this module too.
"""

from __future__ import annotations

import contextlib
import platform
import sys
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from ui.paths import log_dir

MAX_REPORTS = 50
# The same error again within this many seconds (a failing paint or timer) is one report.
REPEAT_WINDOW_S = 5.0


def write_crash_report(
    exc_type: type[BaseException],
    tb: TracebackType | None,
    folder: Path | None = None,
    *,
    keep: int | None = None,
) -> Path:
    """Write a report (type and stack only) into `folder` (default: the log folder) and keep
    the newest `keep` reports (default MAX_REPORTS)."""
    keep = MAX_REPORTS if keep is None else keep
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    n = 1
    while path.exists():  # two reports in the same microsecond must not overwrite each other
        path = folder / f"crash-{stamp}-{n}.txt"
        n += 1
    frames = traceback.extract_tb(tb) if tb else []
    lines = [
        f"hocvuso crash report {stamp}",
        f"hocvuso {_version()}{' (frozen)' if getattr(sys, 'frozen', False) else ''}",
        f"python {platform.python_version()} on {platform.platform()}",
        f"thread: {'main' if threading.current_thread() is threading.main_thread() else 'worker'}",
        f"exception: {exc_type.__module__}.{exc_type.__qualname__}",
        "stack (file:line function):",
    ]
    lines += [f"  {Path(f.filename).name}:{f.lineno} {f.name}" for f in frames]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    # Keep the folder from growing without bound on a laptop that crashes often.
    reports = sorted(folder.glob("crash-*.txt"), key=lambda p: p.name)
    for old in reports[: max(0, len(reports) - max(1, keep))]:
        old.unlink(missing_ok=True)
    return path


def crash_message(report: Path | None, lang: str = "vi") -> str:
    """What the officer reads after an unexpected error: what happened, that saved data is
    safe, and what to do (Vietnamese by default)."""
    where = str(report) if report is not None else "-"
    if lang.startswith("en"):
        return (
            "An unexpected error occurred and the last action was not completed.\n\n"
            "Saved data is not lost. You can go on working; if the error comes back, close "
            "hocvuso and open it again.\n\n"
            "Please send this report file to the support officer (it holds no personal data):\n"
            f"{where}"
        )
    return (
        "Đã xảy ra lỗi không mong đợi, thao tác vừa rồi chưa hoàn tất.\n\n"
        "Dữ liệu đã lưu không bị mất. Anh/chị có thể tiếp tục làm việc; nếu lỗi lặp lại, "
        "hãy đóng hocvuso rồi mở lại.\n\n"
        "Hãy gửi tệp báo lỗi sau cho cán bộ hỗ trợ (tệp không chứa dữ liệu cá nhân):\n"
        f"{where}"
    )


class CrashHandler:
    """Writes a report for an uncaught error and calls `show` with its path.

    `show` may be called from a worker thread (threading.excepthook runs in the failing
    thread): a GUI must hand it over to its own thread, e.g. through a queued signal.
    """

    def __init__(self, show: Callable[[Path], None] | None, folder: Path | None = None) -> None:
        self.show = show
        self.folder = folder
        self._lock = threading.Lock()
        self._last: tuple[tuple[str, ...], float] | None = None

    def _signature(
        self, exc_type: type[BaseException], tb: TracebackType | None
    ) -> tuple[str, ...]:
        last = traceback.extract_tb(tb)[-1:] if tb else []
        return (exc_type.__qualname__, *(f"{f.filename}:{f.lineno}" for f in last))

    def handle(self, exc_type: type[BaseException], tb: TracebackType | None) -> Path | None:
        sig = self._signature(exc_type, tb)
        now = time.monotonic()
        with self._lock:
            if (
                self._last is not None
                and self._last[0] == sig
                and now - self._last[1] < REPEAT_WINDOW_S
            ):
                return None
            self._last = (sig, now)
        report: Path | None
        try:
            report = write_crash_report(exc_type, tb, self.folder)
        except OSError:
            report = None
        with contextlib.suppress(Exception):
            from ui.logging_setup import get_logger

            get_logger("crash").error(
                "unexpected error %s, report %s",
                exc_type.__qualname__,
                report.name if report else "not written",
            )
        if self.show is not None and report is not None:
            with contextlib.suppress(Exception):  # last resort while handling an error
                self.show(report)
        return report

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.handle(exc_type, tb)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return  # what the default hook does: a thread ending itself is not an error
        self.handle(args.exc_type, args.exc_traceback)


def install_crash_handler(
    show: Callable[[Path], None] | None = None, folder: Path | None = None
) -> CrashHandler:
    """Route every uncaught error, in the main thread or a worker thread, to a crash report
    (and `show`). Qt calls sys.excepthook for an error in a slot, so one hook covers the GUI;
    the program keeps running after it."""
    handler = CrashHandler(show, folder)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.threading_excepthook
    return handler


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("hocvuso")
    except Exception:
        return "unknown"
