"""The screens of the desktop app, one module per screen, and the pieces they share: running
service calls off the GUI thread with errors shown the one agreed way, live search that never
blocks typing, catalogue choices, the checkable skill picker, date formatting and a
placeholder page.

Conventions for a page (any QWidget placed in the main window's stack):

* it is built as `Page(ctx)` and reads nothing from the database in `__init__` that can be
  slow; it loads in `on_shown()`, which the main window calls each time the page is shown;
* it refreshes what it shows when `ctx.data_changed` names entities it displays;
* database work goes through `call_db` (writes and slow reads on the single database worker) or
  `LiveSearch` (queries as the officer types, on the pool); errors through `show_error`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.errors import UserError
from app.ids import ICT
from app.services.common import Outcome
from app.services.people_queries import Choice, skill_choices
from ui.crash import write_crash_report
from ui.desktop.context import AppContext
from ui.desktop.models import CheckItem, CheckListModel, FoldFilterProxy

R = TypeVar("R")

__all__ = [
    "Choice",
    "Latest",
    "LiveSearch",
    "SkillPicker",
    "alive",
    "call_db",
    "fmt_date",
    "fmt_datetime",
    "fmt_time",
    "programme_choices",
    "show_error",
    "skill_choices",
]


def alive(obj: QObject | None) -> bool:
    """False once the C++ side of a widget is gone (a late result must not touch it)."""
    return obj is not None and shiboken6.isValid(obj)


def show_error(ctx: AppContext, parent: QWidget | None, exc: BaseException) -> None:
    """A UserError in the officer's words; anything else is a bug: a crash report without
    personal data and a generic message, never a traceback."""
    if isinstance(exc, UserError):
        ctx.dialogs.user_error(parent if alive(parent) else None, exc)
        return
    try:
        path = str(write_crash_report(type(exc), exc.__traceback__))
    except OSError:
        path = "-"
    ctx.dialogs.warn(
        parent if alive(parent) else None,
        QCoreApplication.translate("Pages", "Unexpected error"),
        QCoreApplication.translate(
            "Pages",
            "Something went wrong and the action was not completed. Your data is safe. "
            "A report without personal data was saved: {path}",
        ).format(path=path),
    )


def call_db(
    ctx: AppContext,
    parent: QWidget | None,
    fn: Callable[[Session], R],
    on_done: Callable[[R], None] | None = None,
    *,
    read: bool = False,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run `fn(session)` in one unit of work off the GUI thread; deliver the result on it.

    Writes (and slow reads) go to the single database worker in submission order; `read=True`
    runs a read-only query on the pool so that it does not wait behind writes. An `Outcome`
    result is announced through `ctx.notify` so other screens refresh. Results for a widget
    that was closed meanwhile are dropped.
    """

    def job() -> R:
        with ctx.inst.db.session(None if read else ctx.actor) as s:
            return fn(s)

    def done(result: R) -> None:
        if isinstance(result, Outcome):
            ctx.notify(result.changed)
        if on_done is not None and (parent is None or alive(parent)):
            on_done(result)

    def failed(exc: BaseException) -> None:
        if on_error is not None and (parent is None or alive(parent)):
            on_error(exc)
        else:
            show_error(ctx, parent, exc)

    (ctx.runner.pool if read else ctx.runner.db)(job, done, failed)


class Latest:
    """Tickets for requests whose older answers must be dropped (a newer search replaced them)."""

    def __init__(self) -> None:
        self._n = 0

    def next(self) -> int:
        self._n += 1
        return self._n

    def current(self, ticket: int) -> bool:
        return ticket == self._n


class LiveSearch(QObject, Generic[R]):
    """A query that follows what the officer types, without ever blocking the keyboard.

    At most one query runs at a time, on the read pool. Text typed while it runs waits as the
    single "next" request (older pending text is dropped), so a scanner typing 60 characters
    costs two or three queries, not sixty. A result is delivered only if its text is still the
    latest requested; `cancel()` makes any running query's result stale.
    """

    def __init__(
        self,
        ctx: AppContext,
        query: Callable[[Session, str], R],
        on_result: Callable[[str, R], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query = query
        self._on_result = on_result
        self._owner = parent
        self._running = False
        self._pending: str | None = None
        self._latest: str | None = None

    def request(self, text: str) -> None:
        self._latest = text
        if self._running:
            self._pending = text
            return
        self._start(text)

    def cancel(self) -> None:
        self._latest = None
        self._pending = None

    def busy(self) -> bool:
        return self._running

    def _start(self, text: str) -> None:
        self._running = True
        self._pending = None
        query = self._query

        def job(s: Session) -> R:
            return query(s, text)

        call_db(
            self._ctx,
            self._owner,
            job,
            lambda r: self._done(text, r),
            read=True,
            on_error=self._failed,
        )

    def _done(self, text: str, result: R) -> None:
        self._running = False
        if self._pending is not None:
            self._start(self._pending)
        elif text == self._latest:
            self._on_result(text, result)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        pending, self._pending = self._pending, None
        show_error(self._ctx, self._owner, exc)
        if pending is not None:
            self._start(pending)


# -- catalogue choices --------------------------------------------------------------------


def programme_choices(s: Session) -> list[Choice]:
    """The active programmes, in the catalogue's order."""
    from app.services import catalogue

    return catalogue.programme_choices(s)


# -- formatting ----------------------------------------------------------------------------


def fmt_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def fmt_datetime(dt: datetime | None) -> str:
    return dt.astimezone(ICT).strftime("%d/%m/%Y %H:%M") if dt else ""


def fmt_time(dt: datetime | None) -> str:
    return dt.astimezone(ICT).strftime("%H:%M") if dt else ""


# -- widgets -------------------------------------------------------------------------------


class SkillPicker(QWidget):
    """A filter field over a checkable list of skills: type "vneid", Enter ticks the only match
    (or Down, then Space), so skills are chosen without the mouse."""

    def __init__(self, parent: QWidget | None = None, *, rows: int = 8) -> None:
        super().__init__(parent)
        self.model = CheckListModel(parent=self)
        self.proxy = FoldFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter skills (no accents needed)"))
        self.filter.setAccessibleName(self.tr("Filter skills"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(self.tr("Skills"))
        self.list.setUniformItemSizes(True)
        self.list.setMinimumHeight(self.list.fontMetrics().height() * rows)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.filter)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.summary)
        self.setFocusProxy(self.filter)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.filter.installEventFilter(self)
        self.model.checked_changed.connect(self._update_summary)
        self._update_summary()

    def set_choices(
        self, choices: list[Choice], lang: str, checked: tuple[str, ...] | list[str] = ()
    ) -> None:
        self.model.set_items(
            [CheckItem(c.code, f"{c.code} · {c.name(lang)}", c.name(lang)) for c in choices],
            checked,
        )

    def checked(self) -> list[str]:
        return self.model.checked()

    def set_checked(self, codes: list[str]) -> None:
        self.model.set_checked(codes)

    def _update_summary(self) -> None:
        n = len(self.model.checked())
        self.summary.setText(self.tr("{n} skills chosen").format(n=n) if n else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if enter and plain and self.filter.text():
                # Enter ticks the only match; with several it goes to the list to choose
                # (it must not reach the dialog's default button with nothing ticked).
                if self.proxy.rowCount() == 1:
                    src = self.proxy.mapToSource(self.proxy.index(0, 0))
                    self.model.toggle(src.row())
                    self.filter.clear()
                elif self.proxy.rowCount() > 1:
                    self.list.setFocus()
                    self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.list.setFocus()
                self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)
