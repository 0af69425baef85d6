"""Sessions, check-in, skill records and home visits on a real encrypted database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.errors import UserError
from app.ids import ICT
from app.installation import Installation
from app.models import Attendance, ClassSession, Outbox, SkillRecord
from app.services import directory, people, sessions
from app.services.people import PersonInput
from app.services.sessions import SessionFilter, SessionInput

START = datetime(2026, 11, 10, 8, 0, tzinfo=ICT)


def _setup(inst: Installation) -> tuple[str, list[str], str]:
    with inst.db.session(inst.actor) as s:
        v = directory.save_village(s, inst.actor, "Xóm Đồng Tâm", "xom", 420).value
        tm = directory.save_team_member(
            s, inst.actor, "Lường Văn Hải", phone="0388123456", organisation="Đoàn Thanh niên"
        ).value
        ids = [
            people.create_person(s, inst.actor, PersonInput(n, birth_year=y, village_id=v.id)).value.id
            for n, y in [("Hà Thị Lụa", 1955), ("Ma Văn Chiến", 1949), ("Dương Thị Thu", 2008)]
        ]
        ses = sessions.create_session(
            s,
            inst.actor,
            SessionInput(
                "Lớp cài đặt VNeID cho người cao tuổi",
                "elderly",
                "class",
                START,
                START + timedelta(hours=2),
                place="Nhà văn hoá xóm Đồng Tâm",
                village_id=v.id,
                target_groups=("citizen",),
                planned_skills=("DD01", "DD02", "AT01"),
                team_member_ids=(tm.id,),
            ),
        ).value
    return ses.id, ids, tm.id


def test_session_fields_round_trip_and_filters(inst: Installation) -> None:
    sid, _ids, tm = _setup(inst)
    with inst.db.session(inst.actor) as s:
        v = sessions.get_session(s, sid)
        assert v.planned_skills == ("DD01", "DD02", "AT01")
        assert v.team_member_ids == (tm,)
        assert v.day.isoformat() == "2026-11-10"
        assert [x.id for x in sessions.list_sessions(s, SessionFilter(month="2026-11"))] == [sid]
        assert sessions.list_sessions(s, SessionFilter(month="2026-10")) == []
        assert sessions.list_sessions(s, SessionFilter(format="online")) == []
        with pytest.raises(UserError) as e:
            sessions.list_sessions(s, SessionFilter(month="11/2026"))
        assert e.value.code == "filter.month"


def test_invalid_session_input(inst: Installation) -> None:
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        sessions.create_session(s, inst.actor, SessionInput("X", "elderly", "class", START, START))
    assert e.value.code == "session.end_before_start"
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        sessions.create_session(
            s, inst.actor, SessionInput("X", "elderly", "class", START, planned_skills=("ZZ9",))
        )
    assert e.value.code == "session.skill"
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        sessions.create_session(s, inst.actor, SessionInput("X", "nope", "class", START))
    assert e.value.code == "session.programme"


def test_check_in_twice_is_harmless_and_undo_tombstones(inst: Installation) -> None:
    sid, ids, _tm = _setup(inst)
    with inst.db.session(inst.actor) as s:
        first = sessions.check_in(s, inst.actor, sid, ids[0], method="card").value
        again = sessions.check_in(s, inst.actor, sid, ids[0], method="id_card").value
        assert again.already_present and again.id == first.id
        sessions.check_in(s, inst.actor, sid, ids[1])
        sessions.record_skills(s, inst.actor, ids[:2], ["DD01", "DD02"], "practised", session_id=sid)
    with inst.db.session(inst.actor) as s:
        rows = sessions.attendees(s, sid)
        assert len(rows) == 2
        assert rows[0].skills == (("DD01", "practised"), ("DD02", "practised"))
        sessions.undo_check_in(s, inst.actor, first.id)
    with inst.db.session() as s:
        assert [r.person_id for r in sessions.attendees(s, sid)] == [ids[1]]
        att = s.get(Attendance, first.id)
        assert att is not None and att.deleted_at is not None
        gone = s.scalars(
            select(SkillRecord).where(SkillRecord.person_id == ids[0])
        ).all()
        assert len(gone) == 2 and all(r.deleted_at is not None for r in gone)
        ops = s.scalars(select(Outbox.op).where(Outbox.record_id == first.id)).all()
        assert sorted(ops) == ["delete", "upsert"]


def test_skills_need_check_in_and_cancelled_session_refuses(inst: Installation) -> None:
    sid, ids, _tm = _setup(inst)
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        sessions.record_skills(s, inst.actor, [ids[2]], ["DD01"], "introduced", session_id=sid)
    assert e.value.code == "skills.not_present"
    with inst.db.session(inst.actor) as s:
        sessions.cancel_session(s, inst.actor, sid)
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        sessions.check_in(s, inst.actor, sid, ids[2])
    assert e.value.code == "session.cancelled"


def test_append_only_events_cannot_be_edited(inst: Installation) -> None:
    sid, ids, _tm = _setup(inst)
    with inst.db.session(inst.actor) as s:
        sessions.check_in(s, inst.actor, sid, ids[0])
        rec = sessions.record_skills(s, inst.actor, [ids[0]], ["DD01"], "introduced", session_id=sid)
    rid = rec.value[0].id
    with pytest.raises(RuntimeError, match="append-only"), inst.db.session(inst.actor) as s:
        r = s.get(SkillRecord, rid)
        assert r is not None
        r.outcome = "independent"
    with inst.db.session() as s:
        r2 = s.get(SkillRecord, rid)
        assert r2 is not None and r2.outcome == "introduced"


def test_duplicate_session_for_next_month(inst: Installation) -> None:
    sid, ids, _ = _setup(inst)
    with inst.db.session(inst.actor) as s:
        sessions.check_in(s, inst.actor, sid, ids[0])
        nxt = sessions.duplicate_session(s, inst.actor, sid, START + timedelta(days=28)).value
    assert nxt.attendee_count == 0 and nxt.status == "planned"
    assert nxt.ends_at == START + timedelta(days=28, hours=2)
    with inst.db.session() as s:
        row = s.get(ClassSession, nxt.id)
        assert row is not None and row.copied_from_id == sid


def test_home_visit_and_person_progress(inst: Installation) -> None:
    _sid, ids, tm = _setup(inst)
    with inst.db.session(inst.actor) as s:
        sessions.home_visit(
            s, inst.actor, ids[1], ["TT02"], "introduced", helped_by=tm, at=START - timedelta(days=30)
        )
        visit = sessions.home_visit(
            s, inst.actor, ids[1], ["TT02", "AT01"], "independent", helped_by=tm, at=START
        ).value
        assert visit.format == "home_visit" and visit.attendee_count == 1
        prog = {p.skill_code: p for p in sessions.person_progress(s, ids[1])}
        assert prog["TT02"].best_outcome == "independent" and prog["TT02"].times == 2
        assert prog["AT01"].best_outcome == "independent"
        assert len(sessions.person_sessions(s, ids[1])) == 2
