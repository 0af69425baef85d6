"""The person form: errors next to fields, live ID cross-check, consent for sensitive data and a
guardian's for children, duplicates (open / merge / save as new), a scanned name to confirm,
and editing with the record's revision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.installation import Installation
from app.models import Person
from app.services import directory, people
from app.services.people import PersonInput
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import OFFSCREEN, add_people, fake
from tests.ui.test_people_page import audit
from ui.desktop.context import AppContext
from ui.desktop.pages.person_form import PersonFormDialog, parse_birth

pytestmark = OFFSCREEN
ctx = support.ctx
vietnamese = support.vietnamese


def form(qtbot: QtBot, ctx: AppContext, **kw: object) -> PersonFormDialog:
    dlg = PersonFormDialog(ctx, None, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def live(inst: Installation) -> int:
    with inst.db.session() as s:
        n = s.scalar(select(func.count()).select_from(Person).where(Person.deleted_at.is_(None)))
    return int(n or 0)


def wait_closed(qtbot: QtBot, dlg: QDialog) -> Callable[[], None]:
    return lambda: qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted)


def test_parse_birth() -> None:
    assert parse_birth("") == (None, None)
    assert parse_birth(" 1990 ") == (None, 1990)
    assert parse_birth("5/3/1990") == (date(1990, 3, 5), None)
    assert parse_birth("05-03-1990") == (date(1990, 3, 5), None)
    assert parse_birth("31/02/1990") is None
    assert parse_birth("năm 90") is None


def test_new_person_with_errors_next_to_fields_and_id_warnings(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    with inst.db.session(inst.actor) as s:
        v = directory.save_village(s, inst.actor, "Xóm Đồng Tâm", "xom", 420).value
    dlg = form(qtbot, ctx)
    qtbot.waitUntil(lambda: dlg.village.count() == 2)
    assert dlg.windowTitle() == "Người mới"
    dlg.name.setText("Hà Thị Lụa")
    dlg.birth.setText("31/02/1955")
    dlg.save()
    assert dlg.errors["birth"].isVisible()
    assert "ngày/tháng/năm" in dlg.errors["birth"].text()
    dlg.birth.setText("15/03/1955")
    dlg.phone.setText("12345")
    dlg.save()
    qtbot.waitUntil(lambda: dlg.errors["phone"].isVisible())
    assert dlg.errors["phone"].text().startswith("Số điện thoại không hợp lệ")
    assert not dlg.errors["birth"].isVisible() and dlg.phone.hasFocus()

    # The ID number disagrees with the birth year and sex: warnings while typing, not errors.
    dlg.phone.setText("0912 345 678")
    dlg.sex.setCurrentIndex(dlg.sex.findData("F"))
    dlg.id_number.setText("019060001111")
    assert dlg.id_warnings.isVisible()
    assert "Năm sinh không khớp" in dlg.id_warnings.text()
    assert "Giới tính không khớp" in dlg.id_warnings.text()
    dlg.id_number.setText("019155001111")
    assert not dlg.id_warnings.isVisible()
    dlg.village.setCurrentIndex(dlg.village.findData(v.id))
    unnamed, english = audit(dlg)
    assert unnamed == [] and english == []
    changed: list[object] = []
    ctx.data_changed.connect(changed.append)
    dlg.save()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted)
    assert dlg.saved is not None and not dlg.chose_existing
    assert dlg.saved.birth_date == date(1955, 3, 15) and dlg.saved.phone == "0912345678"
    assert dlg.saved.village_name == "Xóm Đồng Tâm" and dlg.saved.sex == "F"
    assert changed == [(("person", dlg.saved.id),)]


def test_sensitive_data_needs_consent_and_a_guardian_for_children(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    dlg = form(qtbot, ctx)
    assert not dlg.consent.isChecked()  # never pre-ticked
    assert not dlg.ethnicity.isEnabled() and not dlg.disability.isEnabled()
    dlg.name.setText("Đặng Thị Ánh")
    assert not dlg.guardian_consent.isVisibleTo(dlg)
    dlg.birth.setText("2015")  # under 16: the guardian's consent appears
    assert dlg.guardian_consent.isVisibleTo(dlg) and not dlg.guardian_consent.isEnabled()
    dlg.consent.setChecked(True)
    assert dlg.ethnicity.isEnabled() and dlg.guardian_consent.isVisibleTo(dlg)
    assert dlg.guardian_consent.isEnabled()
    dlg.ethnicity.setCurrentText("Dao")
    dlg.save()
    qtbot.waitUntil(lambda: dlg.errors["guardian_consent"].isVisible())
    assert "giám hộ" in dlg.errors["guardian_consent"].text()
    assert live(inst) == 0
    dlg.guardian_consent.setChecked(True)
    dlg.save()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted)
    assert dlg.saved is not None and dlg.saved.has_consent and dlg.saved.ethnicity == "Dao"
    assert dlg.saved.guardian_consent

    # Editing: unticking the consent removes the sensitive data.
    edit = form(qtbot, ctx, person_id=dlg.saved.id)
    qtbot.waitUntil(lambda: edit.name.text() == "Đặng Thị Ánh")
    assert edit.windowTitle() == "Sửa thông tin người học"
    assert edit.consent.isChecked() and edit.ethnicity.currentText() == "Dao"
    edit.consent.setChecked(False)
    assert edit.consent_note.isVisibleTo(edit)
    edit.save()
    qtbot.waitUntil(lambda: edit.result() == QDialog.DialogCode.Accepted)
    assert edit.saved is not None and edit.saved.ethnicity is None and not edit.saved.has_consent


def test_duplicates_open_existing_merge_or_save_as_new(
    qtbot: QtBot, ctx: AppContext, inst: Installation, qtmodeltester: object
) -> None:
    existing = add_people(inst)[0]  # Nguyễn Thị Hoà, 1960, 019160001111, 0912000111
    before = live(inst)

    def typed(dlg: PersonFormDialog) -> None:
        dlg.name.setText("Nguyễn Thị Hoà")
        dlg.birth.setText("12/08/1960")
        dlg.save()
        qtbot.waitUntil(lambda: dlg.dup_box.isVisible())
        assert dlg.dup_model.rowCount() == 1
        assert dlg.dup_model.index(0, 5).data() == "cùng họ tên, cùng năm sinh"
        assert live(inst) == before  # nothing written yet

    a = form(qtbot, ctx)
    typed(a)
    qtmodeltester.check(a.dup_model)  # type: ignore[attr-defined]
    unnamed, english = audit(a)
    assert unnamed == [] and english == []
    a.open_existing.click()
    assert a.result() == QDialog.DialogCode.Accepted
    assert a.chose_existing and a.saved is not None and a.saved.id == existing.id

    b = form(qtbot, ctx)
    typed(b)
    b.merge_existing.click()
    qtbot.waitUntil(lambda: b.result() == QDialog.DialogCode.Accepted)
    assert b.saved is not None and b.saved.id == existing.id
    assert b.saved.birth_date == date(1960, 8, 12)  # filled in from what was typed
    assert live(inst) == before

    c = form(qtbot, ctx)
    typed(c)
    c.save_new.click()
    qtbot.waitUntil(lambda: c.result() == QDialog.DialogCode.Accepted)
    assert c.saved is not None and c.saved.id != existing.id
    assert live(inst) == before + 1


def test_scanned_name_must_be_confirmed_or_corrected(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    prefill = PersonInput(
        "Nguyêñ Thi Ðào", birth_date=date(1990, 3, 15), sex="F", id_number="019190012345"
    )
    dlg = form(qtbot, ctx, prefill=prefill, name_needs_confirmation=True)
    assert dlg.name_confirmed.isVisibleTo(dlg) and "background" in dlg.name.styleSheet()
    assert dlg.birth.text() == "15/03/1990" and dlg.id_number.text() == "019190012345"
    dlg.save()
    assert dlg.errors["full_name"].isVisible() and live(inst) == 0
    dlg.name.setText("Nguyễn Thị Đào")  # corrected by the officer
    dlg.name.textEdited.emit(dlg.name.text())
    assert dlg.name.styleSheet() == ""
    dlg.save()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted)
    assert dlg.saved is not None and dlg.saved.full_name == "Nguyễn Thị Đào"

    other = form(
        qtbot, ctx, prefill=PersonInput("Lò Văn Páo", birth_year=1970), name_needs_confirmation=True
    )
    other.name_confirmed.setChecked(True)
    other.save()
    qtbot.waitUntil(lambda: other.result() == QDialog.DialogCode.Accepted)
    assert other.saved is not None and other.saved.full_name == "Lò Văn Páo"


def test_edit_saves_with_revision_and_reports_a_stale_record(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    person = add_people(inst)[1]
    dlg = form(qtbot, ctx, person_id=person.id)
    qtbot.waitUntil(lambda: dlg.name.text() == "Triệu Văn Đức")
    assert dlg.birth.text() == "1971" and dlg.phone.text() == "0912000222"
    # Somebody else changes the record meanwhile.
    with inst.db.session(inst.actor) as s:
        people.update_person(
            s,
            inst.actor,
            person.id,
            PersonInput("Triệu Văn Đức", birth_year=1972),
            expected_revision=None,
        )
    dlg.phone.setText("0988000333")
    dlg.save()
    qtbot.waitUntil(lambda: bool(fake(ctx).shown))
    assert fake(ctx).shown[-1][0] == "error" and "vừa được sửa ở nơi khác" in fake(ctx).shown[-1][1]
    assert dlg.isVisible()
    fresh = form(qtbot, ctx, person_id=person.id)
    qtbot.waitUntil(lambda: fresh.birth.text() == "1972")
    fresh.phone.setText("0988000333")
    fresh.save()
    qtbot.waitUntil(lambda: fresh.result() == QDialog.DialogCode.Accepted)
    assert fresh.saved is not None and fresh.saved.phone == "0988000333"
