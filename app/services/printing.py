"""What goes on printed documents: the commune header, a session's details, the people expected
on an attendance sheet, the people for learner cards, the skills on a certificate, and reading
a session or person reference (UUID or scanned code) typed at the command line.

Everything here reads the database and returns frozen dataclasses; the drawing itself lives in
`app.documents`, which never touches the database, so it can run on any thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import payload
from app.database import Actor
from app.errors import UserError
from app.ids import ICT
from app.models import (
    Attendance,
    ClassSession,
    Commune,
    Competence,
    Person,
    Programme,
    Setting,
    Skill,
    SkillRecord,
    TeamMember,
    Village,
)
from app.services.common import audit
from app.vntext import fold
from app.vocab import FORMATS, label

MAX_SHEET_ROWS = 2000
"""More expected people than this is a mistake (a whole commune), not an attendance sheet."""

_KIND_PREFIXES = ("Đặc khu ", "Phường ", "Xã ", "Thị trấn ")


@dataclass(frozen=True)
class CommuneHeader:
    """The issuing body on a printed document."""

    code: str
    name: str  # "Phường Đức Xuân"
    province_name: str

    @property
    def agency(self) -> str:
        """The top-left line: "UBND PHƯỜNG ĐỨC XUÂN"."""
        return f"UBND {self.name.upper()}"

    @property
    def place(self) -> str:
        """The place in the date line: "Đức Xuân"."""
        for prefix in _KIND_PREFIXES:
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


@dataclass(frozen=True)
class PrintPerson:
    id: str
    full_name: str
    birth_year: int | None
    village_name: str | None
    sort_key: str


@dataclass(frozen=True)
class SessionDetails:
    id: str
    title: str
    programme: str
    format: str
    starts_at: datetime
    ends_at: datetime | None
    day: date
    place: str
    village_name: str | None
    team_names: tuple[str, ...]

    @property
    def when(self) -> str:
        """ "08:00–10:00, 25/11/2026" in Vietnam time."""
        start = self.starts_at.astimezone(ICT)
        hours = f"{start:%H:%M}"
        if self.ends_at is not None:
            hours += f"–{self.ends_at.astimezone(ICT):%H:%M}"
        return f"{hours}, {self.day:%d/%m/%Y}"


@dataclass(frozen=True)
class SheetData:
    """Everything an attendance sheet shows, read in one go."""

    commune: CommuneHeader
    session: SessionDetails
    people: tuple[PrintPerson, ...]


@dataclass(frozen=True)
class CertifiedSkill:
    code: str
    name_vi: str
    competence_code: str
    competence_name_vi: str
    day: date  # when the person was first recorded doing it on their own


@dataclass(frozen=True)
class CertificateData:
    commune: CommuneHeader
    person: PrintPerson
    birth_date: date | None
    sex: str | None
    issued: date
    skills: tuple[CertifiedSkill, ...]
    signer_name: str


# -- commune, session ------------------------------------------------------------------------


def commune_header(s: Session, commune_name: str | None = None) -> CommuneHeader:
    setting = s.get(Setting, "commune_code")
    code = setting.value if setting else ""
    c = s.get(Commune, code) if code else None
    name = commune_name or (c.name if c else code)
    return CommuneHeader(code, name, c.province_name if c else "")


def _session(s: Session, session_id: str) -> ClassSession:
    c = s.get(ClassSession, session_id)
    if c is None or c.deleted_at is not None:
        raise UserError(
            "print.no_session",
            "Không tìm thấy buổi học này. Hãy kiểm tra mã buổi học (xem 'hocvuso sessions list').",
            "Session not found. Check the session id (see 'hocvuso sessions list').",
        )
    return c


def session_details(s: Session, session_id: str) -> SessionDetails:
    c = _session(s, session_id)
    prog = s.get(Programme, c.programme_code)
    village = s.get(Village, c.village_id) if c.village_id else None
    names: dict[str, str] = {}
    if c.team_member_ids:
        names = dict(
            s.execute(
                select(TeamMember.id, TeamMember.full_name).where(
                    TeamMember.id.in_(c.team_member_ids)
                )
            ).all()
        )
    return SessionDetails(
        id=c.id,
        title=c.title,
        programme=prog.name_vi if prog else c.programme_code,
        format=label(FORMATS, c.format),
        starts_at=c.starts_at,
        ends_at=c.ends_at,
        day=c.day,
        place=c.place,
        village_name=village.name if village else None,
        team_names=tuple(names[i] for i in c.team_member_ids if i in names),
    )


# -- people ------------------------------------------------------------------------------------


def live_person(s: Session, person_id: str) -> Person | None:
    """The person record, following merges (a card printed before two records were merged
    still finds the kept one); None for an erased or unknown person."""
    p = s.get(Person, person_id)
    for _ in range(10):
        if p is None:
            return None
        if p.deleted_at is None:
            return p
        if not p.merged_into_id:
            return None
        p = s.get(Person, p.merged_into_id)
    return None


def _print_people(s: Session, people: list[Person]) -> list[PrintPerson]:
    vids = {p.village_id for p in people if p.village_id}
    villages: dict[str, str] = {}
    if vids:
        villages = dict(
            s.execute(select(Village.id, Village.name).where(Village.id.in_(vids))).all()
        )
    return [
        PrintPerson(p.id, p.full_name, p.birth_year, villages.get(p.village_id or ""), p.sort_key)
        for p in people
    ]


def _people_by_ids(s: Session, ids: list[str]) -> list[Person]:
    found: dict[str, Person] = {}
    missing = 0
    for pid in dict.fromkeys(ids):
        p = live_person(s, pid)
        if p is None:
            missing += 1
        else:
            found[p.id] = p
    if missing:
        raise UserError(
            "print.no_person",
            f"Có {missing} người trong danh sách đã chọn không còn trong dữ liệu. Hãy chọn lại.",
            f"{missing} of the chosen people are no longer in the data. Choose again.",
        )
    return list(found.values())


def _village(s: Session, village_id: str) -> Village:
    v = s.get(Village, village_id)
    if v is None or v.deleted_at is not None:
        raise UserError(
            "print.no_village",
            "Không tìm thấy thôn/xóm này.",
            "Village not found.",
        )
    return v


def _attendee_people(s: Session, session_id: str) -> list[Person]:
    return list(
        s.scalars(
            select(Person)
            .join(Attendance, Attendance.person_id == Person.id)
            .where(
                Attendance.session_id == session_id,
                Attendance.deleted_at.is_(None),
                Person.deleted_at.is_(None),
            )
        )
    )


def expected_people(
    s: Session,
    session_id: str,
    *,
    people_ids: list[str] | None = None,
    from_session_id: str | None = None,
    village_id: str | None = None,
) -> list[PrintPerson]:
    """The people printed on a session's attendance sheet, in Vietnamese name order.

    Chosen people, the attendees of a previous session and a village's people are combined
    when more than one is given; with none, the session's current attendees are printed.
    """
    _session(s, session_id)
    chosen: dict[str, Person] = {}
    if people_ids:
        chosen.update((p.id, p) for p in _people_by_ids(s, people_ids))
    if from_session_id:
        _session(s, from_session_id)
        chosen.update((p.id, p) for p in _attendee_people(s, from_session_id))
    if village_id:
        _village(s, village_id)
        chosen.update(
            (p.id, p)
            for p in s.scalars(
                select(Person).where(Person.village_id == village_id, Person.deleted_at.is_(None))
            )
        )
    if people_ids is None and from_session_id is None and village_id is None:
        chosen.update((p.id, p) for p in _attendee_people(s, session_id))
    if len(chosen) > MAX_SHEET_ROWS:
        raise UserError(
            "print.too_many",
            f"Danh sách có {len(chosen)} người, quá {MAX_SHEET_ROWS} người cho một buổi. "
            "Hãy chọn ít người hơn (theo thôn/xóm hoặc từng người).",
            f"The list has {len(chosen)} people, more than {MAX_SHEET_ROWS} for one session. "
            "Choose fewer people (by village or one by one).",
        )
    people = sorted(chosen.values(), key=lambda p: (p.sort_key, p.id))
    return _print_people(s, people)


def sheet_data(
    s: Session,
    session_id: str,
    *,
    people_ids: list[str] | None = None,
    from_session_id: str | None = None,
    village_id: str | None = None,
    commune_name: str | None = None,
    actor: Actor | None = None,
) -> SheetData:
    people = expected_people(
        s,
        session_id,
        people_ids=people_ids,
        from_session_id=from_session_id,
        village_id=village_id,
    )
    data = SheetData(commune_header(s, commune_name), session_details(s, session_id), tuple(people))
    if actor is not None:
        audit(s, actor, "print.sheet", "session", session_id, f"people={len(people)}")
    return data


def card_people(
    s: Session,
    *,
    people_ids: list[str] | None = None,
    village_id: str | None = None,
    actor: Actor | None = None,
) -> list[PrintPerson]:
    """People for learner cards: the chosen ones, a village's, or everyone; ordered by
    village and then Vietnamese name order, so cards can be handed out village by village."""
    if people_ids is not None:
        people = _people_by_ids(s, people_ids)
        if village_id:
            people = [p for p in people if p.village_id == village_id]
    else:
        q = select(Person).where(Person.deleted_at.is_(None))
        if village_id:
            _village(s, village_id)
            q = q.where(Person.village_id == village_id)
        people = list(s.scalars(q))
    out = _print_people(s, people)
    out.sort(key=lambda p: (fold(p.village_name or "~"), p.sort_key, p.id))
    if actor is not None:
        audit(s, actor, "print.cards", "person", None, f"people={len(out)}")
    return out


def find_village_id(s: Session, text: str) -> str:
    """A village given by id or by name (accents optional)."""
    v = s.get(Village, text.strip())
    if v is not None and v.deleted_at is None:
        return v.id
    key = fold(text)
    for v in s.scalars(select(Village).where(Village.deleted_at.is_(None))):
        if v.search_key == key:
            return v.id
    raise UserError(
        "print.no_village",
        f"Không có thôn/xóm '{text}'. Hãy kiểm tra lại tên.",
        f"No village called '{text}'. Check the name.",
    )


# -- certificate -----------------------------------------------------------------------------


def independent_skills(
    s: Session, person_id: str, until: date | None = None
) -> list[CertifiedSkill]:
    """Skills the person was recorded doing on their own (up to `until`), with the first day."""
    q = (
        select(SkillRecord, Skill, Competence)
        .join(Skill, Skill.code == SkillRecord.skill_code)
        .join(Competence, Competence.code == Skill.competence_code)
        .where(
            SkillRecord.person_id == person_id,
            SkillRecord.deleted_at.is_(None),
            SkillRecord.outcome == "independent",
        )
        .order_by(SkillRecord.day, Skill.sort, Skill.code)
    )
    if until is not None:
        q = q.where(SkillRecord.day <= until)
    out: dict[str, CertifiedSkill] = {}
    for r, sk, comp in s.execute(q).all():
        if sk.code not in out:
            out[sk.code] = CertifiedSkill(sk.code, sk.name_vi, comp.code, comp.name_vi, r.day)
    return list(out.values())


def certificate_data(
    s: Session,
    person_id: str,
    *,
    issued: date | None = None,
    commune_name: str | None = None,
    signer_name: str = "",
    actor: Actor | None = None,
) -> CertificateData:
    p = live_person(s, person_id)
    if p is None:
        raise UserError(
            "print.no_person",
            "Không tìm thấy người này. Hãy kiểm tra mã người học.",
            "Person not found. Check the person id.",
        )
    day = issued or datetime.now(ICT).date()
    skills = independent_skills(s, p.id, day)
    if not skills:
        raise UserError(
            "print.no_skills",
            f"{p.full_name} chưa có kỹ năng nào được ghi nhận là 'Tự làm được', nên chưa có gì "
            "để xác nhận.",
            "This person has no skill recorded as 'can do it alone' yet, so there is nothing "
            "to certify.",
        )
    if actor is not None:
        audit(s, actor, "print.certificate", "person", p.id, f"skills={len(skills)}")
    return CertificateData(
        commune_header(s, commune_name),
        _print_people(s, [p])[0],
        p.birth_date,
        p.sex,
        day,
        tuple(skills),
        signer_name,
    )


# -- references typed or scanned at the command line -----------------------------------------


def _as_uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        return None


def _bad_code(ref: payload.PayloadError) -> UserError:
    return UserError.from_message(ref.message)


def session_id_from(s: Session, text: str) -> str:
    """A session id from a UUID or a scanned session/row code; UserError if unknown."""
    sid = _as_uuid(text)
    if sid is None:
        ref = payload.decode(text)
        if isinstance(ref, payload.PayloadError):
            raise _bad_code(ref)
        if isinstance(ref, payload.SessionRef | payload.RowRef):
            sid = ref.session_id
    if sid is None:
        raise UserError(
            "print.session_ref",
            f"'{text}' không phải mã buổi học. Nhập mã buổi học (UUID) hoặc quét mã QR của buổi.",
            f"'{text}' is not a session id. Give the session id (UUID) or scan its QR code.",
        )
    return _session(s, sid).id


def person_id_from(s: Session, text: str) -> str:
    """A person id from a UUID or a scanned card/row/certificate code; UserError if unknown."""
    pid = _as_uuid(text)
    if pid is None:
        ref = payload.decode(text)
        if isinstance(ref, payload.PayloadError):
            raise _bad_code(ref)
        if isinstance(ref, payload.PersonRef | payload.RowRef | payload.CertificateRef):
            pid = ref.person_id
    if pid is None:
        raise UserError(
            "print.person_ref",
            f"'{text}' không phải mã người học. Nhập mã (UUID) hoặc quét thẻ người học.",
            f"'{text}' is not a person id. Give the person id (UUID) or scan the learner card.",
        )
    p = live_person(s, pid)
    if p is None:
        raise UserError(
            "print.no_person",
            "Không tìm thấy người này. Hãy kiểm tra mã người học.",
            "Person not found. Check the person id.",
        )
    return p.id
