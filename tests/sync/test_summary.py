"""The province's summary tables, kept up at ingest, always equal a rebuild from the stored
records, and mean what they say: random batches of people, sessions, attendance and skill
records, sent in any order (children before parents, so through the backlog), revised,
tombstoned, duplicated and conflicting from a second laptop, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, select

from sync.protocol import content_hash, validate_envelope
from sync.server import summary
from sync.server.db import open_database, read_tx, write_tx
from sync.server.enrol import DeviceAuth
from sync.server.ingest import ingest
from sync.server.models import record, summary_day, summary_person

COMMUNE = "01849"
GROUPS = ("public_servant", "student", "worker", "citizen")
SKILLS = ("DD01", "DD02", "DVC02", "TT01", "TT03", "YT01", "AT01")
OUTCOMES = ("introduced", "practised", "independent")


@pytest.fixture
def db(backend: str) -> Iterator[Engine]:
    engine = open_database(backend)
    try:
        yield engine
    finally:
        engine.dispose()


def _ts(d: date, hour: int, minute: int = 0) -> str:
    tz = UTC if hour % 2 else timezone(timedelta(hours=7))
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=tz).isoformat(
        timespec="microseconds"
    )


class World:
    """Records as the laptops hold them (latest version per id, per device)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.devices = (str(uuid.UUID(int=rng.getrandbits(128))), str(uuid.UUID(int=rng.getrandbits(128))))
        self.current: dict[str, dict[str, Any]] = {}
        self.members = [self.uid() for _ in range(3)]

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def day(self) -> date:
        return date(2025, 11, 1) + timedelta(days=self.rng.randrange(0, 330))

    def envelope(self, entity: str, rid: str, data: dict[str, Any], rev: int = 1,
                 device: str | None = None, deleted: bool = False) -> dict[str, Any]:
        created = "2026-01-01T08:00:00.000000+07:00"
        env: dict[str, Any] = {
            "entity": entity,
            "id": rid,
            "revision": rev,
            "commune_code": COMMUNE,
            "created_at": created,
            "updated_at": created,
            "deleted_at": "2026-02-01T08:00:00.000000+07:00" if deleted else None,
            "device_id": device or self.devices[0],
            "officer_id": None,
            "data": data,
        }
        env["hash"] = content_hash(env)
        assert validate_envelope(env) == [], validate_envelope(env)
        return env

    def team_member(self, rid: str) -> dict[str, Any]:
        data = {"full_name": "Thành viên Tổ", "phone": None, "position": "", "organisation": "",
                "village_id": None, "active": True}
        return self.envelope("team_member", rid, data)

    def person(self) -> dict[str, Any]:
        rng = self.rng
        by = rng.choice([None, 1950, 1990, 2012])
        bd = None if by is None or rng.random() < 0.5 else f"{by}-0{rng.randint(1, 9)}-15"
        consent = rng.random() < 0.5
        data = {
            "full_name": "Người Thử", "birth_date": bd, "birth_year": by,
            "sex": rng.choice(["M", "F", None]), "id_number": None, "phone": None,
            "village_id": None, "target_group": rng.choice(GROUPS),
            "ethnicity": rng.choice([None, "Kinh", "Tày", " Nùng"]) if consent else None,
            "disability": rng.choice([None, "khiếm thị"]) if consent else None,
            "consent_at": "2026-01-02T08:00:00.000000+07:00" if consent else None,
            "consent_by": None, "guardian_consent": False, "notes": "",
            "merged_into_id": None,
        }
        return self.envelope("person", self.uid(), data)

    def session(self) -> dict[str, Any]:
        rng = self.rng
        d = self.day()
        data = {
            "title": "Lớp VNeID", "programme_code": rng.choice(["BDHVS", "VNEID-2026"]),
            "format": rng.choice(["class", "community", "home_visit", "online"]),
            "starts_at": _ts(d, 8), "ends_at": rng.choice([None, _ts(d, 10, 30), _ts(d, 7)]),
            "day": d.isoformat(), "place": "Nhà văn hoá", "village_id": None,
            "status": rng.choice(["held", "held", "planned", "cancelled"]),
            "target_groups": ["citizen"], "planned_skills": ["DD02"],
            "team_member_ids": rng.sample(self.members, rng.randint(0, 2)),
            "notes": "", "copied_from_id": None,
        }
        return self.envelope("session", self.uid(), data)

    def attendance(self, session: dict[str, Any], person: dict[str, Any]) -> dict[str, Any]:
        data = {
            "session_id": session["id"], "person_id": person["id"],
            "checked_in_at": session["data"]["starts_at"], "day": session["data"]["day"],
            "method": "card", "target_group": self.rng.choice(GROUPS),
        }
        return self.envelope("attendance", self.uid(), data)

    def skill(self, person: dict[str, Any], session: dict[str, Any] | None) -> dict[str, Any]:
        d = session["data"]["day"] if session else self.day().isoformat()
        data = {
            "person_id": person["id"], "skill_code": self.rng.choice(SKILLS),
            "session_id": session["id"] if session else None,
            "outcome": self.rng.choice(OUTCOMES), "helped_by": None, "day": d,
            "target_group": self.rng.choice(GROUPS), "note": "",
        }
        return self.envelope("skill_record", self.uid(), data)

    def revise(self, env: dict[str, Any]) -> dict[str, Any]:
        """A new revision: another day, outcome, status or a tombstone."""
        rng = self.rng
        data = dict(env["data"])
        e = env["entity"]
        if e == "skill_record":
            data["outcome"] = rng.choice(OUTCOMES)
            data["day"] = self.day().isoformat()
        elif e == "attendance":
            data["day"] = self.day().isoformat()
            data["target_group"] = rng.choice(GROUPS)
        elif e == "session":
            data["status"] = rng.choice(["held", "cancelled"])
            data["team_member_ids"] = rng.sample(self.members, rng.randint(0, 3))
            data["ends_at"] = rng.choice([None, _ts(date.fromisoformat(data["day"]), 11, 15)])
        elif e == "person":
            data["sex"] = rng.choice(["M", "F", None])
            data["target_group"] = rng.choice(GROUPS)
        deleted = e in ("attendance", "skill_record") and rng.random() < 0.3
        return self.envelope(e, env["id"], data, env["revision"] + 1, env["device_id"], deleted)


def _send(engine: Engine, world: World, batch: list[dict[str, Any]], device: int = 0) -> None:
    auth = DeviceAuth(world.devices[device], COMMUNE)
    ingest(engine, auth, world.uid(), batch, datetime.now(UTC))


def _check_equals_rebuild(engine: Engine) -> None:
    with read_tx(engine) as conn:
        kept = summary.snapshot(conn)
    with write_tx(engine, COMMUNE) as conn:
        summary.rebuild(conn)
        rebuilt = summary.snapshot(conn)
    for name, a, b in zip(("summary_person", "summary_day", "person_dim"), kept, rebuilt, strict=True):
        assert a == b, f"{name}: only kept {sorted(a - b)[:5]} only rebuilt {sorted(b - a)[:5]}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_summaries_kept_at_ingest_equal_a_rebuild(db: Engine, seed: int) -> None:
    rng = random.Random(seed)
    w = World(rng)
    members = [w.team_member(m) for m in w.members]
    people = [w.person() for _ in range(12)]
    sessions_ = [w.session() for _ in range(6)]
    events = [w.attendance(rng.choice(sessions_), rng.choice(people)) for _ in range(40)]
    events += [w.skill(rng.choice(people), rng.choice([None, *sessions_])) for _ in range(40)]
    everything = members + people + sessions_ + events
    # First delivery in a shuffled order: children often arrive before their parents.
    rng.shuffle(everything)
    for i in range(0, len(everything), 17):
        _send(db, w, everything[i : i + 17])
        _check_equals_rebuild(db)
    latest = {e["id"]: e for e in everything}
    for _round in range(4):
        changed = [w.revise(latest[rid]) for rid in rng.sample(sorted(latest), 25)]
        for e in changed:
            latest[e["id"]] = e
        batch = changed + rng.sample(changed, 5)  # duplicates in the same delivery
        _send(db, w, batch)
        # The second laptop sends its own version of a few records at the same revision.
        rivals = [
            w.envelope(e["entity"], e["id"], w.revise(e)["data"], e["revision"], w.devices[1])
            for e in rng.sample(changed, 4)
        ]
        _send(db, w, rivals, device=1)
        _check_equals_rebuild(db)
    assert _people_rows(db) == _expected_from_records(db)


def _people_rows(engine: Engine) -> set[tuple[str, str, str, str]]:
    p = summary_person.c
    with read_tx(engine) as conn:
        return {
            (r.quarter, r.kind, r.key, r.person_id)
            for r in conn.execute(select(p.quarter, p.kind, p.key, p.person_id))
        }


def _expected_from_records(engine: Engine) -> set[tuple[str, str, str, str]]:
    """The same rows worked out in plain Python from the record table."""
    out: set[tuple[str, str, str, str]] = set()
    with read_tx(engine) as conn:
        rows = conn.execute(select(record).where(record.c.entity.in_(["attendance", "skill_record"])))
        for r in rows.mappings():
            if r["deleted_at"] or r["orphan"]:
                continue
            d = r["data"]
            q = f"{d['day'][:4]}-Q{(int(d['day'][5:7]) - 1) // 3 + 1}"
            out.add((q, "reach", "", d["person_id"]))
            if r["entity"] == "skill_record":
                rank = OUTCOMES.index(d["outcome"]) + 1
                for need, kind in ((1, "skill"), (2, "prac"), (3, "indep")):
                    if rank >= need:
                        out.add((q, kind, d["skill_code"], d["person_id"]))
    assert out, "the scenario produced live events"
    return out


def test_session_minutes_and_quarters() -> None:
    assert summary.quarter_of("2026-01-01") == "2026-Q1"
    assert summary.quarter_of("2026-03-31") == "2026-Q1"
    assert summary.quarter_of("2026-04-01") == "2026-Q2"
    assert summary.quarter_of("2026-12-31") == "2026-Q4"
    s = "2026-08-14T08:00:00.000000+07:00"
    assert summary.session_minutes(s, "2026-08-14T09:30:00.000000+07:00") == 90
    assert summary.session_minutes(s, "2026-08-14T01:30:00.000000+00:00") == 30  # other offset
    assert summary.session_minutes(s, "2026-08-14T07:00:00.000000+07:00") == 0  # ends before
    assert summary.session_minutes(s, None) == 0


def test_day_counts_follow_revisions(db: Engine) -> None:
    """A held session counted by format and programme; cancelling it takes it away again."""
    w = World(random.Random(9))
    s = w.session()
    s["data"]["status"] = "held"
    s["data"]["team_member_ids"] = []  # no parents to wait for
    s = w.envelope("session", s["id"], s["data"])
    _send(db, w, [s])
    d = summary_day.c

    def counts() -> dict[tuple[str, str], int]:
        with read_tx(db) as conn:
            return {
                (r.metric, r.dim): r.n
                for r in conn.execute(select(d.metric, d.dim, d.n).where(d.metric == "sessions"))
            }

    fmt, prog = s["data"]["format"], s["data"]["programme_code"]
    assert counts() == {("sessions", f"format:{fmt}"): 1, ("sessions", f"programme:{prog}"): 1}
    cancelled = dict(s["data"], status="cancelled")
    _send(db, w, [w.envelope("session", s["id"], cancelled, 2)])
    assert counts() == {}
