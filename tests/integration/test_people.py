"""People services on a real encrypted database: validation, search, duplicates, merge."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.errors import UserError
from app.ids import ICT
from app.installation import Installation
from app.models import Attendance, Outbox, Person, SkillRecord
from app.services import directory, people, sessions
from app.services.people import PersonInput


def add(inst: Installation, name: str, **kw: object) -> people.PersonView:
    with inst.db.session(inst.actor) as s:
        return people.create_person(s, inst.actor, PersonInput(name, **kw)).value  # type: ignore[arg-type]


def test_create_normalises_and_queues_outbox_in_same_transaction(inst: Installation) -> None:
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị Đào ")
    p = add(inst, decomposed, birth_year=1962, sex="F", phone="+84 912.345.678")
    with inst.db.session() as s:
        row = s.get(Person, p.id)
        assert row is not None
        assert row.full_name == "Nguyễn Thị Đào"
        assert unicodedata.is_normalized("NFC", row.full_name)
        assert row.search_key == "nguyen thi dao"
        assert row.phone == "0912345678"
        assert row.revision == 1 and row.device_id == inst.actor.device_id
        assert row.created_at.utcoffset() is not None
        ob = s.scalars(select(Outbox).where(Outbox.record_id == p.id)).all()
        assert [(o.entity, o.revision, o.op, o.state) for o in ob] == [
            ("person", 1, "upsert", "pending")
        ]


def test_failed_write_leaves_no_row_and_no_outbox(inst: Installation) -> None:
    with inst.db.session() as s:
        before = s.scalar(select(func.count()).select_from(Outbox))
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        people.create_person(s, inst.actor, PersonInput("Lò Văn A", birth_year=1980))
        people.create_person(s, inst.actor, PersonInput("", birth_year=1980))
    assert e.value.code == "person.name"
    assert "Hãy nhập họ và tên" in e.value.text("vi")
    assert e.value.text("en") == "Enter the full name."
    with inst.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Outbox)) == before
        assert s.scalar(select(func.count()).select_from(Person)) == 0


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"id_number": "01916500123"}, "person.id_number"),
        ({"phone": "12ab"}, "person.phone"),
        ({"birth_year": 1800}, "person.birth_year"),
        ({"birth_date": date(2999, 1, 1)}, "person.birth_future"),
        ({"ethnicity": "Tày"}, "person.consent"),
        ({"sex": "X"}, "person.sex"),
        ({"target_group": "alien"}, "value.target_group"),
    ],
)
def test_validation_errors_are_user_errors(inst: Installation, kw: dict[str, object], code: str) -> None:
    with pytest.raises(UserError) as e:
        add(inst, "Hoàng Văn Bảy", **kw)
    assert e.value.code == code


def test_sensitive_data_needs_consent_and_guardian_for_children(inst: Installation) -> None:
    p = add(inst, "Hoàng Thị Mai", birth_year=1990, ethnicity="Tày", consent=True)
    assert p.has_consent and p.ethnicity == "Tày"
    with pytest.raises(UserError) as e:
        add(inst, "Hoàng Văn Tí", birth_year=date.today().year - 10, ethnicity="Tày", consent=True)
    assert e.value.code == "person.guardian_consent"
    child = add(
        inst,
        "Hoàng Văn Tí",
        birth_year=date.today().year - 10,
        ethnicity="Tày",
        consent=True,
        guardian_consent=True,
    )
    assert child.has_consent and child.guardian_consent


def test_id_cross_check_warns_but_accepts(inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        out = people.create_person(
            s,
            inst.actor,
            # century/sex digit 0 = male born 1900s, but recorded as female born 1985
            PersonInput("Trần Thị Hoà", birth_year=1985, sex="F", id_number="019075001234"),
        )
    assert out.value.id_number == "019075001234"
    assert out.warnings, "a mismatch between the ID number and birth year/sex must warn"


def test_duplicate_id_number_is_refused(inst: Installation) -> None:
    add(inst, "Lê Văn Nam", birth_year=1970, sex="M", id_number="019070000111")
    with pytest.raises(UserError) as e:
        add(inst, "Lê Văn Nam", birth_year=1970, sex="M", id_number="019070000111")
    assert e.value.code == "person.id_taken"


def test_likely_duplicate_warning_is_bilingual(inst: Installation) -> None:
    add(inst, "Lò Thị Bình", birth_year=1969)
    with inst.db.session(inst.actor) as s:
        out = people.create_person(s, inst.actor, PersonInput("Lo Thi Binh", birth_year=1969))
    (w,) = [m for m in out.warnings if m.code == "person.maybe_duplicate"]
    assert "cùng họ tên, cùng năm sinh" in w.vi
    assert w.en == "May be the same person as an existing record (same name, same birth year)."


def test_search_accent_free_fragments_ids_and_phones(inst: Installation) -> None:
    add(inst, "Nguyễn Thị Hoà", birth_year=1960, phone="0987654321")
    add(inst, "Trần Văn Hòa", birth_year=1961, id_number="019061005555", sex="M")
    add(inst, "Hơ Wil H'Mông", birth_year=1990)
    add(inst, "Đặng Đức Đạt", birth_year=1999)
    with inst.db.session(inst.actor) as s:

        def names(q: str) -> list[str]:
            return [p.full_name for p in people.search_people(s, q)]

        # "Hoà" and "Hòa" fold the same; results in Vietnamese name order (given name first).
        assert sorted(names("hoa")) == sorted(["Nguyễn Thị Hoà", "Trần Văn Hòa"])
        assert names("dang dat") == ["Đặng Đức Đạt"]
        assert names("đức") == ["Đặng Đức Đạt"]
        assert names("7654") == ["Nguyễn Thị Hoà"]
        assert names("005555") == ["Trần Văn Hòa"]
        assert names("mong") == ["Hơ Wil H'Mông"]
        assert names("tr h") == ["Trần Văn Hòa"]
        assert names("xyzxyz") == []


def test_search_excludes_tombstoned_and_erased(inst: Installation) -> None:
    p = add(inst, "Vi Văn Xoá", birth_year=1950)
    with inst.db.session(inst.actor) as s:
        people.erase_person(s, inst.actor, p.id)
    with inst.db.session(inst.actor) as s:
        assert people.search_people(s, "vi van") == []
        row = s.get(Person, p.id)
        assert row is not None and row.deleted_at is not None and row.full_name == "(đã xoá)"


def test_duplicate_candidates_and_merge_keep_history(inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        v = directory.save_village(s, inst.actor, "Thôn Nà Pài").value
    a = add(inst, "Nông Văn Sáu", birth_year=1958, village_id=v.id, phone="0911222333")
    b = add(inst, "Nong Van Sau", birth_year=1958, id_number="019058001111", sex="M")
    with inst.db.session(inst.actor) as s:
        cands = people.duplicate_candidates(s, PersonInput("Nông Văn Sáu", birth_year=1958))
        assert {c.person.id for c in cands} == {a.id, b.id}
        ses = sessions.create_session(
            s,
            inst.actor,
            sessions.SessionInput(
                "Cài VNeID", "digital_identity", "class", datetime(2026, 10, 5, 8, tzinfo=ICT)
            ),
        ).value
        sessions.check_in(s, inst.actor, ses.id, b.id)
        sessions.record_skills(s, inst.actor, [b.id], ["DD01"], "practised", session_id=ses.id)
    with inst.db.session(inst.actor) as s:
        merged = people.merge_people(s, inst.actor, a.id, b.id).value
    assert merged.id_number == "019058001111"
    assert merged.phone == "0911222333"
    with inst.db.session() as s:
        live_att = s.scalars(
            select(Attendance).where(Attendance.deleted_at.is_(None))
        ).all()
        assert [x.person_id for x in live_att] == [a.id]
        recs = s.scalars(select(SkillRecord)).all()
        assert sorted((r.person_id, r.deleted_at is None) for r in recs) == sorted(
            [(a.id, True), (b.id, False)]
        )
        gone = s.get(Person, b.id)
        assert gone is not None and gone.merged_into_id == a.id and gone.deleted_at is not None
        assert [p.full_name for p in people.search_people(s, "sau")] == ["Nông Văn Sáu"]


def test_update_bumps_revision_and_detects_stale_edit(inst: Installation) -> None:
    p = add(inst, "Ma Thị Lan", birth_year=1975)
    with inst.db.session(inst.actor) as s:
        out = people.update_person(
            s, inst.actor, p.id, PersonInput("Ma Thị Lan", birth_year=1976), expected_revision=1
        )
    assert out.value.revision == 2 and out.value.birth_year == 1976
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        people.update_person(
            s, inst.actor, p.id, PersonInput("Ma Thị Lan", birth_year=1977), expected_revision=1
        )
    assert e.value.code == "person.stale"
    with inst.db.session() as s:
        revs = s.scalars(select(Outbox.revision).where(Outbox.record_id == p.id)).all()
        assert sorted(revs) == [1, 2]


def test_hard_delete_is_refused(inst: Installation) -> None:
    p = add(inst, "Lý Văn Tư", birth_year=1966)
    with pytest.raises(RuntimeError), inst.db.session(inst.actor) as s:
        row = s.get(Person, p.id)
        s.delete(row)
    with inst.db.session() as s:
        assert s.get(Person, p.id) is not None


def test_search_combines_fragments_and_keeps_vietnamese_order(inst: Installation) -> None:
    names = ["Nguyễn Thị Hoà", "Nguyễn Văn Hoà", "Nguyễn Hữu Thắng", "Trần Thị Ngân", "Ngô Thị Huệ"]
    for i, n in enumerate(names):
        add(inst, n, birth_year=1960 + i, phone=f"09123450{i:02d}")
    with inst.db.session(inst.actor) as s:

        def names_for(q: str, **kw: object) -> list[str]:
            return [p.full_name for p in people.search_people(s, q, **kw)]  # type: ignore[arg-type]

        assert names_for("nguy") == ["Nguyễn Thị Hoà", "Nguyễn Văn Hoà", "Nguyễn Hữu Thắng"]
        assert names_for("ng th") == [
            "Nguyễn Thị Hoà",
            "Ngô Thị Huệ",
            "Trần Thị Ngân",
            "Nguyễn Hữu Thắng",
        ]
        assert names_for("thi hoa") == ["Nguyễn Thị Hoà"]
        assert names_for("h") == [
            "Nguyễn Thị Hoà",
            "Nguyễn Văn Hoà",
            "Ngô Thị Huệ",
            "Nguyễn Hữu Thắng",
        ]
        assert names_for("nguyen 02") == ["Nguyễn Hữu Thắng"]
        assert names_for("nguyen 03") == []
        assert names_for("", limit=2) == ["Nguyễn Thị Hoà", "Nguyễn Văn Hoà"]
