"""Ingesting one batch: per-record validation, upsert by record UUID with content hash, the
revision rule for conflicts, the orphan backlog, rejections, and the stored batch answer.

Decisions for a record `r` against the stored version `s` of the same id:
  no `s`                         -> created (or backlog if a parent is missing)
  same hash                      -> duplicate
  r.revision > s.revision        -> updated
  r.revision < s.revision        -> stale when both come from the same device, else conflict
  equal revisions, other content -> the higher (device_id, hash) wins; the loser is kept in
                                    `record_conflict`, never dropped
Device clocks are never consulted: only revisions, device ids and hashes order versions.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError

from sync.protocol import (
    BACKLOG,
    CONFLICT,
    CREATED,
    DUPLICATE,
    REJECTED,
    STALE,
    UPDATED,
    BatchResult,
    Reason,
    RecordResult,
    canonical_json,
    parent_refs,
    record_day,
    record_key,
    validate_envelope,
)
from sync.server import summary
from sync.server.db import read_tx, write_tx
from sync.server.enrol import DeviceAuth
from sync.server.errors import batch_foreign, batch_unknown
from sync.server.models import backlog_wait, batch, record, record_conflict, rejection

log = logging.getLogger("hocvuso.server.ingest")

_CHUNK = 900  # ids per IN (...) list, below every backend's parameter limit


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass
class _Stored:
    id: str
    entity: str
    commune_code: str
    revision: int
    device_id: str
    hash: str
    orphan: bool


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _forbidden_commune(commune: str) -> Reason:
    return Reason(
        "record.commune_forbidden",
        f"Thiết bị này chỉ được gửi dữ liệu của xã {commune}; bản ghi thuộc xã khác nên "
        "không được nhận.",
        f"This device may only send records of commune {commune}; the record belongs to "
        "another commune and was not accepted.",
        "commune_code",
    )


def _id_taken() -> Reason:
    return Reason(
        "record.id_taken",
        "Mã bản ghi này đã được dùng cho một bản ghi khác trên máy chủ.",
        "This record id is already used by a different record on the server.",
        "id",
    )


def _row(
    obj: Mapping[str, Any], auth: DeviceAuth, batch_id: str, received: datetime, orphan: bool
) -> dict[str, Any]:
    return {
        "id": obj["id"],
        "entity": obj["entity"],
        "commune_code": obj["commune_code"],
        "revision": obj["revision"],
        "device_id": obj["device_id"],
        "officer_id": obj.get("officer_id"),
        "created_at": obj["created_at"],
        "updated_at": obj["updated_at"],
        "deleted_at": obj.get("deleted_at"),
        "day": record_day(obj),
        "hash": obj["hash"],
        "data": dict(obj["data"]),
        "orphan": orphan,
        "received_at": received,
        "batch_id": batch_id,
        "uploader_id": auth.device_id,
    }


def envelope_of(row: Mapping[Any, Any]) -> dict[str, Any]:
    """Rebuild the wire envelope of a stored record."""
    return {
        "entity": row["entity"],
        "id": row["id"],
        "revision": row["revision"],
        "commune_code": row["commune_code"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "deleted_at": row["deleted_at"],
        "device_id": row["device_id"],
        "officer_id": row["officer_id"],
        "data": row["data"],
        "hash": row["hash"],
    }


def _conflict_row(env: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    return {
        "record_id": env["id"],
        "entity": env["entity"],
        "commune_code": env["commune_code"],
        "revision": env["revision"],
        "device_id": env["device_id"],
        "hash": env["hash"],
        "envelope": dict(env),
        "stored_at": now,
    }


def _apply(
    conn: Connection,
    auth: DeviceAuth,
    batch_id: str,
    records: Sequence[Mapping[str, Any]],
    received: datetime,
) -> list[RecordResult]:
    ids = list(dict.fromkeys(str(r["id"]) for r in records))
    state: dict[str, _Stored] = {}
    cols = (
        record.c.id,
        record.c.entity,
        record.c.commune_code,
        record.c.revision,
        record.c.device_id,
        record.c.hash,
        record.c.orphan,
    )
    for part in _chunks(ids):
        for r in conn.execute(select(*cols).where(record.c.id.in_(part))):
            state[r.id] = _Stored(
                r.id, r.entity, r.commune_code, r.revision, r.device_id, r.hash, bool(r.orphan)
            )

    reasons_by_index: dict[int, list[Reason]] = {}
    for i, obj in enumerate(records):
        reasons = validate_envelope(obj)
        if not reasons and obj["commune_code"] != auth.commune_code:
            reasons = [_forbidden_commune(auth.commune_code)]
        if reasons:
            reasons_by_index[i] = reasons

    wanted = {
        pid
        for i, obj in enumerate(records)
        if i not in reasons_by_index
        for _pe, pid in parent_refs(obj)
    }
    present: set[str] = {pid for pid in wanted if pid in state}
    missing_lookup = sorted(wanted - present)
    for part in _chunks(missing_lookup):
        present.update(conn.scalars(select(record.c.id).where(record.c.id.in_(part))))

    inserts: dict[str, dict[str, Any]] = {}
    updates: dict[str, dict[str, Any]] = {}
    waits: dict[str, list[tuple[str, str]]] = {}
    conflicts: list[dict[str, Any]] = []
    cleared: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    created_ids: set[str] = set()
    results: list[RecordResult] = []
    now = datetime.now(UTC)

    for i, obj in enumerate(records):
        key = record_key(obj)
        assert key is not None  # checked by the caller before the transaction
        if i not in reasons_by_index:
            s = state.get(key.id)
            if s is not None and s.entity != key.entity:
                reasons_by_index[i] = [_id_taken()]
            elif s is not None and s.commune_code != auth.commune_code:
                reasons_by_index[i] = [_forbidden_commune(auth.commune_code)]
        if i in reasons_by_index:
            why = tuple(reasons_by_index[i])
            results.append(RecordResult(key.id, key.entity, key.revision, REJECTED, why))
            rejected.append(
                {
                    "record_id": key.id,
                    "entity": key.entity[:40],
                    "commune_code": auth.commune_code,
                    "device_id": auth.device_id,
                    "revision": key.revision,
                    "reasons": [r.to_json() for r in why],
                    "at": now,
                }
            )
            continue
        chash = str(obj["hash"])
        dev = str(obj["device_id"])
        s = state.get(key.id)
        missing = [(pe, pid) for pe, pid in parent_refs(obj) if pid not in present]
        orphan = bool(missing)

        if s is None:
            status = CREATED
        elif s.hash == chash:
            results.append(RecordResult(key.id, key.entity, key.revision, DUPLICATE))
            cleared.append({"_rid": key.id, "_rev": key.revision})
            continue
        elif key.revision > s.revision:
            status = UPDATED
        elif key.revision < s.revision and s.device_id == dev:
            results.append(
                RecordResult(key.id, key.entity, key.revision, STALE, (), s.revision, s.device_id)
            )
            cleared.append({"_rid": key.id, "_rev": key.revision})
            continue
        elif key.revision == s.revision and (dev, chash) > (s.device_id, s.hash):
            conflicts.append(_conflict_row(_load_envelope(conn, key.id, inserts, updates), now))
            status = UPDATED
        else:
            conflicts.append(_conflict_row(obj, now))
            results.append(_conflict_result(key.id, key.entity, key.revision, s))
            continue
        row = _row(obj, auth, batch_id, received, orphan)
        if key.id in inserts or s is None:
            inserts[key.id] = row
            created_ids.add(key.id)
        else:
            updates[key.id] = row
        waits[key.id] = missing
        state[key.id] = _Stored(
            key.id, key.entity, auth.commune_code, key.revision, dev, chash, orphan
        )
        present.add(key.id)
        results.append(RecordResult(key.id, key.entity, key.revision, status))
        cleared.append({"_rid": key.id, "_rev": key.revision})

    delta = summary.Delta()
    if updates:
        summary.add_stored(conn, delta, updates, -1)  # the versions being replaced
    for row in (*inserts.values(), *updates.values()):
        delta.add(row, +1)
    if inserts:
        _insert_records(conn, list(inserts.values()))
    if updates:
        conn.execute(
            update(record).where(record.c.id == bindparam("_id")),
            [
                {"_id": rid, **{k: v for k, v in row.items() if k != "id"}}
                for rid, row in updates.items()
            ],
        )
    if waits:
        changed = [rid for rid in waits if rid in updates]
        for part in _chunks(changed):
            conn.execute(delete(backlog_wait).where(backlog_wait.c.record_id.in_(part)))
        wait_rows = [
            {"record_id": rid, "parent_id": pid, "parent_entity": pe}
            for rid, miss in waits.items()
            for pe, pid in dict.fromkeys(miss)
        ]
        if wait_rows:
            conn.execute(backlog_wait.insert(), wait_rows)
    released = _release(conn, sorted(created_ids))
    if released:
        summary.add_stored(conn, delta, released, +1)  # out of the backlog: they count now
    summary.apply(conn, delta)
    if conflicts:
        conn.execute(record_conflict.insert(), conflicts)
    if cleared:
        # Only records with a standing rejection need one: look them up in one query.
        standing: set[str] = set()
        for part in _chunks([c["_rid"] for c in cleared]):
            standing.update(
                conn.scalars(select(rejection.c.record_id).where(rejection.c.record_id.in_(part)))
            )
        clear = [c for c in cleared if c["_rid"] in standing]
        if clear:
            conn.execute(
                delete(rejection).where(
                    rejection.c.record_id == bindparam("_rid"),
                    rejection.c.revision <= bindparam("_rev"),
                ),
                clear,
            )
    if rejected:
        for part in _chunks([r["record_id"] for r in rejected]):
            conn.execute(delete(rejection).where(rejection.c.record_id.in_(part)))
        conn.execute(rejection.insert(), list({r["record_id"]: r for r in rejected}.values()))

    still_orphan = {rid for rid, st in state.items() if st.orphan and rid not in released}
    return [
        replace(r, status=BACKLOG) if r.status in (CREATED, UPDATED) and r.id in still_orphan else r
        for r in results
    ]


_COPY_MIN = 50
_RECORD_COLUMNS = [c.name for c in record.columns]


def _insert_records(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """New records: PostgreSQL COPY for a sizeable batch (an initial sync is mostly inserts),
    a plain executemany otherwise. Same transaction either way."""
    if conn.dialect.name != "postgresql" or len(rows) < _COPY_MIN:
        conn.execute(record.insert(), rows)
        return
    from psycopg.types.json import Jsonb

    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cur = dbapi.cursor()
    try:
        cols = ", ".join(_RECORD_COLUMNS)
        with cur.copy(f"COPY record ({cols}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row([Jsonb(row[c]) if c == "data" else row[c] for c in _RECORD_COLUMNS])
    finally:
        cur.close()


def _conflict_result(rid: str, entity: str, revision: int, s: _Stored) -> RecordResult:
    reason = Reason(
        "record.conflict",
        "Một thiết bị khác đã gửi phiên bản khác của bản ghi này. Bản của máy này được lưu "
        "riêng trên máy chủ để tỉnh đối chiếu.",
        "Another device sent a different version of this record. This laptop's version is "
        "kept apart on the server for review.",
    )
    return RecordResult(rid, entity, revision, CONFLICT, (reason,), s.revision, s.device_id)


def _load_envelope(
    conn: Connection,
    rid: str,
    inserts: Mapping[str, Mapping[str, Any]],
    updates: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    pending = updates.get(rid) or inserts.get(rid)
    if pending is not None:
        return envelope_of(pending)
    row = conn.execute(select(record).where(record.c.id == rid)).mappings().one()
    return envelope_of(row)


def _release(conn: Connection, arrived: Sequence[str]) -> set[str]:
    """Records whose last missing parent has now arrived leave the backlog."""
    waiting: set[str] = set()
    for part in _chunks(arrived):
        waiting.update(
            conn.scalars(select(backlog_wait.c.record_id).where(backlog_wait.c.parent_id.in_(part)))
        )
        conn.execute(delete(backlog_wait).where(backlog_wait.c.parent_id.in_(part)))
    if not waiting:
        return set()
    still: set[str] = set()
    ids = sorted(waiting)
    for part in _chunks(ids):
        still.update(
            conn.scalars(select(backlog_wait.c.record_id).where(backlog_wait.c.record_id.in_(part)))
        )
    free = [rid for rid in ids if rid not in still]
    for part in _chunks(free):
        conn.execute(update(record).where(record.c.id.in_(part)).values(orphan=False))
    return set(free)


def _stored_result(row: Any, auth: DeviceAuth) -> BatchResult:
    if row.device_id != auth.device_id:
        raise batch_foreign()
    obj = json.loads(gzip.decompress(row.result))
    return replace(BatchResult.from_json(obj), replayed=True)


def fetch_batch(engine: Engine, batch_id: str, auth: DeviceAuth) -> BatchResult:
    """The stored answer of a batch this device sent (404 when the server never got it)."""
    with read_tx(engine) as conn:
        row = conn.execute(
            select(batch.c.device_id, batch.c.result).where(batch.c.id == batch_id)
        ).first()
    if row is None or row.device_id != auth.device_id:
        raise batch_unknown()
    return _stored_result(row, auth)


def ingest(
    engine: Engine,
    auth: DeviceAuth,
    batch_id: str,
    records: Sequence[Mapping[str, Any]],
    received: datetime,
) -> BatchResult:
    """Process a batch exactly once; a repeated delivery gets the stored answer."""
    for attempt in range(3):
        try:
            with write_tx(engine, auth.commune_code) as conn:
                row = conn.execute(
                    select(batch.c.device_id, batch.c.result).where(batch.c.id == batch_id)
                ).first()
                if row is not None:
                    return _stored_result(row, auth)
                results = _apply(conn, auth, batch_id, records, received)
                result = BatchResult(
                    batch_id, _iso(received), _iso(datetime.now(UTC)), tuple(results)
                )
                conn.execute(
                    batch.insert().values(
                        id=batch_id,
                        device_id=auth.device_id,
                        commune_code=auth.commune_code,
                        received_at=received,
                        record_count=len(records),
                        result=gzip.compress(canonical_json(result.to_json()), 5),
                    )
                )
        except IntegrityError:
            # A concurrent delivery touching the same ids outside our commune lock: retry,
            # and the stored state decides.
            if attempt == 2:
                raise
            continue
        counts = Counter(r.status for r in result.results)
        log.info(
            "batch %s device %s commune %s records=%d %s",
            batch_id,
            auth.device_id,
            auth.commune_code,
            len(records),
            " ".join(f"{k}={v}" for k, v in sorted(counts.items())),
        )
        return result
    raise AssertionError("unreachable")
