"""Team and villages: add and edit team members and villages, errors next to fields, people
counted per village, read-only for team members."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.database import Actor
from app.installation import Installation, OfficerInfo
from app.services import directory, people
from app.services.people import PersonInput
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import OFFSCREEN
from tests.ui.test_people_page import audit
from ui.desktop.context import AppContext
from ui.desktop.pages.team import TeamPage

pytestmark = OFFSCREEN
ctx = support.ctx
vietnamese = support.vietnamese


def test_team_members_and_villages(
    qtbot: QtBot, ctx: AppContext, inst: Installation, qtmodeltester: object
) -> None:
    with inst.db.session(inst.actor) as s:
        v = directory.save_village(s, inst.actor, "Xóm Đồng Tâm", "xom", 420).value
        people.create_person(s, inst.actor, PersonInput("Hà Thị Lụa", village_id=v.id))
        directory.save_team_member(s, inst.actor, "Lường Văn Hải", phone="0388123456")
    page = TeamPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    qtbot.waitExposed(page)
    page.on_shown()
    qtbot.waitUntil(
        lambda: page.member_model.rowCount() == 1 and page.village_model.rowCount() == 1
    )
    qtmodeltester.check(page.member_model)  # type: ignore[attr-defined]
    qtmodeltester.check(page.village_model)  # type: ignore[attr-defined]
    assert page.village_model.index(0, 2).data() == "420"
    assert page.village_model.index(0, 3).data() == "1"
    assert page.member_model.index(0, 5).data() == "Đang hoạt động"
    unnamed, english = audit(page)
    assert unnamed == [] and english == []

    # A new member, with a wrong phone number first.
    page.new_member()
    page.m_name.setText("Ma Thị Hương")
    page.m_phone.setText("123")
    page.m_org.setText("Hội Phụ nữ")
    page.m_village.setCurrentIndex(page.m_village.findData(v.id))
    page.m_save.click()
    qtbot.waitUntil(lambda: page.m_errors["phone"].isVisible())
    assert page.m_errors["phone"].text() == "Số điện thoại không hợp lệ."
    page.m_phone.setText("0912 111 222")
    page.m_save.click()
    qtbot.waitUntil(lambda: page.member_model.rowCount() == 2)
    assert not page.m_errors["phone"].isVisible()
    hương = next(t for t in page.member_model.rows() if t.full_name == "Ma Thị Hương")
    assert hương.phone == "0912111222" and hương.organisation == "Hội Phụ nữ"
    assert page.member_model.index(page.member_model.row_of(hương.id) or 0, 4).data() == (
        "Xóm Đồng Tâm"
    )

    # She leaves the team: hidden unless asked for.
    page.members.selectRow(page.member_model.row_of(hương.id) or 0)
    assert page.m_name.text() == "Ma Thị Hương"
    page.m_active.setChecked(False)
    page.m_save.click()
    qtbot.waitUntil(lambda: page.member_model.rowCount() == 1)
    page.show_inactive.setChecked(True)
    qtbot.waitUntil(lambda: page.member_model.rowCount() == 2)

    # Villages: a duplicate name is refused next to the field; a new one is added.
    page.tabs.setCurrentIndex(1)
    page.new_village()
    page.v_name.setText("xóm đồng tâm")
    page.v_save.click()
    qtbot.waitUntil(lambda: page.v_errors["name"].isVisible())
    assert "Đã có thôn/xóm" in page.v_errors["name"].text()
    page.v_name.setText("Tổ dân phố số 3")
    page.v_kind.setCurrentIndex(page.v_kind.findData("to_dan_pho"))
    page.v_adults.setValue(1250)
    page.v_save.click()
    qtbot.waitUntil(lambda: page.village_model.rowCount() == 2)
    with inst.db.session() as s:
        found = directory.find_village(s, "to dan pho so 3")
    assert found is not None and found.adult_population == 1250 and found.kind == "to_dan_pho"
    row = page.village_model.row_of(found.id)
    assert row is not None and page.village_model.index(row, 1).data() == "Tổ dân phố"
    # Edit: the adult population becomes unknown.
    page.villages.selectRow(row)
    assert page.v_adults.value() == 1250
    page.v_adults.setValue(-1)
    assert page.v_adults.text() == "Chưa rõ"
    page.v_save.click()
    qtbot.waitUntil(
        lambda: (
            page.village_model.index(page.village_model.row_of(found.id) or 0, 2).data()
            == "Chưa rõ"
        )
    )


def test_team_members_see_the_lists_read_only(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    team = Actor(inst.actor.device_id, inst.actor.commune_code, inst.actor.officer_id, "team")
    inst.actor = team
    inst.officer = OfficerInfo(inst.officer.id, "ma.van.a", "Ma Văn A", "team")
    page = TeamPage(ctx)
    qtbot.addWidget(page)
    assert not page.m_save.isEnabled() and not page.v_save.isEnabled()
