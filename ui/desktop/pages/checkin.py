"""The check-in screen of one session, built for a queue of people at the door.

One scan-and-search field always has the focus. It takes what a USB scanner types (a learner
card, a sheet row, the QR text of a citizen ID card) or what the officer types (an accent-free
name fragment, ID or phone digits). Enter checks in the single match; with several, the arrow
keys choose and Enter picks; Esc clears. An ID card of somebody not yet recorded opens the
person form already filled in (the name to be confirmed when an input method garbled it).

Below, the attendees with the skills they were helped with in this session and the outcome.
The session's planned skills (or others) are applied to everyone or to the selected rows in one
action; Ctrl+Z undoes the last check-in or skill action. Every database call runs off the GUI
thread; the classification of a scan and the check-in happen in one unit of work so a scan's
Enter shows the new row after one round trip.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import payload
from app.database import Actor
from app.errors import UserError
from app.idcard import IdCardResult
from app.messages import Message
from app.services.common import Outcome
from app.services.people import (
    PersonInput,
    PersonView,
    search_people,
)
from app.services.scan import ScanKind, ScanResult, resolve_scan
from app.services.sessions import (
    AttendanceView,
    AttendeeRow,
    SessionView,
    SkillRecordView,
    attendees,
    check_in,
    get_session,
    record_skills,
    retract_skill_records,
    undo_check_in,
)
from app.vntext import fold
from app.vocab import OUTCOMES, label
from ui.desktop.context import AppContext
from ui.desktop.models import ROW_ROLE, Column, DataclassTableModel
from ui.desktop.pages import (
    LiveSearch,
    SkillPicker,
    call_db,
    fmt_date,
    fmt_time,
    show_error,
)
from ui.desktop.pages.sessions import Choices, load_choices

SUGGESTIONS = 20
UNDO_DEPTH = 50


# -- what a scanned or typed string means ----------------------------------------------------


def looks_like_code(text: str) -> bool:
    """A scanned code rather than typed text: searching it as a name would be wasted work."""
    t = text.strip()
    return "|" in t or payload.looks_like_payload(t)


def follow_typing(
    text: str, live: LiveSearch[list[PersonView]], suggestions: DataclassTableModel[PersonView]
) -> str | None:
    """Search as the officer types a name (the text searched for), or, for a code or fewer
    than two letters, stop the search and empty the list (None)."""
    t = text.strip()
    if t and not looks_like_code(t) and len(fold(t)) >= 2:
        live.request(t)
        return t
    live.cancel()
    if suggestions.rowCount():
        suggestions.set_rows([])
    return None


def move_current(view: QAbstractItemView, step: int) -> None:
    """Move the current suggestion by `step` rows (from outside the list: to the first or the
    last), keeping it in view."""
    model = view.model()
    n = model.rowCount()
    if not n:
        return
    cur = view.currentIndex().row()
    row = (0 if step > 0 else n - 1) if cur < 0 else max(0, min(n - 1, cur + step))
    view.setCurrentIndex(model.index(row, 0))
    view.scrollTo(model.index(row, 0))


def prefill_from_card(card: IdCardResult | None) -> PersonInput:
    """The new-person form's starting values from an ID card. The printed address uses
    pre-2025 place names, so it is never mapped to a village."""
    if card is None:
        return PersonInput(full_name="")
    return PersonInput(
        full_name=card.full_name or "",
        birth_date=card.birth_date,
        sex=card.sex,
        id_number=card.id_number,
    )


# -- results of the jobs -----------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedIn:
    attendance: AttendanceView
    row: AttendeeRow


@dataclass(frozen=True)
class ScanDone:
    text: str
    result: ScanResult
    checked_in: CheckedIn | None = None
    changed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Loaded:
    session: SessionView
    rows: list[AttendeeRow]


@dataclass(frozen=True)
class UndoItem:
    kind: str  # "checkin" | "skills"
    text: str
    ids: tuple[str, ...] = field(default_factory=tuple)
    person_id: str | None = None


def _attendee(person: PersonView, a: AttendanceView) -> CheckedIn:
    row = AttendeeRow(
        attendance_id=a.id,
        person_id=person.id,
        full_name=person.full_name,
        birth_year=person.birth_year,
        village_id=person.village_id,
        checked_in_at=a.checked_in_at,
        method=a.method,
        skills=(),
        sort_key=person.sort_key,
    )
    return CheckedIn(a, row)


def _check_in_person(
    s: Session, actor: Actor, session_id: str, person: PersonView, method: str
) -> tuple[CheckedIn, tuple[tuple[str, str], ...]]:
    out = check_in(s, actor, session_id, person.id, method=method)
    return _attendee(person, out.value), out.changed


def scan_and_check_in(
    s: Session,
    actor: Actor,
    session_id: str,
    text: str,
    *,
    allow_other_session: bool = False,
) -> ScanDone:
    """One unit of work per Enter: classify (the service checks in cards, sheet rows and ID
    cards it recognises) and, for a search with a single match, check that person in."""
    r = resolve_scan(s, actor, text, session_id, allow_other_session=allow_other_session)
    present = r.kind in (ScanKind.CHECKED_IN, ScanKind.ALREADY_PRESENT)
    if present and r.person is not None and r.attendance is not None:
        return ScanDone(text, r, _attendee(r.person, r.attendance), r.changed)
    if r.kind == ScanKind.SEARCH and len(r.candidates) == 1:
        done, changed = _check_in_person(s, actor, session_id, r.candidates[0], "search")
        return ScanDone(text, r, done, changed)
    return ScanDone(text, r, None, r.changed)


# -- the person form ---------------------------------------------------------------------------


def person_form_class() -> Any:
    """Desktop B's person form (imported late: it imports this package's helpers)."""
    from ui.desktop.pages.person_form import PersonFormDialog

    return PersonFormDialog


# -- choosing skills -------------------------------------------------------------------------


class SkillsDialog(QDialog):
    """Choose skills and an outcome, for all attendees or the selected ones."""

    def __init__(
        self,
        ctx: AppContext,
        choices: Choices,
        planned: list[str],
        outcome: str,
        selected: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record skills"))
        self.picker = SkillPicker(self)
        self.picker.set_choices(choices.skills, ctx.lang, planned)
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        for code in OUTCOMES:
            self.outcome.addItem(label(OUTCOMES, code, ctx.lang), code)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(outcome)))
        self.to_all = QRadioButton(self.tr("All attendees"), self)
        self.to_selected = QRadioButton(
            self.tr("Selected attendees ({n})").format(n=selected), self
        )
        self.to_all.setAccessibleName(self.tr("All attendees"))
        self.to_selected.setAccessibleName(self.tr("Selected attendees"))
        self.to_selected.setEnabled(selected > 0)
        (self.to_selected if selected else self.to_all).setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.to_all)
        group.addButton(self.to_selected)
        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.outcome)
        who = QHBoxLayout()
        who.addWidget(self.to_all)
        who.addWidget(self.to_selected)
        form.addRow(self.tr("For"), who)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.picker, 1)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 26)
        self.picker.setFocus()


# -- the screen ------------------------------------------------------------------------------

_METHODS = {
    "card": QT_TRANSLATE_NOOP("CheckInPage", "Learner card"),
    "id_card": QT_TRANSLATE_NOOP("CheckInPage", "ID card"),
    "search": QT_TRANSLATE_NOOP("CheckInPage", "Search"),
    "sheet": QT_TRANSLATE_NOOP("CheckInPage", "Sheet"),
    "manual": QT_TRANSLATE_NOOP("CheckInPage", "By hand"),
}


def _person_line(p: PersonView) -> str:
    parts = [p.full_name]
    born = fmt_date(p.birth_date) or (str(p.birth_year) if p.birth_year else "")
    if born:
        parts.append(born)
    if p.village_name:
        parts.append(p.village_name)
    if p.id_number:
        parts.append("CCCD …" + p.id_number[-4:])
    elif p.phone:
        parts.append("☎ …" + p.phone[-4:])
    return " · ".join(parts)


class CheckInPage(QWidget):
    """Call `open_session(id)`; `open_person(person_id)` asks for a person's page;
    `go_sessions` for the sessions list."""

    open_person = Signal(str)
    go_sessions = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.session: SessionView | None = None
        self.choices: Choices | None = None
        self.undo_stack: list[UndoItem] = []
        self.person_form_factory: Any = person_form_class()
        self._suggest_text: str | None = None
        self._gen = 0  # bumps when another session opens: late answers are dropped
        self._notifying = False

        self.heading = QLabel(self.tr("Check-in"), self)
        hf = self.heading.font()
        hf.setBold(True)
        hf.setPointSizeF(hf.pointSizeF() * 1.3)
        self.heading.setFont(hf)
        self.heading.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.no_session = QLabel(
            self.tr(
                "No session is open. In the Sessions screen, choose a session and press Enter "
                "to open its check-in."
            ),
            self,
        )
        self.no_session.setWordWrap(True)
        self.sessions_button = QPushButton(self.tr("Go to the sessions"), self)
        self.sessions_button.setAccessibleName(self.tr("Go to the sessions"))
        self.sessions_button.clicked.connect(self.go_sessions.emit)

        self.scan = QLineEdit(self)
        self.scan.setAccessibleName(self.tr("Scan a card or type a name, ID or phone"))
        self.scan.setPlaceholderText(
            self.tr("Scan a card or type a name (no accents needed), ID or phone, then Enter")
        )
        sf = self.scan.font()
        sf.setPointSizeF(sf.pointSizeF() * 1.25)
        self.scan.setFont(sf)
        self.scan.setClearButtonEnabled(True)
        self.scan.installEventFilter(self)
        self.scan.textChanged.connect(self._text_changed)

        self.suggestions = DataclassTableModel[PersonView](
            (Column(QT_TRANSLATE_NOOP("CheckInPage", "Person"), _person_line, "CheckInPage"),),
            parent=self,
        )
        self.suggest_view = QListView(self)
        self.suggest_view.setModel(self.suggestions)
        self.suggest_view.setAccessibleName(self.tr("Matching people"))
        self.suggest_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.suggest_view.setUniformItemSizes(True)
        self.suggest_view.setFixedHeight(self.suggest_view.fontMetrics().height() * 6 + 8)
        self.suggest_view.clicked.connect(lambda idx: self._pick(idx.row()))

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Check-in message"))
        self.message.setMinimumHeight(self.message.fontMetrics().height() * 2)

        self.model = DataclassTableModel[AttendeeRow](
            (
                Column(QT_TRANSLATE_NOOP("CheckInPage", "Full name"),
                       lambda r: r.full_name, "CheckInPage"),
                Column(QT_TRANSLATE_NOOP("CheckInPage", "Birth year"),
                       lambda r: r.birth_year or "", "CheckInPage",
                       align=Qt.AlignmentFlag.AlignRight),
                Column(QT_TRANSLATE_NOOP("CheckInPage", "Village"),
                       lambda r: self._village(r.village_id), "CheckInPage"),
                Column(QT_TRANSLATE_NOOP("CheckInPage", "Time"),
                       lambda r: fmt_time(r.checked_in_at), "CheckInPage"),
                Column(QT_TRANSLATE_NOOP("CheckInPage", "How"),
                       lambda r: self.tr(str(_METHODS.get(r.method, r.method))), "CheckInPage"),
                Column(QT_TRANSLATE_NOOP("CheckInPage", "Skills helped (outcome)"),
                       self._skills_text, "CheckInPage", tooltip=self._skills_tooltip),
            ),
            key=lambda r: r.person_id,
            parent=self,
        )  # fmt: skip
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Attendees"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        # Column widths are fitted when a session opens, not on every scan: fitting to
        # contents measures every row, which a queue of 200 people would feel.
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda idx: self._open_person_at(idx.row()))
        self.table.installEventFilter(self)

        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        for code in OUTCOMES:
            self.outcome.addItem(label(OUTCOMES, code, ctx.lang), code)
        self.outcome.setCurrentIndex(self.outcome.findData("practised"))
        self.apply_all = QPushButton(self.tr("Planned skills → everyone"), self)
        self.apply_all.setToolTip(
            self.tr("Record the planned skills for every attendee (Ctrl+Shift+A)")
        )
        self.apply_selected = QPushButton(self.tr("Planned skills → selected"), self)
        self.apply_selected.setToolTip(
            self.tr("Record the planned skills for the selected attendees (Ctrl+Shift+S)")
        )
        self.other_skills = QPushButton(self.tr("Choose skills…"), self)
        self.other_skills.setToolTip(self.tr("Choose other skills to record (Ctrl+Shift+K)"))
        self.new_person = QPushButton(self.tr("New person…"), self)
        self.new_person.setToolTip(self.tr("Add somebody who is not on the list yet (Ctrl+N)"))
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setToolTip(self.tr("Undo the last check-in or skill record (Ctrl+Z)"))
        self.count = QLabel(self)
        self.count.setAccessibleName(self.tr("Number of attendees"))
        for b in (self.apply_all, self.apply_selected, self.other_skills, self.new_person,
                  self.undo_button):  # fmt: skip
            b.setAccessibleName(b.text().rstrip("…"))
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.apply_all.clicked.connect(lambda: self.apply_planned(selected_only=False))
        self.apply_selected.clicked.connect(lambda: self.apply_planned(selected_only=True))
        self.other_skills.clicked.connect(self.choose_skills)
        self.new_person.clicked.connect(lambda: self.add_new_person())
        self.undo_button.clicked.connect(self.undo)
        for seq, fn in (
            ("Ctrl+Shift+A", lambda: self.apply_planned(selected_only=False)),
            ("Ctrl+Shift+S", lambda: self.apply_planned(selected_only=True)),
            ("Ctrl+Shift+K", self.choose_skills),
            ("Ctrl+N", lambda: self.add_new_person()),
            ("Ctrl+Z", self.undo),
        ):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(fn)

        self.live = LiveSearch[list[PersonView]](
            ctx, lambda s, t: search_people(s, t, limit=SUGGESTIONS), self._suggested, self
        )

        header = QWidget(self)
        # Wrapped texts report a height for their width; without a ceiling the layout hands
        # them the spare height that belongs to the attendee list.
        header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        top = QVBoxLayout(header)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(self.details)
        nos = QHBoxLayout()
        nos.addWidget(self.no_session, 1)
        nos.addWidget(self.sessions_button)
        top.addLayout(nos)
        actions = QHBoxLayout()
        out_label = QLabel(self.tr("Outcome"), self)
        out_label.setBuddy(self.outcome)
        actions.addWidget(out_label)
        actions.addWidget(self.outcome)
        actions.addWidget(self.apply_all)
        actions.addWidget(self.apply_selected)
        actions.addWidget(self.other_skills)
        actions.addStretch(1)
        actions.addWidget(self.new_person)
        actions.addWidget(self.undo_button)
        lay = QVBoxLayout(self)
        lay.addWidget(header)
        lay.addWidget(self.scan)
        lay.addWidget(self.suggest_view)
        lay.addWidget(self.message)
        lay.addLayout(actions)
        head = QHBoxLayout()
        att = QLabel(self.tr("Attendees"), self)
        att.setBuddy(self.table)
        head.addWidget(att)
        head.addStretch(1)
        head.addWidget(self.count)
        lay.addLayout(head)
        lay.addWidget(self.table, 1)
        order: list[QWidget] = [
            self.scan, self.table, self.outcome, self.apply_all, self.apply_selected,
            self.other_skills, self.new_person, self.undo_button,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.setFocusProxy(self.scan)
        for label_widget in (self.heading, self.details, self.no_session, self.message):
            # Spare height goes to the attendee list, never to the texts above it.
            label_widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        ctx.data_changed.connect(self._data_changed)
        self._show_session_state()

    # -- session -------------------------------------------------------------------------------
    def open_session(self, session_id: str) -> None:
        self._gen += 1
        gen = self._gen
        self.undo_stack.clear()
        self.scan.clear()
        self.suggestions.set_rows([])
        self._say("")
        need_choices = self.choices is None

        def job(s: Session) -> tuple[Loaded, Choices | None]:
            loaded = Loaded(get_session(s, session_id), attendees(s, session_id))
            return loaded, load_choices(s) if need_choices else None

        call_db(self.ctx, self, job, lambda r: self._loaded(gen, *r), read=True)

    def _loaded(self, gen: int, loaded: Loaded, choices: Choices | None) -> None:
        if gen != self._gen:
            return
        if choices is not None:
            self.choices = choices
        self.session = loaded.session
        self.model.set_rows(loaded.rows)
        self._fit_columns()
        self._show_session_state()
        self.focus_scan()

    def _fit_columns(self) -> None:
        fm = self.table.fontMetrics()
        ch = fm.averageCharWidth()
        widths = (28 * ch, 9 * ch, 22 * ch, 7 * ch, 16 * ch)
        for col, minimum in enumerate(widths):
            self.table.resizeColumnToContents(col)
            # Wide enough for a long name that comes later, never a whole screen.
            width = max(minimum, self.table.columnWidth(col))
            self.table.setColumnWidth(col, min(width, 3 * minimum))

    def reload(self) -> None:
        if self.session is None:
            return
        gen, sid = self._gen, self.session.id

        def job(s: Session) -> tuple[Loaded, None]:
            return Loaded(get_session(s, sid), attendees(s, sid)), None

        call_db(self.ctx, self, job, lambda r: self._loaded(gen, *r), read=True)

    def _show_session_state(self) -> None:
        s = self.session
        has = s is not None
        for w in (self.scan, self.suggest_view, self.table, self.outcome, self.apply_all,
                  self.apply_selected, self.other_skills, self.new_person, self.undo_button):  # fmt: skip
            w.setEnabled(has)
        self.no_session.setVisible(not has)
        self.sessions_button.setVisible(not has)
        self.details.setVisible(has)
        if s is None:
            self.heading.setText(self.tr("Check-in"))
            self.count.clear()
            return
        lang = self.ctx.lang
        assert self.choices is not None
        self.heading.setText(self.tr("Check-in: {title}").format(title=s.title))
        planned = ", ".join(
            f"{c} {self.choices.skill_name(c, lang)}" for c in s.planned_skills
        ) or self.tr("none")
        place = self.choices.village_name(s.village_id) or s.place
        self.details.setText(
            self.tr("{when} · {programme} · {place}\nPlanned skills: {skills}").format(
                when=fmt_date(s.day) + " " + fmt_time(s.starts_at),
                programme=self.choices.programme_name(s.programme_code, lang),
                place=place or "—",
                skills=planned,
            )
        )
        self.apply_all.setEnabled(bool(s.planned_skills))
        self.apply_selected.setEnabled(bool(s.planned_skills))
        self._update_count()
        self._update_undo()

    def _update_count(self) -> None:
        self.count.setText(self.tr("{n} present").format(n=self.model.rowCount()))

    def _update_undo(self) -> None:
        item = self.undo_stack[-1] if self.undo_stack else None
        self.undo_button.setEnabled(item is not None and self.session is not None)
        self.undo_button.setText(
            self.tr("Undo: {what}").format(what=item.text) if item else self.tr("Undo")
        )

    def on_shown(self) -> None:
        self.focus_scan()

    def focus_scan(self) -> None:
        if (
            self.isVisible()
            and not self.isActiveWindow()
            and QApplication.activeModalWidget() is None
        ):
            # Back from a dialog: the scanner's next keystrokes must land here.
            self.window().activateWindow()
        if self.session is not None:
            self.scan.setFocus()
        else:
            self.sessions_button.setFocus()

    def _data_changed(self, changed: tuple[tuple[str, str], ...]) -> None:
        kinds = {k for k, _ in changed}
        if kinds & {"village", "team_member"}:
            self.choices = None
            if self.session is not None:
                self.open_session(self.session.id)
        elif (
            self.session is not None
            and not self._notifying
            and ("session", self.session.id) in changed
        ):
            # Edited in another screen (title, planned skills): show the new state.
            self.reload()

    def _notify(self, changed: tuple[tuple[str, str], ...]) -> None:
        self._notifying = True
        try:
            self.ctx.notify(changed)
        finally:
            self._notifying = False

    # -- display helpers --------------------------------------------------------------------
    def _village(self, village_id: str | None) -> str:
        return self.choices.village_name(village_id) if self.choices else ""

    def _skills_text(self, r: AttendeeRow) -> str:
        if not r.skills:
            return ""
        lang = self.ctx.lang
        outcomes = {o for _c, o in r.skills}
        if len(outcomes) == 1:
            return (
                ", ".join(c for c, _o in r.skills) + " — " + label(OUTCOMES, outcomes.pop(), lang)
            )
        return ", ".join(f"{c} ({label(OUTCOMES, o, lang)})" for c, o in r.skills)

    def _skills_tooltip(self, r: AttendeeRow) -> str:
        if not self.choices or not r.skills:
            return ""
        lang = self.ctx.lang
        return "\n".join(
            f"{c} {self.choices.skill_name(c, lang)}: {label(OUTCOMES, o, lang)}"
            for c, o in r.skills
        )

    def _say(self, text: str, kind: str = "info") -> None:
        colours = {"ok": "#1b5e20", "warn": "#8a4b00", "error": "#b00020", "info": ""}
        self.message.setStyleSheet(f"color: {colours[kind]};" if colours.get(kind) else "")
        self.message.setText(text)

    def _msg(self, m: Message) -> str:
        return m.text(self.ctx.lang)

    # -- typing and scanning -------------------------------------------------------------------
    def _text_changed(self, text: str) -> None:
        if follow_typing(text, self.live, self.suggestions) is None:
            self._suggest_text = None

    def _suggested(self, text: str, people: list[PersonView]) -> None:
        if text != self.scan.text().strip():
            return
        self._suggest_text = text
        self.suggestions.set_rows(people)
        self.suggest_view.clearSelection()
        self.suggest_view.setCurrentIndex(self.suggestions.index(-1, -1))
        if len(people) > 1:
            self._say(
                self.tr("{n} people match. Choose with ↑ ↓ and press Enter.").format(
                    n=len(people) if len(people) < SUGGESTIONS else f"{SUGGESTIONS}+"
                )
            )
        elif len(people) == 1:
            self._say(self.tr("One match: press Enter to check in."))
        else:
            self._say(self.tr("Nobody found. Press Ctrl+N to add a new person."), "warn")

    def _move(self, step: int) -> None:
        move_current(self.suggest_view, step)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if watched is self.scan:
            if event.matches(QKeySequence.StandardKey.Undo):
                # The line edit would undo its own typing; here Ctrl+Z undoes the last action.
                self.undo()
                return True
            if key == Qt.Key.Key_Down:
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key == Qt.Key.Key_PageDown:
                self._move(5)
                return True
            if key == Qt.Key.Key_PageUp:
                self._move(-5)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.enter()
                return True
            if key == Qt.Key.Key_Escape:
                self.clear_scan()
                return True
        elif watched is self.table:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_person_at(self.table.currentIndex().row())
                return True
            if key == Qt.Key.Key_Escape:
                self.focus_scan()
                return True
            if key == Qt.Key.Key_Delete:
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)

    def clear_scan(self) -> None:
        self.scan.clear()
        self.suggestions.set_rows([])
        self._say("")
        self.focus_scan()

    def enter(self) -> None:
        """Enter in the scan field: pick the chosen suggestion, or resolve what was typed."""
        if self.session is None:
            return
        text = self.scan.text().strip()
        if not text:
            return
        cur = self.suggest_view.currentIndex()
        if self._suggest_text == text and cur.isValid():
            self._pick(cur.row())
            return
        if self._suggest_text == text and self.suggestions.rowCount() > 1:
            self._say(self.tr("Several people match. Choose with ↑ ↓, then press Enter."), "warn")
            return
        self._resolve(text)

    def _pick(self, row: int) -> None:
        if self.session is None or not 0 <= row < self.suggestions.rowCount():
            return
        person = self.suggestions.row_at(row)
        self.scan.clear()
        self.suggestions.set_rows([])
        self._check_in(person, "search")

    def _resolve(self, text: str, *, allow_other: bool = False) -> None:
        assert self.session is not None
        sid, actor, gen = self.session.id, self.ctx.actor, self._gen
        # The field is free at once for the next person in the queue.
        self.scan.clear()
        self.live.cancel()
        self.suggestions.set_rows([])

        def job(s: Session) -> ScanDone:
            return scan_and_check_in(s, actor, sid, text, allow_other_session=allow_other)

        call_db(
            self.ctx,
            self,
            job,
            lambda r: self._resolved(gen, r),
            on_error=lambda e: self._job_failed(gen, e),
        )

    def _resolved(self, gen: int, r: ScanDone) -> None:
        if gen != self._gen:
            return
        self._notify(r.changed)
        res = r.result
        kind = res.kind
        if r.checked_in is not None:
            self._show_checked_in(r.checked_in)
        elif kind == ScanKind.SEARCH:
            self._choose_among(r.text, list(res.candidates))
        elif kind == ScanKind.ID_CARD_NEW:
            self._say(self.tr("This ID card is not on the list yet: check the details and save."))
            self.add_new_person(
                prefill_from_card(res.id_card), res.name_needs_confirmation, "id_card"
            )
        elif kind == ScanKind.OTHER_SESSION_ROW:
            text = res.message.text(self.ctx.lang) if res.message else ""
            if self.ctx.dialogs.confirm(self, self.tr("Another session"), text):
                self._resolve(r.text, allow_other=True)
            else:
                self._say(self.tr("Not checked in."))
        elif kind == ScanKind.OPEN_SESSION and res.session_id is not None:
            self._other_session(res.session_id)
        elif kind in (ScanKind.CERTIFICATE, ScanKind.PERSON):
            self._say(self._msg(res.message) if res.message else "", "info")
        elif kind == ScanKind.EMPTY:
            pass
        else:  # misread, unreadable ID card, not found, refused
            self._say(self._msg(res.message) if res.message else r.text, "error")
            QApplication.beep()
        self.focus_scan()

    def _choose_among(self, text: str, candidates: list[PersonView]) -> None:
        if not self.scan.text():
            # The field is still free: show what was typed with the candidates under it.
            self.scan.blockSignals(True)
            self.scan.setText(text)
            self.scan.blockSignals(False)
            self._suggest_text = text
            self.suggestions.set_rows(candidates)
        if candidates:
            self._say(
                self.tr("{n} people match. Choose with ↑ ↓ and press Enter.").format(
                    n=len(candidates)
                ),
                "warn",
            )
        else:
            self._say(
                self.tr("Nobody found for “{text}”. Press Ctrl+N to add a new person.").format(
                    text=text if len(text) <= 40 else text[:40] + "…"
                ),
                "warn",
            )
            QApplication.beep()

    def _job_failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._gen:
            return
        if isinstance(exc, UserError):
            self._say(exc.text(self.ctx.lang), "error")
            QApplication.beep()
        else:
            show_error(self.ctx, self, exc)
        self.focus_scan()

    def _other_session(self, session_id: str) -> None:
        if self.session is not None and session_id == self.session.id:
            self._say(self.tr("This is the code of this session."))
            return
        if self.ctx.dialogs.confirm(
            self,
            self.tr("Another session"),
            self.tr("This code belongs to another session. Open that session's check-in?"),
        ):
            self.open_session(session_id)

    def _check_in(self, person: PersonView, method: str) -> None:
        if self.session is None:
            return
        sid, actor, gen = self.session.id, self.ctx.actor, self._gen

        def job(s: Session) -> tuple[CheckedIn, tuple[tuple[str, str], ...]]:
            return _check_in_person(s, actor, sid, person, method)

        def done(r: tuple[CheckedIn, tuple[tuple[str, str], ...]]) -> None:
            if gen != self._gen:
                return
            self._notify(r[1])
            self._show_checked_in(r[0])
            self.focus_scan()

        call_db(self.ctx, self, job, done, on_error=lambda e: self._job_failed(gen, e))

    def _show_checked_in(self, c: CheckedIn) -> None:
        a = c.attendance
        if a.already_present:
            row = self.model.row_of(a.person_id)
            self._say(
                self.tr("{name} was already checked in at {time}.").format(
                    name=a.person_name, time=fmt_time(a.checked_in_at)
                ),
                "warn",
            )
        else:
            row = self.model.upsert(c.row)
            self.undo_stack.append(UndoItem("checkin", a.person_name, (a.id,), a.person_id))
            del self.undo_stack[:-UNDO_DEPTH]
            self._say(self.tr("✓ {name} checked in.").format(name=a.person_name), "ok")
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._update_count()
        self._update_undo()

    # -- new person ----------------------------------------------------------------------------
    def add_new_person(
        self,
        prefill: PersonInput | None = None,
        name_needs_confirmation: bool = False,
        method: str = "manual",
    ) -> None:
        if self.session is None:
            return
        if prefill is None:
            typed = self.scan.text().strip()
            name = typed if typed and not any(ch.isdigit() for ch in typed) else ""
            prefill = PersonInput(full_name=name)
        dlg = self.person_form_factory(
            self.ctx, self, prefill=prefill, name_needs_confirmation=name_needs_confirmation
        )
        accepted = dlg.exec() == QDialog.DialogCode.Accepted
        saved: PersonView | None = getattr(dlg, "saved", None)
        if accepted and saved is not None:
            self.scan.clear()
            self._check_in(saved, method)
        else:
            self._say(self.tr("Nobody was added."))
        self.focus_scan()

    # -- skills --------------------------------------------------------------------------------
    def selected_person_ids(self) -> list[str]:
        sel = self.table.selectionModel()
        rows = sorted({i.row() for i in sel.selectedRows()}) if sel else []
        return [self.model.row_at(r).person_id for r in rows]

    def apply_planned(self, *, selected_only: bool) -> None:
        if self.session is None:
            return
        codes = list(self.session.planned_skills)
        if not codes:
            self._say(self.tr("This session has no planned skills. Use “Choose skills…”."), "warn")
            self.focus_scan()
            return
        people = (
            self.selected_person_ids()
            if selected_only
            else [r.person_id for r in self.model.rows()]
        )
        self.record(people, codes, str(self.outcome.currentData()))

    def choose_skills(self) -> None:
        if self.session is None or self.choices is None:
            return
        selected = self.selected_person_ids()
        dlg = SkillsDialog(
            self.ctx,
            self.choices,
            list(self.session.planned_skills),
            str(self.outcome.currentData()),
            len(selected),
            self,
        )
        if dlg.exec() == QDialog.DialogCode.Accepted:
            people = (
                selected
                if dlg.to_selected.isChecked()
                else [r.person_id for r in self.model.rows()]
            )
            self.record(people, dlg.picker.checked(), str(dlg.outcome.currentData()))
        self.focus_scan()

    def record(self, person_ids: list[str], codes: list[str], outcome: str) -> None:
        """Record skills for these attendees; one undo step."""
        if self.session is None:
            return
        if not person_ids:
            self._say(self.tr("Nobody is selected. Select attendees in the list first."), "warn")
            self.focus_scan()
            return
        if not codes:
            self._say(self.tr("No skill was chosen."), "warn")
            self.focus_scan()
            return
        sid, actor, gen = self.session.id, self.ctx.actor, self._gen

        def job(s: Session) -> tuple[Outcome[list[SkillRecordView]], list[AttendeeRow]]:
            out = record_skills(s, actor, person_ids, codes, outcome, session_id=sid)
            return out, attendees(s, sid)

        def done(r: tuple[Outcome[list[SkillRecordView]], list[AttendeeRow]]) -> None:
            out, rows = r
            self._notify(out.changed)
            if gen != self._gen:
                return
            self._refresh_rows(rows)
            n = len(person_ids)
            what = self.tr("skills of {n} people").format(n=n)
            self.undo_stack.append(UndoItem("skills", what, tuple(v.id for v in out.value)))
            del self.undo_stack[:-UNDO_DEPTH]
            self._say(
                self.tr("Recorded {skills} for {n} people: {outcome}.").format(
                    skills=", ".join(codes), n=n, outcome=label(OUTCOMES, outcome, self.ctx.lang)
                ),
                "ok",
            )
            self._update_undo()
            self.focus_scan()

        call_db(self.ctx, self, job, done, on_error=lambda e: self._job_failed(gen, e))

    def _refresh_rows(self, rows: list[AttendeeRow]) -> None:
        """Update rows in place (keeps the officer's selection and scroll position)."""
        keep = {r.person_id for r in rows}
        for r in self.model.rows():
            if r.person_id not in keep:
                self.model.remove(r.person_id)
        for r in rows:
            self.model.upsert(r)
        self._update_count()

    # -- undo and removal --------------------------------------------------------------------
    def undo(self) -> None:
        if self.session is None or not self.undo_stack:
            return
        item = self.undo_stack.pop()
        sid, actor, gen = self.session.id, self.ctx.actor, self._gen

        def job(s: Session) -> tuple[tuple[tuple[str, str], ...], list[AttendeeRow]]:
            if item.kind == "checkin":
                out: Outcome[Any] = undo_check_in(s, actor, item.ids[0])
            else:
                out = retract_skill_records(s, actor, list(item.ids))
            return out.changed, attendees(s, sid)

        def done(r: tuple[tuple[tuple[str, str], ...], list[AttendeeRow]]) -> None:
            changed, rows = r
            self._notify(changed)
            if gen != self._gen:
                return
            self._refresh_rows(rows)
            self._say(self.tr("Undone: {what}.").format(what=item.text))
            self._update_undo()
            self.focus_scan()

        self._update_undo()
        call_db(self.ctx, self, job, done, on_error=lambda e: self._job_failed(gen, e))

    def remove_selected(self) -> None:
        """Take people off the list (a check-in made by mistake, found later)."""
        if self.session is None:
            return
        rows = [self.model.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]
        if not rows:
            return
        names = ", ".join(r.full_name for r in rows[:5]) + ("…" if len(rows) > 5 else "")
        if not self.ctx.dialogs.confirm(
            self,
            self.tr("Remove from the list"),
            self.tr(
                "Remove {names} from this session's attendees? The skills recorded for them "
                "in this session are removed too."
            ).format(names=names),
        ):
            self.focus_scan()
            return
        sid, actor, gen = self.session.id, self.ctx.actor, self._gen
        ids = [r.attendance_id for r in rows]

        def job(s: Session) -> tuple[tuple[tuple[str, str], ...], list[AttendeeRow]]:
            changed: list[tuple[str, str]] = []
            for aid in ids:
                changed.extend(undo_check_in(s, actor, aid).changed)
            return tuple(changed), attendees(s, sid)

        def done(r: tuple[tuple[tuple[str, str], ...], list[AttendeeRow]]) -> None:
            self._notify(r[0])
            if gen != self._gen:
                return
            self._refresh_rows(r[1])
            gone = set(ids)
            self.undo_stack = [u for u in self.undo_stack if not (set(u.ids) & gone)]
            self._update_undo()
            self.focus_scan()

        call_db(self.ctx, self, job, done, on_error=lambda e: self._job_failed(gen, e))

    def _open_person_at(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_person.emit(self.model.row_at(row).person_id)

    def can_close(self) -> bool:
        return True


__all__ = [
    "ROW_ROLE",
    "CheckInPage",
    "SkillsDialog",
    "follow_typing",
    "looks_like_code",
    "move_current",
    "prefill_from_card",
    "scan_and_check_in",
]
