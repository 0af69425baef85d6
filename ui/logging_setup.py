"""Rotating log files in the log folder, written so that no personal data can reach them.

The log is for support staff: what the program did (ids, counts, codes, timings), never what the
officer typed. Three rules make that hold even when a future call site is careless:

- only our own loggers (`hocvuso` and below) are written with their text, and only when the
  message template is plain ASCII; every argument must be a number, a UUID or a short code
  (`[A-Za-z0-9_.:-]`, no run of 9 or more digits such as an ID-card or phone number), anything
  else is replaced by `<redacted>`;
- other libraries' records (SQLAlchemy, Alembic, Qt bridges) are written as their logger name
  and level only, and only from WARNING up: their text can quote a row's values;
- exceptions are written as their type and code locations, never their message (a database
  error quotes the row that failed), the same rule as the crash reports in `ui.crash`.

No Qt import: the command line and the desktop both call `setup_logging()` at start.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from ui.paths import log_dir

LOGGER = "hocvuso"
LOG_FILE = "hocvuso.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
REDACTED = "<redacted>"
WITHHELD = "(text withheld)"

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_CODE = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_LONG_DIGITS = re.compile(r"\d{9,}")

_handler: logging.Handler | None = None


def get_logger(name: str = "") -> logging.Logger:
    """Our logger (`hocvuso.<name>`): only these carry message text into the file."""
    return logging.getLogger(f"{LOGGER}.{name}" if name else LOGGER)


def _own(record: logging.LogRecord) -> bool:
    return record.name == LOGGER or record.name.startswith(LOGGER + ".")


def _safe_template(text: str) -> bool:
    return text.isascii() and _LONG_DIGITS.search(text) is None


def safe_arg(value: object) -> object:
    """A log argument as written: numbers, UUIDs and short codes pass, anything else is hidden."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        if _UUID.fullmatch(value):
            return value
        if _CODE.fullmatch(value) and _LONG_DIGITS.search(value) is None:
            return value
    return REDACTED


def safe_traceback(
    exc_type: type[BaseException] | None, tb: TracebackType | None, *, indent: str = "  "
) -> list[str]:
    """An exception as its type and stack (file name, line, function): no message, no values."""
    if exc_type is None:
        return []
    lines = [f"{indent}exception: {exc_type.__module__}.{exc_type.__qualname__}"]
    for f in traceback.extract_tb(tb) if tb else []:
        lines.append(f"{indent}  {Path(f.filename).name}:{f.lineno} {f.name}")
    return lines


class PrivacyFilter(logging.Filter):
    """Lets through our own records and other libraries' warnings and errors; drops the rest
    (other libraries' INFO/DEBUG text is never wanted and is the likeliest to quote data)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return _own(record) or record.levelno >= logging.WARNING


class SafeFormatter(logging.Formatter):
    """Formats a sanitised copy of the record; the original is left as it was for any other
    handler (pytest's capture, a console)."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        safe = logging.makeLogRecord(record.__dict__)
        safe.exc_info = None
        safe.exc_text = None
        safe.stack_info = None
        own_text = _own(record) and isinstance(record.msg, str) and _safe_template(record.msg)
        if not own_text:
            safe.msg, safe.args = WITHHELD, None
        else:
            safe.msg = record.msg
            safe.args = _safe_args(record.args)
        try:
            text = super().format(safe)
        except (TypeError, ValueError):  # a template that does not match its arguments
            safe.msg, safe.args = WITHHELD, None
            text = super().format(safe)
        if record.exc_info and record.exc_info[0] is not None:
            text += "\n" + "\n".join(safe_traceback(record.exc_info[0], record.exc_info[2]))
        return text


def _safe_args(args: Any) -> Any:
    if not args:
        return None
    if isinstance(args, dict):
        return {k: safe_arg(v) for k, v in args.items()}
    return tuple(safe_arg(a) for a in args)


class _QuietRotatingHandler(logging.handlers.RotatingFileHandler):
    """A log that cannot be written (full disk, a second instance holding the file on Windows
    during rotation) must never disturb the officer's work."""

    def handleError(self, record: logging.LogRecord) -> None:
        return


def setup_logging(
    folder: Path | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
    level: int = logging.INFO,
) -> Path | None:
    """Write the log to `folder/hocvuso.log` (default: the data folder's `logs/`), rotating at
    `max_bytes` and keeping `backups` older files. Idempotent: a second call replaces the first
    handler. Returns the log file, or None if the folder cannot be written (logging is then off,
    the program carries on)."""
    global _handler
    folder = folder or log_dir()
    path = folder / LOG_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _QuietRotatingHandler(
            path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setLevel(level)
    handler.addFilter(PrivacyFilter())
    handler.setFormatter(SafeFormatter())
    shutdown_logging()
    # On the root logger so other libraries' warnings arrive too, but the root's level is left
    # alone: lowering it would switch on SQLAlchemy's per-statement INFO logging.
    logging.getLogger().addHandler(handler)
    logging.getLogger(LOGGER).setLevel(level)
    _handler = handler
    frozen = bool(getattr(sys, "frozen", False))
    get_logger().info(
        "started: version %s, python %s, %s, frozen=%s",
        _version(),
        platform.python_version(),
        platform.system(),
        frozen,
    )
    return path


def shutdown_logging() -> None:
    """Remove and close the handler `setup_logging` installed (tests, a second call)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("hocvuso")
    except Exception:
        return "unknown"
