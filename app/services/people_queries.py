"""Read-side queries of the desktop people screens: keyset-paged, filtered lists over many
people, a person's overview (sessions, skill timeline, progress per Thông tư 02 domain), and the
few composed writes those screens need (create after a duplicate check, create-then-merge).

Lists are paged by keyset on (sort_key, id), never by OFFSET, so the thousandth page costs what
the first one does, and a page never holds more than the rows asked for.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    TextClause,
    and_,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from app.database import Actor
from app.ids import ICT, now
from app.models import (
    Attendance,
    ClassSession,
    Competence,
    Person,
    Programme,
    Skill,
    SkillRecord,
    TeamMember,
    Village,
)
from app.reference import domains
from app.services.common import Outcome
from app.services.people import (
    DuplicateCandidate,
    PersonInput,
    PersonView,
    clean,
    create_person,
    duplicate_candidates,
    get_person,
    merge_people,
)
from app.vntext import fold
from app.vocab import OUTCOME_RANK

AGE_BANDS: dict[str, tuple[str, str]] = {
    "under16": ("Dưới 16 tuổi", "Under 16"),
    "16to59": ("Từ 16 đến 59 tuổi", "16 to 59"),
    "60plus": ("Từ 60 tuổi", "60 and over"),
    "unknown": ("Chưa rõ năm sinh", "Birth year unknown"),
}

Cursor = tuple[str, str]
"""The (sort_key, id) of the last row of a page: the next page starts after it."""


@dataclass(frozen=True)
class PeopleFilter:
    """What the officer typed and chose above the people list. Empty means everybody."""

    text: str = ""
    village_id: str | None = None
    target_group: str | None = None
    age_band: str | None = None  # a key of AGE_BANDS
    skill_not_mastered: str | None = None  # skill code: nobody who can already do it alone


@dataclass(frozen=True)
class PersonRow:
    """One line of the people list."""

    id: str
    full_name: str
    birth_date: date | None
    birth_year: int | None
    sex: str | None
    id_number: str | None
    phone: str | None
    village_name: str | None
    target_group: str
    sort_key: str


@dataclass(frozen=True)
class PeoplePage:
    rows: tuple[PersonRow, ...]
    cursor: Cursor | None  # where the next page starts; None when this was the last page

    @property
    def more(self) -> bool:
        return self.cursor is not None


def _fts(tokens: list[str]) -> str:
    # Each token as a quoted FTS5 string: trigram substring match, implicit AND.
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def _plain(column: Any, scan: bool) -> Any:
    """The column, or when walking name order the same value behind a unary plus, which
    SQLite never answers from an index: the walk must stay on the name-order index."""
    if not scan:
        return column
    return literal_column(f"+person.{column.key}", type_=column.type)


def _conditions(
    f: PeopleFilter, today: date, *, scan: bool = False
) -> list[ColumnElement[bool] | TextClause]:
    """The filter as SQL conditions. With `scan`, text is matched row by row (for walking the
    name-order index) instead of through the trigram index (for collecting rare matches)."""
    conds: list[ColumnElement[bool] | TextClause] = [Person.deleted_at.is_(None)]
    tokens = fold(f.text).replace("'", " ").split()
    long_tokens = [t for t in tokens if len(t) >= 3]
    if long_tokens and scan:
        # The same text the trigram index holds (see the person_fts triggers).
        doc = (
            Person.search_key
            + " "
            + func.coalesce(Person.id_number, "")
            + " "
            + func.coalesce(Person.phone, "")
        )
        conds.extend(func.instr(doc, t) > 0 for t in long_tokens)
    elif long_tokens:
        conds.append(
            text(
                "person.rowid IN (SELECT rowid FROM person_fts WHERE person_fts MATCH :fts)"
            ).bindparams(fts=_fts(long_tokens))
        )
    for t in (t for t in tokens if len(t) < 3):
        if t.isdigit():
            conds.append(or_(Person.id_number.contains(t), Person.phone.contains(t)))
        else:
            conds.append(or_(Person.search_key.startswith(t), Person.search_key.contains(" " + t)))
    if f.village_id:
        conds.append(_plain(Person.village_id, scan) == f.village_id)
    if f.target_group:
        conds.append(Person.target_group == f.target_group)
    if f.age_band:
        y = today.year
        born = _plain(Person.birth_year, scan)
        bands: dict[str, ColumnElement[bool]] = {
            "under16": born > y - 16,
            "16to59": and_(born <= y - 16, born >= y - 59),
            "60plus": born <= y - 60,
            "unknown": born.is_(None),
        }
        if f.age_band not in bands:
            raise ValueError(f"unknown age band {f.age_band!r}")
        conds.append(bands[f.age_band])
    if f.skill_not_mastered:
        mastered = (
            SkillRecord.skill_code == f.skill_not_mastered,
            SkillRecord.outcome == "independent",
            SkillRecord.deleted_at.is_(None),
        )
        if scan:
            # Walking name order, each person is probed through the person_id index (a person
            # has a few records); the unary plus keeps SQLite off the skill_code index, whose
            # every record of a popular skill it would otherwise read for each person.
            code = literal_column("+skill_record.skill_code", type_=SkillRecord.skill_code.type)
            conds.append(
                ~exists().where(
                    SkillRecord.person_id == Person.id,
                    code == f.skill_not_mastered,
                    *mastered[1:],
                )
            )
        else:
            # Counting or collecting: the set of people who can already do it, built once.
            conds.append(Person.id.not_in(select(SkillRecord.person_id).where(*mastered)))
    return conds


def _today() -> date:
    return now().astimezone(ICT).date()


SCAN_BUDGET_S = 0.1
"""How long a page may walk name order before the filter counts as rare (plan choice only)."""
INDEXED_MAX = 6000
"""Below this many matches, collecting them all through the indexes and sorting is cheaper
than walking name order (break-even is near sqrt(page size x people))."""


def _within(s: Session, stmt: Executable, seconds: float) -> list[Any] | None:
    """Run `stmt`, or give up (None) once it has worked for `seconds`: SQLite calls the
    progress handler every few thousand steps and stops the statement when it says so."""
    raw: Any = s.connection().connection.dbapi_connection
    deadline = time.monotonic() + seconds

    def over() -> int:
        return 1 if time.monotonic() > deadline else 0

    raw.set_progress_handler(over, 2000)
    try:
        return list(s.execute(stmt).all())
    except OperationalError as e:
        if "interrupted" in str(e.orig):
            return None
        raise
    finally:
        raw.set_progress_handler(None, 0)


def people_page(
    s: Session,
    f: PeopleFilter,
    after: Cursor | None = None,
    limit: int = 200,
    *,
    expected: int | None = None,
    today: date | None = None,
) -> PeoplePage:
    """The next `limit` people matching `f` in Vietnamese name order, after `after`.
    `expected` is the number of matches when already counted (it only chooses the plan).

    Two plans give the same rows. A common filter ("nguyen", 60 and over) is fastest by walking
    the name-order index and testing each row: rows stream out in order and the walk stops at
    the page's last row. For a rare filter that walk could cover the whole list, so it gets
    SCAN_BUDGET_S; past that (or when the count says the filter is rare) the trigram and column
    indexes collect the few matches and SQLite sorts them. Either way a page costs about the
    same wherever it starts, and no page ever holds more than `limit` + 1 rows.
    """
    day = today or _today()
    cols = (
        Person.id,
        Person.full_name,
        Person.birth_date,
        Person.birth_year,
        Person.sex,
        Person.id_number,
        Person.phone,
        Village.name,
        Person.target_group,
        Person.sort_key,
    )
    order = (Person.sort_key, Person.id)
    key_after = [tuple_(Person.sort_key, Person.id) > tuple_(after[0], after[1])] if after else []
    found: list[Any] | None = None
    if expected is None or expected > INDEXED_MAX:
        walk = (
            select(*cols)
            .outerjoin(Village, Village.id == Person.village_id)
            .where(*_conditions(f, day, scan=True), *key_after)
            .order_by(*order)
            .limit(limit + 1)
        )
        # A filter known to be common may walk as long as it takes.
        budget = SCAN_BUDGET_S if expected is None else 30.0
        found = _within(s, walk, budget)
    if found is None:
        indexed = (
            select(*cols)
            .outerjoin(Village, Village.id == Person.village_id)
            .where(*_conditions(f, day), *key_after)
            .order_by(*order)
            .limit(limit + 1)
        )
        found = list(s.execute(indexed).all())
    rows = [PersonRow(*list(r)) for r in found]
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = (rows[-1].sort_key, rows[-1].id) if more and rows else None
    return PeoplePage(tuple(rows), cursor)


def count_matching(s: Session, f: PeopleFilter, *, today: date | None = None) -> int:
    q = select(func.count()).select_from(Person).where(*_conditions(f, today or _today()))
    return int(s.scalar(q) or 0)


# -- choices for the filters and forms ---------------------------------------------------


@dataclass(frozen=True)
class Choice:
    code: str
    name_vi: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang.startswith("en") else self.name_vi


def skill_choices(s: Session) -> list[Choice]:
    rows = s.execute(
        select(Skill.code, Skill.name_vi, Skill.name_en)
        .where(Skill.active)
        .order_by(Skill.sort, Skill.code)
    ).all()
    return [Choice(*r) for r in rows]


# -- one person's overview ---------------------------------------------------------------


@dataclass(frozen=True)
class AttendedSession:
    session_id: str
    day: date
    title: str
    programme_vi: str
    programme_en: str
    format: str
    status: str


@dataclass(frozen=True)
class TimelineEntry:
    record_id: str
    day: date
    skill_code: str
    skill_vi: str
    skill_en: str
    competence_code: str
    outcome: str
    helped_by: str | None  # team member's name
    session_title: str | None
    note: str


@dataclass(frozen=True)
class DomainProgress:
    """One Thông tư 02 domain: how many of its catalogue skills the person reached, by their
    furthest outcome so far."""

    domain: int
    name_vi: str
    name_en: str
    introduced: int
    practised: int
    independent: int
    catalogue_skills: int

    @property
    def helped(self) -> int:
        return self.introduced + self.practised + self.independent


@dataclass(frozen=True)
class PersonOverview:
    person: PersonView
    sessions: tuple[AttendedSession, ...]
    timeline: tuple[TimelineEntry, ...]
    domains: tuple[DomainProgress, ...]


def person_overview(s: Session, actor: Actor | None, person_id: str) -> PersonOverview:
    """Everything the person page shows. Records the view in the audit log when `actor`."""
    person = get_person(s, person_id, actor)
    sess_rows = s.execute(
        select(
            ClassSession.id,
            ClassSession.day,
            ClassSession.title,
            Programme.name_vi,
            Programme.name_en,
            ClassSession.format,
            ClassSession.status,
        )
        .join(Attendance, Attendance.session_id == ClassSession.id)
        .join(Programme, Programme.code == ClassSession.programme_code)
        .where(
            Attendance.person_id == person_id,
            Attendance.deleted_at.is_(None),
            ClassSession.deleted_at.is_(None),
        )
        .order_by(ClassSession.starts_at.desc(), ClassSession.id)
    ).all()
    sessions = tuple(AttendedSession(*r) for r in sess_rows)

    rec_rows = s.execute(
        select(
            SkillRecord.id,
            SkillRecord.day,
            SkillRecord.skill_code,
            Skill.name_vi,
            Skill.name_en,
            Skill.competence_code,
            SkillRecord.outcome,
            TeamMember.full_name,
            ClassSession.title,
            SkillRecord.note,
        )
        .join(Skill, Skill.code == SkillRecord.skill_code)
        .outerjoin(TeamMember, TeamMember.id == SkillRecord.helped_by)
        .outerjoin(ClassSession, ClassSession.id == SkillRecord.session_id)
        .where(SkillRecord.person_id == person_id, SkillRecord.deleted_at.is_(None))
        .order_by(SkillRecord.day, SkillRecord.created_at, SkillRecord.id)
    ).all()
    timeline = tuple(TimelineEntry(*list(r)) for r in rec_rows)

    competence_domain = dict(s.execute(select(Competence.code, Competence.domain)).all())
    per_domain_total: dict[int, int] = {}
    for code in s.scalars(select(Skill.competence_code).where(Skill.active)):
        d = competence_domain.get(code)
        if d is not None:
            per_domain_total[d] = per_domain_total.get(d, 0) + 1
    best: dict[str, tuple[int, str]] = {}  # skill -> (domain, best outcome)
    for e in timeline:
        d = competence_domain.get(e.competence_code)
        if d is None:
            continue
        cur = best.get(e.skill_code)
        if cur is None or OUTCOME_RANK[e.outcome] > OUTCOME_RANK[cur[1]]:
            best[e.skill_code] = (d, e.outcome)
    counts: dict[int, dict[str, int]] = {}
    for d, outcome in best.values():
        counts.setdefault(d, {}).setdefault(outcome, 0)
        counts[d][outcome] += 1
    progress = tuple(
        DomainProgress(
            d,
            vi,
            en,
            counts.get(d, {}).get("introduced", 0),
            counts.get(d, {}).get("practised", 0),
            counts.get(d, {}).get("independent", 0),
            per_domain_total.get(d, 0),
        )
        for d, (vi, en) in sorted(domains().items())
    )
    return PersonOverview(person, sessions, timeline, progress)


# -- composed writes of the person form --------------------------------------------------


@dataclass(frozen=True)
class SaveResult:
    """Either the saved person, or the likely duplicates found before anything was written."""

    outcome: Outcome[PersonView] | None
    duplicates: tuple[DuplicateCandidate, ...] = ()


def create_checked(
    s: Session, actor: Actor, data: PersonInput, *, ignore_duplicates: bool = False
) -> SaveResult:
    """Create a person unless likely duplicates exist (and the officer has not seen them yet).
    Validation errors are raised first, so the form can point at the field."""
    cleaned, _warnings = clean(data)
    if not ignore_duplicates:
        dups = duplicate_candidates(s, cleaned, limit=5)
        if dups:
            return SaveResult(None, tuple(dups))
    return SaveResult(create_person(s, actor, data))


def create_and_merge(
    s: Session, actor: Actor, data: PersonInput, keep_id: str
) -> Outcome[PersonView]:
    """The officer typed a person who already exists: keep the existing record and fill its
    empty fields from what was typed (through the ordinary merge, so history stays)."""
    # The typed ID number may be the one the existing record already carries.
    existing = get_person(s, keep_id)
    typed = data
    if data.id_number and existing.id_number == clean(data)[0].id_number:
        typed = replace(data, id_number=None)
    made = create_person(s, actor, typed)
    merged = merge_people(s, actor, keep_id, made.value.id)
    return Outcome(merged.value, made.changed + merged.changed, made.warnings)


def village_people_counts(s: Session) -> dict[str, int]:
    """Live people per village id (for the villages list)."""
    rows = s.execute(
        select(Person.village_id, func.count())
        .where(Person.deleted_at.is_(None), Person.village_id.is_not(None))
        .group_by(Person.village_id)
    ).all()
    return {str(v): int(n) for v, n in rows}
