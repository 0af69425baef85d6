"""The settings screen: back up now, restore from a backup (the current data is moved aside,
never deleted), automatic backups, a health check of the data, officer accounts and roles
(managed by an administrator, read-only for others), interface language and idle lock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QElapsedTimer, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import backup
from app.backup import BackupInfo, RestoreInfo, VerifyReport
from app.errors import UserError
from app.ids import ICT, now
from app.installation import Installation
from app.services.directory import OfficerView, add_officer, list_officers, set_officer_active
from app.services.settings import (
    IDLE_LOCK_MAX,
    IDLE_LOCK_MIN,
    Preferences,
    get_preferences,
    save_preferences,
)
from app.vocab import ROLES, label
from ui.desktop.context import AppContext
from ui.desktop.models import Column, DataclassTableModel
from ui.desktop.pages import alive, call_db, fmt_datetime, show_error
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

_CTX = "SettingsPage"
SETTINGS_ENTITIES = {"officer", "setting"}
EVERYTHING = (
    ("person", ""),
    ("village", ""),
    ("team_member", ""),
    ("officer", ""),
    ("session", ""),
    ("attendance", ""),
    ("skill_record", ""),
    ("setting", "language"),
    ("setting", "idle_lock_minutes"),
)


def officer_columns(lang: str, active: str, disabled: str) -> tuple[Column[OfficerView], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("SettingsPage", "User name"), lambda o: o.username, _CTX),
        Column(QT_TRANSLATE_NOOP("SettingsPage", "Full name"), lambda o: o.full_name, _CTX),
        Column(
            QT_TRANSLATE_NOOP("SettingsPage", "Role"), lambda o: label(ROLES, o.role, lang), _CTX
        ),
        Column(
            QT_TRANSLATE_NOOP("SettingsPage", "Status"),
            lambda o: active if o.active else disabled,
            _CTX,
        ),
    )


class RestoreDialog(QDialog):
    """What the backup holds, what happens to the current data, and the password that was valid
    when the backup was made."""

    def __init__(self, info: BackupInfo, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(self.tr("Restore from a backup"))
        made = info.created_at.astimezone(ICT).strftime("%d/%m/%Y %H:%M")
        counts = info.counts
        about = QLabel(
            self.tr(
                "Backup of {date}: {people} people, {sessions} sessions, {skills} skill records."
            ).format(
                date=made,
                people=fmt_int(counts.get("person", 0)),
                sessions=fmt_int(counts.get("class_session", 0)),
                skills=fmt_int(counts.get("skill_record", 0)),
            )
        )
        about.setWordWrap(True)
        explain = QLabel(
            self.tr(
                "The data now on this computer is not deleted: it is moved aside into the "
                "“backups” folder beside the data file, and can be brought back from there. "
                "Everything recorded after the backup was made will no longer be shown. After "
                "restoring, log in again."
            )
        )
        explain.setWordWrap(True)
        self.user = QLineEdit(username)
        self.user.setAccessibleName(self.tr("User name in the backup"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password when the backup was made"))
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password when the backup was made"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setAccessibleName(self.tr("Restore"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(about)
        lay.addWidget(explain)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.password.setFocus()
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height())

    def _ok(self) -> None:
        if self.password.text():
            self.accept()
        else:
            self.password.setFocus()


class SettingsPage(QWidget):
    """Emits `restored(RestoreInfo)` after a restore: the main application should log the
    officer out (the restored data has its own accounts)."""

    restored = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded_once = False
        self._dirty = False
        self.restore_dialog: RestoreDialog | None = None
        self.last_verify: VerifyReport | None = None
        self.last_backup: BackupInfo | None = None
        self._busy_text = ""
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._show_elapsed)
        role = ctx.inst.officer.role
        is_admin = role == "admin"

        # -- backup and restore
        self.backup_button = QPushButton(self.tr("Back up now…"))
        self.backup_button.setAccessibleName(self.tr("Back up now"))
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.setAccessibleName(self.tr("Restore from a backup"))
        self.restore_button.setEnabled(is_admin)
        if not is_admin:
            self.restore_button.setToolTip(self.tr("Only an administrator can restore a backup."))
        self.auto_info = QLabel()
        self.auto_info.setWordWrap(True)
        self.auto_info.setAccessibleName(self.tr("Automatic backups"))
        self.auto_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_note = QLabel(
            self.tr(
                "A backup file stays encrypted: it opens only with an officer's password. Keep "
                "a copy on a USB stick away from this computer."
            )
        )
        self.backup_note.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setVisible(False)
        backup_box = QGroupBox(self.tr("Backup and restore"))
        bl = QVBoxLayout(backup_box)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        bl.addLayout(row)
        bl.addWidget(self.backup_note)
        bl.addWidget(self.auto_info)
        pr = QHBoxLayout()
        pr.addWidget(self.progress, 1)
        pr.addWidget(self.progress_label, 2)
        bl.addLayout(pr)

        # -- data check
        self.verify_button = QPushButton(self.tr("Check the data"))
        self.verify_button.setAccessibleName(self.tr("Check the data"))
        self.verify_result = QLabel(
            self.tr("Checks that the data file is whole and readable. Takes a few seconds.")
        )
        self.verify_result.setWordWrap(True)
        self.verify_result.setAccessibleName(self.tr("Result of the data check"))
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        verify_box = QGroupBox(self.tr("Data check"))
        vl = QHBoxLayout(verify_box)
        vl.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignTop)
        vl.addWidget(self.verify_result, 1)

        # -- officer accounts
        self.officer_model: DataclassTableModel[OfficerView] = DataclassTableModel(
            officer_columns(ctx.lang, self.tr("Active"), self.tr("Disabled")), parent=self
        )
        self.officers = make_table(self.officer_model, self.tr("Officer accounts"))
        self.officers.setMinimumHeight(self.officers.verticalHeader().defaultSectionSize() * 5)
        size_small_table(self.officers, stretch=(1,))
        self.o_name = QLineEdit()
        self.o_name.setAccessibleName(self.tr("New officer's full name"))
        self.o_role = QComboBox()
        self.o_role.setAccessibleName(self.tr("Role"))
        for code in ROLES:
            self.o_role.addItem(label(ROLES, code, ctx.lang), code)
        self.o_role.setCurrentIndex(self.o_role.findData("officer"))
        compact_combo(self.o_role, 12)
        self.o_password = QLineEdit()
        self.o_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.o_password.setAccessibleName(self.tr("Password"))
        self.o_password2 = QLineEdit()
        self.o_password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.o_password2.setAccessibleName(self.tr("Repeat password"))
        self.o_error = error_label()
        self.add_officer_button = QPushButton(self.tr("Add account"))
        self.add_officer_button.setAccessibleName(self.tr("Add account"))
        self.disable_button = QPushButton(self.tr("Disable the selected account"))
        self.disable_button.setAccessibleName(self.tr("Disable the selected account"))
        self.accounts_note = QLabel(
            self.tr(
                "Administrators manage accounts and restore backups; officers record everything "
                "else; team members record sessions and help. The user name is made from the "
                "full name (e.g. nguyen.van.an)."
            )
            if is_admin
            else self.tr("Only an administrator can add or disable accounts.")
        )
        self.accounts_note.setWordWrap(True)
        add_form = QGridLayout()
        add_form.addWidget(QLabel(self.tr("Full name")), 0, 0)
        add_form.addWidget(self.o_name, 0, 1)
        add_form.addWidget(QLabel(self.tr("Role")), 0, 2)
        add_form.addWidget(self.o_role, 0, 3)
        add_form.addWidget(QLabel(self.tr("Password")), 1, 0)
        add_form.addWidget(self.o_password, 1, 1)
        add_form.addWidget(QLabel(self.tr("Repeat password")), 1, 2)
        add_form.addWidget(self.o_password2, 1, 3)
        add_form.setColumnStretch(1, 3)
        add_form.setColumnStretch(3, 2)
        ab = QHBoxLayout()
        ab.addWidget(self.add_officer_button)
        ab.addStretch(1)
        ab.addWidget(self.disable_button)
        self.admin_part = QWidget()
        al = QVBoxLayout(self.admin_part)
        al.setContentsMargins(0, 0, 0, 0)
        al.addLayout(add_form)
        al.addWidget(self.o_error)
        al.addLayout(ab)
        self.admin_part.setVisible(is_admin)
        accounts_box = QGroupBox(self.tr("Officer accounts"))
        ol = QVBoxLayout(accounts_box)
        ol.addWidget(self.officers, 1)
        ol.addWidget(self.accounts_note)
        ol.addWidget(self.admin_part)

        # -- preferences
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Interface language"))
        self.language.addItem(self.tr("Vietnamese"), "vi")
        self.language.addItem(self.tr("English"), "en")
        self.idle = QSpinBox()
        self.idle.setAccessibleName(self.tr("Lock after minutes without use"))
        self.idle.setRange(IDLE_LOCK_MIN, IDLE_LOCK_MAX)
        self.idle.setSuffix(self.tr(" min"))
        self.save_prefs = QPushButton(self.tr("Save preferences"))
        self.save_prefs.setAccessibleName(self.tr("Save preferences"))
        self.prefs_note = QLabel(self.tr("A new language applies the next time hocvuso starts."))
        self.prefs_note.setWordWrap(True)
        self.prefs_error = error_label()
        prefs_box = QGroupBox(self.tr("Preferences"))
        pf = QFormLayout(prefs_box)
        pf.addRow(self.tr("Interface language"), self.language)
        pf.addRow(self.tr("Lock after minutes without use"), self.idle)
        pf.addRow(self.prefs_error)
        pf.addRow(self.prefs_note)
        pf.addRow(self.save_prefs)
        can_prefs = role in ("admin", "officer")
        for w in (self.language, self.idle, self.save_prefs):
            w.setEnabled(can_prefs)

        content = QWidget()
        grid = QGridLayout(content)
        grid.addWidget(backup_box, 0, 0)
        grid.addWidget(verify_box, 1, 0)
        grid.addWidget(prefs_box, 2, 0)
        grid.addWidget(accounts_box, 0, 1, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)

        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore)
        self.verify_button.clicked.connect(self.verify)
        self.add_officer_button.clicked.connect(self.add_officer)
        self.disable_button.clicked.connect(self.disable_officer)
        self.save_prefs.clicked.connect(self.save_preferences)
        self.o_password2.returnPressed.connect(self.add_officer)
        self.officers.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        tab_chain(
            [
                self.backup_button,
                self.restore_button,
                self.verify_button,
                self.language,
                self.idle,
                self.save_prefs,
                self.officers,
                self.o_name,
                self.o_role,
                self.o_password,
                self.o_password2,
                self.add_officer_button,
                self.disable_button,
            ]
        )
        ctx.data_changed.connect(self._changed)
        self._update()

    # -- page protocol ------------------------------------------------------------------------
    def on_shown(self) -> None:
        if not self._loaded_once or self._dirty:
            self.refresh()

    def refresh(self) -> None:
        self._loaded_once = True
        self._dirty = False

        def job(s: Session) -> tuple[list[OfficerView], Preferences]:
            return list_officers(s), get_preferences(s)

        read_db(self.ctx, self, job, self._loaded)
        self._show_auto_backups()

    def _loaded(self, result: tuple[list[OfficerView], Preferences]) -> None:
        officers, prefs = result
        self.officer_model.set_rows(officers)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.idle.setValue(prefs.idle_lock_minutes)
        self._update()

    def _changed(self, changed: object) -> None:
        if touches(changed, SETTINGS_ENTITIES):
            if self.isVisible():
                self.refresh()
            else:
                self._dirty = True

    def _update(self) -> None:
        chosen = selected_rows(self.officers)
        me = self.ctx.inst.officer.id
        self.disable_button.setEnabled(bool(chosen) and chosen[0].active and chosen[0].id != me)

    # -- long work ------------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self._busy_text = text
        self.progress.setVisible(True)
        self.progress_label.setVisible(True)
        self.progress_label.setText(text)
        for b in (self.backup_button, self.restore_button, self.verify_button):
            b.setEnabled(False)
        self._clock.start()
        self._tick.start()

    def _show_elapsed(self) -> None:
        self.progress_label.setText(f"{self._busy_text} ({self._clock.elapsed() // 1000} s)")

    def _idle(self) -> None:
        self._tick.stop()
        self.progress.setVisible(False)
        self.progress_label.setVisible(False)
        self.backup_button.setEnabled(True)
        self.verify_button.setEnabled(True)
        self.restore_button.setEnabled(self.ctx.inst.officer.role == "admin")

    def _failed(self, exc: BaseException) -> None:
        if not alive(self):
            return
        self._idle()
        show_error(self.ctx, self, exc)

    # -- backup ---------------------------------------------------------------------------------
    def _show_auto_backups(self) -> None:
        db_path = self.ctx.inst.db.path

        def job() -> list[tuple[datetime, Path]]:
            return backup.auto_backups(db_path)

        def done(found: list[tuple[datetime, Path]]) -> None:
            if not alive(self):
                return
            folder = db_path.parent / "backups"
            if not found:
                text = self.tr(
                    "Automatic backups: none yet. hocvuso makes one at most every 12 hours, "
                    "keeps the last 10, in {folder}."
                ).format(folder=folder)
            else:
                text = self.tr(
                    "Automatic backups: {n}, the latest on {date}, in {folder} (the last 10 are "
                    "kept)."
                ).format(n=len(found), date=fmt_datetime(found[-1][0]), folder=folder)
            self.auto_info.setText(text)

        self.ctx.runner.pool(job, done, lambda exc: show_error(self.ctx, self, exc))

    def backup_now(self) -> None:
        inst = self.ctx.inst
        stamp = now().astimezone(ICT).strftime("%Y%m%d-%H%M")
        suggested = str(Path.home() / f"hocvuso-{inst.actor.commune_code}-{stamp}{backup.SUFFIX}")
        path = self.ctx.dialogs.save_file(
            self,
            self.tr("Save the backup as"),
            suggested,
            self.tr("hocvuso backups (*.hvbak)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix != backup.SUFFIX:
            target = target.with_name(target.name + backup.SUFFIX)
        self._busy(self.tr("Making the backup…"))
        # On the database worker, so that no write is half-way through the copy.
        self.ctx.runner.db(lambda: backup.make_backup(inst, target), self._backed_up, self._failed)

    def _backed_up(self, info: BackupInfo) -> None:
        if not alive(self):
            return
        self._idle()
        self.last_backup = info
        size = info.path.stat().st_size if info.path.exists() else info.db_bytes
        self.ctx.dialogs.info(
            self,
            self.tr("Backup made"),
            self.tr("The backup was saved to {path} ({size} MB, {people} people).").format(
                path=info.path,
                size=QLocale().toString(size / 1_000_000, "f", 1),
                people=fmt_int(info.counts.get("person", 0)),
            ),
        )
        self._show_auto_backups()

    # -- restore --------------------------------------------------------------------------------
    def restore(self) -> None:
        if self.ctx.inst.officer.role != "admin":
            return
        path = self.ctx.dialogs.open_file(
            self, self.tr("Choose the backup to restore"), self.tr("hocvuso backups (*.hvbak)")
        )
        if not path:
            return
        chosen = Path(path)
        self._busy(self.tr("Checking the backup…"))
        self.ctx.runner.pool(lambda: backup.inspect_backup(chosen), self._inspected, self._failed)

    def _inspected(self, info: BackupInfo) -> None:
        if not alive(self):
            return
        self._idle()
        own = self.ctx.inst.actor.commune_code
        if info.commune_code and info.commune_code != own:
            ok = self.ctx.dialogs.confirm(
                self,
                self.tr("Restore from a backup"),
                self.tr(
                    "This backup belongs to another commune (code {other}; this computer works "
                    "for {own}). Restore it anyway?"
                ).format(other=info.commune_code, own=own),
            )
            if not ok:
                return
        dlg = RestoreDialog(info, self.ctx.inst.officer.username, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.restore_dialog = dlg
        dlg.accepted.connect(
            lambda: self._restore(info, dlg.user.text().strip() or None, dlg.password.text())
        )
        dlg.open()

    def _restore(self, info: BackupInfo, username: str | None, password: str) -> None:
        old = self.ctx.inst
        db_path = old.db.path
        self._busy(self.tr("Restoring… the current data is being moved aside."))

        def job() -> RestoreInfo:
            # The caller of restore_backup closes the open database first; if the restore
            # fails, the old installation reconnects on its next use (its files are unchanged).
            old.close()
            restored = backup.restore_backup(db_path, info.path, password, username)
            # The application logs out after a restore; this copy only serves late readers.
            restored.installation.close()
            return restored

        self.ctx.runner.db(job, self._restored, self._failed)

    def _restored(self, result: RestoreInfo) -> None:
        new: Installation = result.installation
        self.ctx.inst = new
        self.ctx.notify(EVERYTHING)
        self.restored.emit(result)
        if not alive(self):
            return
        self._idle()
        made = result.backup.created_at.astimezone(ICT).strftime("%d/%m/%Y %H:%M")
        text = self.tr("The backup of {date} was restored.").format(date=made)
        if result.previous_dir is not None:
            text += " " + self.tr("The data that was replaced is kept in {folder}.").format(
                folder=result.previous_dir
            )
        text += " " + self.tr("Log in again with a password that was valid at the backup.")
        self.ctx.dialogs.info(self, self.tr("Restore finished"), text)
        window = self.window()
        logout = getattr(window, "logout_requested", None)
        if window is not self and logout is not None and hasattr(logout, "emit"):
            logout.emit()

    # -- verify ---------------------------------------------------------------------------------
    def verify(self) -> None:
        inst = self.ctx.inst
        self._busy(self.tr("Checking every page of the data file…"))
        self.ctx.runner.pool(lambda: backup.verify(inst), self._verified, self._failed)

    def _verified(self, report: VerifyReport) -> None:
        if not alive(self):
            return
        self._idle()
        self.last_verify = report
        lang = self.ctx.lang
        counts = report.counts
        figures = self.tr(
            "{people} people, {sessions} sessions, {skills} skill records; {pending} changes "
            "waiting to be sent to the province."
        ).format(
            people=fmt_int(counts.get("person", 0)),
            sessions=fmt_int(counts.get("class_session", 0)),
            skills=fmt_int(counts.get("skill_record", 0)),
            pending=fmt_int(report.outbox_pending),
        )
        if report.ok:
            self.verify_result.setText(self.tr("✔ The data is healthy.") + " " + figures)
            self.verify_result.setStyleSheet("color: #1b5e20;")
        else:
            lines = [self.tr("✖ Problems were found:")]
            lines += ["• " + m.text(lang) for m in report.problems]
            self.verify_result.setText("\n".join(lines) + "\n" + figures)
            self.verify_result.setStyleSheet("color: #b00020;")
            self.ctx.dialogs.warn(
                self, self.tr("Data check"), "\n".join(m.text(lang) for m in report.problems)
            )

    # -- accounts -------------------------------------------------------------------------------
    def add_officer(self) -> None:
        set_error(self.o_error, "")
        if self.o_password.text() != self.o_password2.text():
            set_error(self.o_error, self.tr("The two passwords are not the same."))
            self.o_password2.setFocus()
            return
        inst = self.ctx.inst
        actor, keyfile, key = inst.actor, inst.keyfile, inst.db.key
        name, password = self.o_name.text(), self.o_password.text()
        role = str(self.o_role.currentData())
        self.add_officer_button.setEnabled(False)

        def job(s: Session) -> Any:
            return add_officer(s, actor, keyfile, key, name, password, role)

        def done(out: Any) -> None:
            self.add_officer_button.setEnabled(True)
            for w in (self.o_name, self.o_password, self.o_password2):
                w.clear()
            self.ctx.dialogs.info(
                self,
                self.tr("Account added"),
                self.tr("{name} can now log in with the user name {user}.").format(
                    name=out.value.full_name, user=out.value.username
                ),
            )

        def failed(exc: BaseException) -> None:
            self.add_officer_button.setEnabled(True)
            if isinstance(exc, UserError):
                set_error(self.o_error, exc.text(self.ctx.lang))
                return
            show_error(self.ctx, self, exc)

        call_db(self.ctx, self, job, done, on_error=failed)

    def disable_officer(self) -> None:
        chosen = selected_rows(self.officers)
        if not chosen:
            return
        o: OfficerView = chosen[0]
        ok = self.ctx.dialogs.confirm(
            self,
            self.tr("Disable the account"),
            self.tr(
                "Disable the account of {name} ({user})? Their password will no longer open the "
                "data. What they recorded stays."
            ).format(name=o.full_name, user=o.username),
        )
        if not ok:
            return
        inst = self.ctx.inst
        actor, keyfile = inst.actor, inst.keyfile
        call_db(self.ctx, self, lambda s: set_officer_active(s, actor, keyfile, o.id, False))

    # -- preferences ----------------------------------------------------------------------------
    def save_preferences(self) -> None:
        set_error(self.prefs_error, "")
        actor = self.ctx.actor
        lang = str(self.language.currentData())
        minutes = self.idle.value()

        def done(out: Any) -> None:
            text = self.tr("Preferences saved.")
            if lang != self.ctx.lang:
                text += " " + self.tr("Restart hocvuso to use the new language.")
            set_error(self.prefs_error, "")
            self.prefs_note.setText(text)

        call_db(
            self.ctx,
            self,
            lambda s: save_preferences(s, actor, lang, minutes),
            done,
        )
