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
        self.devices = (
            str(uuid.UUID(int=rng.getrandbits(128))),
            str(uuid.UUID(int=rng.getrandbits(128))),
        )
        self.current: dict[str, dict[str, Any]] = {}
        self.members = [self.uid() for _ in range(3)]

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def day(self) -> date:
        return date(2025, 11, 1) + timedelta(days=self.rng.randrange(0, 330))

    def envelope(
        self,
        entity: str,
        rid: str,
        data: dict[str, Any],
        rev: int = 1,
        device: str | None = None,
        deleted: bool = False,
    ) -> dict[str, Any]:
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
        data = {
            "full_name": "Thành viên Tổ",
            "phone": None,
            "position": "",
            "organisation": "",
            "village_id": None,
            "active": True,
        }
        return self.envelope("team_member", rid, data)

    def village(self) -> dict[str, Any]:
        pop = self.rng.choice([None, 0, 350, 1200])
        data = {"name": "Thôn Nà Mò", "kind": "thon", "adult_population": pop}
        return self.envelope("village", self.uid(), data)

    def person(self) -> dict[str, Any]:
        rng = self.rng
        by = rng.choice([None, 1950, 1990, 2012])
        bd = None if by is None or rng.random() < 0.5 else f"{by}-0{rng.randint(1, 9)}-15"
        consent = rng.random() < 0.5
        data = {
            "full_name": "Người Thử",
            "birth_date": bd,
            "birth_year": by,
            "sex": rng.choice(["M", "F", None]),
            "id_number": None,
            "phone": None,
            "village_id": None,
            "target_group": rng.choice(GROUPS),
            "ethnicity": rng.choice([None, "Kinh", "Tày", " Nùng"]) if consent else None,
            "disability": rng.choice([None, "khiếm thị"]) if consent else None,
            "consent_at": "2026-01-02T08:00:00.000000+07:00" if consent else None,
            "consent_by": None,
            "guardian_consent": False,
            "notes": "",
            "merged_into_id": None,
        }
        return self.envelope("person", self.uid(), data)

    def session(self) -> dict[str, Any]:
        rng = self.rng
        d = self.day()
        data = {
            "title": "Lớp VNeID",
            "programme_code": rng.choice(["BDHVS", "VNEID-2026"]),
            "format": rng.choice(["class", "community", "home_visit", "online"]),
            "starts_at": _ts(d, 8),
            "ends_at": rng.choice([None, _ts(d, 10, 30), _ts(d, 7)]),
            "day": d.isoformat(),
            "place": "Nhà văn hoá",
            "village_id": None,
            "status": rng.choice(["held", "held", "planned", "cancelled"]),
            "target_groups": ["citizen"],
            "planned_skills": ["DD02"],
            "team_member_ids": rng.sample(self.members, rng.randint(0, 2)),
            "notes": "",
            "copied_from_id": None,
        }
        return self.envelope("session", self.uid(), data)

    def attendance(self, session: dict[str, Any], person: dict[str, Any]) -> dict[str, Any]:
        data = {
            "session_id": session["id"],
            "person_id": person["id"],
            "checked_in_at": session["data"]["starts_at"],
            "day": session["data"]["day"],
            "method": "card",
            "target_group": self.rng.choice(GROUPS),
        }
        return self.envelope("attendance", self.uid(), data)

    def skill(self, person: dict[str, Any], session: dict[str, Any] | None) -> dict[str, Any]:
        d = session["data"]["day"] if session else self.day().isoformat()
        data = {
            "person_id": person["id"],
            "skill_code": self.rng.choice(SKILLS),
            "session_id": session["id"] if session else None,
            "outcome": self.rng.choice(OUTCOMES),
            "helped_by": None,
            "day": d,
            "target_group": self.rng.choice(GROUPS),
            "note": "",
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
        elif e == "village":
            data["adult_population"] = rng.choice([None, 0, 90, 400])
        elif e == "team_member":
            data["active"] = not data["active"]
        elif e == "person":
            data["sex"] = rng.choice(["M", "F", None])
            data["target_group"] = rng.choice(GROUPS)
        deleted = (
            e in ("attendance", "skill_record", "village", "team_member") and rng.random() < 0.3
        )
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
    for name, a, b in zip(
        ("summary_person", "summary_day", "person_dim", "summary_count"), kept, rebuilt, strict=True
    ):
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
    villages = [w.village() for _ in range(4)]
    everything = villages + members + people + sessions_ + events
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
        rows = conn.execute(
            select(record).where(record.c.entity.in_(["attendance", "skill_record"]))
        )
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


def _live_records(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    with read_tx(engine) as conn:
        for r in conn.execute(select(record)).mappings():
            if r["deleted_at"] is None and not r["orphan"]:
                out.setdefault(r["entity"], []).append({"id": r["id"], **r["data"]})
    return out


def _age_band(p: dict[str, Any] | None, end: str) -> str:
    if p is None:
        return "unknown"
    bd, by = p.get("birth_date"), p.get("birth_year")
    if bd:
        age = int(end[:4]) - int(bd[:4]) - (1 if bd[5:10] > end[5:10] else 0)
    elif by:
        age = int(end[:4]) - by
    else:
        return "unknown"
    return "under16" if age < 16 else "16_59" if age < 60 else "60plus"


@pytest.mark.parametrize("quarter", ["2026-Q1", "2026-Q3"])
def test_province_indicators_match_records(db: Engine, quarter: str) -> None:
    """Every per-commune figure of the province report, worked out again from the raw records
    the server holds (after revisions, tombstones and conflicts)."""
    from sync.server.communes import commune_name
    from sync.server.console.indicators import province_report
    from sync.server.console.queries import parse_quarter

    rng = random.Random(11)
    w = World(rng)
    members = [w.team_member(m) for m in w.members]
    villages = [w.village() for _ in range(3)]
    people = [w.person() for _ in range(30)]
    sessions_ = [w.session() for _ in range(12)]
    events = [w.attendance(rng.choice(sessions_), rng.choice(people)) for _ in range(90)]
    events += [w.skill(rng.choice(people), rng.choice([None, *sessions_])) for _ in range(90)]
    everything = villages + members + people + sessions_ + events
    rng.shuffle(everything)
    for i in range(0, len(everything), 40):
        _send(db, w, everything[i : i + 40])
    _send(db, w, [w.revise(e) for e in rng.sample(everything, 40)])

    rep = province_report(db, quarter)
    name = commune_name(COMMUNE)
    live = _live_records(db)
    persons = {p["id"]: p for p in live.get("person", [])}
    with read_tx(db) as conn:  # person breakdowns use every person record, live or not
        for r in conn.execute(select(record).where(record.c.entity == "person")).mappings():
            persons.setdefault(r["id"], {"id": r["id"], **r["data"]})

    for period, tables in ((rep.quarter, rep.annex_quarter), (rep.ytd, rep.annex_ytd)):
        _check_period(period, tables, live, persons, name)
    # The province total of a one-commune province is that commune's row, for every table.
    for t in rep.annex_quarter:
        assert t.total is not None
        ours = next(v for label, v in t.rows if label == name)
        assert [x for i, x in enumerate(t.total[1]) if i not in t.percent] == [
            x for i, x in enumerate(ours) if i not in t.percent
        ]
    # Province breakdowns add up to the annex totals, window by window (quarter, year to date).
    by_key = {t.key: t for t in rep.breakdowns}
    for i, annex in enumerate((rep.annex_quarter, rep.annex_ytd)):
        tot = {t.key[:-2]: t.total[1] for t in annex if t.total}
        assert by_key["programmes"].total and by_key["programmes"].total[1][i] == tot["sessions"][4]
        groups = by_key["target_groups"]
        assert sum(v[i] for _l, v in groups.rows) == tot["people"][0]
        assert sum(v[2 + i] for _l, v in groups.rows) == tot["people"][1]
        ages = by_key["sex_age"].rows
        sexes = [v[i] for label, v in ages if label in ("Nữ", "Nam", "Không rõ giới tính")]
        assert sum(sexes) == tot["people"][0]
        assert (
            sum(v[i] for label, v in ages if label not in ("Nữ", "Nam", "Không rõ giới tính"))
            == (tot["people"][0])
        )
        skill_rows = dict(by_key["skill_list"].rows)
        live_skl = [
            r
            for r in live.get("skill_record", [])
            if (rep.quarter if i == 0 else rep.ytd).start
            <= r["day"]
            <= (rep.quarter if i == 0 else rep.ytd).end
        ]
        for code in SKILLS:
            label = next((k for k in skill_rows if k.strip().startswith(f"{code} —")), None)
            helped = {r["person_id"] for r in live_skl if r["skill_code"] == code}
            if label is None:
                assert not helped
                continue
            indep = {
                r["person_id"]
                for r in live_skl
                if r["skill_code"] == code and r["outcome"] == "independent"
            }
            assert skill_rows[label][i] == len(helped) and skill_rows[label][2 + i] == len(indep)
    # The summary's quarter column equals the annex totals.
    people_total = next(t for t in rep.annex_quarter if t.key == "people_q").total
    assert people_total is not None
    assert rep.summary.rows[1][1][0] == people_total[1][0]
    assert parse_quarter(quarter) is not None


def _check_period(
    period: Any,
    tables: list[Any],
    live: dict[str, list[dict[str, Any]]],
    persons: dict[str, dict[str, Any]],
    name: str,
) -> None:
    def inside(d: str) -> bool:
        return bool(period.start <= d <= period.end)

    def row(prefix: str) -> list[Any]:
        t = next(t for t in tables if t.key.startswith(prefix + "_"))
        return next(v for label, v in t.rows if label == name)

    held = [s for s in live.get("session", []) if s["status"] == "held" and inside(s["day"])]
    fmts = [
        sum(1 for s in held if s["format"] == f)
        for f in ("class", "community", "home_visit", "online")
    ]
    assert row("sessions") == [*fmts, len(held)]

    att = [a for a in live.get("attendance", []) if inside(a["day"])]
    skl = [s for s in live.get("skill_record", []) if inside(s["day"])]
    reached = {e["person_id"] for e in att + skl}
    bands = [_age_band(persons.get(p), period.end) for p in reached]
    ppl = [persons.get(p) or {} for p in reached]
    assert row("people") == [
        len(reached),
        len(att),
        sum(1 for p in ppl if p.get("sex") == "F"),
        sum(1 for p in ppl if p.get("sex") == "M"),
        bands.count("under16"),
        bands.count("16_59"),
        bands.count("60plus"),
        sum(1 for p in ppl if summary.is_minority(p)),
        sum(1 for p in ppl if summary.has_disability(p)),
    ]
    rank = {o: i + 1 for i, o in enumerate(OUTCOMES)}

    def who(codes: tuple[str, ...] = (), prefix: str = "", at_least: int = 1) -> int:
        return len(
            {
                s["person_id"]
                for s in skl
                if rank[s["outcome"]] >= at_least
                and (s["skill_code"] in codes or (prefix and s["skill_code"].startswith(prefix)))
            }
        )

    indep = [s for s in skl if s["outcome"] == "independent"]
    assert row("skills") == [
        len({s["person_id"] for s in skl}),
        len({s["person_id"] for s in indep}),
        len({(s["person_id"], s["skill_code"]) for s in indep}),
    ]
    total_dd02 = len(
        {
            s["person_id"]
            for s in live.get("skill_record", [])
            if s["skill_code"] == "DD02"
            and s["outcome"] == "independent"
            and s["day"] <= period.end
        }
    )
    adults = sum(v["adult_population"] or 0 for v in live.get("village", []))
    ident = row("identity")
    assert ident[:5] == [
        who(("DD01",)),
        who(("DD02",)),
        who(("DD02",), at_least=3),
        total_dd02,
        adults or None,
    ]
    assert ident[5] == (round(total_dd02 / adults, 4) if adults else None)
    assert row("services") == [
        who(prefix="DVC"),
        who(("DVC02",), at_least=2),
        who(prefix="TT"),
        who(("TT01",), at_least=2),
        who(("TT03",), at_least=2),
        who(("YT01",), at_least=2),
    ]
    active = sum(1 for m in live.get("team_member", []) if m["active"])
    led: dict[str, int] = {}
    minutes = 0
    for s in held:
        for m in dict.fromkeys(s["team_member_ids"]):
            led[m] = led.get(m, 0) + 1
            minutes += summary.session_minutes(s["starts_at"], s["ends_at"])
    team = row("team")
    assert team[:4] == [active, len(led), sum(led.values()), round(minutes / 60, 1)]


def test_summaries_command_finds_and_repairs_drift(
    db: Engine, backend: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`hocvuso-server summaries` says when the kept tables differ from the records (here:
    rows deleted behind ingest's back) and `--rebuild` puts them right."""
    import json

    from sqlalchemy import delete

    from sync.server.cli import main

    w = World(random.Random(5))
    people = [w.person() for _ in range(6)]
    s = w.session()
    s["data"]["team_member_ids"] = []
    s = w.envelope("session", s["id"], s["data"])
    _send(db, w, [*people, s, *(w.attendance(s, p) for p in people)])
    assert main(["--db-url", backend, "summaries", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    with write_tx(db, COMMUNE) as conn:
        conn.execute(delete(summary_person).where(summary_person.c.person_id == people[0]["id"]))
    assert main(["--db-url", backend, "summaries", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and any("reach" in d for d in out["differences"])
    assert main(["--db-url", backend, "summaries", "--rebuild"]) == 0
    capsys.readouterr()
    assert main(["--db-url", backend, "summaries", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_report_command_writes_the_province_report(
    db: Engine, backend: str, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from sync.server.cli import main
    from sync.server.communes import commune_name

    w = World(random.Random(8))
    people = [w.person() for _ in range(5)]
    s = w.session()
    s["data"].update(team_member_ids=[], status="held", day="2026-08-03")
    s = w.envelope("session", s["id"], s["data"])
    _send(db, w, [*people, s, *(w.attendance(s, p) for p in people)])
    out = tmp_path / "tinh.xlsx"
    assert (
        main(
            [
                "--db-url",
                backend,
                "report",
                "--quarter",
                "2026-Q3",
                "--format",
                "xlsx",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    wb = load_workbook(out)
    values = {c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row}
    assert commune_name(COMMUNE) in values and len(people) in values
    pdf = tmp_path / "tinh.pdf"
    assert main(["--db-url", backend, "report", "--quarter", "2026-Q3", "--out", str(pdf)]) == 0
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Quý III năm 2026" in text
    capsys.readouterr()
    assert main(["--db-url", backend, "report", "--quarter", "quý 3"]) == 1
    err = capsys.readouterr().err
    assert "2026-Q3" in err and "không đúng dạng" in err


def test_upgrade_from_s0002_fills_the_summaries(tmp_path: Any) -> None:
    """A server that already holds records (schema s0002) gets its summaries at the upgrade."""
    from alembic import command

    from sync.server.db import _config, make_engine, migrate
    from sync.server.ingest import _row

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        cfg = _config()
        with engine.begin() as conn:
            conn.exec_driver_sql("SELECT 1")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "s0002")
        w = World(random.Random(4))
        people = [w.person() for _ in range(5)]
        s = w.session()
        s["data"].update(team_member_ids=[], status="held")
        s = w.envelope("session", s["id"], s["data"])
        events = [w.attendance(s, p) for p in people[:3]]
        auth = DeviceAuth(w.devices[0], COMMUNE)
        now = datetime.now(UTC)
        with engine.begin() as conn:
            conn.exec_driver_sql("SELECT 1")
            conn.execute(
                record.insert(), [_row(e, auth, w.uid(), now, False) for e in [*people, s, *events]]
            )
        migrate(engine)
        assert _people_rows(engine) == {
            (summary.quarter_of(s["data"]["day"]), "reach", "", p["id"]) for p in people[:3]
        }
        _check_equals_rebuild(engine)
    finally:
        engine.dispose()
