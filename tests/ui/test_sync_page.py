"""The sync screen against the real server on a loopback port (SQLite): enrol through the page,
sync on the pool (never the GUI thread), the status and status bar line, a record the server
refuses listed with its Vietnamese reason and cleared after a fix and Resend, and an
unreachable server that loses nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.ids import now
from app.installation import Installation
from app.models import Person
from sync.client import SyncEngine
from sync.issues import sync_status
from sync.server.enrol import issue_code
from tests.conftest import COMMUNE
from tests.sync.conftest import FAST
from tests.sync.harness import ServerThread, server_set
from tests.ui.test_desktop_support import OFFSCREEN, add_people, ctx, fake, settle, vietnamese
from ui.desktop.context import AppContext

pytestmark = OFFSCREEN
__all__ = ["ctx", "vietnamese"]  # fixtures


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerThread]:
    srv = ServerThread(f"sqlite:///{tmp_path / 'server.db'}").start()
    yield srv
    srv.stop()


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> Iterator[object]:
    from PySide6.QtWidgets import QLabel

    from ui.desktop.pages.sync import SyncPage
    from ui.desktop.sync_worker import SyncController

    label = QLabel()
    qtbot.addWidget(label)
    controller = SyncController(ctx, label, config=FAST, interval_s=3600, max_wait=3.0)
    p = SyncPage(ctx, controller)
    p.status_label = label  # type: ignore[attr-defined]
    qtbot.addWidget(p)
    p.show()
    p.on_shown()
    settle(qtbot, ctx)
    yield p
    controller.stop()


def _enrol(qtbot: QtBot, ctx: AppContext, page: object, srv: ServerThread) -> None:
    code = issue_code(srv.engine, COMMUNE).code
    page.url_edit.setText(srv.url)  # type: ignore[attr-defined]
    page.code_edit.setText(code)  # type: ignore[attr-defined]
    page.enrol_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: sync_status(ctx.inst.db).enrolled, timeout=10000)
    settle(qtbot, ctx, 10000)
    qtbot.waitUntil(lambda: page.status_box.isVisible(), timeout=5000)  # type: ignore[attr-defined]


def _sync(qtbot: QtBot, page: object) -> None:
    c = page.controller  # type: ignore[attr-defined]
    with (
        qtbot.waitSignal(c.status_changed, timeout=20000),
        qtbot.waitSignal(c.finished, timeout=20000),
    ):
        page.sync_button.click()  # type: ignore[attr-defined]


def test_enrol_sync_and_status_on_the_pool(
    qtbot: QtBot,
    ctx: AppContext,
    inst: Installation,
    page: object,
    server: ServerThread,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert page.enrol_box.isVisible()  # type: ignore[attr-defined]
    _enrol(qtbot, ctx, page, server)
    assert "Đã đăng ký" in fake(ctx).shown[-1][1]
    [person] = add_people(inst, [("Nguyễn Thị Hoà", 1960, None, None)])
    page.controller.refresh()  # type: ignore[attr-defined]
    settle(qtbot, ctx)
    assert "chờ gửi" in page.status_label.text()  # type: ignore[attr-defined]

    gui = threading.get_ident()
    threads: list[int] = []
    original = SyncEngine.run_once

    def spy(self: SyncEngine, **kw: object) -> object:
        threads.append(threading.get_ident())
        return original(self, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(SyncEngine, "run_once", spy)
    _sync(qtbot, page)
    assert threads and gui not in threads  # the sync ran on the pool
    assert person.id in {r[0] for r in server_set(server.engine)}
    assert page.pending_value.text() == "0"  # type: ignore[attr-defined]
    assert page.last_value.text() not in ("", "chưa bao giờ")  # type: ignore[attr-defined]
    assert "đã gửi hết" in page.status_label.text()  # type: ignore[attr-defined]
    assert "lần cuối" in page.status_label.text()  # type: ignore[attr-defined]


def test_refused_record_is_listed_fixed_and_resent(
    qtbot: QtBot,
    qtmodeltester: object,
    ctx: AppContext,
    inst: Installation,
    page: object,
    server: ServerThread,
) -> None:
    _enrol(qtbot, ctx, page, server)
    with inst.db.session(inst.actor) as s:
        bad = Person(
            full_name="Hoàng Văn Bảy",
            search_key="hoang van bay",
            sort_key="bay",
            target_group="citizen",
            ethnicity="Tày",  # sensitive without consent: the server refuses it
            guardian_consent=False,
            notes="",
        )
        s.add(bad)
        s.flush()
        bad_id = bad.id
    _sync(qtbot, page)
    model = page.model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    row = model.row_at(0)
    assert row.record_id == bad_id
    assert model.index(0, 0).data() == "Hoàng Văn Bảy"
    assert "Nghị định 356" in model.index(0, 2).data()
    assert "cần sửa" in page.status_label.text()  # type: ignore[attr-defined]
    assert bad_id not in {r[0] for r in server_set(server.engine)}

    # The officer records the consent, then resends.
    with inst.db.session(inst.actor) as s:
        p = s.get(Person, bad_id)
        assert p is not None
        p.consent_at = now()
        p.consent_by = inst.actor.officer_id
    page.view.selectRow(0)  # type: ignore[attr-defined]
    assert page.resend_button.isEnabled()  # type: ignore[attr-defined]
    assert page.open_button.isEnabled()  # type: ignore[attr-defined]
    c = page.controller  # type: ignore[attr-defined]
    with qtbot.waitSignal(c.finished, timeout=20000):
        page.resend_button.click()  # type: ignore[attr-defined]
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=5000)
    assert bad_id in {r[0] for r in server_set(server.engine)}
    assert page.empty_label.isVisible()  # type: ignore[attr-defined]


def test_server_down_says_so_and_loses_nothing(
    qtbot: QtBot, ctx: AppContext, inst: Installation, page: object, server: ServerThread
) -> None:
    _enrol(qtbot, ctx, page, server)
    server.stop()
    [person] = add_people(inst, [("Triệu Văn Đức", 1971, None, None)])
    before = sync_status(inst.db).pending
    assert before >= 1
    _sync(qtbot, page)
    assert "không kết nối được máy chủ" in page.status_label.text()  # type: ignore[attr-defined]
    assert "Không kết nối được" in page.error_value.text()  # type: ignore[attr-defined]
    assert page.pending_value.text() == str(before)  # type: ignore[attr-defined]
    with inst.db.session() as s:
        assert s.scalar(select(Person.id).where(Person.id == person.id)) == person.id
    assert sync_status(inst.db).pending == before
    assert page.sync_button.isEnabled()  # type: ignore[attr-defined]
