"""End to end, as a commune officer meets the program: first-run wizard, log out and in,
create a session, check a queue in by typed scan strings (an ID card of somebody recorded, an
ID card of somebody new through the pre-filled person form, a learner card, a name search with
the arrow keys), record the planned skills for everyone, see them on the person's record, and
the idle lock that keeps all of it in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from pytestqt.qtbot import QtBot

from app import payload
from app.keystore import FAST_KDF
from app.services import people, sessions
from app.services.people import PersonInput
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import (
    OFFSCREEN,
    Settle,
    type_text,
    when_modal,
)
from ui.desktop.dialogs import FakeDialogs
from ui.desktop.main import DesktopApp
from ui.desktop.pages.checkin import CheckInPage
from ui.desktop.pages.sessions import SessionForm, SessionsPage

pytestmark = OFFSCREEN

# Shared fixtures (bound here so that pytest finds them in this module).
vietnamese = support.vietnamese

PASSWORD = "mat-khau-xa-1"
CARD_NEW = (
    "019190012345|091234567|Nguyễn Thị Đào|15031990|Nữ|"
    "Tổ 5, Phường Quang Trung, Thành phố Thái Nguyên, Thái Nguyên|20042021"
)


def drive_person_form(dlg: QDialog) -> None:
    """Save the pre-filled person form as an officer would: desktop B's PersonFormDialog when
    it is installed, the check-in screen's fallback form otherwise (same field names)."""
    assert dlg.name.text() == "Nguyễn Thị Đào"  # type: ignore[attr-defined]
    assert dlg.id_number.text() == "019190012345"  # type: ignore[attr-defined]
    assert "1990" in dlg.birth.text()  # type: ignore[attr-defined]
    dlg.save()  # type: ignore[attr-defined]


def test_first_run_to_skills_on_the_person_record(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vietnamese: None
) -> None:
    monkeypatch.setenv("HOCVUSO_HOME", str(tmp_path / "home"))
    db_path = tmp_path / "data" / "hocvuso.db"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits: list[bool] = []
    dialogs = FakeDialogs()
    desktop = DesktopApp(
        app, db_path, lang="vi", dialogs=dialogs, kdf=FAST_KDF, quit_app=lambda: quits.append(True)
    )
    settle = Settle(desktop.runner)

    # -- first run -------------------------------------------------------------------------
    desktop.start()
    wiz = desktop.wizard
    assert isinstance(wiz, QWizard) and desktop.login is None
    wiz.next()
    qtbot.keyClicks(wiz.commune_page.search, "duc xuan")  # type: ignore[attr-defined]
    wiz.next()
    officer = wiz.officer_page  # type: ignore[attr-defined]
    type_text(officer.name, "Hà Thị Lan")
    officer.password.setText(PASSWORD)
    officer.password2.setText(PASSWORD)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.installation is not None, timeout=10000)  # type: ignore[attr-defined]
    wiz.create_page.kept.setChecked(True)  # type: ignore[attr-defined]
    with qtbot.waitSignal(desktop.logged_in, timeout=5000):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    assert desktop.window is not None
    assert desktop.window.officer_label.text() == "Cán bộ: Hà Thị Lan (Quản trị)"

    # -- log out, log in ---------------------------------------------------------------------
    desktop.logout()
    assert desktop.window is None and desktop.login is not None
    login = desktop.login
    assert login.user.currentText() == "ha.thi.lan"  # type: ignore[attr-defined]
    with qtbot.waitSignal(desktop.logged_in, timeout=5000):
        login.password.setText(PASSWORD)  # type: ignore[attr-defined]
        login.login()  # type: ignore[attr-defined]
    win = desktop.window
    assert win is not None
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    inst = desktop.inst
    assert inst is not None

    # People already on the commune's list (the people screen's job, done here directly).
    with inst.db.session(inst.actor) as s:
        hoa = people.create_person(
            s, inst.actor, PersonInput("Nguyễn Thị Hoà", birth_year=1960, id_number="019160001111")
        ).value
        duc = people.create_person(
            s, inst.actor, PersonInput("Triệu Văn Đức", birth_year=1971)
        ).value
        people.create_person(s, inst.actor, PersonInput("Nguyễn Văn Hoàng", birth_year=1990))
        people.create_person(s, inst.actor, PersonInput("Lò Thị Hoa", birth_year=1958))

    # -- create a session --------------------------------------------------------------------
    page = win.show_page("sessions")
    assert isinstance(page, SessionsPage)
    settle(qtbot)

    def fill(form: SessionForm) -> None:
        form.programme.setCurrentIndex(form.programme.findData("digital_identity"))
        form.title.setText("Mỗi công dân - Một danh tính số, tháng này")
        form.skills.set_checked(["DD01", "DD02"])
        form.save()

    when_modal(fill, SessionForm)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert page.model.rowCount() == 1
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    settle(qtbot)
    checkin = win.pages["checkin"]
    assert isinstance(checkin, CheckInPage) and win.current_key() == "checkin"
    assert checkin.session is not None
    session_id = checkin.session.id
    win.activateWindow()
    qtbot.waitUntil(lambda: checkin.scan.hasFocus(), timeout=2000)

    def scan(text: str) -> None:
        type_text(checkin.scan, text)
        qtbot.keyClick(checkin.scan, Qt.Key.Key_Return)
        settle(qtbot)

    # -- the queue at the door ----------------------------------------------------------------
    scan("019160001111|091234567|Nguyễn Thị Hoà|01011960|Nữ|Xóm 1, Đức Xuân|01012022")
    when_modal(drive_person_form)
    scan(CARD_NEW)
    settle(qtbot)
    scan(payload.encode_person(duc.id))
    qtbot.keyClicks(checkin.scan, "hoa")
    qtbot.waitUntil(lambda: checkin.suggestions.rowCount() == 3, timeout=3000)
    # Hoà, Hoàng and Hoa match "hoa"; the officer picks Lò Thị Hoa with the arrows.
    rows = [checkin.suggestions.row_at(i).full_name for i in range(3)]
    target = rows.index("Lò Thị Hoa")
    for _ in range(target + 1):
        qtbot.keyClick(checkin.scan, Qt.Key.Key_Down)
    qtbot.keyClick(checkin.scan, Qt.Key.Key_Return)
    settle(qtbot)
    assert [r.full_name for r in checkin.model.rows()] == [
        "Nguyễn Thị Hoà", "Nguyễn Thị Đào", "Triệu Văn Đức", "Lò Thị Hoa",
    ]  # fmt: skip
    assert QApplication.focusWidget() is checkin.scan

    # -- planned skills for everyone ----------------------------------------------------------
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(checkin.scan, Qt.Key.Key_A, mods)
    settle(qtbot)
    with inst.db.session() as s:
        methods = {a.full_name: a.method for a in sessions.attendees(s, session_id)}
        dao = people.find_by_id_number(s, "019190012345")
        assert dao is not None
        for pid in (hoa.id, duc.id, dao.id):
            progress = {(p.skill_code, p.best_outcome) for p in sessions.person_progress(s, pid)}
            assert progress == {("DD01", "practised"), ("DD02", "practised")}
    assert methods == {
        "Nguyễn Thị Hoà": "id_card",
        "Nguyễn Thị Đào": "id_card",
        "Triệu Văn Đức": "card",
        "Lò Thị Hoa": "search",
    }
    assert dao.birth_date is not None and dao.birth_date.isoformat() == "1990-03-15"

    # The person's page (desktop B's people screen) shows them, when it is installed.
    double = checkin.model.row_of(hoa.id)
    assert double is not None
    with qtbot.waitSignal(checkin.open_person) as sig:
        checkin._open_person_at(double)
    assert sig.args == [hoa.id]
    people_page = win.pages["people"]
    assert win.current_key() == "people"
    person_page = getattr(people_page, "person_page", None)
    if person_page is not None:  # desktop B's person page is installed
        settle(qtbot)
        qtbot.waitUntil(lambda: person_page.timeline_model.rowCount() == 2, timeout=3000)
        shown = {(e.skill_code, e.outcome) for e in person_page.timeline_model.rows()}
        assert shown == {("DD01", "practised"), ("DD02", "practised")}
        assert person_page.name.text() == "Nguyễn Thị Hoà"

    # -- idle lock, with the check-in in progress -----------------------------------------------
    win.show_page("checkin")
    checkin.scan.setText("Triệu")
    assert desktop.lock is not None
    with qtbot.waitSignal(desktop.lock.locked, timeout=3000):
        desktop.lock.set_timeout_ms(250)
    dlg = desktop.lock.dialog
    assert dlg is not None
    with qtbot.waitSignal(desktop.lock.unlocked, timeout=5000):
        dlg.password.setText(PASSWORD)
        dlg.try_unlock()
    assert checkin.scan.text() == "Triệu" and checkin.model.rowCount() == 4
    desktop.lock.set_timeout_ms(600_000)

    # -- closing the window ends the program ---------------------------------------------------
    win.close()
    qtbot.waitUntil(lambda: bool(quits), timeout=3000)
    assert desktop.inst is None
    assert dialogs.shown == []
