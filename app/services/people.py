"""People: create, edit, search, find likely duplicates, merge, and erase on request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from app.database import Actor
from app.errors import UserError
from app.idcard import id_cross_check
from app.ids import now, uuid7
from app.messages import Message
from app.models import Attendance, Person, SkillRecord, Village
from app.services.common import Outcome, audit, not_found, require
from app.vntext import fold, is_id_number, nfc, nfc_opt, normalize_phone, sort_key
from app.vocab import TARGET_GROUPS, check_code

SENSITIVE = ("ethnicity", "disability")

# duplicate_candidates gives its reasons in Vietnamese; their English for bilingual messages.
REASONS_EN = {
    "cùng số CCCD": "same ID number",
    "cùng họ tên": "same name",
    "cùng năm sinh": "same birth year",
    "năm sinh gần nhau": "close birth years",
    "cùng số điện thoại": "same phone number",
}


@dataclass(frozen=True)
class PersonInput:
    full_name: str
    birth_date: date | None = None
    birth_year: int | None = None
    sex: str | None = None
    id_number: str | None = None
    phone: str | None = None
    village_id: str | None = None
    target_group: str = "citizen"
    ethnicity: str | None = None
    disability: str | None = None
    consent: bool = False
    guardian_consent: bool = False
    notes: str = ""


@dataclass(frozen=True)
class PersonView:
    id: str
    full_name: str
    birth_date: date | None
    birth_year: int | None
    sex: str | None
    id_number: str | None
    phone: str | None
    village_id: str | None
    village_name: str | None
    target_group: str
    ethnicity: str | None
    disability: str | None
    has_consent: bool
    guardian_consent: bool
    notes: str
    revision: int
    sort_key: str


@dataclass(frozen=True)
class DuplicateCandidate:
    person: PersonView
    score: int
    reasons: tuple[str, ...]


def view(p: Person, village_name: str | None = None) -> PersonView:
    return PersonView(
        id=p.id,
        full_name=p.full_name,
        birth_date=p.birth_date,
        birth_year=p.birth_year,
        sex=p.sex,
        id_number=p.id_number,
        phone=p.phone,
        village_id=p.village_id,
        village_name=village_name,
        target_group=p.target_group,
        ethnicity=p.ethnicity,
        disability=p.disability,
        has_consent=p.consent_at is not None,
        guardian_consent=p.guardian_consent,
        notes=p.notes,
        revision=p.revision,
        sort_key=p.sort_key,
    )


def _village_names(s: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(s.execute(select(Village.id, Village.name).where(Village.id.in_(ids))).all())


def views(s: Session, people: list[Person]) -> list[PersonView]:
    names = _village_names(s, {p.village_id for p in people if p.village_id})
    return [view(p, names.get(p.village_id or "")) for p in people]


def clean(data: PersonInput, today: date | None = None) -> tuple[PersonInput, list[Message]]:
    """Normalise and validate; return the cleaned input and warnings. Raises UserError."""
    today = today or now().date()
    warnings: list[Message] = []
    name = nfc(data.full_name or "")
    require(
        bool(name),
        "person.name",
        "Hãy nhập họ và tên.",
        "Enter the full name.",
        "full_name",
    )
    require(
        len(name) <= 200 and not any(ch.isdigit() for ch in name),
        "person.name_invalid",
        "Họ và tên không được chứa chữ số và dài tối đa 200 ký tự.",
        "The full name may not contain digits and is at most 200 characters.",
        "full_name",
    )
    birth_year = data.birth_year
    if data.birth_date is not None:
        require(
            data.birth_date <= today,
            "person.birth_future",
            "Ngày sinh không thể ở tương lai.",
            "The birth date cannot be in the future.",
            "birth_date",
        )
        birth_year = data.birth_date.year
    if birth_year is not None:
        require(
            today.year - 120 <= birth_year <= today.year,
            "person.birth_year",
            f"Năm sinh {birth_year} không hợp lệ (phải từ {today.year - 120} đến {today.year}).",
            f"Birth year {birth_year} is not valid (must be {today.year - 120}–{today.year}).",
            "birth_year",
        )
    sex = data.sex
    require(
        sex in (None, "M", "F"),
        "person.sex",
        "Giới tính phải là Nam hoặc Nữ.",
        "Sex must be male or female.",
        "sex",
    )
    id_number = nfc_opt(data.id_number)
    if id_number is not None:
        id_number = id_number.replace(" ", "").replace(".", "")
        require(
            is_id_number(id_number),
            "person.id_number",
            "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.",
            "The personal ID number must have exactly 12 digits.",
            "id_number",
        )
        warnings.extend(id_cross_check(id_number, birth_year, sex))
    phone = None
    if data.phone and data.phone.strip():
        phone = normalize_phone(data.phone)
        require(
            phone is not None,
            "person.phone",
            "Số điện thoại không hợp lệ. Nhập 10 chữ số, ví dụ 0912345678.",
            "The phone number is not valid. Enter 10 digits, e.g. 0912345678.",
            "phone",
        )
    check_code(TARGET_GROUPS, data.target_group, "Nhóm đối tượng", "target group")
    ethnicity = nfc_opt(data.ethnicity)
    disability = nfc_opt(data.disability)
    if (ethnicity or disability) and not data.consent:
        raise UserError(
            "person.consent",
            "Dân tộc và tình trạng khuyết tật là dữ liệu nhạy cảm: chỉ ghi khi người đó đồng ý. "
            "Hãy đánh dấu 'Đã đồng ý' sau khi hỏi, hoặc để trống.",
            "Ethnicity and disability are sensitive data: record them only with the person's "
            "consent. Tick 'Consent given' after asking, or leave them empty.",
            field="consent",
        )
    if (ethnicity or disability) and birth_year is not None and today.year - birth_year < 16:
        require(
            data.guardian_consent,
            "person.guardian_consent",
            "Người dưới 16 tuổi cần cả sự đồng ý của cha mẹ hoặc người giám hộ.",
            "A person under 16 also needs a parent's or guardian's consent.",
            "guardian_consent",
        )
    cleaned = replace(
        data,
        full_name=name,
        birth_year=birth_year,
        id_number=id_number,
        phone=phone,
        ethnicity=ethnicity,
        disability=disability,
        notes=nfc(data.notes or "") if data.notes else "",
    )
    return cleaned, warnings


def _check_village(s: Session, village_id: str | None) -> None:
    if village_id is not None:
        v = s.get(Village, village_id)
        if v is None or v.deleted_at is not None:
            raise not_found("thôn/xóm", "Village")


def _id_taken(s: Session, actor: Actor, id_number: str, except_id: str | None) -> Person | None:
    q = select(Person).where(
        Person.id_number == id_number,
        Person.deleted_at.is_(None),
        Person.commune_code == actor.commune_code,
    )
    if except_id:
        q = q.where(Person.id != except_id)
    return s.scalars(q).first()


def _id_taken_error(other: Person) -> UserError:
    return UserError(
        "person.id_taken",
        f"Số CCCD này đã có trong danh sách ({other.full_name}, sinh {other.birth_year or '?'}). "
        "Hãy mở người đó thay vì tạo mới.",
        "This ID number is already recorded for another person. Open that person instead.",
        field="id_number",
    )


def _apply(p: Person, d: PersonInput, actor: Actor) -> None:
    p.full_name = d.full_name
    p.search_key = fold(d.full_name)
    p.sort_key = sort_key(d.full_name)
    p.birth_date = d.birth_date
    p.birth_year = d.birth_year
    p.sex = d.sex
    p.id_number = d.id_number
    p.phone = d.phone
    p.village_id = d.village_id
    p.target_group = d.target_group
    p.ethnicity = d.ethnicity
    p.disability = d.disability
    p.guardian_consent = d.guardian_consent
    if d.ethnicity or d.disability:
        if p.consent_at is None:
            p.consent_at = now()
            p.consent_by = actor.officer_id
    else:
        p.consent_at = None
        p.consent_by = None
    p.notes = d.notes


def create_person(s: Session, actor: Actor, data: PersonInput) -> Outcome[PersonView]:
    d, warnings = clean(data)
    _check_village(s, d.village_id)
    if d.id_number:
        other = _id_taken(s, actor, d.id_number, None)
        if other is not None:
            raise _id_taken_error(other)
    p = Person(commune_code=actor.commune_code)
    _apply(p, d, actor)
    s.add(p)
    s.flush()
    audit(s, actor, "person.create", "person", p.id)
    dups = duplicate_candidates(s, d, exclude_id=p.id, limit=3)
    for c in dups:
        warnings.append(
            Message(
                "person.maybe_duplicate",
                f"Có thể trùng với {c.person.full_name} ({', '.join(c.reasons)}).",
                "May be the same person as an existing record "
                f"({', '.join(REASONS_EN.get(r, r) for r in c.reasons)}).",
            )
        )
    return Outcome(views(s, [p])[0], (("person", p.id),), tuple(warnings))


def create_people(
    s: Session,
    actor: Actor,
    items: Sequence[PersonInput],
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Bulk creation for imports: the same cleaning, stamps and outbox as create_person, with
    one flush per chunk. The caller has already checked ID numbers and likely duplicates
    (the unique index still guards the ID number)."""
    ids: list[str] = []
    villages = set(s.scalars(select(Village.id).where(Village.deleted_at.is_(None))))
    for i, data in enumerate(items, start=1):
        d, _warnings = clean(data)
        if d.village_id is not None and d.village_id not in villages:
            raise not_found("thôn/xóm", "Village")
        p = Person(id=uuid7(), commune_code=actor.commune_code)
        _apply(p, d, actor)
        s.add(p)
        audit(s, actor, "person.create", "person", p.id)
        ids.append(p.id)
        if i % 500 == 0:
            s.flush()
        if progress is not None and (i % 100 == 0 or i == len(items)):
            progress(i, len(items))
    s.flush()
    return ids


def update_person(
    s: Session, actor: Actor, person_id: str, data: PersonInput, *, expected_revision: int | None
) -> Outcome[PersonView]:
    p = s.get(Person, person_id)
    if p is None or p.deleted_at is not None:
        raise not_found("người này", "Person")
    if expected_revision is not None and p.revision != expected_revision:
        raise UserError(
            "person.stale",
            "Hồ sơ này vừa được sửa ở nơi khác. Hãy mở lại để xem thay đổi rồi sửa tiếp.",
            "This record was just changed elsewhere. Reopen it to see the change, then edit.",
        )
    d, warnings = clean(data)
    _check_village(s, d.village_id)
    if d.id_number:
        other = _id_taken(s, actor, d.id_number, person_id)
        if other is not None:
            raise _id_taken_error(other)
    _apply(p, d, actor)
    s.flush()
    audit(s, actor, "person.update", "person", p.id)
    return Outcome(views(s, [p])[0], (("person", p.id),), tuple(warnings))


def get_person(s: Session, person_id: str, actor: Actor | None = None) -> PersonView:
    p = s.get(Person, person_id)
    if p is None or p.deleted_at is not None:
        raise not_found("người này", "Person")
    if actor is not None:
        audit(s, actor, "person.view", "person", p.id)
    return views(s, [p])[0]


def find_by_id_number(s: Session, id_number: str) -> PersonView | None:
    p = s.scalars(
        select(Person).where(Person.id_number == id_number, Person.deleted_at.is_(None))
    ).first()
    return None if p is None else views(s, [p])[0]


def _fts_query(tokens: list[str]) -> str:
    # Each token as a quoted FTS5 string: trigram substring match, implicit AND.
    return " ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def search_people(
    s: Session,
    query: str,
    *,
    limit: int = 50,
    village_id: str | None = None,
) -> list[PersonView]:
    """People whose name parts, ID number or phone contain every fragment typed (no accents
    needed), in Vietnamese name order. Fragments of 1–2 letters match the start of a name part.

    One plan whatever the number of matches: walk the partial index of live people in sort
    order and test membership in the full-text matches (SQLite builds a Bloom filter of them),
    stopping at the limit. It needs no table access until the limit is reached, so common
    fragments ("nguy", "thi") and rare ones cost about the same (tests/perf/bench_search.py).
    """
    tokens = fold(query).replace("'", " ").split()
    long_tokens = [t for t in tokens if len(t) >= 3]
    words = [t for t in tokens if len(t) < 3 and not t.isdigit()]
    short_digits = [t for t in tokens if len(t) < 3 and t.isdigit()]
    where = ["deleted_at IS NULL"]
    params: dict[str, str | int] = {"limit": limit}
    if village_id:
        where.append("village_id = :village")
        params["village"] = village_id
    for i, t in enumerate(short_digits):
        where.append(f"(id_number LIKE :d{i} OR phone LIKE :d{i})")
        params[f"d{i}"] = f"%{t}%"
    sources: list[str] = []
    if long_tokens:
        sources.append("SELECT rowid FROM person_fts WHERE person_fts MATCH :fts")
        params["fts"] = _fts_query(long_tokens)
    if words:
        sources.append("SELECT rowid FROM person_name WHERE person_name MATCH :words")
        params["words"] = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
    if sources:
        where.append("rowid IN (" + " INTERSECT ".join(sources) + ")")
    sql = (
        "SELECT id FROM person INDEXED BY ix_person_live_sort WHERE "
        + " AND ".join(where)
        + " ORDER BY sort_key, id LIMIT :limit"
    )
    ids = list(s.execute(text(sql), params).scalars())
    if not ids:
        return []
    found = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(ids)))}
    return views(s, [found[i] for i in ids])


def count_people(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))) or 0)


def duplicate_candidates(
    s: Session,
    data: PersonInput,
    *,
    exclude_id: str | None = None,
    limit: int = 10,
) -> list[DuplicateCandidate]:
    """Likely duplicates: same ID number; or same folded name with the same or a close birth
    year, or the same phone. Scored so the officer sees the most likely first."""
    key = fold(data.full_name or "")
    phone = normalize_phone(data.phone) if data.phone else None
    conds = [Person.search_key == key]
    if data.id_number:
        conds.append(Person.id_number == data.id_number)
    if phone:
        conds.append(Person.phone == phone)
    q = select(Person).where(Person.deleted_at.is_(None), or_(*conds)).limit(200)
    if exclude_id:
        q = q.where(Person.id != exclude_id)
    year = data.birth_date.year if data.birth_date else data.birth_year
    scored: list[tuple[Person, int, tuple[str, ...]]] = []
    for p in s.scalars(q):
        score = 0
        reasons: list[str] = []
        if data.id_number and p.id_number == data.id_number:
            score += 100
            reasons.append("cùng số CCCD")
        if p.search_key == key:
            score += 30
            reasons.append("cùng họ tên")
            if year is not None and p.birth_year is not None:
                if p.birth_year == year:
                    score += 40
                    reasons.append("cùng năm sinh")
                elif abs(p.birth_year - year) <= 1:
                    score += 15
                    reasons.append("năm sinh gần nhau")
                else:
                    score -= 40
        if phone and p.phone == phone:
            score += 35
            reasons.append("cùng số điện thoại")
        if data.village_id and p.village_id == data.village_id:
            score += 5
        if score >= 50:
            scored.append((p, score, tuple(reasons)))
    scored.sort(key=lambda t: -t[1])
    scored = scored[:limit]
    pviews = views(s, [p for p, _, _ in scored])
    out = [DuplicateCandidate(v, sc, rs) for v, (_, sc, rs) in zip(pviews, scored, strict=True)]
    return out


def merge_people(s: Session, actor: Actor, keep_id: str, remove_id: str) -> Outcome[PersonView]:
    """Merge two records of the same person. History is kept: the removed record's attendance
    and skill events are re-issued for the kept person (events are append-only) and the
    originals tombstoned; empty fields of the kept record are filled from the removed one."""
    require(
        keep_id != remove_id,
        "merge.same",
        "Hãy chọn hai hồ sơ khác nhau để gộp.",
        "Choose two different records to merge.",
    )
    keep = s.get(Person, keep_id)
    gone = s.get(Person, remove_id)
    if keep is None or gone is None or keep.deleted_at or gone.deleted_at:
        raise not_found("hồ sơ cần gộp", "Record to merge")
    if keep.id_number and gone.id_number and keep.id_number != gone.id_number:
        raise UserError(
            "merge.id_conflict",
            "Hai hồ sơ có số CCCD khác nhau nên không phải cùng một người. Không gộp.",
            "The two records have different ID numbers, so they are not the same person.",
        )
    ts = now()
    changed: list[tuple[str, str]] = [("person", keep.id), ("person", gone.id)]
    kept_sessions = set(
        s.scalars(
            select(Attendance.session_id).where(
                Attendance.person_id == keep.id, Attendance.deleted_at.is_(None)
            )
        )
    )
    for a in list(
        s.scalars(
            select(Attendance).where(Attendance.person_id == gone.id, Attendance.deleted_at.is_(None))
        )
    ):
        a.deleted_at = ts
        changed.append(("attendance", a.id))
        if a.session_id not in kept_sessions:
            new = Attendance(
                session_id=a.session_id,
                person_id=keep.id,
                checked_in_at=a.checked_in_at,
                day=a.day,
                method=a.method,
                target_group=a.target_group,
                commune_code=a.commune_code,
            )
            s.add(new)
            kept_sessions.add(a.session_id)
    for r in list(
        s.scalars(
            select(SkillRecord).where(
                SkillRecord.person_id == gone.id, SkillRecord.deleted_at.is_(None)
            )
        )
    ):
        r.deleted_at = ts
        changed.append(("skill_record", r.id))
        s.add(
            SkillRecord(
                person_id=keep.id,
                skill_code=r.skill_code,
                session_id=r.session_id,
                outcome=r.outcome,
                helped_by=r.helped_by,
                day=r.day,
                target_group=r.target_group,
                note=r.note,
                commune_code=r.commune_code,
            )
        )
    id_number = gone.id_number
    gone.deleted_at = ts
    gone.merged_into_id = keep.id
    gone.id_number = None
    s.flush()
    for attr in ("birth_date", "birth_year", "sex", "phone", "village_id"):
        if getattr(keep, attr) is None and getattr(gone, attr) is not None:
            setattr(keep, attr, getattr(gone, attr))
    if keep.id_number is None and id_number:
        keep.id_number = id_number
    if keep.consent_at is None and gone.consent_at is not None:
        keep.ethnicity, keep.disability = gone.ethnicity, gone.disability
        keep.consent_at, keep.consent_by = gone.consent_at, gone.consent_by
    if gone.notes and gone.notes not in keep.notes:
        keep.notes = (keep.notes + "\n" + gone.notes).strip()
    s.flush()
    audit(s, actor, "person.merge", "person", keep.id, f"merged={gone.id}")
    return Outcome(views(s, [keep])[0], tuple(changed))


def erase_person(s: Session, actor: Actor, person_id: str) -> Outcome[str]:
    """The right to erasure: blank every personal field and tombstone the record. Attendance
    and skill events stay (anonymous) so that counts already reported do not change."""
    p = s.get(Person, person_id)
    if p is None or p.deleted_at is not None:
        raise not_found("người này", "Person")
    p.full_name = "(đã xoá)"
    p.search_key = ""
    p.sort_key = "~"
    for attr in ("birth_date", "id_number", "phone", "ethnicity", "disability", "consent_at"):
        setattr(p, attr, None)
    p.notes = ""
    p.deleted_at = now()
    s.flush()
    audit(s, actor, "person.erase", "person", p.id)
    return Outcome(p.id, (("person", p.id),))
