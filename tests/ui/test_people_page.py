"""The people screen with fake dialogs on a real encrypted database: the incremental model,
search as you type (stale answers dropped), filters, count, keyboard opening of a person's page,
merge and erase, and the accessibility/translation audit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.installation import Installation
from app.models import Person
from app.services import directory, people
from app.services.people import PersonInput
from app.services.people_queries import PeopleFilter, people_page
from app.services.people_queries import PeoplePage as PageOfPeople
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import OFFSCREEN, add_people, fake, settle
from ui.desktop.context import AppContext
from ui.desktop.pages import people as people_screen
from ui.desktop.pages.people import PeopleModel, PeoplePage

pytestmark = OFFSCREEN
ctx = support.ctx
vietnamese = support.vietnamese


def audit(root: QWidget) -> tuple[list[str], list[str]]:
    """(controls without an accessible name, English texts left in the Vietnamese screen)."""
    from tests.ui.test_desktop_mainwindow import english_sources, unnamed_controls, visible_texts

    english = english_sources()
    return unnamed_controls(root), [t for t in visible_texts(root) if t in english]


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> Iterator[PeoplePage]:
    p = PeoplePage(ctx)
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    qtbot.waitExposed(p)
    yield p


def shown_names(p: PeoplePage) -> list[str]:
    return [p.model.row_at(r).full_name for r in range(p.model.rowCount())]


def test_people_model_contract_with_incremental_pages(
    qtmodeltester: object, inst: Installation, vietnamese: None
) -> None:
    add_people(inst)
    model = PeopleModel("vi")
    requested: list[int] = []
    model.more_requested.connect(requested.append)
    with inst.db.session() as s:
        first = people_page(s, PeopleFilter(), None, 2)
        model.set_page(first)
        assert model.rowCount() == 2 and model.canFetchMore(model.index(-1, -1))
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        model.fetchMore(model.index(-1, -1))
        model.fetchMore(model.index(-1, -1))
        assert requested == [2]  # one request until the page arrives
        while model.cursor is not None:
            model.add_page(people_page(s, PeopleFilter(), model.cursor, 2))
    assert model.rowCount() == 5 and not model.canFetchMore(model.index(-1, -1))
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Họ và tên"
    assert model.index(0, 0).data() == "Triệu Văn Đức"


def test_search_filters_count_and_stale_answers(
    qtbot: QtBot, page: PeoplePage, ctx: AppContext, inst: Installation
) -> None:
    add_people(inst)
    with inst.db.session(inst.actor) as s:
        v = directory.save_village(s, inst.actor, "Xóm Đồng Tâm", "xom", 420).value
        people.create_person(
            s, inst.actor, PersonInput("Hoàng Văn Tú", birth_year=2014, village_id=v.id)
        )
    page.on_shown()
    qtbot.waitUntil(lambda: page.count.text() == "6 người")
    assert shown_names(page)[:3] == ["Triệu Văn Đức", "Lò Thị Hoa", "Nguyễn Thị Hoà"]
    qtbot.waitUntil(lambda: page.village.count() == 2 and page.skill.count() > 40)

    qtbot.keyClicks(page.search, "hoa")
    qtbot.waitUntil(lambda: page.count.text() == "4 người")
    assert page.model.rowCount() == 4  # the count is never shown ahead of its rows
    assert shown_names(page) == [
        "Lò Thị Hoa",
        "Nguyễn Thị Hoà",
        "Nguyễn Văn Hoàng",
        "Hoàng Văn Tú",
    ]

    # An answer to an older search arriving late is dropped.
    old_ticket = page._ticket
    page.search.setText("mẩy")
    qtbot.waitUntil(lambda: page.count.text() == "1 người")
    assert shown_names(page) == ["Bàn Thị Mẩy"]
    with inst.db.session() as s:
        stale: PageOfPeople = people_page(s, PeopleFilter(text="hoa"))
    page._first_page(old_ticket, stale)
    page._counted(old_ticket, 3)
    assert shown_names(page) == ["Bàn Thị Mẩy"] and page.count.text() == "1 người"

    page.search.clear()
    page.village.setCurrentIndex(page.village.findData(v.id))
    qtbot.waitUntil(lambda: shown_names(page) == ["Hoàng Văn Tú"])
    page.village.setCurrentIndex(0)
    page.age.setCurrentIndex(page.age.findData("60plus"))
    qtbot.waitUntil(lambda: page.count.text() == "2 người")
    assert set(shown_names(page)) == {"Nguyễn Thị Hoà", "Lò Thị Hoa"}
    page.search.setText("zzz")
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert "Không có ai phù hợp" in page.empty.text()

    unnamed, english = audit(page)
    assert unnamed == [] and english == []


def test_list_grows_as_the_view_asks_for_more(
    qtbot: QtBot,
    page: PeoplePage,
    ctx: AppContext,
    inst: Installation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(people_screen, "PAGE_SIZE", 4)
    with inst.db.session(inst.actor) as s:
        for i in range(30):
            people.create_person(s, inst.actor, PersonInput(f"Nguyễn Văn Thứ {chr(65 + i % 26)}"))
    asked: list[int] = []
    page.model.more_requested.connect(asked.append)
    page.on_shown()
    qtbot.waitUntil(lambda: page.count.text() == "30 người")
    # The first page fills less than the view: the view itself asks for more pages.
    qtbot.waitUntil(lambda: page.model.rowCount() >= 8)
    assert asked and asked[0] == 4
    while page.model.has_more():
        n = page.model.rowCount()
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda n=n: page.model.rowCount() > n)  # type: ignore[misc]
    assert page.model.rowCount() == 30
    ids = [page.model.row_at(r).id for r in range(30)]
    assert len(set(ids)) == 30


def test_enter_opens_the_person_page_and_escape_goes_back(
    qtbot: QtBot, page: PeoplePage, ctx: AppContext, inst: Installation, qtmodeltester: object
) -> None:
    added = add_people(inst)
    page.on_shown()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    qtbot.keyClicks(page.search, "nguyen thi")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.selected()[0].full_name == "Nguyễn Thị Hoà"
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    person = page.person_page
    assert page.stack.currentWidget() is person
    qtbot.waitUntil(lambda: person.name.text() == "Nguyễn Thị Hoà")
    assert person.fields["id_number"].text() == "019160001111"
    assert person.fields["sensitive"].text() == "Không ghi (chưa có sự đồng ý)"
    assert person.domain_model.rowCount() == 6
    assert person.domain_model.index(1, 0).data() == "2. Giao tiếp và hợp tác"
    for m in (person.domain_model, person.session_model, person.timeline_model):
        qtmodeltester.check(m)  # type: ignore[attr-defined]
    unnamed, english = audit(person)
    assert unnamed == [] and english == []
    qtbot.keyClick(person.back, Qt.Key.Key_Escape)
    assert page.stack.currentIndex() == 0

    # Another screen opens a person through the main window.
    page.show_person(added[1].id)
    qtbot.waitUntil(lambda: person.name.text() == "Triệu Văn Đức")
    assert page.stack.currentWidget() is person


def _select(page: PeoplePage, rows: list[int]) -> None:
    sel = page.table.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(
            page.model.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_merge_two_records_and_erase_on_request(
    qtbot: QtBot, page: PeoplePage, ctx: AppContext, inst: Installation
) -> None:
    add_people(inst)
    with inst.db.session(inst.actor) as s:
        twin = people.create_person(
            s, inst.actor, PersonInput("Nguyễn Thị Hoà", birth_year=1960, phone="0977000111")
        ).value
    page.on_shown()
    qtbot.keyClicks(page.search, "nguyen thi hoa")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    _select(page, [0])
    assert not page.merge_button.isEnabled()
    _select(page, [0, 1])
    assert page.merge_button.isEnabled() and not page.edit_button.isEnabled()
    page.merge_button.click()
    qtbot.waitUntil(lambda: page.merge_dialog is not None and page.merge_dialog.isVisible())
    dlg = page.merge_dialog
    assert dlg is not None
    keep = next(p for p in dlg.people if p.id != twin.id)
    dlg.keep_buttons[[p.id for p in dlg.people].index(keep.id)].setChecked(True)
    dlg.merge_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert fake(ctx).shown[-1] == ("info", "Hai hồ sơ đã gộp thành một: Nguyễn Thị Hoà.")
    with inst.db.session() as s:
        kept = people.get_person(s, keep.id)
    assert kept.phone == "0912000111" and kept.id_number == "019160001111"

    # Erase on request: nothing happens when the officer says no.
    _select(page, [0])
    fake(ctx).confirm_answers = [False]
    page.erase_button.click()
    settle(qtbot, ctx)
    assert "quyền xoá dữ liệu" in fake(ctx).shown[-1][1]
    fake(ctx).confirm_answers = [True]
    page.erase_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert fake(ctx).shown[-1] == ("info", "Đã xoá dữ liệu của người này.")
    with inst.db.session() as s:
        gone = s.get(Person, keep.id)
        live = s.scalar(select(func.count()).select_from(Person).where(Person.deleted_at.is_(None)))
    assert gone is not None and gone.full_name == "(đã xoá)" and gone.id_number is None
    assert live == 4
