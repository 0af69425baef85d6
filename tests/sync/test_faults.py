"""Sync through a proxy that drops connections before and after the server committed, answers
500 and 503, times out, cuts answers, delivers a batch twice and reorders batches: the server
ends up holding exactly the laptop's records, no more, no fewer, and nothing is marked synced
before the server acknowledged it."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from app.installation import Installation
from app.models import Outbox, Person
from sync.client import SyncConfig, SyncEngine, SyncProgress
from sync.server.models import batch
from sync.transport import RetryPolicy
from tests.sync.conftest import FAST, enrol_with
from tests.sync.harness import ServerThread, client_set, make_activity, server_set
from tests.sync.proxy import (
    CUT_BODY,
    DROP_AFTER,
    DROP_BEFORE,
    DUPLICATE,
    ERROR_500,
    ERROR_503,
    FAULTS,
    HOLD,
    PASS,
    FaultProxy,
)

FLAKY = SyncConfig(
    batch_records=7,
    connect_timeout=0.5,
    read_timeout=0.8,
    retry=RetryPolicy(base=0.02, cap=0.2),
)


@pytest.fixture
def proxy(server: ServerThread) -> Iterator[FaultProxy]:
    p = FaultProxy(server.port, seed=7, delay=FLAKY.read_timeout + 0.4)
    yield p
    p.off()
    p.release_held()
    p.idle()
    p.close()


def _acked_never_ahead_of_server(inst: Installation, srv: ServerThread) -> None:
    """Every outbox entry marked acked is held by the server at that revision or later."""
    held = {rid: rev for rid, rev, _h in server_set(srv.engine)}
    with inst.db.session() as s:
        acked = s.execute(
            select(Outbox.record_id, func.max(Outbox.revision))
            .where(Outbox.state == "acked")
            .group_by(Outbox.record_id)
        ).all()
    ahead = [(rid, rev) for rid, rev in acked if held.get(rid, 0) < rev]
    assert not ahead, f"acked locally but not on the server: {ahead[:3]}"


def _batches(srv: ServerThread) -> int:
    with srv.engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(batch)).scalar_one())


def test_random_faults_converge_to_exactly_the_laptops_records(
    inst: Installation, server: ServerThread, proxy: FaultProxy
) -> None:
    enrol_with(inst, server, url=proxy.url)
    rng = random.Random(20261125)
    engine = SyncEngine(inst.db, config=FLAKY, rng=random.Random(1))
    proxy.then(*FAULTS)  # each fault at least once, whatever the random draws
    for i in range(12):
        # Every other run, faults hit only the batch endpoints, so runs also end (max_wait 0:
        # give up at the first failure) with a batch whose answer is unknown.
        proxy.set_random(0.5, paths=("/",) if i % 2 else ("/v1/batches",))
        make_activity(inst, rng, n=4)
        engine.run_once(max_wait=rng.choice([0.0, 0.2, 2.0]))
        _acked_never_ahead_of_server(inst, server)
    proxy.off()
    proxy.release_held()
    assert proxy.idle()
    final = engine.run_once(max_wait=30)
    assert final.ok, final
    assert proxy.idle()
    assert server_set(server.engine) == client_set(inst.db)
    assert final.issues_open == 0
    seen = {f for f in FAULTS if proxy.log.count(f)}
    assert seen == set(FAULTS), f"faults never exercised: {set(FAULTS) - seen}"


def test_answer_lost_after_commit_is_replayed_not_redone(
    inst: Installation, server: ServerThread, proxy: FaultProxy
) -> None:
    enrol_with(inst, server, url=proxy.url)
    make_activity(inst, random.Random(2), n=4)
    expected = client_set(inst.db)
    proxy.then(PASS, DROP_AFTER, CUT_BODY, ERROR_500, ERROR_503, DROP_BEFORE)
    report = SyncEngine(inst.db, config=FAST).run_once(max_wait=20)
    assert report.ok and report.acknowledged == len(expected)
    assert server_set(server.engine) == expected
    assert _batches(server) == report.batches  # the retried batch was stored once


def test_batch_delivered_twice_at_once(
    inst: Installation, server: ServerThread, proxy: FaultProxy
) -> None:
    enrol_with(inst, server, url=proxy.url)
    make_activity(inst, random.Random(3), n=4)
    proxy.then(PASS, DUPLICATE, DUPLICATE, DUPLICATE)
    report = SyncEngine(inst.db, config=FAST).run_once(max_wait=20)
    assert proxy.idle()
    assert report.ok and report.conflicts == 0
    assert server_set(server.engine) == client_set(inst.db)
    assert _batches(server) == report.batches


def test_an_old_batch_delivered_after_a_newer_one_changes_nothing(
    inst: Installation, server: ServerThread, proxy: FaultProxy
) -> None:
    enrol_with(inst, server, url=proxy.url)
    make_activity(inst, random.Random(4), n=4)
    # Run 1: the batch is held by the network and every retry fails; the run gives up.
    proxy.hold_for = 3  # run 2: hello, GET of the lost batch, then the new batch, then it
    proxy.then(PASS, HOLD)
    proxy.set_random(1.0, faults=(DROP_BEFORE,))
    first = SyncEngine(inst.db, config=FAST).run_once(max_wait=0.3)
    assert not first.ok and proxy.held_count() == 1
    proxy.off()
    # Meanwhile the officer edits records that were in the held batch.
    with inst.db.session(inst.actor) as s:
        for p in s.scalars(select(Person)):
            p.notes = "sửa sau khi lô cũ bị giữ lại"
    second = SyncEngine(inst.db, config=FAST).run_once(max_wait=20)
    assert second.ok, second
    assert proxy.held_count() == 0 and proxy.idle()
    assert _batches(server) == second.batches + 1  # the old batch did arrive, last
    assert server_set(server.engine) == client_set(inst.db)


def test_edits_made_while_a_batch_is_in_flight_are_not_lost(
    inst: Installation, server: ServerThread
) -> None:
    enrol_with(inst, server)
    make_activity(inst, random.Random(5), n=3)
    with inst.db.session() as s:
        target = s.scalars(select(Person.id)).first()
    edited: list[int] = []

    def on_progress(p: SyncProgress) -> None:
        if p.phase == "push" and not edited:
            with inst.db.session(inst.actor) as s:
                person = s.get(Person, target)
                assert person is not None
                person.notes = "sửa trong lúc đang gửi"
                s.flush()
                edited.append(person.revision)

    engine = SyncEngine(inst.db, config=SyncConfig(batch_records=500), progress=on_progress)
    first = engine.run_once(max_wait=20)
    assert edited and first.pending == 1 and not first.ok
    held = {rid: rev for rid, rev, _h in server_set(server.engine)}
    assert held[target] == edited[0] - 1  # the version that was in flight
    with inst.db.session() as s:
        states = dict(
            (rev, st)
            for rev, st in s.execute(
                select(Outbox.revision, Outbox.state).where(Outbox.record_id == target)
            )
        )
    assert states[edited[0]] == "pending"
    second = engine.run_once(max_wait=20)
    assert second.ok and second.sent == 1
    assert server_set(server.engine) == client_set(inst.db)
