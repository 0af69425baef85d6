"""What a scan at the check-in desk does: hocvuso codes (cards, sheet rows, sessions,
certificates, misreads), chip ID card text (also garbled by a Vietnamese input method), ID and
phone digits, and name fragments — on a real encrypted database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app import payload
from app.ids import ICT
from app.installation import Installation
from app.models import Attendance
from app.services import directory, people, sessions
from app.services.people import PersonInput
from app.services.scan import ScanKind, ScanResult, resolve_scan
from app.services.sessions import SessionInput

START = datetime(2026, 11, 25, 8, 0, tzinfo=ICT)
TODAY = date(2026, 11, 25)


class Desk:
    """A check-in desk over one installation, with two sessions and three people."""

    def __init__(self, inst: Installation) -> None:
        self.inst = inst
        with inst.db.session(inst.actor) as s:
            v = directory.save_village(s, inst.actor, "Thôn Bản Chang").value
            mk = people.create_person
            self.dao = mk(
                s,
                inst.actor,
                PersonInput(
                    "Nguyễn Thị Đào",
                    birth_date=date(1989, 3, 15),
                    sex="F",
                    id_number="019189001234",
                    phone="0912345678",
                    village_id=v.id,
                ),
            ).value.id
            self.hen = mk(s, inst.actor, PersonInput("H'Hen Niê", birth_year=1972)).value.id
            self.duc = mk(
                s, inst.actor, PersonInput("Triệu Văn Đức", birth_year=1950, phone="0912345678")
            ).value.id
            self.today = sessions.create_session(
                s,
                inst.actor,
                SessionInput(
                    "Lớp VNeID", "community_class", "class", START, START + timedelta(hours=2)
                ),
            ).value.id
            self.earlier = sessions.create_session(
                s,
                inst.actor,
                SessionInput(
                    "Buổi sinh hoạt tháng 10",
                    "community_class",
                    "community",
                    START - timedelta(days=30),
                ),
            ).value.id

    def scan(self, text: str, current: str | None = None, **kw: object) -> ScanResult:
        with self.inst.db.session(self.inst.actor) as s:
            return resolve_scan(s, self.inst.actor, text, current, today=TODAY, **kw)  # type: ignore[arg-type]

    def present(self, session_id: str) -> list[tuple[str, str]]:
        with self.inst.db.session() as s:
            return [
                (a.person_id, a.method)
                for a in s.scalars(
                    select(Attendance).where(
                        Attendance.session_id == session_id, Attendance.deleted_at.is_(None)
                    )
                )
            ]


@pytest.fixture
def desk(inst: Installation) -> Desk:
    return Desk(inst)


def test_learner_card_checks_in_and_a_second_scan_is_harmless(desk: Desk) -> None:
    code = payload.encode_person(desk.hen)
    r = desk.scan(code, desk.today)
    assert r.kind == ScanKind.CHECKED_IN and r.person and r.person.full_name == "H'Hen Niê"
    assert r.attendance is not None and r.attendance.method == "card"
    assert ("attendance", r.attendance.id) in r.changed
    again = desk.scan(code + "\r\n", desk.today)
    assert again.kind == ScanKind.ALREADY_PRESENT and again.changed == ()
    assert again.message and "đã được điểm danh" in again.message.vi
    assert desk.present(desk.today) == [(desk.hen, "card")]


def test_row_code_checks_in_with_method_sheet(desk: Desk) -> None:
    r = desk.scan(payload.encode_row(desk.today, desk.dao), desk.today)
    assert r.kind == ScanKind.CHECKED_IN and r.attendance and r.attendance.method == "sheet"
    assert desk.scan(payload.encode_row(desk.today, desk.dao), desk.today).kind == (
        ScanKind.ALREADY_PRESENT
    )
    assert desk.present(desk.today) == [(desk.dao, "sheet")]


def test_row_from_another_sessions_sheet_asks_first(desk: Desk) -> None:
    code = payload.encode_row(desk.earlier, desk.dao)
    r = desk.scan(code, desk.today)
    assert r.kind == ScanKind.OTHER_SESSION_ROW and r.needs_confirmation
    assert r.session_id == desk.earlier and r.person and r.person.id == desk.dao
    assert r.message and "Buổi sinh hoạt tháng 10" in r.message.vi
    assert desk.present(desk.today) == [] and desk.present(desk.earlier) == []
    yes = desk.scan(code, desk.today, allow_other_session=True)
    assert yes.kind == ScanKind.CHECKED_IN and yes.session_id == desk.today
    assert desk.present(desk.today) == [(desk.dao, "sheet")]


def test_session_codes_open_sessions(desk: Desk) -> None:
    r = desk.scan(payload.encode_session(desk.earlier), desk.today)
    assert r.kind == ScanKind.OPEN_SESSION and r.session_id == desk.earlier
    gone = desk.scan(payload.encode_session("01900000-0000-7000-8000-000000000000"))
    assert gone.kind == ScanKind.NOT_FOUND
    # A row code with no session open opens its session.
    row = desk.scan(payload.encode_row(desk.earlier, desk.hen))
    assert row.kind == ScanKind.OPEN_SESSION and row.session_id == desk.earlier
    assert row.person and row.person.id == desk.hen
    assert desk.present(desk.earlier) == []
    card = desk.scan(payload.encode_person(desk.hen))
    assert card.kind == ScanKind.PERSON and card.person and card.person.id == desk.hen


def test_misreads_and_scanner_noise(desk: Desk) -> None:
    code = payload.encode_person(desk.dao)
    bad = code[:20] + str((int(code[20]) + 3) % 10) + code[21:]
    r = desk.scan(bad, desk.today)
    assert r.kind == ScanKind.MISREAD and r.message and r.message.code == "payload.bad_check"
    newer = desk.scan("9" + "0" + "2" + code[3:], desk.today)
    assert newer.kind == ScanKind.MISREAD and newer.message and "mới hơn" in newer.message.vi
    truncated = desk.scan(code[:-5], desk.today)
    assert truncated.kind == ScanKind.MISREAD
    # AIM symbology prefix, full-width digits from an odd keyboard emulation, Enter and Tab.
    fullwidth = "".join(chr(0xFF10 + int(c)) for c in code)
    assert desk.scan("]Q1" + code + "\t", desk.today).kind == ScanKind.CHECKED_IN
    assert desk.scan(fullwidth, desk.today).kind == ScanKind.ALREADY_PRESENT
    assert desk.present(desk.today) == [(desk.dao, "card")]
    for blank in ("", "   ", "\r\n"):
        assert desk.scan(blank, desk.today).kind == ScanKind.EMPTY


def test_merged_and_erased_people(desk: Desk, inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        people.merge_people(s, inst.actor, desk.dao, desk.duc)
        people.erase_person(s, inst.actor, desk.hen)
    # A card printed for the record merged away finds the kept person.
    r = desk.scan(payload.encode_person(desk.duc), desk.today)
    assert r.kind == ScanKind.CHECKED_IN and r.person and r.person.id == desk.dao
    erased = desk.scan(payload.encode_person(desk.hen), desk.today)
    assert erased.kind == ScanKind.NOT_FOUND and erased.person is None
    assert desk.present(desk.today) == [(desk.dao, "card")]


def test_certificate_code_is_checked_against_the_records(desk: Desk, inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        sessions.record_skills(
            s, inst.actor, [desk.dao], ["DD01", "DD02"], "independent", day=date(2026, 10, 1)
        )
    code = payload.encode_certificate(desk.dao, date(2026, 11, 1), 2)
    r = desk.scan(code, desk.today)
    assert r.kind == ScanKind.CERTIFICATE and r.certificate_matches_records is True
    assert r.certificate == payload.CertificateRef(desk.dao, date(2026, 11, 1), 2)
    assert desk.present(desk.today) == []  # a certificate never checks anyone in
    with inst.db.session(inst.actor) as s:
        sessions.record_skills(
            s, inst.actor, [desk.dao], ["TT02"], "independent", day=date(2026, 10, 20)
        )
    later = desk.scan(code)
    assert later.certificate_matches_records is False
    assert later.message and "3 kỹ năng" in later.message.vi


def test_id_card_of_a_recorded_person_checks_in(desk: Desk) -> None:
    text = "019189001234|091234567|Nguyễn Thị Đào|15031989|Nữ|Xóm Chợ, Hoá Thượng, Đồng Hỷ, Thái Nguyên|20042021"
    r = desk.scan(text, desk.today)
    assert r.kind == ScanKind.CHECKED_IN and r.attendance and r.attendance.method == "id_card"
    assert r.person and r.person.id == desk.dao and r.id_card and r.id_card.ok
    assert desk.scan(text, desk.today).kind == ScanKind.ALREADY_PRESENT
    assert desk.scan(text).kind == ScanKind.PERSON


@pytest.mark.parametrize(
    "text",
    [
        # The scanner typed Telex keystrokes with the input method off…
        "019189005678|091234567|Nguyeenx Thij DDaof|15031989|Nuwx|Xoms Chowj, Thasi Nguyeen|20042021",
        # …or the input method on turned letters after vowels into tone marks.
        "019189005678||Y Moan Ksỏ|15031989|Nữ|Buôn Ea Kmát|20042021",
        # No old-ID field, and the trailing fields of 2024 cards.
        "019189005678|Nguyêñ Thị Đaò|15031989|Nuwx|Xóm Chợ|20042021|Nguyễn Văn A|Lê Thị B",
    ],
)
def test_telex_garbled_id_card_still_gives_id_number_and_birth_date(desk: Desk, text: str) -> None:
    r = desk.scan(text, desk.today)
    assert r.kind == ScanKind.ID_CARD_NEW
    assert r.id_card is not None
    assert r.id_card.id_number == "019189005678"
    assert r.id_card.birth_date == date(1989, 3, 15)
    assert r.name_needs_confirmation and r.id_card.name_needs_confirmation
    assert desk.present(desk.today) == []


def test_unreadable_id_card(desk: Desk) -> None:
    r = desk.scan("abc|def|ghi", desk.today)
    assert r.kind == ScanKind.ID_CARD_ERROR and r.message and r.id_card and not r.id_card.ok


def test_digits_and_names(desk: Desk) -> None:
    # A typed ID number that is recorded checks the person in.
    r = desk.scan("0191 8900 1234", desk.today)
    assert r.kind == ScanKind.CHECKED_IN and r.attendance and r.attendance.method == "search"
    # A phone shared by two people gives both to choose from.
    phone = desk.scan("0912.345.678", desk.today)
    assert phone.kind == ScanKind.SEARCH
    assert {p.id for p in phone.candidates} == {desk.dao, desk.duc}
    # Names without accents, fragments in any order.
    names = desk.scan("dao nguyen", desk.today)
    assert names.kind == ScanKind.SEARCH and [p.id for p in names.candidates] == [desk.dao]
    hen = desk.scan("h'hen", desk.today)
    assert [p.id for p in hen.candidates] == [desk.hen]
    nobody = desk.scan("Zyx", desk.today)
    assert nobody.kind == ScanKind.SEARCH and nobody.candidates == ()
    assert nobody.message and "Không tìm thấy" in nobody.message.vi
    for junk in ("-", "...", "'"):
        assert desk.scan(junk, desk.today).candidates == ()
    unknown_id = desk.scan("019189999999", desk.today)
    assert unknown_id.kind == ScanKind.SEARCH and unknown_id.candidates == ()
    assert desk.present(desk.today) == [(desk.dao, "search")]


def test_cancelled_session_is_a_message_not_an_exception(desk: Desk, inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        sessions.cancel_session(s, inst.actor, desk.today)
    r = desk.scan(payload.encode_person(desk.dao), desk.today)
    assert r.kind == ScanKind.ERROR and r.message and "huỷ" in r.message.vi
    assert desk.present(desk.today) == []
