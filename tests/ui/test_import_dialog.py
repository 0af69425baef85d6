"""Import preview and run: accepted rows, rejected rows with every reason, likely duplicates,
new villages; nothing written until Import; all or nothing unless the officer chooses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.installation import Installation
from app.models import Person, Village
from app.services import directory, people
from app.services.people import PersonInput
from tests.ui import test_desktop_support as support
from tests.ui.test_desktop_support import OFFSCREEN, fake
from tests.ui.test_people_page import audit
from ui.desktop.context import AppContext
from ui.desktop.pages.importing import ImportDialog

pytestmark = OFFSCREEN
ctx = support.ctx
vietnamese = support.vietnamese

SHEET = """DANH SÁCH NGƯỜI DÂN THAM GIA BÌNH DÂN HỌC VỤ SỐ
STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Thôn/xóm,Dân tộc
1,Hà Thị Lụa,15/03/1955,Nữ,,0912345001,Xóm Đồng Tâm,Tày
2,Ma Văn Chiến,1949,Nam,,,Xóm Mới,
3,Dương Thị Thu,31/02/2008,Nữ,,abc,Xóm Đồng Tâm,
4,Nguyễn Thị Hoà,1960,Nữ,,,Xóm Đồng Tâm,
5,Hà Thị Lụa,15/03/1955,Nữ,,,Xóm Đồng Tâm,
"""


def counts(inst: Installation) -> tuple[int, int]:
    with inst.db.session() as s:
        p = s.scalar(select(func.count()).select_from(Person))
        v = s.scalar(select(func.count()).select_from(Village))
    return int(p or 0), int(v or 0)


def test_preview_then_import_only_the_valid_rows(
    qtbot: QtBot, ctx: AppContext, inst: Installation, tmp_path: Path, qtmodeltester: object
) -> None:
    with inst.db.session(inst.actor) as s:
        directory.save_village(s, inst.actor, "Xóm Đồng Tâm", "xom", 420)
        people.create_person(s, inst.actor, PersonInput("Nguyễn Thị Hoà", birth_year=1960))
    sheet = tmp_path / "danh-sach.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    before = counts(inst)

    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    assert not dlg.choose_file()  # the officer cancelled the file picker
    fake(ctx).open_answers = [str(sheet)]
    assert dlg.choose_file()
    dlg.show()
    qtbot.waitUntil(lambda: dlg.plan is not None)
    for m in (dlg.accepted_model, dlg.rejected_model, dlg.duplicates_model, dlg.villages_model):
        qtmodeltester.check(m)  # type: ignore[attr-defined]
    assert [dlg.tabs.tabText(i) for i in range(4)] == [
        "Hợp lệ (4)",
        "Có lỗi (1)",
        "Có thể trùng (2)",
        "Thôn/xóm mới (1)",
    ]
    assert "danh-sach.csv" in dlg.file_label.text() and "dòng 2" in dlg.file_label.text()
    assert "Cột Dân tộc không được nhập" in dlg.notices.text()
    assert dlg.accepted_model.index(1, 6).data() == "Xóm Mới ✚"
    assert dlg.villages_model.index(0, 0).data() == "Xóm Mới"
    dup = {dlg.duplicates_model.index(r, 0).data(): r for r in range(2)}
    assert dlg.duplicates_model.index(dup[6], 2).data() == "Nguyễn Thị Hoà (1960)"
    assert dlg.duplicates_model.index(dup[7], 2).data() == "dòng 3 của tệp"
    assert dlg.duplicates_model.index(dup[7], 4).data() == "bỏ qua"

    # Every reason of a rejected row, in full.
    dlg.tabs.setCurrentIndex(1)
    dlg.rejected_table.selectRow(0)
    reasons = dlg.reasons.toPlainText()
    assert reasons.startswith("Dòng 5:")
    assert "Ngày sinh '31/02/2008' không hợp lệ" in reasons and "Số điện thoại 'abc'" in reasons

    # All or nothing by default: with a rejected row, Import stays off and nothing is written.
    assert not dlg.import_button.isEnabled()
    assert "1 dòng có lỗi" in dlg.summary.text()
    assert counts(inst) == before
    unnamed, english = audit(dlg)
    assert unnamed == [] and english == []

    dlg.partial.setChecked(True)
    assert dlg.import_button.isEnabled()
    assert dlg.summary.text().startswith("Sẽ tạo 2 người, bỏ qua 2 dòng trùng, 1 thôn/xóm mới.")
    dlg.create_duplicates.setChecked(True)
    assert dlg.summary.text().startswith("Sẽ tạo 4 người")
    assert dlg.duplicates_model.index(dup[7], 4).data() == "vẫn tạo"
    dlg.create_duplicates.setChecked(False)
    changed: list[object] = []
    ctx.data_changed.connect(changed.append)
    dlg.import_button.click()
    qtbot.waitUntil(lambda: dlg.result() == QDialog.DialogCode.Accepted)
    assert dlg.import_result is not None and dlg.import_result.created == 2
    assert counts(inst) == (before[0] + 2, before[1] + 1)
    assert fake(ctx).shown[-1] == (
        "info",
        "Đã nhập 2 người.\nĐã bỏ qua 2 dòng có thể trùng.\nĐã bỏ qua 1 dòng có lỗi.\n"
        "Thôn/xóm mới: Xóm Mới.",
    )
    assert len(changed) == 1 and ("village", "") in changed[0]  # type: ignore[operator]


def test_a_file_without_names_is_explained(
    qtbot: QtBot, ctx: AppContext, inst: Installation, tmp_path: Path
) -> None:
    bad = tmp_path / "lop.csv"
    bad.write_text("Ngày,Địa điểm\n01/11/2026,Nhà văn hoá\n", encoding="utf-8")
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.preview(bad)
    qtbot.waitUntil(lambda: bool(fake(ctx).shown))
    kind, text = fake(ctx).shown[-1]
    assert kind == "error" and "không có cột họ tên" in text
    assert dlg.plan is None and not dlg.import_button.isEnabled()
    assert dlg.choose.isEnabled()
