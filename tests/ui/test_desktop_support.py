"""Fixtures and helpers shared by the desktop tests (an app context with fake dialogs, a few
people and sessions), and tests of the shared page helpers themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.ids import now
from app.installation import Installation
from app.services import people, sessions
from app.services.people import PersonInput, PersonView
from app.services.sessions import SessionInput, SessionView
from ui.desktop.context import AppContext
from ui.desktop.dialogs import FakeDialogs
from ui.desktop.tasks import TaskRunner

# The offscreen platform warns that it cannot raise windows or pass size hints to a window
# manager; those are facts of the test platform, not problems of the code under test.
OFFSCREEN = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise|propagateSizeHints|requestActivate)\(\)"
)
pytestmark = OFFSCREEN


class Settle:
    """Waits until the task runner has delivered every result (via its public signal)."""

    def __init__(self, runner: TaskRunner) -> None:
        self.busy = False
        runner.busy_changed.connect(self._changed)

    def _changed(self, busy: bool) -> None:
        self.busy = busy

    def __call__(self, qtbot: QtBot, timeout: int = 5000) -> None:
        qtbot.waitUntil(lambda: not self.busy, timeout=timeout)


@pytest.fixture
def vietnamese(qapp: object) -> Iterator[None]:
    from PySide6.QtWidgets import QApplication

    from ui.desktop.main import install_translator

    assert isinstance(qapp, QApplication)
    assert install_translator(qapp, "vi") is not None, "hocvuso_vi.qm must be built by set-up"
    yield


@pytest.fixture
def ctx(inst: Installation, vietnamese: None) -> Iterator[AppContext]:
    runner = TaskRunner()
    c = AppContext(inst, runner, FakeDialogs(), "vi")
    c.settle = Settle(runner)  # type: ignore[attr-defined]
    yield c
    runner.wait()


def settle(qtbot: QtBot, ctx: AppContext, timeout: int = 5000) -> None:
    ctx.settle(qtbot, timeout)  # type: ignore[attr-defined]


def type_text(widget: object, text: str) -> None:
    """Type any text (Vietnamese letters, "|") key by key, as a USB scanner does: QTest's
    keyClicks only knows ASCII keys."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def when_modal(callback: Callable[[Any], None], cls: type | None = None) -> None:
    """Run `callback(dialog)` once a modal dialog (of `cls`) is open: screens open their
    dialogs with exec(), which blocks until the test has driven them."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def attempt() -> None:
        w = QApplication.activeModalWidget()
        if w is None or (cls is not None and not isinstance(w, cls)):
            QTimer.singleShot(10, attempt)
            return
        try:
            callback(w)
        except BaseException:
            w.reject()  # a failed check must not leave the test blocked in exec()
            raise

    QTimer.singleShot(0, attempt)


def fake(ctx: AppContext) -> FakeDialogs:
    d = ctx.dialogs
    assert isinstance(d, FakeDialogs)
    return d


PEOPLE = [
    ("Nguyễn Thị Hoà", 1960, "019160001111", "0912000111"),
    ("Triệu Văn Đức", 1971, None, "0912000222"),
    ("Bàn Thị Mẩy", 1985, None, None),
    ("Nguyễn Văn Hoàng", 1990, None, None),
    ("Lò Thị Hoa", 1958, None, None),
]


def add_people(
    inst: Installation, rows: list[tuple[str, int, str | None, str | None]] = PEOPLE
) -> list[PersonView]:
    out = []
    with inst.db.session(inst.actor) as s:
        for name, year, idn, phone in rows:
            out.append(
                people.create_person(
                    s, inst.actor, PersonInput(name, birth_year=year, id_number=idn, phone=phone)
                ).value
            )
    return out


def add_session(
    inst: Installation,
    title: str = "Lớp VNeID tháng này",
    *,
    planned: tuple[str, ...] = ("DD01", "DD02"),
    starts_at: datetime | None = None,
    programme: str = "digital_identity",
    status: str = "planned",
) -> SessionView:
    start = starts_at or now().replace(hour=8, minute=0, second=0, microsecond=0)
    with inst.db.session(inst.actor) as s:
        return sessions.create_session(
            s,
            inst.actor,
            SessionInput(
                title=title,
                programme_code=programme,
                format="class",
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                place="Nhà văn hoá",
                status=status,
                target_groups=("citizen",),
                planned_skills=planned,
            ),
        ).value


def test_live_search_drops_stale_results_and_coalesces(
    qtbot: QtBot, ctx: AppContext, inst: Installation
) -> None:
    from PySide6.QtWidgets import QWidget

    from ui.desktop.pages import LiveSearch

    add_people(inst)
    owner = QWidget()
    qtbot.addWidget(owner)
    delivered: list[tuple[str, int]] = []
    queried: list[str] = []

    def query(s: object, text: str) -> int:
        queried.append(text)
        return len(people.search_people(s, text))  # type: ignore[arg-type]

    live = LiveSearch[int](ctx, query, lambda t, n: delivered.append((t, n)), owner)
    for text in ("ng", "ngu", "nguy", "nguyen"):
        live.request(text)
    settle(qtbot, ctx)
    # The first query ran; the three typed while it ran collapsed into the newest one.
    assert queried == ["ng", "nguyen"]
    assert delivered == [("nguyen", 2)]
    live.request("hoa")
    live.cancel()
    settle(qtbot, ctx)
    assert delivered == [("nguyen", 2)]


def test_unexpected_error_gives_generic_message_and_crash_report(
    qtbot: QtBot, ctx: AppContext, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from app.errors import UserError
    from ui.desktop.pages import call_db

    assert isinstance(tmp_path, Path)
    monkeypatch.setenv("HOCVUSO_HOME", str(tmp_path))
    owner = QWidget()
    qtbot.addWidget(owner)

    def boom(_s: object) -> None:
        raise KeyError("Nguyễn Thị Hoà 019160001111")

    def user(_s: object) -> None:
        raise UserError("x", "Thông báo cho cán bộ.", "A message for the officer.")

    call_db(ctx, owner, boom)
    call_db(ctx, owner, user)
    settle(qtbot, ctx)
    shown = fake(ctx).shown
    assert shown[0][0] == "warn" and "báo cáo lỗi" in shown[0][1]
    assert "Nguyễn" not in shown[0][1] and "Traceback" not in shown[0][1]
    assert shown[1] == ("error", "Thông báo cho cán bộ.")
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text("utf-8")
    assert "KeyError" in text and "019160001111" not in text and "Nguyễn" not in text


def test_skill_picker_is_keyboard_driven(qtbot: QtBot, vietnamese: None) -> None:
    from PySide6.QtCore import Qt

    from app.services.people_queries import Choice
    from ui.desktop.pages import SkillPicker

    picker = SkillPicker()
    qtbot.addWidget(picker)
    picker.set_choices(
        [
            Choice("DD01", "Cài đặt ứng dụng VNeID", "Install VNeID"),
            Choice("DD02", "Kích hoạt tài khoản định danh điện tử mức 2", "Activate level 2"),
            Choice("AT01", "Nhận diện lừa đảo trực tuyến", "Spot online scams"),
        ],
        "vi",
    )
    qtbot.keyClicks(picker.filter, "lua dao")
    assert picker.proxy.rowCount() == 1
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.checked() == ["AT01"]
    assert picker.filter.text() == ""
    assert picker.summary.text() == "Đã chọn 1 kỹ năng"
    qtbot.keyClicks(picker.filter, "vneid")
    assert picker.proxy.rowCount() == 1
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.checked() == ["DD01", "AT01"]
