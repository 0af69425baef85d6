"""The wire protocol and the client's building blocks without a server: every model column
travels, hashes, validation reasons, bounded gzip, digests, the retry rule and rate limiting."""

from __future__ import annotations

import gzip
import random
import threading
import time
from typing import Any

import pytest

from app.installation import Installation
from app.models import SYNCED_MODELS
from sync import protocol as p
from sync.client import SyncConfig, SyncEngine, enrol
from sync.records import iter_envelopes
from sync.server.ratelimit import RateLimiter
from sync.transport import (
    UNREACHABLE,
    Cancelled,
    GaveUp,
    RetryableError,
    RetryPolicy,
    with_retries,
)
from tests.sync.harness import make_activity

LOCAL_ONLY = {"search_key", "sort_key"}  # derived on each device from the name
MIXIN = {
    "id",
    "commune_code",
    "created_at",
    "updated_at",
    "revision",
    "device_id",
    "officer_id",
    "deleted_at",
}


def test_every_model_column_travels_or_is_declared_local() -> None:
    for model in SYNCED_MODELS:
        spec = p.ENTITIES[model.__entity__]
        columns = set(model.__table__.c.keys())
        wire = {f.name for f in spec.fields}
        assert columns - MIXIN - LOCAL_ONLY == wire, model.__name__
    ranks = [p.ENTITIES[e].rank for e in p.ENTITY_ORDER]
    assert ranks == sorted(ranks)
    for spec in p.ENTITIES.values():
        for f in spec.parents():
            assert f.parent is not None and p.ENTITIES[f.parent].rank < spec.rank


def _envelopes(inst: Installation) -> list[dict[str, Any]]:
    make_activity(inst, random.Random(1), n=3)
    with inst.db.session() as s:
        return list(iter_envelopes(s))


def test_real_records_validate_and_hashes_cover_every_field(inst: Installation) -> None:
    envs = _envelopes(inst)
    assert {e["entity"] for e in envs} == set(p.ENTITIES)
    for env in envs:
        assert p.validate_envelope(env) == [], env["entity"]
        assert env["hash"] == p.content_hash(dict(reversed(list(env.items()))))
    person = next(e for e in envs if e["entity"] == "person")
    changed = dict(person, data={**person["data"], "notes": "khác"})
    assert p.content_hash(changed) != person["hash"]
    assert [r.code for r in p.validate_envelope(changed)] == ["record.hash"]
    assert p.content_hash(dict(person, revision=9)) != person["hash"]


def test_validation_reasons_are_bilingual_and_name_the_field(inst: Installation) -> None:
    env = next(e for e in _envelopes(inst) if e["entity"] == "session")
    cases: list[tuple[dict[str, Any], str]] = [
        ({**env, "created_at": "2026-11-10T08:00:00"}, "record.time"),
        ({**env, "data": {**env["data"], "format": "party"}}, "field.choice"),
        ({**env, "data": {**env["data"], "day": "10/11/2026"}}, "field.type"),
        ({**env, "data": {**env["data"], "extra": 1}}, "record.unknown_fields"),
        ({**env, "data": {**env["data"], "team_member_ids": ["x"]}}, "field.type"),
        ({**env, "revision": 0}, "record.revision"),
        ({**env, "entity": "spaceship"}, "record.entity"),
    ]
    for bad, code in cases:
        reasons = p.validate_envelope(bad)
        assert code in [r.code for r in reasons], (code, reasons)
        assert all(r.message_vi and r.message_en for r in reasons)
    late = {**env, "data": {**env["data"], "ends_at": "2000-01-01T00:00:00.000000+07:00"}}
    late["hash"] = p.content_hash(late)
    assert [r.code for r in p.validate_envelope(late)] == ["session.ends_before_start"]
    assert p.record_key({"id": "nope"}) is None
    assert p.record_day(env) == env["data"]["day"]


def test_gzip_is_inflated_with_a_cap() -> None:
    assert p.gunzip_bounded(gzip.compress(b"abc"), 10) == b"abc"
    with pytest.raises(p.DecompressError, match="too large"):
        p.gunzip_bounded(gzip.compress(b"a" * 1000), 999)
    with pytest.raises(p.DecompressError):
        p.gunzip_bounded(gzip.compress(b"a" * 1000)[:-9], 10_000)
    with pytest.raises(p.DecompressError):
        p.gunzip_bounded(b"plain text", 100)


def test_digest_ignores_order() -> None:
    a = [("x", 1, "h1"), ("y", 2, "h2")]
    assert p.digest(a) == p.digest(list(reversed(a))) != p.digest(a[:1])


def test_backoff_is_exponential_capped_and_jittered() -> None:
    policy = RetryPolicy(base=1.0, cap=8.0)
    rng = random.Random(0)
    for attempt, top in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (10, 8.0)]:
        waits = [policy.delay(attempt, rng) for _ in range(200)]
        assert top / 2 <= min(waits) and max(waits) <= top
        assert len(set(waits)) > 100  # jitter: clients do not retry in lockstep
    assert policy.delay(1, rng, retry_after=30) == 30
    assert policy.delay(1, rng, retry_after=10_000) == 300


def test_retries_stop_at_the_deadline_or_when_cancelled() -> None:
    calls = []

    def failing() -> None:
        calls.append(time.monotonic())
        raise RetryableError(UNREACHABLE)

    with pytest.raises(GaveUp):
        with_retries(
            failing,
            policy=RetryPolicy(base=0.01, cap=0.02),
            rng=random.Random(1),
            deadline=time.monotonic() + 0.2,
            cancel=threading.Event(),
        )
    assert len(calls) > 3
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    t0 = time.monotonic()
    with pytest.raises(Cancelled):
        with_retries(
            failing,
            policy=RetryPolicy(base=5, cap=5),
            rng=random.Random(1),
            deadline=None,  # forever, until cancelled
            cancel=cancel,
        )
    assert time.monotonic() - t0 < 2


def test_rate_limiter_token_bucket() -> None:
    now = [0.0]
    rl = RateLimiter(2.0, 3, clock=lambda: now[0])
    assert [rl.allow("d") for _ in range(3)] == [0, 0, 0]
    assert rl.allow("d") == pytest.approx(0.5)
    assert rl.allow("other") == 0
    now[0] += 0.5
    assert rl.allow("d") == 0


def test_engine_runs_in_a_worker_thread_and_can_be_cancelled(inst: Installation) -> None:
    from app.ids import now
    from app.sync_state import SyncServer

    make_activity(inst, random.Random(2), n=2)
    with inst.db.session() as s:  # enrolled with a server that never answers
        s.merge(
            SyncServer(
                id=1,
                url="http://127.0.0.1:9",
                device_id=inst.actor.device_id,
                commune_code=inst.actor.commune_code,
                token="hvs1_x",
                enrolled_at=now(),
            )
        )
    phases: list[str] = []
    engine = SyncEngine(
        inst.db,
        config=SyncConfig(connect_timeout=0.2, retry=RetryPolicy(base=0.05, cap=0.1)),
        progress=lambda pr: phases.append(pr.phase),
    )
    assert engine.probe(timeout=0.2) is False
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(engine.run_once(max_wait=None)))
    worker.start()
    time.sleep(0.5)
    engine.cancel()
    worker.join(timeout=5)
    assert not worker.is_alive()
    [report] = result
    assert report.error is not None and report.error.code == "sync.cancelled"
    assert report.pending > 0 and "wait" in phases
    with pytest.raises(Exception) as e:
        enrol(
            inst.db,
            "http://127.0.0.1:9",
            "AAAA",
            max_wait=0.2,
            config=SyncConfig(connect_timeout=0.1),
        )
    assert getattr(e.value, "code", "") == "sync.unreachable"
