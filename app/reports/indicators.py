"""The indicators of the commune's quarterly report, aggregated in SQL from the event tables.

`compute_report(s, Period.quarter("2026-Q3"))` returns a `CommuneReport`: frozen dataclasses
all the way down, sections (I..VI, one per indicator of docs/domain.md) holding tables whose
rows are labelled counts for this period, the period compared with (the previous quarter by
default), the change and the year to date.

Counting rules, the same as the raw exports of `app.services.exporting` so that every figure can
be recomputed from those files:

* Tombstoned records never count: attendance or sessions with `deleted_at`, skill records with
  `deleted_at`. Attendance counts only in a live session; skill records count whatever became of
  their session. Events of erased or merged-away people still count: they are events.
* A session is *held* when its status is "held"; cancelled and planned sessions never count.
* *Participations* are attendance records. *People helped* are the distinct people with an
  attendance or a skill record in the period.
* A participation falls in the target group recorded on the event and the age band at the
  event's day. A person helped falls in the target group and age band of their first event in
  the period (earliest day; on a tie, the first group in `TARGET_GROUPS` order), and in their
  sex and village as recorded now, so that every breakdown adds up to the total.
* Age is counted from the birth date, or from the birth year alone (year of the event minus year
  of birth) when the date is not known. Ethnic minority and disability count only for people
  with a recorded consent (Decree 356/2025): ethnicity recorded and not Kinh; a disability
  recorded.
* A person's *best outcome* for a skill is the highest outcome of all their records of it so
  far (introduced < practised < independent). Their outcome *rose* in a period when the best at
  the end is above the best at the start (no record counts as below "introduced"). A *new
  independent* reached "can do it alone" in a skill for the first time ever in the period.
* Digital-identity coverage per village is cumulative up to the end of the period and counts
  people not known to be under 16 at that day, against `Village.adult_population` (people aged
  16 and over) where it was entered.
* Team activity comes from the held sessions' `team_member_ids` and their start and end times
  (a session without an end time adds no hours).

Everything is aggregated by GROUP BY over the event tables' covering report indexes (in
(person, group) and (person, skill) order, so no sorting); Python only arranges
the few hundred aggregated rows into tables. One temporary table (per (person, skill) pair of
the period, with the best outcome before it) is built on the session's connection and dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.errors import UserError
from app.ids import now
from app.models import (
    Commune,
    Programme,
    Setting,
    Skill,
    SkillGroup,
    TeamMember,
    Village,
)
from app.vntext import fold, sort_key
from app.vocab import FORMATS, OUTCOME_RANK, SEXES, TARGET_GROUPS

__all__ = [
    "AGE_BANDS",
    "IDENTITY_MEASURES",
    "SERVICE_MEASURES",
    "Column",
    "CommuneReport",
    "Period",
    "Row",
    "Section",
    "SkillMeasure",
    "Table",
    "compute_report",
]

Value = int | float | None

AGE_BANDS: dict[str, tuple[str, str]] = {
    "under16": ("Dưới 16 tuổi", "Under 16"),
    "16_59": ("Từ 16 đến 59 tuổi", "16 to 59"),
    "60plus": ("Từ 60 tuổi trở lên", "60 and over"),
    "unknown": ("Không rõ tuổi", "Age not known"),
}
ADULT_AGE = 16
OLD_AGE = 60

UNKNOWN = ("Không rõ", "Not known")
NO_VILLAGE = ("Chưa ghi thôn/xóm", "No village recorded")

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_WINDOWS = ("cur", "prev", "ytd")


# -- periods ---------------------------------------------------------------------------------


def _bad_quarter(value: str) -> UserError:
    return UserError(
        "report.quarter",
        f"Quý '{value}' không hợp lệ. Nhập dạng NNNN-QN (năm, chữ Q, số quý từ 1 đến 4), "
        "ví dụ 2026-Q3.",
        f"The quarter '{value}' is not valid. Use YYYY-QN (year, the letter Q, quarter 1 to 4), "
        "for example 2026-Q3.",
    )


_QUARTER_RE = re.compile(r"^(\d{4})\s*[-/ ]?\s*[Qq]\s*([1-4])$|^[Qq]\s*([1-4])\s*[-/ ]\s*(\d{4})$")


def _month_end(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _fmt_day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


@dataclass(frozen=True, order=True)
class Period:
    """A span of days, both ends included: a quarter, a month, a year or any range."""

    date_from: date
    date_to: date

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise UserError(
                "report.period",
                f"Ngày bắt đầu {_fmt_day(self.date_from)} sau ngày kết thúc "
                f"{_fmt_day(self.date_to)}. Hãy chọn lại khoảng thời gian.",
                f"The start {_fmt_day(self.date_from)} is after the end "
                f"{_fmt_day(self.date_to)}. Choose the dates again.",
            )

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4 or not 1900 <= year <= 2999:
            raise _bad_quarter(f"{year}-Q{quarter}")
        first = 3 * quarter - 2
        return cls(date(year, first, 1), _month_end(year, first + 2))

    @classmethod
    def quarter(cls, value: str) -> Period:
        """ "2026-Q3" (also "2026Q3", "2026 q3", "Q3/2026") → 01/07/2026 to 30/09/2026."""
        m = _QUARTER_RE.match(value.strip())
        if m is None:
            raise _bad_quarter(value)
        if m.group(1):
            return cls.of_quarter(int(m.group(1)), int(m.group(2)))
        return cls.of_quarter(int(m.group(4)), int(m.group(3)))

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        return cls.of_quarter(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def year_to_date(cls, day: date) -> Period:
        return cls(date(day.year, 1, 1), day)

    # -- what kind of span ----------------------------------------------------------------
    @property
    def quarter_number(self) -> int | None:
        """1..4 when the period is exactly a calendar quarter."""
        d = self.date_from
        if d.day != 1 or d.month % 3 != 1:
            return None
        q = (d.month - 1) // 3 + 1
        return q if self.date_to == _month_end(d.year, d.month + 2) else None

    @property
    def is_month(self) -> bool:
        d = self.date_from
        return d.day == 1 and self.date_to == _month_end(d.year, d.month)

    @property
    def is_year(self) -> bool:
        d = self.date_from
        return (d.month, d.day) == (1, 1) and self.date_to == date(d.year, 12, 31)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def contains(self, day: date) -> bool:
        return self.date_from <= day <= self.date_to

    def previous(self) -> Period:
        """The span just before, of the same kind: the previous quarter, month or year;
        otherwise as many days ending the day before this one starts."""
        d = self.date_from
        if self.quarter_number is not None:
            q = self.quarter_number
            return Period.of_quarter(d.year - (q == 1), 4 if q == 1 else q - 1)
        if self.is_month:
            y, m = (d.year - 1, 12) if d.month == 1 else (d.year, d.month - 1)
            return Period(date(y, m, 1), _month_end(y, m))
        if self.is_year:
            return Period(date(d.year - 1, 1, 1), date(d.year - 1, 12, 31))
        end = d - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    # -- names ----------------------------------------------------------------------------
    @property
    def code(self) -> str:
        """For file names: "2026-Q3", "2026-07", "2026" or "20260701-20260815"."""
        q = self.quarter_number
        if q is not None:
            return f"{self.date_from.year}-Q{q}"
        if self.is_month:
            return self.date_from.strftime("%Y-%m")
        if self.is_year:
            return str(self.date_from.year)
        return f"{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}"

    def label(self, lang: str = "vi") -> str:
        """ "Quý III năm 2026" / "Q3 2026"; a range reads "từ ngày … đến ngày …"."""
        en = lang.startswith("en")
        y = self.date_from.year
        q = self.quarter_number
        if q is not None:
            return f"Q{q} {y}" if en else f"Quý {_ROMAN[q - 1]} năm {y}"
        if self.is_month:
            return (
                self.date_from.strftime("%B %Y") if en else f"Tháng {self.date_from.month} năm {y}"
            )
        if self.is_year:
            return f"Year {y}" if en else f"Năm {y}"
        a, b = _fmt_day(self.date_from), _fmt_day(self.date_to)
        return f"from {a} to {b}" if en else f"từ ngày {a} đến ngày {b}"

    def short(self, lang: str = "vi") -> str:
        """A column header: "Quý III/2026", "Tháng 7/2026", "01/07–15/08/2026"."""
        en = lang.startswith("en")
        y = self.date_from.year
        q = self.quarter_number
        if q is not None:
            return f"Q{q} {y}" if en else f"Quý {_ROMAN[q - 1]}/{y}"
        if self.is_month:
            return f"{self.date_from:%m/%Y}" if en else f"Tháng {self.date_from.month}/{y}"
        if self.is_year:
            return str(y)
        a = self.date_from.strftime(
            "%d/%m" if self.date_from.year == self.date_to.year else "%d/%m/%Y"
        )
        return f"{a}–{_fmt_day(self.date_to)}"


# -- the report's shape ----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A value column of a table. `kind`: int (a count), change (a signed difference), hours,
    ratio (a decimal), share (a fraction shown as a percentage). Columns with the same `group`
    sit under one spanning header."""

    key: str
    vi: str
    en: str
    kind: str = "int"
    group_vi: str = ""
    group_en: str = ""

    def label(self, lang: str = "vi") -> str:
        return self.en if lang.startswith("en") else self.vi

    def group(self, lang: str = "vi") -> str:
        return self.group_en if lang.startswith("en") else self.group_vi


@dataclass(frozen=True)
class Row:
    """A labelled line of values. `kind`: item (a part), total (the sum or the distinct count
    of the parts), sub (a "trong đó" line, part of the line above)."""

    key: str
    vi: str
    en: str
    values: tuple[Value, ...]
    kind: str = "item"
    unit: str = ""  # "hours" or "ratio" when the row holds those rather than counts

    def label(self, lang: str = "vi") -> str:
        return self.en if lang.startswith("en") else self.vi

    def cell_kind(self, column: Column) -> str:
        """How to show this row's value in `column`: the column's kind unless the row holds
        hours or averages ("change_hours" for their difference)."""
        if not self.unit:
            return column.kind
        return f"change_{self.unit}" if column.kind == "change" else self.unit


@dataclass(frozen=True)
class Table:
    """One numbered table of the report (e.g. "2.2 People helped by target group")."""

    key: str
    number: str
    title_vi: str
    title_en: str
    label_vi: str  # header of the label column
    label_en: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note_vi: str = ""
    note_en: str = ""
    additive: bool = False  # the item rows add up to the total row in every count column

    def title(self, lang: str = "vi") -> str:
        return self.title_en if lang.startswith("en") else self.title_vi

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang.startswith("en") else self.label_vi

    def note(self, lang: str = "vi") -> str:
        return self.note_en if lang.startswith("en") else self.note_vi

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(f"{self.key} has no column {key!r}")

    def row(self, key: str) -> Row:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(f"{self.key} has no row {key!r}")

    def has_row(self, key: str) -> bool:
        return any(r.key == key for r in self.rows)

    def value(self, row_key: str, column_key: str) -> Value:
        return self.row(row_key).values[self.column_index(column_key)]

    def items(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind == "item")

    def total(self) -> Row | None:
        return next((r for r in self.rows if r.kind == "total"), None)


@dataclass(frozen=True)
class Section:
    number: str  # "I"
    title_vi: str
    title_en: str
    tables: tuple[Table, ...]

    def title(self, lang: str = "vi") -> str:
        return self.title_en if lang.startswith("en") else self.title_vi


@dataclass(frozen=True)
class CommuneReport:
    """Every figure of one commune's report for a period."""

    commune_code: str
    commune_name: str  # "Phường Đức Xuân"
    province_name: str
    period: Period
    previous: Period
    year_to_date: Period
    generated_at: datetime
    team_size: int  # active members in the team's register now
    sections: tuple[Section, ...]

    def tables(self) -> Iterator[Table]:
        for sec in self.sections:
            yield from sec.tables

    def table(self, key: str) -> Table:
        for t in self.tables():
            if t.key == key:
                return t
        raise KeyError(f"no table {key!r}")


@dataclass(frozen=True)
class SkillMeasure:
    """A count of people by skill records: those with a record of one of `codes` (or of a
    code starting with one of `prefixes`) reaching at least `min_outcome` in the period; with
    `first_time`, those who reached "independent" for the first time ever in the period."""

    key: str
    vi: str
    en: str
    codes: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    min_outcome: str = "introduced"
    first_time: bool = False
    sub: bool = False  # shown as a "trong đó" line under the one before


# Data, not logic: the province can ask for other lines without touching the SQL.
IDENTITY_MEASURES: tuple[SkillMeasure, ...] = (
    SkillMeasure(
        "vneid_install",
        "Người được hướng dẫn cài đặt VNeID, đăng ký tài khoản định danh điện tử (DD01)",
        "People helped to install VNeID and register an e-ID account (DD01)",
        codes=("DD01",),
    ),
    SkillMeasure(
        "vneid_level2_helped",
        "Người được hướng dẫn kích hoạt tài khoản định danh điện tử mức 2 (DD02)",
        "People helped to activate a level-2 e-ID account (DD02)",
        codes=("DD02",),
    ),
    SkillMeasure(
        "vneid_level2",
        "Người tự kích hoạt được tài khoản mức 2 (DD02, tự làm được)",
        "People who activated level 2 on their own (DD02, can do it alone)",
        codes=("DD02",),
        min_outcome="independent",
    ),
    SkillMeasure(
        "vneid_level2_new",
        "trong đó: lần đầu tự làm được trong kỳ",
        "of whom: for the first time in the period",
        codes=("DD02",),
        min_outcome="independent",
        first_time=True,
        sub=True,
    ),
)
SERVICE_MEASURES: tuple[SkillMeasure, ...] = (
    SkillMeasure(
        "dvc",
        "Người được hướng dẫn sử dụng dịch vụ công trực tuyến (DVC01–DVC04)",
        "People helped with online public services (DVC01–DVC04)",
        prefixes=("DVC",),
    ),
    SkillMeasure(
        "dvc_submitted",
        "trong đó: nộp được hồ sơ trực tuyến toàn trình (DVC02, từ mức thực hành có hỗ trợ)",
        "of whom: submitted an application fully online (DVC02, practised with help or better)",
        codes=("DVC02",),
        min_outcome="practised",
        sub=True,
    ),
    SkillMeasure(
        "payment",
        "Người được hướng dẫn thanh toán không dùng tiền mặt (TT01–TT05)",
        "People helped with cashless payment (TT01–TT05)",
        prefixes=("TT",),
    ),
    SkillMeasure(
        "accounts",
        "trong đó: mở được tài khoản ngân hàng/ví điện tử (TT01, từ mức thực hành có hỗ trợ)",
        "of whom: opened a bank account or e-wallet (TT01, practised with help or better)",
        codes=("TT01",),
        min_outcome="practised",
        sub=True,
    ),
    SkillMeasure(
        "merchant_qr",
        "trong đó: tiểu thương, hộ kinh doanh có mã QR nhận tiền (TT03, từ mức thực hành)",
        "of whom: traders with a merchant payment QR (TT03, practised with help or better)",
        codes=("TT03",),
        min_outcome="practised",
        sub=True,
    ),
    SkillMeasure(
        "ehealth",
        "Người kích hoạt được Sổ sức khỏe điện tử (YT01, từ mức thực hành có hỗ trợ)",
        "People who activated the e-health book (YT01, practised with help or better)",
        codes=("YT01",),
        min_outcome="practised",
    ),
)
VNEID_CODES = ("DD01", "DD02")
LEVEL2_CODE = "DD02"


# -- SQL pieces ------------------------------------------------------------------------------

_CODE_RE = re.compile(r"^[A-Za-z0-9_]+$")
_INDEPENDENT = max(OUTCOME_RANK.values())


def _lit(code: str) -> str:
    """A catalogue code as an SQL literal (codes come from the constants above)."""
    if not _CODE_RE.match(code):
        raise ValueError(f"not a catalogue code: {code!r}")
    return f"'{code}'"


def _rank_sql(col: str) -> str:
    whens = " ".join(f"WHEN {_lit(k)} THEN {v}" for k, v in OUTCOME_RANK.items())
    return f"(CASE {col} {whens} ELSE 0 END)"


def _group_key_sql(day: str, group: str) -> str:
    """Sortable "day, group rank, group" text: MIN() picks the first event of the period."""
    whens = " ".join(f"WHEN {_lit(k)} THEN '{i}'" for i, k in enumerate(TARGET_GROUPS))
    return f"({day} || (CASE {group} {whens} ELSE '9' END) || {group})"


def _age_sql(day: str) -> str:
    """Age in whole years at `day` (ISO text) from p.birth_date, else from p.birth_year."""
    year = f"CAST(substr({day}, 1, 4) AS INTEGER)"
    return (
        "(CASE WHEN p.birth_date IS NOT NULL THEN "
        f"{year} - CAST(substr(p.birth_date, 1, 4) AS INTEGER) "
        f"- (substr({day}, 6, 5) < substr(p.birth_date, 6, 5)) "
        f"WHEN p.birth_year IS NOT NULL THEN {year} - p.birth_year END)"
    )


def _band_sql(day: str) -> str:
    """The age band at `day` of a temp.rep_person row `p` (birth year `by`, and 'MM-DD' of
    the birth date in `bmd`, '' when only the year is known)."""
    age = f"(CAST(substr({day}, 1, 4) AS INTEGER) - p.by - (substr({day}, 6, 5) < p.bmd))"
    return (
        f"(CASE WHEN p.by IS NULL THEN 'unknown' WHEN {age} < {ADULT_AGE} THEN 'under16' "
        f"WHEN {age} < {OLD_AGE} THEN '16_59' ELSE '60plus' END)"
    )


_MINORITY_SQL = (
    "(CASE WHEN p.consent_at IS NOT NULL AND trim(COALESCE(p.ethnicity, '')) <> '' "
    "AND lower(trim(p.ethnicity)) <> 'kinh' THEN 1 ELSE 0 END)"
)
_DISABILITY_SQL = (
    "(CASE WHEN p.consent_at IS NOT NULL AND trim(COALESCE(p.disability, '')) <> '' "
    "THEN 1 ELSE 0 END)"
)
_MINUTES_SQL = (
    "MAX(0, COALESCE(CAST(ROUND((julianday(c.ends_at) - julianday(c.starts_at)) * 1440) "
    "AS INTEGER), 0))"
)


def _in(col: str, w: str) -> str:
    return f"({col} BETWEEN :{w}0 AND :{w}1)"


@dataclass(frozen=True)
class _Windows:
    cur: Period
    prev: Period
    ytd: Period

    def params(self) -> dict[str, str]:
        p: dict[str, str] = {}
        for name in _WINDOWS:
            w: Period = getattr(self, name)
            p[f"{name}0"] = w.date_from.isoformat()
            p[f"{name}1"] = w.date_to.isoformat()
        p["lo"] = min(self.cur.date_from, self.prev.date_from, self.ytd.date_from).isoformat()
        p["hi"] = max(self.cur.date_to, self.prev.date_to, self.ytd.date_to).isoformat()
        return p


Triple = tuple[int, int, int]  # cur, prev, ytd


def _triple(values: Sequence[Any]) -> Triple:
    return (int(values[0] or 0), int(values[1] or 0), int(values[2] or 0))


def _add(a: Triple, b: Triple) -> Triple:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


_ZERO: Triple = (0, 0, 0)


class _Query:
    """The aggregate queries, run on one session with the windows' bounds bound."""

    def __init__(self, s: Session, w: _Windows, commune_code: str | None) -> None:
        self.s = s
        self.params: dict[str, Any] = w.params()
        self.cc = commune_code
        if commune_code is not None:
            self.params["cc"] = commune_code

    def commune(self, alias: str) -> str:
        return f" AND {alias}.commune_code = :cc" if self.cc is not None else ""

    def rows(self, sql: str, **extra: Any) -> list[Any]:
        return list(self.s.execute(text(sql), {**self.params, **extra}).all())

    def sums(self, col: str) -> str:
        return ", ".join(f"SUM({_in(col, w)})" for w in _WINDOWS)

    # -- I. sessions, VI. team -------------------------------------------------------------
    def sessions(self) -> list[Any]:
        """(format, programme, has_team, cur, prev, ytd) for held sessions."""
        return self.rows(
            f"""
            SELECT c.format, c.programme_code,
                   (json_valid(c.team_member_ids)
                    AND json_array_length(c.team_member_ids) > 0) AS has_team,
                   {self.sums("c.day")}
            FROM class_session c
            WHERE c.deleted_at IS NULL AND c.status = 'held'
              AND c.day BETWEEN :lo AND :hi{self.commune("c")}
            GROUP BY c.format, c.programme_code, has_team
            """
        )

    def team(self) -> list[Any]:
        """(member id, sessions cur/prev/ytd, minutes cur/prev/ytd) from held sessions."""
        minutes = ", ".join(
            f"SUM(CASE WHEN {_in('x.day', w)} THEN x.minutes END)" for w in _WINDOWS
        )
        return self.rows(
            f"""
            SELECT x.member, {self.sums("x.day")}, {minutes}
            FROM (
                SELECT DISTINCT c.id AS sid, j.value AS member, c.day AS day,
                       {_MINUTES_SQL} AS minutes
                FROM class_session c,
                     json_each(CASE WHEN json_valid(c.team_member_ids)
                               THEN c.team_member_ids ELSE '[]' END) j
                WHERE c.deleted_at IS NULL AND c.status = 'held'
                  AND c.day BETWEEN :lo AND :hi{self.commune("c")}
            ) x
            GROUP BY x.member
            """
        )

    # -- working tables --------------------------------------------------------------------
    def prepare(self) -> None:
        """Build the temporary tables the aggregates read (in memory: temp_store is MEMORY,
        so no personal data reaches an unencrypted temporary file). Each event table is read
        once for the windows:

        * rep_pairs: one row per (person, skill) with a record in the windows: best rank,
          number of records and first-event key per window, best rank before each window
          starts and the first day ever at "independent" (the whole history of the pair is read
          in the same pass, in pair order from the covering index ix_skill_record_report);
        * rep_pk: each person with an attendance or a skill record in the windows, with the
          sortable key of their first event in each window (see `_group_key_sql`);
        * rep_person: those people's sex, village, birth and consent flags, read once per
          person in key order (far cheaper than once per event on a large person table).
        """
        self.drop()
        # Every live record up to the end, history included, in (person, skill) order from
        # the covering index: no table lookup, no sort. The inner query works out once per
        # record its rank, which windows hold its day (bit i for window i) and its first-event
        # key; the outer one only combines them. Pairs without a record in the windows are
        # left out by HAVING.
        in_windows = " + ".join(f"({1 << i} * {_in('r.day', w)})" for i, w in enumerate(_WINDOWS))
        per_window = [f"MAX(CASE WHEN (x.wm & {1 << i}) THEN x.rk END)" for i in range(3)]
        per_window += [f"SUM((x.wm & {1 << i}) <> 0)" for i in range(3)]
        per_window += [f"MAX(CASE WHEN x.day < :{w}0 THEN x.rk END)" for w in _WINDOWS]
        per_window += [f"MIN(CASE WHEN (x.wm & {1 << i}) THEN x.k END)" for i in range(3)]
        self.execute(
            "CREATE TEMP TABLE rep_pairs (pid TEXT, code TEXT, r_cur INTEGER, r_prev INTEGER, "
            "r_ytd INTEGER, n_cur INTEGER, n_prev INTEGER, n_ytd INTEGER, b_cur INTEGER, "
            "b_prev INTEGER, b_ytd INTEGER, k_cur TEXT, k_prev TEXT, k_ytd TEXT, "
            "first_ind TEXT, PRIMARY KEY (pid, code)) WITHOUT ROWID"
        )
        self.execute(
            f"""
            INSERT INTO temp.rep_pairs
            SELECT x.pid, x.code, {", ".join(per_window)}, MIN(x.ind)
            FROM (
                SELECT r.person_id AS pid, r.skill_code AS code, r.day AS day,
                       {_rank_sql("r.outcome")} AS rk, ({in_windows}) AS wm,
                       CASE WHEN r.day >= :lo
                            THEN {_group_key_sql("r.day", "r.target_group")} END AS k,
                       CASE WHEN r.outcome = 'independent' THEN r.day END AS ind
                FROM skill_record r INDEXED BY ix_skill_record_report
                WHERE r.deleted_at IS NULL AND r.day <= :hi{self.commune("r")}
                ORDER BY r.person_id, r.skill_code
                LIMIT -1  -- not flattened: each value is worked out once per record
            ) x
            GROUP BY x.pid, x.code
            HAVING MAX(x.day) >= :lo
            """
        )
        # Attendance once, per (person, group): count, first and last day in each window.
        # As above: in (person, group) order from the covering index, windows worked out once
        # per record.
        att = [f"SUM((x.wm & {1 << i}) <> 0)" for i in range(3)]
        att += [f"MIN(CASE WHEN (x.wm & {1 << i}) THEN x.day END)" for i in range(3)]
        att += [f"MAX(CASE WHEN (x.wm & {1 << i}) THEN x.day END)" for i in range(3)]
        in_windows = " + ".join(f"({1 << i} * {_in('a.day', w)})" for i, w in enumerate(_WINDOWS))
        self.execute(
            "CREATE TEMP TABLE rep_att (pid TEXT, tg TEXT, n_cur INTEGER, n_prev INTEGER, "
            "n_ytd INTEGER, a_cur TEXT, a_prev TEXT, a_ytd TEXT, z_cur TEXT, z_prev TEXT, "
            "z_ytd TEXT, PRIMARY KEY (pid, tg)) WITHOUT ROWID"
        )
        self.execute(
            f"""
            INSERT INTO temp.rep_att
            SELECT x.pid, x.tg, {", ".join(att)}
            FROM (
                SELECT a.person_id AS pid, a.target_group AS tg, a.day AS day,
                       ({in_windows}) AS wm
                FROM attendance a INDEXED BY ix_attendance_report
                WHERE a.deleted_at IS NULL AND a.day BETWEEN :lo AND :hi{self.commune("a")}
                  AND a.session_id IN (SELECT c.id FROM class_session c
                                       WHERE c.deleted_at IS NULL)
                ORDER BY a.person_id, a.target_group
                LIMIT -1  -- not flattened: each value is worked out once per record
            ) x
            GROUP BY x.pid, x.tg
            """
        )
        keys = ", ".join(f"MIN({_group_key_sql(f'x.a_{w}', 'x.tg')}) AS k_{w}" for w in _WINDOWS)
        self.execute(
            "CREATE TEMP TABLE rep_pk (pid TEXT PRIMARY KEY, k_cur TEXT, k_prev TEXT, "
            "k_ytd TEXT) WITHOUT ROWID"
        )
        self.execute(
            f"""
            INSERT INTO temp.rep_pk
            SELECT ev.pid, MIN(ev.k_cur), MIN(ev.k_prev), MIN(ev.k_ytd)
            FROM (
                SELECT x.pid AS pid, {keys} FROM temp.rep_att x GROUP BY x.pid
                UNION ALL
                SELECT q.pid, MIN(q.k_cur), MIN(q.k_prev), MIN(q.k_ytd)
                FROM temp.rep_pairs q GROUP BY q.pid
            ) ev
            GROUP BY ev.pid
            """
        )
        self.execute(
            "CREATE TEMP TABLE rep_person (id TEXT PRIMARY KEY, sex TEXT, village_id TEXT, "
            "by INTEGER, bmd TEXT, mino INTEGER, dis INTEGER) WITHOUT ROWID"
        )
        self.execute(
            f"""
            INSERT INTO temp.rep_person
            SELECT p.id, p.sex, p.village_id,
                   CASE WHEN p.birth_date IS NOT NULL
                        THEN CAST(substr(p.birth_date, 1, 4) AS INTEGER) ELSE p.birth_year END,
                   COALESCE(substr(p.birth_date, 6, 5), ''),
                   {_MINORITY_SQL}, {_DISABILITY_SQL}
            FROM temp.rep_pk k JOIN person p ON p.id = k.pid
            """
        )

    def drop(self) -> None:
        for t in ("rep_pk", "rep_person", "rep_pairs", "rep_att", "rep_codes"):
            self.execute(f"DROP TABLE IF EXISTS temp.{t}")

    def execute(self, sql: str) -> None:
        self.s.execute(text(sql), self.params)

    # -- II. people and participations -----------------------------------------------------
    def participations(self) -> list[Any]:
        """(group, sex, band, village, minority, disability, cur, prev, ytd) of attendance.

        From temp.rep_att: a person's participations in a window share the age band of the
        window's first and last day, unless a 16th or 60th birthday falls between them; only
        those few are counted again event by event."""
        bands = [f"{_band_sql(f'x.a_{w}')} AS b_{w}" for w in _WINDOWS]
        crossing = " OR ".join(
            f"COALESCE({_band_sql(f'x.a_{w}')} <> {_band_sql(f'x.z_{w}')}, 0)" for w in _WINDOWS
        )
        grouped = self.rows(
            f"""
            SELECT x.tg AS tg, p.sex AS sex, {", ".join(bands)}, p.village_id AS village,
                   p.mino AS mino, p.dis AS dis, SUM(x.n_cur), SUM(x.n_prev), SUM(x.n_ytd)
            FROM temp.rep_att x JOIN temp.rep_person p ON p.id = x.pid
            WHERE NOT ({crossing})
            GROUP BY tg, sex, b_cur, b_prev, b_ytd, village, mino, dis
            """
        )
        out: list[Any] = []
        for tg, sex, b_cur, b_prev, b_ytd, village, mino, dis, *n in grouped:
            for i, band in enumerate((b_cur, b_prev, b_ytd)):
                if n[i]:
                    counts = [0, 0, 0]
                    counts[i] = int(n[i])
                    out.append((tg, sex, band, village, mino, dis, *counts))
        out += self.rows(
            f"""
            WITH cx AS MATERIALIZED (
                SELECT x.pid AS pid, x.tg AS tg
                FROM temp.rep_att x JOIN temp.rep_person p ON p.id = x.pid
                WHERE {crossing}
            )
            SELECT a.target_group AS tg, p.sex AS sex, {_band_sql("a.day")} AS band,
                   p.village_id AS village, p.mino AS mino, p.dis AS dis,
                   {self.sums("a.day")}
            FROM cx
            CROSS JOIN attendance a INDEXED BY ix_attendance_report
            JOIN class_session c ON c.id = a.session_id
            JOIN temp.rep_person p ON p.id = cx.pid
            WHERE a.person_id = cx.pid AND a.target_group = cx.tg
              AND a.deleted_at IS NULL AND c.deleted_at IS NULL
              AND a.day BETWEEN :lo AND :hi{self.commune("a")}
            GROUP BY tg, sex, band, village, mino, dis
            """
        )
        return out

    def people(self) -> list[Any]:
        """(window, group, sex, band, village, minority, disability, people): each person once
        per window, in the group and age band of their first event of the window."""
        return self.rows(
            f"""
            WITH pw AS (
                SELECT ws.w AS w, k.pid AS pid,
                       CASE ws.w WHEN 'cur' THEN k.k_cur WHEN 'prev' THEN k.k_prev
                                 ELSE k.k_ytd END AS k
                FROM temp.rep_pk k,
                     (SELECT 'cur' AS w UNION ALL SELECT 'prev' UNION ALL SELECT 'ytd') ws
            )
            SELECT pw.w AS w, substr(pw.k, 12) AS tg, p.sex AS sex,
                   {_band_sql("substr(pw.k, 1, 10)")} AS band, p.village_id AS village,
                   p.mino AS mino, p.dis AS dis, COUNT(*)
            FROM pw JOIN temp.rep_person p ON p.id = pw.pid
            WHERE pw.k IS NOT NULL
            GROUP BY w, tg, sex, band, village, mino, dis
            """
        )

    # -- III.-V. skills --------------------------------------------------------------------
    def per_skill(self) -> list[Any]:
        """(code, helped×3, independent×3, new independent×3, records×3) from the pairs."""
        cols = [f"SUM(r_{w} IS NOT NULL)" for w in _WINDOWS]
        cols += [f"SUM(r_{w} = {_INDEPENDENT})" for w in _WINDOWS]
        cols += [f"SUM({_in('first_ind', w)})" for w in _WINDOWS]
        cols += [f"SUM(n_{w})" for w in _WINDOWS]
        return self.rows(f"SELECT code, {', '.join(cols)} FROM temp.rep_pairs GROUP BY code")

    def skill_people(
        self, conditions: Mapping[str, str], group_of: Mapping[str, str]
    ) -> tuple[dict[str, Triple], dict[str, tuple[int, ...]]]:
        """One pass over the pairs, person by person (they are stored in that order, so no
        sorting): the distinct people meeting each named condition on a pair (with {w} for
        the window; `#` before the name counts pairs instead), and per skill group the people
        helped and the people at "independent" in each window. Each person's groups are
        gathered as a bit mask (SUM of DISTINCT single bits is their OR) and the masks
        counted; only the few hundred distinct masks come back."""
        groups = sorted(set(group_of.values()))
        if len(groups) > 62:  # one bit each in a 64-bit SQLite integer
            raise ValueError("more than 62 skill groups in the catalogue")
        self.execute(
            "CREATE TEMP TABLE rep_codes (code TEXT PRIMARY KEY, bit INTEGER) WITHOUT ROWID"
        )
        self.s.execute(
            text("INSERT INTO temp.rep_codes VALUES (:code, :bit)"),
            [{"code": c, "bit": 1 << groups.index(g)} for c, g in group_of.items()],
        )
        inner: list[str] = []
        outer: list[str] = []
        for i, (name, cond) in enumerate(conditions.items()):
            for w in _WINDOWS:
                c = cond.format(w=w)
                agg = "SUM" if name.startswith("#") else "MAX"
                inner.append(f"{agg}(CASE WHEN {c} THEN 1 ELSE 0 END) AS c{i}_{w}")
                outer.append(f"SUM(c{i}_{w})")
        masks = [f"SUM(DISTINCT CASE WHEN q.r_{w} IS NOT NULL THEN k.bit END)" for w in _WINDOWS]
        masks += [
            f"SUM(DISTINCT CASE WHEN q.r_{w} = {_INDEPENDENT} THEN k.bit END)" for w in _WINDOWS
        ]
        names = [f"m{j}" for j in range(len(masks))]
        rows = self.rows(
            f"""
            SELECT {", ".join(names)}, COUNT(*), {", ".join(outer)}
            FROM (
                SELECT {", ".join(f"{m} AS {n}" for m, n in zip(masks, names, strict=True))},
                       {", ".join(inner)}
                FROM temp.rep_pairs q JOIN temp.rep_codes k ON k.code = q.code
                GROUP BY q.pid
            )
            GROUP BY {", ".join(names)}
            """
        )
        totals = [0] * len(outer)
        per_group = {g: [0] * len(masks) for g in groups}
        for row in rows:
            n = int(row[len(names)])
            for j, v in enumerate(row[len(names) + 1 :]):
                totals[j] += int(v or 0)
            for j, mask in enumerate(row[: len(names)]):
                for b, g in enumerate(groups):
                    if mask and int(mask) >> b & 1:
                        per_group[g][j] += n
        figures = {
            name.lstrip("#"): _triple(totals[3 * i : 3 * i + 3])
            for i, name in enumerate(conditions)
        }
        return figures, {g: tuple(v) for g, v in per_group.items()}

    def distinct_people(self, conditions: Mapping[str, str], where: str = "1") -> dict[str, Triple]:
        """For each named condition on a pair (with {w} for the window), the distinct people
        of the pairs meeting it in each window; `#` before the name counts pairs instead.
        Only pairs matching `where` are read."""
        inner: list[str] = []
        outer: list[str] = []
        for i, (name, cond) in enumerate(conditions.items()):
            for w in _WINDOWS:
                c = cond.format(w=w)
                agg = "SUM" if name.startswith("#") else "MAX"
                inner.append(f"{agg}(CASE WHEN {c} THEN 1 ELSE 0 END) AS c{i}_{w}")
                outer.append(f"SUM(c{i}_{w})")
        (row,) = self.rows(
            f"SELECT {', '.join(outer)} FROM "
            f"(SELECT {', '.join(inner)} FROM temp.rep_pairs WHERE {where} GROUP BY pid)"
        )
        return {
            name.lstrip("#"): _triple(row[3 * i : 3 * i + 3]) for i, name in enumerate(conditions)
        }

    def identity_by_village(self) -> list[Any]:
        """(village, helped by cur end, by prev end, level 2 by cur end, by prev end, new level
        2 in cur) for people with a DD01/DD02 record, not known to be under 16 at cur end."""
        level2 = (
            f"MIN(CASE WHEN r.skill_code = {_lit(LEVEL2_CODE)} AND r.outcome = 'independent' "
            "THEN r.day END)"
        )
        codes = ", ".join(_lit(c) for c in VNEID_CODES)
        return self.rows(
            f"""
            SELECT p.village_id,
                   SUM(x.first_help <= :cur1), SUM(x.first_help <= :prev1),
                   SUM(x.level2 <= :cur1), SUM(x.level2 <= :prev1),
                   SUM({_in("x.level2", "cur")})
            FROM (
                SELECT r.person_id AS pid, MIN(r.day) AS first_help, {level2} AS level2
                FROM skill_record r INDEXED BY ix_skill_record_report
                WHERE r.deleted_at IS NULL AND r.skill_code IN ({codes})
                  AND r.day <= :hi{self.commune("r")}
                GROUP BY r.person_id
            ) x JOIN person p ON p.id = x.pid
            WHERE COALESCE({_age_sql(":cur1")} >= {ADULT_AGE}, 1)
            GROUP BY p.village_id
            """
        )


# -- names -----------------------------------------------------------------------------------


def _natural(name: str) -> tuple[Any, ...]:
    """Village and name order: accent-free, numbers by value ("Xóm 2" before "Xóm 10")."""
    parts = re.split(r"(\d+)", fold(name))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


@dataclass(frozen=True)
class _Names:
    programmes: list[tuple[str, str, str]]  # code, vi, en in catalogue order
    active_programmes: frozenset[str]
    groups: list[tuple[str, str, str]]
    skills: list[tuple[str, str, str, str, bool]]  # code, vi, en, group, active
    villages: list[tuple[str, str, int | None, bool]]  # id, name, adults, live
    team: dict[str, tuple[str, bool]]  # id -> (name, active and live)


def _names(s: Session, commune_code: str | None) -> _Names:
    progs = s.execute(
        select(Programme.code, Programme.name_vi, Programme.name_en, Programme.active).order_by(
            Programme.sort, Programme.code
        )
    ).all()
    groups = s.execute(
        select(SkillGroup.code, SkillGroup.name_vi, SkillGroup.name_en).order_by(
            SkillGroup.sort, SkillGroup.code
        )
    ).all()
    skills = s.execute(
        select(Skill.code, Skill.name_vi, Skill.name_en, Skill.group_code, Skill.active).order_by(
            Skill.sort, Skill.code
        )
    ).all()
    vq = select(Village.id, Village.name, Village.adult_population, Village.deleted_at)
    tq = select(TeamMember.id, TeamMember.full_name, TeamMember.active, TeamMember.deleted_at)
    if commune_code is not None:
        vq = vq.where(Village.commune_code == commune_code)
        tq = tq.where(TeamMember.commune_code == commune_code)
    villages = sorted(
        ((v.id, v.name, v.adult_population, v.deleted_at is None) for v in s.execute(vq)),
        key=lambda v: _natural(v[1]),
    )
    team = {t.id: (t.full_name, bool(t.active) and t.deleted_at is None) for t in s.execute(tq)}
    return _Names(
        programmes=[(c, vi, en) for c, vi, en, _a in progs],
        active_programmes=frozenset(c for c, _vi, _en, a in progs if a),
        groups=[(c, vi, en) for c, vi, en in groups],
        skills=[(c, vi, en, g, bool(a)) for c, vi, en, g, a in skills],
        villages=villages,
        team=team,
    )


# -- building tables -------------------------------------------------------------------------


class _Cols:
    """Column headers naming the actual periods ("Quý III/2026", "Quý II/2026", ...)."""

    def __init__(self, w: _Windows) -> None:
        self.w = w
        y = w.ytd.date_to.year
        self.ytd_vi = f"Lũy kế năm {y}" if w.ytd.date_from == date(y, 1, 1) else "Lũy kế"
        self.ytd_en = f"Year to date {y}"

    def compare(
        self, prefix: str = "", group: tuple[str, str] = ("", ""), change: bool = True
    ) -> tuple[Column, ...]:
        gv, ge = group
        cols = [
            Column(f"{prefix}cur", self.w.cur.short("vi"), self.w.cur.short("en"), "int", gv, ge),
            Column(
                f"{prefix}prev", self.w.prev.short("vi"), self.w.prev.short("en"), "int", gv, ge
            ),
        ]
        if change:
            cols.append(Column(f"{prefix}change", "Tăng, giảm", "Change", "change", gv, ge))
        cols.append(Column(f"{prefix}ytd", self.ytd_vi, self.ytd_en, "int", gv, ge))
        return tuple(cols)


def _cmp(t: Triple) -> tuple[Value, ...]:
    return (t[0], t[1], t[0] - t[1], t[2])


def _cmp2(a: Triple, b: Triple) -> tuple[Value, ...]:
    return _cmp(a) + _cmp(b)


def _ordered(
    counts: Mapping[str, Any],
    known: Iterable[tuple[str, str, str]],
    *,
    keep: Callable[[str], bool] = lambda _k: True,
) -> list[tuple[str, str, str]]:
    """Known categories in their order (those `keep` accepts, and any with counts), then
    unknown codes that have counts, labelled with their code."""
    out = [(k, vi, en) for k, vi, en in known if keep(k) or k in counts]
    seen = {k for k, _, _ in out}
    extra = sorted(k for k in counts if k not in seen)
    return out + [(k, k or UNKNOWN[0], k or UNKNOWN[1]) for k in extra]


def _vocab(vocab: Mapping[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [(k, vi, en) for k, (vi, en) in vocab.items()]


def _total_row(
    vi: str, en: str, values: tuple[Value, ...], key: str = "total", kind: str = "total"
) -> Row:
    return Row(key, vi, en, values, kind)


# Section I -------------------------------------------------------------------------------


def _sessions_tables(cols: _Cols, rows: list[Any], names: _Names) -> tuple[Table, ...]:
    by_format: dict[str, Triple] = defaultdict(lambda: _ZERO)
    by_prog: dict[str, Triple] = defaultdict(lambda: _ZERO)
    total = _ZERO
    for fmt, prog, _team, *vals in rows:
        t = _triple(vals)
        by_format[fmt or ""] = _add(by_format[fmt or ""], t)
        by_prog[prog or ""] = _add(by_prog[prog or ""], t)
        total = _add(total, t)
    c = cols.compare()
    fmt_rows = [
        Row(k, vi, en, _cmp(by_format.get(k, _ZERO)))
        for k, vi, en in _ordered(by_format, _vocab(FORMATS))
    ]
    prog_rows = [
        Row(k, vi, en, _cmp(by_prog.get(k, _ZERO)))
        for k, vi, en in _ordered(
            by_prog, names.programmes, keep=names.active_programmes.__contains__
        )
    ]
    tot = _total_row("Tổng số buổi", "All sessions", _cmp(total))
    note_vi = "Buổi đã tổ chức: trạng thái “Đã tổ chức”, không tính buổi dự kiến hoặc đã huỷ."
    note_en = "Held sessions: status “held”; planned and cancelled sessions are not counted."
    return (
        Table(
            "sessions.format",
            "1.1",
            "Số buổi đã tổ chức theo hình thức",
            "Sessions held by format",
            "Hình thức",
            "Format",
            c,
            (*fmt_rows, tot),
            note_vi,
            note_en,
            additive=True,
        ),
        Table(
            "sessions.programme",
            "1.2",
            "Số buổi đã tổ chức theo chương trình, mô hình",
            "Sessions held by programme",
            "Chương trình, mô hình",
            "Programme",
            c,
            (*prog_rows, tot),
            additive=True,
        ),
    )


# Section II ------------------------------------------------------------------------------


@dataclass
class _Cube:
    """People and participations counted per category of each breakdown."""

    people: dict[str, dict[str, Triple]] = field(default_factory=dict)
    parts: dict[str, dict[str, Triple]] = field(default_factory=dict)
    people_total: Triple = _ZERO
    parts_total: Triple = _ZERO

    def add(self, which: str, dims: Mapping[str, str], t: Triple) -> None:
        target = self.people if which == "people" else self.parts
        for dim, key in dims.items():
            d = target.setdefault(dim, {})
            d[key] = _add(d.get(key, _ZERO), t)


_DIMS = ("tg", "sex", "band", "village", "minority", "disability")


def _cube(people: list[Any], parts: list[Any]) -> _Cube:
    cube = _Cube()
    for tg, sex, band, village, mino, dis, *vals in parts:
        t = _triple(vals)
        dims = dict(
            zip(_DIMS, (tg or "", sex or "", band, village or "", str(mino), str(dis)), strict=True)
        )
        cube.add("parts", dims, t)
        cube.parts_total = _add(cube.parts_total, t)
    for w, tg, sex, band, village, mino, dis, n in people:
        i = _WINDOWS.index(w)
        t = (int(n) * (i == 0), int(n) * (i == 1), int(n) * (i == 2))
        dims = dict(
            zip(_DIMS, (tg or "", sex or "", band, village or "", str(mino), str(dis)), strict=True)
        )
        cube.add("people", dims, t)
        cube.people_total = _add(cube.people_total, t)
    return cube


def _people_tables(
    cols: _Cols, cube: _Cube, names: _Names, skill_records: Triple
) -> tuple[Table, ...]:
    double = cols.compare("people_", ("Số người được hỗ trợ", "People helped")) + cols.compare(
        "part_", ("Số lượt tham gia", "Participations")
    )
    single = cols.compare()

    def breakdown(dim: str, cats: list[tuple[str, str, str]]) -> list[Row]:
        pe, pa = cube.people.get(dim, {}), cube.parts.get(dim, {})
        return [
            Row(k, vi, en, _cmp2(pe.get(k, _ZERO), pa.get(k, _ZERO)))
            for k, vi, en in cats
            if k in pe or k in pa or not k.startswith("~")
        ]

    total = _total_row("Tổng số", "Total", _cmp2(cube.people_total, cube.parts_total))

    def cats(dim: str, known: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        present = {**cube.people.get(dim, {}), **cube.parts.get(dim, {})}
        out = [(k, vi, en) for k, vi, en in known]
        keys = {k for k, _, _ in out}
        for k in sorted(present):
            if k not in keys:
                vi, en = UNKNOWN if k == "" else (k, k)
                out.append((k, vi, en))
        return out

    sexes = [(k, vi, en) for k, (vi, en) in SEXES.items()]
    bands = [(k, vi, en) for k, (vi, en) in AGE_BANDS.items() if k != "unknown"]
    band_present = {**cube.people.get("band", {}), **cube.parts.get("band", {})}
    if "unknown" in band_present:
        bands.append(("unknown", *AGE_BANDS["unknown"]))
    village_cats: list[tuple[str, str, str]] = []
    v_present = {**cube.people.get("village", {}), **cube.parts.get("village", {})}
    for vid, name, _adults, live in names.villages:
        if live or vid in v_present:
            village_cats.append((vid, name, name))
    known_v = {v[0] for v in names.villages}
    for vid in sorted(k for k in v_present if k and k not in known_v):
        village_cats.append((vid, vid, vid))
    if "" in v_present:
        village_cats.append(("", *NO_VILLAGE))

    summary = Table(
        "people.summary",
        "2.1",
        "Tổng hợp người dân được hỗ trợ",
        "People helped: overview",
        "Chỉ tiêu",
        "Indicator",
        single,
        (
            Row(
                "people",
                "Số người được hỗ trợ (không trùng lặp)",
                "People helped (each counted once)",
                _cmp(cube.people_total),
            ),
            Row(
                "participations",
                "Số lượt tham gia buổi học, sinh hoạt, hướng dẫn tại nhà",
                "Participations in sessions and home visits",
                _cmp(cube.parts_total),
            ),
            Row(
                "skill_records",
                "Số lượt hướng dẫn kỹ năng được ghi nhận",
                "Skill records (a person helped with a skill)",
                _cmp(skill_records),
            ),
        ),
        "Người được hỗ trợ: có điểm danh hoặc có ghi nhận kỹ năng trong kỳ.",
        "People helped: checked in or with a skill record in the period.",
    )
    note_first_vi = (
        "Mỗi người tính một lần, theo nhóm đối tượng và độ tuổi ở lần tham gia đầu tiên trong kỳ; "
        "mỗi lượt tham gia tính theo nhóm và độ tuổi tại ngày đó."
    )
    note_first_en = (
        "Each person counts once, in the target group and age band of their first event in the "
        "period; each participation in the group and age band on its day."
    )
    inclusion_rows = []
    for dim, key, vi, en in (
        ("minority", "minority", "Người dân tộc thiểu số", "Ethnic minority people"),
        ("disability", "disability", "Người khuyết tật", "People with disabilities"),
    ):
        pe, pa = cube.people.get(dim, {}), cube.parts.get(dim, {})
        inclusion_rows.append(Row(key, vi, en, _cmp2(pe.get("1", _ZERO), pa.get("1", _ZERO))))
    return (
        summary,
        Table(
            "people.target_group",
            "2.2",
            "Theo nhóm đối tượng",
            "By target group",
            "Nhóm đối tượng",
            "Target group",
            double,
            (*breakdown("tg", cats("tg", _vocab(TARGET_GROUPS))), total),
            note_first_vi,
            note_first_en,
            additive=True,
        ),
        Table(
            "people.sex",
            "2.3",
            "Theo giới tính",
            "By sex",
            "Giới tính",
            "Sex",
            double,
            (*breakdown("sex", cats("sex", sexes)), total),
            additive=True,
        ),
        Table(
            "people.age",
            "2.4",
            "Theo độ tuổi",
            "By age band",
            "Độ tuổi",
            "Age band",
            double,
            (*breakdown("band", bands), total),
            "Tuổi tính theo ngày sinh; khi chỉ có năm sinh: năm diễn ra trừ năm sinh.",
            "Age from the birth date; with only a birth year, the event's year minus it.",
            additive=True,
        ),
        Table(
            "people.village",
            "2.5",
            "Theo thôn, xóm, tổ dân phố",
            "By village",
            "Thôn, xóm, tổ dân phố",
            "Village",
            double,
            (*breakdown("village", village_cats), total),
            "Theo nơi ở đang ghi trong hồ sơ.",
            "By the village recorded in each person's record now.",
            additive=True,
        ),
        Table(
            "people.inclusion",
            "2.6",
            "Người dân tộc thiểu số, người khuyết tật",
            "Ethnic minority people and people with disabilities",
            "Nhóm",
            "Group",
            double,
            tuple(inclusion_rows),
            "Chỉ tính những người đã đồng ý cung cấp thông tin này (Nghị định 356/2025/NĐ-CP); "
            "số thực tế có thể cao hơn.",
            "Only people who consented to record this (Decree 356/2025); the real numbers may "
            "be higher.",
        ),
    )


# Sections III-V --------------------------------------------------------------------------


def _codes_condition(codes: Iterable[str], prefixes: Iterable[str]) -> str:
    codes, prefixes = sorted(set(codes)), sorted(set(prefixes))
    parts = [f"code IN ({', '.join(_lit(c) for c in codes)})"] if codes else []
    parts += [f"substr(code, 1, {len(p)}) = {_lit(p)}" for p in prefixes]
    return " OR ".join(parts) or "1"


def _measure_condition(m: SkillMeasure) -> str:
    codes = _codes_condition(m.codes, m.prefixes)
    if m.first_time:
        return f"({codes}) AND {_in('first_ind', '{w}')}"
    return f"({codes}) AND r_{{w}} >= {OUTCOME_RANK[m.min_outcome]}"


_CHANGE_CONDITIONS = {
    "helped": "r_{w} IS NOT NULL",
    "rose": "r_{w} > COALESCE(b_{w}, -1)",
    "rose_continuing": "b_{w} IS NOT NULL AND r_{w} > b_{w}",
    "independent": f"r_{{w}} = {_INDEPENDENT}",
    "new_independent": _in("first_ind", "{w}"),
    "#new_independent_pairs": _in("first_ind", "{w}"),
}


def _skill_tables(
    cols: _Cols,
    q: _Query,
    names: _Names,
) -> tuple[tuple[Table, ...], tuple[Table, ...], tuple[Table, ...], Triple]:
    """Sections III-V from temp.rep_pairs (built by `_Query.prepare`)."""
    per_skill = {r[0]: r[1:] for r in q.per_skill()}
    group_of = {code: group for code, _vi, _en, group, _a in names.skills}
    group_of.update({code: "" for code in per_skill if code not in group_of})
    figures, per_group = q.skill_people(_CHANGE_CONDITIONS, group_of)
    per_group = {g: v for g, v in per_group.items() if any(v) or g}
    measures = (*IDENTITY_MEASURES, *SERVICE_MEASURES)
    figures.update(
        q.distinct_people(
            {m.key: _measure_condition(m) for m in measures},
            _codes_condition(
                (c for m in measures for c in m.codes), (p for m in measures for p in m.prefixes)
            ),
        )
    )
    records = [sum(int(v[9 + i] or 0) for v in per_skill.values()) for i in range(3)]
    skill_records = _triple(records)

    double = cols.compare("helped_", ("Số người được hướng dẫn", "People helped")) + cols.compare(
        "indep_", ("Số người tự làm được", "People who can do it alone")
    )

    group_rows = []
    for code, vi, en in _ordered(per_group, names.groups):
        v = per_group.get(code, (0,) * 6)
        group_rows.append(Row(code, vi, en, _cmp2(_triple(v[0:3]), _triple(v[3:6]))))
    group_rows.append(
        _total_row(
            "Tổng số người (không trùng lặp)",
            "All people (each counted once)",
            _cmp2(figures["helped"], figures["independent"]),
        )
    )
    skill_rows = []
    skill_group = {c: g for c, _, _, g, _ in names.skills}
    for code, vi, en, _g, active in names.skills:
        if not active and code not in per_skill:
            continue
        v = per_skill.get(code, (0,) * 9)
        skill_rows.append(
            Row(code, f"{code} – {vi}", f"{code} – {en}", _cmp2(_triple(v[0:3]), _triple(v[3:6])))
        )
    for code in sorted(c for c in per_skill if c not in skill_group):
        v = per_skill[code]
        skill_rows.append(Row(code, code, code, _cmp2(_triple(v[0:3]), _triple(v[3:6]))))

    change_rows = (
        Row(
            "helped",
            "Người được hướng dẫn kỹ năng số",
            "People helped with digital skills",
            _cmp(figures["helped"]),
        ),
        Row(
            "rose",
            "Người có mức kỹ năng tăng lên (ít nhất một kỹ năng)",
            "People whose best outcome rose (at least one skill)",
            _cmp(figures["rose"]),
        ),
        Row(
            "rose_continuing",
            "trong đó: tiến bộ ở kỹ năng đã được hướng dẫn từ kỳ trước",
            "of whom: progressed in a skill begun before the period",
            _cmp(figures["rose_continuing"]),
            "sub",
        ),
        Row(
            "independent",
            "Người tự làm được ít nhất một kỹ năng",
            "People who can do at least one skill alone",
            _cmp(figures["independent"]),
        ),
        Row(
            "new_independent",
            "trong đó: lần đầu tự làm được (ít nhất một kỹ năng)",
            "of whom: could do a skill alone for the first time",
            _cmp(figures["new_independent"]),
            "sub",
        ),
        Row(
            "new_independent_pairs",
            "Số lượt kỹ năng lần đầu tự làm được",
            "Skills newly mastered (person × skill)",
            _cmp(figures["new_independent_pairs"]),
        ),
    )
    skills = (
        Table(
            "skills.change",
            "3.1",
            "Thay đổi năng lực số của người dân",
            "Change in citizens' digital competence",
            "Chỉ tiêu",
            "Indicator",
            cols.compare(),
            change_rows,
            "Mức độ: Đã được giới thiệu < Đã thực hành có hỗ trợ < Tự làm được. Mức tăng lên: "
            "mức cao nhất cuối kỳ cao hơn đầu kỳ (chưa được hướng dẫn tính là thấp nhất).",
            "Outcomes: introduced < practised with help < can do it alone. Rose: the best "
            "outcome at the end is above that at the start (no record counts lowest).",
        ),
        Table(
            "skills.group",
            "3.2",
            "Theo nhóm kỹ năng",
            "By skill group",
            "Nhóm kỹ năng",
            "Skill group",
            double,
            tuple(group_rows),
            "Một người được hướng dẫn nhiều nhóm kỹ năng được tính ở mỗi nhóm.",
            "A person helped in several groups counts in each.",
        ),
        Table(
            "skills.skill",
            "3.3",
            "Theo từng kỹ năng",
            "By skill",
            "Kỹ năng",
            "Skill",
            double,
            tuple(skill_rows),
        ),
    )
    identity = tuple(
        Row(m.key, m.vi, m.en, _cmp(figures[m.key]), "sub" if m.sub else "item")
        for m in IDENTITY_MEASURES
    )
    services = tuple(
        Row(m.key, m.vi, m.en, _cmp(figures[m.key]), "sub" if m.sub else "item")
        for m in SERVICE_MEASURES
    )
    id_table = Table(
        "identity.summary",
        "4.1",
        "Hỗ trợ định danh điện tử (VNeID)",
        "Help with the electronic identity (VNeID)",
        "Chỉ tiêu",
        "Indicator",
        cols.compare(),
        identity,
    )
    svc_table = Table(
        "services.summary",
        "5.1",
        "Dịch vụ công trực tuyến, thanh toán không dùng tiền mặt, y tế số",
        "Online public services, cashless payment, digital health",
        "Chỉ tiêu",
        "Indicator",
        cols.compare(),
        services,
        "Từ mức thực hành có hỗ trợ: người dân đã tự thao tác thành công với sự hỗ trợ "
        "(tài khoản đã mở, mã QR đã tạo, sổ đã kích hoạt).",
        "Practised with help or better: the person did it successfully with help (account "
        "opened, QR made, book activated).",
    )
    return skills, (id_table,), (svc_table,), skill_records


def _share(n: int, of: int | None) -> float | None:
    return None if not of else n / of


def _village_identity_table(cols: _Cols, rows: list[Any], names: _Names) -> Table:
    data = {(r[0] or ""): tuple(int(x or 0) for x in r[1:]) for r in rows}
    cur_end = _fmt_day(cols.w.cur.date_to)
    prev_end = _fmt_day(cols.w.prev.date_to)
    cur_g = (f"Lũy kế đến {cur_end}", f"Cumulative to {cur_end}")
    columns = (
        Column("adults", "Dân số từ 16 tuổi", "Population aged 16+"),
        Column("helped", "Được hướng dẫn VNeID", "Helped with VNeID", "int", *cur_g),
        Column("helped_share", "Tỷ lệ", "Share", "share", *cur_g),
        Column("level2", "Tự kích hoạt mức 2", "Level 2 on their own", "int", *cur_g),
        Column("level2_share", "Tỷ lệ", "Share", "share", *cur_g),
        Column(
            "level2_share_prev", "Tỷ lệ mức 2 cuối kỳ trước", "Level-2 share a period ago", "share"
        ),
        Column("level2_new", "Mới đạt mức 2 trong kỳ", "New at level 2 in the period"),
    )
    out: list[Row] = []
    tot = [0, 0, 0, 0, 0]
    pop_total = 0
    with_pop = [0, 0, 0]  # helped, level2, level2 at prev end, in villages with a population
    seen: set[str] = set()
    for vid, name, adults, live in names.villages:
        d = data.get(vid)
        if not live and d is None:
            continue
        seen.add(vid)
        helped, _helped_prev, level2, level2_prev, new = d or (0, 0, 0, 0, 0)
        out.append(
            Row(
                vid,
                name,
                name,
                (
                    adults,
                    helped,
                    _share(helped, adults),
                    level2,
                    _share(level2, adults),
                    _share(level2_prev, adults),
                    new,
                ),
            )
        )
        if adults:
            pop_total += adults
            with_pop = [with_pop[0] + helped, with_pop[1] + level2, with_pop[2] + level2_prev]
    for vid in sorted(k for k in data if k not in seen):
        helped, _hp, level2, level2_prev, new = data[vid]
        vi, en = NO_VILLAGE if vid == "" else (vid, vid)
        out.append(Row(vid, vi, en, (None, helped, None, level2, None, None, new)))
    for r in out:
        for i, j in enumerate((1, 3, 6)):
            tot[i] += int(r.values[j] or 0)
    out.append(
        _total_row(
            "Toàn xã",
            "Whole commune",
            (
                pop_total or None,
                tot[0],
                _share(with_pop[0], pop_total),
                tot[1],
                _share(with_pop[1], pop_total),
                _share(with_pop[2], pop_total),
                tot[2],
            ),
        )
    )
    return Table(
        "identity.village",
        "4.2",
        "Tiến độ “Mỗi công dân - Một danh tính số” theo thôn, xóm",
        "“One citizen - one digital identity” progress by village",
        "Thôn, xóm, tổ dân phố",
        "Village",
        columns,
        tuple(out),
        f"Lũy kế từ khi bắt đầu ghi nhận; kỳ trước: đến {prev_end}. Tính người từ 16 tuổi trở lên "
        "(và người chưa rõ tuổi). "
        "Tỷ lệ so với dân số từ 16 tuổi đã nhập cho thôn, xóm; dòng toàn xã chỉ tính các thôn, "
        "xóm đã nhập dân số. Ô trống: chưa nhập dân số.",
        f"Cumulative since records began; a period ago: to {prev_end}. People aged 16 or over "
        "(or of unknown age). Shares "
        "are of the population aged 16+ entered for the village; the commune line uses only "
        "villages with a population. Blank: population not entered.",
        additive=True,
    )


# Section VI ------------------------------------------------------------------------------


def _team_tables(
    cols: _Cols, rows: list[Any], sessions: list[Any], names: _Names
) -> tuple[Table, Table]:
    by_member: dict[str, tuple[Triple, Triple]] = {}
    for member, *vals in rows:
        by_member[str(member)] = (_triple(vals[0:3]), _triple(vals[3:6]))
    with_team = _ZERO
    for _fmt, _prog, has_team, *vals in sessions:
        if has_team:
            with_team = _add(with_team, _triple(vals))

    def each(fn: Callable[[int], int]) -> Triple:
        return (fn(0), fn(1), fn(2))

    active = each(lambda i: sum(1 for s, _m in by_member.values() if s[i] > 0))
    member_sessions = each(lambda i: sum(s[i] for s, _m in by_member.values()))
    minutes = each(lambda i: sum(m[i] for _s, m in by_member.values()))
    hours = tuple(m / 60 for m in minutes)

    def per(a: Sequence[float], b: Sequence[int]) -> tuple[float | None, ...]:
        return tuple(None if not b[i] else a[i] / b[i] for i in range(3))

    def cmpf(t: Sequence[float | None]) -> tuple[Value, ...]:
        change = None if t[0] is None or t[1] is None else t[0] - t[1]
        return (t[0], t[1], change, t[2])

    summary_rows = (
        Row(
            "members_active",
            "Thành viên Tổ tham gia hướng dẫn (ít nhất một buổi)",
            "Team members who helped (at least one session)",
            _cmp(active),
        ),
        Row(
            "sessions_with_team",
            "Số buổi có thành viên Tổ tham gia",
            "Sessions with team members",
            _cmp(with_team),
        ),
        Row(
            "member_sessions",
            "Số lượt thành viên tham gia các buổi",
            "Member attendances at sessions",
            _cmp(member_sessions),
        ),
        Row(
            "hours",
            "Tổng số giờ hướng dẫn của các thành viên (giờ)",
            "Hours of help by members (member-hours)",
            cmpf(hours),
            unit="hours",
        ),
        Row(
            "sessions_per_member",
            "Số buổi bình quân mỗi thành viên tham gia",
            "Sessions per active member",
            cmpf(per(member_sessions, active)),
            unit="ratio",
        ),
        Row(
            "hours_per_member",
            "Số giờ bình quân mỗi thành viên tham gia",
            "Hours per active member",
            cmpf(per(hours, active)),
            unit="hours",
        ),
    )
    summary = Table(
        "team.summary",
        "6.1",
        "Hoạt động của Tổ công nghệ số cộng đồng",
        "Activity of the community digital technology team",
        "Chỉ tiêu",
        "Indicator",
        cols.compare(),
        summary_rows,
        "Theo các buổi đã tổ chức có ghi tên thành viên Tổ; số giờ tính từ giờ bắt đầu đến giờ "
        "kết thúc của buổi.",
        "From held sessions naming team members; hours from each session's start to its end.",
    )

    member_cols = (
        Column("sessions_cur", "Số buổi", "Sessions", "int", *_grp(cols.w.cur)),
        Column("hours_cur", "Số giờ", "Hours", "hours", *_grp(cols.w.cur)),
        Column("sessions_prev", "Số buổi", "Sessions", "int", *_grp(cols.w.prev)),
        Column("hours_prev", "Số giờ", "Hours", "hours", *_grp(cols.w.prev)),
        Column("sessions_ytd", "Số buổi", "Sessions", "int", cols.ytd_vi, cols.ytd_en),
        Column("hours_ytd", "Số giờ", "Hours", "hours", cols.ytd_vi, cols.ytd_en),
    )
    ids = set(by_member) | {k for k, (_n, live) in names.team.items() if live}
    ordered = sorted(ids, key=lambda k: (sort_key(names.team.get(k, ("~", False))[0]), k))
    member_rows = []
    tot_s, tot_m = [0, 0, 0], [0, 0, 0]
    for mid in ordered:
        s, m = by_member.get(mid, (_ZERO, _ZERO))
        name = names.team.get(mid, ("", False))[0] or UNKNOWN[0]
        cells: list[Value] = []
        for i in range(3):
            cells += [s[i], m[i] / 60]
            tot_s[i] += s[i]
            tot_m[i] += m[i]
        member_rows.append(Row(mid, name, name, tuple(cells)))
    tot_vals: list[Value] = []
    for i in range(3):
        tot_vals += [tot_s[i], tot_m[i] / 60]
    member_rows.append(_total_row("Cộng", "Total", tuple(tot_vals)))
    members = Table(
        "team.member",
        "6.2",
        "Số buổi, số giờ theo từng thành viên",
        "Sessions and hours per member",
        "Thành viên",
        "Member",
        member_cols,
        tuple(member_rows),
        "Mỗi buổi tính cho từng thành viên tham gia; cột cộng là tổng lượt và giờ-người.",
        "Each session counts for every member in it; the total is member-sessions and "
        "member-hours.",
        additive=True,
    )
    return summary, members


def _grp(p: Period) -> tuple[str, str]:
    return p.short("vi"), p.short("en")


# -- the report ------------------------------------------------------------------------------


def _commune(s: Session, commune_code: str | None) -> tuple[str, str, str]:
    code = commune_code
    if code is None:
        setting = s.get(Setting, "commune_code")
        code = setting.value if setting else ""
    c = s.get(Commune, code) if code else None
    return code, (c.name if c else code), (c.province_name if c else "")


def compute_report(
    s: Session,
    period: Period,
    *,
    compare_to: Period | None = None,
    commune_code: str | None = None,
) -> CommuneReport:
    """Every indicator for `period`, against `compare_to` (default: the period before) and the
    year to date (1 January of the period's last year to its last day). `commune_code` limits
    the events to one commune (a database normally holds one)."""
    prev = compare_to or period.previous()
    ytd = Period.year_to_date(period.date_to)
    w = _Windows(period, prev, ytd)
    q = _Query(s, w, commune_code)
    cols = _Cols(w)
    names = _names(s, commune_code)
    code, name, province = _commune(s, commune_code)

    sessions = q.sessions()
    q.prepare()
    try:
        skills, identity, services, skill_records = _skill_tables(cols, q, names)
        cube = _cube(q.people(), q.participations())
    finally:
        q.drop()
    people = _people_tables(cols, cube, names, skill_records)
    village = _village_identity_table(cols, q.identity_by_village(), names)
    team = _team_tables(cols, q.team(), sessions, names)
    team_size = sum(1 for _n, live in names.team.values() if live)

    sections = (
        Section(
            "I",
            "Tổ chức các buổi học, sinh hoạt, hướng dẫn",
            "Sessions held",
            _sessions_tables(cols, sessions, names),
        ),
        Section("II", "Người dân được hỗ trợ", "People helped", people),
        Section(
            "III", "Kỹ năng số và thay đổi năng lực số", "Digital skills and their change", skills
        ),
        Section("IV", "Định danh điện tử", "Digital identity", (*identity, village)),
        Section(
            "V",
            "Dịch vụ công trực tuyến, thanh toán số, y tế số",
            "Online public services, digital payment, digital health",
            services,
        ),
        Section(
            "VI",
            "Hoạt động của Tổ công nghệ số cộng đồng",
            "Community digital technology team",
            team,
        ),
    )
    return CommuneReport(
        commune_code=code,
        commune_name=name,
        province_name=province,
        period=period,
        previous=prev,
        year_to_date=ytd,
        generated_at=now(),
        team_size=team_size,
        sections=sections,
    )


# -- showing values --------------------------------------------------------------------------


def _group_digits(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def format_value(value: Value, kind: str, lang: str = "vi") -> str:
    """A cell as text: counts with thousands separators (1.234 in Vietnamese), changes with a
    sign, hours and averages with one decimal, shares as percentages; None is blank."""
    if value is None:
        return ""
    vi = not lang.startswith("en")
    sep, dec = (".", ",") if vi else (",", ".")
    signed = kind.startswith("change")
    base = "int" if kind == "change" else kind.removeprefix("change_")
    if base == "share":
        text = f"{value * 100:.1f}".replace(".", dec) + "%"
    elif base in ("hours", "ratio"):
        whole, frac = f"{abs(value):.1f}".split(".")
        text = _group_digits(int(whole), sep) + dec + frac
        text = ("-" if value < 0 and text.strip("0" + dec) else "") + text
    else:
        text = _group_digits(int(value), sep)
    if signed and value > 0:
        text = "+" + text
    return text
