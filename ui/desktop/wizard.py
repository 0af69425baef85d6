"""The first-run wizard: language, province and commune, the first (administrator) officer, then
the encrypted database is created off the GUI thread and the recovery key is shown once, with
the option to print it. The officer cannot finish without confirming the key is kept."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import UserError
from app.installation import Installation, init_installation
from app.keystore import MIN_PASSWORD_LEN, KdfParams, username_for
from app.reference import CommuneInfo, province_communes
from app.vntext import fold, nfc
from ui.desktop.dialogs import current_lang
from ui.desktop.models import Column, DataclassTableModel, FoldFilterProxy
from ui.desktop.tasks import TaskRunner

DEFAULT_PROVINCE = "19"  # Thái Nguyên

PrintFn = Callable[[QWidget, str, str], None]


def print_recovery_key(parent: QWidget, title: str, html: str) -> None:
    """Print a small page with the recovery key through the system print dialog."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dlg = QPrintDialog(printer, parent)
    if dlg.exec() == QPrintDialog.DialogCode.Accepted:
        doc = QTextDocument()
        doc.setHtml(html)
        doc.print_(printer)


def provinces() -> list[tuple[str, str]]:
    """(code, name) of the 34 provinces, Thái Nguyên first, the rest by name."""
    from vietnam_provinces import Province

    items = [(f"{int(p.code):02d}", p.name) for p in Province.iter_all()]
    items.sort(key=lambda p: (p[0] != DEFAULT_PROVINCE, fold(p[1])))
    return items


class LanguagePage(QWizardPage):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to hocvuso"))
        self.setSubTitle(
            self.tr(
                "The record book of the digital-skills movement for your commune. These steps "
                "set it up on this computer."
            )
        )
        self.vi = QRadioButton("Tiếng Việt", self)
        self.en = QRadioButton("English", self)
        self.vi.setAccessibleName("Tiếng Việt")
        self.en.setAccessibleName("English")
        self.group = QButtonGroup(self)
        self.group.addButton(self.vi)
        self.group.addButton(self.en)
        (self.en if lang.startswith("en") else self.vi).setChecked(True)
        label = QLabel(self.tr("Language of the program"), self)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.vi)
        lay.addWidget(self.en)
        lay.addStretch(1)

    def lang(self) -> str:
        return "en" if self.en.isChecked() else "vi"


def _commune_label(c: CommuneInfo) -> str:
    return f"{c.name} ({c.code})"


class CommunePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Your commune"))
        self.setSubTitle(
            self.tr("Choose the province, then your commune or ward. Type without accents.")
        )
        self.province = QComboBox(self)
        self.province.setAccessibleName(self.tr("Province"))
        for code, name in provinces():
            self.province.addItem(name, code)
        self.search = QLineEdit(self)
        self.search.setAccessibleName(self.tr("Search communes"))
        self.search.setPlaceholderText(self.tr("e.g. duc xuan"))
        self.search.setClearButtonEnabled(True)
        self.model = DataclassTableModel[CommuneInfo](
            (
                Column(
                    QT_TRANSLATE_NOOP("CommunePage", "Commune"),
                    _commune_label,
                    context="CommunePage",
                ),
            ),
            key=lambda c: c.code,
            parent=self,
        )
        self.proxy = FoldFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(self.tr("Communes"))
        self.chosen_label = QLabel(self)
        self.chosen_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Province"), self.province)
        form.addRow(self.tr("Search"), self.search)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.chosen_label)
        self.province.currentIndexChanged.connect(self._load)
        self.search.textChanged.connect(self._filter)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._chosen())
        self.search.installEventFilter(self)
        self._load()

    def _load(self) -> None:
        code = str(self.province.currentData())
        communes = sorted(province_communes(code), key=lambda c: fold(c.name))
        self.model.set_rows(communes)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.list.setCurrentIndex(self.proxy.index(-1, -1))
        self._chosen()

    def _chosen(self) -> None:
        c = self.commune()
        self.chosen_label.setText(
            self.tr("Chosen: {name}, {province}").format(name=c.name, province=c.province_name)
            if c
            else self.tr("No commune matches. Check the spelling or the province.")
        )
        self.completeChanged.emit()

    def commune(self) -> CommuneInfo | None:
        idx = self.list.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(idx).row())

    def isComplete(self) -> bool:
        return self.commune() is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.proxy.rowCount():
                row = self.list.currentIndex().row()
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = max(0, min(self.proxy.rowCount() - 1, row + step))
                self.list.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return super().eventFilter(watched, event)


class OfficerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The first officer account"))
        self.setSubTitle(
            self.tr(
                "This account is the administrator: it can add the accounts of other officers "
                "and team members later."
            )
        )
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Officer's full name"))
        self.username = QLabel(self)
        self.username.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.password2 = QLineEdit(self)
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2.setAccessibleName(self.tr("Repeat password"))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Officer's full name"), self.name)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.password2)
        form.addRow(self.hint)
        for w in (self.name, self.password, self.password2):
            w.textChanged.connect(self._changed)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the data"))
        self._changed()

    def _changed(self) -> None:
        name = nfc(self.name.text())
        self.username.setText(username_for(name) if name else "")
        pw, pw2 = self.password.text(), self.password2.text()
        if pw and len(pw) < MIN_PASSWORD_LEN:
            self.hint.setText(
                self.tr("The password needs at least {n} characters.").format(n=MIN_PASSWORD_LEN)
            )
        elif pw2 and pw != pw2:
            self.hint.setText(self.tr("The two passwords do not match."))
        else:
            self.hint.setText(
                self.tr(
                    "Choose a password of at least {n} characters that others cannot guess."
                ).format(n=MIN_PASSWORD_LEN)
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        pw = self.password.text()
        return (
            bool(nfc(self.name.text()))
            and len(pw) >= MIN_PASSWORD_LEN
            and pw == self.password2.text()
        )


class CreatePage(QWizardPage):
    """Creates the data (Argon2id and the schema take a few seconds), then shows the key."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Recovery key"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Creating the data"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.explain = QLabel(
            self.tr(
                "Write this recovery key on paper and keep it in a safe place, away from the "
                "computer. It is shown only this once. If every password is forgotten, it is "
                "the only way to open the data."
            ),
            self,
        )
        self.explain.setWordWrap(True)
        self.key = QLabel(self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 10) * 1.5)
        mono.setWeight(QFont.Weight.Bold)
        self.key.setFont(mono)
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print the recovery key…"), self)
        self.print_button.setAccessibleName(self.tr("Print the recovery key"))
        self.kept = QCheckBox(self.tr("I have written down or printed the recovery key"), self)
        self.kept.setAccessibleName(self.tr("I have written down or printed the recovery key"))
        self.retry = QPushButton(self.tr("Try again"), self)
        self.retry.setAccessibleName(self.tr("Try again"))
        self.retry.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.explain)
        lay.addWidget(self.key)
        lay.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.kept)
        lay.addWidget(self.retry)
        lay.addStretch(1)
        self.kept.toggled.connect(lambda _on: self.completeChanged.emit())
        self.print_button.clicked.connect(self._print)
        self.retry.clicked.connect(self.initializePage)
        self._show_key(None)

    def _show_key(self, recovery: str | None) -> None:
        ready = recovery is not None
        for w in (self.explain, self.key, self.print_button, self.kept):
            w.setVisible(ready)
        self.key.setText(recovery or "")
        self.completeChanged.emit()

    def initializePage(self) -> None:
        if self._wizard.installation is not None:
            return
        self.retry.hide()
        self.progress.show()
        self.status.setText(self.tr("Creating the encrypted data for your commune…"))
        self._wizard.create_data(self._created, self._failed)

    def _created(self, recovery: str) -> None:
        self.progress.hide()
        self.status.setText(
            self.tr("The data was created. Your user name is {user}.").format(
                user=self._wizard.installation.officer.username if self._wizard.installation else ""
            )
        )
        self._show_key(recovery)
        self.kept.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        if isinstance(exc, UserError):
            self.status.setText(exc.text(current_lang()))
        else:
            from ui.crash import write_crash_report

            with contextlib.suppress(OSError):
                write_crash_report(type(exc), exc.__traceback__)
            self.status.setText(
                self.tr("The data could not be created because of an unexpected error.")
            )
        self.retry.show()

    def _print(self) -> None:
        inst = self._wizard.installation
        title = self.tr("hocvuso recovery key")
        html = (
            f"<h2>{title}</h2>"
            f"<p>{inst.commune_name if inst else ''}</p>"
            f"<p style='font-family:monospace;font-size:20pt'><b>{self.key.text()}</b></p>"
            "<p>"
            + self.tr(
                "Keep this paper in a safe place. It opens the data if every password is forgotten."
            )
            + "</p>"
        )
        self._wizard.printer(self, title, html)
        self._wizard.printed = True

    def isComplete(self) -> bool:
        return self._wizard.installation is not None and self.kept.isChecked()


class FirstRunWizard(QWizard):
    """`installation` is open (the administrator is logged in) once the wizard is accepted.
    `language_changed` asks the caller to restart the wizard in the chosen language."""

    language_changed = Signal(str)

    def __init__(
        self,
        db_path: Path,
        runner: TaskRunner,
        lang: str = "vi",
        *,
        kdf: KdfParams | None = None,
        printer: PrintFn = print_recovery_key,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.runner = runner
        self.kdf = kdf
        self.printer = printer
        self.printed = False
        self.installation: Installation | None = None
        self.recovery: str | None = None
        self.setWindowTitle(self.tr("Set up hocvuso"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.language_page = LanguagePage(lang)
        self.commune_page = CommunePage()
        self.officer_page = OfficerPage()
        self.create_page = CreatePage(self)
        for p in (self.language_page, self.commune_page, self.officer_page, self.create_page):
            self.addPage(p)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Start using hocvuso"))
        self._initial_lang = "en" if lang.startswith("en") else "vi"
        self.language_page.group.buttonToggled.connect(self._lang_toggled)
        for which in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CancelButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CommitButton,
        ):
            b = self.button(which)
            b.setAccessibleName(b.text().replace("&", ""))
        self.setMinimumSize(
            self.fontMetrics().averageCharWidth() * 80, self.fontMetrics().height() * 30
        )

    def lang(self) -> str:
        return self.language_page.lang()

    def _lang_toggled(self, _button: object, checked: bool) -> None:
        if checked and self.lang() != self._initial_lang:
            self.language_changed.emit(self.lang())

    def create_data(
        self, on_done: Callable[[str], None], on_error: Callable[[BaseException], None]
    ) -> None:
        commune = self.commune_page.commune()
        assert commune is not None
        path, name, pw, kdf, lang = (
            self.db_path,
            self.officer_page.name.text(),
            self.officer_page.password.text(),
            self.kdf,
            self.lang(),
        )

        def job() -> tuple[Installation, str]:
            inst, recovery = init_installation(path, commune.code, name, pw, kdf=kdf)
            inst.db.set_setting("language", lang)
            return inst, recovery

        def done(result: tuple[Installation, str]) -> None:
            self.installation, self.recovery = result
            self.button(QWizard.WizardButton.CancelButton).setEnabled(False)
            on_done(result[1])

        self.runner.db(job, done, on_error)

    def reject(self) -> None:
        # Once the data exists, leaving without confirming the recovery key is not offered.
        if self.installation is not None:
            return
        super().reject()
