"""Desktop entry point: the Qt application (fonts, translator), then the first-run wizard or
the login, then the main window; the idle lock, logging out and logging in again.

The database is encrypted, so the language of the login window cannot come from it: the last
language used is remembered in a small settings file beside the user's data (no personal data),
and after login the installation's own `language` setting wins.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from app.errors import UserError
from app.resources import resources_dir
from ui.crash import CrashHandler, install_crash_handler
from ui.desktop.dialogs import Dialogs, QtDialogs
from ui.desktop.tasks import TaskRunner
from ui.logging_setup import setup_logging

if TYPE_CHECKING:
    from app.installation import Installation
    from app.keystore import KdfParams
    from ui.desktop.context import AppContext
    from ui.desktop.login import AppLock
    from ui.desktop.mainwindow import MainWindow

_translators: dict[int, QTranslator] = {}

# Qt ships no Vietnamese catalogue of its own (no qtbase_vi.qm), so the standard buttons of
# message boxes and button boxes and the edit menus of text fields would stay English. Their
# source texts are listed here, in Qt's own contexts, so that lupdate puts them in our .ts and
# our translator answers Qt's lookups.
QT_OWN_TEXTS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Undo"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Redo"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Cu&t"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Paste"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Delete"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All"),
)


def install_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """English is the source language of the interface; Vietnamese comes from hocvuso_vi.qm.
    Switching removes the previous translator, so this can be called again after login."""
    old = _translators.pop(id(app), None)
    if old is not None:
        app.removeTranslator(old)
    if lang.startswith("en"):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return None
    translator = QTranslator(app)
    qm = resources_dir() / "i18n" / "hocvuso_vi.qm"
    if translator.load(str(qm)):
        app.installTranslator(translator)
        _translators[id(app)] = translator
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        return translator
    return None


def load_fonts(app: QApplication) -> None:
    """The bundled DejaVu Sans covers every Vietnamese letter (a bare machine may have none)."""
    fonts = resources_dir() / "fonts"
    family = None
    for ttf in sorted(fonts.glob("DejaVuSans*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(ttf))
        fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if fams and family is None:
            family = fams[0]
    if family:
        app.setFont(QFont(family, 10))


def make_app(lang: str = "vi") -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    QCoreApplication.setOrganizationName("hocvuso")
    QCoreApplication.setApplicationName("hocvuso")
    QGuiApplication.setDesktopFileName("hocvuso")  # Wayland matches it to hocvuso.desktop
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "hocvuso.png")))
    load_fonts(app)
    install_translator(app, lang)
    return app


def ui_settings() -> QSettings:
    """Per-user interface memory (last language and user name) in the data folder."""
    from ui.paths import data_dir

    return QSettings(str(data_dir() / "desktop.ini"), QSettings.Format.IniFormat)


def remembered(key: str) -> str | None:
    v = ui_settings().value(key)
    return str(v) if v not in (None, "") else None


def remember(key: str, value: str) -> None:
    s = ui_settings()
    s.setValue(key, value)
    s.sync()


def needs_setup(db_path: Path) -> bool:
    # The key file sits beside the database (app.keystore.KeyFile.for_database).
    return not (db_path.exists() and db_path.with_name(db_path.name + ".keys").exists())


class DesktopApp(QObject):
    """Moves the officer between the wizard, the login window and the main window."""

    logged_in = Signal(object)  # Installation
    logged_out = Signal()
    finished = Signal()

    def __init__(
        self,
        app: QApplication,
        db_path: Path,
        *,
        lang: str | None = None,
        dialogs: Dialogs | None = None,
        kdf: KdfParams | None = None,
        quit_app: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        # Tests pass their own: QApplication.quit() outside exec() would end later event loops.
        self._quit_app = quit_app or app.quit
        self.db_path = db_path
        self.dialogs: Dialogs = dialogs or QtDialogs()
        self.kdf = kdf
        self.lang = lang or remembered("language") or "vi"
        self.runner = TaskRunner(self)
        self.inst: Installation | None = None
        self.window: MainWindow | None = None
        self.login: QDialog | None = None
        self.wizard: QDialog | None = None
        self.ctx: AppContext | None = None
        self.lock: AppLock | None = None
        app.setQuitOnLastWindowClosed(False)
        install_translator(app, self.lang)

    # -- the first window ------------------------------------------------------------------------
    def start(self) -> None:
        if needs_setup(self.db_path):
            self.show_wizard()
        else:
            self.show_login()

    def show_wizard(self) -> None:
        from ui.desktop.wizard import FirstRunWizard

        wiz = FirstRunWizard(self.db_path, self.runner, self.lang, kdf=self.kdf)
        self.wizard = wiz
        wiz.language_changed.connect(self._wizard_language)
        wiz.finished.connect(lambda result: self._wizard_done(wiz, result))
        wiz.show()

    def _wizard_language(self, lang: str) -> None:
        old = self.wizard
        self.lang = lang
        install_translator(self.app, lang)
        remember("language", lang)
        self.wizard = None
        if old is not None:
            old.finished.disconnect()
            old.hide()
            old.deleteLater()
        self.show_wizard()
        if self.wizard is not None:
            from ui.desktop.wizard import FirstRunWizard

            assert isinstance(self.wizard, FirstRunWizard)
            self.wizard.next()

    def _wizard_done(self, wiz: QDialog, result: int) -> None:
        from ui.desktop.wizard import FirstRunWizard

        assert isinstance(wiz, FirstRunWizard)
        self.wizard = None
        wiz.deleteLater()
        if result == QDialog.DialogCode.Accepted and wiz.installation is not None:
            remember("language", wiz.lang())
            remember("last_user", wiz.installation.officer.username)
            self.open_main(wiz.installation)
        else:
            self.quit()

    def show_login(self) -> None:
        from ui.desktop.login import LoginDialog

        dlg = LoginDialog(
            self.db_path, self.runner, self.dialogs, last_user=remembered("last_user")
        )
        self.login = dlg
        dlg.finished.connect(lambda result: self._login_done(dlg, result))
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()

    def _login_done(self, dlg: QDialog, result: int) -> None:
        from ui.desktop.login import LoginDialog

        assert isinstance(dlg, LoginDialog)
        self.login = None
        dlg.deleteLater()
        if result == QDialog.DialogCode.Accepted and dlg.installation is not None:
            remember("last_user", dlg.installation.officer.username)
            self.open_main(dlg.installation)
        else:
            self.quit()

    # -- the main window -------------------------------------------------------------------------
    def open_main(self, inst: Installation) -> None:
        from app.services.settings import get_preferences
        from ui.desktop.context import AppContext
        from ui.desktop.login import AppLock
        from ui.desktop.mainwindow import MainWindow

        self.inst = inst
        with inst.db.session() as s:
            prefs = get_preferences(s)
        if prefs.language != self.lang:
            self.lang = prefs.language
            install_translator(self.app, self.lang)
        remember("language", self.lang)
        ctx = AppContext(inst, self.runner, self.dialogs, self.lang)
        win = MainWindow(ctx)
        lock = AppLock(inst, self.runner, win, prefs.idle_lock_minutes * 60_000)
        lock.logout_requested.connect(self.logout)
        win.lock_requested.connect(lock.lock)
        win.logout_requested.connect(self.logout)
        ctx.data_changed.connect(self._settings_changed)
        self.ctx, self.window, self.lock = ctx, win, lock
        win.installEventFilter(self)
        win.show()
        self.logged_in.emit(inst)
        self._auto_backup(inst)

    def _auto_backup(self, inst: Installation) -> None:
        """Rotating automatic backup (at most one per 12 hours), off the GUI thread; a failure
        is reported in the status bar, never blocks work."""
        from app.backup import auto_backup

        def failed(exc: BaseException) -> None:
            if self.window is not None:
                msg = exc.text(self.lang) if isinstance(exc, UserError) else type(exc).__name__
                self.window.statusBar().showMessage(msg, 15_000)

        self.runner.db(lambda: auto_backup(inst), None, failed)

    def _settings_changed(self, changed: tuple[tuple[str, str], ...]) -> None:
        from app.services.settings import get_preferences

        if ("setting", "idle_lock_minutes") in changed and self.inst is not None:
            with self.inst.db.session() as s:
                minutes = get_preferences(s).idle_lock_minutes
            if self.lock is not None:
                self.lock.set_timeout_ms(minutes * 60_000)

    def _close_main(self) -> None:
        if self.lock is not None:
            self.lock.stop()
        self.lock = None
        win, self.window = self.window, None
        if win is not None:
            win.removeEventFilter(self)
            win.hide()
            win.deleteLater()
        self.ctx = None
        self.runner.wait()
        if self.inst is not None:
            self.inst.close()
            self.inst = None

    def logout(self) -> None:
        """Back to the login window (everything recorded is already saved)."""
        self._close_main()
        self.logged_out.emit()
        self.show_login()

    def quit(self) -> None:
        self._close_main()
        self.finished.emit()
        self._quit_app()

    def eventFilter(self, watched: QObject, event: object) -> bool:
        from PySide6.QtCore import QEvent

        if (
            watched is self.window
            and isinstance(event, QEvent)
            and event.type() == QEvent.Type.Close
        ):
            # The officer closed the main window: leave the program once Qt has closed it.
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self._after_close)
        return False

    def _after_close(self) -> None:
        if self.window is not None and not self.window.isVisible():
            self.quit()


class _CrashRelay(QObject):
    """Carries a crash report to the GUI thread (the error may happen in a worker thread) and
    shows one message at a time."""

    report = Signal(object)  # Path

    def __init__(self, dialogs: Dialogs, parent: QObject | None) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.showing = False
        self.report.connect(self._show)

    @Slot(object)
    def _show(self, path: Path) -> None:
        from ui.crash import crash_message
        from ui.desktop.dialogs import current_lang

        if self.showing:
            return
        self.showing = True
        try:
            self.dialogs.warn(None, "hocvuso", crash_message(path, current_lang()))
        finally:
            self.showing = False


def crash_dialog(dialogs: Dialogs) -> Callable[[Path], None]:
    """`show` for ui.crash.install_crash_handler: after an unexpected error, tell the officer
    (in Vietnamese unless English was chosen) that saved data is safe and which report file to
    send to support, through the injectable dialogs, on the GUI thread."""
    relay = _CrashRelay(dialogs, QCoreApplication.instance())
    return relay.report.emit


def make_excepthook(dialogs: Dialogs) -> Callable[..., None]:
    """For an unexpected error in a slot: a crash report without personal data and a short
    message (through the injectable dialogs), never a traceback; the program keeps running."""
    return CrashHandler(crash_dialog(dialogs)).excepthook


def run_desktop(db_path: Path, lang: str | None = None) -> int:
    """Start the desktop app on `db_path`. `lang` (vi/en) overrides the remembered language
    for the windows before login."""
    app = make_app(lang or remembered("language") or "vi")
    desktop = DesktopApp(app, db_path, lang=lang)
    setup_logging()
    install_crash_handler(crash_dialog(desktop.dialogs))
    desktop.start()
    code = app.exec()
    desktop.runner.wait()
    return code
