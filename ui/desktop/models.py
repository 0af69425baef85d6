"""Qt item models over lists of frozen dataclasses, shared by every screen of the desktop app.

`DataclassTableModel[T]` is the one table model: a screen describes its columns with `Column`
objects and hands the model rows (frozen dataclasses returned by the services). It supports:

* keyed updates: `upsert(row)` and `remove(key)` change one row in place (the check-in list grows
  by one row per scan without a reset), `key` identifies a row (default: its `id` attribute);
* incremental fetching for big lists, in two layers that can be combined:

  - rows already in memory are revealed to the view a batch at a time (`batch_size`), so a view
    over 50,000 rows lays out only what is on screen;
  - `set_rows(rows, has_more=True)` says that the database holds more rows than were loaded.
    When the view scrolls to the end, Qt calls `fetchMore()`, the model emits
    `more_requested(loaded)` once, and the screen loads the next page off the GUI thread (for
    example `people_queries.people_page` with a keyset cursor) and hands it to
    `append_rows(rows, has_more=...)`. Until then no second request is emitted.

  A screen that replaces the list (a new search) calls `set_rows` again; a page that arrives for
  an older list must be dropped by the screen (see `ui.desktop.pages.Latest`).

Example (the people table of desktop B)::

    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PeopleColumns", "Full name"), lambda p: p.full_name,
               context="PeopleColumns"),
        Column(QT_TRANSLATE_NOOP("PeopleColumns", "Born"), lambda p: p.birth_year or "",
               context="PeopleColumns", align=Qt.AlignmentFlag.AlignRight),
    )
    model = DataclassTableModel[PersonRow](COLUMNS, key=lambda p: p.id, batch_size=200)
    model.more_requested.connect(load_next_page)

Roles: DisplayRole and ToolTipRole from the column, `ROW_ROLE` gives the dataclass itself,
`SORT_ROLE` a sortable value, `KEY_ROLE` the row key. Header labels are English source strings
translated at display time with `QCoreApplication.translate(column.context, header)`; mark them
with `QT_TRANSLATE_NOOP` so that lupdate finds them.

`CheckListModel` is a checkable list (skills, target groups, team members) and
`FoldFilterProxy` filters any list by accent-free fragments, as officers type without accents.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)

from app.vntext import fold

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 3
SEARCH_ROLE = int(Qt.ItemDataRole.UserRole) + 4


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: an English header (translated in `context`) and how to show a row."""

    header: object  # str; QT_TRANSLATE_NOOP is typed as returning object
    value: Callable[[T], Any]
    context: str = "Columns"
    tooltip: Callable[[T], str] | None = None
    align: Qt.AlignmentFlag | None = None
    sort_value: Callable[[T], Any] | None = None


def _default_key(row: Any) -> Hashable:
    key: Hashable = row.id
    return key


class DataclassTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of frozen dataclasses; see the module docstring."""

    more_requested = Signal(int)  # number of rows loaded so far

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        key: Callable[[T], Hashable] = _default_key,
        batch_size: int = 0,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._key = key
        self._batch = batch_size
        self._rows: list[T] = []
        self._shown = 0
        self._index: dict[Hashable, int] = {}
        self._has_more = False
        self._requested = False
        self._changing = 0
        self._deferred = False

    # -- contents -------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[T], *, has_more: bool = False) -> None:
        """Replace every row. `has_more`: the database holds rows beyond these."""
        with self._change():
            self.beginResetModel()
            self._rows = list(rows)
            self._reindex()
            self._shown = self._first_batch(len(self._rows))
            self._has_more = has_more
            self._requested = False
            self.endResetModel()

    def append_rows(self, rows: Iterable[T], *, has_more: bool = False) -> None:
        """Add a page that the screen loaded after `more_requested`."""
        new = list(rows)
        self._requested = False
        self._has_more = has_more
        if not new:
            return
        start = len(self._rows)
        self._rows.extend(new)
        self._reindex()
        if self._shown == start:
            # The view asked for these rows: show them now.
            with self._change():
                self.beginInsertRows(QModelIndex(), start, len(self._rows) - 1)
                self._shown = len(self._rows)
                self.endInsertRows()

    def upsert(self, row: T, *, at_top: bool = False) -> int:
        """Replace the row with the same key, or add it (at the end, or at the top)."""
        k = self._key(row)
        i = self._index.get(k)
        if i is not None:
            self._rows[i] = row
            if i < self._shown:
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
            return i
        pos = 0 if at_top else self._shown
        with self._change():
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._rows.insert(pos, row)
            self._shown += 1
            self._reindex()
            self.endInsertRows()
        return pos

    def remove(self, key: Hashable) -> bool:
        i = self._index.get(key)
        if i is None:
            return False
        if i < self._shown:
            with self._change():
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self._shown -= 1
                self._reindex()
                self.endRemoveRows()
        else:
            del self._rows[i]
            self._reindex()
        return True

    @contextlib.contextmanager
    def _change(self) -> Iterator[None]:
        # While a change is being announced (views and testers react to its end signal, and
        # may call fetchMore from there), no second change may start.
        self._changing += 1
        try:
            yield
        finally:
            self._changing -= 1

    def _reindex(self) -> None:
        self._index = {self._key(r): i for i, r in enumerate(self._rows)}

    def _first_batch(self, n: int) -> int:
        return n if self._batch <= 0 else min(n, self._batch)

    # -- access -----------------------------------------------------------------------------
    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        """The rows the view can see (loaded and revealed)."""
        return self._rows[: self._shown]

    def loaded(self) -> int:
        return len(self._rows)

    def row_of(self, key: Hashable) -> int | None:
        i = self._index.get(key)
        return i if i is not None and i < self._shown else None

    def has_more(self) -> bool:
        return self._has_more

    def columns(self) -> tuple[Column[T], ...]:
        return self._columns

    # -- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index) -> bool:
        if parent.isValid():
            return False
        return self._shown < len(self._rows) or (self._has_more and not self._requested)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        if self._changing:
            # Called from a handler of a change being announced (a view, a tester): inserting
            # rows now would nest two changes; do it right after.
            if not self._deferred:
                self._deferred = True
                QTimer.singleShot(0, self, self._deferred_fetch)
            return
        if self._shown < len(self._rows):
            step = self._batch if self._batch > 0 else len(self._rows)
            end = min(len(self._rows), self._shown + step)
            with self._change():
                self.beginInsertRows(QModelIndex(), self._shown, end - 1)
                self._shown = end
                self.endInsertRows()
        elif self._has_more and not self._requested:
            self._requested = True
            self.more_requested.emit(len(self._rows))

    def _deferred_fetch(self) -> None:
        self._deferred = False
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        col = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(col.context, str(col.header))
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align is not None:
            return int(col.align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            v = col.value(row)
            return "" if v is None else v
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align is not None:
            return int(col.align | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            fn = col.sort_value or col.value
            return fn(row)
        if role == ROW_ROLE:
            return row
        if role == KEY_ROLE:
            return self._key(row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True)
class CheckItem:
    """One line of a checkable list: a stored code, the label shown, an optional tooltip."""

    key: str
    label: str
    tooltip: str = ""


class CheckListModel(QAbstractListModel):
    """A list of `CheckItem`s with check boxes; `checked()` keeps the order of the items."""

    checked_changed = Signal()

    def __init__(self, items: Iterable[CheckItem] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[CheckItem] = list(items)
        self._checked: set[str] = set()
        self._search = [fold(f"{i.label} {i.key}") for i in self._items]

    def set_items(self, items: Iterable[CheckItem], checked: Iterable[str] = ()) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._search = [fold(f"{i.label} {i.key}") for i in self._items]
        keys = {i.key for i in self._items}
        self._checked = {k for k in checked if k in keys}
        self.endResetModel()
        self.checked_changed.emit()

    def items(self) -> list[CheckItem]:
        return list(self._items)

    def checked(self) -> list[str]:
        return [i.key for i in self._items if i.key in self._checked]

    def set_checked(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        self._checked = {i.key for i in self._items if i.key in wanted}
        if self._items:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._items) - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.checked_changed.emit()

    def toggle(self, row: int) -> None:
        key = self._items[row].key
        state = Qt.CheckState.Unchecked if key in self._checked else Qt.CheckState.Checked
        self.setData(self.index(row, 0), state, Qt.ItemDataRole.CheckStateRole)

    def label_of(self, key: str) -> str:
        for i in self._items:
            if i.key == key:
                return i.label
        return key

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.tooltip or item.label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item.key in self._checked else Qt.CheckState.Unchecked
        if role == KEY_ROLE:
            return item.key
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self._items[index.row()].key
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if on:
            self._checked.add(key)
        else:
            self._checked.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )


class FoldFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose text contains every accent-free fragment typed ("vneid cap 2")."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tokens: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._tokens = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._tokens:
            return True
        model = self.sourceModel()
        idx = model.index(source_row, 0, source_parent)
        hay = model.data(idx, SEARCH_ROLE)
        if hay is None:
            hay = fold(str(model.data(idx, Qt.ItemDataRole.DisplayRole) or ""))
        return all(t in hay for t in self._tokens)
