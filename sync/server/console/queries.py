"""The province console's figures, read from the summary tables that ingest keeps exact
(`sync.server.summary`), never by scanning the records: a dashboard page costs the same at
20 million records as at 20 thousand.

Definitions (the same in the dashboard, the commune page and the quarterly report):
- sessions held: live `session` records with status `held`, counted on their day;
- people reached: distinct people with a live attendance or skill record in the period;
- skills mastered: distinct (person, skill) pairs with outcome `independent` in the period;
- VNeID level 2: distinct people with skill DD02 at outcome `independent` in the period, and
  cumulatively up to the period's end (against the adult population the commune entered for
  its villages).
"Live" means not deleted (no tombstone) and not waiting in the backlog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, distinct, func, select, union

from sync.server.communes import commune_name, province_communes
from sync.server.db import read_tx
from sync.server.models import (
    device,
    enrol_code,
    record,
    rejection,
    summary_count,
    summary_day,
    summary_person,
)

VNEID_SKILL = "DD02"
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")


@dataclass(frozen=True)
class Period:
    label: str
    start: str  # YYYY-MM-DD, inclusive
    end: str  # YYYY-MM-DD, inclusive
    quarters: tuple[str, ...] = ()  # the quarters it covers ('2026-Q1', ...)


def parse_quarter(text: str) -> tuple[Period, Period] | None:
    """'2026-Q3' -> (the quarter, the year to the quarter's end); None when malformed."""
    m = _QUARTER.match(text or "")
    if not m:
        return None
    year, q = int(m.group(1)), int(m.group(2))
    if not 2000 <= year <= 2100:
        return None
    first = date(year, 3 * q - 2, 1)
    last_month = 3 * q
    end = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    end_s = date.fromordinal(end.toordinal() - 1).isoformat()
    return (
        Period(f"{year}-Q{q}", first.isoformat(), end_s, (f"{year}-Q{q}",)),
        Period(
            f"{year} (1/1–{end_s[8:]}/{end_s[5:7]})",
            f"{year}-01-01",
            end_s,
            tuple(f"{year}-Q{i}" for i in range(1, q + 1)),
        ),
    )


def previous_quarter(label: str) -> str:
    year, q = int(label[:4]), int(label[-1])
    return f"{year - 1}-Q4" if q == 1 else f"{year}-Q{q - 1}"


def current_quarter(today: date | None = None) -> str:
    d = today or date.today()
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


@dataclass
class Figures:
    sessions: int = 0
    people: int = 0
    mastered: int = 0
    vneid: int = 0  # DD02 independent in the period
    vneid_total: int = 0  # ... cumulatively up to the period's end
    adults: int | None = None  # adult population entered for the commune's villages
    participations: int = 0

    @property
    def coverage(self) -> float | None:
        """Share of the adult population with VNeID level 2 done on their own (0..1)."""
        if not self.adults:
            return None
        return self.vneid_total / self.adults


@dataclass
class CommuneRow:
    code: str
    name: str = ""
    figures: Figures = field(default_factory=Figures)
    last_sync_at: datetime | None = None
    devices: int = 0
    quarantined: int = 0
    backlog: int = 0


def figures(conn: Connection, period: Period, *, commune: str | None = None) -> dict[str, Figures]:
    """commune -> Figures for a quarter (or year-to-date) period."""
    out: dict[str, Figures] = {}
    sp, sd = summary_person.c, summary_day.c

    def slot(code: Any) -> Figures:
        return out.setdefault(str(code), Figures())

    def scoped(cond: list[Any], col: Any) -> list[Any]:
        return [*cond, col == commune] if commune is not None else cond

    for code, n in conn.execute(
        select(sd.commune_code, func.sum(sd.n))
        .where(
            *scoped(
                [
                    sd.metric == "sessions",
                    sd.dim.like("format:%"),
                    sd.day.between(period.start, period.end),
                ],
                sd.commune_code,
            )
        )
        .group_by(sd.commune_code)
    ):
        slot(code).sessions = int(n)
    for code, n in conn.execute(
        select(sd.commune_code, func.sum(sd.n))
        .where(
            *scoped(
                [sd.metric == "attendance", sd.day.between(period.start, period.end)],
                sd.commune_code,
            )
        )
        .group_by(sd.commune_code)
    ):
        slot(code).participations = int(n)
    quarters = list(period.quarters)

    sc = summary_count.c

    def distinct_people(kind: str, key: str | None, attr: str) -> None:
        if len(quarters) == 1:
            # One quarter: the kept counts (one row per commune and key), no row counting.
            cond = scoped([sc.kind == kind, sc.quarter == quarters[0]], sc.commune_code)
            if key is not None:
                cond.append(sc.key == key)
            stmt = select(sc.commune_code, func.sum(sc.people)).where(*cond)
            stmt = stmt.group_by(sc.commune_code)
        else:
            cond = scoped([sp.kind == kind, sp.quarter.in_(quarters)], sp.commune_code)
            if key is not None:
                cond.append(sp.key == key)
            who = (
                sp.person_id if kind == "reach" or key else sp.person_id.concat(" ").concat(sp.key)
            )
            stmt = select(sp.commune_code, func.count(distinct(who))).where(*cond)
            stmt = stmt.group_by(sp.commune_code)
        for code, n in conn.execute(stmt):
            setattr(slot(code), attr, int(n or 0))

    distinct_people("reach", "", "people")
    distinct_people("indep", None, "mastered")
    distinct_people("indep", VNEID_SKILL, "vneid")
    # Cumulative VNeID level 2: people counted at their first quarter, up to this one.
    for code, n in conn.execute(
        select(sc.commune_code, func.sum(sc.people))
        .where(
            *scoped(
                [sc.kind == "first_indep", sc.key == VNEID_SKILL, sc.quarter <= quarters[-1]],
                sc.commune_code,
            )
        )
        .group_by(sc.commune_code)
    ):
        slot(code).vneid_total = int(n or 0)
    for code, n in conn.execute(
        select(sd.commune_code, func.sum(sd.n))
        .where(*scoped([sd.metric == "adults", sd.day == ""], sd.commune_code))
        .group_by(sd.commune_code)
    ):
        slot(code).adults = int(n)
    return out


def quarters_with_data(engine: Engine, today: date | None = None) -> list[str]:
    """Quarters that hold any counted person, and the current one; latest first."""
    with read_tx(engine) as conn:
        found = {str(q) for q in conn.execute(select(summary_count.c.quarter).distinct()).scalars()}
    found.add(current_quarter(today))
    return sorted((q for q in found if parse_quarter(q) is not None), reverse=True)


def known_communes(conn: Connection) -> list[str]:
    """The province's communes, and any other commune with devices or enrolment codes (data
    only ever comes from an enrolled device)."""
    codes = {c.code for c in province_communes()}
    codes.update(
        str(c)
        for c in conn.execute(
            union(
                select(device.c.commune_code.label("c")),
                select(enrol_code.c.commune_code.label("c")),
            )
        ).scalars()
    )
    return sorted(codes)


def dashboard(engine: Engine, period: Period | None = None) -> list[CommuneRow]:
    """One row per commune of the province (and any other known one), sorted by code, with
    the figures of a quarter (the current one when none is given)."""
    if period is None:
        parsed = parse_quarter(current_quarter())
        assert parsed is not None
        period = parsed[0]
    rows: dict[str, CommuneRow] = {}

    def slot(code: str) -> CommuneRow:
        return rows.setdefault(code, CommuneRow(code, commune_name(code)))

    with read_tx(engine) as conn:
        for code in known_communes(conn):
            slot(code)
        for code, f in figures(conn, period).items():
            slot(code).figures = f
        for code, n in conn.execute(
            select(record.c.commune_code, func.count())
            .where(record.c.orphan)  # the partial index ix_record_backlog's very predicate
            .group_by(record.c.commune_code)
        ):
            slot(str(code)).backlog = int(n)
        for code, n in conn.execute(
            select(rejection.c.commune_code, func.count()).group_by(rejection.c.commune_code)
        ):
            slot(str(code)).quarantined = int(n)
        for code, last, n in conn.execute(
            select(device.c.commune_code, func.max(device.c.last_sync_at), func.count())
            .where(device.c.revoked_at.is_(None))
            .group_by(device.c.commune_code)
        ):
            s = slot(str(code))
            s.devices = int(n)
            s.last_sync_at = _aware(last)
        # Revoked devices still tell when the commune last synced.
        for code, last in conn.execute(
            select(device.c.commune_code, func.max(device.c.last_sync_at)).group_by(
                device.c.commune_code
            )
        ):
            s = slot(str(code))
            t = _aware(last)
            if t is not None and (s.last_sync_at is None or t > s.last_sync_at):
                s.last_sync_at = t
    return [rows[k] for k in sorted(rows)]


def _aware(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t


@dataclass(frozen=True)
class MonthRow:
    month: str  # YYYY-MM
    sessions: int
    participations: int
    skill_records: int


@dataclass(frozen=True)
class CommuneTrend:
    code: str
    name: str
    quarters: list[tuple[str, Figures]]  # oldest first
    months: list[MonthRow]  # oldest first


def commune_trend(engine: Engine, code: str) -> CommuneTrend:
    """A commune's figures quarter by quarter, and its monthly activity."""
    sp, sd = summary_person.c, summary_day.c
    with read_tx(engine) as conn:
        quarters = sorted(
            str(q)
            for q in conn.execute(
                select(sp.quarter).where(sp.commune_code == code).distinct()
            ).scalars()
        )
        months_q = {
            m[:4] + "-Q" + str((int(m[5:7]) + 2) // 3)
            for m in conn.execute(
                select(func.substr(sd.day, 1, 7))
                .where(sd.commune_code == code, sd.day != "")
                .distinct()
            ).scalars()
        }
        qrows: list[tuple[str, Figures]] = []
        for q in sorted(set(quarters) | months_q):
            parsed = parse_quarter(q)
            if parsed is None:
                continue
            qrows.append((q, figures(conn, parsed[0], commune=code).get(code, Figures())))
        by_month: dict[str, dict[str, int]] = {}
        month = func.substr(sd.day, 1, 7)
        dim_prefix_expr = func.substr(sd.dim, 1, 7)  # one object: PostgreSQL must see the
        # very same expression (and parameters) in SELECT and GROUP BY
        for m, metric, dim_prefix, n in conn.execute(
            select(month, sd.metric, dim_prefix_expr, func.sum(sd.n))
            .where(
                sd.commune_code == code,
                sd.day != "",
                sd.metric.in_(["sessions", "attendance", "skill_records"]),
            )
            .group_by(month, sd.metric, dim_prefix_expr)
        ):
            if metric == "sessions" and dim_prefix != "format:":
                continue
            by_month.setdefault(str(m), {})[str(metric)] = int(n)
    months = [
        MonthRow(
            m,
            v.get("sessions", 0),
            v.get("attendance", 0),
            v.get("skill_records", 0),
        )
        for m, v in sorted(by_month.items())
    ]
    return CommuneTrend(code, commune_name(code), qrows, months)
