"""The demo generator writes a realistic, consistent, syncable commune into a real encrypted
database, the same way for the same seed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, literal_column, select, text

from app.demo import DemoSummary, generate
from app.idcard import id_cross_check
from app.installation import Installation, init_installation
from app.keystore import FAST_KDF
from app.models import (
    Attendance,
    ClassSession,
    Outbox,
    Person,
    SkillRecord,
    TeamMember,
    Village,
)
from app.services.people import search_people
from app.services.sessions import SessionFilter, list_sessions
from app.vntext import fold, sort_key
from app.vocab import OUTCOME_RANK

TODAY = date(2026, 6, 30)
SEED = 20260630
PEOPLE = 300


def _install(path: Path) -> Installation:
    inst, _ = init_installation(
        path / "hocvuso.db", "01840", "Nguyễn Văn Đức", "matkhau123", kdf=FAST_KDF
    )
    return inst


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Installation, DemoSummary]]:
    inst = _install(tmp_path_factory.mktemp("demo"))
    steps: list[tuple[str, float]] = []
    summary = generate(inst, PEOPLE, SEED, today=TODAY, progress=lambda s, f: steps.append((s, f)))
    assert steps and steps[-1] == ("done", 1.0)
    assert [f for _, f in steps] == sorted(f for _, f in steps)
    yield inst, summary
    inst.close()


def _names(inst: Installation) -> list[str]:
    with inst.db.reader() as s:
        return list(s.scalars(select(Person.full_name).order_by(literal_column("person.rowid"))))


def test_counts_in_the_database_equal_the_summary(demo: tuple[Installation, DemoSummary]) -> None:
    inst, summary = demo
    assert summary.people == PEOPLE
    assert 8 <= summary.villages <= 25
    assert 6 <= summary.team_members <= 15
    assert summary.sessions > 0 and summary.attendance > 0 and summary.skill_records > 0
    with inst.db.reader() as s:

        def count(model: type) -> int:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)

        assert count(Village) == summary.villages
        assert count(TeamMember) == summary.team_members
        assert count(Person) == summary.people
        assert count(ClassSession) == summary.sessions
        assert count(Attendance) == summary.attendance
        assert count(SkillRecord) == summary.skill_records


def test_every_record_is_queued_for_sync(demo: tuple[Installation, DemoSummary]) -> None:
    inst, summary = demo
    with inst.db.reader() as s:
        queued = dict(
            s.execute(
                select(Outbox.entity, func.count())
                .where(Outbox.state == "pending", Outbox.op == "upsert", Outbox.revision == 1)
                .group_by(Outbox.entity)
            ).all()
        )
        missing = s.scalar(
            select(func.count())
            .select_from(Person)
            .where(~Person.id.in_(select(Outbox.record_id).where(Outbox.entity == "person")))
        )
        assert missing == 0
        p = s.scalars(select(Person).limit(1)).one()
        # The SyncMixin columns are filled as the outbox hook would fill them.
        assert p.revision == 1 and p.deleted_at is None
        assert p.commune_code == inst.actor.commune_code
        assert p.device_id == inst.actor.device_id
        assert p.created_at.tzinfo is not None and p.updated_at == p.created_at
    queued.pop("officer")  # the administrator made by init_installation
    assert queued == {
        "village": summary.villages,
        "team_member": summary.team_members,
        "person": summary.people,
        "session": summary.sessions,
        "attendance": summary.attendance,
        "skill_record": summary.skill_records,
    }


def test_id_numbers_are_unique_and_match_birth_year_and_sex(
    demo: tuple[Installation, DemoSummary],
) -> None:
    inst, _ = demo
    with inst.db.reader() as s:
        people = list(s.scalars(select(Person)))
    with_id = [p for p in people if p.id_number]
    adults = [p for p in people if p.birth_year and TODAY.year - p.birth_year >= 18]
    adults_with_id = [p for p in adults if p.id_number]
    assert 0.75 <= len(adults_with_id) / len(adults) <= 0.95
    assert len({p.id_number for p in with_id}) == len(with_id)
    for p in with_id:
        assert p.id_number is not None
        assert len(p.id_number) == 12 and p.id_number.isdigit()
        assert p.id_number[:3] in ("019", "006")
        assert id_cross_check(p.id_number, p.birth_year, p.sex) == ()
        if p.birth_date is not None:
            assert p.birth_date.year == p.birth_year
    phones = [p.phone for p in people if p.phone]
    assert 0.55 <= len(phones) / len(people) <= 0.85
    assert all(len(ph) == 10 and ph[:2] in ("03", "05", "07", "08", "09") for ph in phones)
    assert len(set(phones)) == len(phones)


def test_population_looks_like_a_commune(demo: tuple[Installation, DemoSummary]) -> None:
    inst, _ = demo
    with inst.db.reader() as s:
        people = list(s.scalars(select(Person)))
    ages = [TODAY.year - p.birth_year for p in people if p.birth_year]
    assert any(a < 16 for a in ages) and any(a >= 60 for a in ages)
    family = [p.full_name.split()[0] for p in people]
    assert 0.2 <= family.count("Nguyễn") / len(family) <= 0.45
    assert any(len(p.full_name.split()) >= 4 for p in people)
    assert {p.sex for p in people} == {"M", "F"}
    women = [p.full_name.split() for p in people if p.sex == "F"]
    men = [p.full_name.split() for p in people if p.sex == "M"]
    assert not any(len(w) > 2 and w[1] == "Văn" for w in women)
    assert not any(len(w) > 2 and w[1] == "Thị" for w in men)
    groups = {p.target_group for p in people}
    assert {"citizen", "student"} <= groups
    assert all(
        p.target_group == "student"
        for p in people
        if p.birth_year and TODAY.year - p.birth_year < 16
    )
    recorded = [p for p in people if p.ethnicity]
    assert 0 < len(recorded) < len(people) * 0.6


def test_sensitive_data_only_with_consent(demo: tuple[Installation, DemoSummary]) -> None:
    inst, _ = demo
    with inst.db.reader() as s:
        people = list(s.scalars(select(Person)))
    sensitive = [p for p in people if p.ethnicity or p.disability]
    assert sensitive
    assert all(p.consent_at is not None and p.consent_by for p in sensitive)
    assert all(p.consent_at is None for p in people if not (p.ethnicity or p.disability))
    minors = [p for p in sensitive if p.birth_year and TODAY.year - p.birth_year < 16]
    assert minors, "the sample should include a child with recorded ethnicity"
    assert all(p.guardian_consent for p in minors)


def test_sort_and_search_keys_and_search(demo: tuple[Installation, DemoSummary]) -> None:
    inst, _ = demo
    with inst.db.reader() as s:
        people = list(s.scalars(select(Person).order_by(literal_column("person.rowid"))))
        for p in people:
            assert p.search_key == fold(p.full_name)
            assert p.sort_key == sort_key(p.full_name)
        # The FTS index is filled by the insert trigger, not by the generator.
        assert s.scalar(text("SELECT count(*) FROM person_fts")) == len(people)
        for p in people[::37]:
            words = fold(p.full_name).replace("'", " ").split()
            # An accent-free fragment of the given name plus the start of the family name.
            query = f"{words[0][:2]} {words[-1][:4]}"
            found = search_people(s, query, limit=500)
            assert p.id in {f.id for f in found}, query
            assert all(f.sort_key <= g.sort_key for f, g in pairwise(found))
        with_id = next(p for p in people if p.id_number)
        assert with_id.id_number is not None
        assert with_id.id in {f.id for f in search_people(s, with_id.id_number[-6:], limit=500)}


def test_attendance_only_for_held_sessions_and_records_for_attendees(
    demo: tuple[Installation, DemoSummary],
) -> None:
    inst, _ = demo
    with inst.db.reader() as s:
        statuses = dict(s.execute(select(ClassSession.id, ClassSession.status)).all())
        attendance = s.execute(
            select(Attendance.session_id, Attendance.person_id, Attendance.day)
        ).all()
        assert {statuses[a.session_id] for a in attendance} == {"held"}
        sessions = {c.id: c for c in s.scalars(select(ClassSession))}
        assert all(a.day == sessions[a.session_id].day for a in attendance)
        assert all(sessions[a.session_id].day < TODAY for a in attendance)
        present = {(a.session_id, a.person_id) for a in attendance}
        assert len(present) == len(attendance)
        for r in s.scalars(select(SkillRecord)):
            assert (r.session_id, r.person_id) in present
            assert r.skill_code in sessions[r.session_id or ""].planned_skills
            assert r.helped_by in sessions[r.session_id or ""].team_member_ids
        homes = [c for c in sessions.values() if c.format == "home_visit"]
        assert homes
        per_session: dict[str, int] = defaultdict(int)
        for a in attendance:
            per_session[a.session_id] += 1
        assert all(per_session[c.id] == 1 for c in homes)
        future = [c for c in sessions.values() if c.day >= TODAY]
        assert future and all(c.status == "planned" for c in future)
        assert {c.status for c in sessions.values() if c.day < TODAY} <= {"held", "cancelled"}
        # Sessions read back through the service layer (types round-trip).
        listed = list_sessions(s, SessionFilter(month="2026-05"))
        assert listed and all(v.starts_at.tzinfo is not None for v in listed)
        assert {c.format for c in sessions.values()} >= {"class", "community", "home_visit"}
        assert len({c.programme_code for c in sessions.values()}) >= 5


def test_skills_progress_over_time(demo: tuple[Installation, DemoSummary]) -> None:
    inst, _ = demo
    with inst.db.reader() as s:
        rows = s.execute(
            select(SkillRecord.person_id, SkillRecord.skill_code, SkillRecord.outcome)
            .join(ClassSession, ClassSession.id == SkillRecord.session_id)
            .order_by(ClassSession.starts_at, SkillRecord.id)
        ).all()
    history: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person, skill, outcome in rows:
        history[(person, skill)].append(OUTCOME_RANK[outcome])
    steps = [(a, b) for ranks in history.values() for a, b in pairwise(ranks)]
    assert len(steps) >= 50
    not_lower = sum(b >= a for a, b in steps)
    assert not_lower / len(steps) >= 0.9
    assert sum(b > a for a, b in steps) / len(steps) >= 0.3
    # A quarterly report sees change: the share of "independent" grows through the year.
    first = rows[: len(rows) // 4]
    last = rows[-len(rows) // 4 :]
    share = [sum(r.outcome == "independent" for r in part) / len(part) for part in (first, last)]
    assert share[1] > share[0]


def test_same_seed_same_people_other_seed_others(
    demo: tuple[Installation, DemoSummary], tmp_path: Path
) -> None:
    inst, _ = demo
    again = _install(tmp_path / "again")
    other = _install(tmp_path / "other")
    try:
        generate(again, PEOPLE, SEED, today=TODAY)
        generate(other, PEOPLE, SEED + 1, today=TODAY)
        assert _names(again) == _names(inst)
        assert _names(other) != _names(inst)
    finally:
        again.close()
        other.close()
