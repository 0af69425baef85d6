"""QR payloads printed by hocvuso (learner cards, session sheets, sheet rows, certificates).

USB scanners type what they read as keystrokes. With a Vietnamese input method (Telex, VNI)
switched on, letters after vowels turn into diacritics and VNI eats digits after vowels, so a
payload made of letters would arrive mangled. Payloads are therefore digits only, which also
makes QR numeric mode dense. Layout (see docs/qr-payload.md):

    90 V K <body digits> CC

    90   magic: marks a hocvuso code
    V    format version (1)
    K    kind: 1 person (learner card), 2 session, 3 sheet row (session + person),
         4 certificate (person + issue date + number of skills)
    body UUIDs as 39-digit zero-padded decimal integers; dates as YYYYMMDD
    CC   ISO 7064 MOD 97-10 check digits over everything before them: any single wrong digit
         and any swap of two adjacent digits is rejected.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from app.messages import Message

MAGIC = "90"
VERSION = "1"
_UUID_DIGITS = 39
_KINDS = {"1": "person", "2": "session", "3": "row", "4": "certificate"}
_BODY_LEN = {"1": 39, "2": 39, "3": 78, "4": 39 + 8 + 2}


@dataclass(frozen=True)
class PersonRef:
    person_id: str


@dataclass(frozen=True)
class SessionRef:
    session_id: str


@dataclass(frozen=True)
class RowRef:
    session_id: str
    person_id: str


@dataclass(frozen=True)
class CertificateRef:
    person_id: str
    issued: date
    skill_count: int


Payload = PersonRef | SessionRef | RowRef | CertificateRef


@dataclass(frozen=True)
class PayloadError:
    """A hocvuso code that did not read correctly (bad check digits, wrong length)."""

    message: Message


BAD_CODE = Message(
    "payload.bad_check",
    "Mã QR của hocvuso đọc bị sai (có thể do giấy nhàu hoặc mờ). Hãy quét lại hoặc tìm theo tên.",
    "The hocvuso QR code was misread (creased or blurred paper?). Scan again or search by name.",
)
NEWER = Message(
    "payload.version",
    "Mã QR này được in bởi phiên bản hocvuso mới hơn. Hãy cập nhật chương trình.",
    "This QR code was printed by a newer version of hocvuso. Update the program.",
)


def _check(digits: str) -> str:
    # ISO 7064 MOD 97-10 (as in IBAN): append 00, take 98 - (n mod 97).
    return f"{98 - int(digits + '00') % 97:02d}"


def _u(u: str) -> str:
    return f"{uuid.UUID(u).int:0{_UUID_DIGITS}d}"


def _from_u(d: str) -> str:
    return str(uuid.UUID(int=int(d)))


def _wrap(kind: str, body: str) -> str:
    head = MAGIC + VERSION + kind + body
    return head + _check(head)


def encode_person(person_id: str) -> str:
    return _wrap("1", _u(person_id))


def encode_session(session_id: str) -> str:
    return _wrap("2", _u(session_id))


def encode_row(session_id: str, person_id: str) -> str:
    return _wrap("3", _u(session_id) + _u(person_id))


def encode_certificate(person_id: str, issued: date, skill_count: int) -> str:
    if not 0 <= skill_count <= 99:
        raise ValueError("skill_count must be 0..99")
    return _wrap("4", _u(person_id) + issued.strftime("%Y%m%d") + f"{skill_count:02d}")


_DIGITS_ONLY = re.compile(r"\d+")


def looks_like_payload(text: str) -> bool:
    """True when the text is meant as a hocvuso code (even if misread)."""
    t = text.strip()
    return len(t) >= 10 and t.startswith(MAGIC) and _DIGITS_ONLY.fullmatch(t) is not None


def decode(text: str) -> Payload | PayloadError | None:
    """The reference in a scanned code; PayloadError for a misread hocvuso code; None for
    anything that is not a hocvuso code (an ID card, a name typed in the search field)."""
    t = "".join(text.split())
    if not looks_like_payload(t):
        return None
    version, kind = t[2], t[3]
    if version != VERSION:
        return PayloadError(NEWER) if version.isdigit() and version > VERSION else PayloadError(BAD_CODE)
    body, check = t[4:-2], t[-2:]
    if kind not in _KINDS or len(body) != _BODY_LEN[kind] or _check(t[:-2]) != check:
        return PayloadError(BAD_CODE)
    try:
        if kind == "1":
            return PersonRef(_from_u(body))
        if kind == "2":
            return SessionRef(_from_u(body))
        if kind == "3":
            return RowRef(_from_u(body[:39]), _from_u(body[39:]))
        issued = date(int(body[39:43]), int(body[43:45]), int(body[45:47]))
        return CertificateRef(_from_u(body[:39]), issued, int(body[47:49]))
    except ValueError:
        return PayloadError(BAD_CODE)
