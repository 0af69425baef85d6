"""Reconcile: per commune and day, the count and digest of (id, revision, hash) of the records
the server holds, and the entries of one day, so a device can re-send only what is missing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, select

from sync.protocol import digest
from sync.server.db import read_tx
from sync.server.models import record


@dataclass(frozen=True)
class DaySummary:
    day: str
    count: int
    digest: str


@dataclass(frozen=True)
class DayEntry:
    id: str
    entity: str
    revision: int
    hash: str


def summaries(engine: Engine, commune_code: str, since: str | None = None) -> list[DaySummary]:
    stmt = select(record.c.day, record.c.id, record.c.revision, record.c.hash).where(
        record.c.commune_code == commune_code
    )
    if since:
        stmt = stmt.where(record.c.day >= since)
    buckets: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    with read_tx(engine) as conn:
        for day, rid, rev, chash in conn.execute(stmt):
            buckets[day].append((rid, rev, chash))
    return [DaySummary(d, len(v), digest(v)) for d, v in sorted(buckets.items())]


def day_entries(engine: Engine, commune_code: str, day: str) -> list[DayEntry]:
    with read_tx(engine) as conn:
        rows = conn.execute(
            select(record.c.id, record.c.entity, record.c.revision, record.c.hash)
            .where(record.c.commune_code == commune_code, record.c.day == day)
            .order_by(record.c.id)
        ).all()
    return [DayEntry(r.id, r.entity, r.revision, r.hash) for r in rows]
