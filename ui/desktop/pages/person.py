"""One person's page: their details, progress per Thông tư 02 competence domain, the sessions
they attended and the timeline of skills they were helped with."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.people_queries import (
    AttendedSession,
    DomainProgress,
    PersonOverview,
    TimelineEntry,
    person_overview,
)
from app.vocab import FORMATS, OUTCOMES, SESSION_STATUSES, SEXES, TARGET_GROUPS, label
from ui.desktop.context import AppContext
from ui.desktop.models import ROW_ROLE, Column, DataclassTableModel
from ui.desktop.pages import alive, call_db, fmt_date
from ui.desktop.pages._shared import fit_columns, fmt_birth, make_table, tab_chain, touches

_CTX = "PersonPage"

PERSON_ENTITIES = {"person", "attendance", "skill_record", "session", "village", "team_member"}


def _lang_name(vi: str, en: str, lang: str) -> str:
    return en if lang.startswith("en") else vi


def domain_columns(lang: str) -> tuple[Column[DomainProgress], ...]:
    return (
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Competence domain"),
            lambda d: f"{d.domain}. {_lang_name(d.name_vi, d.name_en, lang)}",
            _CTX,
        ),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Introduced"),
            lambda d: d.introduced,
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Practised"),
            lambda d: d.practised,
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Can do alone"),
            lambda d: d.independent,
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Progress"),
            lambda d: f"{d.independent}/{d.catalogue_skills}",
            _CTX,
        ),
    )


def session_columns(lang: str) -> tuple[Column[AttendedSession], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("PersonPage", "Date"), lambda r: fmt_date(r.day), _CTX),
        Column(QT_TRANSLATE_NOOP("PersonPage", "Session"), lambda r: r.title, _CTX),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Programme"),
            lambda r: _lang_name(r.programme_vi, r.programme_en, lang),
            _CTX,
        ),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Format"),
            lambda r: label(FORMATS, r.format, lang),
            _CTX,
        ),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Status"),
            lambda r: label(SESSION_STATUSES, r.status, lang),
            _CTX,
        ),
    )


def timeline_columns(lang: str) -> tuple[Column[TimelineEntry], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("PersonPage", "Date"), lambda e: fmt_date(e.day), _CTX),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Skill"),
            lambda e: f"{e.skill_code} · {_lang_name(e.skill_vi, e.skill_en, lang)}",
            _CTX,
            tooltip=lambda e: _lang_name(e.skill_vi, e.skill_en, lang),
        ),
        Column(
            QT_TRANSLATE_NOOP("PersonPage", "Outcome"),
            lambda e: label(OUTCOMES, e.outcome, lang),
            _CTX,
        ),
        Column(QT_TRANSLATE_NOOP("PersonPage", "Helped by"), lambda e: e.helped_by or "", _CTX),
        Column(QT_TRANSLATE_NOOP("PersonPage", "Session"), lambda e: e.session_title or "", _CTX),
    )


class ProgressBarDelegate(QStyledItemDelegate):
    """Draws "mastered of catalogue skills" as a bar behind the text, so that the six domains
    compare at a glance."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, DomainProgress) and row.catalogue_skills:
            r: QRect = option.rect.adjusted(3, 4, -3, -4)
            painter.save()
            painter.fillRect(r, QColor("#e6e6e6"))
            helped = r.width() * row.helped // row.catalogue_skills
            done = r.width() * row.independent // row.catalogue_skills
            painter.fillRect(QRect(r.left(), r.top(), helped, r.height()), QColor("#b9d7f0"))
            painter.fillRect(QRect(r.left(), r.top(), done, r.height()), QColor("#2e7d32"))
            painter.restore()
        super().paint(painter, option, index)


class PersonPage(QWidget):
    """Shows one person; `show_person(id)` loads them. Emits `back_requested`,
    `edit_requested(id)` and `erase_requested(id)` for the people screen to act on."""

    back_requested = Signal()
    edit_requested = Signal(str)
    erase_requested = Signal(str)
    loaded = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: str | None = None
        self.overview: PersonOverview | None = None
        self._ticket = 0
        self._dirty = False

        self.back = QPushButton(self.tr("← Back to the list"))
        self.back.setAccessibleName(self.tr("Back to the list"))
        self.back.setShortcut(QKeySequence("Alt+Left"))
        self.edit = QPushButton(self.tr("Edit…"))
        self.edit.setAccessibleName(self.tr("Edit this person"))
        self.erase = QPushButton(self.tr("Erase on request…"))
        self.erase.setAccessibleName(self.tr("Erase this person's data on request"))
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addStretch(1)
        top.addWidget(self.edit)
        top.addWidget(self.erase)

        self.name = QLabel()
        f = self.name.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.name.setFont(f)
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name.setAccessibleName(self.tr("Full name"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.details = QGroupBox(self.tr("Details"))
        form = QFormLayout(self.details)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("birth", self.tr("Born")),
            ("sex", self.tr("Sex")),
            ("id_number", self.tr("ID number")),
            ("phone", self.tr("Phone")),
            ("village", self.tr("Village")),
            ("target_group", self.tr("Target group")),
            ("sensitive", self.tr("Ethnicity, disability")),
            ("notes", self.tr("Notes")),
        ):
            lab = QLabel()
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lab.setAccessibleName(text)
            self.fields[key] = lab
            form.addRow(text, lab)

        lang = ctx.lang
        self.domain_model: DataclassTableModel[DomainProgress] = DataclassTableModel(
            domain_columns(lang), key=lambda d: d.domain, parent=self
        )
        self.domains = make_table(self.domain_model, self.tr("Progress per competence domain"))
        self.domains.setItemDelegateForColumn(4, ProgressBarDelegate(self.domains))
        dh = self.domains.horizontalHeader()
        dh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            dh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        dh.setStretchLastSection(False)
        dh.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)
        dh.resizeSection(4, self.fontMetrics().averageCharWidth() * 16)
        rows_h = self.domains.verticalHeader().defaultSectionSize()
        self.domains.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.domains.setFixedHeight(
            rows_h * 6 + dh.sizeHint().height() + 2 * self.domains.frameWidth()
        )
        self.domain_note = QLabel(
            self.tr(
                "Skills of the catalogue in each domain of the Thông tư 02/2025 framework, by the "
                "furthest step reached. The bar shows skills helped with (light) and mastered "
                "(dark)."
            )
        )
        self.domain_note.setWordWrap(True)
        progress_box = QGroupBox(self.tr("Progress per competence domain (Thông tư 02)"))
        pl = QVBoxLayout(progress_box)
        pl.addWidget(self.domains)
        pl.addWidget(self.domain_note)

        self.session_model: DataclassTableModel[AttendedSession] = DataclassTableModel(
            session_columns(lang), key=lambda r: r.session_id, parent=self
        )
        self.sessions = make_table(self.session_model, self.tr("Sessions attended"))
        self.timeline_model: DataclassTableModel[TimelineEntry] = DataclassTableModel(
            timeline_columns(lang), key=lambda e: e.record_id, parent=self
        )
        self.timeline = make_table(self.timeline_model, self.tr("Skill timeline"))
        fit_columns(
            self.timeline,
            ("00/00/0000", None, "Đã thực hành có hỗ trợ", "Nguyễn Thị Phương", "Lớp kỹ năng số"),
            stretch=1,
        )
        fit_columns(
            self.sessions,
            (
                "00/00/0000",
                None,
                "Mỗi công dân - Một danh tính số",
                "Hướng dẫn tại nhà",
                "Đã tổ chức",
            ),
            stretch=1,
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Sessions and skills"))
        self.tabs.addTab(self.timeline, self.tr("Skill timeline"))
        self.tabs.addTab(self.sessions, self.tr("Sessions attended"))

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.details)
        ll.addStretch(1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(progress_box)
        rl.addWidget(self.tabs, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.name)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)

        self.back.clicked.connect(self.back_requested.emit)
        self.edit.clicked.connect(self._edit)
        self.erase.clicked.connect(self._erase)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.back_requested.emit)
        tab_chain([self.back, self.edit, self.erase, self.domains, self.tabs])
        ctx.data_changed.connect(self._changed)

    # -- loading ------------------------------------------------------------------------------
    def show_person(self, person_id: str) -> None:
        self.person_id = person_id
        if self.overview is None or self.overview.person.id != person_id:
            self._clear()
        self._load(audit=True)

    def _clear(self) -> None:
        self.overview = None
        self.name.setText(self.tr("Loading…"))
        self.summary.setText("")
        for lab in self.fields.values():
            lab.setText("")
        self.domain_model.set_rows([])
        self.session_model.set_rows([])
        self.timeline_model.set_rows([])

    def refresh(self) -> None:
        self._load(audit=False)

    def _load(self, *, audit: bool) -> None:
        pid = self.person_id
        if pid is None:
            return
        self._dirty = False
        self._ticket += 1
        ticket = self._ticket
        # Opening a record is written to the audit log (so on the database worker); a refresh
        # after somebody else's change is not a new opening.
        actor = self.ctx.actor if audit else None
        call_db(
            self.ctx,
            self,
            lambda s: person_overview(s, actor, pid),
            lambda ov: self._show(ticket, ov),
            on_error=lambda exc: self._failed(ticket, exc),
        )

    def _failed(self, ticket: int, exc: BaseException) -> None:
        from app.errors import UserError

        if ticket != self._ticket:
            return
        if isinstance(exc, UserError) and exc.code == "not_found":
            # Erased or merged meanwhile: nothing left to show here.
            self.person_id = None
            self._clear()
            self.name.setText(self.tr("This person is no longer on the list."))
            return
        from ui.desktop.pages import show_error

        show_error(self.ctx, self, exc)

    def _show(self, ticket: int, ov: PersonOverview) -> None:
        if ticket != self._ticket or not alive(self):
            return
        self.overview = ov
        p = ov.person
        lang = self.ctx.lang
        self.name.setText(p.full_name)
        mastered = sum(d.independent for d in ov.domains)
        helped = len({e.skill_code for e in ov.timeline})
        self.summary.setText(
            self.tr(
                "{sessions} sessions attended · {skills} skills helped with · {done} mastered"
            ).format(sessions=len(ov.sessions), skills=helped, done=mastered)
        )
        self.fields["birth"].setText(fmt_birth(p.birth_date, p.birth_year) or "—")
        self.fields["sex"].setText(label(SEXES, p.sex, lang) or "—")
        self.fields["id_number"].setText(p.id_number or "—")
        self.fields["phone"].setText(p.phone or "—")
        self.fields["village"].setText(p.village_name or "—")
        self.fields["target_group"].setText(label(TARGET_GROUPS, p.target_group, lang))
        if p.has_consent:
            parts = [x for x in (p.ethnicity, p.disability) if x]
            self.fields["sensitive"].setText(
                ", ".join(parts) + " " + self.tr("(recorded with consent)")
            )
        else:
            self.fields["sensitive"].setText(self.tr("Not recorded (no consent)"))
        self.fields["notes"].setText(p.notes or "—")
        self.domain_model.set_rows(ov.domains)
        self.session_model.set_rows(ov.sessions)
        self.timeline_model.set_rows(list(reversed(ov.timeline)))
        self.loaded.emit(p.id)

    def _changed(self, changed: object) -> None:
        if self.person_id is not None and touches(changed, PERSON_ENTITIES):
            if self.isVisible():
                self.refresh()
            else:
                self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _edit(self) -> None:
        if self.person_id:
            self.edit_requested.emit(self.person_id)

    def _erase(self) -> None:
        if self.person_id:
            self.erase_requested.emit(self.person_id)
