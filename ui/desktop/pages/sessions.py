"""The sessions screen: the list filtered by month, programme, format, village and status; the
session form (every field of the data core); duplicate for the next month; cancel; Enter opens
the session's check-in."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.errors import UserError
from app.ids import ICT, now
from app.services.common import Outcome
from app.services.directory import TeamMemberView, VillageView, list_team, list_villages
from app.services.sessions import (
    SessionFilter,
    SessionInput,
    SessionView,
    cancel_session,
    create_session,
    duplicate_session,
    list_sessions,
    update_session,
)
from app.vocab import FORMATS, SESSION_STATUSES, TARGET_GROUPS, label
from ui.desktop.context import AppContext
from ui.desktop.models import CheckItem, CheckListModel, Column, DataclassTableModel
from ui.desktop.pages import (
    Choice,
    SkillPicker,
    call_db,
    fmt_datetime,
    programme_choices,
    show_error,
    skill_choices,
)


@dataclass(frozen=True)
class Choices:
    """What the session form and filters offer, loaded once per screen."""

    programmes: list[Choice]
    skills: list[Choice]
    villages: list[VillageView]
    team: list[TeamMemberView]

    def programme_name(self, code: str, lang: str) -> str:
        return next((p.name(lang) for p in self.programmes if p.code == code), code)

    def village_name(self, village_id: str | None) -> str:
        if village_id is None:
            return ""
        return next((v.name for v in self.villages if v.id == village_id), "")

    def skill_name(self, code: str, lang: str) -> str:
        return next((c.name(lang) for c in self.skills if c.code == code), code)


def load_choices(s: Session) -> Choices:
    return Choices(programme_choices(s), skill_choices(s), list_villages(s), list_team(s))


def month_key(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def next_month(dt: datetime) -> datetime:
    q = QDate(dt.year, dt.month, dt.day).addMonths(1)
    return dt.replace(year=q.year(), month=q.month(), day=q.day())


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _combine(d: QDate, t: QTime) -> datetime:
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=ICT)


class SessionForm(QDialog):
    """Create or edit a session. `saved` holds the stored session once accepted."""

    def __init__(
        self,
        ctx: AppContext,
        choices: Choices,
        parent: QWidget | None = None,
        session: SessionView | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choices = choices
        self.session = session
        self.saved: SessionView | None = None
        lang = ctx.lang
        self.setWindowTitle(self.tr("Edit session") if session else self.tr("New session"))

        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Title"))
        self.programme = QComboBox(self)
        self.programme.setAccessibleName(self.tr("Programme"))
        for p in choices.programmes:
            self.programme.addItem(p.name(lang), p.code)
        self.format = QComboBox(self)
        self.format.setAccessibleName(self.tr("Format"))
        for code in FORMATS:
            self.format.addItem(label(FORMATS, code, lang), code)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setAccessibleName(self.tr("Date"))
        self.start = QTimeEdit(self)
        self.start.setDisplayFormat("HH:mm")
        self.start.setAccessibleName(self.tr("Start time"))
        self.has_end = QCheckBox(self.tr("Ends at"), self)
        self.has_end.setAccessibleName(self.tr("Has an end time"))
        self.end = QTimeEdit(self)
        self.end.setDisplayFormat("HH:mm")
        self.end.setAccessibleName(self.tr("End time"))
        self.place = QLineEdit(self)
        self.place.setAccessibleName(self.tr("Place"))
        self.village = QComboBox(self)
        self.village.setAccessibleName(self.tr("Village"))
        self.village.addItem(self.tr("(whole commune)"), None)
        for v in choices.villages:
            self.village.addItem(v.name, v.id)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for code in SESSION_STATUSES:
            self.status.addItem(label(SESSION_STATUSES, code, lang), code)
        self.groups: dict[str, QCheckBox] = {}
        groups_box = QWidget(self)
        gl = QVBoxLayout(groups_box)
        gl.setContentsMargins(0, 0, 0, 0)
        for code in TARGET_GROUPS:
            cb = QCheckBox(label(TARGET_GROUPS, code, lang), groups_box)
            cb.setAccessibleName(label(TARGET_GROUPS, code, lang))
            self.groups[code] = cb
            gl.addWidget(cb)
        self.skills = SkillPicker(self, rows=6)
        self.skills.set_choices(choices.skills, lang)
        self.team_model = CheckListModel(
            [CheckItem(t.id, t.full_name, t.position) for t in choices.team], self
        )
        self.team = QListView(self)
        self.team.setModel(self.team_model)
        self.team.setAccessibleName(self.tr("Team members helping"))
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().height() * 4)

        left = QFormLayout()
        left.addRow(self.tr("Title"), self.title)
        left.addRow(self.tr("Programme"), self.programme)
        left.addRow(self.tr("Format"), self.format)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.start)
        when.addWidget(self.has_end)
        when.addWidget(self.end)
        when.addStretch(1)
        left.addRow(self.tr("Date and time"), when)
        left.addRow(self.tr("Place"), self.place)
        left.addRow(self.tr("Village"), self.village)
        left.addRow(self.tr("Status"), self.status)
        left.addRow(self.tr("Target groups"), groups_box)
        left.addRow(self.tr("Notes"), self.notes)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Planned skills"), self))
        right.addWidget(self.skills, 2)
        right.addWidget(QLabel(self.tr("Team members helping"), self))
        right.addWidget(self.team, 1)
        body = QWidget(self)
        grid = QGridLayout(body)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("Save"))
        save.setAccessibleName(self.tr("Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Close without saving"))
        cancel.setAccessibleName(self.tr("Close without saving"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.programme.currentIndexChanged.connect(self._programme_changed)
        self._fill(session)
        order: list[QWidget] = [
            self.title, self.programme, self.format, self.day, self.start, self.has_end,
            self.end, self.place, self.village, self.status, *self.groups.values(), self.notes,
            self.skills.filter, self.skills.list, self.team, save, cancel,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self.resize(self.fontMetrics().averageCharWidth() * 130, self.fontMetrics().height() * 34)
        self.title.setFocus()

    def _fill(self, s: SessionView | None) -> None:
        if s is None:
            start = now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            self.day.setDate(_qdate(start.date()))
            self.start.setTime(QTime(start.hour, 0))
            self.end.setTime(QTime(min(23, start.hour + 2), 0))
            self.has_end.setChecked(True)
            self.format.setCurrentIndex(max(0, self.format.findData("class")))
            self.status.setCurrentIndex(0)
            self.groups["citizen"].setChecked(True)
            return
        self.title.setText(s.title)
        self.programme.setCurrentIndex(max(0, self.programme.findData(s.programme_code)))
        self.format.setCurrentIndex(max(0, self.format.findData(s.format)))
        st = s.starts_at.astimezone(ICT)
        self.day.setDate(_qdate(st.date()))
        self.start.setTime(QTime(st.hour, st.minute))
        self.has_end.setChecked(s.ends_at is not None)
        self.end.setEnabled(s.ends_at is not None)
        if s.ends_at is not None:
            en = s.ends_at.astimezone(ICT)
            self.end.setTime(QTime(en.hour, en.minute))
        self.place.setText(s.place)
        self.village.setCurrentIndex(max(0, self.village.findData(s.village_id)))
        self.status.setCurrentIndex(max(0, self.status.findData(s.status)))
        for code, cb in self.groups.items():
            cb.setChecked(code in s.target_groups)
        self.skills.set_checked(list(s.planned_skills))
        self.team_model.set_checked(s.team_member_ids)
        self.notes.setPlainText(s.notes)

    def _programme_changed(self) -> None:
        if not self.title.text().strip() or self.title.text() in {
            p.name(self.ctx.lang) for p in self.choices.programmes
        }:
            self.title.setText(self.programme.currentText())

    def value(self) -> SessionInput:
        starts = _combine(self.day.date(), self.start.time())
        ends = _combine(self.day.date(), self.end.time()) if self.has_end.isChecked() else None
        return SessionInput(
            title=self.title.text(),
            programme_code=str(self.programme.currentData() or ""),
            format=str(self.format.currentData()),
            starts_at=starts,
            ends_at=ends,
            place=self.place.text(),
            village_id=self.village.currentData(),
            status=str(self.status.currentData()),
            target_groups=tuple(c for c, cb in self.groups.items() if cb.isChecked()),
            planned_skills=tuple(self.skills.checked()),
            team_member_ids=tuple(self.team_model.checked()),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        if not self.buttons.isEnabled():
            return
        data = self.value()
        actor = self.ctx.actor
        sid = self.session.id if self.session else None

        def job(s: Session) -> Outcome[SessionView]:
            if sid is None:
                return create_session(s, actor, data)
            return update_session(s, actor, sid, data)

        self.buttons.setEnabled(False)
        call_db(self.ctx, self, job, self._saved, on_error=self._failed)

    def _saved(self, out: Outcome[SessionView]) -> None:
        self.buttons.setEnabled(True)
        self.saved = out.value
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.ctx, self, exc)
        if isinstance(exc, UserError):
            target = {
                "title": self.title,
                "programme_code": self.programme,
                "ends_at": self.end,
                "starts_at": self.start,
                "planned_skills": self.skills.filter,
                "team_member_ids": self.team,
                "village_id": self.village,
            }.get(exc.field or "")
            if target is not None:
                target.setFocus()


class DuplicateDialog(QDialog):
    """When the copy takes place; a month later by default (monthly sessions repeat)."""

    def __init__(self, session: SessionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Duplicate session"))
        nxt = next_month(session.starts_at.astimezone(ICT))
        info = QLabel(
            self.tr(
                "A copy of “{title}” with the same programme, skills and team. Attendance "
                "is not copied."
            ).format(title=session.title),
            self,
        )
        info.setWordWrap(True)
        self.day = QDateEdit(_qdate(nxt.date()), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setAccessibleName(self.tr("Date of the copy"))
        self.start = QTimeEdit(QTime(nxt.hour, nxt.minute), self)
        self.start.setDisplayFormat("HH:mm")
        self.start.setAccessibleName(self.tr("Start time of the copy"))
        form = QFormLayout()
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Start time"), self.start)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Duplicate"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(info)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.day.setFocus()

    def starts_at(self) -> datetime:
        return _combine(self.day.date(), self.start.time())


def _when(s: SessionView) -> str:
    text = fmt_datetime(s.starts_at)
    if s.ends_at is not None:
        text += "–" + s.ends_at.astimezone(ICT).strftime("%H:%M")
    return text


class SessionsPage(QWidget):
    """`open_checkin(session_id)` asks the main window for the session's check-in screen."""

    open_checkin = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.choices: Choices | None = None
        self._dirty = True
        self._select_after: str | None = None
        self._generation = 0
        lang = ctx.lang
        self.month = QComboBox(self)
        self.month.setAccessibleName(self.tr("Month"))
        self.programme = QComboBox(self)
        self.programme.setAccessibleName(self.tr("Programme"))
        self.format = QComboBox(self)
        self.format.setAccessibleName(self.tr("Format"))
        self.village = QComboBox(self)
        self.village.setAccessibleName(self.tr("Village"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        self._fill_months()
        self.format.addItem(self.tr("All formats"), None)
        for code in FORMATS:
            self.format.addItem(label(FORMATS, code, lang), code)
        self.status.addItem(self.tr("All statuses"), None)
        for code in SESSION_STATUSES:
            self.status.addItem(label(SESSION_STATUSES, code, lang), code)
        self.programme.addItem(self.tr("All programmes"), None)
        self.village.addItem(self.tr("All villages"), None)

        ctxname = "SessionsPage"
        self.model = DataclassTableModel[SessionView](
            (
                Column(QT_TRANSLATE_NOOP("SessionsPage", "When"), _when, ctxname,
                       sort_value=lambda s: s.starts_at),
                Column(QT_TRANSLATE_NOOP("SessionsPage", "Title"), lambda s: s.title, ctxname,
                       tooltip=lambda s: s.notes or s.title),
                Column(QT_TRANSLATE_NOOP("SessionsPage", "Programme"),
                       lambda s: self._programme_name(s.programme_code), ctxname,
                       tooltip=lambda s: self._programme_name(s.programme_code)),
                Column(QT_TRANSLATE_NOOP("SessionsPage", "Format"),
                       lambda s: label(FORMATS, s.format, self.ctx.lang), ctxname),
                Column(QT_TRANSLATE_NOOP("SessionsPage", "Village"),
                       lambda s: self._village_name(s.village_id) or s.place, ctxname,
                       tooltip=lambda s: ", ".join(
                           t for t in (self._village_name(s.village_id), s.place) if t)),
                Column(QT_TRANSLATE_NOOP("SessionsPage", "Status"),
                       lambda s: label(SESSION_STATUSES, s.status, self.ctx.lang), ctxname),
                Column(QT_TRANSLATE_NOOP("SessionsPage", "Present"),
                       lambda s: s.attendee_count, ctxname, align=Qt.AlignmentFlag.AlignRight),
            ),
            batch_size=300,
            parent=self,
        )  # fmt: skip
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Sessions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        # The title takes the spare width; programme and village names are long, so they get
        # a fixed share (elided, the officer can widen them); the rest fit their contents.
        ch = self.table.fontMetrics().averageCharWidth()
        for col, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            hh.setSectionResizeMode(col, mode)
        hh.resizeSection(2, ch * 24)
        hh.resizeSection(4, ch * 20)
        hh.setMinimumSectionSize(ch * 6)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(lambda _i: self.checkin_current())
        self.table.installEventFilter(self)

        self.new_button = QPushButton(self.tr("New session"), self)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.duplicate_button = QPushButton(self.tr("Duplicate"), self)
        self.cancel_button = QPushButton(self.tr("Cancel session"), self)
        self.print_button = QPushButton(self.tr("Print attendance sheet…"), self)
        self.checkin_button = QPushButton(self.tr("Check-in"), self)
        for b, tip in (
            (self.new_button, "Ctrl+N"),
            (self.edit_button, "F2"),
            (self.duplicate_button, "Ctrl+D"),
            (self.cancel_button, ""),
            (self.print_button, "Ctrl+P"),
            (self.checkin_button, "Enter"),
        ):
            b.setAccessibleName(b.text())
            if tip:
                b.setToolTip(f"{b.text()} ({tip})")
        for seq, fn in (
            ("Ctrl+N", self.new_session),
            ("F2", self.edit_current),
            ("Ctrl+D", self.duplicate_current),
            ("Ctrl+P", self.print_sheet),
        ):
            # Shortcuts act at once (a button's own shortcut animates a click first).
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(fn)
        self.new_button.clicked.connect(self.new_session)
        self.edit_button.clicked.connect(self.edit_current)
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.cancel_button.clicked.connect(self.cancel_current)
        self.checkin_button.clicked.connect(self.checkin_current)
        self.print_button.clicked.connect(self.print_sheet)

        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Number of sessions"))
        heading = QLabel(self.tr("Sessions"), self)
        f = heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.3)
        heading.setFont(f)

        filters = QHBoxLayout()
        for text, w in (
            (self.tr("Month"), self.month),
            (self.tr("Programme"), self.programme),
            (self.tr("Format"), self.format),
            (self.tr("Village"), self.village),
            (self.tr("Status"), self.status),
        ):
            lab = QLabel(text, self)
            lab.setBuddy(w)
            filters.addWidget(lab)
            filters.addWidget(w, 1)
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.edit_button,
            self.duplicate_button,
            self.cancel_button,
            self.print_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.checkin_button)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addLayout(filters)
        lay.addLayout(buttons)
        lay.addWidget(self.table, 1)
        order: list[QWidget] = [
            self.month, self.programme, self.format, self.village, self.status, self.table,
            self.new_button, self.edit_button, self.duplicate_button, self.cancel_button,
            self.print_button, self.checkin_button,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        for combo in (self.month, self.programme, self.format, self.village, self.status):
            combo.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        ctx.data_changed.connect(self._data_changed)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------
    def _fill_months(self) -> None:
        self.month.addItem(self.tr("All months"), None)
        today = now().date()
        first = date(today.year, today.month, 1)
        months: list[date] = []
        d = QDate(first.year, first.month, 1).addMonths(3)
        for _ in range(27):
            months.append(_pydate(d))
            d = d.addMonths(-1)
        for m in months:
            self.month.addItem(m.strftime("%m/%Y"), month_key(m))
        self.month.setCurrentIndex(self.month.findData(month_key(first)))

    def _programme_name(self, code: str) -> str:
        return self.choices.programme_name(code, self.ctx.lang) if self.choices else code

    def _village_name(self, village_id: str | None) -> str:
        return self.choices.village_name(village_id) if self.choices else ""

    def on_shown(self) -> None:
        if self.choices is None:
            call_db(self.ctx, self, load_choices, self._choices_loaded, read=True)
        elif self._dirty:
            self.reload()
        self.table.setFocus()

    def _choices_loaded(self, choices: Choices) -> None:
        self.choices = choices
        for combo, items in (
            (self.programme, [(p.name(self.ctx.lang), p.code) for p in choices.programmes]),
            (self.village, [(v.name, v.id) for v in choices.villages]),
        ):
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            combo.blockSignals(False)
        self.reload()

    def current_filter(self) -> SessionFilter:
        return SessionFilter(
            month=self.month.currentData(),
            programme_code=self.programme.currentData(),
            format=self.format.currentData(),
            village_id=self.village.currentData(),
            status=self.status.currentData(),
        )

    def reload(self) -> None:
        self._dirty = False
        f = self.current_filter()
        # Reads run concurrently on the pool: only the newest request may fill the table.
        self._generation += 1
        gen = self._generation
        call_db(
            self.ctx, self, lambda s: list_sessions(s, f), lambda r: self._loaded(r, gen), read=True
        )

    def _loaded(self, rows: list[SessionView], gen: int | None = None) -> None:
        if gen is not None and gen != self._generation:
            return
        cur = self.current()
        keep = self._select_after or (cur.id if cur else None)
        self._select_after = None
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("{n} sessions").format(n=len(rows)))
        row = self.model.row_of(keep) if keep else None
        if row is None and rows:
            row = 0
        if row is not None:
            while row >= self.model.rowCount() and self.model.canFetchMore(self.table.rootIndex()):
                self.model.fetchMore(self.table.rootIndex())
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._update_buttons()

    def _data_changed(self, changed: tuple[tuple[str, str], ...]) -> None:
        kinds = {k for k, _ in changed}
        if kinds & {"session", "attendance"}:
            self._dirty = True
            if self.isVisible() and self.choices is not None:
                self.reload()
        if kinds & {"village", "team_member"}:
            self.choices = None
            if self.isVisible():
                self.on_shown()

    # -- actions -------------------------------------------------------------------------------
    def current(self) -> SessionView | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_at(idx.row())

    def _update_buttons(self) -> None:
        s = self.current()
        for b in (self.edit_button, self.duplicate_button, self.checkin_button, self.print_button):
            b.setEnabled(s is not None)
        self.cancel_button.setEnabled(s is not None and s.status != "cancelled")
        self.new_button.setEnabled(self.choices is not None)

    def _show_saved(self, s: SessionView) -> None:
        self._select_after = s.id
        wanted = month_key(s.day)
        if self.month.currentData() not in (None, wanted):
            i = self.month.findData(wanted)
            self.month.setCurrentIndex(i if i >= 0 else 0)  # reloads
        else:
            self.reload()

    def new_session(self) -> None:
        if self.choices is None:
            return
        dlg = SessionForm(self.ctx, self.choices, self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.saved is not None:
            self._show_saved(dlg.saved)
        self.table.setFocus()

    def edit_current(self) -> None:
        s = self.current()
        if s is None or self.choices is None:
            return
        dlg = SessionForm(self.ctx, self.choices, self, s)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.saved is not None:
            self._show_saved(dlg.saved)
        self.table.setFocus()

    def duplicate_current(self) -> None:
        s = self.current()
        if s is None:
            return
        dlg = DuplicateDialog(s, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        starts, actor, sid = dlg.starts_at(), self.ctx.actor, s.id
        call_db(
            self.ctx,
            self,
            lambda db: duplicate_session(db, actor, sid, starts),
            lambda out: self._show_saved(out.value),
        )

    def cancel_current(self) -> None:
        s = self.current()
        if s is None or s.status == "cancelled":
            return
        if not self.ctx.dialogs.confirm(
            self,
            self.tr("Cancel session"),
            self.tr(
                "Cancel “{title}” on {when}? It stays in the list as cancelled; no check-in is "
                "possible any more."
            ).format(title=s.title, when=fmt_datetime(s.starts_at)),
        ):
            return
        actor, sid = self.ctx.actor, s.id
        call_db(
            self.ctx,
            self,
            lambda db: cancel_session(db, actor, sid),
            lambda out: self._show_saved(out.value),
        )

    def print_sheet(self) -> None:
        """The attendance sheet of the session (QR code per row), previewed before printing."""
        s = self.current()
        if s is None:
            return
        from ui.desktop.print_preview import open_preview, sheet_job

        open_preview(self.ctx.runner, self.ctx.dialogs, sheet_job(self.ctx.inst, s.id), self)

    def checkin_current(self) -> None:
        s = self.current()
        if s is not None:
            self.open_checkin.emit(s.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.checkin_current()
                return True
        return super().eventFilter(watched, event)


__all__ = ["Choices", "DuplicateDialog", "SessionForm", "SessionsPage", "load_choices"]
