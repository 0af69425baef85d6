"""Summary tables the province console reads instead of scanning every record.

Kept exact at ingest, in the same transaction as the records: every version of a record makes
a *contribution* (a set of keys, each with counts); storing a new version subtracts the old
version's contribution and adds the new one's. Four tables:

* `summary_person` — one row per (quarter, kind, commune, key, person) with `n` = the number of
  live records behind it (and `att` = how many of those are attendance). A row exists while
  n > 0, so *distinct people* are row counts:
    kind `reach` (key '')    attendance or skill record in the quarter (people helped);
    kind `skill` (key skill) a skill record of that skill in the quarter;
    kind `prac`  (key skill) ... at outcome "practised" or better;
    kind `indep` (key skill) ... at outcome "independent" (skills mastered, VNeID level 2).
* `summary_day` — summable counts per (commune, day, metric, dim): held sessions by
  `format:` and `programme:`, attendance by `tg:` (the event's target group), skill records by
  `outcome:`, and per team member (`member:<id>`) sessions led and minutes.
  Two "as it stands now" metrics have the empty day: `adults` per village (the adult
  population entered) and `members` per active team member.
* `summary_count` — the number of `summary_person` rows per (quarter, kind, commune, key):
  distinct people without counting rows, for the dashboard; and, for the pairs in
  FIRST_KEYS, kind `first_<kind>`: the people whose earliest such row is in that quarter, so
  that "so far" figures (VNeID level 2 up to a quarter's end) are sums too.
* `person_dim` — each person's current sex, birth, target group and, only with consent,
  ethnic-minority and disability flags, for breakdowns of the people counted above.

"Live" is the console's rule: not deleted (no tombstone) and not waiting in the backlog.
`rebuild()` recomputes all three from the `record` table with set-based SQL; the tests check
that it always equals what ingest keeps up incrementally.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from sync.server.models import person_dim, record, summary_count, summary_day, summary_person

OUTCOME_RANK = {"introduced": 1, "practised": 2, "independent": 3}
KINDS_FROM_RANK: tuple[tuple[int, str], ...] = ((1, "skill"), (2, "prac"), (3, "indep"))
# (kind, key) pairs whose people are also counted at their first quarter (kind "first_<kind>"
# in summary_count), so "so far" figures are sums: VNeID level 2 on one's own.
FIRST_KEYS = frozenset({("indep", "DD02")})
SUMMARY_ENTITIES = frozenset({"village", "team_member", "session", "attendance", "skill_record"})
_CHUNK = 900

PersonKey = tuple[str, str, str, str, str]  # quarter, kind, commune, key, person_id
DayKey = tuple[str, str, str, str]  # commune, day, metric, dim


def quarter_of(day: str) -> str:
    """'2026-08-14' -> '2026-Q3' (text that sorts in time order)."""
    return f"{day[:4]}-Q{(int(day[5:7]) + 2) // 3}"


def session_minutes(starts_at: Any, ends_at: Any) -> int:
    """Whole minutes between start and end, rounded; 0 without an end or when it is before."""
    if not isinstance(starts_at, str) or not isinstance(ends_at, str):
        return 0
    try:
        secs = (datetime.fromisoformat(ends_at) - datetime.fromisoformat(starts_at)).total_seconds()
    except (TypeError, ValueError):
        return 0
    return max(0, math.floor(secs / 60 + 0.5))


@dataclass
class Delta:
    """Pending changes of one batch, summed per key before they touch the database."""

    people: dict[PersonKey, list[int]] = field(default_factory=dict)
    days: dict[DayKey, int] = field(default_factory=dict)
    persons: dict[str, dict[str, Any]] = field(default_factory=dict)

    def person(self, key: PersonKey, sign: int, att: int) -> None:
        slot = self.people.setdefault(key, [0, 0])
        slot[0] += sign
        slot[1] += sign * att

    def day(self, key: DayKey, amount: int) -> None:
        self.days[key] = self.days.get(key, 0) + amount

    def add(self, row: Mapping[Any, Any], sign: int) -> None:
        """Add (+1) or take away (-1) the contribution of one stored record version."""
        entity = row["entity"]
        if entity == "person":
            if sign > 0:
                self.persons[str(row["id"])] = dim_row(row)
            return
        if entity not in SUMMARY_ENTITIES or row.get("deleted_at") or row.get("orphan"):
            return
        data = row["data"]
        commune = str(row["commune_code"])
        day = str(row["day"])
        if entity == "village":
            pop = data.get("adult_population")
            if isinstance(pop, int) and pop:
                self.day((commune, "", "adults", f"village:{row['id']}"), sign * pop)
            return
        if entity == "team_member":
            if data.get("active") is True:
                self.day((commune, "", "members", f"member:{row['id']}"), sign)
            return
        if entity == "session":
            if data.get("status") != "held":
                return
            self.day((commune, day, "sessions", f"format:{data.get('format')}"), sign)
            self.day((commune, day, "sessions", f"programme:{data.get('programme_code')}"), sign)
            minutes = session_minutes(data.get("starts_at"), data.get("ends_at"))
            for member in dict.fromkeys(data.get("team_member_ids") or ()):
                self.day((commune, day, "member_sessions", f"member:{member}"), sign)
                self.day((commune, day, "member_minutes", f"member:{member}"), sign * minutes)
            return
        q = quarter_of(day)
        pid = str(data.get("person_id"))
        if entity == "attendance":
            self.day((commune, day, "attendance", f"tg:{data.get('target_group')}"), sign)
            self.person((q, "reach", commune, "", pid), sign, 1)
            return
        # skill_record
        outcome = str(data.get("outcome"))
        skill = str(data.get("skill_code"))
        self.day((commune, day, "skill_records", f"outcome:{outcome}"), sign)
        self.person((q, "reach", commune, "", pid), sign, 0)
        rank = OUTCOME_RANK.get(outcome, 0)
        for need, kind in KINDS_FROM_RANK:
            if rank >= need:
                self.person((q, kind, commune, skill, pid), sign, 0)

    def clean(self) -> None:
        self.people = {k: v for k, v in self.people.items() if v != [0, 0]}
        self.days = {k: v for k, v in self.days.items() if v != 0}

    def __bool__(self) -> bool:
        return bool(self.people or self.days or self.persons)


def is_minority(data: Mapping[str, Any]) -> bool:
    eth = str(data.get("ethnicity") or "").strip(" ")
    return bool(data.get("consent_at")) and eth != "" and eth.lower() != "kinh"


def has_disability(data: Mapping[str, Any]) -> bool:
    return bool(data.get("consent_at")) and str(data.get("disability") or "").strip(" ") != ""


def dim_row(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The breakdown attributes of a person record as they are now."""
    data = row["data"]
    bd = data.get("birth_date")
    by = data.get("birth_year")
    if isinstance(bd, str) and len(bd) >= 10:
        year: int | None = int(bd[:4])
        md = bd[5:10]
    else:
        year = int(by) if isinstance(by, int) else None
        md = ""
    return {
        "person_id": str(row["id"]),
        "commune_code": str(row["commune_code"]),
        "sex": data.get("sex"),
        "birth_year": year,
        "birth_md": md,
        "target_group": data.get("target_group"),
        "minority": is_minority(data),
        "disability": has_disability(data),
    }


def _insert(conn: Connection) -> Any:
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _add(
    conn: Connection, table: Table, rows: list[dict[str, Any]], values: Sequence[str]
) -> list[int]:
    """Upsert adding `values` to the rows with the same primary key; returns the first value
    column as it is afterwards, in the order of `rows`.

    The values before are read first and the result worked out here: the caller holds the
    commune's write lock (`db.write_tx`), so nothing else changes these rows meanwhile, and
    the upsert itself can then go in multi-row statements (an upsert with RETURNING in
    parameter order would run row by row)."""
    pk = [c.name for c in table.primary_key.columns]
    first = values[0]
    before: dict[tuple[Any, ...], int] = {}
    for part in _chunks(rows, 400):
        # Each key column IN its values: a superset the primary key index serves well on both
        # databases (row-value IN lists plan badly on PostgreSQL); exact keys matched below.
        cond = [table.c[c].in_(sorted({r[c] for r in part})) for c in pk]
        for found in conn.execute(select(*(table.c[c] for c in pk), table.c[first]).where(*cond)):
            before[tuple(found[:-1])] = int(found[-1])
    stmt = _insert(conn)(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=pk, set_={v: table.c[v] + stmt.excluded[v] for v in values}
    )
    conn.execute(stmt, rows)
    return [before.get(tuple(r[c] for c in pk), 0) + int(r[first]) for r in rows]


def _drop_empty(conn: Connection, table: Table, rows: list[dict[str, Any]], value: str) -> None:
    """Delete these rows (by primary key) where `value` fell to zero."""
    if not rows:
        return
    pk = [c.name for c in table.primary_key.columns]
    conn.execute(
        delete(table).where(*(table.c[c] == bindparam(f"k_{c}") for c in pk), table.c[value] <= 0),
        [{f"k_{c}": r[c] for c in pk} for r in rows],
    )


def _first_quarters(
    conn: Connection, who: set[tuple[str, str, str, str]]
) -> dict[tuple[str, str, str, str], str]:
    """(kind, key, commune, person) -> the earliest quarter that person has a row of."""
    out: dict[tuple[str, str, str, str], str] = {}
    groups: dict[tuple[str, str, str], list[str]] = {}
    for kind, key, commune, pid in who:
        groups.setdefault((kind, key, commune), []).append(pid)
    sp = summary_person.c
    for (kind, key, commune), pids in sorted(groups.items()):
        for part in _chunks(sorted(pids)):
            for pid, first in conn.execute(
                select(sp.person_id, func.min(sp.quarter))
                .where(
                    sp.kind == kind,
                    sp.key == key,
                    sp.commune_code == commune,
                    sp.person_id.in_(part),
                )
                .group_by(sp.person_id)
            ):
                out[(kind, key, commune, str(pid))] = str(first)
    return out


def apply(conn: Connection, delta: Delta) -> None:
    """Write a batch's summed changes: add to the counts, drop rows that fell to zero, and keep
    `summary_count` in step with the `summary_person` rows that appeared or went."""
    delta.clean()
    if delta.people:
        rows: list[dict[str, Any]] = [
            dict(zip(("quarter", "kind", "commune_code", "key", "person_id"), k, strict=True))
            | {"n": v[0], "att": v[1]}
            for k, v in sorted(delta.people.items())
        ]
        firsts = {
            (r["kind"], r["key"], r["commune_code"], r["person_id"])
            for r in rows
            if (r["kind"], r["key"]) in FIRST_KEYS
        }
        first_before = _first_quarters(conn, firsts)
        after = _add(conn, summary_person, rows, ("n", "att"))
        counts: dict[tuple[str, str, str, str], int] = {}
        for r, new_n in zip(rows, after, strict=True):
            step = (new_n > 0) - (new_n - r["n"] > 0)
            if step:
                k = (r["quarter"], r["kind"], r["commune_code"], r["key"])
                counts[k] = counts.get(k, 0) + step
        _drop_empty(
            conn, summary_person, [r for r, n in zip(rows, after, strict=True) if n <= 0], "n"
        )
        # A person's first quarter at "independent" (for the cumulative counts) may move.
        first_after = _first_quarters(conn, firsts)
        for who in firsts:
            was, now = first_before.get(who), first_after.get(who)
            if was != now:
                kind, key, commune, _pid = who
                for q, step in ((was, -1), (now, +1)):
                    if q is not None:
                        k = (q, f"first_{kind}", commune, key)
                        counts[k] = counts.get(k, 0) + step
        crows = [
            dict(zip(("quarter", "kind", "commune_code", "key"), k, strict=True)) | {"people": v}
            for k, v in sorted(counts.items())
            if v
        ]
        if crows:
            left = _add(conn, summary_count, crows, ("people",))
            _drop_empty(
                conn,
                summary_count,
                [r for r, n in zip(crows, left, strict=True) if n <= 0],
                "people",
            )
    if delta.days:
        rows = [
            dict(zip(("commune_code", "day", "metric", "dim"), k, strict=True)) | {"n": v}
            for k, v in sorted(delta.days.items())
        ]
        after = _add(conn, summary_day, rows, ("n",))
        _drop_empty(conn, summary_day, [r for r, n in zip(rows, after, strict=True) if n <= 0], "n")
    if delta.persons:
        stmt = _insert(conn)(person_dim)
        cols = [c.name for c in person_dim.columns if c.name != "person_id"]
        stmt = stmt.on_conflict_do_update(
            index_elements=["person_id"], set_={c: stmt.excluded[c] for c in cols}
        )
        conn.execute(stmt, [delta.persons[k] for k in sorted(delta.persons)])


_LOAD_COLS = (
    record.c.id,
    record.c.entity,
    record.c.commune_code,
    record.c.day,
    record.c.deleted_at,
    record.c.orphan,
    record.c.data,
)


def add_stored(conn: Connection, delta: Delta, ids: Iterable[str], sign: int) -> None:
    """Add (or take away) the contribution of records as they are stored now."""
    wanted = sorted(set(ids))
    for part in _chunks(wanted):
        for row in conn.execute(
            select(*_LOAD_COLS).where(
                record.c.id.in_(part), record.c.entity.in_(sorted(SUMMARY_ENTITIES))
            )
        ).mappings():
            delta.add(row, sign)


# -- rebuild from the record table ----------------------------------------------------------


def _f(name: str) -> ColumnElement[str]:
    expr: ColumnElement[str] = record.c.data[name].as_string()
    return expr


def _quarter_sql() -> ColumnElement[str]:
    month = cast(func.substr(record.c.day, 6, 2), Integer)
    return func.substr(record.c.day, 1, 4).concat("-Q").concat(cast((month + 2) // 3, String))


def _live(*entities: str) -> ColumnElement[bool]:
    return and_(
        record.c.entity.in_(entities),
        record.c.deleted_at.is_(None),
        record.c.orphan.is_(False),
    )


def _rank_sql() -> ColumnElement[int]:
    return case(
        *((_f("outcome") == k, literal(v)) for k, v in OUTCOME_RANK.items()), else_=literal(0)
    )


def rebuild(conn: Connection, commune: str | None = None) -> None:
    """Recompute the summaries (of one commune, or of all) from the stored records."""
    scope: list[ColumnElement[bool]] = []
    if commune is not None:
        scope.append(record.c.commune_code == commune)
        conn.execute(delete(summary_person).where(summary_person.c.commune_code == commune))
        conn.execute(delete(summary_count).where(summary_count.c.commune_code == commune))
        conn.execute(delete(summary_day).where(summary_day.c.commune_code == commune))
        conn.execute(delete(person_dim).where(person_dim.c.commune_code == commune))
    else:
        conn.execute(delete(summary_person))
        conn.execute(delete(summary_count))
        conn.execute(delete(summary_day))
        conn.execute(delete(person_dim))

    q = _quarter_sql()
    pid = _f("person_id")
    reach = union_all(
        select(
            q.label("quarter"),
            record.c.commune_code.label("commune_code"),
            pid.label("person_id"),
            literal(1).label("att"),
        ).where(_live("attendance"), *scope),
        select(q, record.c.commune_code, pid, literal(0)).where(_live("skill_record"), *scope),
    ).subquery()
    conn.execute(
        summary_person.insert().from_select(
            ["quarter", "kind", "commune_code", "key", "person_id", "n", "att"],
            select(
                reach.c.quarter,
                literal("reach"),
                reach.c.commune_code,
                literal(""),
                reach.c.person_id,
                func.count(),
                func.sum(reach.c.att),
            ).group_by(reach.c.quarter, reach.c.commune_code, reach.c.person_id),
        )
    )
    rank = _rank_sql()
    for need, kind in KINDS_FROM_RANK:
        skill = _f("skill_code")
        conn.execute(
            summary_person.insert().from_select(
                ["quarter", "kind", "commune_code", "key", "person_id", "n", "att"],
                select(
                    q, literal(kind), record.c.commune_code, skill, pid, func.count(), literal(0)
                )
                .where(_live("skill_record"), rank >= need, *scope)
                .group_by(q, record.c.commune_code, skill, pid),
            )
        )

    sp = summary_person.c
    conn.execute(
        summary_count.insert().from_select(
            ["quarter", "kind", "commune_code", "key", "people"],
            select(sp.quarter, sp.kind, sp.commune_code, sp.key, func.count())
            .where(*([sp.commune_code == commune] if commune is not None else []))
            .group_by(sp.quarter, sp.kind, sp.commune_code, sp.key),
        )
    )
    for kind, key in sorted(FIRST_KEYS):
        first = (
            select(
                sp.commune_code.label("commune_code"),
                func.min(sp.quarter).label("quarter"),
            )
            .where(
                sp.kind == kind,
                sp.key == key,
                *([sp.commune_code == commune] if commune is not None else []),
            )
            .group_by(sp.commune_code, sp.person_id)
            .subquery()
        )
        conn.execute(
            summary_count.insert().from_select(
                ["quarter", "kind", "commune_code", "key", "people"],
                select(
                    first.c.quarter,
                    literal(f"first_{kind}"),
                    first.c.commune_code,
                    literal(key),
                    func.count(),
                ).group_by(first.c.quarter, first.c.commune_code),
            )
        )

    def days(metric: str, prefix: str, dim: ColumnElement[str], *where: Any) -> None:
        d = literal(prefix).concat(func.coalesce(dim, "None"))
        conn.execute(
            summary_day.insert().from_select(
                ["commune_code", "day", "metric", "dim", "n"],
                select(record.c.commune_code, record.c.day, literal(metric), d, func.count())
                .where(*where, *scope)
                .group_by(record.c.commune_code, record.c.day, d),
            )
        )

    held = and_(_live("session"), _f("status") == "held")
    days("sessions", "format:", _f("format"), held)
    days("sessions", "programme:", _f("programme_code"), held)
    days("attendance", "tg:", _f("target_group"), _live("attendance"))
    days("skill_records", "outcome:", _f("outcome"), _live("skill_record"))
    now_scope = [*scope, record.c.deleted_at.is_(None), record.c.orphan.is_(False)]

    def now_metric(
        metric: str, entity: str, prefix: str, value: ColumnElement[int], *where: Any
    ) -> None:
        """A metric "as it stands now" (day ''), one row per live record of `entity`."""
        conn.execute(
            summary_day.insert().from_select(
                ["commune_code", "day", "metric", "dim", "n"],
                select(
                    record.c.commune_code,
                    literal(""),
                    literal(metric),
                    literal(prefix).concat(record.c.id),
                    value,
                ).where(record.c.entity == entity, *where, *now_scope),
            )
        )

    pop = cast(_f("adult_population"), Integer)
    now_metric("adults", "village", "village:", pop, pop.is_not(None), pop != 0)
    now_metric(
        "members", "team_member", "member:", literal(1), record.c.data["active"].as_boolean()
    )
    _rebuild_members(conn, commune)
    _rebuild_persons(conn, commune)


def _rebuild_members(conn: Connection, commune: str | None) -> None:
    """Sessions led and minutes per team member: one JSON array per session, unnested."""
    scope = "AND r.commune_code = :c" if commune is not None else ""
    if conn.dialect.name == "postgresql":
        members = (
            "SELECT DISTINCT r.id, r.commune_code, r.day, m.value AS member, "
            "GREATEST(0, COALESCE(ROUND(EXTRACT(EPOCH FROM ((r.data->>'ends_at')::timestamptz "
            "- (r.data->>'starts_at')::timestamptz))::numeric / 60), 0))::integer AS minutes "
            "FROM record r CROSS JOIN LATERAL "
            "jsonb_array_elements_text(COALESCE(r.data->'team_member_ids', '[]'::jsonb)) AS m(value) "
            "WHERE r.entity = 'session' AND r.deleted_at IS NULL AND NOT r.orphan "
            f"AND r.data->>'status' = 'held' {scope}"
        )
    else:
        members = (
            "SELECT DISTINCT r.id, r.commune_code, r.day, m.value AS member, "
            "MAX(0, COALESCE(CAST(ROUND((julianday(json_extract(r.data, '$.ends_at')) "
            "- julianday(json_extract(r.data, '$.starts_at'))) * 1440) AS INTEGER), 0)) "
            "AS minutes "
            "FROM record r, json_each(r.data, '$.team_member_ids') AS m "
            "WHERE r.entity = 'session' AND r.deleted_at IS NULL AND r.orphan = 0 "
            f"AND json_extract(r.data, '$.status') = 'held' {scope}"
        )
    params = {"c": commune} if commune is not None else {}
    for metric, value in (("member_sessions", "COUNT(*)"), ("member_minutes", "SUM(minutes)")):
        conn.execute(
            text(
                "INSERT INTO summary_day (commune_code, day, metric, dim, n) "
                f"SELECT commune_code, day, '{metric}', 'member:' || member, {value} "
                f"FROM ({members}) AS ms GROUP BY commune_code, day, member"
                + (" HAVING SUM(minutes) <> 0" if metric == "member_minutes" else "")
            ),
            params,
        )


def _rebuild_persons(conn: Connection, commune: str | None) -> None:
    """person_dim from the person records (streamed: the flags follow `dim_row` exactly)."""
    where = [record.c.entity == "person"]
    if commune is not None:
        where.append(record.c.commune_code == commune)
    stmt = select(record.c.id, record.c.commune_code, record.c.data).where(*where)
    buf: list[dict[str, Any]] = []
    result = conn.execute(stmt.execution_options(yield_per=5000))
    for row in result.mappings():
        buf.append(dim_row(row))
        if len(buf) >= 5000:
            conn.execute(person_dim.insert(), buf)
            buf = []
    if buf:
        conn.execute(person_dim.insert(), buf)


def fingerprint(conn: Connection) -> dict[str, tuple[int, ...]]:
    """Per-commune totals of the four tables: cheap to compare at millions of rows."""
    sp, sd, pd = summary_person.c, summary_day.c, person_dim.c
    out: dict[str, tuple[int, ...]] = {}
    for c, q, k, rows, n, att in conn.execute(
        select(
            sp.commune_code, sp.quarter, sp.kind, func.count(), func.sum(sp.n), func.sum(sp.att)
        ).group_by(sp.commune_code, sp.quarter, sp.kind)
    ):
        out[f"person {c} {q} {k}"] = (int(rows), int(n or 0), int(att or 0))
    for c, m, rows, n in conn.execute(
        select(sd.commune_code, sd.metric, func.count(), func.sum(sd.n)).group_by(
            sd.commune_code, sd.metric
        )
    ):
        out[f"day {c} {m}"] = (int(rows), int(n or 0))
    for c, rows in conn.execute(select(pd.commune_code, func.count()).group_by(pd.commune_code)):
        out[f"dim {c}"] = (int(rows),)
    return out


@dataclass(frozen=True)
class Check:
    ok: bool
    differences: tuple[str, ...]  # "<table> <commune> ...: kept (..) rebuilt (..)"
    rebuilt: bool


def check(conn: Connection, *, repair: bool = False) -> Check:
    """Compare the kept summaries with a rebuild from the records; keep the rebuild only when
    `repair` (otherwise it is rolled back). Run inside a write transaction."""
    kept = fingerprint(conn)
    nested = conn.begin_nested()
    rebuild(conn)
    fresh = fingerprint(conn)
    diffs = tuple(
        f"{key}: kept {kept.get(key)} rebuilt {fresh.get(key)}"
        for key in sorted(set(kept) | set(fresh))
        if kept.get(key) != fresh.get(key)
    )
    if repair:
        nested.commit()
    else:
        nested.rollback()
    return Check(not diffs, diffs, repair)


def snapshot(conn: Connection) -> tuple[set[tuple[Any, ...]], ...]:
    """The four tables as sets of tuples (for tests)."""
    return tuple(
        {tuple(r) for r in conn.execute(select(t))}
        for t in (summary_person, summary_day, person_dim, summary_count)
    )


__all__ = [
    "Check",
    "Delta",
    "add_stored",
    "apply",
    "check",
    "dim_row",
    "fingerprint",
    "quarter_of",
    "rebuild",
    "session_minutes",
    "snapshot",
]
