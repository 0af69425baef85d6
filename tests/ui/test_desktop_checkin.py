"""The check-in screen, driven from the keyboard as at the door: learner cards, ID card QR
text (recorded, new, garbled by an input method), misreads, name and digit search with the
arrow keys, planned skills for everyone or the selected rows, undo, and the focus that never
leaves the scan field."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import payload
from app.installation import Installation
from app.services import sessions
from app.services.people import PersonView
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import (
    OFFSCREEN,
    add_people,
    add_session,
    fake,
    settle,
    type_text,
)
from ui.desktop.context import AppContext
from ui.desktop.pages.checkin import CheckInPage

pytestmark = OFFSCREEN

# Shared fixtures (bound here so that pytest finds them in this module).
ctx = support.ctx
vietnamese = support.vietnamese

CARD_NEW = (
    "019190012345|091234567|Nguyễn Thị Đào|15031990|Nữ|"
    "Tổ 5, Phường Quang Trung, Thành phố Thái Nguyên, Thái Nguyên|20042021"
)
# The same card typed by a scanner while the Telex input method was on: "Y Moan Ksor" became
# "Y Moan Ksỏ"; the ID number and the birth date survive.
CARD_GARBLED = (
    "019190012345|091234567|Y Moan Ksỏ|15031990|Nữ|Tổ 5, Phường Quang Trung, Thái Nguyên|20042021"
)


class FormStub:
    """Stands in for the person form: records how it was opened, saves through the service
    (as the real form does) unless told to cancel."""

    opened: ClassVar[list[dict[str, Any]]] = []
    cancel: ClassVar[bool] = False

    def __init__(self, ctx: AppContext, parent: object, **kw: Any) -> None:
        self.ctx, self.kw = ctx, kw
        self.saved: PersonView | None = None
        FormStub.opened.append(kw)

    def exec(self) -> int:
        from PySide6.QtWidgets import QDialog

        from app.services.people import create_person

        if FormStub.cancel:
            return int(QDialog.DialogCode.Rejected)
        data = self.kw["prefill"]
        if self.kw.get("name_needs_confirmation"):
            from dataclasses import replace

            data = replace(data, full_name="Y Moan Ksor")  # the officer corrects the name
        inst = self.ctx.inst
        with inst.db.session(inst.actor) as s:
            self.saved = create_person(s, inst.actor, data).value
        return int(QDialog.DialogCode.Accepted)


def _page(qtbot: QtBot, ctx: AppContext, session_id: str) -> CheckInPage:
    page = CheckInPage(ctx)
    qtbot.addWidget(page)
    page.person_form_factory = FormStub
    FormStub.opened = []
    FormStub.cancel = False
    page.show()
    qtbot.waitExposed(page)
    page.open_session(session_id)
    settle(qtbot, ctx)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.scan.hasFocus(), timeout=2000)
    return page


def scan(qtbot: QtBot, ctx: AppContext, page: CheckInPage, text: str) -> None:
    """What a USB scanner does: type the text, then Enter."""
    type_text(page.scan, text)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    settle(qtbot, ctx)


def names(page: CheckInPage) -> list[str]:
    return [r.full_name for r in page.model.rows()]


def present(inst: Installation, session_id: str) -> dict[str, str]:
    with inst.db.session() as s:
        return {a.full_name: a.method for a in sessions.attendees(s, session_id)}


def test_scans_at_the_door(qtbot: QtBot, ctx: AppContext, inst: Installation) -> None:
    hoa, duc, may, _hoang, _lo = add_people(inst)
    session = add_session(inst)
    page = _page(qtbot, ctx, session.id)
    assert page.heading.text() == "Điểm danh: Lớp VNeID tháng này"
    assert "Kỹ năng dự kiến: DD01" in page.details.text()

    # A learner card.
    scan(qtbot, ctx, page, payload.encode_person(duc.id))
    assert names(page) == ["Triệu Văn Đức"]
    assert page.message.text() == "✓ Đã điểm danh Triệu Văn Đức."
    assert page.scan.text() == "" and page.scan.hasFocus()

    # The ID card of somebody recorded: matched by the ID number.
    card_hoa = f"{hoa.id_number}|091234567|Nguyễn Thị Hoà|01011960|Nữ|Xóm 1, Đức Xuân|01012022"
    scan(qtbot, ctx, page, card_hoa)
    assert names(page) == ["Triệu Văn Đức", "Nguyễn Thị Hoà"]
    assert present(inst, session.id) == {"Triệu Văn Đức": "card", "Nguyễn Thị Hoà": "id_card"}

    # The same card again: harmless, said so.
    scan(qtbot, ctx, page, card_hoa)
    assert page.model.rowCount() == 2
    assert "đã được điểm danh lúc" in page.message.text()

    # A misread learner card (one digit wrong).
    code = payload.encode_person(may.id)
    bad = code[:10] + ("1" if code[10] != "1" else "2") + code[11:]
    scan(qtbot, ctx, page, bad)
    assert "đọc bị sai" in page.message.text()
    assert page.model.rowCount() == 2

    # The ID card of somebody new: the form opens pre-filled, the new person is checked in.
    scan(qtbot, ctx, page, CARD_NEW)
    [opened] = FormStub.opened
    prefill = opened["prefill"]
    assert (prefill.full_name, prefill.id_number, prefill.sex) == (
        "Nguyễn Thị Đào",
        "019190012345",
        "F",
    )
    assert prefill.birth_date is not None and prefill.birth_date.isoformat() == "1990-03-15"
    assert opened["name_needs_confirmation"] is False
    settle(qtbot, ctx)
    assert names(page)[-1] == "Nguyễn Thị Đào"
    assert present(inst, session.id)["Nguyễn Thị Đào"] == "id_card"
    assert page.scan.hasFocus()
    assert page.count.text() == "3 người có mặt"


def test_garbled_id_card_asks_to_confirm_the_name(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    session = add_session(inst)
    page = _page(qtbot, ctx, session.id)
    scan(qtbot, ctx, page, CARD_GARBLED)
    [opened] = FormStub.opened
    assert opened["name_needs_confirmation"] is True
    assert opened["prefill"].id_number == "019190012345"
    assert opened["prefill"].birth_date.isoformat() == "1990-03-15"
    settle(qtbot, ctx)
    assert names(page) == ["Y Moan Ksor"]
    # Cancelling the form adds nobody.
    FormStub.cancel = True
    scan(qtbot, ctx, page, CARD_NEW.replace("019190012345", "019190099999"))
    assert page.model.rowCount() == 1
    assert page.message.text() == "Chưa thêm ai."


def test_name_search_with_arrow_keys_and_enter(
    qtbot: QtBot, ctx: AppContext, inst: Installation, qtmodeltester: object
) -> None:
    add_people(inst)
    session = add_session(inst)
    page = _page(qtbot, ctx, session.id)
    # Accent-free fragments; two people match "nguyen".
    qtbot.keyClicks(page.scan, "nguyen")
    qtbot.waitUntil(lambda: page.suggestions.rowCount() == 2, timeout=3000)
    qtmodeltester.check(page.suggestions)  # type: ignore[attr-defined]
    assert "Có 2 người khớp" in page.message.text()
    assert not page.suggest_view.currentIndex().isValid()
    # Enter with several matches and none chosen does nothing but explain.
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert page.model.rowCount() == 0
    assert "Chọn bằng ↑ ↓" in page.message.text()
    qtbot.keyClick(page.scan, Qt.Key.Key_Down)
    qtbot.keyClick(page.scan, Qt.Key.Key_Down)
    assert page.suggest_view.currentIndex().row() == 1
    qtbot.keyClick(page.scan, Qt.Key.Key_Up)
    chosen = page.suggestions.row_at(0).full_name
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert names(page) == [chosen]
    assert present(inst, session.id) == {chosen: "search"}
    assert page.scan.text() == "" and page.scan.hasFocus()

    # One match: Enter picks it straight away (typed fast, before suggestions arrive).
    qtbot.keyClicks(page.scan, "may")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert names(page)[-1] == "Bàn Thị Mẩy"

    # Phone digits.
    qtbot.keyClicks(page.scan, "0912000222")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert names(page)[-1] == "Triệu Văn Đức"

    # Nobody: a hint to add the person; Esc clears.
    qtbot.keyClicks(page.scan, "zzzz")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert "Không tìm thấy ai" in page.message.text()
    assert page.scan.text() == "zzzz"
    qtbot.keyClick(page.scan, Qt.Key.Key_Escape)
    assert page.scan.text() == "" and page.message.text() == ""
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_planned_skills_for_all_or_selected_and_undo(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    hoa, duc, may, *_ = add_people(inst)
    session = add_session(inst, planned=("DD01", "DD02"))
    page = _page(qtbot, ctx, session.id)
    for p in (hoa, duc, may):
        scan(qtbot, ctx, page, payload.encode_person(p.id))
    assert page.model.rowCount() == 3
    # Planned skills for everyone, outcome "practised with help" (the default).
    qtbot.keyClick(
        page.scan,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, ctx)
    with inst.db.session() as s:
        rows = {a.full_name: a.skills for a in sessions.attendees(s, session.id)}
    assert rows["Bàn Thị Mẩy"] == (("DD01", "practised"), ("DD02", "practised"))
    assert page.model.index(0, 5).data() == "DD01, DD02 — Đã thực hành có hỗ trợ"
    assert page.undo_button.text() == "Hoàn tác: kỹ năng của 3 người"
    assert page.scan.hasFocus()

    # The selected row only, with another outcome.
    page.outcome.setCurrentIndex(page.outcome.findData("independent"))
    row = page.model.row_of(may.id)
    assert row is not None
    page.table.selectionModel().select(
        page.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    page.apply_planned(selected_only=True)
    settle(qtbot, ctx)
    with inst.db.session() as s:
        progress = {p.skill_code: p.best_outcome for p in sessions.person_progress(s, may.id)}
        other = {p.skill_code: p.best_outcome for p in sessions.person_progress(s, duc.id)}
    assert progress == {"DD01": "independent", "DD02": "independent"}
    assert other == {"DD01": "practised", "DD02": "practised"}
    assert "Tự làm được" in page.model.index(row, 5).data()

    # Ctrl+Z undoes the last skill action, then the one before it, then the last check-in.
    qtbot.keyClick(page.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    with inst.db.session() as s:
        assert {p.best_outcome for p in sessions.person_progress(s, may.id)} == {"practised"}
    qtbot.keyClick(page.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    with inst.db.session() as s:
        assert sessions.person_progress(s, duc.id) == []
    assert page.model.index(0, 5).data() == ""
    qtbot.keyClick(page.scan, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ctx)
    assert names(page) == ["Nguyễn Thị Hoà", "Triệu Văn Đức"]
    assert set(present(inst, session.id)) == {"Nguyễn Thị Hoà", "Triệu Văn Đức"}
    assert page.message.text() == "Đã hoàn tác: Bàn Thị Mẩy."
    assert QApplication.focusWidget() is page.scan


def test_cancelled_session_refuses_check_in_inline(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    (hoa, *_) = add_people(inst)
    session = add_session(inst, status="cancelled")
    page = _page(qtbot, ctx, session.id)
    scan(qtbot, ctx, page, payload.encode_person(hoa.id))
    assert page.model.rowCount() == 0
    assert "đã bị huỷ" in page.message.text()
    assert fake(ctx).shown == []  # no message box in the queue's way


def test_other_skills_for_the_selected_and_removing_a_mistaken_check_in(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    from tests.ui.test_desktop_support import when_modal
    from ui.desktop.pages.checkin import SkillsDialog

    hoa, duc, *_ = add_people(inst)
    session = add_session(inst, planned=("DD01",))
    page = _page(qtbot, ctx, session.id)
    for p in (hoa, duc):
        scan(qtbot, ctx, page, payload.encode_person(p.id))
    row = page.model.row_of(duc.id)
    assert row is not None
    page.table.selectRow(row)

    def choose(dlg: SkillsDialog) -> None:
        assert dlg.picker.checked() == ["DD01"]  # the planned skills to start with
        assert dlg.to_selected.isChecked()
        dlg.picker.set_checked([])
        qtbot.keyClicks(dlg.picker.filter, "lua dao")
        qtbot.keyClick(dlg.picker.filter, Qt.Key.Key_Return)  # two match: to the list
        assert dlg.isVisible() and dlg.picker.list.currentIndex().row() == 0
        dlg.picker.filter.clear()
        qtbot.keyClicks(dlg.picker.filter, "phong tranh lua dao")
        qtbot.keyClick(dlg.picker.filter, Qt.Key.Key_Return)
        dlg.outcome.setCurrentIndex(dlg.outcome.findData("independent"))
        dlg.accept()

    when_modal(choose, SkillsDialog)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.scan, Qt.Key.Key_K, mods)
    settle(qtbot, ctx)
    with inst.db.session() as s:
        assert [(p.skill_code, p.best_outcome) for p in sessions.person_progress(s, duc.id)] == [
            ("AT01", "independent")
        ]
        assert sessions.person_progress(s, hoa.id) == []
    assert page.scan.hasFocus()

    # Delete on a selected row takes a mistaken check-in off the list, after confirming.
    page.table.setFocus()
    page.table.selectRow(page.model.row_of(duc.id))  # type: ignore[arg-type]
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    settle(qtbot, ctx)
    assert names(page) == ["Nguyễn Thị Hoà"]
    assert set(present(inst, session.id)) == {"Nguyễn Thị Hoà"}
    with inst.db.session() as s:
        assert sessions.person_progress(s, duc.id) == []
    assert fake(ctx).shown[-1][0] == "confirm" and "Triệu Văn Đức" in fake(ctx).shown[-1][1]
    # The undo stack no longer offers the removed check-in.
    assert all(duc.id != u.person_id for u in page.undo_stack)
