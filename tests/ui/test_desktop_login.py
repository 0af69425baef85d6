"""Login (off the GUI thread, Vietnamese errors, data untouched by a wrong password), password
recovery, and the idle lock: it locks after the configured time without activity, only the
logged-in officer's password unlocks, and the check-in in progress is exactly as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.installation import Installation, init_installation
from app.keystore import FAST_KDF
from tests.conftest import COMMUNE, PASSWORD
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import (
    OFFSCREEN,
    add_people,
    add_session,
    settle,
)
from ui.desktop.context import AppContext
from ui.desktop.dialogs import FakeDialogs
from ui.desktop.login import AppLock, IdleWatcher, LoginDialog, RecoveryDialog
from ui.desktop.tasks import TaskRunner

pytestmark = OFFSCREEN

# Shared fixtures (bound here so that pytest finds them in this module).
ctx = support.ctx
vietnamese = support.vietnamese


def _login(qtbot: QtBot, dlg: LoginDialog, password: str) -> None:
    dlg.password.setText(password)
    qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    assert not dlg.login_button.isEnabled()  # checking off the GUI thread
    qtbot.waitUntil(lambda: dlg.login_button.isEnabled(), timeout=5000)


def test_login_wrong_then_right_password(
    qtbot: QtBot, inst: Installation, db_path: Path, vietnamese: None
) -> None:
    add_people(inst)
    inst.close()
    before = db_path.read_bytes()
    runner = TaskRunner()
    dlg = LoginDialog(db_path, runner, FakeDialogs())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.windowTitle() == "Đăng nhập hocvuso"
    # The only account is offered (read off the GUI thread), so the officer types the
    # password straight away.
    dlg.activateWindow()
    qtbot.waitUntil(dlg.password.hasFocus, timeout=3000)
    qtbot.waitUntil(lambda: dlg.users_loaded, timeout=3000)
    assert dlg.user.currentText() == "nguyen.van.quan.tri"
    _login(qtbot, dlg, "sai-mat-khau")
    assert dlg.installation is None
    assert "Sai tên đăng nhập hoặc mật khẩu" in dlg.message.text()
    assert dlg.password.text() == ""
    assert db_path.read_bytes() == before
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        dlg.password.setText(PASSWORD)
        qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    assert dlg.installation is not None
    assert dlg.installation.officer.role == "admin"
    dlg.installation.close()
    runner.wait()


def test_recovery_key_sets_a_new_password(qtbot: QtBot, db_path: Path, vietnamese: None) -> None:
    inst, recovery = init_installation(db_path, COMMUNE, "Hà Thị Lan", PASSWORD, kdf=FAST_KDF)
    inst.close()
    runner = TaskRunner()
    dlg = RecoveryDialog(db_path, runner, "ha.thi.lan")
    qtbot.addWidget(dlg)
    dlg.key.setText(recovery)
    dlg.password.setText("mat-khau-moi-1")
    dlg.password2.setText("mat-khau-moi-2")
    dlg._go()
    assert dlg.message.text() == "Hai lần nhập mật khẩu không khớp."
    dlg.password2.setText("mat-khau-moi-1")
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        dlg._go()
    assert dlg.installation is not None
    dlg.installation.close()
    login = LoginDialog(db_path, runner, FakeDialogs())
    qtbot.addWidget(login)
    with qtbot.waitSignal(login.accepted, timeout=5000):
        login.password.setText("mat-khau-moi-1")
        login.login()
    assert login.installation is not None
    login.installation.close()
    runner.wait()


def test_idle_watcher_counts_keyboard_and_mouse_activity(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit

    clock = [100.0]
    w = IdleWatcher(60_000, clock=lambda: clock[0])
    edit = QLineEdit()
    qtbot.addWidget(edit)
    fired: list[bool] = []
    w.idle.connect(lambda: fired.append(True))
    clock[0] += 59
    w._check()
    assert not fired
    qtbot.keyClick(edit, Qt.Key.Key_A)  # activity anywhere in the application
    clock[0] += 59
    w._check()
    assert not fired
    clock[0] += 2
    w._check()
    w._check()
    assert fired == [True]  # once, until reset
    assert IdleWatcher.minutes_to_ms("10") == 600_000
    assert IdleWatcher.minutes_to_ms("abc") == 600_000
    assert IdleWatcher.minutes_to_ms("0.5") == 30_000
    w.stop()


def test_idle_lock_keeps_the_check_in_in_progress(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    from ui.desktop.pages.checkin import CheckInPage

    add_people(inst)
    session = add_session(inst)
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.open_session(session.id)
    settle(qtbot, ctx)
    page.scan.setText("Triệu Văn")
    page.scan.setFocus()
    lock = AppLock(inst, ctx.runner, page, timeout_ms=300)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert lock.is_locked() and lock.dialog is not None
    dlg = lock.dialog
    assert dlg.isVisible()
    assert dlg.windowModality() == Qt.WindowModality.ApplicationModal
    assert "Nguyễn Văn Quản Trị" in dlg.info.text()
    # Personal data is covered while locked.
    assert any(c.isVisible() for c in lock._covers)
    # Esc and closing do not unlock.
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    dlg.close()
    assert dlg.isVisible() and lock.is_locked()
    # A wrong password keeps it locked.
    dlg.password.setText("khong-dung-mat-khau")
    dlg.try_unlock()
    qtbot.waitUntil(lambda: dlg.unlock_button.isEnabled(), timeout=5000)
    assert lock.is_locked()
    assert "Sai tên đăng nhập hoặc mật khẩu" in dlg.message.text()
    # The right one unlocks; nothing typed before was lost and the scan field has the focus.
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        dlg.password.setText(PASSWORD)
        qtbot.keyClick(dlg.password, Qt.Key.Key_Return)
    assert not lock.is_locked()
    assert page.scan.text() == "Triệu Văn"
    assert page.session is not None and page.session.id == session.id
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.scan, timeout=2000)
    assert not any(c.isVisible() for c in lock._covers)
    # The next idle period locks again.
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    lock.stop()
    assert not lock.is_locked()
