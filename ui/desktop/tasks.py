"""The one way to do background work: database writes on one worker thread, network and PDF
work on a pool; results come back to the GUI thread by signal. Widgets are never touched off the
GUI thread."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.errors import UserError

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[str, float], None]


class _Relay(QObject):
    """Lives in the GUI thread; queued signals carry results back to it."""

    done = Signal(object, object)  # callback, result
    failed = Signal(object, object)  # callback, exception
    progress = Signal(object, str, float)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)
        self.progress.connect(self._on_progress)

    @Slot(object, object)
    def _on_done(self, cb: Done | None, result: Any) -> None:
        if cb is not None:
            cb(result)

    @Slot(object, object)
    def _on_failed(self, cb: Failed | None, exc: BaseException) -> None:
        if cb is not None:
            cb(exc)

    @Slot(object, str, float)
    def _on_progress(self, cb: Progress | None, step: str, frac: float) -> None:
        if cb is not None:
            cb(step, frac)


class _Job(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        fn: Callable[..., Any],
        on_done: Done | None,
        on_error: Failed | None,
        on_progress: Progress | None,
        with_progress: bool,
    ) -> None:
        super().__init__()
        self.relay, self.fn = relay, fn
        self.on_done, self.on_error, self.on_progress = on_done, on_error, on_progress
        self.with_progress = with_progress

    def run(self) -> None:
        try:
            if self.with_progress:

                def report(step: str, frac: float) -> None:
                    self.relay.progress.emit(self.on_progress, step, frac)

                result = self.fn(report)
            else:
                result = self.fn()
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            if not isinstance(exc, UserError):
                exc.__dict__.setdefault("hocvuso_tb", traceback.extract_tb(exc.__traceback__))
            self.relay.failed.emit(self.on_error, exc)
            return
        self.relay.done.emit(self.on_done, result)


class TaskRunner(QObject):
    """`db()` runs jobs one at a time in submission order; `pool()` runs them concurrently."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self._pending = 0

    def _track(self, cb: Callable[[Any], None] | None) -> Callable[[Any], None]:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def wrapped(value: Any) -> None:
            self._pending -= 1
            if self._pending == 0:
                self.busy_changed.emit(False)
            if cb is not None:
                cb(value)

        return wrapped

    def db(
        self,
        fn: Callable[..., Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        on_progress: Progress | None = None,
    ) -> None:
        self._submit(self._db, fn, on_done, on_error, on_progress)

    def pool(
        self,
        fn: Callable[..., Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        on_progress: Progress | None = None,
    ) -> None:
        self._submit(self._pool, fn, on_done, on_error, on_progress)

    def _submit(
        self,
        pool: QThreadPool,
        fn: Callable[..., Any],
        on_done: Done | None,
        on_error: Failed | None,
        on_progress: Progress | None,
    ) -> None:
        job = _Job(
            self._relay,
            fn,
            self._track(on_done),
            self._track_error(on_error),
            on_progress,
            on_progress is not None,
        )
        pool.start(job)

    def _track_error(self, cb: Failed | None) -> Failed:
        def wrapped(exc: BaseException) -> None:
            self._pending -= 1
            if self._pending == 0:
                self.busy_changed.emit(False)
            if cb is not None:
                cb(exc)
            else:
                raise exc

        return wrapped

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued work is finished (shutdown and tests only)."""
        return self._db.waitForDone(msecs) and self._pool.waitForDone(msecs)
