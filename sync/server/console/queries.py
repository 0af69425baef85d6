"""Aggregates for the province console, computed from the server's own tables: the `record`
table keeps each record's envelope columns (commune, day, deleted_at, orphan) and its fields
as a JSON document, read here with dialect-aware JSON extraction (`json_extract` on SQLite,
`->>` on PostgreSQL, both rendered by SQLAlchemy's `as_string()`).

Definitions (the same in the dashboard, the commune page and the quarterly report):
- sessions held: live `session` records with status `held`, counted on their day;
- people reached: distinct people with a live attendance or skill record in the period;
- skills mastered: distinct (person, skill) pairs with outcome `independent`;
- VNeID activated: distinct people with skill DD02 (VNeID level 2) at outcome `independent`.
"Live" means not deleted (no tombstone) and not waiting in the backlog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    distinct,
    func,
    select,
    union,
)

from sync.server.db import read_tx
from sync.server.models import device, enrol_code, record, rejection

VNEID_SKILL = "DD02"
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Period:
    label: str
    start: str  # YYYY-MM-DD, inclusive
    end: str  # YYYY-MM-DD, inclusive


def parse_quarter(text: str) -> tuple[Period, Period] | None:
    """'2026-Q3' -> (the quarter, the year to the quarter's end); None when malformed."""
    m = _QUARTER.match(text.strip())
    if not m:
        return None
    year, q = int(m.group(1)), int(m.group(2))
    first = date(year, 3 * q - 2, 1)
    last_month = 3 * q
    end = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    end_s = date.fromordinal(end.toordinal() - 1).isoformat()
    return (
        Period(f"{year}-Q{q}", first.isoformat(), end_s),
        Period(f"{year} (1/1–{end_s[8:]}/{end_s[5:7]})", f"{year}-01-01", end_s),
    )


def current_quarter(today: date | None = None) -> str:
    d = today or date.today()
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


@dataclass
class Figures:
    sessions: int = 0
    people: int = 0
    mastered: int = 0
    vneid: int = 0


@dataclass
class CommuneRow:
    code: str
    figures: Figures = field(default_factory=Figures)
    last_sync_at: datetime | None = None
    devices: int = 0
    quarantined: int = 0
    backlog: int = 0


def _field(name: str) -> ColumnElement[str]:
    expr: ColumnElement[str] = record.c.data[name].as_string()
    return expr


def _live(entity: str, period: Period | None) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = [
        record.c.entity == entity,
        record.c.deleted_at.is_(None),
        record.c.orphan.is_(False),
    ]
    if period is not None:
        cond += [record.c.day >= period.start, record.c.day <= period.end]
    return cond


def _keys(by_month: bool) -> list[ColumnElement[Any]]:
    keys: list[ColumnElement[Any]] = [record.c.commune_code.label("commune")]
    if by_month:
        keys.append(func.substr(record.c.day, 1, 7).label("month"))
    return keys


def figures(
    conn: Connection,
    period: Period | None,
    *,
    commune: str | None = None,
    by_month: bool = False,
) -> dict[tuple[str, ...], Figures]:
    """(commune[, month]) -> Figures, over the period (None: all time)."""
    out: dict[tuple[str, ...], Figures] = {}

    def where(entity: str) -> list[ColumnElement[bool]]:
        cond = _live(entity, period)
        if commune is not None:
            cond.append(record.c.commune_code == commune)
        return cond

    def run(stmt: Select[Any], attr: str) -> None:
        for row in conn.execute(stmt):
            key = tuple(str(v) for v in row[:-1])
            setattr(out.setdefault(key, Figures()), attr, int(row[-1]))

    keys = _keys(by_month)
    run(
        select(*keys, func.count())
        .where(*where("session"), _field("status") == "held")
        .group_by(*keys),
        "sessions",
    )
    reached = union(
        select(*keys, _field("person_id").label("pid")).where(*where("attendance")),
        select(*keys, _field("person_id").label("pid")).where(*where("skill_record")),
    ).subquery()
    rkeys = [reached.c.commune] + ([reached.c.month] if by_month else [])
    run(select(*rkeys, func.count()).group_by(*rkeys), "people")
    independent = and_(*where("skill_record"), _field("outcome") == "independent")
    mastered = (
        select(*keys, _field("person_id").label("pid"), _field("skill_code").label("skill"))
        .where(independent)
        .distinct()
        .subquery()
    )
    mkeys = [mastered.c.commune] + ([mastered.c.month] if by_month else [])
    run(select(*mkeys, func.count()).group_by(*mkeys), "mastered")
    vkeys = keys
    run(
        select(*vkeys, func.count(distinct(_field("person_id"))))
        .where(independent, _field("skill_code") == VNEID_SKILL)
        .group_by(*vkeys),
        "vneid",
    )
    return out


def dashboard(engine: Engine, period: Period | None = None) -> list[CommuneRow]:
    """One row per commune known from records, devices or enrolment codes, sorted by code."""
    rows: dict[str, CommuneRow] = {}

    def slot(code: str) -> CommuneRow:
        return rows.setdefault(code, CommuneRow(code))

    with read_tx(engine) as conn:
        for code in conn.execute(
            union(
                select(record.c.commune_code.label("c")).distinct(),
                select(device.c.commune_code.label("c")),
                select(enrol_code.c.commune_code.label("c")),
            )
        ).scalars():
            slot(str(code))
        for key, f in figures(conn, period).items():
            slot(key[0]).figures = f
        for code, n in conn.execute(
            select(record.c.commune_code, func.count())
            .where(record.c.orphan.is_(True))
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


def commune_trend(engine: Engine, code: str) -> list[tuple[str, Figures]]:
    """(month YYYY-MM, figures) for one commune, oldest first."""
    with read_tx(engine) as conn:
        by = figures(conn, None, commune=code, by_month=True)
    return sorted(((k[1], f) for k, f in by.items()), key=lambda kv: kv[0])


def report_rows(
    engine: Engine, quarter: Period, ytd: Period
) -> tuple[list[str], dict[str, Figures], dict[str, Figures]]:
    """Communes, and their figures for the quarter and for the year to date."""
    with read_tx(engine) as conn:
        q = {k[0]: f for k, f in figures(conn, quarter).items()}
        y = {k[0]: f for k, f in figures(conn, ytd).items()}
    codes = sorted({r.code for r in dashboard(engine)} | set(q) | set(y))
    return codes, q, y
