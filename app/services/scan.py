"""Classifying what a USB scanner (or the officer) typed into the check-in field, and acting on
it: a hocvuso code (learner card, sheet row, session, certificate), the QR text of a chip ID
card, ID or phone digits, or a name fragment.

Scanning a learner card or a sheet row with a session open checks the person in (a repeated
scan is harmless); a session code opens that session; a row from another session's sheet is
not checked in but flagged, so the screen can ask the officer. Nothing here raises for bad
input: every outcome, misreads included, is a `ScanResult` with a message to show.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from app import payload
from app.database import Actor
from app.errors import UserError
from app.idcard import IdCardResult, parse_id_qr
from app.messages import Message
from app.models import ClassSession
from app.services.people import PersonView, find_by_id_number, search_people, views
from app.services.printing import independent_skills, live_person
from app.services.sessions import AttendanceView, check_in
from app.vntext import digits, is_id_number, nfc


class ScanKind(StrEnum):
    EMPTY = "empty"
    CHECKED_IN = "checked_in"  # the person is now marked present
    ALREADY_PRESENT = "already_present"  # scanned twice: nothing changed
    OTHER_SESSION_ROW = "other_session_row"  # a row of another session's sheet: ask first
    OPEN_SESSION = "open_session"  # a session code (or a row code with no session open)
    PERSON = "person"  # a learner card with no session open: show the person
    CERTIFICATE = "certificate"  # a certificate code: show whose it is and if it matches
    ID_CARD_NEW = "id_card_new"  # an ID card of someone not recorded: pre-fill a new person
    ID_CARD_ERROR = "id_card_error"  # an ID card QR that could not be read
    SEARCH = "search"  # a name, phone or ID fragment: choose among candidates
    MISREAD = "misread"  # a hocvuso code with bad check digits: scan again
    NOT_FOUND = "not_found"  # a valid code for a person or session no longer recorded
    ERROR = "error"  # the check-in itself was refused (e.g. a cancelled session)


@dataclass(frozen=True)
class ScanResult:
    kind: ScanKind
    message: Message | None = None
    person: PersonView | None = None
    session_id: str | None = None
    attendance: AttendanceView | None = None
    id_card: IdCardResult | None = None
    certificate: payload.CertificateRef | None = None
    certificate_matches_records: bool | None = None
    candidates: tuple[PersonView, ...] = ()
    needs_confirmation: bool = False  # OTHER_SESSION_ROW: check in anyway only if confirmed
    name_needs_confirmation: bool = False  # ID card: the name may be garbled by an IME
    changed: tuple[tuple[str, str], ...] = ()


_AIM_PREFIX = re.compile(r"^\]Q[0-9]")
_NUMBERISH = re.compile(r"[\d\s.+()-]+")


def _clean(text: str) -> str:
    t = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return _AIM_PREFIX.sub("", t.strip()).strip()


def _msg(code: str, vi: str, en: str) -> Message:
    return Message(f"scan.{code}", vi, en)


NOT_FOUND_PERSON = _msg(
    "no_person",
    "Mã hợp lệ nhưng người này không còn trong dữ liệu (có thể đã bị xoá).",
    "The code is valid but this person is no longer recorded (perhaps erased).",
)
NOT_FOUND_SESSION = _msg(
    "no_session",
    "Mã hợp lệ nhưng buổi học này không còn trong dữ liệu (có thể đã bị xoá).",
    "The code is valid but this session is no longer recorded (perhaps deleted).",
)


def _person_view(s: Session, person_id: str) -> PersonView | None:
    p = live_person(s, person_id)
    return None if p is None else views(s, [p])[0]


def _session_label(s: Session, session_id: str) -> tuple[str, str] | None:
    c = s.get(ClassSession, session_id)
    if c is None or c.deleted_at is not None:
        return None
    return c.title, f"{c.day:%d/%m/%Y}"


def _check_in(
    s: Session,
    actor: Actor,
    session_id: str,
    person: PersonView,
    method: str,
    id_card: IdCardResult | None = None,
) -> ScanResult:
    try:
        out = check_in(s, actor, session_id, person.id, method=method)
    except UserError as e:
        return ScanResult(ScanKind.ERROR, e.message, person=person, session_id=session_id)
    att = out.value
    if att.already_present:
        msg = _msg(
            "already",
            f"{person.full_name} đã được điểm danh lúc {att.checked_in_at:%H:%M}.",
            f"{person.full_name} was already checked in at {att.checked_in_at:%H:%M}.",
        )
        kind = ScanKind.ALREADY_PRESENT
    else:
        msg = _msg(
            "checked_in", f"Đã điểm danh: {person.full_name}.", f"Checked in: {person.full_name}."
        )
        kind = ScanKind.CHECKED_IN
    return ScanResult(
        kind,
        msg,
        person=person,
        session_id=session_id,
        attendance=att,
        changed=out.changed,
        id_card=id_card,
    )


def _person_code(
    s: Session, actor: Actor, person_id: str, current: str | None, method: str
) -> ScanResult:
    person = _person_view(s, person_id)
    if person is None:
        return ScanResult(ScanKind.NOT_FOUND, NOT_FOUND_PERSON)
    if current is None:
        card = method == "card"
        return ScanResult(
            ScanKind.PERSON,
            _msg(
                "person",
                f"{'Thẻ người học của ' if card else 'Tìm thấy '}{person.full_name}. "
                "Mở một buổi học để điểm danh.",
                f"{'Learner card of ' if card else 'Found '}{person.full_name}. "
                "Open a session to check people in.",
            ),
            person=person,
        )
    return _check_in(s, actor, current, person, method)


def _row_code(
    s: Session, actor: Actor, ref: payload.RowRef, current: str | None, allow_other: bool
) -> ScanResult:
    person = _person_view(s, ref.person_id)
    if person is None:
        return ScanResult(ScanKind.NOT_FOUND, NOT_FOUND_PERSON)
    label = _session_label(s, ref.session_id)
    if current is None:
        if label is None:
            return ScanResult(ScanKind.NOT_FOUND, NOT_FOUND_SESSION, person=person)
        return ScanResult(
            ScanKind.OPEN_SESSION,
            _msg(
                "row_open",
                f"Dòng của {person.full_name} trong danh sách buổi '{label[0]}' ({label[1]}).",
                f"Row of {person.full_name} on the sheet of '{label[0]}' ({label[1]}).",
            ),
            person=person,
            session_id=ref.session_id,
        )
    if ref.session_id == current or allow_other:
        return _check_in(s, actor, current, person, "sheet")
    title, day = label if label is not None else ("?", "?")
    return ScanResult(
        ScanKind.OTHER_SESSION_ROW,
        _msg(
            "other_session",
            f"Dòng này thuộc danh sách điểm danh của buổi khác ('{title}', {day}). "
            f"Vẫn điểm danh {person.full_name} vào buổi đang mở?",
            f"This row is from the sheet of another session ('{title}', {day}). "
            f"Check {person.full_name} in to the open session anyway?",
        ),
        person=person,
        session_id=ref.session_id,
        needs_confirmation=True,
    )


def _certificate(s: Session, ref: payload.CertificateRef) -> ScanResult:
    person = _person_view(s, ref.person_id)
    if person is None:
        return ScanResult(ScanKind.NOT_FOUND, NOT_FOUND_PERSON, certificate=ref)
    now_count = min(len(independent_skills(s, person.id, ref.issued)), 99)
    matches = now_count == ref.skill_count
    vi = (
        f"Giấy xác nhận của {person.full_name}, cấp ngày {ref.issued:%d/%m/%Y}, "
        f"{ref.skill_count} kỹ năng."
    )
    en = (
        f"Certificate of {person.full_name}, issued {ref.issued:%d/%m/%Y}, "
        f"{ref.skill_count} skills."
    )
    if matches:
        vi += " Khớp với dữ liệu."
        en += " It matches the records."
    else:
        vi += f" Dữ liệu hiện ghi {now_count} kỹ năng đến ngày đó: hãy kiểm tra."
        en += f" The records now show {now_count} skills up to that date: please check."
    return ScanResult(
        ScanKind.CERTIFICATE,
        _msg("certificate", vi, en),
        person=person,
        certificate=ref,
        certificate_matches_records=matches,
    )


def _id_card(
    s: Session, actor: Actor, text: str, current: str | None, today: date | None
) -> ScanResult:
    card = parse_id_qr(text, today)
    if card.id_number is None:
        return ScanResult(
            ScanKind.ID_CARD_ERROR,
            card.error
            or _msg("id_card", "Không đọc được thẻ căn cước.", "Cannot read the ID card."),
            id_card=card,
        )
    found = find_by_id_number(s, card.id_number)
    if found is None:
        return ScanResult(
            ScanKind.ID_CARD_NEW,
            _msg(
                "id_card_new",
                "Chưa có người này trong danh sách. Kiểm tra thông tin đọc từ thẻ rồi lưu.",
                "This person is not recorded yet. Check the details read from the card, then save.",
            ),
            id_card=card,
            name_needs_confirmation=card.name_needs_confirmation,
        )
    if current is None:
        return ScanResult(
            ScanKind.PERSON,
            _msg(
                "id_card_person",
                f"Thẻ căn cước của {found.full_name}.",
                f"ID card of {found.full_name}.",
            ),
            person=found,
            id_card=card,
        )
    return _check_in(s, actor, current, found, "id_card", id_card=card)


def _search(s: Session, query: str, limit: int) -> ScanResult:
    # Punctuation alone would match everyone.
    found = tuple(search_people(s, query, limit=limit)) if any(ch.isalnum() for ch in query) else ()
    if found:
        msg = _msg(
            "candidates",
            f"Có {len(found)} người phù hợp: chọn một người.",
            f"{len(found)} matching people: choose one.",
        )
    else:
        msg = _msg(
            "nobody",
            "Không tìm thấy ai. Thử tên khác, hoặc thêm người mới.",
            "Nobody found. Try another name, or add a new person.",
        )
    return ScanResult(ScanKind.SEARCH, msg, candidates=found)


def resolve_scan(
    s: Session,
    actor: Actor,
    text: str,
    current_session_id: str | None,
    *,
    allow_other_session: bool = False,
    search_limit: int = 20,
    today: date | None = None,
) -> ScanResult:
    """What a scan or a typed entry means, acting on it where that is safe (see module doc).

    `allow_other_session=True` is the officer's answer "yes, check in anyway" to an
    OTHER_SESSION_ROW result: the same scan then checks the person in to the open session.
    """
    t = _clean(nfc(text) if text else "")
    if not t:
        return ScanResult(
            ScanKind.EMPTY,
            _msg(
                "empty", "Chưa nhận được gì từ máy quét.", "Nothing was received from the scanner."
            ),
        )
    numberish = _NUMBERISH.fullmatch(t) is not None
    if numberish:
        # Full-width digits or stray spaces from the scanner's keyboard emulation.
        t_digits = digits(t)
        ref = payload.decode(t_digits)
        if isinstance(ref, payload.PayloadError):
            return ScanResult(ScanKind.MISREAD, ref.message)
        if isinstance(ref, payload.SessionRef):
            if _session_label(s, ref.session_id) is None:
                return ScanResult(ScanKind.NOT_FOUND, NOT_FOUND_SESSION)
            return ScanResult(
                ScanKind.OPEN_SESSION,
                _msg("open_session", "Mở buổi học đã quét.", "Opening the scanned session."),
                session_id=ref.session_id,
            )
        if isinstance(ref, payload.PersonRef):
            return _person_code(s, actor, ref.person_id, current_session_id, "card")
        if isinstance(ref, payload.RowRef):
            return _row_code(s, actor, ref, current_session_id, allow_other_session)
        if isinstance(ref, payload.CertificateRef):
            return _certificate(s, ref)
        if is_id_number(t_digits):
            found = find_by_id_number(s, t_digits)
            if found is not None:
                return _person_code(s, actor, found.id, current_session_id, "search")
        return _search(s, t_digits, search_limit)
    if "|" in t:
        return _id_card(s, actor, t, current_session_id, today)
    return _search(s, t, search_limit)
