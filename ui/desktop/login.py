"""Logging in, recovering a forgotten password, and the idle lock.

The password check (Argon2id in the key file) and opening the database (migrations) run off the
GUI thread, so the window stays responsive. The idle lock is an application-wide event filter
that notes keyboard and mouse activity; after the configured minutes without any, every window
is covered and a lock box asks for the password of the officer who is logged in. Nothing is
closed or reloaded while locked, so a half-done check-in is exactly as it was after unlocking.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from ui.desktop.dialogs import Dialogs, current_lang
from ui.desktop.tasks import TaskRunner

if TYPE_CHECKING:
    from app.installation import Installation


def _known_users(db_path: Path) -> list[str]:
    """The officers' user names (from the key file), read off the GUI thread; importing the
    database layer here too means it is ready when the officer presses Enter."""
    import app.installation  # noqa: F401
    from app.keystore import KeyFile

    try:
        return KeyFile.for_database(db_path).users()
    except UserError:
        return []


def error_text(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.text(current_lang())
    return QApplication.translate(
        "LoginDialog", "The data could not be opened because of an unexpected error."
    )


def _report(exc: BaseException) -> None:
    if not isinstance(exc, UserError):
        from ui.crash import write_crash_report

        with contextlib.suppress(OSError):
            write_crash_report(type(exc), exc.__traceback__)


class LoginDialog(QDialog):
    """Officer name and password. `installation` is set when the dialog is accepted."""

    def __init__(
        self,
        db_path: Path,
        runner: TaskRunner,
        dialogs: Dialogs,
        *,
        last_user: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.runner = runner
        self.dialogs = dialogs
        self.installation: Installation | None = None
        self.setWindowTitle(self.tr("Log in to hocvuso"))
        self.user = QComboBox(self)
        self.user.setEditable(True)
        self.user.setAccessibleName(self.tr("User name"))
        self.user.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._last_user = last_user
        if last_user:
            self.user.setCurrentText(last_user)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Login message"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Opening the data"))
        self.progress.hide()
        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton(
            self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.login_button.setAccessibleName(self.tr("Log in"))
        self.login_button.setDefault(True)
        self.forgot_button = self.buttons.addButton(
            self.tr("Forgot password…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.forgot_button.setAccessibleName(self.tr("Forgot password"))
        self.quit_button = self.buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.setAccessibleName(self.tr("Quit"))
        self.buttons.accepted.connect(self.login)
        self.buttons.rejected.connect(self.reject)
        self.forgot_button.clicked.connect(self._forgot)
        heading = QLabel(self.tr("hocvuso — digital-skills record book of the commune"), self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        heading.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.progress)
        lay.addWidget(self.buttons)
        self.setTabOrder(self.user, self.password)
        self.setTabOrder(self.password, self.login_button)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.password.setFocus()
        self.users_loaded = False
        self.runner.pool(lambda: _known_users(db_path), self._users, lambda _e: None)

    def _users(self, users: list[str]) -> None:
        from ui.desktop.pages import alive

        if not alive(self):
            return
        typed = self.user.currentText()
        self.user.addItems(users)
        if self._last_user in users:
            self.user.setCurrentText(self._last_user)
        elif typed and typed not in users:
            self.user.setCurrentText(typed)
        elif len(users) == 1:
            self.user.setCurrentIndex(0)
        else:
            self.user.setCurrentText(typed)
        if not self.user.currentText():
            self.user.setFocus()
        self.users_loaded = True

    def _busy(self, on: bool) -> None:
        for w in (self.user, self.password, self.login_button, self.forgot_button):
            w.setEnabled(not on)
        self.progress.setVisible(on)
        if on:
            self.message.setText(self.tr("Checking the password and opening the data…"))

    def login(self) -> None:
        if not self.login_button.isEnabled():
            return
        password = self.password.text()
        user = self.user.currentText().strip() or None
        path = self.db_path
        self._busy(True)

        def job(progress: Callable[[str, float], None]) -> Installation:
            from app.installation import open_installation

            return open_installation(path, password, user, progress=progress)

        self.runner.db(job, self._opened, self._failed, on_progress=self._progress)

    def _progress(self, step: str, frac: float) -> None:
        if step != "done":
            self.message.setText(self.tr("Upgrading the data to this version…"))

    def _opened(self, inst: Installation) -> None:
        self.installation = inst
        self._busy(False)
        self.message.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        _report(exc)
        self._busy(False)
        self.message.setText(error_text(exc))
        self.password.clear()
        self.password.setFocus()

    def _forgot(self) -> None:
        dlg = RecoveryDialog(self.db_path, self.runner, self.user.currentText(), self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.installation is not None:
            self.installation = dlg.installation
            self.accept()


class RecoveryDialog(QDialog):
    """A forgotten password: the recovery key from set-up opens the data and sets a new one."""

    def __init__(
        self, db_path: Path, runner: TaskRunner, user: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.runner = runner
        self.installation: Installation | None = None
        self.setWindowTitle(self.tr("Forgotten password"))
        intro = QLabel(
            self.tr(
                "Type the recovery key written on paper at set-up, then choose a new password."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.user = QLineEdit(user, self)
        self.user.setAccessibleName(self.tr("User name"))
        self.key = QLineEdit(self)
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("New password"))
        self.password2 = QLineEdit(self)
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2.setAccessibleName(self.tr("Repeat the new password"))
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Recovery key"), self.key)
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Repeat the new password"), self.password2)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._go)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def _go(self) -> None:
        if self.password.text() != self.password2.text():
            self.message.setText(self.tr("The two passwords do not match."))
            return
        path, key, user, pw = (
            self.db_path,
            self.key.text(),
            self.user.text().strip(),
            self.password.text(),
        )
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking the recovery key…"))

        def job() -> Installation:
            from app.installation import open_with_recovery_key

            return open_with_recovery_key(path, key, user, pw)

        self.runner.db(job, self._opened, self._failed)

    def _opened(self, inst: Installation) -> None:
        self.installation = inst
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        _report(exc)
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))


# -- idle lock -------------------------------------------------------------------------------

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Emits `idle` once after `timeout_ms` without keyboard or mouse activity anywhere in the
    application; `reset()` starts counting again. A timeout of 0 switches it off."""

    idle = Signal()

    def __init__(
        self,
        timeout_ms: int,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._last = clock()
        self._timeout_ms = 0
        self._fired = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.set_timeout_ms(timeout_ms)

    @staticmethod
    def minutes_to_ms(value: str | None, default: int = 10) -> int:
        try:
            minutes = float(value) if value not in (None, "") else float(default)
        except ValueError:
            minutes = float(default)
        return max(0, int(minutes * 60_000))

    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_timeout_ms(self, ms: int) -> None:
        self._timeout_ms = max(0, ms)
        self._timer.stop()
        if self._timeout_ms:
            # Check often enough to lock within a quarter of the timeout (at most every 15 s).
            self._timer.start(max(20, min(15_000, self._timeout_ms // 4)))

    def reset(self) -> None:
        self._last = self._clock()
        self._fired = False

    def pause(self) -> None:
        self._fired = True

    def idle_seconds(self) -> float:
        return self._clock() - self._last

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last = self._clock()
        return False

    def _check(self) -> None:
        if self._timeout_ms and not self._fired and self.idle_seconds() * 1000 >= self._timeout_ms:
            self._fired = True
            self.idle.emit()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class _Cover(QWidget):
    """An opaque sheet over one window while the app is locked: no personal data on view."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        # Darker than a window, so that the lock box stands out from the covered screen.
        self.setBackgroundRole(QPalette.ColorRole.Mid)
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        label = QLabel(self.tr("Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            assert isinstance(watched, QWidget)
            self.setGeometry(watched.rect())
        return False


class LockDialog(QDialog):
    """The lock box: only the logged-in officer's password opens it again. Esc and closing the
    window do nothing; "Log out" hands the decision to the caller (`logout_requested`)."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self, inst: Installation, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.inst = inst
        self.runner = runner
        self.setWindowTitle(self.tr("hocvuso is locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAccessibleName(self.tr("hocvuso is locked"))
        title = QLabel(self.tr("hocvuso is locked"), self)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        self.info = QLabel(
            self.tr(
                "Locked after a time without use. {name}, type your password to continue "
                "where you left off."
            ).format(name=inst.officer.full_name),
            self,
        )
        self.info.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Unlock message"))
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.logout_button = QPushButton(self.tr("Log out"), self)
        self.logout_button.setAccessibleName(self.tr("Log out"))
        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.logout_button.clicked.connect(self.logout_requested.emit)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.logout_button, QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout()
        form.addRow(self.tr("Password"), self.password)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.info)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 55)
        self._allow_close = False

    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        password = self.password.text()
        keyfile, username, key = self.inst.keyfile, self.inst.officer.username, self.inst.db.key
        self.unlock_button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))

        def job() -> bool:
            got, _user = keyfile.unlock(username, password)
            return got == key

        self.runner.pool(job, self._checked, self._failed)

    def _checked(self, ok: bool) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        if ok:
            self.message.clear()
            self.unlocked.emit()
        else:
            self.message.setText(self.tr("This password does not open this data."))

    def _failed(self, exc: BaseException) -> None:
        _report(exc)
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(error_text(exc))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        # Neither Esc nor the window manager may dismiss the lock.
        return

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close:
            super().closeEvent(event)
        else:
            event.ignore()

    def dismiss(self) -> None:
        self._allow_close = True
        self.hide()
        self.deleteLater()


class AppLock(QObject):
    """Locks the whole application after idle time and unlocks it with the officer's password.

    `main_window` is centred under the lock box; every visible window gets an opaque cover.
    The focus widget is restored after unlocking, so a scanner can carry on at once.
    """

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self,
        inst: Installation,
        runner: TaskRunner,
        main_window: QWidget,
        timeout_ms: int,
    ) -> None:
        super().__init__(main_window)
        self.inst = inst
        self.runner = runner
        self.main_window = main_window
        self.watcher = IdleWatcher(timeout_ms, self)
        self.watcher.idle.connect(self.lock)
        self.dialog: LockDialog | None = None
        self._covers: list[_Cover] = []
        self._focus: QWidget | None = None

    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_timeout_ms(self, ms: int) -> None:
        self.watcher.set_timeout_ms(ms)
        self.watcher.reset()

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self.watcher.pause()
        self._focus = QApplication.focusWidget()
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and not isinstance(w, LockDialog) and w.isWindow():
                self._covers.append(_Cover(w))
        dlg = LockDialog(self.inst, self.runner, self.main_window)
        dlg.unlocked.connect(self._unlock)
        dlg.logout_requested.connect(self.logout_requested.emit)
        self.dialog = dlg
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        dlg.password.setFocus()
        self.locked.emit()

    def _unlock(self) -> None:
        self.release()
        self.unlocked.emit()

    def release(self) -> None:
        """Remove the lock (after a correct password, or before logging out)."""
        if self.dialog is not None:
            self.dialog.dismiss()
            self.dialog = None
        for c in self._covers:
            parent = c.parentWidget()
            if parent is not None:
                parent.removeEventFilter(c)
            c.hide()
            c.deleteLater()
        self._covers.clear()
        self.watcher.reset()
        focus, self._focus = self._focus, None
        if focus is not None:
            from ui.desktop.pages import alive

            if alive(focus):
                focus.activateWindow()
                focus.setFocus()

    def stop(self) -> None:
        self.release()
        self.watcher.stop()
