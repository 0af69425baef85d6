"""The people screens' queries on a real encrypted database: keyset pages in Vietnamese order,
both query plans agreeing, every filter, the person overview, and the composed writes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.database import Actor
from app.errors import UserError
from app.ids import ICT
from app.installation import Installation
from app.models import AuditLog, Person, Setting
from app.services import directory, people, people_queries, sessions, settings
from app.services.people import PersonInput
from app.services.people_queries import PeopleFilter, count_matching, people_page
from app.services.sessions import SessionInput

TODAY = date(2026, 11, 20)
NAMES = [
    ("Nguyễn Thị Hoà", 1960, "019160001111", "0912000111"),
    ("Triệu Văn Đức", 1971, None, "0912000222"),
    ("Bàn Thị Mẩy", 1985, None, None),
    ("Nguyễn Văn Hoàng", 1990, None, None),
    ("Lò Thị Hoa", 1958, None, None),
    ("Hoàng Văn An", 2012, None, None),
    ("Đặng Thị Ánh", 2015, None, None),
    ("Ma Văn Dũng", None, None, None),
    ("Nông Thị Ơn", 1940, None, None),
    ("Lường Văn Ất", 1999, None, None),
    ("Nguyễn Thị Hòa", 1961, None, None),
    ("H'Mông A Páo", 1980, None, None),
]


def _people(inst: Installation) -> dict[str, str]:
    with inst.db.session(inst.actor) as s:
        v1 = directory.save_village(s, inst.actor, "Xóm Đồng Tâm", "xom", 420).value.id
        v2 = directory.save_village(s, inst.actor, "Thôn Làng Mới").value.id
        ids = {}
        for i, (name, year, idn, phone) in enumerate(NAMES):
            group = "student" if year and year >= 2010 else "citizen"
            ids[name] = people.create_person(
                s,
                inst.actor,
                PersonInput(
                    name,
                    birth_year=year,
                    id_number=idn,
                    phone=phone,
                    village_id=v1 if i % 2 == 0 else v2,
                    target_group=group,
                ),
            ).value.id
        ids["v1"], ids["v2"] = v1, v2
    return ids


def _all_pages(inst: Installation, f: PeopleFilter, size: int, **kw: object) -> list[str]:
    out: list[str] = []
    with inst.db.session() as s:
        page = people_page(s, f, None, size, today=TODAY, **kw)  # type: ignore[arg-type]
        out += [r.full_name for r in page.rows]
        while page.cursor is not None:
            assert len(page.rows) == size
            page = people_page(s, f, page.cursor, size, today=TODAY, **kw)  # type: ignore[arg-type]
            out += [r.full_name for r in page.rows]
    return out


def test_keyset_pages_cover_everyone_once_in_vietnamese_order(
    inst: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    _people(inst)
    with inst.db.session() as s:
        expected = [p.full_name for p in people.search_people(s, "", limit=100)]
    assert expected[:3] == ["Hoàng Văn An", "Đặng Thị Ánh", "Lường Văn Ất"]
    for size in (1, 3, 5, 100):
        assert _all_pages(inst, PeopleFilter(), size) == expected
    # The name-order walk gives up at once; the indexed plan takes over and the
    # pages are the same.
    monkeypatch.setattr(people_queries, "SCAN_BUDGET_S", 0.0)
    assert _all_pages(inst, PeopleFilter(), 3) == expected
    nguyen = [n for n in expected if n.startswith("Nguyễn")]
    assert nguyen[-1] == "Nguyễn Văn Hoàng"  # given name first: Hoà, Hòa < Hoàng
    assert _all_pages(inst, PeopleFilter(text="nguyen"), 1) == nguyen
    assert _all_pages(inst, PeopleFilter(), 4, expected=1) == expected


def test_filters_and_counts(inst: Installation) -> None:
    ids = _people(inst)

    def names(f: PeopleFilter) -> set[str]:
        got = set(_all_pages(inst, f, 2))
        with inst.db.session() as s:
            assert count_matching(s, f, today=TODAY) == len(got)
        return got

    assert names(PeopleFilter(text="hoa")) == {
        "Nguyễn Thị Hoà",
        "Nguyễn Thị Hòa",
        "Lò Thị Hoa",
        "Nguyễn Văn Hoàng",
        "Hoàng Văn An",
    }
    assert names(PeopleFilter(text="thi hoa")) == {"Nguyễn Thị Hoà", "Nguyễn Thị Hòa", "Lò Thị Hoa"}
    assert names(PeopleFilter(text="0912000222")) == {"Triệu Văn Đức"}
    assert names(PeopleFilter(text="019160")) == {"Nguyễn Thị Hoà"}
    assert names(PeopleFilter(text="h'mong")) == {"H'Mông A Páo"}
    assert names(PeopleFilter(text="zzz")) == set()
    assert names(PeopleFilter(village_id=ids["v2"])) == {
        NAMES[i][0] for i in range(len(NAMES)) if i % 2 == 1
    }
    assert names(PeopleFilter(target_group="student")) == {"Hoàng Văn An", "Đặng Thị Ánh"}
    assert names(PeopleFilter(age_band="under16")) == {"Hoàng Văn An", "Đặng Thị Ánh"}
    assert names(PeopleFilter(age_band="60plus")) == {
        "Nguyễn Thị Hoà",
        "Nguyễn Thị Hòa",
        "Lò Thị Hoa",
        "Nông Thị Ơn",
    }
    assert names(PeopleFilter(age_band="unknown")) == {"Ma Văn Dũng"}
    assert len(names(PeopleFilter(age_band="16to59"))) == len(NAMES) - 7
    with pytest.raises(ValueError):
        names(PeopleFilter(age_band="teen"))

    # Skill not yet mastered: people who can do DD02 alone drop out; practising is not enough.
    start = datetime(2026, 11, 10, 8, 0, tzinfo=ICT)
    with inst.db.session(inst.actor) as s:
        ses = sessions.create_session(
            s, inst.actor, SessionInput("Lớp VNeID", "digital_identity", "class", start)
        ).value
        for name in ("Lò Thị Hoa", "Bàn Thị Mẩy"):
            sessions.check_in(s, inst.actor, ses.id, ids[name])
        sessions.record_skills(
            s, inst.actor, [ids["Lò Thị Hoa"]], ["DD02"], "independent", session_id=ses.id
        )
        sessions.record_skills(
            s, inst.actor, [ids["Bàn Thị Mẩy"]], ["DD02"], "practised", session_id=ses.id
        )
    left = names(PeopleFilter(skill_not_mastered="DD02"))
    assert "Lò Thị Hoa" not in left and "Bàn Thị Mẩy" in left and len(left) == len(NAMES) - 1

    # Erased people are never listed.
    with inst.db.session(inst.actor) as s:
        people.erase_person(s, inst.actor, ids["Lò Thị Hoa"])
    assert "Lò Thị Hoa" not in names(PeopleFilter())


def test_person_overview_and_domain_progress(inst: Installation) -> None:
    ids = _people(inst)
    pid = ids["Lò Thị Hoa"]
    start = datetime(2026, 11, 10, 8, 0, tzinfo=ICT)
    with inst.db.session(inst.actor) as s:
        tm = directory.save_team_member(s, inst.actor, "Lường Văn Hải").value
        a = sessions.create_session(
            s, inst.actor, SessionInput("Lớp VNeID", "digital_identity", "class", start)
        ).value
        b = sessions.create_session(
            s,
            inst.actor,
            SessionInput(
                "Sinh hoạt cộng đồng", "community_class", "community", start + timedelta(7)
            ),
        ).value
        for ses in (a, b):
            sessions.check_in(s, inst.actor, ses.id, pid)
        sessions.record_skills(
            s, inst.actor, [pid], ["DD01", "DD02"], "introduced", session_id=a.id, helped_by=tm.id
        )
        sessions.record_skills(s, inst.actor, [pid], ["DD02"], "independent", session_id=b.id)
        sessions.record_skills(s, inst.actor, [pid], ["AT01"], "practised", session_id=b.id)
    with inst.db.session(inst.actor) as s:
        ov = people_queries.person_overview(s, inst.actor, pid)
        views = s.scalar(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "person.view")
        )
    assert ov.person.full_name == "Lò Thị Hoa"
    assert [x.title for x in ov.sessions] == ["Sinh hoạt cộng đồng", "Lớp VNeID"]
    assert ov.sessions[1].programme_vi and ov.sessions[1].format == "class"
    assert [(e.skill_code, e.outcome) for e in ov.timeline] == [
        ("DD01", "introduced"),
        ("DD02", "introduced"),
        ("DD02", "independent"),
        ("AT01", "practised"),
    ]
    assert ov.timeline[0].helped_by == "Lường Văn Hải"
    assert ov.timeline[0].session_title == "Lớp VNeID"
    by_domain = {d.domain: d for d in ov.domains}
    assert sorted(by_domain) == [1, 2, 3, 4, 5, 6]
    # DD01 and DD02 are competence 2.6 (domain 2); AT01 is in domain 4 (safety).
    assert (by_domain[2].introduced, by_domain[2].practised, by_domain[2].independent) == (1, 0, 1)
    assert by_domain[4].practised == 1 and by_domain[4].helped == 1
    assert by_domain[2].catalogue_skills >= 2
    assert sum(d.catalogue_skills for d in ov.domains) == 41
    assert views == 1
    with inst.db.session() as s, pytest.raises(UserError):
        people_queries.person_overview(s, None, "no-such-id")


def test_create_checked_and_create_and_merge(inst: Installation) -> None:
    ids = _people(inst)
    typed = PersonInput("Nguyễn Thị Hoà", birth_year=1960, phone="0987654321")
    with inst.db.session(inst.actor) as s:
        found = people_queries.create_checked(s, inst.actor, typed)
    assert found.outcome is None
    assert found.duplicates[0].person.id == ids["Nguyễn Thị Hoà"]
    with inst.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == len(NAMES)

    with inst.db.session(inst.actor) as s, pytest.raises(UserError) as err:
        people_queries.create_checked(s, inst.actor, PersonInput("Nguyễn 2 Hoà"))
    assert err.value.field == "full_name"

    # Merge what was typed into the existing record: its phone is kept, the ID number the same.
    with inst.db.session(inst.actor) as s:
        out = people_queries.create_and_merge(
            s,
            inst.actor,
            PersonInput("Nguyễn Thị Hoà", birth_date=date(1960, 3, 15), id_number="019160001111"),
            ids["Nguyễn Thị Hoà"],
        )
    assert out.value.id == ids["Nguyễn Thị Hoà"]
    assert out.value.birth_date == date(1960, 3, 15)
    assert out.value.phone == "0912000111"
    assert ("person", ids["Nguyễn Thị Hoà"]) in out.changed
    with inst.db.session() as s:
        live = s.scalar(select(func.count()).select_from(Person).where(Person.deleted_at.is_(None)))
    assert live == len(NAMES)

    with inst.db.session(inst.actor) as s:
        made = people_queries.create_checked(s, inst.actor, typed, ignore_duplicates=True)
    assert made.outcome is not None and made.outcome.value.phone == "0987654321"
    with inst.db.session() as s:
        counts = people_queries.village_people_counts(s)
    assert sum(counts.values()) == len(NAMES)
    assert counts[ids["v1"]] == 6


def test_preferences(inst: Installation) -> None:
    with inst.db.session() as s:
        assert settings.get_preferences(s) == settings.Preferences("vi", 10)
    with inst.db.session(inst.actor) as s:
        out = settings.save_preferences(s, inst.actor, "en", 15)
    assert set(out.changed) == {("setting", "language"), ("setting", "idle_lock_minutes")}
    with inst.db.session(inst.actor) as s:
        again = settings.save_preferences(s, inst.actor, "en", 15)
        assert again.changed == ()
        assert s.get(Setting, "idle_lock_minutes").value == "15"  # type: ignore[union-attr]
        audits = s.scalar(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "settings.save")
        )
    assert audits == 1
    for lang, minutes, field in (("fr", 10, "language"), ("vi", 0, "idle_lock_minutes")):
        with inst.db.session(inst.actor) as s, pytest.raises(UserError) as err:
            settings.save_preferences(s, inst.actor, lang, minutes)
        assert err.value.field == field
    team = Actor(inst.actor.device_id, inst.actor.commune_code, inst.actor.officer_id, "team")
    with inst.db.session(team) as s, pytest.raises(UserError) as err:
        settings.save_preferences(s, team, "vi", 10)
    assert err.value.code == "auth.role"
    with inst.db.session(inst.actor) as s:
        s.merge(Setting(key="idle_lock_minutes", value="soon"))
    with inst.db.session() as s:
        assert settings.get_preferences(s).idle_lock_minutes == 10
