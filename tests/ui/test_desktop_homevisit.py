"""Home visit in a few keystrokes: name, Enter, skill, Enter, Ctrl+Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import payload
from app.installation import Installation
from app.services import directory, sessions
from app.services.sessions import SessionFilter
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import OFFSCREEN, add_people, settle
from ui.desktop.context import AppContext
from ui.desktop.pages.homevisit import HomeVisitPage

pytestmark = OFFSCREEN

# Shared fixtures (bound here so that pytest finds them in this module).
ctx = support.ctx
vietnamese = support.vietnamese


def test_home_visit_from_the_keyboard(
    qtbot: QtBot, ctx: AppContext, inst: Installation, qtmodeltester: object
) -> None:
    _hoa, duc, may, *_ = add_people(inst)
    with inst.db.session(inst.actor) as s:
        member = directory.save_team_member(s, inst.actor, "Ma Văn Tài").value
    page = HomeVisitPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.on_shown()
    settle(qtbot, ctx)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.search.hasFocus(), timeout=2000)
    assert page.month_count.text() == "Tháng này: 0 lần hướng dẫn tại nhà"

    qtbot.keyClicks(page.search, "may")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert page.person is not None and page.person.id == may.id
    assert "Bàn Thị Mẩy" in page.chosen.text()
    assert page.skills.filter.hasFocus()
    qtbot.keyClicks(page.skills.filter, "muc 2")
    qtbot.keyClick(page.skills.filter, Qt.Key.Key_Return)
    assert page.skills.checked() == ["DD02"]
    page.helper.setCurrentIndex(page.helper.findData(member.id))
    qtbot.keyClick(page.skills.filter, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)

    with inst.db.session() as s:
        visits = sessions.list_sessions(s, SessionFilter(format="home_visit"))
        assert len(visits) == 1 and visits[0].status == "held"
        progress = sessions.person_progress(s, may.id)
        attended = sessions.attendees(s, visits[0].id)
    assert [(p.skill_code, p.best_outcome) for p in progress] == [("DD02", "practised")]
    assert [a.person_id for a in attended] == [may.id]
    assert visits[0].team_member_ids == (member.id,)
    # The form is ready for the next visit; the visit is listed.
    assert page.person is None and page.skills.checked() == []
    assert page.search.hasFocus()
    assert page.recent.rowCount() == 1
    assert page.recent.index(0, 1).data() == "Bàn Thị Mẩy"
    assert page.recent.index(0, 2).data() == "DD02"
    assert "Bàn Thị Mẩy" in page.message.text()
    qtmodeltester.check(page.recent)  # type: ignore[attr-defined]
    assert page.month_count.text() == "Tháng này: 1 lần hướng dẫn tại nhà"

    # A learner card works here too; saving without a skill is refused with a hint.
    from tests.ui.test_desktop_support import type_text

    type_text(page.search, payload.encode_person(duc.id))
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert page.person is not None and page.person.id == duc.id
    page.save()
    assert page.message.text() == "Hãy đánh dấu ít nhất một kỹ năng."
