"""Import people from a spreadsheet: pick the file, preview off the GUI thread what would happen
to every row (accepted, rejected with every reason, likely duplicates, new villages), then
import all or nothing, or only the valid rows when the officer chooses so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.services.importing import (
    DuplicateRow,
    ImportPlan,
    ImportResult,
    PlannedRow,
    RejectedRow,
    plan_import,
    run_import,
)
from app.vocab import SEXES, TARGET_GROUPS, label
from ui.desktop.context import AppContext
from ui.desktop.models import Column, DataclassTableModel
from ui.desktop.pages import alive, call_db, show_error
from ui.desktop.pages._shared import (
    fit_columns,
    fmt_birth,
    fmt_int,
    make_table,
    read_db,
    selected_rows,
    tab_chain,
)
from ui.desktop.pages.person_form import reason_text

_CTX = "ImportDialog"


def accepted_columns(lang: str) -> tuple[Column[PlannedRow], ...]:
    def village(r: PlannedRow) -> str:
        if r.village is None:
            return ""
        return r.village + (" ✚" if r.person.village_id is None else "")

    return (
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Row"),
            lambda r: r.row_number,
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
        Column(QT_TRANSLATE_NOOP("ImportDialog", "Full name"), lambda r: r.person.full_name, _CTX),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Born"),
            lambda r: fmt_birth(r.person.birth_date, r.person.birth_year),
            _CTX,
        ),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Sex"),
            lambda r: label(SEXES, r.person.sex, lang),
            _CTX,
        ),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "ID number"), lambda r: r.person.id_number or "", _CTX
        ),
        Column(QT_TRANSLATE_NOOP("ImportDialog", "Phone"), lambda r: r.person.phone or "", _CTX),
        Column(QT_TRANSLATE_NOOP("ImportDialog", "Village"), village, _CTX),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Target group"),
            lambda r: label(TARGET_GROUPS, r.person.target_group, lang),
            _CTX,
        ),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Warnings"),
            lambda r: "; ".join(m.text(lang) for m in r.warnings),
            _CTX,
            tooltip=lambda r: "\n".join(m.text(lang) for m in r.warnings),
        ),
    )


def rejected_columns(lang: str) -> tuple[Column[RejectedRow], ...]:
    return (
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Row"),
            lambda r: r.row_number,
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Problems"),
            lambda r: " • ".join(m.text(lang) for m in r.reasons),
            _CTX,
            tooltip=lambda r: "\n".join("• " + m.text(lang) for m in r.reasons),
        ),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "What the row says"),
            lambda r: " | ".join(f"{h}: {v}" for h, v in r.values),
            _CTX,
        ),
    )


class DuplicateTexts:
    """What the duplicates table needs beyond the rows: the names of the file's rows, which
    rows will be created anyway, and the translated words (kept by the dialog)."""

    def __init__(self, of_row: str, created: str, skipped: str) -> None:
        self.of_row, self.created_word, self.skipped_word = of_row, created, skipped
        self.names: dict[int, str] = {}
        self.created: set[int] = set()


def duplicate_columns(lang: str, t: DuplicateTexts) -> tuple[Column[DuplicateRow], ...]:
    def resembles(d: DuplicateRow) -> str:
        if d.existing is not None:
            born = fmt_birth(d.existing.birth_date, d.existing.birth_year)
            return f"{d.existing.full_name} ({born})" if born else d.existing.full_name
        return t.of_row.format(n=d.other_row)

    return (
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Row"),
            lambda d: d.row_number,
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Full name"),
            lambda d: t.names.get(d.row_number),
            _CTX,
        ),
        Column(QT_TRANSLATE_NOOP("ImportDialog", "Resembles"), resembles, _CTX),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Why"),
            lambda d: ", ".join(reason_text(r) for r in d.reasons),
            _CTX,
            tooltip=lambda d: d.message.text(lang),
        ),
        Column(
            QT_TRANSLATE_NOOP("ImportDialog", "Will be"),
            lambda d: t.created_word if d.row_number in t.created else t.skipped_word,
            _CTX,
        ),
    )


class ImportDialog(QDialog):
    """`choose_file()` asks for the file and starts the preview; nothing is written until the
    officer presses Import."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dups = DuplicateTexts(
            self.tr("row {n} of the file"), self.tr("created anyway"), self.tr("skipped")
        )
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self._ticket = 0
        self._writing = False
        self._busy_text = ""
        self.setWindowTitle(self.tr("Import people from a spreadsheet"))

        self.file_label = QLabel(self.tr("No file chosen yet."))
        self.file_label.setWordWrap(True)
        self.choose = QPushButton(self.tr("Choose another file…"))
        self.choose.setAccessibleName(self.tr("Choose another file"))
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.notices.setAccessibleName(self.tr("Notes about the file"))
        self.notices.setVisible(False)

        lang = ctx.lang
        self.accepted_model: DataclassTableModel[PlannedRow] = DataclassTableModel(
            accepted_columns(lang), key=lambda r: r.row_number, parent=self
        )
        self.rejected_model: DataclassTableModel[RejectedRow] = DataclassTableModel(
            rejected_columns(lang), key=lambda r: r.row_number, parent=self
        )
        self.duplicates_model: DataclassTableModel[DuplicateRow] = DataclassTableModel(
            duplicate_columns(lang, self._dups), key=lambda d: d.row_number, parent=self
        )
        self.villages_model: DataclassTableModel[str] = DataclassTableModel(
            (Column(QT_TRANSLATE_NOOP("ImportDialog", "New village"), lambda v: v, _CTX),),
            key=lambda v: v,
            parent=self,
        )
        self.accepted_table = make_table(self.accepted_model, self.tr("Accepted rows"))
        self.rejected_table = make_table(self.rejected_model, self.tr("Rejected rows"))
        self.duplicates_table = make_table(self.duplicates_model, self.tr("Likely duplicates"))
        self.villages_table = make_table(self.villages_model, self.tr("New villages"))
        cw = self.fontMetrics().averageCharWidth()
        fit_columns(
            self.accepted_table,
            (
                "000",
                "Công Tằng Tôn Nữ Thị Thuỳ An",
                "00/00/0000",
                "Nam",
                "000000000000",
                "0000000000",
                "Tổ dân phố Phùng Chí Kiên",
                "Người lao động trong",
                None,
            ),
            stretch=8,
        )
        fit_columns(self.rejected_table, ("000", None, "Họ và tên: Công Tằng Tôn Nữ Thị"), 1)
        fit_columns(
            self.duplicates_table,
            ("000", "Công Tằng Tôn Nữ Thị Thuỳ An", "Công Tằng Tôn Nữ Thị (1958)", None, "vẫn tạo"),
            stretch=3,
        )
        self.rejected_table.horizontalHeader().setStretchLastSection(True)
        self.rejected_table.horizontalHeader().resizeSection(1, cw * 70)

        # Every reason of the selected rejected row, in full.
        self.reasons = QPlainTextEdit()
        self.reasons.setReadOnly(True)
        self.reasons.setAccessibleName(self.tr("Problems of the selected row"))
        self.reasons.setPlaceholderText(self.tr("Select a row to see all its problems."))
        self.reasons.setTabChangesFocus(True)
        rejected_page = QSplitter(Qt.Orientation.Vertical)
        rejected_page.addWidget(self.rejected_table)
        rejected_page.addWidget(self.reasons)
        rejected_page.setStretchFactor(0, 3)
        rejected_page.setStretchFactor(1, 1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Preview"))
        self.tabs.addTab(self.accepted_table, "")
        self.tabs.addTab(rejected_page, "")
        self.tabs.addTab(self.duplicates_table, "")
        self.tabs.addTab(self.villages_table, "")
        self._tab_titles()

        self.partial = QCheckBox(
            self.tr("Import only the valid rows and leave out the rejected ones")
        )
        self.partial.setAccessibleName(self.tr("Import only the valid rows"))
        self.create_duplicates = QCheckBox(
            self.tr(
                "Also create the likely duplicates (only when you checked they are other people)"
            )
        )
        self.create_duplicates.setAccessibleName(self.tr("Also create the likely duplicates"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What the import will do"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setVisible(False)
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._show_elapsed)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setAccessibleName(self.tr("Import"))
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.notices)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.partial)
        lay.addWidget(self.create_duplicates)
        lay.addWidget(self.summary)
        prog = QHBoxLayout()
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.progress_label)
        lay.addLayout(prog)
        lay.addWidget(self.buttons)

        self.choose.clicked.connect(self.choose_file)
        self.partial.toggled.connect(lambda _b: self._update_summary())
        self.create_duplicates.toggled.connect(lambda _b: self._update_summary())
        self.rejected_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._show_reasons()
        )
        tab_chain(
            [
                self.choose,
                self.tabs,
                self.accepted_table,
                self.rejected_table,
                self.reasons,
                self.duplicates_table,
                self.villages_table,
                self.partial,
                self.create_duplicates,
                self.import_button,
                self.close_button,
            ]
        )
        self.resize(cw * 150, self.fontMetrics().height() * 36)

    # -- choosing and previewing --------------------------------------------------------------
    def choose_file(self) -> bool:
        path = self.ctx.dialogs.open_file(
            self,
            self.tr("Choose the list of people"),
            self.tr("Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)"),
        )
        if not path:
            return False
        self.preview(Path(path))
        return True

    def preview(self, path: Path) -> None:
        self.path = path
        self.plan = None
        self.file_label.setText(self.tr("File: {name}").format(name=path.name))
        for m in (
            self.accepted_model,
            self.rejected_model,
            self.duplicates_model,
            self.villages_model,
        ):
            m.set_rows([])
        self._tab_titles()
        self.notices.setVisible(False)
        self._busy(self.tr("Reading the file and checking every row…"))
        self._ticket += 1
        ticket = self._ticket
        actor = self.ctx.actor

        def job(s: Session) -> ImportPlan:
            return plan_import(s, actor, path)

        read_db(
            self.ctx,
            self,
            job,
            lambda plan: self._planned(ticket, plan),
            on_error=self._failed,
        )

    def _planned(self, ticket: int, plan: ImportPlan) -> None:
        if ticket != self._ticket:
            return
        self._idle()
        self.plan = plan
        lang = self.ctx.lang
        self._dups.names = {r.row_number: r.person.full_name for r in plan.accepted}
        self.accepted_model.set_rows(plan.accepted)
        self.rejected_model.set_rows(plan.rejected)
        self.villages_model.set_rows(plan.new_villages)
        self._tab_titles()
        lines = [m.text(lang) for m in plan.notices]
        if plan.legacy_encoding:
            lines.append(
                self.tr("Old Vietnamese text encoding ({enc}) was detected and converted.").format(
                    enc=plan.legacy_encoding
                )
            )
        if plan.unknown_headers:
            lines.append(
                self.tr("Columns not used: {cols}.").format(
                    cols=", ".join(f"“{h}”" for h in plan.unknown_headers)
                )
            )
        where = self.tr("Header on row {row}").format(row=plan.header_row)
        if plan.sheet_name:
            where = self.tr("Sheet “{sheet}”, header on row {row}").format(
                sheet=plan.sheet_name, row=plan.header_row
            )
        self.file_label.setText(
            self.tr("File: {name} — {where}").format(name=plan.source, where=where)
        )
        self.notices.setText("\n".join("• " + line for line in lines))
        self.notices.setVisible(bool(lines))
        if plan.rejected and not plan.accepted:
            self.tabs.setCurrentIndex(1)
        self._update_summary()

    def _tab_titles(self) -> None:
        plan = self.plan
        n = (
            (len(plan.accepted), len(plan.rejected), len(plan.duplicates), len(plan.new_villages))
            if plan
            else (0, 0, 0, 0)
        )
        titles = (
            self.tr("Accepted ({n})"),
            self.tr("Rejected ({n})"),
            self.tr("Likely duplicates ({n})"),
            self.tr("New villages ({n})"),
        )
        for i, (t, k) in enumerate(zip(titles, n, strict=True)):
            self.tabs.setTabText(i, t.format(n=fmt_int(k)))

    def _show_reasons(self) -> None:
        rows = selected_rows(self.rejected_table)
        if not rows:
            self.reasons.clear()
            return
        r: RejectedRow = rows[0]
        lang = self.ctx.lang
        text = [self.tr("Row {n}:").format(n=r.row_number)]
        text += ["• " + m.text(lang) for m in r.reasons]
        text += ["", *(f"{h}: {v}" for h, v in r.values)]
        self.reasons.setPlainText("\n".join(text))

    def _update_summary(self) -> None:
        plan = self.plan
        if plan is None:
            self.import_button.setEnabled(False)
            return
        create = plan.rows_to_create(not self.create_duplicates.isChecked())
        self._dups.created = {r.row_number for r in create}
        self.duplicates_model.set_rows(plan.duplicates)
        skipped = len(plan.accepted) - len(create)
        parts = [
            self.tr("{n} people will be created").format(n=fmt_int(len(create))),
            self.tr("{n} skipped as duplicates").format(n=fmt_int(skipped)),
        ]
        if plan.new_villages:
            parts.append(self.tr("{n} new villages").format(n=fmt_int(len(plan.new_villages))))
        text = ", ".join(parts) + "."
        blocked = bool(plan.rejected) and not self.partial.isChecked()
        if plan.rejected:
            if blocked:
                text += " " + self.tr(
                    "{n} rows have problems: fix them in the file and choose it again, or tick "
                    "“Import only the valid rows”. Nothing is written until then."
                ).format(n=fmt_int(len(plan.rejected)))
            else:
                text += " " + self.tr("{n} rows with problems will be left out.").format(
                    n=fmt_int(len(plan.rejected))
                )
        self.summary.setText(text)
        self.partial.setEnabled(bool(plan.rejected))
        self.import_button.setEnabled(bool(create) and not blocked)

    # -- importing ----------------------------------------------------------------------------
    def run(self) -> None:
        if self.plan is None or self.path is None or not self.import_button.isEnabled():
            return
        path = self.path
        actor = self.ctx.actor
        partial = self.partial.isChecked()
        skip = not self.create_duplicates.isChecked()
        self._busy(self.tr("Importing… the window stays usable."), writing=True)

        def job(s: Session) -> ImportResult:
            return run_import(s, actor, path, allow_partial=partial, skip_duplicates=skip)

        call_db(self.ctx, self, job, self._imported, on_error=self._failed)

    def _imported(self, result: ImportResult) -> None:
        self.import_result = result
        changed = tuple(("person", pid) for pid in result.person_ids)
        if result.villages_created:
            changed += (("village", ""),)
        self.ctx.notify(changed)
        if not alive(self):
            return
        self._idle()
        lines = [self.tr("{n} people were imported.").format(n=fmt_int(result.created))]
        if result.skipped_duplicates:
            lines.append(
                self.tr("{n} likely duplicates were skipped.").format(
                    n=fmt_int(result.skipped_duplicates)
                )
            )
        if result.rejected:
            lines.append(
                self.tr("{n} rows with problems were left out.").format(
                    n=fmt_int(len(result.rejected))
                )
            )
        if result.villages_created:
            lines.append(
                self.tr("New villages: {names}.").format(names=", ".join(result.villages_created))
            )
        self.ctx.dialogs.info(self, self.tr("Import finished"), "\n".join(lines))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not alive(self):
            return
        self._idle()
        self._update_summary()
        show_error(self.ctx, self, exc)

    def _busy(self, text: str, *, writing: bool = False) -> None:
        self.progress.setVisible(True)
        self.progress_label.setVisible(True)
        self.progress_label.setText(text)
        self.import_button.setEnabled(False)
        self.choose.setEnabled(False)
        self._clock.start()
        self._tick.start()
        self._busy_text = text
        self._writing = writing

    def _show_elapsed(self) -> None:
        secs = self._clock.elapsed() // 1000
        self.progress_label.setText(f"{self._busy_text} ({secs} s)")

    def _idle(self) -> None:
        self._writing = False
        self._tick.stop()
        self.progress.setVisible(False)
        self.progress_label.setVisible(False)
        self.choose.setEnabled(True)

    def reject(self) -> None:
        if self._writing:
            # An import is being written: closing now would hide its result.
            return
        super().reject()


__all__ = ["ImportDialog"]
