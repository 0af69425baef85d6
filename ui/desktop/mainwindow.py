"""The main window: a navigation list, the stacked screens (built on first use), and a status
bar with the officer, the commune, background work and the sync state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from app.vocab import ROLES, label
from ui.desktop.context import AppContext


def _sessions(ctx: AppContext) -> QWidget:
    from ui.desktop.pages.sessions import SessionsPage

    return SessionsPage(ctx)


def _checkin(ctx: AppContext) -> QWidget:
    from ui.desktop.pages.checkin import CheckInPage

    return CheckInPage(ctx)


def _homevisit(ctx: AppContext) -> QWidget:
    from ui.desktop.pages.homevisit import HomeVisitPage

    return HomeVisitPage(ctx)


def _people(ctx: AppContext) -> QWidget:
    from ui.desktop.pages.people import PeoplePage

    return PeoplePage(ctx)


def _team(ctx: AppContext) -> QWidget:
    from ui.desktop.pages.team import TeamPage

    return TeamPage(ctx)


def _reports(ctx: AppContext) -> QWidget:
    from ui.desktop.pages.dashboard import DashboardPage

    return DashboardPage(ctx)


def _settings(ctx: AppContext) -> QWidget:
    from ui.desktop.pages.settings import SettingsPage

    return SettingsPage(ctx)


@dataclass(frozen=True)
class Nav:
    key: str
    title: str
    make: Callable[[AppContext], QWidget]


class MainWindow(QMainWindow):
    """`pages` are created the first time they are shown; `show_page(key)` switches."""

    logout_requested = Signal()
    lock_requested = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        inst = ctx.inst
        self.setWindowTitle(self.tr("hocvuso — {commune}").format(commune=inst.commune_name))
        self.navs: list[Nav] = [
            Nav("sessions", self.tr("Sessions"), _sessions),
            Nav("checkin", self.tr("Check-in"), _checkin),
            Nav("homevisit", self.tr("Home visit"), _homevisit),
            Nav("people", self.tr("People"), _people),
            Nav("team", self.tr("Team and villages"), _team),
            Nav("reports", self.tr("Reports"), _reports),
            Nav("sync", self.tr("Sync"), self._sync_page),
            Nav("settings", self.tr("Settings"), _settings),
        ]
        self.pages: dict[str, QWidget] = {}
        self.nav = QListWidget(self)
        self.nav.setAccessibleName(self.tr("Screens"))
        self.nav.setSpacing(2)
        for i, n in enumerate(self.navs, start=1):
            item = QListWidgetItem(n.title)
            item.setData(Qt.ItemDataRole.UserRole, n.key)
            item.setToolTip(f"{n.title} (Ctrl+{i})")
            self.nav.addItem(item)
        width = max(self.nav.fontMetrics().horizontalAdvance(n.title) for n in self.navs)
        self.nav.setFixedWidth(width + self.nav.fontMetrics().averageCharWidth() * 6)
        self.stack = QStackedWidget(self)
        central = QWidget(self)
        lay = QHBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._nav_changed)

        # Status bar: who and where, background work, sync state (filled by the sync issue).
        role = label(ROLES, inst.officer.role, ctx.lang)
        self.officer_label = QLabel(
            self.tr("Officer: {name} ({role})").format(name=inst.officer.full_name, role=role)
        )
        self.officer_label.setAccessibleName(self.tr("Logged-in officer"))
        self.commune_label = QLabel(inst.commune_name)
        self.commune_label.setAccessibleName(self.tr("Commune"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy.hide()
        self.sync_label = QLabel(self.tr("Sync: not set up yet"))
        self.sync_label.setAccessibleName(self.tr("Sync state"))
        for lab in (self.officer_label, self.commune_label, self.sync_label):
            lab.setContentsMargins(6, 0, 12, 0)
        sb = self.statusBar()
        sb.addWidget(self.officer_label)
        sb.addWidget(self.commune_label)
        sb.addPermanentWidget(self.busy)
        sb.addPermanentWidget(self.sync_label)
        ctx.runner.busy_changed.connect(self.busy.setVisible)

        # Background sync: owned here so that it runs whichever screen is shown.
        from ui.desktop.sync_worker import SyncController

        self.sync = SyncController(ctx, self.sync_label, self)
        self.logout_requested.connect(self.stop_sync)
        self.sync.start()

        self._actions()
        self.resize(1180, 760)
        self.show_page("sessions")

    def _actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&hocvuso"))
        for i, n in enumerate(self.navs, start=1):
            act = QAction(n.title, self)
            act.setShortcut(QKeySequence(f"Ctrl+{i}"))
            act.triggered.connect(lambda _=False, key=n.key: self.show_page(key))
            self.addAction(act)
        self.lock_action = QAction(self.tr("Lock now"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested.emit)
        self.logout_action = QAction(self.tr("Log out"), self)
        self.logout_action.triggered.connect(self.logout_requested.emit)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        for a in (self.lock_action, self.logout_action, self.quit_action):
            menu.addAction(a)

    def _sync_page(self, ctx: AppContext) -> QWidget:
        from ui.desktop.pages.sync import SyncPage

        return SyncPage(ctx, self.sync)

    def stop_sync(self) -> None:
        """Cancel a running sync and wait for it (logout and closing)."""
        self.sync.stop()

    # -- navigation ---------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The screen for `key`, created on first use."""
        w = self.pages.get(key)
        if w is None:
            nav = next(n for n in self.navs if n.key == key)
            w = nav.make(self.ctx)
            w.setAccessibleName(nav.title)
            self.pages[key] = w
            self.stack.addWidget(w)
            self._wire(key, w)
        return w

    def _wire(self, key: str, w: QWidget) -> None:
        open_checkin = getattr(w, "open_checkin", None)
        if key == "sessions" and open_checkin is not None:
            open_checkin.connect(self.open_checkin)
        go_sessions = getattr(w, "go_sessions", None)
        if go_sessions is not None:
            go_sessions.connect(lambda: self.show_page("sessions"))
        open_person = getattr(w, "open_person", None)
        if key != "people" and open_person is not None and hasattr(open_person, "connect"):
            open_person.connect(self.show_person)

    def show_page(self, key: str) -> QWidget:
        w = self.page(key)
        row = next(i for i, n in enumerate(self.navs) if n.key == key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.stack.setCurrentWidget(w)
        shown = getattr(w, "on_shown", None)
        if callable(shown):
            shown()
        return w

    def current_key(self) -> str:
        w = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is w), "")

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.navs):
            self.show_page(self.navs[row].key)

    def open_checkin(self, session_id: str) -> None:
        page = self.page("checkin")
        self.show_page("checkin")
        opener = getattr(page, "open_session", None)
        if callable(opener):
            opener(session_id)

    def show_person(self, person_id: str) -> None:
        """Open a person's page (desktop B's people screen, `PeoplePage.show_person`)."""
        page = self.show_page("people")
        opener = getattr(page, "show_person", None)
        if callable(opener):
            opener(person_id)

    # -- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for w in self.pages.values():
            can_close = getattr(w, "can_close", None)
            if callable(can_close) and not can_close():
                event.ignore()
                return
        self.stop_sync()
        super().closeEvent(event)
