"""The reports screen: a quarter or a date range, the headline figures, charts and tables of
the computed report, all in Vietnamese, and the export to PDF and XLSX through the dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.demo import generate
from app.installation import Installation
from app.models import AuditLog
from app.reports import Period, compute_report, format_value
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import OFFSCREEN, fake, settle
from tests.ui.test_people_page import audit
from ui.desktop.context import AppContext
from ui.desktop.pages.dashboard import DashboardPage, ReportTableModel

pytestmark = OFFSCREEN
ctx = support.ctx
vietnamese = support.vietnamese
TODAY = date(2026, 10, 15)


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, inst: Installation) -> Iterator[DashboardPage]:
    generate(inst, 300, 11, today=TODAY)
    p = DashboardPage(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 860)
    p.show()
    qtbot.waitExposed(p)
    p.set_quarter("2026-Q3")
    p.on_shown()
    qtbot.waitUntil(lambda: p.report is not None and p.report.period == Period.quarter("2026-Q3"))
    settle(qtbot, ctx)
    yield p


def test_shows_the_quarter_against_the_one_before(
    page: DashboardPage, inst: Installation, qtmodeltester: object
) -> None:
    with inst.db.reader() as s:
        expected = compute_report(s, Period.quarter("2026-Q3"))
    r = page.report
    assert r is not None
    assert r.sections == expected.sections  # the screen shows the core's figures, unchanged
    assert page.heading.text() == "Phường Đức Xuân — Quý III năm 2026"
    people = expected.table("people.summary").value("people", "cur")
    change = people - expected.table("people.summary").value("people", "prev")  # type: ignore[operator]
    assert page.figures["people"].value.text() == format_value(people, "int")
    assert page.figures["people"].change.text() == (
        f"{format_value(change, 'change')} so với Quý II/2026"
    )
    groups = expected.table("people.target_group")
    chart = page.charts["target_group"]
    assert chart.categories == [row.vi for row in groups.items()]
    assert [s.name for s in chart.series] == ["Quý II/2026", "Quý III/2026"]
    assert chart.series[1].values == tuple(
        float(row.values[groups.column_index("people_cur")] or 0) for row in groups.items()
    )
    identity = page.charts["identity"]
    assert identity.categories and all(0 <= v <= 1 for s in identity.series for v in s.values)
    assert len(page.charts["skill"].categories) <= 15

    page.tabs.setCurrentIndex(1)
    assert page.table_choice.count() == len(list(expected.tables()))
    for i in range(page.table_choice.count()):
        page.table_choice.setCurrentIndex(i)
        qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.table_choice.setCurrentIndex(page.table_choice.findData("sessions.format"))
    m = page.model
    assert m.headerData(0, Qt.Orientation.Horizontal) == "Hình thức"
    assert m.headerData(1, Qt.Orientation.Horizontal) == "Quý III/2026"
    total = expected.table("sessions.format").total()
    assert total is not None
    last = m.rowCount() - 1
    assert m.index(last, 0).data() == "Tổng số buổi"
    assert m.index(last, 1).data() == format_value(total.values[0], "int")
    assert m.index(last, 0).data(Qt.ItemDataRole.FontRole).bold()
    unnamed, english = audit(page)
    assert unnamed == [] and english == []


def test_date_range_and_refresh_on_changes(
    qtbot: QtBot, page: DashboardPage, ctx: AppContext
) -> None:
    page.set_range(date(2026, 7, 1), date(2026, 8, 15))
    qtbot.waitUntil(
        lambda: (
            page.report is not None
            and page.report.period == Period(date(2026, 7, 1), date(2026, 8, 15))
        )
    )
    settle(qtbot, ctx)
    assert page.report is not None
    assert page.report.previous == Period(date(2026, 5, 16), date(2026, 6, 30))
    assert page.show_button.isVisible()
    # A range that ends before it starts: the officer is told, nothing is computed.
    page.date_to.setDate(page.date_from.date().addDays(-3))
    page.show_button.click()
    assert fake(ctx).shown and fake(ctx).shown[-1][0] == "error"
    assert "sau ngày kết thúc" in fake(ctx).shown[-1][1]
    # A check-in elsewhere: the visible report is counted again.
    page.set_quarter("2026-Q2")
    qtbot.waitUntil(lambda: page.report is not None and page.report.period.code == "2026-Q2")
    settle(qtbot, ctx)
    before = page.report
    ctx.notify((("attendance", "x"),))
    qtbot.waitUntil(lambda: page.report is not before)
    settle(qtbot, ctx)


def test_export_pdf_and_xlsx_through_the_dialogs(
    qtbot: QtBot, page: DashboardPage, ctx: AppContext, inst: Installation, tmp_path: Path
) -> None:
    dialogs = fake(ctx)
    out = tmp_path / "out"
    out.mkdir()
    dialogs.save_answers = [None]  # cancelled: nothing written
    page.export_pdf.click()
    settle(qtbot, ctx)
    assert not list(out.iterdir()) and not dialogs.shown
    tmp_path = out
    pdf = tmp_path / "bao-cao-q3.pdf"
    dialogs.save_answers = [str(pdf)]
    page.export_pdf.click()
    qtbot.waitUntil(lambda: any(k == "info" for k, _ in dialogs.shown), timeout=15000)
    settle(qtbot, ctx)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert dialogs.shown[-1] == ("info", f"Đã lưu vào {pdf}")
    dialogs.save_answers = [str(tmp_path / "bang-so-lieu")]  # no suffix: .xlsx is added
    page.export_xlsx.click()
    qtbot.waitUntil(lambda: (tmp_path / "bang-so-lieu.xlsx").exists(), timeout=15000)
    settle(qtbot, ctx)
    with inst.db.reader() as s:
        actions = list(s.scalars(select(AuditLog.action).where(AuditLog.action.like("report.%"))))
    assert actions == ["report.pdf", "report.xlsx"]
    dialogs.save_answers = [str(tmp_path / "missing" / "x.pdf")]
    page.export_pdf.click()
    qtbot.waitUntil(lambda: dialogs.shown[-1][0] == "error", timeout=15000)
    settle(qtbot, ctx)
    assert "Không có thư mục" in dialogs.shown[-1][1]
    assert page.export_pdf.isEnabled()


def test_table_model_contract_without_a_report(qtmodeltester: object) -> None:
    model = ReportTableModel("en")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 0 and model.columnCount() == 0
