"""The main window: navigation by keyboard, the status bar, placeholders for later screens,
and an audit of every screen: accessible names on every control and no English text left in
the Vietnamese interface."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.installation import Installation
from app.resources import resources_dir
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import (
    OFFSCREEN,
    add_people,
    add_session,
    settle,
)
from ui.desktop.context import AppContext
from ui.desktop.mainwindow import MainWindow

pytestmark = OFFSCREEN

# Shared fixtures (bound here so that pytest finds them in this module).
ctx = support.ctx
vietnamese = support.vietnamese

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QPlainTextEdit,
)
# Screens written by desktop A (the others are audited by their authors' tests).
MINE = ("sessions", "checkin", "homevisit", "reports", "sync")


def _inside(w: QWidget, kinds: tuple[type, ...]) -> bool:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, kinds):
            return True
        p = p.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls a screen reader could not name: no accessible name and no text of their own."""
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisibleTo(root):
            continue
        if (
            _inside(w, (QAbstractItemView, QComboBox))
            or type(w.parent()).__name__ == "QCalendarWidget"
        ):
            continue  # parts of a named control (headers, corner button, popup list)
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
            continue
        text = w.text() if isinstance(w, QAbstractButton) else ""
        if not (w.accessibleName() or text):
            out.append(f"{type(w).__name__} {w.objectName()}")
    return out


def english_sources() -> set[str]:
    tree = ET.parse(resources_dir() / "i18n" / "hocvuso_vi.ts")
    out = set()
    for m in tree.iter("message"):
        src, tr = m.findtext("source") or "", m.findtext("translation") or ""
        if src != tr and any(c.isalpha() for c in src):
            out.add(src)
    return out


def visible_texts(root: QWidget) -> list[str]:
    texts = [root.accessibleName()]
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        texts.append(w.accessibleName())
        texts.append(w.toolTip())
        if isinstance(w, QTableView) and w.model() is not None:
            m = w.model()
            texts += [
                str(m.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(m.columnCount())
            ]
    return [t for t in texts if t]


def test_navigation_status_bar_and_audit(qtbot: QtBot, ctx: AppContext, inst: Installation) -> None:
    add_people(inst)
    session = add_session(inst)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot, ctx)
    assert win.windowTitle() == "hocvuso — Phường Đức Xuân"
    assert win.officer_label.text() == "Cán bộ: Nguyễn Văn Quản Trị (Quản trị)"
    assert win.commune_label.text() == "Phường Đức Xuân"
    assert win.sync_label.text() == "Đồng bộ: chưa thiết lập"
    assert [win.nav.item(i).text() for i in range(win.nav.count())] == [
        "Buổi học", "Điểm danh", "Hướng dẫn tại nhà", "Người học", "Tổ công nghệ số và thôn",
        "Báo cáo", "Đồng bộ", "Cài đặt",
    ]  # fmt: skip
    assert win.current_key() == "sessions"

    # Ctrl+number moves between screens.
    qtbot.keyClick(win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert win.current_key() == "reports"
    from ui.desktop.pages.dashboard import DashboardPage
    from ui.desktop.pages.sync import SyncPage

    assert isinstance(win.pages["reports"], DashboardPage)
    win.nav.setCurrentRow(6)
    assert win.current_key() == "sync"
    assert isinstance(win.pages["sync"], SyncPage)

    # Opening a session's check-in from the sessions list.
    win.show_page("sessions")
    settle(qtbot, ctx)
    win.pages["sessions"].checkin_current()  # type: ignore[attr-defined]
    settle(qtbot, ctx)
    assert win.current_key() == "checkin"
    assert win.nav.currentRow() == 1
    checkin = win.pages["checkin"]
    assert checkin.session.id == session.id  # type: ignore[attr-defined]

    # Every screen: every control has an accessible name; no English source text shows.
    english = english_sources()
    for key in MINE:
        page = win.show_page(key)
        settle(qtbot, ctx)
        assert unnamed_controls(page) == [], key
        leftover = [t for t in visible_texts(page) if t in english]
        assert leftover == [], (key, leftover)
    assert unnamed_controls(win.nav) == []


def test_dialogs_have_names_and_no_english(
    qtbot: QtBot, ctx: AppContext, inst: Installation, db_path: object
) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QWizard

    from ui.desktop.login import LockDialog, LoginDialog, RecoveryDialog
    from ui.desktop.pages.checkin import SkillsDialog
    from ui.desktop.pages.sessions import DuplicateDialog, SessionForm, load_choices
    from ui.desktop.wizard import FirstRunWizard

    assert isinstance(db_path, Path)
    session = add_session(inst)
    with inst.db.session() as s:
        choices = load_choices(s)
    english = english_sources()
    dialogs: list[QWidget] = [
        SessionForm(ctx, choices),
        SessionForm(ctx, choices, session=session),
        DuplicateDialog(session),
        SkillsDialog(ctx, choices, ["DD01"], "practised", 2),
        LoginDialog(db_path, ctx.runner, ctx.dialogs),
        RecoveryDialog(db_path, ctx.runner),
        LockDialog(inst, ctx.runner),
    ]
    wizard = FirstRunWizard(db_path.with_name("other.db"), ctx.runner, "vi")
    for d in (*dialogs, wizard):
        qtbot.addWidget(d)
        d.show()
    settle(qtbot, ctx)
    for d in dialogs:
        assert unnamed_controls(d) == [], type(d).__name__
        leftover = [t for t in visible_texts(d) if t in english]
        assert leftover == [], (type(d).__name__, leftover)
    for _ in range(3):
        page = wizard.currentPage()
        assert unnamed_controls(page) == [], type(page).__name__
        # Language choices are named in their own language ("English"), on purpose.
        shown = [t for t in visible_texts(page) if t in english and t != "English"]
        assert shown == [], type(page).__name__
        if page is wizard.commune_page:
            wizard.commune_page.search.setText("duc xuan")
        wizard.next()
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton):
        assert wizard.button(which).text() not in english
