"""Sync against the real server (SQLite and PostgreSQL): the whole commune arrives, nothing is
sent twice, one change costs one record, orphans wait in a backlog, rejected records are
quarantined with reasons and resent after a fix, catalogues reach the device, reconcile
re-sends what the server lacks, and a lost answer is fetched again by batch id."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import requests
from sqlalchemy import delete, func, select

from app.ids import now as _now
from app.installation import Installation
from app.models import CatalogueVersion, Outbox, Person, Skill
from app.reference import data_file
from app.sync_state import SyncServer
from sync import issues
from sync.client import SyncEngine
from sync.protocol import PROTOCOL_VERSION, batch_body, new_batch_id
from sync.records import load_envelopes
from sync.server.catalogue import publish_catalogue
from sync.server.models import backlog_wait, record, rejection
from sync.server.stats import commune_stats
from tests.conftest import COMMUNE
from tests.sync.harness import ServerThread, client_set, make_activity, server_set


def _token(inst: Installation) -> str:
    with inst.db.session() as s:
        row = s.get(SyncServer, 1)
        assert row is not None
        return row.token


def _post(url: str, token: str, body: object) -> requests.Response:
    return requests.post(
        url + "/v1/batches",
        data=gzip.compress(json.dumps(body).encode()),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Encoding": "gzip",
            "Content-Type": "application/json",
        },
        timeout=10,
    )


def test_initial_sync_then_only_changes(
    enrolled: Installation, server: ServerThread, engine: SyncEngine
) -> None:
    rng = random.Random(1)
    for _ in range(3):
        make_activity(enrolled, rng, n=8)
    expected = client_set(enrolled.db)
    assert engine.probe()
    first = engine.run_once(max_wait=20)
    assert first.ok, first
    assert first.sent == len(expected) and first.acknowledged == len(expected)
    assert first.quarantined == first.conflicts == 0
    assert server_set(server.engine) == expected
    # Nothing new: nothing is sent.
    again = engine.run_once(max_wait=20)
    assert again.ok and again.sent == 0 and again.batches == 0
    # One edit: exactly one record travels.
    with enrolled.db.session(enrolled.actor) as s:
        p = s.scalars(select(Person)).first()
        assert p is not None
        p.notes = "đã sửa"
    one = engine.run_once(max_wait=20)
    assert one.ok and one.sent == 1 and one.batches == 1
    assert server_set(server.engine) == client_set(enrolled.db)
    with enrolled.db.session() as s:
        states = {
            k: n for k, n in s.execute(select(Outbox.state, func.count()).group_by(Outbox.state))
        }
    assert set(states) == {"acked"}
    stats = {c.commune_code: c for c in commune_stats(server.engine)}[COMMUNE]
    assert stats.records["person"] == len([r for r in expected if r[0] in _ids(enrolled, "person")])
    assert stats.last_sync_at is not None and stats.devices == 1


def _ids(inst: Installation, entity: str) -> set[str]:
    from sync.records import TABLES

    t = TABLES[entity]
    with inst.db.session() as s:
        return set(s.scalars(select(t.c.id)))


def test_children_before_parents_wait_in_backlog(
    enrolled: Installation, server: ServerThread
) -> None:
    make_activity(enrolled, random.Random(2), n=3)
    token = _token(enrolled)
    with enrolled.db.session() as s:
        attendance = next(
            iter(load_envelopes(s, "attendance", _ids(enrolled, "attendance")).values())
        )
    r = _post(
        server.url,
        token,
        batch_body(new_batch_id(), enrolled.actor.device_id, _now(), [attendance]),
    )
    assert r.status_code == 200, r.text
    assert [x["status"] for x in r.json()["results"]] == ["backlog"]
    with server.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(backlog_wait)).scalar() == 2
        assert c.execute(select(record.c.orphan).where(record.c.id == attendance["id"])).scalar()
    assert commune_stats(server.engine)[0].backlog == 1
    # The normal sync sends the parents; the orphan leaves the backlog.
    report = SyncEngine(enrolled.db).run_once(max_wait=20)
    assert report.ok
    with server.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(backlog_wait)).scalar() == 0
        assert not c.execute(
            select(record.c.orphan).where(record.c.id == attendance["id"])
        ).scalar()
    assert server_set(server.engine) == client_set(enrolled.db)


def test_rejected_record_is_quarantined_with_reasons_and_the_rest_goes_on(
    enrolled: Installation, server: ServerThread, engine: SyncEngine
) -> None:
    make_activity(enrolled, random.Random(3), n=4)
    with enrolled.db.session(enrolled.actor) as s:
        bad = Person(
            full_name="Hoàng Văn Bảy",
            search_key="hoang van bay",
            sort_key="bay",
            target_group="citizen",
            ethnicity="Tày",  # sensitive, but no consent recorded: the server refuses it
            guardian_consent=False,
            notes="",
        )
        s.add(bad)
        s.flush()
        bad_id = bad.id
    report = engine.run_once(max_wait=20)
    assert report.quarantined == 1 and report.pending == 0 and report.issues_open == 1
    assert report.acknowledged == len(client_set(enrolled.db)) - 1
    [issue] = issues.list_issues(enrolled.db)
    assert issue.record_id == bad_id and issue.kind == "rejected"
    assert issue.label == "Hoàng Văn Bảy"
    assert issue.reasons[0].code == "person.consent"
    assert "Nghị định 356" in issue.reasons[0].vi and "consent" in issue.reasons[0].en
    status = issues.sync_status(enrolled.db)
    assert status.quarantined == 1 and status.pending == 0 and status.last_success_at
    with server.engine.connect() as c:
        assert c.execute(select(rejection.c.record_id)).scalars().all() == [bad_id]
    assert bad_id not in {r[0] for r in server_set(server.engine)}
    # The officer records the consent (a new revision): it is sent and the issue clears.
    with enrolled.db.session(enrolled.actor) as s:
        p = s.get(Person, bad_id)
        assert p is not None
        p.consent_at = _now()
        p.consent_by = enrolled.actor.officer_id
    fixed = engine.run_once(max_wait=20)
    assert fixed.ok and fixed.sent == 1 and fixed.issues_open == 0
    assert server_set(server.engine) == client_set(enrolled.db)
    with server.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(rejection)).scalar() == 0
    with enrolled.db.session() as s:
        states = set(s.scalars(select(Outbox.state).where(Outbox.record_id == bad_id)))
    assert states == {"acked", "superseded"}


def test_resend_as_is_after_the_province_changed_its_mind(
    enrolled: Installation, server: ServerThread, engine: SyncEngine
) -> None:
    with enrolled.db.session(enrolled.actor) as s:
        bad = Person(
            full_name="Hà Thị Mơ",
            search_key="ha thi mo",
            sort_key="mo",
            target_group="citizen",
            disability="Khuyết tật vận động",
            guardian_consent=False,
            notes="",
        )
        s.add(bad)
        s.flush()
        bad_id = bad.id
    assert engine.run_once(max_wait=20).quarantined == 1
    assert issues.resend(enrolled.db, bad_id) == 1
    assert issues.sync_status(enrolled.db).pending == 1
    assert engine.run_once(max_wait=20).quarantined == 1  # still refused: back in quarantine
    assert [i.record_id for i in issues.list_issues(enrolled.db)] == [bad_id]


def test_published_catalogue_reaches_the_device(
    enrolled: Installation, server: ServerThread, engine: SyncEngine, tmp_path: Path
) -> None:
    csv_path = tmp_path / "catalogue.csv"
    rows = data_file("skills_catalogue.csv").read_text("utf-8").splitlines()
    rows.append(
        "AI09,Dùng trợ lý AI để viết đơn,Use an AI assistant to write a letter,6.2,Bình dân học AI"
    )
    csv_path.write_text("\n".join(r for r in rows if not r.startswith("TB04")) + "\n", "utf-8")
    pub = publish_catalogue(
        server.engine, csv_path, "2027.1", group_names_en={"Bình dân học AI": "AI for everyone"}
    )
    report = engine.run_once(max_wait=20)
    assert report.ok and report.pulled == 1
    with enrolled.db.session() as s:
        active = s.scalars(select(CatalogueVersion).where(CatalogueVersion.active)).one()
        assert (active.version, active.source) == ("2027.1", "province")
        ai = s.get(Skill, "AI09")
        assert ai is not None and ai.active
        tb04 = s.get(Skill, "TB04")
        assert tb04 is not None and not tb04.active  # withdrawn, kept for history
    assert engine.run_once(max_wait=20).pulled == 0  # the checkpoint moved with the change
    assert pub.seq >= 1


def test_reconcile_resends_what_the_server_lost(
    enrolled: Installation, server: ServerThread, engine: SyncEngine
) -> None:
    make_activity(enrolled, random.Random(5), n=6)
    assert engine.run_once(max_wait=20).ok
    everything = client_set(enrolled.db)
    # The province restored an old backup: some records are gone, one is an older revision.
    lost = sorted(everything)[:3]
    with server.engine.begin() as c:
        c.execute(delete(record).where(record.c.id.in_([x[0] for x in lost])))
    clean = engine.run_once(max_wait=20)
    assert clean.ok and clean.sent == 0  # a normal sync cannot know
    report = engine.run_once(max_wait=20, reconcile=True)
    assert report.requeued == 3, report
    final = engine.run_once(max_wait=20, reconcile=True)
    assert final.ok and final.requeued == 0
    assert server_set(server.engine) == everything


def test_lost_answer_is_fetched_again_by_batch_id(
    enrolled: Installation, server: ServerThread
) -> None:
    make_activity(enrolled, random.Random(6), n=2)
    token = _token(enrolled)
    with enrolled.db.session() as s:
        envs = [
            *load_envelopes(s, "village", _ids(enrolled, "village")).values(),
            *load_envelopes(s, "person", _ids(enrolled, "person")).values(),
        ]
    bid = new_batch_id()
    body = batch_body(bid, enrolled.actor.device_id, _now(), envs)
    first = _post(server.url, token, body).json()
    again = _post(server.url, token, body).json()
    fetched = requests.get(
        f"{server.url}/v1/batches/{bid}", headers={"Authorization": f"Bearer {token}"}, timeout=5
    ).json()
    assert first["replayed"] is False and again["replayed"] is True and fetched["replayed"] is True
    assert first["results"] == again["results"] == fetched["results"]
    assert {r["status"] for r in first["results"]} == {"created"}
    unknown = requests.get(
        f"{server.url}/v1/batches/{new_batch_id()}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "batch.unknown"
    assert PROTOCOL_VERSION == 1


def test_conflicting_versions_from_two_laptops(
    enrolled: Installation, server: ServerThread, tmp_path: Path
) -> None:
    from app.installation import init_installation
    from app.keystore import FAST_KDF
    from tests.conftest import PASSWORD
    from tests.sync.conftest import FAST, enrol_with

    a = enrolled
    with a.db.session(a.actor) as s:
        p = Person(
            full_name="Triệu Thị Mùi",
            search_key="trieu thi mui",
            sort_key="mui",
            target_group="citizen",
            guardian_consent=False,
            notes="",
        )
        s.add(p)
        s.flush()
        pid = p.id
    for note in ("một", "hai"):
        with a.db.session(a.actor) as s:
            person = s.get(Person, pid)
            assert person is not None
            person.notes = note
    assert SyncEngine(a.db, config=FAST).run_once(max_wait=20).ok  # the server holds rev 3
    b, _ = init_installation(tmp_path / "b.db", COMMUNE, "Lê Văn Bình", PASSWORD, kdf=FAST_KDF)
    try:
        enrol_with(b, server)
        with b.db.session(b.actor) as s:  # B edited an older copy of the same person (rev 2)
            s.add(
                Person(
                    id=pid,
                    full_name="Triệu Thị Mùi",
                    search_key="trieu thi mui",
                    sort_key="mui",
                    target_group="citizen",
                    guardian_consent=False,
                    notes="",
                )
            )
        with b.db.session(b.actor) as s:
            person = s.get(Person, pid)
            assert person is not None
            person.phone = "0912345678"
        engine_b = SyncEngine(b.db, config=FAST)
        report = engine_b.run_once(max_wait=20)
        assert report.conflicts == 1 and report.pending == 0
        [issue] = issues.list_issues(b.db)
        assert issue.kind == "conflict" and issue.server_revision == 3
        assert issue.reasons[0].code == "record.conflict"
        held = {r[0]: r[1] for r in server_set(server.engine)}
        assert held[pid] == 3  # the newer revision stays
        from sync.server.models import record_conflict

        with server.engine.connect() as c:
            kept = c.execute(select(record_conflict.c.revision, record_conflict.c.device_id)).all()
        assert [tuple(k) for k in kept] == [(2, b.actor.device_id)]  # B's version is kept apart
        # The officer on B decides B's version is right: it goes up above the server's.
        assert issues.keep_mine(b.db, b.actor, pid) == 4
        again = engine_b.run_once(max_wait=20)
        assert again.ok and again.acknowledged == 1 and again.issues_open == 0
        assert {r[0]: r[1] for r in server_set(server.engine)}[pid] == 4
    finally:
        b.close()
