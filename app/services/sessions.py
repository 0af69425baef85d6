"""Class sessions (classes, community sessions, home visits, online): plan, edit, duplicate,
cancel, list; check people in; record the skills each attendee was helped with."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database import Actor
from app.errors import UserError
from app.ids import ICT, now
from app.models import (
    Attendance,
    ClassSession,
    Person,
    Programme,
    Skill,
    SkillRecord,
    TeamMember,
    Village,
)
from app.services.common import Outcome, audit, not_found, require
from app.vntext import nfc
from app.vocab import FORMATS, OUTCOME_RANK, OUTCOMES, SESSION_STATUSES, TARGET_GROUPS, check_code


@dataclass(frozen=True)
class SessionInput:
    title: str
    programme_code: str
    format: str
    starts_at: datetime
    ends_at: datetime | None = None
    place: str = ""
    village_id: str | None = None
    status: str = "planned"
    target_groups: tuple[str, ...] = ()
    planned_skills: tuple[str, ...] = ()
    team_member_ids: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class SessionView:
    id: str
    title: str
    programme_code: str
    format: str
    starts_at: datetime
    ends_at: datetime | None
    day: date
    place: str
    village_id: str | None
    status: str
    target_groups: tuple[str, ...]
    planned_skills: tuple[str, ...]
    team_member_ids: tuple[str, ...]
    notes: str
    attendee_count: int
    revision: int


@dataclass(frozen=True)
class SessionFilter:
    month: str | None = None  # "2026-11"
    date_from: date | None = None
    date_to: date | None = None
    programme_code: str | None = None
    format: str | None = None
    village_id: str | None = None
    status: str | None = None
    include_home_visits: bool = True


def _view(c: ClassSession, attendees: int) -> SessionView:
    return SessionView(
        id=c.id,
        title=c.title,
        programme_code=c.programme_code,
        format=c.format,
        starts_at=c.starts_at,
        ends_at=c.ends_at,
        day=c.day,
        place=c.place,
        village_id=c.village_id,
        status=c.status,
        target_groups=tuple(c.target_groups),
        planned_skills=tuple(c.planned_skills),
        team_member_ids=tuple(c.team_member_ids),
        notes=c.notes,
        attendee_count=attendees,
        revision=c.revision,
    )


def _attendee_count(s: Session, session_id: str) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(Attendance)
            .where(Attendance.session_id == session_id, Attendance.deleted_at.is_(None))
        )
        or 0
    )


def _clean(s: Session, d: SessionInput) -> SessionInput:
    title = nfc(d.title or "")
    require(bool(title), "session.title", "Hãy nhập tên buổi học.", "Enter a title.", "title")
    prog = s.get(Programme, d.programme_code)
    require(
        prog is not None,
        "session.programme",
        "Hãy chọn chương trình trong danh sách.",
        "Choose a programme from the list.",
        "programme_code",
    )
    check_code(FORMATS, d.format, "Hình thức", "format")
    check_code(SESSION_STATUSES, d.status, "Trạng thái", "status")
    for g in d.target_groups:
        check_code(TARGET_GROUPS, g, "Nhóm đối tượng", "target group")
    require(
        d.starts_at.tzinfo is not None,
        "session.time",
        "Thời gian bắt đầu không hợp lệ.",
        "The start time is not valid.",
        "starts_at",
    )
    if d.ends_at is not None:
        require(
            d.ends_at > d.starts_at,
            "session.end_before_start",
            "Giờ kết thúc phải sau giờ bắt đầu.",
            "The end time must be after the start time.",
            "ends_at",
        )
    known = set(s.scalars(select(Skill.code).where(Skill.code.in_(d.planned_skills))))
    unknown = [c for c in d.planned_skills if c not in known]
    require(
        not unknown,
        "session.skill",
        f"Không có kỹ năng mã {', '.join(unknown)} trong danh mục.",
        f"No skill with code {', '.join(unknown)} in the catalogue.",
        "planned_skills",
    )
    if d.team_member_ids:
        found = set(
            s.scalars(select(TeamMember.id).where(TeamMember.id.in_(d.team_member_ids)))
        )
        require(
            found == set(d.team_member_ids),
            "session.team",
            "Có thành viên Tổ công nghệ số không còn trong danh sách. Hãy chọn lại.",
            "A team member is no longer on the list. Choose again.",
            "team_member_ids",
        )
    if d.village_id is not None:
        require(
            s.get(Village, d.village_id) is not None,
            "session.village",
            "Thôn/xóm đã chọn không còn. Hãy chọn lại.",
            "The chosen village no longer exists. Choose again.",
            "village_id",
        )
    return replace(
        d,
        title=title,
        place=nfc(d.place or ""),
        notes=nfc(d.notes or ""),
        target_groups=tuple(dict.fromkeys(d.target_groups)),
        planned_skills=tuple(dict.fromkeys(d.planned_skills)),
        team_member_ids=tuple(dict.fromkeys(d.team_member_ids)),
    )


def _apply(c: ClassSession, d: SessionInput) -> None:
    c.title = d.title
    c.programme_code = d.programme_code
    c.format = d.format
    c.starts_at = d.starts_at
    c.ends_at = d.ends_at
    c.day = d.starts_at.astimezone(ICT).date()
    c.place = d.place
    c.village_id = d.village_id
    c.status = d.status
    c.target_groups = list(d.target_groups)
    c.planned_skills = list(d.planned_skills)
    c.team_member_ids = list(d.team_member_ids)
    c.notes = d.notes


def create_session(s: Session, actor: Actor, data: SessionInput) -> Outcome[SessionView]:
    d = _clean(s, data)
    c = ClassSession(commune_code=actor.commune_code)
    _apply(c, d)
    s.add(c)
    s.flush()
    audit(s, actor, "session.create", "session", c.id)
    return Outcome(_view(c, 0), (("session", c.id),))


def _get(s: Session, session_id: str) -> ClassSession:
    c = s.get(ClassSession, session_id)
    if c is None or c.deleted_at is not None:
        raise not_found("buổi học", "Session")
    return c


def get_session(s: Session, session_id: str) -> SessionView:
    c = _get(s, session_id)
    return _view(c, _attendee_count(s, c.id))


def update_session(
    s: Session, actor: Actor, session_id: str, data: SessionInput
) -> Outcome[SessionView]:
    c = _get(s, session_id)
    d = _clean(s, data)
    _apply(c, d)
    s.flush()
    audit(s, actor, "session.update", "session", c.id)
    return Outcome(_view(c, _attendee_count(s, c.id)), (("session", c.id),))


def duplicate_session(
    s: Session, actor: Actor, session_id: str, starts_at: datetime
) -> Outcome[SessionView]:
    """A copy for the next occurrence (monthly sessions repeat); attendance is not copied."""
    c = _get(s, session_id)
    length = (c.ends_at - c.starts_at) if c.ends_at else None
    d = SessionInput(
        title=c.title,
        programme_code=c.programme_code,
        format=c.format,
        starts_at=starts_at,
        ends_at=starts_at + length if length else None,
        place=c.place,
        village_id=c.village_id,
        status="planned",
        target_groups=tuple(c.target_groups),
        planned_skills=tuple(c.planned_skills),
        team_member_ids=tuple(c.team_member_ids),
        notes=c.notes,
    )
    out = create_session(s, actor, d)
    new = s.get(ClassSession, out.value.id)
    assert new is not None
    new.copied_from_id = c.id
    return out


def cancel_session(s: Session, actor: Actor, session_id: str) -> Outcome[SessionView]:
    c = _get(s, session_id)
    c.status = "cancelled"
    s.flush()
    audit(s, actor, "session.cancel", "session", c.id)
    return Outcome(_view(c, _attendee_count(s, c.id)), (("session", c.id),))


def list_sessions(s: Session, f: SessionFilter | None = None) -> list[SessionView]:
    f = f or SessionFilter()
    q = select(ClassSession).where(ClassSession.deleted_at.is_(None))
    if f.month:
        try:
            y, m = (int(x) for x in f.month.split("-"))
            start = date(y, m, 1)
        except ValueError:
            raise UserError(
                "filter.month",
                "Tháng phải có dạng NNNN-TT, ví dụ 2026-11.",
                "The month must look like YYYY-MM, e.g. 2026-11.",
            ) from None
        end = date(y + (m == 12), m % 12 + 1, 1)
        q = q.where(ClassSession.day >= start, ClassSession.day < end)
    if f.date_from:
        q = q.where(ClassSession.day >= f.date_from)
    if f.date_to:
        q = q.where(ClassSession.day <= f.date_to)
    if f.programme_code:
        q = q.where(ClassSession.programme_code == f.programme_code)
    if f.format:
        q = q.where(ClassSession.format == f.format)
    elif not f.include_home_visits:
        q = q.where(ClassSession.format != "home_visit")
    if f.village_id:
        q = q.where(ClassSession.village_id == f.village_id)
    if f.status:
        q = q.where(ClassSession.status == f.status)
    rows = list(s.scalars(q.order_by(ClassSession.starts_at.desc(), ClassSession.id)))
    counts: dict[str, int] = {}
    if rows:
        counts = dict(
            s.execute(
                select(Attendance.session_id, func.count())
                .where(
                    Attendance.deleted_at.is_(None),
                    Attendance.session_id.in_([r.id for r in rows]),
                )
                .group_by(Attendance.session_id)
            ).all()
        )
    return [_view(r, counts.get(r.id, 0)) for r in rows]


# -- attendance ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceView:
    id: str
    session_id: str
    person_id: str
    person_name: str
    checked_in_at: datetime
    method: str
    already_present: bool = False


def _person(s: Session, person_id: str) -> Person:
    p = s.get(Person, person_id)
    if p is None or p.deleted_at is not None:
        raise not_found("người này", "Person")
    return p


def check_in(
    s: Session,
    actor: Actor,
    session_id: str,
    person_id: str,
    method: str = "search",
    at: datetime | None = None,
) -> Outcome[AttendanceView]:
    """Mark a person present. Checking in twice is harmless: the first record is returned."""
    c = _get(s, session_id)
    require(
        c.status != "cancelled",
        "session.cancelled",
        "Buổi học này đã bị huỷ, không thể điểm danh.",
        "This session was cancelled; check-in is not possible.",
    )
    p = _person(s, person_id)
    existing = s.scalars(
        select(Attendance).where(
            Attendance.session_id == c.id,
            Attendance.person_id == p.id,
            Attendance.deleted_at.is_(None),
        )
    ).first()
    if existing is not None:
        return Outcome(
            AttendanceView(
                existing.id, c.id, p.id, p.full_name, existing.checked_in_at, existing.method, True
            )
        )
    ts = at or now()
    a = Attendance(
        session_id=c.id,
        person_id=p.id,
        checked_in_at=ts,
        day=c.day,
        method=method,
        target_group=p.target_group,
        commune_code=c.commune_code,
    )
    s.add(a)
    if c.status == "planned" and c.day <= ts.astimezone(ICT).date():
        c.status = "held"
    s.flush()
    return Outcome(
        AttendanceView(a.id, c.id, p.id, p.full_name, a.checked_in_at, a.method),
        (("attendance", a.id), ("session", c.id)),
    )


def undo_check_in(s: Session, actor: Actor, attendance_id: str) -> Outcome[str]:
    a = s.get(Attendance, attendance_id)
    if a is None or a.deleted_at is not None:
        raise not_found("lượt điểm danh", "Check-in")
    a.deleted_at = now()
    # Skills recorded for this person in this session go with the check-in.
    changed = [("attendance", a.id)]
    for r in s.scalars(
        select(SkillRecord).where(
            SkillRecord.session_id == a.session_id,
            SkillRecord.person_id == a.person_id,
            SkillRecord.deleted_at.is_(None),
        )
    ):
        r.deleted_at = a.deleted_at
        changed.append(("skill_record", r.id))
    s.flush()
    return Outcome(a.id, tuple(changed))


@dataclass(frozen=True)
class AttendeeRow:
    attendance_id: str
    person_id: str
    full_name: str
    birth_year: int | None
    village_id: str | None
    checked_in_at: datetime
    method: str
    skills: tuple[tuple[str, str], ...]  # (skill code, best outcome in this session)
    sort_key: str


def attendees(s: Session, session_id: str) -> list[AttendeeRow]:
    rows = s.execute(
        select(Attendance, Person)
        .join(Person, Person.id == Attendance.person_id)
        .where(Attendance.session_id == session_id, Attendance.deleted_at.is_(None))
        .order_by(Attendance.checked_in_at)
    ).all()
    skills: dict[str, dict[str, str]] = {}
    for r in s.scalars(
        select(SkillRecord)
        .where(SkillRecord.session_id == session_id, SkillRecord.deleted_at.is_(None))
        .order_by(SkillRecord.created_at)
    ):
        per = skills.setdefault(r.person_id, {})
        best = per.get(r.skill_code)
        if best is None or OUTCOME_RANK[r.outcome] >= OUTCOME_RANK[best]:
            per[r.skill_code] = r.outcome
    return [
        AttendeeRow(
            a.id,
            p.id,
            p.full_name,
            p.birth_year,
            p.village_id,
            a.checked_in_at,
            a.method,
            tuple(sorted(skills.get(p.id, {}).items())),
            p.sort_key,
        )
        for a, p in rows
    ]


# -- skill records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SkillRecordView:
    id: str
    person_id: str
    skill_code: str
    session_id: str | None
    outcome: str
    helped_by: str | None
    day: date
    note: str


def _rview(r: SkillRecord) -> SkillRecordView:
    return SkillRecordView(
        r.id, r.person_id, r.skill_code, r.session_id, r.outcome, r.helped_by, r.day, r.note
    )


def record_skills(
    s: Session,
    actor: Actor,
    person_ids: list[str],
    skill_codes: list[str],
    outcome: str,
    *,
    session_id: str | None = None,
    helped_by: str | None = None,
    day: date | None = None,
    note: str = "",
) -> Outcome[list[SkillRecordView]]:
    """Record that each person was helped with each skill and how far they got."""
    check_code(OUTCOMES, outcome, "Mức độ", "outcome")
    require(
        bool(person_ids) and bool(skill_codes),
        "skills.empty",
        "Hãy chọn ít nhất một người và một kỹ năng.",
        "Choose at least one person and one skill.",
    )
    known = set(s.scalars(select(Skill.code).where(Skill.code.in_(skill_codes))))
    unknown = [c for c in skill_codes if c not in known]
    require(
        not unknown,
        "skills.unknown",
        f"Không có kỹ năng mã {', '.join(unknown)} trong danh mục.",
        f"No skill with code {', '.join(unknown)} in the catalogue.",
    )
    c = _get(s, session_id) if session_id else None
    if helped_by is not None:
        tm = s.get(TeamMember, helped_by)
        if tm is None or tm.deleted_at is not None:
            raise not_found("thành viên Tổ công nghệ số", "Team member")
    the_day = c.day if c is not None else (day or now().astimezone(ICT).date())
    records: list[SkillRecord] = []
    for pid in dict.fromkeys(person_ids):
        p = _person(s, pid)
        if c is not None:
            present = s.scalar(
                select(func.count())
                .select_from(Attendance)
                .where(
                    Attendance.session_id == c.id,
                    Attendance.person_id == p.id,
                    Attendance.deleted_at.is_(None),
                )
            )
            require(
                bool(present),
                "skills.not_present",
                f"{p.full_name} chưa được điểm danh trong buổi này. Hãy điểm danh trước.",
                "This person is not checked in to this session. Check them in first.",
            )
        for code in dict.fromkeys(skill_codes):
            r = SkillRecord(
                person_id=p.id,
                skill_code=code,
                session_id=c.id if c else None,
                outcome=outcome,
                helped_by=helped_by,
                day=the_day,
                target_group=p.target_group,
                note=nfc(note) if note else "",
                commune_code=actor.commune_code,
            )
            s.add(r)
            records.append(r)
    s.flush()
    views = [_rview(r) for r in records]
    return Outcome(views, tuple(("skill_record", v.id) for v in views))


def retract_skill_records(s: Session, actor: Actor, record_ids: list[str]) -> Outcome[int]:
    """Undo: tombstone skill records (they are events and are never edited)."""
    ts = now()
    n = 0
    for rid in record_ids:
        r = s.get(SkillRecord, rid)
        if r is not None and r.deleted_at is None:
            r.deleted_at = ts
            n += 1
    s.flush()
    return Outcome(n, tuple(("skill_record", r) for r in record_ids))


def home_visit(
    s: Session,
    actor: Actor,
    person_id: str,
    skill_codes: list[str],
    outcome: str,
    *,
    helped_by: str | None = None,
    at: datetime | None = None,
    note: str = "",
    programme_code: str = "door_to_door",
) -> Outcome[SessionView]:
    """A one-to-one visit in a person's home: a session of format home_visit with one attendee."""
    p = _person(s, person_id)
    start = at or now()
    sess = create_session(
        s,
        actor,
        SessionInput(
            title="Hướng dẫn tại nhà",
            programme_code=programme_code,
            format="home_visit",
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
            village_id=p.village_id,
            status="held",
            target_groups=(p.target_group,),
            planned_skills=tuple(skill_codes),
            team_member_ids=(helped_by,) if helped_by else (),
            notes=note,
        ),
    )
    check_in(s, actor, sess.value.id, p.id, method="manual", at=start)
    recs = record_skills(
        s, actor, [p.id], skill_codes, outcome, session_id=sess.value.id, helped_by=helped_by,
        note=note,
    )
    return Outcome(get_session(s, sess.value.id), sess.changed + recs.changed)


@dataclass(frozen=True)
class SkillProgress:
    skill_code: str
    best_outcome: str
    first_day: date
    last_day: date
    times: int


def person_skill_timeline(s: Session, person_id: str) -> list[SkillRecordView]:
    return [
        _rview(r)
        for r in s.scalars(
            select(SkillRecord)
            .where(SkillRecord.person_id == person_id, SkillRecord.deleted_at.is_(None))
            .order_by(SkillRecord.day, SkillRecord.created_at)
        )
    ]


def person_progress(s: Session, person_id: str) -> list[SkillProgress]:
    """Per skill: the furthest outcome reached and when."""
    acc: dict[str, SkillProgress] = {}
    for r in person_skill_timeline(s, person_id):
        cur = acc.get(r.skill_code)
        if cur is None:
            acc[r.skill_code] = SkillProgress(r.skill_code, r.outcome, r.day, r.day, 1)
        else:
            best = (
                r.outcome
                if OUTCOME_RANK[r.outcome] > OUTCOME_RANK[cur.best_outcome]
                else cur.best_outcome
            )
            acc[r.skill_code] = SkillProgress(
                r.skill_code, best, cur.first_day, r.day, cur.times + 1
            )
    return list(acc.values())


def person_sessions(s: Session, person_id: str) -> list[SessionView]:
    rows = s.scalars(
        select(ClassSession)
        .join(Attendance, Attendance.session_id == ClassSession.id)
        .where(Attendance.person_id == person_id, Attendance.deleted_at.is_(None))
        .order_by(ClassSession.starts_at.desc())
    )
    return [_view(c, _attendee_count(s, c.id)) for c in rows]
