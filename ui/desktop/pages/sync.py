"""The sync screen: enrolment with the provincial server, the sync status (server, device,
pending records, last success, last problem, clock warning), "Sync now" with progress and
Cancel, and the records the server quarantined or found in conflict, with its reasons and the
officer's actions (open the person to fix it, resend, keep mine, use the server's version)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync.client import EnrolResult, SyncProgress, SyncReport, enrol
from sync.issues import IssueView, SyncStatus, keep_mine, list_issues, resend, use_server_version
from ui.desktop.context import AppContext
from ui.desktop.models import Column, DataclassTableModel
from ui.desktop.pages import alive, fmt_datetime, show_error
from ui.desktop.pages._shared import make_table, selected_rows, size_small_table
from ui.desktop.sync_worker import SyncController, cannot_connect

_CTX = "SyncPage"
SKEW_WARN_S = 300.0


def issue_columns(lang: str, rejected: str, conflict: str) -> tuple[Column[IssueView], ...]:
    def reasons(i: IssueView) -> str:
        return "; ".join(m.text(lang) for m in i.reasons)

    return (
        Column(
            QT_TRANSLATE_NOOP("SyncPage", "Name or record"), lambda i: i.label or i.record_id, _CTX
        ),
        Column(
            QT_TRANSLATE_NOOP("SyncPage", "Problem"),
            lambda i: rejected if i.kind == "rejected" else conflict,
            _CTX,
        ),
        Column(
            QT_TRANSLATE_NOOP("SyncPage", "The server's reasons"),
            reasons,
            _CTX,
            tooltip=lambda i: "\n".join(m.text(lang) for m in i.reasons),
        ),
        Column(QT_TRANSLATE_NOOP("SyncPage", "When"), lambda i: fmt_datetime(i.at), _CTX),
    )


class SyncPage(QWidget):
    """Built as `SyncPage(ctx, controller)`; without a controller it makes its own."""

    def __init__(
        self, ctx: AppContext, controller: SyncController | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller or SyncController(ctx, parent=self)
        self._build()
        c = self.controller
        c.status_changed.connect(self._show_status)
        c.running_changed.connect(self._running_changed)
        c.progress_changed.connect(self._progress)
        c.finished.connect(self._finished)
        c.failed.connect(lambda e: show_error(self.ctx, self, e))
        ctx.data_changed.connect(self._data_changed)
        if c.status is not None:
            self._show_status(c.status)

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = heading = QLabel(self.tr("Sync with the province"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)

        self.enrol_box = QGroupBox(self.tr("Enrol this laptop"), self)
        self.url_edit = QLineEdit(self.enrol_box)
        self.url_edit.setPlaceholderText("https://dongbo.thainguyen.gov.vn")
        self.url_edit.setAccessibleName(self.tr("Server address"))
        self.code_edit = QLineEdit(self.enrol_box)
        self.code_edit.setAccessibleName(self.tr("Enrolment code"))
        self.enrol_button = QPushButton(self.tr("Enrol"), self.enrol_box)
        self.enrol_button.setAccessibleName(self.tr("Enrol with the provincial server"))
        self.enrol_button.clicked.connect(self.do_enrol)
        self.code_edit.returnPressed.connect(self.do_enrol)
        form = QFormLayout(self.enrol_box)
        form.addRow(
            QLabel(
                self.tr(
                    "Ask the province for an enrolment code, then type the server address and "
                    "the code."
                )
            )
        )
        form.addRow(self.tr("Server address"), self.url_edit)
        form.addRow(self.tr("Enrolment code"), self.code_edit)
        form.addRow("", self.enrol_button)

        self.status_box = QGroupBox(self.tr("Status"), self)
        self.server_value = QLabel(self.status_box)
        self.server_value.setAccessibleName(self.tr("Server"))
        self.device_value = QLabel(self.status_box)
        self.device_value.setAccessibleName(self.tr("Commune code"))
        self.pending_value = QLabel(self.status_box)
        self.pending_value.setAccessibleName(self.tr("Records waiting to be sent"))
        self.last_value = QLabel(self.status_box)
        self.last_value.setAccessibleName(self.tr("Last successful sync"))
        self.error_value = QLabel(self.status_box)
        self.error_value.setWordWrap(True)
        self.error_value.setAccessibleName(self.tr("Last problem"))
        self.skew_value = QLabel(self.status_box)
        self.skew_value.setWordWrap(True)
        self.skew_value.setAccessibleName(self.tr("Clock warning"))
        self.skew_value.hide()
        sform = QFormLayout(self.status_box)
        sform.addRow(self.tr("Server"), self.server_value)
        sform.addRow(self.tr("Commune code"), self.device_value)
        sform.addRow(self.tr("Waiting to be sent"), self.pending_value)
        sform.addRow(self.tr("Last success"), self.last_value)
        sform.addRow(self.tr("Last problem"), self.error_value)
        sform.addRow(self.skew_value)

        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the sync"))
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()
        self.progress_text = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_text, 1)

        self.issues_box = QGroupBox(self.tr("Records to fix"), self)
        self.model = DataclassTableModel[IssueView](
            issue_columns(self.ctx.lang, self.tr("refused"), self.tr("conflict")),
            key=lambda i: i.record_id,
            parent=self,
        )
        self.view = make_table(self.model, self.tr("Records the server refused or conflicts"))
        size_small_table(self.view, [2])
        self.view.doubleClicked.connect(lambda _i: self.open_record())
        self.empty_label = QLabel(self.tr("No records need attention."), self.issues_box)
        self.open_button = QPushButton(self.tr("Open to fix…"), self.issues_box)
        self.open_button.setAccessibleName(self.tr("Open the record to fix it"))
        self.open_button.clicked.connect(self.open_record)
        self.resend_button = QPushButton(self.tr("Resend"), self.issues_box)
        self.resend_button.setAccessibleName(self.tr("Send the fixed record again"))
        self.resend_button.clicked.connect(self.resend_selected)
        self.keep_button = QPushButton(self.tr("Keep this laptop's version"), self.issues_box)
        self.keep_button.setAccessibleName(self.tr("Keep this laptop's version"))
        self.keep_button.clicked.connect(self.keep_selected)
        self.server_button = QPushButton(self.tr("Use the server's version"), self.issues_box)
        self.server_button.setAccessibleName(self.tr("Use the server's version"))
        self.server_button.clicked.connect(self.use_server_selected)
        actions = QHBoxLayout()
        for b in (self.open_button, self.resend_button, self.keep_button, self.server_button):
            actions.addWidget(b)
        actions.addStretch(1)
        ilay = QVBoxLayout(self.issues_box)
        ilay.addWidget(self.empty_label)
        ilay.addWidget(self.view, 1)
        ilay.addLayout(actions)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(self.enrol_box)
        lay.addWidget(self.status_box)
        lay.addLayout(row)
        lay.addWidget(self.issues_box, 1)
        self.status_box.hide()
        self.issues_box.setEnabled(True)
        self._update_actions()

    # -- loading -----------------------------------------------------------------------------
    def on_shown(self) -> None:
        self.controller.refresh()
        self.load_issues()

    def _data_changed(self, changed: object) -> None:
        if self.isVisible():
            self.load_issues()

    def load_issues(self) -> None:
        db = self.ctx.inst.db
        self.ctx.runner.pool(
            lambda: list_issues(db), self._got_issues, lambda e: show_error(self.ctx, self, e)
        )

    def _got_issues(self, items: list[IssueView]) -> None:
        if not alive(self):
            return
        self.model.set_rows(items)
        self.empty_label.setVisible(not items)
        self._update_actions()

    def _show_status(self, st: SyncStatus) -> None:
        if not alive(self):
            return
        self.enrol_box.setVisible(not st.enrolled)
        self.status_box.setVisible(st.enrolled)
        self.sync_button.setEnabled(st.enrolled and not self.controller.running)
        self.server_value.setText(st.server_url or "")
        self.device_value.setText(st.commune_code or "")
        self.pending_value.setText(str(st.pending))
        self.last_value.setText(fmt_datetime(st.last_success_at) or self.tr("never"))
        if st.last_error is None:
            self.error_value.setText(self.tr("no problem"))
        elif cannot_connect(st):
            self.error_value.setText(
                self.tr("Cannot connect to the server. Nothing is lost: the records wait here.")
                + "\n"
                + st.last_error.text(self.ctx.lang)
            )
        else:
            self.error_value.setText(st.last_error.text(self.ctx.lang))
        skew = st.clock_skew_s
        if skew is not None and abs(skew) >= SKEW_WARN_S:
            self.skew_value.setText(
                self.tr(
                    "This laptop's clock differs from the server's by about {n} minutes. "
                    "Please set the date and time."
                ).format(n=round(abs(skew) / 60))
            )
            self.skew_value.show()
        else:
            self.skew_value.hide()

    # -- enrolment ---------------------------------------------------------------------------
    def do_enrol(self) -> None:
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        if not url or not code:
            self.ctx.dialogs.warn(
                self,
                self.tr("Enrol this laptop"),
                self.tr("Type the server address and the enrolment code from the province."),
            )
            return
        self.enrol_button.setEnabled(False)
        db, cfg, wait = self.ctx.inst.db, self.controller.config, self.controller.max_wait
        self.ctx.runner.pool(
            lambda: enrol(db, url, code, max_wait=wait, config=cfg),
            self._enrolled,
            self._enrol_failed,
        )

    def _enrolled(self, res: EnrolResult) -> None:
        if not alive(self):
            return
        self.enrol_button.setEnabled(True)
        self.code_edit.clear()
        self.ctx.dialogs.info(
            self,
            self.tr("Enrol this laptop"),
            self.tr("This laptop is enrolled with {url} for commune {commune}.").format(
                url=res.server_url, commune=res.commune_code
            ),
        )
        self.controller.start()

    def _enrol_failed(self, exc: BaseException) -> None:
        if alive(self):
            self.enrol_button.setEnabled(True)
        show_error(self.ctx, self, exc)

    # -- syncing -----------------------------------------------------------------------------
    def sync_now(self) -> None:
        self.controller.sync_now()

    def _running_changed(self, running: bool) -> None:
        if not alive(self):
            return
        self.sync_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        self.progress_text.setText(self.tr("Syncing…") if running else "")

    def _progress(self, p: object) -> None:
        if not alive(self) or not isinstance(p, SyncProgress):
            return
        if p.phase == "push" and p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
            self.progress_text.setText(
                self.tr("Sending {done}/{total}…").format(done=p.done, total=p.total)
            )
        elif p.phase == "wait":
            self.progress_text.setText(self.tr("Waiting for the server, trying again…"))
        elif p.phase == "pull":
            self.progress_text.setText(self.tr("Receiving catalogues…"))

    def _finished(self, report: SyncReport) -> None:
        if alive(self):
            self.load_issues()

    # -- actions on a record -----------------------------------------------------------------
    def selected(self) -> IssueView | None:
        rows = selected_rows(self.view)
        return rows[0] if rows else None

    def _update_actions(self) -> None:
        it = self.selected()
        self.open_button.setEnabled(it is not None and it.entity == "person")
        self.resend_button.setEnabled(it is not None and it.kind == "rejected")
        conflict = it is not None and it.kind == "conflict"
        self.keep_button.setEnabled(conflict)
        self.server_button.setEnabled(conflict)

    def open_record(self) -> None:
        it = self.selected()
        if it is None or it.entity != "person":
            return
        from ui.desktop.pages.person_form import PersonFormDialog

        dlg = PersonFormDialog(self.ctx, self, person_id=it.record_id)
        try:
            dlg.exec()
        finally:
            dlg.deleteLater()
        self.load_issues()

    def _issue_action(self, fn: Any, done_text: str) -> None:
        it = self.selected()
        if it is None:
            return
        rid = it.record_id

        def after(_result: object) -> None:
            if not alive(self):
                return
            self.progress_text.setText(done_text)
            self.load_issues()
            self.controller.refresh()
            self.controller.sync_now()

        self.ctx.runner.db(lambda: fn(rid), after, lambda e: show_error(self.ctx, self, e))

    def resend_selected(self) -> None:
        db = self.ctx.inst.db
        self._issue_action(lambda rid: resend(db, rid), self.tr("Queued to send again."))

    def keep_selected(self) -> None:
        db, actor = self.ctx.inst.db, self.ctx.actor
        self._issue_action(
            lambda rid: keep_mine(db, actor, rid), self.tr("This laptop's version will be sent.")
        )

    def use_server_selected(self) -> None:
        db = self.ctx.inst.db
        self._issue_action(
            lambda rid: use_server_version(db, rid), self.tr("The server's version was accepted.")
        )
