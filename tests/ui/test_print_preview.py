"""The print preview dialog: documents made off the GUI thread, pages shown one by one, saved as
a real PDF through the (fake) file picker, printed through a QPrinter, errors shown through the
injectable dialogs, in Vietnamese."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from app.errors import UserError
from app.ids import ICT
from app.installation import Installation
from app.services import people, sessions
from app.services.people import PersonInput
from app.services.sessions import SessionInput
from ui.desktop.dialogs import FakeDialogs
from ui.desktop.print_preview import (
    DocumentJob,
    PdfPreviewDialog,
    cards_job,
    certificate_job,
    sheet_job,
)
from ui.desktop.tasks import TaskRunner

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise|propagateSizeHints|requestActivate)\(\)"
)

START = datetime(2026, 11, 25, 8, 0, tzinfo=ICT)
NAMES = ["Nguyễn Thị Đào", "Hoàng Thị Ngọc Bích Phương Thảo", "H'Hen Niê", "Triệu Văn Đức"]


@pytest.fixture
def vietnamese(qapp: object) -> Iterator[None]:
    from PySide6.QtWidgets import QApplication

    from ui.desktop.main import install_translator

    assert isinstance(qapp, QApplication)
    assert install_translator(qapp, "vi") is not None, "hocvuso_vi.qm must be built by set-up"
    yield
    install_translator(qapp, "en")


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.wait()


def _data(inst: Installation, n: int = 12) -> tuple[str, list[str]]:
    with inst.db.session(inst.actor) as s:
        ids = [
            people.create_person(
                s, inst.actor, PersonInput(f"{NAMES[i % 4]}", birth_year=1950 + i)
            ).value.id
            for i in range(n)
        ]
        sid = sessions.create_session(
            s,
            inst.actor,
            SessionInput(
                "Lớp VNeID mức 2", "community_class", "class", START, START + timedelta(hours=2)
            ),
        ).value.id
        for pid in ids:
            sessions.check_in(s, inst.actor, sid, pid)
        sessions.record_skills(s, inst.actor, ids[:1], ["DD02"], "independent", session_id=sid)
    return sid, ids


def _open(
    qtbot: QtBot, runner: TaskRunner, dialogs: FakeDialogs, job: DocumentJob, **kw: object
) -> PdfPreviewDialog:
    dlg = PdfPreviewDialog(runner, dialogs, job, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    return dlg


def test_preview_pages_save_and_print(
    qtbot: QtBot, inst: Installation, runner: TaskRunner, vietnamese: None, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    sid, _ids = _data(inst)
    dialogs = FakeDialogs(save_answers=[str(tmp_path / "danh-sach")])
    printed_to = tmp_path / "printer-output.pdf"

    def printer_factory(parent: object) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed_to))
        printer.setResolution(150)
        return printer

    dlg = PdfPreviewDialog(
        runner, dialogs, sheet_job(inst, sid, blank_rows=4), printer_factory=printer_factory
    )
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Xem trước: Danh sách điểm danh"
    assert not dlg.save_btn.isEnabled()
    with qtbot.waitSignal(dlg.page_shown, timeout=20000) as shown:
        pass
    assert shown.args == [0]
    pages = dlg.pages
    assert pages >= 2 and dlg.pdf is not None
    assert pages == len(PdfReader(io.BytesIO(dlg.pdf)).pages)
    assert dlg.page_label.text() == f"Trang 1/{pages}"
    assert dlg.status.text() == f"{pages} trang"
    assert not dlg.prev_btn.isEnabled() and dlg.next_btn.isEnabled()
    pix = dlg.image.pixmap()  # the whole A4 page fits the window…
    assert abs(pix.height() / pix.width() - 297 / 210) < 0.02
    assert pix.height() <= dlg.view.viewport().height()
    dlg.zoom_btn.click()  # …or shows at its preview resolution (110 dpi)
    assert 880 <= dlg.image.pixmap().width() <= 940
    dlg.zoom_btn.click()
    assert dlg.suggested_name == "diem-danh-2026-11-25-lop-vneid-muc-2.pdf"
    assert len(dlg.result_info.rows) == 12

    with qtbot.waitSignal(dlg.page_shown, timeout=10000) as shown:
        dlg.next_btn.click()
    assert shown.args == [1] and dlg.page_label.text() == f"Trang 2/{pages}"
    assert dlg.prev_btn.isEnabled()

    with qtbot.waitSignal(dlg.saved, timeout=10000) as saved:
        dlg.save_btn.click()
    target = tmp_path / "danh-sach.pdf"
    assert saved.args == [str(target)]
    assert target.read_bytes() == dlg.pdf
    assert len(PdfReader(target).pages) == pages
    assert "Nguyễn Thị Đào" in PdfReader(target).pages[0].extract_text()

    with qtbot.waitSignal(dlg.printed, timeout=30000) as printed:
        dlg.print_btn.click()
    assert printed.args == [pages]
    assert len(PdfReader(printed_to).pages) == pages
    assert dlg.status.text() == f"Đã gửi {pages} trang tới máy in."

    # Cancelling the file picker saves nothing.
    dlg.save_pdf()
    runner.wait()
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["danh-sach.pdf", "printer-output.pdf"]
    dlg.close()


def test_cards_and_certificate_jobs(
    qtbot: QtBot, inst: Installation, runner: TaskRunner, vietnamese: None
) -> None:
    _sid, ids = _data(inst, 12)
    dialogs = FakeDialogs()
    cards = _open(qtbot, runner, dialogs, cards_job(inst))
    with qtbot.waitSignal(cards.ready, timeout=20000) as ready:
        pass
    assert ready.args == [2]
    assert cards.suggested_name == "the-nguoi-hoc-12.pdf"

    cert = _open(qtbot, runner, dialogs, certificate_job(inst, ids[0], issued=date(2030, 1, 1)))
    with qtbot.waitSignal(cert.ready, timeout=20000) as ready:
        pass
    assert ready.args == [1]
    assert cert.suggested_name == "giay-xac-nhan-nguyen-thi-dao-2030-01-01.pdf"
    assert cert.result_info.skill_count == 1
    assert dialogs.shown == []


def test_a_user_error_is_shown_not_raised(
    qtbot: QtBot, inst: Installation, runner: TaskRunner, vietnamese: None
) -> None:
    _sid, ids = _data(inst, 2)
    dialogs = FakeDialogs()
    dlg = _open(qtbot, runner, dialogs, certificate_job(inst, ids[1]))
    with qtbot.waitSignal(dlg.failed, timeout=10000) as failed:
        pass
    assert isinstance(failed.args[0], UserError)
    assert dialogs.shown and dialogs.shown[0][0] == "error"
    assert "Tự làm được" in dialogs.shown[0][1]
    assert dlg.status.text() == "Không tạo được tài liệu."
    assert not dlg.print_btn.isEnabled() and not dlg.save_btn.isEnabled()
