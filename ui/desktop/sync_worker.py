"""Background sync for the desktop app: one `SyncEngine` run at a time on the task runner's pool
(never the GUI thread), a timer that probes the server every few minutes and syncs when it
answers (backing off after failures), and the status bar's one-line summary of the sync state.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from sync.client import SyncConfig, SyncEngine, SyncProgress, SyncReport
from sync.issues import SyncStatus, sync_status
from ui.desktop.context import AppContext
from ui.desktop.pages import alive, fmt_time

NETWORK_CODES = frozenset({"sync.unreachable", "sync.timeout", "sync.bad_answer"})


def cannot_connect(status: SyncStatus) -> bool:
    """The last attempt failed because the server could not be reached (not a refusal)."""
    return status.last_error is not None and status.last_error.code in NETWORK_CODES


class SyncController(QObject):
    """Owned by the main window. `sync_now()` starts a run unless one is running; `stop()`
    cancels and waits, for logout and closing. Signals arrive on the GUI thread."""

    status_changed = Signal(object)  # SyncStatus
    running_changed = Signal(bool)
    progress_changed = Signal(object)  # SyncProgress (emitted from the worker, queued)
    finished = Signal(object)  # SyncReport
    failed = Signal(object)  # BaseException (UserError: e.g. not enrolled)

    def __init__(
        self,
        ctx: AppContext,
        label: QLabel | None = None,
        parent: QObject | None = None,
        *,
        config: SyncConfig | None = None,
        interval_s: float = 300.0,
        max_interval_s: float = 3600.0,
        max_wait: float = 60.0,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.label = label
        self.config = config or SyncConfig()
        self.max_wait = max_wait
        self.interval_s = interval_s
        self.max_interval_s = max_interval_s
        self._delay_s = interval_s
        self.engine = SyncEngine(ctx.inst.db, config=self.config, progress=self._on_progress)
        self.status: SyncStatus | None = None
        self.last_report: SyncReport | None = None
        self._running = False
        self._probing = False
        self._stopped = False
        self._idle = threading.Event()
        self._idle.set()
        self._stop_event = threading.Event()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.try_background)
        # A write elsewhere changes the pending count: refresh shortly after, once.
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(400)
        self._refresh_soon.timeout.connect(self.refresh)
        ctx.data_changed.connect(self._data_changed)
        self.progress_changed.connect(self._show_progress)

    # -- state -------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    def start(self, first_delay_s: float | None = None) -> None:
        """Read the status now and try a background sync after `first_delay_s` (default: a
        few seconds, so that opening the app is not slowed down)."""
        self._stopped = False
        self._stop_event.clear()
        self.refresh()
        self._schedule(5.0 if first_delay_s is None else first_delay_s)

    def _schedule(self, seconds: float) -> None:
        if not self._stopped:
            self._timer.start(max(0, int(seconds * 1000)))

    def refresh(self) -> None:
        """Re-read the status (pending, last success, problems) off the GUI thread."""
        if self._stopped:
            return
        db = self.ctx.inst.db
        self.ctx.runner.pool(lambda: sync_status(db), self._got_status, self._status_failed)

    def _data_changed(self, _changed: object) -> None:
        if not self._running:
            self._refresh_soon.start()

    def _got_status(self, status: SyncStatus) -> None:
        if self._stopped or not alive(self):
            return
        self.status = status
        self._update_label()
        self.status_changed.emit(status)

    def _status_failed(self, _exc: BaseException) -> None:
        pass  # e.g. the database was closed at logout: the status simply stays as it was

    # -- running -----------------------------------------------------------------------------
    def try_background(self) -> None:
        """Timer tick: when enrolled and the server answers a probe, sync."""
        if self._stopped or self._running or self._probing:
            return
        if self.status is not None and not self.status.enrolled:
            self._schedule(self.interval_s)
            return
        self._probing = True
        engine = self.engine
        self.ctx.runner.pool(engine.probe, self._probed, self._probe_failed)

    def _probed(self, reachable: bool) -> None:
        self._probing = False
        if self._stopped:
            return
        if reachable and not self._running:
            self.sync_now()
        else:
            self._back_off()

    def _probe_failed(self, _exc: BaseException) -> None:
        self._probing = False
        self._back_off()

    def _back_off(self) -> None:
        self._delay_s = min(self._delay_s * 2, self.max_interval_s)
        self._schedule(self._delay_s)

    def sync_now(self) -> bool:
        """Start a sync on the pool; False if one is already running (or stopped)."""
        if self._running or self._stopped:
            return False
        self._timer.stop()
        self._running = True
        self._idle.clear()
        self.running_changed.emit(True)
        self._update_label()
        engine, max_wait, idle = self.engine, self.max_wait, self._idle

        stop = self._stop_event

        def job() -> tuple[SyncReport, SyncStatus] | None:
            try:
                if stop.is_set():  # stopped before the pool started it: nothing to do
                    return None
                report = engine.run_once(max_wait=max_wait)
                return report, sync_status(engine.db)
            finally:
                idle.set()

        self.ctx.runner.pool(job, self._done, self._failed)
        return True

    def cancel(self) -> None:
        """Stop a running sync at the next safe point; what was acknowledged stays."""
        self.engine.cancel()

    def _on_progress(self, p: SyncProgress) -> None:  # worker thread
        if alive(self):
            self.progress_changed.emit(p)

    def _done(self, result: tuple[SyncReport, SyncStatus] | None) -> None:
        self._running = False
        if not alive(self):  # the window and its controller closed while the sync ran
            return
        if result is None:
            self.running_changed.emit(False)
            return
        report, status = result
        self.last_report = report
        if report.error is None and report.reached_server:
            self._delay_s = self.interval_s
            self._schedule(self.interval_s)
        else:
            self._back_off()
        self.running_changed.emit(False)
        self._got_status(status)
        self.finished.emit(report)
        if report.pulled:
            self.ctx.notify((("catalogue", ""),))

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        if not alive(self):
            return
        self._back_off()
        self.running_changed.emit(False)
        self.refresh()
        self.failed.emit(exc)

    def stop(self, wait_ms: int = 10000) -> bool:
        """Stop the timer, cancel a running sync and wait for it (logout, closing)."""
        self._stopped = True
        self._stop_event.set()
        self._timer.stop()
        self._refresh_soon.stop()
        self.engine.cancel()
        return self._idle.wait(wait_ms / 1000)

    # -- status bar --------------------------------------------------------------------------
    def summary(self) -> str:
        """The status bar's line for the current state."""
        st = self.status
        if self._running:
            return self.tr("Sync: syncing…")
        if st is None:
            return self.tr("Sync: checking…")
        if not st.enrolled:
            return self.tr("Sync: not set up yet")
        problems = st.quarantined + st.conflicts
        if problems:
            return self.tr("Sync: {n} records need fixing").format(n=problems)
        if cannot_connect(st):
            return self.tr("Sync: cannot connect to the server")
        if st.last_error is not None:
            return self.tr("Sync: a problem, see the Sync screen")
        last = fmt_time(st.last_success_at)
        if st.pending:
            if last:
                return self.tr("Sync: {n} records waiting to be sent · last {time}").format(
                    n=st.pending, time=last
                )
            return self.tr("Sync: {n} records waiting to be sent").format(n=st.pending)
        if last:
            return self.tr("Sync: everything sent · last {time}").format(time=last)
        return self.tr("Sync: nothing sent yet")

    def _update_label(self) -> None:
        # The window may be gone (closed, logged out) while a status read was in flight.
        if self.label is not None and alive(self.label):
            self.label.setText(self.summary())
            st = self.status
            tip = st.last_error.text(self.ctx.lang) if st and st.last_error else ""
            self.label.setToolTip(tip)

    def _show_progress(self, p: Any) -> None:
        push = isinstance(p, SyncProgress) and p.phase == "push" and p.total
        if self.label is not None and alive(self.label) and self._running and push:
            self.label.setText(
                self.tr("Sync: sending {done}/{total}…").format(done=p.done, total=p.total)
            )
