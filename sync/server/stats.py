"""Per-commune figures for the province: records by kind, last sync, devices, quarantined
(rejected) records, backlog (orphans waiting for a parent) and kept conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, func, select

from sync.server.db import read_tx
from sync.server.models import device, record, record_conflict, rejection


@dataclass
class CommuneStats:
    commune_code: str
    records: dict[str, int] = field(default_factory=dict)
    deleted: int = 0
    backlog: int = 0
    quarantined: int = 0
    conflicts: int = 0
    devices: int = 0
    revoked_devices: int = 0
    last_sync_at: datetime | None = None


def commune_stats(engine: Engine) -> list[CommuneStats]:
    acc: dict[str, CommuneStats] = {}

    def slot(code: str) -> CommuneStats:
        return acc.setdefault(code, CommuneStats(code))

    with read_tx(engine) as conn:
        for code, entity, n in conn.execute(
            select(record.c.commune_code, record.c.entity, func.count())
            .where(record.c.orphan.is_(False))
            .group_by(record.c.commune_code, record.c.entity)
        ):
            slot(code).records[entity] = int(n)
        for code, n in conn.execute(
            select(record.c.commune_code, func.count())
            .where(record.c.deleted_at.is_not(None))
            .group_by(record.c.commune_code)
        ):
            slot(code).deleted = int(n)
        for code, n in conn.execute(
            select(record.c.commune_code, func.count())
            .where(record.c.orphan.is_(True))
            .group_by(record.c.commune_code)
        ):
            slot(code).backlog = int(n)
        for code, n in conn.execute(
            select(rejection.c.commune_code, func.count()).group_by(rejection.c.commune_code)
        ):
            slot(code).quarantined = int(n)
        for code, n in conn.execute(
            select(record_conflict.c.commune_code, func.count()).group_by(
                record_conflict.c.commune_code
            )
        ):
            slot(code).conflicts = int(n)
        for r in conn.execute(
            select(device.c.commune_code, device.c.revoked_at, device.c.last_sync_at)
        ):
            s = slot(r.commune_code)
            if r.revoked_at is not None:
                s.revoked_devices += 1
            else:
                s.devices += 1
            if r.last_sync_at is not None and (
                s.last_sync_at is None or r.last_sync_at > s.last_sync_at
            ):
                s.last_sync_at = r.last_sync_at
    for s in acc.values():
        s.records = dict(sorted(s.records.items()))
    return [acc[k] for k in sorted(acc)]
