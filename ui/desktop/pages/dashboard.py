"""The reports screen: the commune's indicators for a quarter (or any date range) against the
period before and the year to date, as summary figures, bar charts (QtCharts) and one table
per indicator, with the quarterly report exported as PDF or XLSX.

The report is computed by `app.reports.compute_report` on the database worker; the files are
written on the pool and the export audited on the database worker. Nothing here counts: the
screen only shows the frozen `CommuneReport` it is given.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.ids import now
from app.reports import CommuneReport, Period, Table, compute_report, format_value
from ui.desktop.context import AppContext
from ui.desktop.pages import Latest, alive, call_db, show_error
from ui.desktop.pages._shared import make_table, touches

Index = QModelIndex | QPersistentModelIndex

REPORT_ENTITIES = {
    "attendance",
    "skill_record",
    "session",
    "person",
    "village",
    "team_member",
}
CURRENT = QColor("#1f5fa8")
PREVIOUS = QColor("#a9c4e4")
SECOND = QColor("#e08a1e")
QUARTERS_BACK = 12


# -- the table model ---------------------------------------------------------------------------


class ReportTableModel(QAbstractTableModel):
    """One table of the report: the label column, then its value columns; totals in bold,
    "trong đó" lines in italics, numbers right-aligned and formatted as in the PDF."""

    def __init__(self, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._table: Table | None = None

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def table(self) -> Table | None:
        return self._table

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        t = self._table
        if t is None or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section <= len(t.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return t.label(self.lang)
            c = t.columns[section - 1]
            parts = [c.group(self.lang), c.label(self.lang)]
            # Headers do not wrap by themselves: narrow columns, text on a few short lines.
            return "\n".join(line for p in parts if p for line in textwrap.wrap(p, 14))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        t = self._table
        if t is None or not index.isValid():
            return None
        if not (0 <= index.row() < len(t.rows) and 0 <= index.column() <= len(t.columns)):
            return None
        row = t.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return row.label(self.lang)
            c = t.columns[col - 1]
            return format_value(row.values[col - 1], row.cell_kind(c), self.lang)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.kind != "item":
            f = QFont()
            f.setBold(row.kind == "total")
            f.setItalic(row.kind == "sub")
            return f
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- charts ------------------------------------------------------------------------------------


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;-–") + "…"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    color: QColor


class BarChart(QChartView):
    """Grouped horizontal bars: one group per category (long Vietnamese names stay readable
    on the left), one bar per series, values at the bar ends, full names in tooltips."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_title = title
        self.setAccessibleName(title)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.set_data([], [])

    def set_data(
        self, categories: Sequence[str], series: Sequence[Series], *, percent: bool = False
    ) -> None:
        self.categories = list(categories)
        self.series = list(series)
        chart = QChart()
        chart.setTitle(self.chart_title)
        f = chart.titleFont()
        f.setBold(True)
        chart.setTitleFont(f)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setLocalizeNumbers(True)  # "12,5" and "1.234" in the Vietnamese interface
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.setMargins(chart.margins() * 0)
        bars = QHorizontalBarSeries()
        scale = 100.0 if percent else 1.0
        top = 0.0
        # Qt draws the first category and the first set at the bottom: reverse both, so the
        # list reads top-down and the later period (the last series) sits on top.
        for s in series:
            bar_set = QBarSet(s.name)
            bar_set.setColor(s.color)
            bar_set.setBorderColor(s.color)
            bar_set.setLabelColor(self.palette().text().color())
            values = [round(v * scale, 1) for v in reversed(s.values)]
            bar_set.append(values)
            top = max([top, *values])
            bar_set.hovered.connect(self._hovered)
            bars.append(bar_set)
        bars.setLabelsVisible(True)
        bars.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        bars.setLabelsFormat("@value%" if percent else "@value")
        bars.setLabelsPrecision(9)
        chart.addSeries(bars)
        axis_y = QBarCategoryAxis()
        axis_y.append([_short(c) for c in reversed(self.categories)] or [""])
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(axis_y)
        axis_x = QValueAxis()
        axis_x.setRange(0, max(100.0 if percent and top > 80 else 0.0, top * 1.18, 4.0))
        axis_x.setLabelFormat("%.0f%" if percent else "%.0f")
        axis_x.setTickCount(5)
        axis_x.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis_x)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        rows = max(1, len(self.categories))
        line = self.fontMetrics().height()
        self.setFixedHeight(int(line * (6 + rows * (0.9 + 0.8 * max(1, len(series))))))

    def _hovered(self, status: bool, index: int) -> None:
        if not status or not self.categories:
            QToolTip.hideText()
            return
        i = len(self.categories) - 1 - index
        if not 0 <= i < len(self.categories):
            return
        lines = [self.categories[i]]
        lines += [f"{s.name}: {s.values[i]:,.4g}" for s in self.series]
        from PySide6.QtGui import QCursor

        QToolTip.showText(QCursor.pos(), "\n".join(lines), self)


# -- summary figures ---------------------------------------------------------------------------


class Figure(QFrame):
    """A headline number with its change against the period compared with."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        self.value = QLabel("–", self)
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 1.8)
        f.setBold(True)
        self.value.setFont(f)
        self.change = QLabel("", self)
        self.change.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        lay.addWidget(self.change)
        self.setAccessibleName(caption)

    def show_value(self, text: str, change: str) -> None:
        self.value.setText(text)
        self.change.setText(change)


# -- the page ----------------------------------------------------------------------------------


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


class DashboardPage(QWidget):
    """Reports: choose a quarter or a date range; see it against the period before."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.lang
        self.report: CommuneReport | None = None
        self._latest = Latest()
        self._loaded_once = False
        self._dirty = False

        # -- the period
        self.mode = QComboBox(self)
        self.mode.setAccessibleName(self.tr("Kind of period"))
        self.mode.addItem(self.tr("Quarter"), "quarter")
        self.mode.addItem(self.tr("Date range"), "range")
        self.quarter = QComboBox(self)
        self.quarter.setAccessibleName(self.tr("Quarter"))
        today = now().date()
        q = Period.quarter_of(today)
        for _ in range(QUARTERS_BACK):
            self.quarter.addItem(q.short(self.lang), q.code)
            q = q.previous()
        # The quarter just ended is what the province asks for first.
        self.quarter.setCurrentIndex(1 if today.month % 3 != 0 or today.day < 28 else 0)
        self.date_from = QDateEdit(self)
        self.date_from.setAccessibleName(self.tr("From"))
        self.date_to = QDateEdit(self)
        self.date_to.setAccessibleName(self.tr("To"))
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd/MM/yyyy")
        start = Period.quarter(str(self.quarter.currentData()))
        self.date_from.setDate(_qdate(start.date_from))
        self.date_to.setDate(_qdate(start.date_to))
        self.range_box = QWidget(self)
        rl = QHBoxLayout(self.range_box)
        rl.setContentsMargins(0, 0, 0, 0)
        self.from_label = QLabel(self.tr("From"), self.range_box)
        self.to_label = QLabel(self.tr("to"), self.range_box)
        rl.addWidget(self.from_label)
        rl.addWidget(self.date_from)
        rl.addWidget(self.to_label)
        rl.addWidget(self.date_to)
        self.period_stack = QStackedWidget(self)
        self.period_stack.addWidget(self.quarter)
        self.period_stack.addWidget(self.range_box)
        self.period_stack.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.show_button = QPushButton(self.tr("Show"), self)
        self.show_button.setAccessibleName(self.tr("Show the report for this period"))
        self.export_pdf = QPushButton(self.tr("Export PDF…"), self)
        self.export_pdf.setAccessibleName(self.tr("Export the report as PDF"))
        self.export_xlsx = QPushButton(self.tr("Export XLSX…"), self)
        self.export_xlsx.setAccessibleName(self.tr("Export the report as an Excel workbook"))
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.heading = QLabel("", self)
        hf = self.heading.font()
        hf.setPointSizeF(hf.pointSizeF() * 1.3)
        hf.setBold(True)
        self.heading.setFont(hf)
        self.heading.setWordWrap(True)
        top = QHBoxLayout()
        self.period_label = QLabel(self.tr("Period"), self)
        top.addWidget(self.period_label)
        top.addWidget(self.mode)
        top.addWidget(self.period_stack)
        top.addWidget(self.show_button)
        top.addStretch(1)
        top.addWidget(self.export_pdf)
        top.addWidget(self.export_xlsx)

        # -- headline figures
        self.figures = {
            "people": Figure(self.tr("People helped"), self),
            "participations": Figure(self.tr("Participations"), self),
            "sessions": Figure(self.tr("Sessions held"), self),
            "new_independent": Figure(self.tr("Can do a skill alone for the first time"), self),
            "vneid": Figure(self.tr("Activated VNeID level 2 on their own"), self),
            "hours": Figure(self.tr("Team hours of help"), self),
        }
        cards = QGridLayout()
        for i, f in enumerate(self.figures.values()):
            cards.addWidget(f, 0, i)
            cards.setColumnStretch(i, 1)

        # -- charts
        self.charts = {
            "target_group": BarChart(self.tr("People helped by target group"), self),
            "sex": BarChart(self.tr("People helped by sex"), self),
            "age": BarChart(self.tr("People helped by age band"), self),
            "village": BarChart(self.tr("People helped by village"), self),
            "skill_group": BarChart(self.tr("People helped by skill group"), self),
            "independent": BarChart(
                self.tr("People who can do it on their own, by skill group"), self
            ),
            "skill": BarChart(self.tr("People helped by skill (the 15 most taught)"), self),
            "identity": BarChart(
                self.tr("Digital identity: share of the population aged 16+ (cumulative)"), self
            ),
            "team": BarChart(self.tr("Team activity: hours per member"), self),
        }
        chart_page = QWidget(self)
        columns = QHBoxLayout(chart_page)
        # Two columns that fill independently: charts differ in height with their lines.
        for keys in (
            ("target_group", "age", "skill_group", "skill", "team"),
            ("sex", "village", "independent", "identity"),
        ):
            col = QVBoxLayout()
            for k in keys:
                col.addWidget(self.charts[k])
            col.addStretch(1)
            columns.addLayout(col, 1)
        self.chart_scroll = QScrollArea(self)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setWidget(chart_page)
        self.chart_scroll.setAccessibleName(self.tr("Charts"))

        # -- tables
        self.table_choice = QComboBox(self)
        self.table_choice.setAccessibleName(self.tr("Table"))
        self.model = ReportTableModel(self.lang, self)
        self.table = make_table(self.model, self.tr("Indicator table"))
        self.table.setWordWrap(True)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel("", self)
        self.note.setWordWrap(True)
        tables_page = QWidget(self)
        tl = QVBoxLayout(tables_page)
        tl.addWidget(self.table_choice)
        tl.addWidget(self.table, 1)
        tl.addWidget(self.note)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Charts and tables"))
        self.tabs.addTab(self.chart_scroll, self.tr("Charts"))
        self.tabs.addTab(tables_page, self.tr("Tables"))

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.heading)
        lay.addWidget(self.status)
        lay.addLayout(cards)
        lay.addWidget(self.tabs, 1)

        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.quarter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_button.clicked.connect(self.refresh)
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.table_choice.currentIndexChanged.connect(self._table_chosen)
        ctx.data_changed.connect(self._changed)
        self._set_busy(False)
        self._mode_changed()

    # -- page protocol ------------------------------------------------------------------------
    def on_shown(self) -> None:
        if not self._loaded_once or self._dirty:
            self.refresh()

    def _changed(self, changed: object) -> None:
        if touches(changed, REPORT_ENTITIES):
            if self.isVisible():
                self.refresh()
            else:
                self._dirty = True

    # -- the period ---------------------------------------------------------------------------
    def _mode_changed(self) -> None:
        is_range = self.mode.currentData() == "range"
        self.period_stack.setCurrentIndex(1 if is_range else 0)
        self.show_button.setVisible(is_range)
        if not is_range and self._loaded_once:
            self.refresh()

    def period(self) -> Period:
        if self.mode.currentData() == "range":
            return Period(_pydate(self.date_from.date()), _pydate(self.date_to.date()))
        return Period.quarter(str(self.quarter.currentData()))

    def set_quarter(self, code: str) -> None:
        self.mode.setCurrentIndex(0)
        i = self.quarter.findData(code)
        if i < 0:
            p = Period.quarter(code)
            self.quarter.addItem(p.short(self.lang), p.code)
            i = self.quarter.count() - 1
        self.quarter.setCurrentIndex(i)

    def set_range(self, start: date, end: date) -> None:
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))
        self.mode.setCurrentIndex(1)
        self.refresh()

    # -- computing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self._loaded_once = True
        self._dirty = False
        try:
            period = self.period()
        except Exception as exc:  # a range whose end is before its start
            show_error(self.ctx, self, exc)
            return
        ticket = self._latest.next()
        self._set_busy(True)
        self.status.setText(self.tr("Counting {period}…").format(period=period.label(self.lang)))

        def job(s: Session) -> CommuneReport:
            return compute_report(s, period)

        def done(report: CommuneReport) -> None:
            if self._latest.current(ticket):
                self._set_busy(False)
                self.show_report(report)

        def failed(exc: BaseException) -> None:
            if self._latest.current(ticket):
                self._set_busy(False)
                self.status.setText("")
            show_error(self.ctx, self, exc)

        call_db(self.ctx, self, job, done, on_error=failed)

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.report is not None
        self.export_pdf.setEnabled(ready)
        self.export_xlsx.setEnabled(ready)

    # -- showing ------------------------------------------------------------------------------
    def show_report(self, report: CommuneReport) -> None:
        self.report = report
        lang = self.lang
        self._set_busy(False)
        self.heading.setText(
            self.tr("{commune} — {period}").format(
                commune=report.commune_name, period=report.period.label(lang)
            )
        )
        self.status.setText(
            self.tr(
                "{start} to {end}, compared with {previous}; year to date from {ytd}. "
                "Counted at {time}."
            ).format(
                start=report.period.date_from.strftime("%d/%m/%Y"),
                end=report.period.date_to.strftime("%d/%m/%Y"),
                previous=report.previous.short(lang),
                ytd=report.year_to_date.date_from.strftime("%d/%m/%Y"),
                time=report.generated_at.strftime("%H:%M"),
            )
        )
        self._show_figures(report)
        self._show_charts(report)
        current = self.table_choice.currentData()
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for t in report.tables():
            self.table_choice.addItem(f"{t.number}. {t.title(lang)}", t.key)
        i = self.table_choice.findData(current)
        self.table_choice.setCurrentIndex(max(0, i))
        self.table_choice.blockSignals(False)
        self._table_chosen()

    def _figure(self, key: str, table: str, row: str, unit: str = "int") -> None:
        assert self.report is not None
        t = self.report.table(table)
        cur, prev = t.value(row, "cur"), t.value(row, "prev")
        change = None if cur is None or prev is None else cur - prev
        self.figures[key].show_value(
            format_value(cur, unit, self.lang),
            self.tr("{change} against {previous}").format(
                change=format_value(
                    change, "change" if unit == "int" else "change_" + unit, self.lang
                ),
                previous=self.report.previous.short(self.lang),
            ),
        )

    def _show_figures(self, report: CommuneReport) -> None:
        self._figure("people", "people.summary", "people")
        self._figure("participations", "people.summary", "participations")
        self._figure("sessions", "sessions.format", "total")
        self._figure("new_independent", "skills.change", "new_independent")
        self._figure("vneid", "identity.summary", "vneid_level2")
        self._figure("hours", "team.summary", "hours", "hours")

    def _compare(self, table: Table, prefix: str = "") -> tuple[list[str], list[Series]]:
        assert self.report is not None
        items = table.items()
        i_cur = table.column_index(f"{prefix}cur")
        i_prev = table.column_index(f"{prefix}prev")
        return [r.label(self.lang) for r in items], [
            Series(
                self.report.previous.short(self.lang),
                tuple(float(r.values[i_prev] or 0) for r in items),
                PREVIOUS,
            ),
            Series(
                self.report.period.short(self.lang),
                tuple(float(r.values[i_cur] or 0) for r in items),
                CURRENT,
            ),
        ]

    def _show_charts(self, report: CommuneReport) -> None:
        for key, table in (
            ("target_group", "people.target_group"),
            ("sex", "people.sex"),
            ("age", "people.age"),
            ("village", "people.village"),
        ):
            self.charts[key].set_data(*self._compare(report.table(table), "people_"))
        groups = report.table("skills.group")
        self.charts["skill_group"].set_data(*self._compare(groups, "helped_"))
        self.charts["independent"].set_data(*self._compare(groups, "indep_"))
        skills = report.table("skills.skill")
        i_cur = skills.column_index("helped_cur")
        top = sorted(skills.rows, key=lambda r: -(r.values[i_cur] or 0))[:15]
        top = [r for r in skills.rows if r in top and (r.values[i_cur] or 0) > 0]
        picked = replace(skills, rows=tuple(top))
        self.charts["skill"].set_data(*self._compare(picked, "helped_"))
        villages = report.table("identity.village")
        rows = [r for r in villages.items() if r.values[0]]
        self.charts["identity"].set_data(
            [r.label(self.lang) for r in rows],
            [
                Series(
                    self.tr("Helped with VNeID"),
                    tuple(float(r.values[2] or 0) for r in rows),
                    PREVIOUS,
                ),
                Series(
                    self.tr("Level 2 on their own"),
                    tuple(float(r.values[4] or 0) for r in rows),
                    CURRENT,
                ),
            ],
            percent=True,
        )
        team = report.table("team.member")
        members = team.items()
        h_cur, h_prev = team.column_index("hours_cur"), team.column_index("hours_prev")
        self.charts["team"].set_data(
            [r.label(self.lang) for r in members],
            [
                Series(
                    report.previous.short(self.lang),
                    tuple(float(r.values[h_prev] or 0) for r in members),
                    PREVIOUS,
                ),
                Series(
                    report.period.short(self.lang),
                    tuple(float(r.values[h_cur] or 0) for r in members),
                    CURRENT,
                ),
            ],
        )

    def _table_chosen(self) -> None:
        if self.report is None:
            self.model.set_table(None)
            return
        key = self.table_choice.currentData()
        table = next((t for t in self.report.tables() if t.key == key), None)
        self.model.set_table(table)
        self.note.setText(table.note(self.lang) if table is not None else "")
        hh = self.table.horizontalHeader()
        if self.model.columnCount() > 0:
            hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for c in range(1, self.model.columnCount()):
                hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()

    # -- exporting ----------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        report = self.report
        if report is None:
            return
        filters = self.tr("PDF files (*.pdf)") if fmt == "pdf" else self.tr("Excel files (*.xlsx)")
        suggested = f"bao-cao-binh-dan-hoc-vu-so-{report.period.code}.{fmt}"
        path = self.ctx.dialogs.save_file(self, self.tr("Save the report"), suggested, filters)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        self.export_pdf.setEnabled(False)
        self.export_xlsx.setEnabled(False)
        self.status.setText(self.tr("Writing {file}…").format(file=target.name))
        ctx = self.ctx

        def write() -> int:
            from app.reports import write_report

            return write_report(report, fmt, target)

        def written(_n: int) -> None:
            from app.reports import record_report_export

            call_db(ctx, None, lambda s: record_report_export(s, ctx.actor, report, fmt))
            if not alive(self):
                return
            self._set_busy(False)
            self.status.setText(self.tr("Saved to {path}").format(path=str(target)))
            ctx.dialogs.info(
                self, self.tr("Report saved"), self.tr("Saved to {path}").format(path=str(target))
            )

        def failed(exc: BaseException) -> None:
            if alive(self):
                self._set_busy(False)
                self.status.setText("")
            show_error(ctx, self if alive(self) else None, exc)

        ctx.runner.pool(write, written, failed)
