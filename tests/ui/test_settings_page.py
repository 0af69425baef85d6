"""Settings: back up, restore (current data moved aside), verify, officer accounts (admin only),
preferences."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.database import Actor
from app.installation import Installation, OfficerInfo
from app.models import Person
from app.services import people
from app.services.people import PersonInput
from app.services.settings import get_preferences
from tests.conftest import PASSWORD
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import OFFSCREEN, add_people, fake
from tests.ui.test_people_page import audit
from ui.desktop.context import AppContext
from ui.desktop.pages.settings import SettingsPage

pytestmark = OFFSCREEN
ctx = support.ctx
vietnamese = support.vietnamese


def make_page(qtbot: QtBot, ctx: AppContext) -> SettingsPage:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    qtbot.waitExposed(page)
    page.on_shown()
    return page


def live_people(inst: Installation) -> int:
    with inst.db.session() as s:
        n = s.scalar(select(func.count()).select_from(Person).where(Person.deleted_at.is_(None)))
    return int(n or 0)


def test_backup_verify_and_restore(
    qtbot: QtBot, ctx: AppContext, inst: Installation, tmp_path: Path
) -> None:
    add_people(inst)
    page = make_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.auto_info.text() != "")
    assert "chưa có bản nào" in page.auto_info.text()
    unnamed, english = audit(page)
    assert unnamed == [] and english == []

    # Back up now: the officer picks where; ".hvbak" is added when missing.
    fake(ctx).save_answers = [str(tmp_path / "usb" / "sao-luu")]
    page.backup_button.click()
    assert page.progress.isVisible()
    qtbot.waitUntil(lambda: page.last_backup is not None, timeout=10000)
    target = tmp_path / "usb" / "sao-luu.hvbak"
    assert target.exists() and not page.progress.isVisible()
    kind, text = fake(ctx).shown[-1]
    assert kind == "info" and str(target) in text and "5 người" in text

    # Verify.
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.last_verify is not None, timeout=10000)
    assert page.verify_result.text().startswith("✔ Dữ liệu tốt. 5 người")

    # Something recorded after the backup, then restore it.
    with inst.db.session(inst.actor) as s:
        people.create_person(s, inst.actor, PersonInput("Người Ghi Sau"))
    assert live_people(inst) == 6
    old_inst = ctx.inst
    fake(ctx).open_answers = [str(target)]
    restored: list[object] = []
    page.restored.connect(restored.append)
    page.restore_button.click()
    qtbot.waitUntil(lambda: page.restore_dialog is not None and page.restore_dialog.isVisible())
    dlg = page.restore_dialog
    assert dlg is not None
    assert dlg.user.text() == "nguyen.van.quan.tri"
    unnamed, english = audit(dlg)
    assert unnamed == [] and english == []
    dlg.password.setText("sai-mat-khau")
    dlg.restore_button.click()
    qtbot.waitUntil(lambda: fake(ctx).shown[-1][0] == "error", timeout=10000)
    assert "Dữ liệu hiện tại không bị thay đổi" in fake(ctx).shown[-1][1]
    assert ctx.inst is old_inst and live_people(inst) == 6  # still usable, unchanged

    fake(ctx).open_answers = [str(target)]
    page.restore_button.click()
    qtbot.waitUntil(lambda: page.restore_dialog is not None and page.restore_dialog is not dlg)
    page.restore_dialog.password.setText(PASSWORD)  # type: ignore[union-attr]
    page.restore_dialog.restore_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(restored), timeout=15000)
    assert ctx.inst is not old_inst
    assert live_people(ctx.inst) == 5
    kind, text = fake(ctx).shown[-1]
    assert kind == "info" and "Đã khôi phục bản sao lưu" in text and "before-restore" in text
    assert any(
        p.name.startswith("before-restore") for p in (inst.db.path.parent / "backups").iterdir()
    )


def test_accounts_and_preferences_for_an_administrator(
    qtbot: QtBot, ctx: AppContext, inst: Installation, qtmodeltester: object
) -> None:
    page = make_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.officer_model.rowCount() == 1)
    qtmodeltester.check(page.officer_model)  # type: ignore[attr-defined]
    assert page.officer_model.index(0, 2).data() == "Quản trị"
    assert page.admin_part.isVisible() and page.restore_button.isEnabled()

    page.o_name.setText("Hà Văn Bình")
    page.o_role.setCurrentIndex(page.o_role.findData("team"))
    page.o_password.setText("mat-khau-moi-1")
    page.o_password2.setText("mat-khau-moi-2")
    page.add_officer_button.click()
    assert page.o_error.text() == "Hai lần nhập mật khẩu không giống nhau."
    page.o_password.setText("ngan")
    page.o_password2.setText("ngan")
    page.add_officer_button.click()
    qtbot.waitUntil(lambda: "ít nhất 8 ký tự" in page.o_error.text())
    page.o_password.setText("mat-khau-moi-1")
    page.o_password2.setText("mat-khau-moi-1")
    page.add_officer_button.click()
    qtbot.waitUntil(lambda: page.officer_model.rowCount() == 2, timeout=10000)
    assert fake(ctx).shown[-1] == (
        "info",
        "Hà Văn Bình đã có thể đăng nhập bằng tên ha.van.binh.",
    )
    assert "ha.van.binh" in inst.keyfile.users()
    row = page.officer_model.row_of(
        next(o.id for o in page.officer_model.rows() if o.username == "ha.van.binh")
    )
    assert row is not None
    assert page.officer_model.index(row, 2).data() == "Thành viên Tổ công nghệ số"

    # The administrator cannot disable themself; another account can be disabled.
    own = page.officer_model.row_of(inst.officer.id)
    assert own is not None
    page.officers.selectRow(own)
    assert not page.disable_button.isEnabled()
    page.officers.selectRow(row)
    fake(ctx).confirm_answers = [True]
    page.disable_button.click()
    qtbot.waitUntil(lambda: page.officer_model.index(row, 3).data() == "Đã khoá")
    assert "ha.van.binh" not in inst.keyfile.users()

    # Preferences.
    assert page.language.currentData() == "vi" and page.idle.value() == 10
    page.language.setCurrentIndex(page.language.findData("en"))
    page.idle.setValue(25)
    changed: list[object] = []
    ctx.data_changed.connect(changed.append)
    page.save_prefs.click()
    qtbot.waitUntil(lambda: "Đã lưu tuỳ chọn" in page.prefs_note.text())
    assert "mở lại hocvuso" in page.prefs_note.text()
    with inst.db.session() as s:
        prefs = get_preferences(s)
    assert (prefs.language, prefs.idle_lock_minutes) == ("en", 25)
    assert ("setting", "idle_lock_minutes") in changed[0]  # type: ignore[operator]


def test_officers_see_accounts_read_only(qtbot: QtBot, ctx: AppContext, inst: Installation) -> None:
    inst.actor = Actor(
        inst.actor.device_id, inst.actor.commune_code, inst.actor.officer_id, "officer"
    )
    inst.officer = OfficerInfo(inst.officer.id, inst.officer.username, "Cán Bộ Xã", "officer")
    page = make_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.officer_model.rowCount() == 1)
    assert not page.admin_part.isVisible()
    assert page.accounts_note.text() == "Chỉ quản trị viên mới thêm hoặc khoá được tài khoản."
    assert not page.restore_button.isEnabled()
    assert page.backup_button.isEnabled() and page.save_prefs.isEnabled()
