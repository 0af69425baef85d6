"""The desktop entry point (the former minimal shell is replaced by ui/desktop/main.py): the
translator, the choice between first-run wizard and login, and the language and user name
remembered for the next login window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.installation import Installation
from tests.conftest import PASSWORD
from tests.ui.test_desktop_support import OFFSCREEN
from ui.desktop.dialogs import FakeDialogs
from ui.desktop.main import DesktopApp, install_translator, needs_setup, remember, remembered

pytestmark = OFFSCREEN


def test_translator_switches_both_ways(qapp: object) -> None:
    assert isinstance(qapp, QApplication)
    assert install_translator(qapp, "vi") is not None, "hocvuso_vi.qm must be built by set-up"
    assert QCoreApplication.translate("LoginDialog", "Log in to hocvuso") == "Đăng nhập hocvuso"
    assert install_translator(qapp, "en") is None
    assert QCoreApplication.translate("LoginDialog", "Log in to hocvuso") == "Log in to hocvuso"
    install_translator(qapp, "vi")
    install_translator(qapp, "vi")  # installing twice leaves one translator
    assert QCoreApplication.translate("MainWindow", "Sessions") == "Buổi học"


def test_start_shows_login_for_existing_data_and_remembers_choices(
    qtbot: QtBot, inst: Installation, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOCVUSO_HOME", str(tmp_path / "home"))
    assert needs_setup(tmp_path / "nothing.db")
    assert not needs_setup(db_path)
    inst.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits: list[bool] = []
    desktop = DesktopApp(app, db_path, dialogs=FakeDialogs(), quit_app=lambda: quits.append(True))
    desktop.start()
    assert desktop.wizard is None and desktop.login is not None
    login = desktop.login
    with qtbot.waitSignal(desktop.logged_in, timeout=5000):
        login.password.setText(PASSWORD)  # type: ignore[attr-defined]
        login.login()  # type: ignore[attr-defined]
    assert remembered("last_user") == "nguyen.van.quan.tri"
    assert remembered("language") == "vi"
    assert desktop.window is not None and desktop.window.isVisible()
    # The idle lock follows the setting (10 minutes at set-up), also when it changes.
    assert desktop.lock is not None and desktop.lock.watcher.timeout_ms() == 600_000
    from app.services.settings import save_preferences

    live = desktop.inst
    assert live is not None and desktop.ctx is not None
    with live.db.session(live.actor) as s:
        out = save_preferences(s, live.actor, "vi", 3)
    desktop.ctx.notify(out.changed)
    assert desktop.lock.watcher.timeout_ms() == 180_000
    # Quitting from the login window ends the program.
    desktop.logout()
    assert desktop.inst is None and desktop.login is not None
    desktop.login.reject()
    assert quits == [True]
    remember("language", "vi")


def test_choosing_english_in_the_wizard_restarts_it_in_english(
    qtbot: QtBot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWizard

    monkeypatch.setenv("HOCVUSO_HOME", str(tmp_path / "home"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translator(app, "vi")
    desktop = DesktopApp(app, db_path, lang="vi", dialogs=FakeDialogs(), quit_app=lambda: None)
    desktop.start()
    first = desktop.wizard
    assert isinstance(first, QWizard) and first.windowTitle() == "Thiết lập hocvuso"
    first.language_page.en.setChecked(True)  # type: ignore[attr-defined]
    second = desktop.wizard
    assert isinstance(second, QWizard) and second is not first
    assert second.windowTitle() == "Set up hocvuso"
    assert second.currentPage() is second.commune_page  # type: ignore[attr-defined]
    assert remembered("language") == "en"
    second.reject()
    install_translator(app, "vi")


def test_unexpected_error_in_a_slot_gives_a_report_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    from ui.desktop.main import make_excepthook

    monkeypatch.setenv("HOCVUSO_HOME", str(tmp_path))
    dialogs = FakeDialogs()
    hook = make_excepthook(dialogs)
    try:
        raise ValueError("Nguyễn Thị Hoà 019160001111")
    except ValueError as e:
        hook(type(e), e, e.__traceback__)
    [(kind, text)] = dialogs.shown
    assert kind == "warn" and "Traceback" not in text and "019160001111" not in text
    [report] = (tmp_path / "logs").glob("crash-*.txt")
    assert "ValueError" in report.read_text("utf-8")
    assert "019160001111" not in report.read_text("utf-8")
