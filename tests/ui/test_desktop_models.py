"""The shared item models: the Qt model contract (qtmodeltester), keyed updates, incremental
fetching of big lists, check lists and accent-free filtering."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from ui.desktop.models import (
    KEY_ROLE,
    ROW_ROLE,
    CheckItem,
    CheckListModel,
    Column,
    DataclassTableModel,
    FoldFilterProxy,
)


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    n: int


COLUMNS = (
    Column("Name", lambda r: r.name, "Test"),
    Column(
        "N", lambda r: r.n, "Test", align=Qt.AlignmentFlag.AlignRight, tooltip=lambda r: f"#{r.n}"
    ),
)


def rows(n: int, start: int = 0) -> list[Row]:
    return [Row(f"id{i}", f"Người {i}", i) for i in range(start, start + n)]


def test_table_model_contract_and_keyed_updates(qtmodeltester: object) -> None:
    m = DataclassTableModel[Row](COLUMNS)
    m.set_rows(rows(5))
    qtmodeltester.check(m)  # type: ignore[attr-defined]
    assert m.rowCount() == 5 and m.columnCount() == 2
    assert m.index(2, 0).data() == "Người 2"
    assert m.index(2, 1).data(Qt.ItemDataRole.ToolTipRole) == "#2"
    assert m.index(2, 0).data(ROW_ROLE) == Row("id2", "Người 2", 2)
    assert m.index(2, 0).data(KEY_ROLE) == "id2"
    assert m.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Name"
    assert m.upsert(Row("id2", "Người hai", 2)) == 2
    assert m.index(2, 0).data() == "Người hai"
    assert m.upsert(Row("new", "Mới", 9), at_top=True) == 0
    assert m.row_of("id2") == 3
    assert m.remove("id0")
    assert [r.id for r in m.rows()] == ["new", "id1", "id2", "id3", "id4"]
    qtmodeltester.check(m)  # type: ignore[attr-defined]


def test_incremental_fetch_reveals_batches_then_asks_for_more(
    qtmodeltester: object, qtbot: QtBot
) -> None:
    m = DataclassTableModel[Row](COLUMNS, batch_size=100)
    asked: list[int] = []
    m.more_requested.connect(asked.append)
    m.set_rows(rows(250), has_more=True)
    root = QModelIndex()
    assert m.rowCount() == 100
    assert m.canFetchMore(root)
    m.fetchMore(root)
    m.fetchMore(root)
    assert m.rowCount() == 250 and asked == []
    m.fetchMore(root)
    assert asked == [250]
    assert not m.canFetchMore(root)  # one request at a time
    m.fetchMore(root)
    assert asked == [250]
    m.append_rows(rows(50, 250), has_more=False)
    assert m.rowCount() == 300 and not m.canFetchMore(root)
    assert m.index(299, 0).data() == "Người 299"
    qtmodeltester.check(m)  # type: ignore[attr-defined]
    # Replacing the rows while a tester watches: a fetch requested during the reset
    # announcement is done right after it.
    m.set_rows(rows(1000))
    assert m.rowCount() == 100
    qtbot.waitUntil(lambda: m.rowCount() > 100)
    # A view over the model fetches as it needs rows, a batch at a time.
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(m)
    assert m.rowCount() < 1000


def test_check_list_model_and_fold_filter(qtmodeltester: object, qtbot: QtBot) -> None:
    m = CheckListModel(
        [
            CheckItem("DD01", "Cài đặt VNeID"),
            CheckItem("TT02", "Thanh toán bằng mã QR"),
            CheckItem("AT01", "Nhận diện lừa đảo"),
        ]
    )
    qtmodeltester.check(m)  # type: ignore[attr-defined]
    with qtbot.waitSignal(m.checked_changed):
        assert m.setData(m.index(2, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    m.toggle(0)
    assert m.checked() == ["DD01", "AT01"]
    m.toggle(0)
    assert m.checked() == ["AT01"]
    assert m.index(2, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    m.set_checked(["TT02", "nope"])
    assert m.checked() == ["TT02"]
    proxy = FoldFilterProxy()
    proxy.setSourceModel(m)
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]
    proxy.set_text("thanh toan qr")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Thanh toán bằng mã QR"
    proxy.set_text("at01")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    assert proxy.rowCount() == 3
