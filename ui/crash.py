"""Crash reports without personal data: exception type and code locations only.

Exception messages are left out on purpose: database errors quote the values of the row that
failed (names, ID numbers), and those must never reach a log file.
"""

from __future__ import annotations

import platform
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from ui.paths import log_dir


def write_crash_report(
    exc_type: type[BaseException], tb: TracebackType | None, folder: Path | None = None
) -> Path:
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    frames = traceback.extract_tb(tb) if tb else []
    lines = [
        f"hocvuso crash report {stamp}",
        f"python {platform.python_version()} on {platform.platform()}",
        f"exception: {exc_type.__module__}.{exc_type.__qualname__}",
        "stack (file:line function):",
    ]
    lines += [f"  {Path(f.filename).name}:{f.lineno} {f.name}" for f in frames]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    # Keep the folder from growing without bound on a laptop that crashes often.
    reports = sorted(folder.glob("crash-*.txt"))
    for old in reports[:-50]:
        old.unlink(missing_ok=True)
    return path
