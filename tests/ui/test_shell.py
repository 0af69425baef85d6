"""The minimal desktop shell: model contract, login errors in Vietnamese, summary search."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.installation import Installation
from app.services import people
from app.services.people import PersonInput
from tests.conftest import PASSWORD


@pytest.fixture(scope="module", autouse=True)
def vietnamese(qapp: object) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.desktop.main import install_translator

    assert isinstance(qapp, QApplication)
    assert install_translator(qapp, "vi") is not None, "hocvuso_vi.qm must be built by set-up"


def _people(inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        for name, year in [("Nguyễn Thị Hoà", 1960), ("Triệu Văn Đức", 1971), ("Bàn Thị Mẩy", 1985)]:
            people.create_person(s, inst.actor, PersonInput(name, birth_year=year))


def test_people_model_contract(qtmodeltester: object, inst: Installation) -> None:
    from ui.desktop.shell import PeopleModel

    _people(inst)
    model = PeopleModel()
    with inst.db.session(inst.actor) as s:
        model.set_rows(people.search_people(s, ""))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 3
    # Vietnamese order: by given name — Đức < Hoà < Mẩy
    from PySide6.QtCore import Qt

    names = [model.index(r, 0).data() for r in range(3)]
    assert names == ["Triệu Văn Đức", "Nguyễn Thị Hoà", "Bàn Thị Mẩy"]
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Họ và tên"


def test_login_wrong_password_shows_vietnamese_error_and_keeps_data(
    qtbot: QtBot, inst: Installation, db_path: Path
) -> None:
    from ui.desktop.shell import LoginDialog

    _people(inst)
    inst.close()
    before = db_path.read_bytes()
    dlg = LoginDialog(db_path)
    qtbot.addWidget(dlg)
    dlg.password.setText("sai-mat-khau")
    dlg._login()
    assert dlg.installation is None
    assert "Sai tên đăng nhập hoặc mật khẩu" in dlg.message.text()
    assert db_path.read_bytes() == before
    dlg.password.setText(PASSWORD)
    dlg._login()
    assert dlg.installation is not None
    assert dlg.installation.officer.role == "admin"
    dlg.installation.close()


def test_summary_window_searches_as_you_type(qtbot: QtBot, inst: Installation) -> None:
    from ui.desktop.shell import SummaryWindow

    _people(inst)
    win = SummaryWindow(inst)
    qtbot.addWidget(win)
    assert "3" in win.summary.text() and "người" in win.summary.text()
    qtbot.keyClicks(win.search, "may")
    qtbot.waitUntil(lambda: win.model.rowCount() == 1, timeout=2000)
    assert win.model.index(0, 0).data() == "Bàn Thị Mẩy"
