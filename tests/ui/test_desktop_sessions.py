"""The sessions screen: create with every field, validation messages in Vietnamese, filters,
edit, duplicate for next month, cancel with confirmation, Enter opens the check-in."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ids import ICT, now
from app.installation import Installation
from app.services import directory, sessions
from app.services.sessions import SessionFilter
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import (
    OFFSCREEN,
    add_session,
    fake,
    settle,
    when_modal,
)
from ui.desktop.context import AppContext
from ui.desktop.pages.sessions import DuplicateDialog, SessionForm, SessionsPage, next_month

pytestmark = OFFSCREEN

# Shared fixtures (bound here so that pytest finds them in this module).
ctx = support.ctx
vietnamese = support.vietnamese


def _page(qtbot: QtBot, ctx: AppContext) -> SessionsPage:
    page = SessionsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.on_shown()
    settle(qtbot, ctx)
    return page


def _all(inst: Installation) -> list[sessions.SessionView]:
    with inst.db.session() as s:
        return sessions.list_sessions(s, SessionFilter())


def test_create_session_with_every_field(qtbot: QtBot, ctx: AppContext, inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        village = directory.save_village(s, inst.actor, "Thôn Đồng Kệt").value
        member = directory.save_team_member(s, inst.actor, "Ma Văn Tài", position="Tổ trưởng").value
    page = _page(qtbot, ctx)
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 buổi học"

    def fill(form: SessionForm) -> None:
        assert form.windowTitle() == "Buổi học mới"
        form.programme.setCurrentIndex(form.programme.findData("elderly"))
        # Choosing a programme gives a starting title.
        assert form.title.text() == "Lớp Bình dân học vụ số cho người cao tuổi"
        form.title.setText("  Lớp người cao tuổi — thôn Đồng Kệt ")
        form.format.setCurrentIndex(form.format.findData("community"))
        form.place.setText("Nhà văn hoá thôn")
        form.village.setCurrentIndex(form.village.findData(village.id))
        form.groups["student"].setChecked(True)
        form.skills.set_checked(["DD01", "DD02"])
        form.team_model.set_checked([member.id])
        form.notes.setPlainText("Mang theo điện thoại đã sạc")
        form.save()

    when_modal(fill, SessionForm)
    page.new_session()
    settle(qtbot, ctx)
    [s] = _all(inst)
    assert s.title == "Lớp người cao tuổi — thôn Đồng Kệt"
    assert s.programme_code == "elderly" and s.format == "community"
    assert s.village_id == village.id and s.place == "Nhà văn hoá thôn"
    assert set(s.target_groups) == {"citizen", "student"}
    assert s.planned_skills == ("DD01", "DD02")
    assert s.team_member_ids == (member.id,)
    assert s.notes == "Mang theo điện thoại đã sạc"
    assert s.ends_at is not None and s.ends_at - s.starts_at == timedelta(hours=2)
    # The list shows it, selected.
    assert page.model.rowCount() == 1
    assert page.current() is not None and page.current().id == s.id  # type: ignore[union-attr]
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[1] == s.title
    assert row[2] == "Lớp Bình dân học vụ số cho người cao tuổi"
    assert row[3] == "Buổi sinh hoạt cộng đồng"
    assert row[4] == "Thôn Đồng Kệt"
    assert row[5] == "Dự kiến"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Thời gian"


def test_validation_message_keeps_the_form_open(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    page = _page(qtbot, ctx)
    closed: list[int] = []

    def fill(form: SessionForm) -> None:
        form.title.setText("   ")
        form.finished.connect(closed.append)
        form.save()
        qtbot.waitUntil(lambda: bool(fake(ctx).shown), timeout=3000)
        assert form.isVisible()
        assert form.title.hasFocus()
        form.has_end.setChecked(True)
        form.reject()

    when_modal(fill, SessionForm)
    page.new_session()
    assert fake(ctx).shown == [("error", "Hãy nhập tên buổi học.")]
    assert _all(inst) == []


def test_filters_edit_duplicate_cancel_and_enter(
    qtbot: QtBot, ctx: AppContext, inst: Installation, qtmodeltester: object
) -> None:
    today = now().astimezone(ICT).replace(hour=8, minute=0, second=0, microsecond=0)
    a = add_session(inst, "Lớp VNeID", programme="digital_identity", starts_at=today)
    add_session(inst, "Chợ số", programme="digital_market", starts_at=today + timedelta(hours=3))
    add_session(inst, "Lớp tháng trước", starts_at=today - timedelta(days=40))
    page = _page(qtbot, ctx)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.model.rowCount() == 2  # this month only
    page.programme.setCurrentIndex(page.programme.findData("digital_market"))
    settle(qtbot, ctx)
    assert [r.title for r in page.model.rows()] == ["Chợ số"]
    page.programme.setCurrentIndex(0)
    page.month.setCurrentIndex(page.month.findData(None))
    settle(qtbot, ctx)
    assert page.model.rowCount() == 3
    page.format.setCurrentIndex(page.format.findData("home_visit"))
    settle(qtbot, ctx)
    assert page.model.rowCount() == 0
    page.format.setCurrentIndex(0)
    settle(qtbot, ctx)

    # Edit.
    page.table.selectRow(page.model.row_of(a.id))  # type: ignore[arg-type]

    def edit(form: SessionForm) -> None:
        assert form.windowTitle() == "Sửa buổi học"
        assert form.title.text() == "Lớp VNeID"
        assert form.skills.checked() == ["DD01", "DD02"]
        form.title.setText("Lớp VNeID mức 2")
        form.save()

    when_modal(edit, SessionForm)
    page.edit_current()
    settle(qtbot, ctx)
    assert {s.title for s in _all(inst)} >= {"Lớp VNeID mức 2"}

    # Duplicate for next month: same programme and skills, no attendance, a month later.
    page.table.selectRow(page.model.row_of(a.id))  # type: ignore[arg-type]
    when_modal(lambda d: d.accept(), DuplicateDialog)
    page.duplicate_current()
    settle(qtbot, ctx)
    copies = [s for s in _all(inst) if s.title == "Lớp VNeID mức 2" and s.id != a.id]
    assert len(copies) == 1
    copy = copies[0]
    assert copy.starts_at == next_month(a.starts_at.astimezone(ICT))
    assert copy.planned_skills == a.planned_skills and copy.status == "planned"
    assert page.current() is not None and page.current().id == copy.id  # type: ignore[union-attr]

    # Cancel, after confirming.
    fake(ctx).confirm_answers.extend([False, True])
    page.cancel_current()
    settle(qtbot, ctx)
    assert {s.id: s.status for s in _all(inst)}[copy.id] == "planned"
    page.cancel_current()
    settle(qtbot, ctx)
    assert {s.id: s.status for s in _all(inst)}[copy.id] == "cancelled"
    assert page.current() is not None and page.current().status == "cancelled"  # type: ignore[union-attr]
    assert not page.cancel_button.isEnabled()
    assert fake(ctx).shown[0][0] == "confirm" and "Lớp VNeID mức 2" in fake(ctx).shown[0][1]

    # Enter on a row opens its check-in.
    page.table.setFocus()
    with qtbot.waitSignal(page.open_checkin) as sig:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert sig.args == [copy.id]


def test_print_sheet_opens_the_preview_of_the_selected_session(
    qtbot: QtBot, ctx: AppContext, inst: Installation, monkeypatch: object
) -> None:
    import ui.desktop.print_preview as preview

    opened: list[object] = []
    monkeypatch.setattr(preview, "open_preview", lambda *a: opened.append(a))  # type: ignore[attr-defined]
    add_session(inst, "Lớp in danh sách")
    page = _page(qtbot, ctx)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    [(runner, dialogs, job, parent)] = opened  # type: ignore[misc]
    assert runner is ctx.runner and dialogs is ctx.dialogs and parent is page
    assert job.suggested_name.endswith(".pdf")  # type: ignore[attr-defined]
