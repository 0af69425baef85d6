"""Home visit: record a one-to-one visit (person, skills, outcome, helper, note) in a few
keystrokes: type or scan the person and Enter, type a skill and Enter, Ctrl+Enter to save."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.ids import ICT, now
from app.services.common import Outcome
from app.services.people import PersonInput, PersonView, search_people
from app.services.scan import ScanKind, ScanResult, resolve_scan
from app.services.sessions import SessionFilter, SessionView, home_visit, list_sessions
from app.vocab import OUTCOMES, label
from ui.desktop.context import AppContext
from ui.desktop.models import Column, DataclassTableModel
from ui.desktop.pages import LiveSearch, SkillPicker, call_db, fmt_datetime, show_error
from ui.desktop.pages.checkin import (
    SUGGESTIONS,
    _person_line,
    follow_typing,
    move_current,
    person_form_class,
    prefill_from_card,
)
from ui.desktop.pages.sessions import Choices, load_choices, month_key


@dataclass(frozen=True)
class VisitRow:
    """A visit recorded on this screen since it was opened."""

    id: str
    person: str
    skills: str
    outcome: str
    at: datetime


class HomeVisitPage(QWidget):
    open_person = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.choices: Choices | None = None
        self.person: PersonView | None = None
        self.person_form_factory = person_form_class()
        self._suggest_text: str | None = None
        lang = ctx.lang

        heading = QLabel(self.tr("Home visit"), self)
        f = heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.3)
        heading.setFont(f)
        intro = QLabel(
            self.tr(
                "Record help given one to one at home: find the person, tick the skills, "
                "choose how far they got, then Ctrl+Enter."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.search = QLineEdit(self)
        self.search.setAccessibleName(self.tr("Person: scan a card or type a name, ID or phone"))
        self.search.setPlaceholderText(
            self.tr("Scan a card or type a name (no accents needed), ID or phone, then Enter")
        )
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search.textChanged.connect(self._text_changed)
        self.suggestions = DataclassTableModel[PersonView](
            (Column(QT_TRANSLATE_NOOP("HomeVisitPage", "Person"), _person_line, "HomeVisitPage"),),
            parent=self,
        )
        self.suggest_view = QListView(self)
        self.suggest_view.setModel(self.suggestions)
        self.suggest_view.setAccessibleName(self.tr("Matching people"))
        self.suggest_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.suggest_view.setMaximumHeight(self.suggest_view.fontMetrics().height() * 6 + 8)
        self.suggest_view.clicked.connect(lambda idx: self._pick(idx.row()))
        self.suggest_view.hide()  # shown while there are people to choose from
        self.suggestions.modelReset.connect(
            lambda: self.suggest_view.setVisible(self.suggestions.rowCount() > 0)
        )
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.chosen.setAccessibleName(self.tr("Chosen person"))

        self.skills = SkillPicker(self, rows=7)
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        for code in OUTCOMES:
            self.outcome.addItem(label(OUTCOMES, code, lang), code)
        self.outcome.setCurrentIndex(self.outcome.findData("practised"))
        self.helper = QComboBox(self)
        self.helper.setAccessibleName(self.tr("Helped by"))
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setAccessibleName(self.tr("Date of the visit"))
        self._today()
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Optional, without personal details"))
        self.save_button = QPushButton(self.tr("Save the visit"), self)
        self.save_button.setAccessibleName(self.tr("Save the visit"))
        self.save_button.setToolTip(self.tr("Save the visit (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        self.new_person = QPushButton(self.tr("New person…"), self)
        self.new_person.setAccessibleName(self.tr("New person"))
        self.new_person.setToolTip(self.tr("Add somebody who is not on the list yet (Ctrl+N)"))
        self.new_person.clicked.connect(lambda: self.add_new_person())
        for seq, fn in (
            ("Ctrl+Return", self.save),
            ("Ctrl+Enter", self.save),
            ("Ctrl+S", self.save),
            ("Ctrl+N", lambda: self.add_new_person()),
        ):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(fn)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Home visit message"))

        ctxname = "HomeVisitPage"
        self.recent = DataclassTableModel[VisitRow](
            (
                Column(QT_TRANSLATE_NOOP("HomeVisitPage", "When"), lambda v: fmt_datetime(v.at), ctxname),
                Column(QT_TRANSLATE_NOOP("HomeVisitPage", "Person"), lambda v: v.person, ctxname),
                Column(QT_TRANSLATE_NOOP("HomeVisitPage", "Skills"), lambda v: v.skills, ctxname),
                Column(QT_TRANSLATE_NOOP("HomeVisitPage", "Outcome"), lambda v: v.outcome, ctxname),
            ),
            parent=self,
        )  # fmt: skip
        self.recent_view = QTableView(self)
        self.recent_view.setModel(self.recent)
        self.recent_view.setAccessibleName(self.tr("Visits recorded just now"))
        self.recent_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_view.setTabKeyNavigation(False)
        self.recent_view.verticalHeader().hide()
        hh = self.recent_view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.month_count = QLabel(self)
        self.month_count.setAccessibleName(self.tr("Home visits this month"))

        person_row = QHBoxLayout()
        person_row.addWidget(self.search, 1)
        person_row.addWidget(self.new_person)
        left = QFormLayout()
        left.addRow(self.tr("Person"), person_row)
        left.addRow("", self.suggest_view)
        left.addRow("", self.chosen)
        left.addRow(self.tr("Outcome"), self.outcome)
        left.addRow(self.tr("Helped by"), self.helper)
        left.addRow(self.tr("Date"), self.day)
        left.addRow(self.tr("Note"), self.note)
        right = QVBoxLayout()
        skills_label = QLabel(self.tr("Skills helped with"), self)
        skills_label.setBuddy(self.skills.filter)
        right.addWidget(skills_label)
        right.addWidget(self.skills, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        recent_head = QHBoxLayout()
        recent_label = QLabel(self.tr("Visits recorded just now"), self)
        recent_label.setBuddy(self.recent_view)
        recent_head.addWidget(recent_label)
        recent_head.addStretch(1)
        recent_head.addWidget(self.month_count)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(intro)
        lay.addLayout(body, 3)
        lay.addLayout(bottom)
        lay.addLayout(recent_head)
        lay.addWidget(self.recent_view, 2)
        order: list[QWidget] = [
            self.search, self.new_person, self.skills.filter, self.skills.list, self.outcome,
            self.helper, self.day, self.note, self.save_button, self.recent_view,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.setFocusProxy(self.search)
        self.live = LiveSearch[list[PersonView]](
            ctx, lambda s, t: search_people(s, t, limit=SUGGESTIONS), self._suggested, self
        )
        ctx.data_changed.connect(self._data_changed)
        self._show_person()

    # -- loading -------------------------------------------------------------------------------
    def _today(self) -> None:
        d = now().date()
        self.day.setDate(QDate(d.year, d.month, d.day))
        self.day.setMaximumDate(QDate(d.year, d.month, d.day))

    def on_shown(self) -> None:
        if self.choices is None:
            call_db(self.ctx, self, load_choices, self._choices_loaded, read=True)
        self._count_month()
        if self.person is None:
            self.search.setFocus()
        else:
            self.skills.setFocus()

    def _choices_loaded(self, choices: Choices) -> None:
        self.choices = choices
        checked = self.skills.checked()
        self.skills.set_choices(choices.skills, self.ctx.lang, checked)
        self.helper.clear()
        self.helper.addItem(self.tr("(nobody from the team)"), None)
        for t in choices.team:
            self.helper.addItem(t.full_name, t.id)

    def _count_month(self) -> None:
        f = SessionFilter(month=month_key(now().date()), format="home_visit")
        call_db(
            self.ctx,
            self,
            lambda s: len(list_sessions(s, f)),
            lambda n: self.month_count.setText(self.tr("{n} home visits this month").format(n=n)),
            read=True,
        )

    def _data_changed(self, changed: tuple[tuple[str, str], ...]) -> None:
        if {k for k, _ in changed} & {"team_member", "village"}:
            self.choices = None
            if self.isVisible():
                self.on_shown()

    # -- the person ----------------------------------------------------------------------------
    def _show_person(self) -> None:
        p = self.person
        self.chosen.setText(
            self.tr("Chosen: {person}").format(person=_person_line(p))
            if p
            else self.tr("Nobody chosen yet.")
        )

    def _text_changed(self, text: str) -> None:
        if follow_typing(text, self.live, self.suggestions) is None:
            self._suggest_text = None

    def _suggested(self, text: str, people: list[PersonView]) -> None:
        if text != self.search.text().strip():
            return
        self._suggest_text = text
        self.suggestions.set_rows(people)
        self.suggest_view.setCurrentIndex(self.suggestions.index(-1, -1))
        if not people:
            self._say(self.tr("Nobody found. Press Ctrl+N to add a new person."))
        elif len(people) > 1:
            self._say(self.tr("Choose with ↑ ↓ and press Enter."))
        else:
            self._say(self.tr("One match: press Enter to choose."))

    def _move(self, step: int) -> None:
        move_current(self.suggest_view, step)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Down:
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.enter()
                return True
            if key == Qt.Key.Key_Escape:
                self.search.clear()
                self.suggestions.set_rows([])
                return True
        return super().eventFilter(watched, event)

    def enter(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        cur = self.suggest_view.currentIndex()
        if self._suggest_text == text and cur.isValid():
            self._pick(cur.row())
        elif self._suggest_text == text and self.suggestions.rowCount() == 1:
            self._pick(0)
        elif self._suggest_text == text and self.suggestions.rowCount() > 1:
            self._say(self.tr("Several people match. Choose with ↑ ↓, then press Enter."))
        else:
            actor = self.ctx.actor
            call_db(self.ctx, self, lambda s: resolve_scan(s, actor, text, None), self._resolved)

    def _resolved(self, r: ScanResult) -> None:
        """With no session open, the service only identifies: a card or ID card gives the
        person, an ID card of somebody new the form's starting values."""
        if r.person is not None and r.kind in (ScanKind.PERSON, ScanKind.CERTIFICATE):
            self._choose(r.person)
        elif r.kind == ScanKind.SEARCH and len(r.candidates) == 1:
            self._choose(r.candidates[0])
        elif r.kind == ScanKind.SEARCH:
            self._suggest_text = self.search.text().strip()
            self.suggestions.set_rows(list(r.candidates))
            self._say(
                self.tr("Choose with ↑ ↓ and press Enter.")
                if r.candidates
                else self.tr("Nobody found. Press Ctrl+N to add a new person.")
            )
        elif r.kind == ScanKind.ID_CARD_NEW:
            self.add_new_person(prefill_from_card(r.id_card), r.name_needs_confirmation)
        elif r.message is not None:
            self._say(r.message.text(self.ctx.lang))
        else:
            self._say(self.tr("This code is not a person's card."))

    def _pick(self, row: int) -> None:
        if 0 <= row < self.suggestions.rowCount():
            self._choose(self.suggestions.row_at(row))

    def _choose(self, person: PersonView) -> None:
        self.person = person
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.live.cancel()
        self.suggestions.set_rows([])
        self._suggest_text = None
        self._show_person()
        self._say("")
        self.skills.setFocus()

    def add_new_person(
        self, prefill: PersonInput | None = None, name_needs_confirmation: bool = False
    ) -> None:
        if prefill is None:
            typed = self.search.text().strip()
            prefill = PersonInput(
                full_name=typed if typed and not any(c.isdigit() for c in typed) else ""
            )
        dlg = self.person_form_factory(
            self.ctx, self, prefill=prefill, name_needs_confirmation=name_needs_confirmation
        )
        if dlg.exec() == QDialog.DialogCode.Accepted and getattr(dlg, "saved", None) is not None:
            self._choose(dlg.saved)
        else:
            self.search.setFocus()

    # -- saving ----------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _visit_time(self) -> datetime:
        q = self.day.date()
        d = date(q.year(), q.month(), q.day())
        current = now()
        if d == current.date():
            return current
        return datetime.combine(d, time(9, 0), tzinfo=ICT)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        if self.person is None:
            self._say(self.tr("Choose the person first."))
            self.search.setFocus()
            return
        codes = self.skills.checked()
        if not codes:
            self._say(self.tr("Tick at least one skill."))
            self.skills.setFocus()
            return
        person, actor = self.person, self.ctx.actor
        outcome = str(self.outcome.currentData())
        helper = self.helper.currentData()
        at, note = self._visit_time(), self.note.text()

        def job(s: Session) -> Outcome[SessionView]:
            return home_visit(
                s, actor, person.id, codes, outcome, helped_by=helper, at=at, note=note
            )

        self.save_button.setEnabled(False)
        call_db(
            self.ctx,
            self,
            job,
            lambda out: self._saved(out, person, codes, outcome),
            on_error=self._failed,
        )

    def _saved(
        self, out: Outcome[SessionView], person: PersonView, codes: list[str], outcome: str
    ) -> None:
        self.save_button.setEnabled(True)
        lang = self.ctx.lang
        self.recent.upsert(
            VisitRow(
                out.value.id,
                person.full_name,
                ", ".join(codes),
                label(OUTCOMES, outcome, lang),
                out.value.starts_at,
            ),
            at_top=True,
        )
        self._say(self.tr("✓ Visit to {name} saved.").format(name=person.full_name))
        self.person = None
        self.skills.set_checked([])
        self.skills.filter.clear()
        self.note.clear()
        self._show_person()
        self._count_month()
        self.search.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        show_error(self.ctx, self, exc)
