"""The client side of the outbox: claiming pending changes into a batch that is saved before it
is sent, and applying the server's per-record answer. Every state change is one local
transaction, so a laptop switched off at any moment loses nothing and marks nothing synced that
the server did not acknowledge.

Outbox states: pending -> uploading (in a saved batch) -> acked | quarantined | conflict;
uploading -> pending again when the record is missing from the answer or the server never got
the batch; quarantined/conflict -> superseded once a later revision is acknowledged.
"""

from __future__ import annotations

import contextlib
import gzip
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from app.database import Actor, Database
from app.models import Outbox
from app.sync_state import SyncBatch, SyncIssue
from sync.protocol import (
    ACKNOWLEDGED,
    CONFLICT,
    ENTITY_ORDER,
    REJECTED,
    BatchResult,
    batch_body,
)
from sync.records import load_envelopes

PENDING = "pending"
UPLOADING = "uploading"
ACKED = "acked"
QUARANTINED = "quarantined"
CONFLICTED = "conflict"
SUPERSEDED = "superseded"
MISSING = "missing"  # the outbox names a record that is not in the database (never expected)


def _table(model: type[Any]) -> Table:
    t = model.__table__
    assert isinstance(t, Table)
    return t


_OUTBOX = _table(Outbox)
_ISSUE = _table(SyncIssue)

_BATCH_OPEN = "open"
_BATCH_DONE = "done"
_BATCH_LOST = "lost"


@dataclass(frozen=True)
class ClaimedBatch:
    """A batch saved locally and ready to send: its id, gzip body and what it holds."""

    id: str
    body: bytes  # gzip
    revisions: Mapping[str, int]  # record id -> revision sent
    raw_bytes: int


@dataclass
class Applied:
    """What one answer did to the outbox."""

    statuses: Counter[str] = field(default_factory=Counter)
    missing: int = 0


@contextlib.contextmanager
def writing(db: Database, actor: Actor | None = None) -> Iterator[Session]:
    """A write transaction that takes SQLite's write lock before it reads anything, so it
    waits for a concurrent writer (the officer saving, the claim thread) within the busy
    timeout instead of failing when its read snapshot went stale."""
    with db.session(actor) as s:
        s.execute(text("UPDATE sync_checkpoint SET seq = seq WHERE 0"))
        yield s


def max_seq(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.max(Outbox.seq))) or 0)


def _select_records(
    s: Session, limit: int, up_to_seq: int, exhausted: set[str]
) -> list[tuple[str, str]]:
    """(entity, record id) of up to `limit` pending records, parents' entities first.

    An entity found without pending entries is noted in `exhausted` and not searched again in
    this run (entries queued later have a higher seq than `up_to_seq` anyway): without that,
    each batch would scan the whole pending queue looking for villages.
    """
    chosen: dict[str, str] = {}
    for entity in ENTITY_ORDER:
        room = limit - len(chosen)
        if room <= 0:
            break
        if entity in exhausted:
            continue
        want = room * 4
        rows = s.execute(
            select(Outbox.record_id)
            .where(Outbox.state == PENDING, Outbox.entity == entity, Outbox.seq <= up_to_seq)
            .order_by(Outbox.seq)
            .limit(want)
        ).all()
        taken_all = True
        for (rid,) in rows:
            if rid not in chosen:
                if len(chosen) >= limit:
                    taken_all = False
                    break
                chosen[rid] = entity
        if taken_all and len(rows) < want:
            exhausted.add(entity)
    return [(e, rid) for rid, e in chosen.items()]


def claim_batch(
    db: Database,
    *,
    batch_id: str,
    device_id: str,
    sent_at: datetime,
    max_records: int,
    max_bytes: int,
    up_to_seq: int,
    exhausted: set[str] | None = None,
) -> ClaimedBatch | None:
    """Move pending changes of up to `max_records` records into a new saved batch.

    Several outbox entries of one record coalesce into its current state. The batch row, the
    `uploading` marks and the body's content are decided in one transaction.
    """
    with writing(db) as s:
        picked = _select_records(
            s, max_records, up_to_seq, exhausted if exhausted is not None else set()
        )
        if not picked:
            return None
        by_entity: dict[str, list[str]] = {}
        for entity, rid in picked:
            by_entity.setdefault(entity, []).append(rid)
        envelopes: list[dict[str, Any]] = []
        missing: list[str] = []
        for entity in ENTITY_ORDER:
            ids = by_entity.get(entity, [])
            found = load_envelopes(s, entity, ids)
            envelopes.extend(found[rid] for rid in ids if rid in found)
            missing.extend(rid for rid in ids if rid not in found)
        if missing:
            s.execute(
                update(Outbox)
                .where(Outbox.record_id.in_(missing), Outbox.state == PENDING)
                .values(state=MISSING, last_error="record not found locally")
            )
        body, raw = _encode(batch_id, device_id, sent_at, envelopes)
        while len(body) > max_bytes and len(envelopes) > 1:
            dropped = envelopes[len(envelopes) // 2 :]
            envelopes = envelopes[: len(envelopes) // 2]
            if exhausted is not None:  # what is left behind must be looked for again
                exhausted.difference_update(e["entity"] for e in dropped)
            body, raw = _encode(batch_id, device_id, sent_at, envelopes)
        if not envelopes or len(body) > max_bytes:
            return None
        ids = [e["id"] for e in envelopes]
        for part in range(0, len(ids), 900):
            s.execute(
                update(Outbox)
                .where(Outbox.record_id.in_(ids[part : part + 900]), Outbox.state == PENDING)
                .values(state=UPLOADING, batch_id=batch_id, attempts=Outbox.attempts + 1)
            )
        s.add(
            SyncBatch(
                id=batch_id,
                created_at=sent_at,
                state=_BATCH_OPEN,
                record_count=len(envelopes),
                bytes=len(body),
                attempts=0,
                summary="",
            )
        )
        return ClaimedBatch(batch_id, body, {e["id"]: int(e["revision"]) for e in envelopes}, raw)


def _encode(
    batch_id: str, device_id: str, sent_at: datetime, envelopes: Sequence[Mapping[str, Any]]
) -> tuple[bytes, int]:
    raw = json.dumps(
        batch_body(batch_id, device_id, sent_at, envelopes),
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return gzip.compress(raw, 6), len(raw)


def open_batches(db: Database) -> list[str]:
    with db.session() as s:
        return list(
            s.scalars(
                select(SyncBatch.id)
                .where(SyncBatch.state == _BATCH_OPEN)
                .order_by(SyncBatch.created_at)
            )
        )


def note_attempt(db: Database, batch_id: str) -> None:
    with db.session() as s:
        s.execute(
            update(SyncBatch)
            .where(SyncBatch.id == batch_id)
            .values(attempts=SyncBatch.attempts + 1)
        )


def release_batch(db: Database, batch_id: str, now: datetime) -> int:
    """The server never got this batch: its records go back to pending."""
    with writing(db) as s:
        n = _reset_uploading(s, batch_id)
        s.execute(
            update(SyncBatch)
            .where(SyncBatch.id == batch_id)
            .values(state=_BATCH_LOST, finished_at=now)
        )
        return n


def _reset_uploading(s: Session, batch_id: str) -> int:
    res = s.execute(
        update(Outbox)
        .where(Outbox.state == UPLOADING, Outbox.batch_id == batch_id)
        .values(state=PENDING, batch_id=None)
    )
    return int(getattr(res, "rowcount", 0) or 0)


def release_strays(db: Database) -> int:
    """`uploading` entries whose batch is not open (never expected) go back to pending."""
    with writing(db) as s:
        open_ids = set(s.scalars(select(SyncBatch.id).where(SyncBatch.state == _BATCH_OPEN)))
        stray = {
            b
            for b in s.scalars(select(Outbox.batch_id).where(Outbox.state == UPLOADING).distinct())
            if b not in open_ids
        }
        n = 0
        for b in stray:
            if b is None:
                res = s.execute(
                    update(Outbox)
                    .where(Outbox.state == UPLOADING, Outbox.batch_id.is_(None))
                    .values(state=PENDING)
                )
                n += int(getattr(res, "rowcount", 0) or 0)
            else:
                n += _reset_uploading(s, b)
        return n


def apply_result(db: Database, result: BatchResult, now: datetime) -> Applied:
    """Apply the server's answer for one batch, in one transaction."""
    out = Applied()
    acks: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = []
    issues: list[SyncIssue] = []
    for r in result.results:
        out.statuses[r.status] += 1
        params = {"_rid": r.id, "_rev": r.revision, "_b": result.batch_id}
        if r.status in ACKNOWLEDGED:
            acks.append(params)
        elif r.status in (REJECTED, CONFLICT):
            state = QUARANTINED if r.status == REJECTED else CONFLICTED
            summary = "; ".join(f"{x.code}: {x.message_en}" for x in r.reasons)[:1000]
            bad.append({**params, "_state": state, "_err": summary or r.status})
            issues.append(
                SyncIssue(
                    record_id=r.id,
                    entity=r.entity,
                    revision=r.revision,
                    kind="rejected" if r.status == REJECTED else "conflict",
                    reasons=json.dumps([x.to_json() for x in r.reasons], ensure_ascii=False),
                    batch_id=result.batch_id,
                    at=now,
                    server_revision=r.server_revision,
                    server_device_id=r.server_device_id,
                )
            )
    ob, si = _OUTBOX, _ISSUE
    with writing(db) as s:
        conn = s.connection()
        if acks:
            conn.execute(
                update(ob)
                .where(
                    ob.c.record_id == bindparam("_rid"),
                    ob.c.revision <= bindparam("_rev"),
                    ob.c.state == UPLOADING,
                    ob.c.batch_id == bindparam("_b"),
                )
                .values(state=ACKED, last_error=None),
                acks,
            )
            later = [{"_rid": a["_rid"], "_rev": a["_rev"]} for a in acks]
            conn.execute(
                update(ob)
                .where(
                    ob.c.record_id == bindparam("_rid"),
                    ob.c.revision <= bindparam("_rev"),
                    or_(ob.c.state == QUARANTINED, ob.c.state == CONFLICTED),
                )
                .values(state=SUPERSEDED),
                later,
            )
            conn.execute(
                delete(si).where(
                    si.c.record_id == bindparam("_rid"), si.c.revision <= bindparam("_rev")
                ),
                later,
            )
        if bad:
            conn.execute(
                update(ob)
                .where(
                    ob.c.record_id == bindparam("_rid"),
                    ob.c.revision <= bindparam("_rev"),
                    ob.c.state == UPLOADING,
                    ob.c.batch_id == bindparam("_b"),
                )
                .values(state=bindparam("_state"), last_error=bindparam("_err")),
                bad,
            )
            for issue in issues:
                s.merge(issue)
        out.missing = _reset_uploading(s, result.batch_id)
        counts = dict(out.statuses)
        if out.missing:
            counts["missing"] = out.missing
        s.execute(
            update(SyncBatch)
            .where(SyncBatch.id == result.batch_id)
            .values(
                state=_BATCH_DONE,
                finished_at=now,
                summary=json.dumps(counts, sort_keys=True),
            )
        )
    return out


def pending_count(db: Database) -> int:
    """Records with changes the server has not acknowledged yet (pending or in flight)."""
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count(func.distinct(Outbox.record_id))).where(
                    Outbox.state.in_((PENDING, UPLOADING))
                )
            )
            or 0
        )


def issue_counts(db: Database) -> Counter[str]:
    with db.session() as s:
        return Counter(
            {
                str(k): int(n)
                for k, n in s.execute(select(SyncIssue.kind, func.count()).group_by(SyncIssue.kind))
            }
        )
