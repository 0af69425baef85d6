"""Small pieces desktop B's screens (people, person, team, import, settings) share on top of
`ui.desktop.pages`: table set-up, selected rows, number and birth formatting, field error
labels and an explicit tab order."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any, TypeGuard, TypeVar

from PySide6.QtCore import QAbstractItemModel, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)
from sqlalchemy.orm import Session

from ui.desktop.context import AppContext
from ui.desktop.models import ROW_ROLE
from ui.desktop.pages import alive, show_error

R = TypeVar("R")


def make_table(model: QAbstractItemModel, name: str, *, multi: bool = False) -> QTableView:
    """A keyboard-friendly, read-only table with whole-row selection and fixed row heights
    (so that a long list lays out only what is on screen)."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.setWordWrap(False)
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(view.fontMetrics().height() + 10)
    hh = view.horizontalHeader()
    hh.setStretchLastSection(True)
    hh.setHighlightSections(False)
    return view


def touches(changed: object, kinds: Collection[str]) -> TypeGuard[tuple[Any, ...]]:
    """Whether a `ctx.data_changed` payload ((entity, id), ...) names one of `kinds`."""
    if not isinstance(changed, tuple):
        return False
    return any(isinstance(c, tuple) and c and c[0] in kinds for c in changed)


def selected_rows(view: QTableView) -> list[Any]:
    """The row objects (ROW_ROLE) of the selected rows, top to bottom."""
    model = view.model()
    sel = view.selectionModel()
    if sel is None or model is None:
        return []
    rows = sorted({i.row() for i in sel.selectedRows()})
    return [model.index(r, 0).data(ROW_ROLE) for r in rows]


def fmt_int(n: int) -> str:
    """A count in the interface's number format (1.234 in Vietnamese, 1,234 in English)."""
    return QLocale().toString(n)


def fmt_birth(birth_date: date | None, birth_year: int | None) -> str:
    if birth_date is not None:
        return birth_date.strftime("%d/%m/%Y")
    return "" if birth_year is None else str(birth_year)


def error_label() -> QLabel:
    """A label under a field for its validation message; hidden while empty."""
    lab = QLabel()
    lab.setWordWrap(True)
    lab.setObjectName("fieldError")
    lab.setStyleSheet("color: #b00020;")
    lab.setVisible(False)
    return lab


def set_error(lab: QLabel, text: str) -> None:
    lab.setText(text)
    lab.setVisible(bool(text))


def tab_chain(widgets: Sequence[QWidget]) -> None:
    """Tab moves through `widgets` in this order (the reading order of the screen)."""
    for a, b in itertools.pairwise(widgets):
        QWidget.setTabOrder(a, b)


def fit_columns(view: QTableView, samples: Sequence[str | None], stretch: int = 0) -> None:
    """Column widths from sample contents and the header text (never from all rows, which a
    long list does not have in memory), with one column taking the remaining width."""
    hh = view.horizontalHeader()
    fm = view.fontMetrics()
    hfm = hh.fontMetrics()
    model = view.model()
    hh.setStretchLastSection(False)
    for col, sample in enumerate(samples):
        if col == stretch:
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            continue
        hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header = str(model.headerData(col, Qt.Orientation.Horizontal) or "") if model else ""
        width = max(fm.horizontalAdvance(sample or ""), hfm.horizontalAdvance(header) + 12)
        hh.resizeSection(col, width + fm.averageCharWidth() * 3)


def compact_combo(combo: QComboBox, chars: int = 16) -> None:
    """A combo box whose width does not grow with its longest item (target group labels are
    long): the field keeps `chars` characters and the open list is wide enough to read."""
    combo.setMinimumContentsLength(chars)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.view().setMinimumWidth(combo.fontMetrics().averageCharWidth() * 56)


def size_small_table(view: QTableView, stretch: Sequence[int]) -> None:
    """For short lists (accounts, team members): columns sized to their contents, and the
    `stretch` columns share what is left."""
    hh = view.horizontalHeader()
    hh.setStretchLastSection(False)
    for col in range(view.model().columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if col in stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        hh.setSectionResizeMode(col, mode)


def read_db(
    ctx: AppContext,
    owner: QWidget,
    fn: Callable[[Session], R],
    on_done: Callable[[R], None],
    *,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run a read-only query on the pool in a plain snapshot transaction and deliver the result
    to `owner` (dropped if it was closed meanwhile). Unlike a session opened with the officer
    as actor, it takes no write lock: a long count never holds up a check-in, nor waits for
    one."""

    def job() -> R:
        with ctx.inst.db.session() as s:
            return fn(s)

    def done(result: R) -> None:
        if alive(owner):
            on_done(result)

    def failed(exc: BaseException) -> None:
        if on_error is not None and alive(owner):
            on_error(exc)
        else:
            show_error(ctx, owner, exc)

    ctx.runner.pool(job, done, failed)
