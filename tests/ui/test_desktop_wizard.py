"""The first-run wizard: accent-free commune search (the 92 communes of Thái Nguyên first), the
administrator account, creation off the GUI thread, the recovery key shown once with printing,
and the language choice stored in the new installation."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.installation import open_installation
from app.keystore import FAST_KDF
from app.services.settings import get_preferences
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import OFFSCREEN, type_text
from ui.desktop.tasks import TaskRunner
from ui.desktop.wizard import FirstRunWizard

pytestmark = OFFSCREEN

# Shared fixtures (bound here so that pytest finds them in this module).
vietnamese = support.vietnamese


def test_wizard_creates_the_installation_and_shows_the_recovery_key(
    qtbot: QtBot, db_path: Path, vietnamese: None
) -> None:
    printed: list[tuple[str, str]] = []

    def printer(_parent: QWidget, title: str, html: str) -> None:
        printed.append((title, html))

    runner = TaskRunner()
    wiz = FirstRunWizard(db_path, runner, "vi", kdf=FAST_KDF, printer=printer)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    assert wiz.windowTitle() == "Thiết lập hocvuso"
    assert wiz.language_page.vi.isChecked()
    wiz.next()

    page = wiz.commune_page
    assert wiz.currentPage() is page
    assert page.province.currentText() == "Thái Nguyên"
    assert page.model.rowCount() == 92
    qtbot.keyClicks(page.search, "duc xuan")
    c = page.commune()
    assert c is not None and c.code == "01840" and c.name == "Phường Đức Xuân"
    assert "Phường Đức Xuân" in page.chosen_label.text()
    page.search.clear()
    qtbot.keyClicks(page.search, "dai tu")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.commune() is not None and "Đại Từ" in page.commune().name  # type: ignore[union-attr]
    page.search.clear()
    qtbot.keyClicks(page.search, "xyzxyz")
    assert page.commune() is None and not page.isComplete()
    page.search.clear()
    qtbot.keyClicks(page.search, "duc xuan")
    assert page.isComplete()
    wiz.next()

    officer = wiz.officer_page
    type_text(officer.name, "Hà Thị Lan")
    assert officer.username.text() == "ha.thi.lan"
    officer.password.setText("mat-khau-1")
    officer.password2.setText("mat-khau-2")
    assert not officer.isComplete()
    assert officer.hint.text() == "Hai lần nhập mật khẩu không khớp."
    officer.password2.setText("mat-khau-1")
    assert officer.isComplete()
    wiz.next()  # commits: creates the data off the GUI thread

    create = wiz.create_page
    qtbot.waitUntil(lambda: wiz.installation is not None, timeout=10000)
    key = create.key.text()
    assert re.fullmatch(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){5}", key), key
    assert "ha.thi.lan" in create.status.text()
    assert not create.isComplete()  # not before the officer confirms the key is kept
    assert not wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
    create.print_button.click()
    assert printed and key in printed[0][1] and "Phường Đức Xuân" in printed[0][1]
    wiz.reject()  # leaving without the key is not offered any more
    assert wiz.isVisible()
    create.kept.setChecked(True)
    assert wiz.button(QWizard.WizardButton.FinishButton).isEnabled()
    with qtbot.waitSignal(wiz.accepted):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    inst = wiz.installation
    assert inst is not None
    assert inst.officer.role == "admin" and inst.commune_name == "Phường Đức Xuân"
    with inst.db.session() as s:
        assert get_preferences(s).language == "vi"
    inst.close()
    runner.wait()
    # The password works for the next start.
    again = open_installation(db_path, "mat-khau-1")
    assert again.officer.username == "ha.thi.lan"
    again.close()


def test_choosing_english_asks_for_a_restart_in_english(
    qtbot: QtBot, db_path: Path, vietnamese: None
) -> None:
    wiz = FirstRunWizard(db_path, TaskRunner(), "vi", kdf=FAST_KDF)
    qtbot.addWidget(wiz)
    with qtbot.waitSignal(wiz.language_changed) as sig:
        wiz.language_page.en.setChecked(True)
    assert sig.args == ["en"]
    assert wiz.lang() == "en"
    # The accessible names of the wizard's own buttons follow the language.
    assert wiz.button(QWizard.WizardButton.NextButton).accessibleName() == "Tiếp"
