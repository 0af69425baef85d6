"""Team and villages: the members of the commune's Tổ công nghệ số cộng đồng, and the villages
(thôn, xóm, bản, tổ dân phố) with their adult population, each as a list with a form beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.errors import UserError
from app.services.directory import (
    TeamMemberView,
    VillageView,
    list_team,
    list_villages,
    save_team_member,
    save_village,
)
from app.services.people_queries import village_people_counts
from app.vocab import VILLAGE_KINDS, label
from ui.desktop.context import AppContext
from ui.desktop.models import Column, DataclassTableModel
from ui.desktop.pages import call_db, show_error
from ui.desktop.pages._shared import (
    compact_combo,
    error_label,
    fmt_int,
    make_table,
    read_db,
    selected_rows,
    set_error,
    size_small_table,
    tab_chain,
    touches,
)

_CTX = "TeamPage"
TEAM_ENTITIES = {"team_member", "village", "person"}


@dataclass(frozen=True)
class VillageRow:
    """A village with the number of people recorded in it (for the list)."""

    village: VillageView
    people: int | None  # counted in a second step: over many people it takes a moment

    @property
    def id(self) -> str:
        return self.village.id


def member_columns(villages: dict[str, str], active: str, left: str) -> tuple[Column[Any], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("TeamPage", "Full name"), lambda t: t.full_name, _CTX),
        Column(QT_TRANSLATE_NOOP("TeamPage", "Phone"), lambda t: t.phone or "", _CTX),
        Column(
            QT_TRANSLATE_NOOP("TeamPage", "Position"),
            lambda t: t.position,
            _CTX,
            tooltip=lambda t: t.position,
        ),
        Column(
            QT_TRANSLATE_NOOP("TeamPage", "Organisation"),
            lambda t: t.organisation,
            _CTX,
            tooltip=lambda t: t.organisation,
        ),
        Column(
            QT_TRANSLATE_NOOP("TeamPage", "Village"),
            lambda t: villages.get(t.village_id or "", ""),
            _CTX,
            tooltip=lambda t: villages.get(t.village_id or "", ""),
        ),
        Column(
            QT_TRANSLATE_NOOP("TeamPage", "Status"), lambda t: active if t.active else left, _CTX
        ),
    )


def village_columns(lang: str, unknown: str) -> tuple[Column[VillageRow], ...]:
    def adults(r: VillageRow) -> str:
        n = r.village.adult_population
        return unknown if n is None else fmt_int(n)

    return (
        Column(QT_TRANSLATE_NOOP("TeamPage", "Name"), lambda r: r.village.name, _CTX),
        Column(
            QT_TRANSLATE_NOOP("TeamPage", "Kind"),
            lambda r: label(VILLAGE_KINDS, r.village.kind, lang),
            _CTX,
        ),
        Column(
            QT_TRANSLATE_NOOP("TeamPage", "Adult population"),
            adults,
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
        Column(
            QT_TRANSLATE_NOOP("TeamPage", "People recorded"),
            lambda r: "…" if r.people is None else fmt_int(r.people),
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
    )


class TeamPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded_once = False
        self._dirty = False
        self._village_names: dict[str, str] = {}
        self._counts: dict[str, int] | None = None
        self._editing_member: str | None = None
        self._editing_village: str | None = None
        can_edit = ctx.inst.officer.role in ("admin", "officer")

        # -- team members
        self.member_model: DataclassTableModel[TeamMemberView] = DataclassTableModel(
            member_columns(self._village_names, self.tr("Active"), self.tr("Left the team")),
            parent=self,
        )
        self.members = make_table(self.member_model, self.tr("Team members"))
        size_small_table(self.members, stretch=(2, 3, 4))
        self.show_inactive = QCheckBox(self.tr("Also show members who left"))
        self.show_inactive.setAccessibleName(self.tr("Also show members who left"))
        self.m_name = QLineEdit()
        self.m_name.setAccessibleName(self.tr("Member's full name"))
        self.m_phone = QLineEdit()
        self.m_phone.setAccessibleName(self.tr("Member's phone"))
        self.m_position = QLineEdit()
        self.m_position.setAccessibleName(self.tr("Position"))
        self.m_position.setPlaceholderText(self.tr("e.g. Youth Union"))
        self.m_org = QLineEdit()
        self.m_org.setAccessibleName(self.tr("Organisation"))
        self.m_village = QComboBox()
        self.m_village.setAccessibleName(self.tr("Member's village"))
        self.m_village.addItem(self.tr("Not recorded"), None)
        compact_combo(self.m_village)
        self.m_active = QCheckBox(self.tr("Active in the team"))
        self.m_active.setAccessibleName(self.tr("Active in the team"))
        self.m_active.setChecked(True)
        self.m_errors = {"full_name": error_label(), "phone": error_label()}
        self.m_new = QPushButton(self.tr("New member"))
        self.m_new.setAccessibleName(self.tr("New team member"))
        self.m_save = QPushButton(self.tr("Save member"))
        self.m_save.setAccessibleName(self.tr("Save team member"))
        self.m_title = QLabel()
        mform = QFormLayout()
        mform.addRow(self.m_title)
        mform.addRow(self.tr("Full name"), self.m_name)
        mform.addRow(self.m_errors["full_name"])
        mform.addRow(self.tr("Phone"), self.m_phone)
        mform.addRow(self.m_errors["phone"])
        mform.addRow(self.tr("Position"), self.m_position)
        mform.addRow(self.tr("Organisation"), self.m_org)
        mform.addRow(self.tr("Village"), self.m_village)
        mform.addRow(self.m_active)
        mb = QHBoxLayout()
        mb.addWidget(self.m_new)
        mb.addStretch(1)
        mb.addWidget(self.m_save)
        mform.addRow(mb)
        member_box = QGroupBox(self.tr("Team member"))
        member_box.setLayout(mform)
        member_box.setEnabled(can_edit)
        mleft = QWidget()
        ml = QVBoxLayout(mleft)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.members, 1)
        ml.addWidget(self.show_inactive)
        msplit = QSplitter(Qt.Orientation.Horizontal)
        msplit.addWidget(mleft)
        msplit.addWidget(member_box)
        msplit.setStretchFactor(0, 3)
        msplit.setStretchFactor(1, 2)
        msplit.setChildrenCollapsible(False)

        # -- villages
        self.village_model: DataclassTableModel[VillageRow] = DataclassTableModel(
            village_columns(ctx.lang, self.tr("Not known")), parent=self
        )
        self.villages = make_table(self.village_model, self.tr("Villages"))
        vh = self.villages.horizontalHeader()
        vh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            vh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        vh.setStretchLastSection(False)
        self.v_name = QLineEdit()
        self.v_name.setAccessibleName(self.tr("Village name"))
        self.v_name.setPlaceholderText(self.tr("e.g. Xóm Làng Mới"))
        self.v_kind = QComboBox()
        self.v_kind.setAccessibleName(self.tr("Kind of village"))
        for code in VILLAGE_KINDS:
            self.v_kind.addItem(label(VILLAGE_KINDS, code, ctx.lang), code)
        self.v_adults = QSpinBox()
        self.v_adults.setAccessibleName(self.tr("Adult population"))
        self.v_adults.setRange(-1, 1_000_000)
        self.v_adults.setSpecialValueText(self.tr("Not known"))
        self.v_adults.setValue(-1)
        self.v_adults.setGroupSeparatorShown(True)
        self.v_adults.setToolTip(
            self.tr("People aged 16 and over living in the village; used for the share reached.")
        )
        self.v_errors = {"name": error_label(), "adult_population": error_label()}
        self.v_new = QPushButton(self.tr("New village"))
        self.v_new.setAccessibleName(self.tr("New village"))
        self.v_save = QPushButton(self.tr("Save village"))
        self.v_save.setAccessibleName(self.tr("Save village"))
        self.v_title = QLabel()
        vform = QFormLayout()
        vform.addRow(self.v_title)
        vform.addRow(self.tr("Name"), self.v_name)
        vform.addRow(self.v_errors["name"])
        vform.addRow(self.tr("Kind"), self.v_kind)
        vform.addRow(self.tr("Adult population"), self.v_adults)
        vform.addRow(self.v_errors["adult_population"])
        vb = QHBoxLayout()
        vb.addWidget(self.v_new)
        vb.addStretch(1)
        vb.addWidget(self.v_save)
        vform.addRow(vb)
        village_box = QGroupBox(self.tr("Village"))
        village_box.setLayout(vform)
        village_box.setEnabled(can_edit)
        vsplit = QSplitter(Qt.Orientation.Horizontal)
        vsplit.addWidget(self.villages)
        vsplit.addWidget(village_box)
        vsplit.setStretchFactor(0, 3)
        vsplit.setStretchFactor(1, 2)
        vsplit.setChildrenCollapsible(False)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Team and villages"))
        self.tabs.addTab(msplit, self.tr("Team members"))
        self.tabs.addTab(vsplit, self.tr("Villages"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

        self.members.selectionModel().selectionChanged.connect(lambda *_a: self._member_chosen())
        self.villages.selectionModel().selectionChanged.connect(lambda *_a: self._village_chosen())
        self.show_inactive.toggled.connect(lambda _b: self._load_members())
        self.m_new.clicked.connect(self.new_member)
        self.m_save.clicked.connect(self.save_member)
        self.v_new.clicked.connect(self.new_village)
        self.v_save.clicked.connect(self.save_village)
        for w in (self.m_name, self.m_phone, self.m_position, self.m_org):
            w.returnPressed.connect(self.save_member)
        self.v_name.returnPressed.connect(self.save_village)
        tab_chain(
            [
                self.tabs,
                self.members,
                self.show_inactive,
                self.m_new,
                self.m_name,
                self.m_phone,
                self.m_position,
                self.m_org,
                self.m_village,
                self.m_active,
                self.m_save,
            ]
        )
        tab_chain([self.villages, self.v_new, self.v_name, self.v_kind, self.v_adults, self.v_save])
        ctx.data_changed.connect(self._changed)
        self.new_member()
        self.new_village()

    # -- page protocol ------------------------------------------------------------------------
    def on_shown(self) -> None:
        if not self._loaded_once or self._dirty:
            self.refresh()

    def refresh(self) -> None:
        self._loaded_once = True
        self._dirty = False
        self._load_villages()

    def _changed(self, changed: object) -> None:
        if touches(changed, TEAM_ENTITIES):
            if self.isVisible():
                self.refresh()
            else:
                self._dirty = True

    # -- loading ------------------------------------------------------------------------------
    def _load_villages(self) -> None:
        def job(s: Session) -> list[VillageRow]:
            return [VillageRow(v, None) for v in list_villages(s)]

        read_db(self.ctx, self, job, self._villages_loaded)
        read_db(self.ctx, self, village_people_counts, self._counted)

    def _counted(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._apply_counts()

    def _apply_counts(self) -> None:
        if self._counts is None:
            return
        for r in self.village_model.rows():
            self.village_model.upsert(VillageRow(r.village, self._counts.get(r.id, 0)))

    def _villages_loaded(self, rows: list[VillageRow]) -> None:
        chosen = self._editing_village
        self.village_model.set_rows(rows)
        self._apply_counts()
        self._village_names.clear()
        self._village_names.update({r.id: r.village.name for r in rows})
        current = self.m_village.currentData()
        self.m_village.blockSignals(True)
        while self.m_village.count() > 1:
            self.m_village.removeItem(1)
        for r in rows:
            self.m_village.addItem(r.village.name, r.id)
        self.m_village.setCurrentIndex(max(0, self.m_village.findData(current)))
        self.m_village.blockSignals(False)
        if chosen is not None:
            i = self.village_model.row_of(chosen)
            if i is not None:
                self.villages.selectRow(i)
        self._load_members()

    def _load_members(self) -> None:
        every = self.show_inactive.isChecked()
        read_db(
            self.ctx,
            self,
            lambda s: list_team(s, include_inactive=every),
            self._members_loaded,
        )

    def _members_loaded(self, rows: list[TeamMemberView]) -> None:
        chosen = self._editing_member
        self.member_model.set_rows(rows)
        if chosen is not None:
            i = self.member_model.row_of(chosen)
            if i is not None:
                self.members.selectRow(i)

    # -- team members -------------------------------------------------------------------------
    def new_member(self) -> None:
        self.members.clearSelection()
        self._editing_member = None
        self.m_title.setText(self.tr("New team member"))
        for w in (self.m_name, self.m_phone, self.m_position, self.m_org):
            w.clear()
        self.m_village.setCurrentIndex(0)
        self.m_active.setChecked(True)
        for lab in self.m_errors.values():
            set_error(lab, "")
        self.m_name.setFocus()

    def _member_chosen(self) -> None:
        rows = selected_rows(self.members)
        if not rows:
            return
        t: TeamMemberView = rows[0]
        self._editing_member = t.id
        self.m_title.setText(self.tr("Editing: {name}").format(name=t.full_name))
        self.m_name.setText(t.full_name)
        self.m_phone.setText(t.phone or "")
        self.m_position.setText(t.position)
        self.m_org.setText(t.organisation)
        self.m_village.setCurrentIndex(max(0, self.m_village.findData(t.village_id)))
        self.m_active.setChecked(t.active)
        for lab in self.m_errors.values():
            set_error(lab, "")

    def save_member(self) -> None:
        for lab in self.m_errors.values():
            set_error(lab, "")
        actor = self.ctx.actor
        member_id = self._editing_member
        name, phone = self.m_name.text(), self.m_phone.text()
        position, org = self.m_position.text(), self.m_org.text()
        village, active = self.m_village.currentData(), self.m_active.isChecked()

        def job(s: Session) -> Any:
            return save_team_member(
                s,
                actor,
                name,
                phone=phone,
                position=position,
                organisation=org,
                village_id=village,
                active=active,
                member_id=member_id,
            )

        def done(out: Any) -> None:
            self._editing_member = out.value.id
            self.m_title.setText(self.tr("Saved: {name}").format(name=out.value.full_name))

        call_db(self.ctx, self, job, done, on_error=self._member_failed)

    def _member_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and exc.field in self.m_errors:
            set_error(self.m_errors[str(exc.field)], exc.text(self.ctx.lang))
            (self.m_name if exc.field == "full_name" else self.m_phone).setFocus()
            return
        show_error(self.ctx, self, exc)

    # -- villages -----------------------------------------------------------------------------
    def new_village(self) -> None:
        self.villages.clearSelection()
        self._editing_village = None
        self.v_title.setText(self.tr("New village"))
        self.v_name.clear()
        self.v_kind.setCurrentIndex(0)
        self.v_adults.setValue(-1)
        for lab in self.v_errors.values():
            set_error(lab, "")

    def _village_chosen(self) -> None:
        rows = selected_rows(self.villages)
        if not rows:
            return
        r: VillageRow = rows[0]
        v = r.village
        self._editing_village = v.id
        self.v_title.setText(self.tr("Editing: {name}").format(name=v.name))
        self.v_name.setText(v.name)
        self.v_kind.setCurrentIndex(max(0, self.v_kind.findData(v.kind)))
        self.v_adults.setValue(-1 if v.adult_population is None else v.adult_population)
        for lab in self.v_errors.values():
            set_error(lab, "")

    def save_village(self) -> None:
        for lab in self.v_errors.values():
            set_error(lab, "")
        actor = self.ctx.actor
        village_id = self._editing_village
        name, kind = self.v_name.text(), str(self.v_kind.currentData())
        adults = self.v_adults.value()

        def job(s: Session) -> Any:
            return save_village(
                s, actor, name, kind, None if adults < 0 else adults, village_id=village_id
            )

        def done(out: Any) -> None:
            self._editing_village = out.value.id
            self.v_title.setText(self.tr("Saved: {name}").format(name=out.value.name))

        call_db(self.ctx, self, job, done, on_error=self._village_failed)

    def _village_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and exc.field in self.v_errors:
            set_error(self.v_errors[str(exc.field)], exc.text(self.ctx.lang))
            self.v_name.setFocus()
            return
        show_error(self.ctx, self, exc)
