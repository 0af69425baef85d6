"""The minimal desktop shell: first-run set-up, login, and a summary window with people search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.installation import Installation, init_installation, open_installation
from app.reference import province_communes
from app.services.people import PersonView, count_people, search_people
from app.vntext import fold

Index = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractTableModel):
    """Read-only table over a list of PersonView."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PeopleModel", "Full name"),
        QT_TRANSLATE_NOOP("PeopleModel", "Born"),
        QT_TRANSLATE_NOOP("PeopleModel", "Village"),
        QT_TRANSLATE_NOOP("PeopleModel", "ID number"),
        QT_TRANSLATE_NOOP("PeopleModel", "Phone"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonView] = []

    def set_rows(self, rows: list[PersonView]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("PeopleModel", str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        p = self._rows[index.row()]
        col = index.column()
        if col == 0:
            return p.full_name
        if col == 1:
            return p.birth_date.strftime("%d/%m/%Y") if p.birth_date else (p.birth_year or "")
        if col == 2:
            return p.village_name or ""
        if col == 3:
            return p.id_number or ""
        return p.phone or ""


def show_error(parent: QWidget | None, err: UserError) -> None:
    lang = "en" if parent is not None and parent.tr("Password") == "Password" else "vi"
    QMessageBox.warning(parent, parent.tr("hocvuso") if parent else "hocvuso", err.text(lang))


class SetupDialog(QDialog):
    """First run: choose the commune, create the administrator, show the recovery key."""

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.installation: Installation | None = None
        self.setWindowTitle(self.tr("Set up hocvuso"))
        form = QFormLayout()
        self.commune = QComboBox()
        self.commune.setEditable(True)
        self.commune.setAccessibleName(self.tr("Commune"))
        communes = sorted(province_communes("19"), key=lambda c: fold(c.name))
        for c in communes:
            self.commune.addItem(f"{c.name} ({c.code})", c.code)
        self.officer = QLineEdit()
        self.officer.setAccessibleName(self.tr("Officer's full name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2.setAccessibleName(self.tr("Repeat password"))
        form.addRow(self.tr("Commune"), self.commune)
        form.addRow(self.tr("Officer's full name"), self.officer)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.password2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def _create(self) -> None:
        if self.password.text() != self.password2.text():
            QMessageBox.warning(self, self.tr("hocvuso"), self.tr("The passwords do not match."))
            return
        code = self.commune.currentData()
        try:
            inst, recovery = init_installation(
                self.db_path, str(code), self.officer.text(), self.password.text()
            )
        except UserError as e:
            show_error(self, e)
            return
        self.installation = inst
        QMessageBox.information(
            self,
            self.tr("Recovery key"),
            self.tr(
                "Write this recovery key on paper and keep it safe. It is shown only once and "
                "opens the data if every password is forgotten:"
            )
            + f"\n\n{recovery}",
        )
        self.accept()


class LoginDialog(QDialog):
    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.installation: Installation | None = None
        self.setWindowTitle(self.tr("Log in to hocvuso"))
        form = QFormLayout()
        self.user = QLineEdit()
        self.user.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._login)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def _login(self) -> None:
        try:
            self.installation = open_installation(
                self.db_path, self.password.text(), self.user.text().strip() or None
            )
        except UserError as e:
            lang = "en" if self.tr("Password") == "Password" else "vi"
            self.message.setText(e.text(lang))
            self.password.clear()
            return
        self.accept()


class SummaryWindow(QMainWindow):
    def __init__(self, inst: Installation) -> None:
        super().__init__()
        self.inst = inst
        self.setWindowTitle(self.tr("hocvuso — {commune}").format(commune=inst.commune_name))
        central = QWidget()
        lay = QVBoxLayout(central)
        with inst.db.session(inst.actor) as s:
            total = count_people(s)
        self.summary = QLabel(self.tr("{n} people recorded").format(n=f"{total:,}".replace(",", ".")))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name without accents, ID or phone"))
        self.search.setAccessibleName(self.tr("Search people"))
        self.model = PeopleModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.summary)
        lay.addWidget(self.search)
        lay.addWidget(self.table)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            self.tr("Officer: {name} — {commune}").format(
                name=inst.officer.full_name, commune=inst.commune_name
            )
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.resize(900, 600)
        self._run_search()

    def _run_search(self) -> None:
        with self.inst.db.session(self.inst.actor) as s:
            self.model.set_rows(search_people(s, self.search.text(), limit=200))

    def closeEvent(self, event: Any) -> None:
        self.inst.close()
        super().closeEvent(event)


class Shell:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.window: SummaryWindow | None = None

    def start(self) -> bool:
        dlg: SetupDialog | LoginDialog
        dlg = LoginDialog(self.db_path) if self.db_path.exists() else SetupDialog(self.db_path)
        if dlg.exec() != QDialog.DialogCode.Accepted or dlg.installation is None:
            return False
        self.window = SummaryWindow(dlg.installation)
        self.window.show()
        return True
