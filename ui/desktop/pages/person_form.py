"""The person form: create or edit one person, with validation shown next to each field, live
ID-number cross-check warnings, explicit consent for the sensitive fields (and a guardian's for
children under 16), likely duplicates with "open existing" / "merge" / "save as new", and a
name to confirm when it came from a scan the input method may have garbled."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.idcard import id_cross_check
from app.ids import ICT, now
from app.services.common import Outcome
from app.services.directory import VillageView, list_villages
from app.services.people import (
    DuplicateCandidate,
    PersonInput,
    PersonView,
    get_person,
    update_person,
)
from app.services.people_queries import SaveResult, create_and_merge, create_checked
from app.vntext import digits, is_id_number
from app.vocab import SEXES, TARGET_GROUPS, label
from ui.desktop.context import AppContext
from ui.desktop.models import Column, DataclassTableModel
from ui.desktop.pages import alive, show_error
from ui.desktop.pages._shared import (
    compact_combo,
    error_label,
    fit_columns,
    fmt_birth,
    make_table,
    selected_rows,
    set_error,
    tab_chain,
)

# Ethnic groups most often met in Thái Nguyên; any other name can be typed.
ETHNIC_GROUPS = (
    "Kinh",
    "Tày",
    "Nùng",
    "Dao",
    "Sán Chay",
    "Sán Dìu",
    "Mông",
    "Hoa",
    "Ngái",
    "Mường",
    "Thái",
    "Khơ Mú",
)

_CTX = "PersonForm"
DUP_COLUMNS: tuple[Column[DuplicateCandidate], ...] = (
    Column(QT_TRANSLATE_NOOP("PersonForm", "Full name"), lambda c: c.person.full_name, _CTX),
    Column(
        QT_TRANSLATE_NOOP("PersonForm", "Born"),
        lambda c: fmt_birth(c.person.birth_date, c.person.birth_year),
        _CTX,
    ),
    Column(QT_TRANSLATE_NOOP("PersonForm", "Village"), lambda c: c.person.village_name or "", _CTX),
    Column(QT_TRANSLATE_NOOP("PersonForm", "ID number"), lambda c: c.person.id_number or "", _CTX),
    Column(QT_TRANSLATE_NOOP("PersonForm", "Phone"), lambda c: c.person.phone or "", _CTX),
    Column(
        QT_TRANSLATE_NOOP("PersonForm", "Why"),
        lambda c: _reasons(c),
        _CTX,
        tooltip=lambda c: _reasons(c),
    ),
)

_REASONS = {
    "cùng số CCCD": QT_TRANSLATE_NOOP("PersonForm", "same ID number"),
    "cùng họ tên": QT_TRANSLATE_NOOP("PersonForm", "same name"),
    "cùng năm sinh": QT_TRANSLATE_NOOP("PersonForm", "same birth year"),
    "năm sinh gần nhau": QT_TRANSLATE_NOOP("PersonForm", "close birth years"),
    "cùng số điện thoại": QT_TRANSLATE_NOOP("PersonForm", "same phone"),
}


def reason_text(reason: str) -> str:
    """The duplicate reasons come from the service in Vietnamese; show them translated."""
    source = _REASONS.get(reason)
    return QCoreApplication.translate(_CTX, str(source)) if source else reason


def _reasons(c: DuplicateCandidate) -> str:
    return ", ".join(reason_text(r) for r in c.reasons)


_DATE_RE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


def parse_birth(text: str) -> tuple[date | None, int | None] | None:
    """'15/03/1990' → a date, '1990' → a year, '' → nothing; None when it cannot be read."""
    t = text.strip()
    if not t:
        return (None, None)
    if re.fullmatch(r"\d{4}", t):
        return (None, int(t))
    m = _DATE_RE.fullmatch(t)
    if m is None:
        return None
    try:
        return (date(int(m.group(3)), int(m.group(2)), int(m.group(1))), None)
    except ValueError:
        return None


class PersonFormDialog(QDialog):
    """New person (person_id None) or edit. After Accepted, `saved` holds the person to use:
    the new or edited one, the existing one the officer chose to open instead
    (`chose_existing`), or the existing one that the typed details were merged into."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        person_id: str | None = None,
        prefill: PersonInput | None = None,
        name_needs_confirmation: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.saved: PersonView | None = None
        self.chose_existing = False
        self._revision: int | None = None
        self._prefill = prefill
        self._pending_village: str | None = prefill.village_id if prefill else None
        self._needs_confirmation = name_needs_confirmation
        self._scanned_name = prefill.full_name if prefill else ""
        self._busy = False
        self.setWindowTitle(self.tr("Edit person") if person_id else self.tr("New person"))
        self._build()
        if prefill is not None:
            self._fill(prefill)
        self._set_needs_confirmation(name_needs_confirmation)
        self._update_sensitive()
        self._update_id_warnings()
        self._load()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.errors: dict[str, QLabel] = {}

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Full name"))
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("e.g. Nguyễn Thị Hoà"))
        self.name_note = QLabel(
            self.tr(
                "The name may have been changed by the Vietnamese input method while scanning. "
                "Compare it with the ID card and correct it if needed."
            )
        )
        self.name_note.setWordWrap(True)
        self.name_confirmed = QCheckBox(self.tr("I have compared the name with the ID card"))
        self.name_confirmed.setAccessibleName(self.tr("Name compared with the ID card"))
        self.birth = QLineEdit()
        self.birth.setAccessibleName(self.tr("Date or year of birth"))
        self.birth.setPlaceholderText(self.tr("dd/mm/yyyy or yyyy"))
        self.sex = QComboBox()
        self.sex.setAccessibleName(self.tr("Sex"))
        self.sex.addItem(self.tr("Not recorded"), None)
        for code in SEXES:
            self.sex.addItem(label(SEXES, code, self.ctx.lang), code)
        self.id_number = QLineEdit()
        self.id_number.setAccessibleName(self.tr("Personal ID number (CCCD)"))
        self.id_number.setPlaceholderText(self.tr("12 digits"))
        self.id_warnings = QLabel()
        self.id_warnings.setWordWrap(True)
        self.id_warnings.setStyleSheet("color: #8a5300;")
        self.id_warnings.setAccessibleName(self.tr("ID number warnings"))
        self.id_warnings.setVisible(False)
        self.phone = QLineEdit()
        self.phone.setAccessibleName(self.tr("Phone"))
        self.phone.setPlaceholderText(self.tr("e.g. 0912345678"))
        self.village = QComboBox()
        self.village.setAccessibleName(self.tr("Village"))
        self.village.addItem(self.tr("Not recorded"), None)
        self.target_group = QComboBox()
        self.target_group.setAccessibleName(self.tr("Target group"))
        for code in TARGET_GROUPS:
            self.target_group.addItem(label(TARGET_GROUPS, code, self.ctx.lang), code)
        self.target_group.setCurrentIndex(self.target_group.findData("citizen"))
        for combo in (self.sex, self.village, self.target_group):
            compact_combo(combo)

        basic = QFormLayout()
        basic.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(basic, self.tr("Full name"), self.name, "full_name")
        basic.addRow(self.name_note)
        basic.addRow(self.name_confirmed)
        self._basic = basic
        self._row(basic, self.tr("Date or year of birth"), self.birth, "birth")
        self._row(basic, self.tr("Sex"), self.sex, "sex")
        self._row(basic, self.tr("ID number (CCCD)"), self.id_number, "id_number")
        basic.addRow(self.id_warnings)
        self._row(basic, self.tr("Phone"), self.phone, "phone")
        self._row(basic, self.tr("Village"), self.village, "village_id")
        self._row(basic, self.tr("Target group"), self.target_group, "target_group")

        self.sensitive = QGroupBox(self.tr("Sensitive data (only with consent)"))
        self.consent_intro = QLabel(
            self.tr(
                "Ethnicity and disability are recorded only if the person agrees, after being "
                "asked. Leave them empty otherwise."
            )
        )
        self.consent_intro.setWordWrap(True)
        self.consent = QCheckBox(self.tr("Asked: the person agrees"))
        self.consent.setAccessibleName(self.tr("Consent to record ethnicity and disability"))
        self.guardian_consent = QCheckBox(self.tr("A parent or guardian also agrees"))
        self.guardian_consent.setToolTip(self.tr("Needed because the person is under 16."))
        self.guardian_consent.setAccessibleName(self.tr("Guardian's consent"))
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.addItem("")
        self.ethnicity.addItems(list(ETHNIC_GROUPS))
        self.ethnicity.setAccessibleName(self.tr("Ethnicity"))
        compact_combo(self.ethnicity, 12)
        completer = self.ethnicity.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.disability = QLineEdit()
        self.disability.setAccessibleName(self.tr("Disability"))
        self.disability.setPlaceholderText(self.tr("e.g. low vision"))
        self.consent_note = QLabel(
            self.tr("Without consent, ethnicity and disability are not recorded (and are removed).")
        )
        self.consent_note.setWordWrap(True)
        sens = QFormLayout(self.sensitive)
        sens.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        sens.addRow(self.consent_intro)
        sens.addRow(self.consent)
        self._err(sens, "consent")
        sens.addRow(self.guardian_consent)
        self._err(sens, "guardian_consent")
        sens.addRow(self.tr("Ethnicity"), self.ethnicity)
        sens.addRow(self.tr("Disability"), self.disability)
        sens.addRow(self.consent_note)
        self._sens = sens

        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        notes_box = QFormLayout()
        notes_box.addRow(self.tr("Notes"), self.notes)

        right = QVBoxLayout()
        right.addWidget(self.sensitive)
        right.addLayout(notes_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        left_w = QWidget()
        left_w.setLayout(basic)
        right_w = QWidget()
        right_w.setLayout(right)
        columns.addWidget(left_w, 1)
        columns.addWidget(right_w, 1)

        # Likely duplicates, shown when a save finds them.
        self.dup_box = QGroupBox(self.tr("This person may already be recorded"))
        self.dup_model: DataclassTableModel[DuplicateCandidate] = DataclassTableModel(
            DUP_COLUMNS, key=lambda c: c.person.id, parent=self
        )
        self.dup_table = make_table(self.dup_model, self.tr("Possible duplicates"))
        rows_h = self.dup_table.verticalHeader().defaultSectionSize()
        self.dup_table.setFixedHeight(
            rows_h * 4
            + self.dup_table.horizontalHeader().sizeHint().height()
            + 2 * self.dup_table.frameWidth()
        )
        fit_columns(
            self.dup_table,
            (
                "Công Tằng Tôn Nữ Thị Thuỳ An",
                "00/00/0000",
                "Tổ dân phố Phùng Chí Kiên",
                "000000000000",
                "0000000000",
                None,
            ),
            stretch=5,
        )
        self.open_existing = QPushButton(self.tr("Open the existing person"))
        self.open_existing.setAccessibleName(self.tr("Open the existing person"))
        self.merge_existing = QPushButton(self.tr("Merge into the existing person"))
        self.merge_existing.setAccessibleName(self.tr("Merge into the existing person"))
        self.merge_existing.setToolTip(
            self.tr("Keep the existing record and add the details typed here to it")
        )
        self.save_new = QPushButton(self.tr("Save as a new person"))
        self.save_new.setAccessibleName(self.tr("Save as a new person"))
        dup_buttons = QHBoxLayout()
        for b in (self.open_existing, self.merge_existing, self.save_new):
            dup_buttons.addWidget(b)
        dup_buttons.addStretch(1)
        dl = QVBoxLayout(self.dup_box)
        dl.addWidget(self.dup_table)
        dl.addLayout(dup_buttons)
        self.dup_box.setVisible(False)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save_btn = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel_btn = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        save_btn.setText(self.tr("Save"))
        save_btn.setAccessibleName(self.tr("Save"))
        cancel_btn.setText(self.tr("Cancel"))
        cancel_btn.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        content = QWidget()
        cl = QVBoxLayout(content)
        cl.addLayout(columns)
        cl.addWidget(self.dup_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Texts wrap to the width; only a short screen scrolls, vertically.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)

        for w in (self.name, self.birth, self.id_number, self.phone, self.disability):
            w.returnPressed.connect(self.save)
        self.name.textEdited.connect(lambda _t: self._name_edited())
        self.birth.textChanged.connect(lambda _t: self._birth_changed())
        self.sex.currentIndexChanged.connect(lambda _i: self._update_id_warnings())
        self.id_number.textChanged.connect(lambda _t: self._update_id_warnings())
        self.consent.toggled.connect(lambda _b: self._update_sensitive())
        self.name_confirmed.toggled.connect(lambda _b: self._name_edited())
        self.open_existing.clicked.connect(self._open_existing)
        self.merge_existing.clicked.connect(self._merge_existing)
        self.save_new.clicked.connect(lambda: self.save(ignore_duplicates=True))

        order: list[QWidget] = [
            self.name,
            self.name_confirmed,
            self.birth,
            self.sex,
            self.id_number,
            self.phone,
            self.village,
            self.target_group,
            self.consent,
            self.guardian_consent,
            self.ethnicity,
            self.disability,
            self.notes,
            self.dup_table,
            self.open_existing,
            self.merge_existing,
            self.save_new,
            save_btn,
            cancel_btn,
        ]
        tab_chain(order)
        self._fit_to_screen(136, 44)

    def _fit_to_screen(self, chars: int, lines: int) -> None:
        fm = self.fontMetrics()
        w, h = fm.averageCharWidth() * chars, fm.height() * lines
        screen = self.screen()
        if screen is not None:
            avail = screen.availableGeometry()
            w, h = min(w, avail.width() - 40), min(h, avail.height() - 60)
        self.resize(w, h)

    def _err(self, form: QFormLayout, key: str) -> None:
        lab = error_label()
        self.errors[key] = lab
        form.addRow(lab)

    def _row(self, form: QFormLayout, text: str, w: QWidget, key: str) -> None:
        form.addRow(text, w)
        self._err(form, key)

    # -- filling ----------------------------------------------------------------------------
    def _fill(self, p: PersonInput | PersonView) -> None:
        self.name.setText(p.full_name)
        self.birth.setText(fmt_birth(p.birth_date, p.birth_year))
        self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex)))
        self.id_number.setText(p.id_number or "")
        self.phone.setText(p.phone or "")
        self.target_group.setCurrentIndex(max(0, self.target_group.findData(p.target_group)))
        consent = p.has_consent if isinstance(p, PersonView) else p.consent
        self.consent.setChecked(bool(consent))
        self.guardian_consent.setChecked(bool(p.guardian_consent))
        self.ethnicity.setCurrentText(p.ethnicity or "")
        self.disability.setText(p.disability or "")
        self.notes.setPlainText(p.notes or "")
        self._pending_village = p.village_id
        self._select_village()

    def _select_village(self) -> None:
        if self._pending_village is None:
            return
        i = self.village.findData(self._pending_village)
        if i >= 0:
            self.village.setCurrentIndex(i)
            self._pending_village = None

    def _load(self) -> None:
        inst = self.ctx.inst
        pid = self.person_id
        if pid is not None:
            self._set_busy(True, self.tr("Loading…"))

        def job() -> tuple[list[VillageView], PersonView | None]:
            with inst.db.session() as s:
                return list_villages(s), (get_person(s, pid) if pid else None)

        self.ctx.runner.pool(job, self._loaded, self._failed)

    def _loaded(self, result: tuple[list[VillageView], PersonView | None]) -> None:
        if not alive(self):
            return
        villages, person = result
        for v in villages:
            self.village.addItem(v.name, v.id)
        if person is not None:
            self._revision = person.revision
            self._fill(person)
            self._set_busy(False)
        self._select_village()

    # -- live checks --------------------------------------------------------------------------
    def _set_needs_confirmation(self, on: bool) -> None:
        self._needs_confirmation = on
        self.name_note.setVisible(on)
        self.name_confirmed.setVisible(on)
        self._basic.setRowVisible(self.name_note, on)
        self._basic.setRowVisible(self.name_confirmed, on)
        self.name.setStyleSheet("QLineEdit { background: #fff3cd; }" if on else "")
        if on:
            self.name.setFocus()

    def _name_edited(self) -> None:
        if not self._needs_confirmation:
            return
        corrected = self.name.text().strip() != self._scanned_name.strip()
        if corrected or self.name_confirmed.isChecked():
            self.name.setStyleSheet("")
            set_error(self.errors["full_name"], "")
        else:
            self.name.setStyleSheet("QLineEdit { background: #fff3cd; }")

    def _name_ok(self) -> bool:
        if not self._needs_confirmation:
            return True
        corrected = self.name.text().strip() != self._scanned_name.strip()
        return corrected or self.name_confirmed.isChecked()

    def _birth_year(self) -> int | None:
        parsed = parse_birth(self.birth.text())
        if parsed is None:
            return None
        d, y = parsed
        return d.year if d else y

    def _birth_changed(self) -> None:
        self._update_id_warnings()
        self._update_sensitive()

    def _update_id_warnings(self) -> None:
        raw = self.id_number.text().replace(" ", "").replace(".", "")
        msgs: tuple[str, ...] = ()
        if is_id_number(raw):
            msgs = tuple(
                m.text(self.ctx.lang)
                for m in id_cross_check(raw, self._birth_year(), self.sex.currentData())
            )
        elif raw and len(digits(raw)) > 12:
            msgs = (self.tr("The ID number has more than 12 digits."),)
        self.id_warnings.setText("\n".join("⚠ " + m for m in msgs))
        self.id_warnings.setVisible(bool(msgs))
        self._basic.setRowVisible(self.id_warnings, bool(msgs))

    def _under16(self) -> bool:
        y = self._birth_year()
        return y is not None and now().astimezone(ICT).year - y < 16

    def _update_sensitive(self) -> None:
        on = self.consent.isChecked()
        for w in (self.ethnicity, self.disability):
            w.setEnabled(on)
        child = self._under16()
        self.guardian_consent.setEnabled(on and child)
        self._sens.setRowVisible(self.guardian_consent, child)
        has_values = bool(self.ethnicity.currentText().strip() or self.disability.text().strip())
        self.consent_note.setVisible(not on and has_values)
        self._sens.setRowVisible(self.consent_note, not on and has_values)

    # -- saving -------------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        for lab in self.errors.values():
            set_error(lab, "")

    def _input(self) -> PersonInput | None:
        """What was typed, or None after showing why it cannot be read."""
        parsed = parse_birth(self.birth.text())
        if parsed is None:
            self._field_error(
                "birth", self.tr("Write the birth date as dd/mm/yyyy, or only the year (yyyy).")
            )
            return None
        birth_date, birth_year = parsed
        consent = self.consent.isChecked()
        return PersonInput(
            full_name=self.name.text(),
            birth_date=birth_date,
            birth_year=birth_year,
            sex=self.sex.currentData(),
            id_number=self.id_number.text().strip() or None,
            phone=self.phone.text().strip() or None,
            village_id=self.village.currentData(),
            target_group=str(self.target_group.currentData()),
            ethnicity=(self.ethnicity.currentText().strip() or None) if consent else None,
            disability=(self.disability.text().strip() or None) if consent else None,
            consent=consent,
            guardian_consent=consent and self.guardian_consent.isChecked() and self._under16(),
            notes=self.notes.toPlainText(),
        )

    def _field_error(self, key: str, text: str) -> None:
        key = {"birth_date": "birth", "birth_year": "birth"}.get(key, key)
        lab = self.errors.get(key)
        if lab is None:
            return
        set_error(lab, text)
        target = {
            "full_name": self.name,
            "birth": self.birth,
            "sex": self.sex,
            "id_number": self.id_number,
            "phone": self.phone,
            "village_id": self.village,
            "target_group": self.target_group,
            "consent": self.consent,
            "guardian_consent": self.guardian_consent,
        }.get(key)
        if target is not None:
            target.setFocus()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)
        for b in (self.open_existing, self.merge_existing, self.save_new):
            b.setEnabled(not busy)
        self.status.setText(text)

    def save(self, *, ignore_duplicates: bool = False) -> None:
        if self._busy:
            return
        self._clear_errors()
        if not self._name_ok():
            self._field_error(
                "full_name",
                self.tr(
                    "Compare the name with the ID card: correct it, or tick the box to confirm "
                    "that it is right."
                ),
            )
            return
        data = self._input()
        if data is None:
            return
        inst, actor = self.ctx.inst, self.ctx.inst.actor
        pid, rev = self.person_id, self._revision
        self._set_busy(True, self.tr("Saving…"))
        if pid is not None:

            def update() -> SaveResult:
                with inst.db.session(actor) as s:
                    return SaveResult(update_person(s, actor, pid, data, expected_revision=rev))

            self.ctx.runner.db(update, self._saved, self._failed)
            return

        def create() -> SaveResult:
            with inst.db.session(actor) as s:
                return create_checked(s, actor, data, ignore_duplicates=ignore_duplicates)

        self.ctx.runner.db(create, self._saved, self._failed)

    def _saved(self, result: SaveResult) -> None:
        if result.outcome is not None:
            self.ctx.notify(result.outcome.changed)
        if not alive(self):
            return
        self._set_busy(False)
        if result.outcome is None:
            self.dup_model.set_rows(result.duplicates)
            self.dup_box.setVisible(True)
            self.dup_table.selectRow(0)
            self.dup_table.setFocus()
            self.status.setText(
                self.tr(
                    "Nothing was saved yet. Open the existing person, merge into them, or save "
                    "as a new person if this is somebody else."
                )
            )
            return
        self._finish(result.outcome)

    def _finish(self, out: Outcome[PersonView], *, existing: bool = False) -> None:
        self.saved = out.value
        self.chose_existing = existing
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        if (
            isinstance(exc, UserError)
            and exc.field
            and exc.field
            in {
                "full_name",
                "birth_date",
                "birth_year",
                "sex",
                "id_number",
                "phone",
                "consent",
                "guardian_consent",
            }
        ):
            self._field_error(exc.field, exc.text(self.ctx.lang))
            return
        show_error(self.ctx, self, exc)

    def _chosen(self) -> DuplicateCandidate | None:
        rows = selected_rows(self.dup_table)
        if rows:
            chosen: DuplicateCandidate = rows[0]
            return chosen
        return None

    def _open_existing(self) -> None:
        c = self._chosen()
        if c is not None:
            self._finish(Outcome(c.person), existing=True)

    def _merge_existing(self) -> None:
        c = self._chosen()
        if c is None or self._busy:
            return
        data = self._input()
        if data is None:
            return
        inst, actor = self.ctx.inst, self.ctx.inst.actor
        keep = c.person.id
        self._set_busy(True, self.tr("Merging…"))

        def job() -> SaveResult:
            with inst.db.session(actor) as s:
                return SaveResult(create_and_merge(s, actor, data, keep))

        self.ctx.runner.db(job, self._saved, self._failed)


__all__ = ["PersonFormDialog", "parse_birth", "reason_text"]
