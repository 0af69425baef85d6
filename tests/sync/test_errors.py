"""Clear errors that change nothing: a revoked token, another commune's record, oversized
batches, malformed JSON and gzip, an unknown protocol version, too many requests; enrolment
codes that are single-use, expiring and bound to one commune; a clock a day off."""

from __future__ import annotations

import gzip
import json
import random
import uuid
from datetime import timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from app import database
from app.errors import UserError
from app.ids import now
from app.installation import Installation
from app.models import Outbox, Person, Village
from app.sync_state import SyncServer
from sync.client import SyncEngine, enrol
from sync.protocol import batch_body, new_batch_id
from sync.records import load_envelopes
from sync.server.enrol import issue_code, revoke
from sync.server.models import batch, device
from tests.conftest import COMMUNE
from tests.sync.conftest import FAST, enrol_with
from tests.sync.harness import ServerThread, client_set, make_activity, server_set


def _token(inst: Installation) -> str:
    with inst.db.session() as s:
        row = s.get(SyncServer, 1)
        assert row is not None
        return row.token


def _raw(
    url: str, token: str | None, data: bytes, headers: dict[str, str] | None = None
) -> requests.Response:
    h = {"Content-Type": "application/json", **(headers or {})}
    if data[:2] == b"\x1f\x8b":
        h.setdefault("Content-Encoding", "gzip")
    if token:
        h["Authorization"] = f"Bearer {token}"
    return requests.post(url + "/v1/batches", data=data, headers=h, timeout=10)


def _gz(obj: Any) -> bytes:
    return gzip.compress(json.dumps(obj).encode())


def _error(r: requests.Response) -> dict[str, Any]:
    body = r.json()["error"]
    assert body["message_vi"] and body["message_en"] and body["code"]
    return dict(body)


def _server_state(srv: ServerThread) -> tuple[set[tuple[str, int, str]], int]:
    with srv.engine.connect() as c:
        batches = c.execute(select(func.count()).select_from(batch)).scalar_one()
    return server_set(srv.engine), batches


def _persons(inst: Installation) -> list[dict[str, Any]]:
    with inst.db.session() as s:
        v = load_envelopes(s, "village", list(s.scalars(select(Village.id))))
        p = load_envelopes(s, "person", list(s.scalars(select(Person.id))))
    return [*v.values(), *p.values()]


def test_revoked_token_is_refused_and_nothing_changes(
    enrolled: Installation, server: ServerThread, engine: SyncEngine
) -> None:
    make_activity(enrolled, random.Random(1), n=3)
    assert engine.run_once(max_wait=10).ok
    make_activity(enrolled, random.Random(2), n=3)
    before = _server_state(server)
    revoke(server.engine, enrolled.actor.device_id)
    report = engine.run_once(max_wait=10)
    assert not report.ok and report.error is not None
    assert report.error.code == "auth.revoked"
    assert "thu hồi" in report.error.vi and "revoked" in report.error.en
    assert report.pending > 0 and report.sent == 0
    assert _server_state(server) == before
    raw = _raw(
        server.url,
        _token(enrolled),
        _gz(batch_body(new_batch_id(), enrolled.actor.device_id, now(), _persons(enrolled))),
    )
    assert raw.status_code == 401 and _error(raw)["code"] == "auth.revoked"
    assert _server_state(server) == before
    with enrolled.db.session() as s:
        assert s.scalar(select(func.count()).where(Outbox.state == "uploading")) == 0


def test_unknown_token_and_missing_token(server: ServerThread) -> None:
    r = _raw(server.url, None, _gz({"protocol": 1}))
    assert r.status_code == 401 and _error(r)["code"] == "auth.missing"
    r = _raw(server.url, "hvs1_not-a-real-token", _gz({"protocol": 1}))
    assert r.status_code == 401 and _error(r)["code"] == "auth.invalid"


def test_another_communes_record_is_rejected_alone(
    enrolled: Installation, server: ServerThread, engine: SyncEngine
) -> None:
    make_activity(enrolled, random.Random(3), n=2)
    with enrolled.db.session(enrolled.actor) as s:
        foreign = Village(
            name="Thôn Ngoài", kind="thon", search_key="thon ngoai", commune_code="01843"
        )
        s.add(foreign)
        s.flush()
        foreign_id = foreign.id
    report = engine.run_once(max_wait=10)
    assert report.quarantined == 1 and report.pending == 0
    held = {r[0] for r in server_set(server.engine)}
    assert foreign_id not in held
    assert held == {r[0] for r in client_set(enrolled.db)} - {foreign_id}
    with enrolled.db.session() as s:
        state = s.scalars(select(Outbox.state).where(Outbox.record_id == foreign_id)).one()
        err = s.scalars(select(Outbox.last_error).where(Outbox.record_id == foreign_id)).one()
    assert state == "quarantined" and err and "record.commune_forbidden" in err


def test_oversized_batches_are_refused_whole(tmp_path: Any, inst: Installation) -> None:
    srv = ServerThread(
        f"sqlite:///{tmp_path / 's.db'}",
        max_batch_records=5,
        max_batch_bytes=4000,
        max_decompressed_bytes=100_000,
    ).start()
    try:
        enrol_with(inst, srv)
        make_activity(inst, random.Random(4), n=8)
        token = _token(inst)
        envs = _persons(inst)
        assert len(envs) > 5
        before = _server_state(srv)
        r = _raw(srv.url, token, _gz(batch_body(new_batch_id(), inst.actor.device_id, now(), envs)))
        assert r.status_code == 413 and _error(r)["code"] == "batch.too_large"
        big = gzip.compress(json.dumps({"protocol": 1, "pad": "x" * 5000}).encode(), 0)
        r = _raw(srv.url, token, big, {"Content-Encoding": "gzip"})
        assert r.status_code == 413
        bomb = gzip.compress(b" " * 2_000_000)  # tiny on the wire, huge inflated
        r = _raw(srv.url, token, bomb, {"Content-Encoding": "gzip"})
        assert r.status_code == 413 and _error(r)["code"] == "batch.too_large"
        assert _server_state(srv) == before
        # The client learns the limits in the handshake and stays within them.
        report = SyncEngine(inst.db, config=FAST).run_once(max_wait=20)
        assert report.ok and report.batches >= len(client_set(inst.db)) // 5
        assert server_set(srv.engine) == client_set(inst.db)
    finally:
        srv.stop()


def test_malformed_bodies_and_unknown_protocol(
    enrolled: Installation, server: ServerThread
) -> None:
    token = _token(enrolled)
    before = _server_state(server)
    r = _raw(server.url, token, b'{"protocol": 1, "records": [')
    assert r.status_code == 400 and _error(r)["code"] == "request.malformed"
    r = _raw(server.url, token, b"not gzip at all", {"Content-Encoding": "gzip"})
    assert r.status_code == 400 and _error(r)["code"] == "request.malformed"
    r = _raw(server.url, token, b"{}", {"Content-Encoding": "br"})
    assert r.status_code == 415
    body = batch_body(new_batch_id(), enrolled.actor.device_id, now(), [])
    r = _raw(server.url, token, _gz({**body, "protocol": 2}))
    assert r.status_code == 426 and _error(r)["code"] == "protocol.unsupported"
    assert _error(r)["detail"] == {"supported": [1]}
    r = _raw(server.url, token, _gz(body), {"X-Hocvuso-Protocol": "7"})
    assert r.status_code == 426
    r = _raw(server.url, token, _gz({**body, "records": [{"entity": "person"}]}))
    assert r.status_code == 422 and _error(r)["code"] == "batch.invalid"
    r = _raw(server.url, token, _gz({**body, "batch_id": "123"}))
    assert r.status_code == 422
    # Schema errors inside a record reject that record only, with reasons.
    make_activity(enrolled, random.Random(5), n=1)
    envs = _persons(enrolled)
    broken = dict(envs[-1], data={**envs[-1]["data"], "sex": "X"})
    r = _raw(server.url, token, _gz({**body, "batch_id": new_batch_id(), "records": [broken]}))
    [res] = r.json()["results"]
    assert res["status"] == "rejected"
    assert {x["code"] for x in res["reasons"]} == {"field.choice"}
    tampered = dict(envs[0], revision=envs[0]["revision"] + 5)
    r = _raw(server.url, token, _gz({**body, "batch_id": new_batch_id(), "records": [tampered]}))
    assert r.json()["results"][0]["reasons"][0]["code"] == "record.hash"
    assert server_set(server.engine) == before[0]


def test_rate_limit_answers_429_and_the_client_waits(tmp_path: Any, inst: Installation) -> None:
    srv = ServerThread(f"sqlite:///{tmp_path / 's.db'}", rate_per_second=4.0, rate_burst=2).start()
    try:
        enrol_with(inst, srv)
        h = {"Authorization": f"Bearer {_token(inst)}"}
        codes = [requests.get(srv.url + "/v1/hello", headers=h, timeout=5) for _ in range(4)]
        limited = [r for r in codes if r.status_code == 429]
        assert limited and limited[0].headers["Retry-After"] == "1"
        assert _error(limited[0])["code"] == "rate.limited"
        make_activity(inst, random.Random(6), n=3)
        report = SyncEngine(inst.db, config=FAST).run_once(max_wait=30)
        assert report.ok, report
        assert server_set(srv.engine) == client_set(inst.db)
    finally:
        srv.stop()


def test_enrolment_codes_are_single_use_expiring_and_for_one_commune(
    inst: Installation, server: ServerThread
) -> None:
    code = issue_code(server.engine, COMMUNE).code
    first = enrol(inst.db, server.url, code, config=FAST)
    token1 = _token(inst)
    # The answer was lost: the same device retrying the same code gets the same token.
    enrol(inst.db, server.url, code.replace("-", "").lower(), config=FAST)
    assert _token(inst) == token1 and first.commune_code == COMMUNE
    other = requests.post(
        server.url + "/v1/enrol",
        json={"protocol": 1, "code": code, "device_id": str(uuid.uuid4())},
        timeout=5,
    )
    assert other.status_code == 403 and _error(other)["code"] == "enrol.code_invalid"
    expired = issue_code(server.engine, COMMUNE, hours=-1).code
    with pytest.raises(UserError) as e:
        enrol(inst.db, server.url, expired, config=FAST)
    assert e.value.code == "enrol.code_invalid"
    foreign = issue_code(server.engine, "01843").code
    with pytest.raises(UserError) as e:
        enrol(inst.db, server.url, foreign, config=FAST)
    assert e.value.code == "enrol.commune_mismatch" and "01843" in e.value.text("en")
    with pytest.raises(UserError) as e:
        enrol(inst.db, "ftp://x", code, config=FAST)
    assert e.value.code == "sync.url"
    with server.engine.connect() as c:
        hashes = c.execute(select(device.c.token_hash)).scalars().all()
    assert len(hashes) == 1 and token1 not in hashes[0]  # only the hash is stored
    assert _token(inst) == token1


def test_unreachable_server_is_reported_and_nothing_is_lost(
    enrolled: Installation, server: ServerThread
) -> None:
    make_activity(enrolled, random.Random(7), n=2)
    with enrolled.db.session() as s:
        row = s.get(SyncServer, 1)
        assert row is not None
        row.url = "http://127.0.0.1:9"  # nothing listens on the discard port
    report = SyncEngine(enrolled.db, config=FAST).run_once(max_wait=0.5)
    assert not report.reached_server and report.error is not None
    assert report.error.code in ("sync.unreachable", "sync.timeout")
    assert report.pending == len(client_set(enrolled.db))
    from sync.issues import sync_status

    st = sync_status(enrolled.db)
    assert st.last_error is not None and st.last_success_at is None


def test_a_clock_a_day_off_is_reported_and_does_not_reorder(
    enrolled: Installation, server: ServerThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_activity(enrolled, random.Random(8), n=2)
    tomorrow = lambda: now() + timedelta(days=1)  # noqa: E731
    monkeypatch.setattr(database, "now", tomorrow)
    with enrolled.db.session(enrolled.actor) as s:
        p = s.scalars(select(Person)).first()
        assert p is not None
        pid = p.id
        p.notes = "sửa khi đồng hồ chạy nhanh một ngày"
    skewed = SyncEngine(enrolled.db, config=FAST, clock=tomorrow)
    report = skewed.run_once(max_wait=10)
    assert report.ok
    assert report.clock_skew_s is not None and 86_000 < report.clock_skew_s < 86_800
    assert [w.code for w in report.warnings] == ["sync.clock_skew"]
    assert "phút" in report.warnings[0].vi
    with server.engine.connect() as c:
        skew = c.execute(select(device.c.clock_skew_s)).scalar_one()
    assert skew is not None and 86_000 < skew < 86_800
    # The clock is fixed; the next edit has an *earlier* time stamp but a higher revision.
    monkeypatch.setattr(database, "now", now)
    with enrolled.db.session(enrolled.actor) as s:
        p = s.get(Person, pid)
        assert p is not None
        p.notes = "sửa sau khi chỉnh đồng hồ"
        latest = p.revision + 1
    fixed = SyncEngine(enrolled.db, config=FAST).run_once(max_wait=10)
    assert fixed.ok and not fixed.warnings
    held = {r[0]: r[1] for r in server_set(server.engine)}
    assert held[pid] == latest
    assert server_set(server.engine) == client_set(enrolled.db)


def test_unexpected_server_errors_answer_500_and_log_no_personal_data(
    tmp_path: Any,
    inst: Installation,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    from sync.server import ingest

    srv = ServerThread(f"sqlite:///{tmp_path / 's.db'}").start()
    try:
        enrol_with(inst, srv)
        make_activity(inst, random.Random(9), n=2)

        def broken(*_a: Any, **_k: Any) -> Any:
            raise RuntimeError("INSERT failed for full_name='Hà Thị Lụa' phone=0912345678")

        monkeypatch.setattr(ingest, "ingest", broken)
        caplog.set_level("DEBUG")
        body = batch_body(new_batch_id(), inst.actor.device_id, now(), _persons(inst))
        r = _raw(srv.url, _token(inst), _gz(body))
        assert r.status_code == 500 and _error(r)["code"] == "server.error"
        assert _error(r)["retry"] is True
        assert "RuntimeError" in caplog.text
        out, err = capfd.readouterr()
        for text in (caplog.text, out, err):
            assert "Lụa" not in text and "0912345678" not in text
        report = SyncEngine(inst.db, config=FAST).run_once(max_wait=0.3)
        assert report.error is not None and report.pending > 0  # retried, then gave up; kept
    finally:
        srv.stop()
