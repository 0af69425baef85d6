"""Importing people from XLSX and CSV files into a real encrypted installation."""

from __future__ import annotations

import csv
import unicodedata
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.errors import UserError
from app.installation import Installation, init_installation
from app.keystore import FAST_KDF
from app.legacy_encoding import TCVN3_TO_UNICODE
from app.models import AuditLog, Outbox, Person, Village
from app.services import directory, people
from app.services.exporting import export
from app.services.importing import ImportPlan, plan_import, run_import
from app.services.people import PersonInput

_TO_TCVN3 = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}


def tcvn3(text: str) -> str:
    """Unicode Vietnamese as the Windows-1252 characters of its TCVN3 (.VnTime) bytes."""
    # Capitals with a tone mark have no code: the .VnTimeH font drew the lower-case codes.
    out = "".join(
        _TO_TCVN3.get(ch) or _TO_TCVN3.get(ch.lower(), ch)
        for ch in unicodedata.normalize("NFC", text)
    )
    out.encode("cp1252")  # every TCVN3 code is a cp1252 character
    return out


def excel_serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


def counts(inst: Installation) -> dict[str, int]:
    with inst.db.session() as s:
        return {
            m.__name__: int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Person, Village, Outbox, AuditLog)
        }


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def plan(inst: Installation, path: Path, **kw: bool) -> ImportPlan:
    with inst.db.session(inst.actor) as s:
        return plan_import(s, inst.actor, path, **kw)


def people_in_db(inst: Installation) -> list[tuple[object, ...]]:
    with inst.db.session() as s:
        rows = s.execute(
            select(
                Person.full_name,
                Person.birth_date,
                Person.birth_year,
                Person.sex,
                Person.id_number,
                Person.phone,
                Village.name,
            )
            .outerjoin(Village, Village.id == Person.village_id)
            .where(Person.deleted_at.is_(None))
            .order_by(Person.sort_key)
        ).all()
    return [tuple(r) for r in rows]


@pytest.fixture
def xlsx_file(tmp_path: Path) -> Path:
    """A commune list as kept today: title row, shuffled headers, Excel serial dates, a CCCD
    stored as a number (leading zero lost), an unknown column, a numbered empty row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    ws.append(["DANH SÁCH NGƯỜI DÂN THAM GIA BÌNH DÂN HỌC VỤ SỐ - PHƯỜNG ĐỨC XUÂN"])
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(
        ["Số điện thoại", "Họ và tên", "Thôn/xóm", "STT", "Giới tính", "Số CCCD", "Ngày sinh",
         "Cột phụ"]
    )  # fmt: skip
    ws.append(
        ["0912345678", "Nguyễn Thị Đào", "Thôn Na Hoàng", 1, "Nữ", "019185001234",
         datetime(1985, 3, 12), "x"]
    )  # fmt: skip
    ws.append(
        [912345679, "Trần Văn Bình", "thon na hoang", 2, "nam", 19062001235,
         excel_serial(date(1962, 2, 24)), None]
    )  # fmt: skip
    ws.append([None, "Hoàng Văn Cường", "Xóm Đồng Tâm", 3, "Nam", None, "1950", None])
    ws.append([None, None, None, 4, None, None, None, None])
    path = tmp_path / "danh-sach.xlsx"
    wb.save(path)
    return path


def add_village(inst: Installation, name: str) -> str:
    with inst.db.session(inst.actor) as s:
        return directory.save_village(s, inst.actor, name).value.id


def test_xlsx_plan_maps_shuffled_headers_and_parses_cells(
    inst: Installation, xlsx_file: Path
) -> None:
    na_hoang = add_village(inst, "Thôn Na Hoàng")
    p = plan(inst, xlsx_file)
    assert p.source == "danh-sach.xlsx"
    assert p.sheet_name == "Danh sách"
    assert p.header_row == 3
    assert p.legacy_encoding is None
    assert p.columns == (
        ("Số điện thoại", "phone"),
        ("Họ và tên", "full_name"),
        ("Thôn/xóm", "village"),
        ("Giới tính", "sex"),
        ("Số CCCD", "id_number"),
        ("Ngày sinh", "birth"),
    )
    assert p.unknown_headers == ("Cột phụ",)
    assert p.rejected == () and p.duplicates == ()
    assert [(r.row_number, r.person, r.village) for r in p.accepted] == [
        (
            4,
            PersonInput(
                "Nguyễn Thị Đào", date(1985, 3, 12), 1985, "F", "019185001234", "0912345678",
                na_hoang,
            ),
            "Thôn Na Hoàng",
        ),
        (
            5,
            PersonInput(
                "Trần Văn Bình", date(1962, 2, 24), 1962, "M", "019062001235", "0912345679",
                na_hoang,
            ),
            "Thôn Na Hoàng",
        ),
        (6, PersonInput("Hoàng Văn Cường", None, 1950, "M"), "Xóm Đồng Tâm"),
    ]  # fmt: skip
    assert [[w.code for w in r.warnings] for r in p.accepted] == [[], ["import.id_padded"], []]
    assert "019062001235" in p.accepted[1].warnings[0].vi
    assert p.new_villages == ("Xóm Đồng Tâm",)


def test_xlsx_run_creates_people_villages_outbox_and_audit(
    inst: Installation, xlsx_file: Path
) -> None:
    add_village(inst, "Thôn Na Hoàng")
    with inst.db.session(inst.actor) as s:
        result = run_import(s, inst.actor, xlsx_file)
    assert (result.created, result.skipped_duplicates, result.rejected) == (3, 0, ())
    assert result.villages_created == ("Xóm Đồng Tâm",)
    assert len(result.person_ids) == 3
    assert people_in_db(inst) == [
        ("Trần Văn Bình", date(1962, 2, 24), 1962, "M", "019062001235", "0912345679",
         "Thôn Na Hoàng"),
        ("Hoàng Văn Cường", None, 1950, "M", None, None, "Xóm Đồng Tâm"),
        ("Nguyễn Thị Đào", date(1985, 3, 12), 1985, "F", "019185001234", "0912345678",
         "Thôn Na Hoàng"),
    ]  # fmt: skip
    with inst.db.session() as s:
        village = s.scalars(select(Village).where(Village.name == "Xóm Đồng Tâm")).one()
        assert village.kind == "xom"
        queued = s.execute(select(Outbox.entity, Outbox.record_id).order_by(Outbox.seq)).all()
        # The officer (set-up), the village added above, then what the import wrote.
        assert sorted(e for e, _ in queued) == ["officer"] + ["person"] * 3 + ["village"] * 2
        assert {r for e, r in queued if e == "person"} == set(result.person_ids)
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "people.import")).one()
        assert entry.detail == ("created=3 skipped_duplicates=0 rejected=0 villages_created=1")
        assert entry.officer_id == inst.actor.officer_id
        creates = s.scalar(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "person.create")
        )
        assert creates == 3


def test_tcvn3_csv_is_detected_and_converted(inst: Installation, tmp_path: Path) -> None:
    rows = [
        [tcvn3("DANH SÁCH HỌC VIÊN LỚP NGƯỜI CAO TUỔI")],
        [tcvn3(h) for h in ("STT", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn")],
        ["1", "NguyÔn ThÞ §µo", "12/03/1958", tcvn3("Nữ"), tcvn3("Bản Chang")],
        ["2", tcvn3("Lê Văn Hùng"), "1955", "Nam", tcvn3("Bản Chang")],
    ]
    assert rows[2][1] == tcvn3("Nguyễn Thị Đào")
    path = tmp_path / "tcvn3.csv"
    path.write_bytes("\r\n".join(";".join(r) for r in rows).encode("cp1252"))
    p = plan(inst, path)
    assert p.legacy_encoding == "tcvn3"
    assert p.header_row == 2
    assert [h for h, _ in p.columns] == ["Họ và tên", "Ngày sinh", "Giới tính", "Thôn"]
    assert [(r.row_number, r.person.full_name, r.person.birth_date, r.person.birth_year,
             r.person.sex, r.village) for r in p.accepted] == [
        (3, "Nguyễn Thị Đào", date(1958, 3, 12), 1958, "F", "Bản Chang"),
        (4, "Lê Văn Hùng", None, 1955, "M", "Bản Chang"),
    ]  # fmt: skip
    assert unicodedata.is_normalized("NFC", p.accepted[0].person.full_name)
    assert p.new_villages == ("Bản Chang",)
    with inst.db.session(inst.actor) as s:
        result = run_import(s, inst.actor, path)
    assert result.created == 2
    with inst.db.session() as s:
        assert s.scalars(select(Village.kind)).all() == ["ban"]
        assert s.scalars(select(Person.full_name).order_by(Person.sort_key)).all() == [
            "Nguyễn Thị Đào",
            "Lê Văn Hùng",
        ]


BAD_FILE_ROWS = [
    ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại", "Thôn"],
    ["1", "Đỗ Thị Mai", "05/09/1962", "Nữ", "019162000111", "0987654321", "Thôn Mới"],
    ["2", "Lê Văn 3", "31/02/1990", "M", "12345", "123", "Thôn Mới"],
    ["", "", "", "", "", "", ""],
    ["3", "Bùi Văn Sơn", "1970", "Nam", "", "", "Thôn Cũ"],
    ["4", "", "1980", "Nam", "", "", ""],
]


def test_row_with_several_problems_lists_every_reason(inst: Installation, tmp_path: Path) -> None:
    p = plan(inst, write_csv(tmp_path / "loi.csv", BAD_FILE_ROWS))
    assert [r.row_number for r in p.accepted] == [2, 5]
    assert [r.row_number for r in p.rejected] == [3, 6]
    bad = p.rejected[0]
    assert [m.code for m in bad.reasons] == [
        "import.birth_invalid",
        "import.sex_invalid",
        "import.id_length",
        "import.phone_invalid",
        "person.name_invalid",
    ]
    assert all(m.vi and m.en for m in bad.reasons)
    assert "31/02/1990" in bad.reasons[0].vi
    assert bad.values == (
        ("STT", "2"),
        ("Họ và tên", "Lê Văn 3"),
        ("Ngày sinh", "31/02/1990"),
        ("Giới tính", "M"),
        ("Số CCCD", "12345"),
        ("Số điện thoại", "123"),
        ("Thôn", "Thôn Mới"),
    )
    assert [m.code for m in p.rejected[1].reasons] == ["import.name_missing"]
    # Villages of rejected rows only are not proposed.
    assert p.new_villages == ("Thôn Mới", "Thôn Cũ")


def test_dry_run_writes_nothing(inst: Installation, xlsx_file: Path, tmp_path: Path) -> None:
    before = counts(inst)
    p = plan(inst, xlsx_file)
    plan(inst, write_csv(tmp_path / "loi.csv", BAD_FILE_ROWS))
    assert len(p.accepted) == 3
    assert counts(inst) == before
    with inst.db.session() as s:
        queued = s.scalars(select(Outbox.entity)).all()
    assert queued == ["officer"]  # from the set-up only


def test_real_run_is_all_or_nothing(inst: Installation, tmp_path: Path) -> None:
    before = counts(inst)
    path = write_csv(tmp_path / "loi.csv", BAD_FILE_ROWS)
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        run_import(s, inst.actor, path)
    assert e.value.code == "import.rows_rejected"
    assert "2 dòng có lỗi (dòng 3, 6)" in e.value.text("vi")
    assert "xem trước" in e.value.text("vi")
    assert "2 rows have problems (rows 3, 6)" in e.value.text("en")
    assert "preview" in e.value.text("en")
    assert counts(inst) == before


def test_allow_partial_writes_exactly_the_good_rows(inst: Installation, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "loi.csv", BAD_FILE_ROWS)
    with inst.db.session(inst.actor) as s:
        result = run_import(s, inst.actor, path, allow_partial=True)
    assert result.created == 2
    assert [r.row_number for r in result.rejected] == [3, 6]
    assert result.villages_created == ("Thôn Mới", "Thôn Cũ")
    assert people_in_db(inst) == [
        ("Đỗ Thị Mai", date(1962, 9, 5), 1962, "F", "019162000111", "0987654321", "Thôn Mới"),
        ("Bùi Văn Sơn", None, 1970, "M", None, None, "Thôn Cũ"),
    ]
    with inst.db.session() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "people.import")).one()
        assert entry.detail == "created=2 skipped_duplicates=0 rejected=2 villages_created=2"
        assert "Mai" not in entry.detail


DUP_ROWS = [
    ["Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "SĐT"],
    ["Phạm Thị Lan", "1970", "Nữ", "", ""],  # 2: same as an existing person
    ["Vũ Văn Nam", "1980", "Nam", "", ""],  # 3
    ["VŨ VĂN NAM", "1980", "Nam", "", ""],  # 4: same name and year as row 3
    ["Đặng Văn Hải", "1975", "Nam", "019075000777", ""],  # 5
    ["Đặng Văn Hải", "1975", "Nam", "019075000777", ""],  # 6: same ID and name as row 5
    ["Hồ Văn Phúc", "1975", "Nam", "019075000777", ""],  # 7: same ID, other name
    ["Lò Thị Hà", "1990", "Nữ", "019190000999", ""],  # 8: ID already recorded
    ["Ma Văn Tiến", "1980", "Nam", "019080000123", ""],  # 9
    ["Ma Văn Tiến", "1980", "Nam", "019080000456", ""],  # 10: other ID, so another person
]


def _seed_existing(inst: Installation) -> None:
    with inst.db.session(inst.actor) as s:
        people.create_person(s, inst.actor, PersonInput("Phạm Thị Lan", birth_year=1970))
        people.create_person(
            s, inst.actor, PersonInput("Lò Văn Tâm", birth_year=1960, id_number="019190000999")
        )


def test_duplicates_of_existing_people_and_inside_the_file(
    inst: Installation, tmp_path: Path
) -> None:
    _seed_existing(inst)
    p = plan(inst, write_csv(tmp_path / "trung.csv", DUP_ROWS))
    assert [(r.row_number, [m.code for m in r.reasons]) for r in p.rejected] == [
        (7, ["import.id_repeated"]),
        (8, ["import.id_taken"]),
    ]
    assert "dòng 5" in p.rejected[0].reasons[0].vi
    assert "đã có trong danh sách" in p.rejected[1].reasons[0].vi
    assert [r.row_number for r in p.accepted] == [2, 3, 4, 5, 6, 9, 10]
    dups = [
        (
            d.row_number,
            d.existing.full_name if d.existing else None,
            d.other_row,
            d.score,
            d.reasons,
            d.certain,
            d.message.code,
        )
        for d in p.duplicates
    ]
    assert dups == [
        (2, "Phạm Thị Lan", None, 70, ("cùng họ tên", "cùng năm sinh"), False,
         "import.dup_existing"),
        (4, None, 3, 70, ("cùng họ tên", "cùng năm sinh"), False, "import.dup_in_file"),
        (6, None, 5, 100, ("cùng số CCCD", "cùng họ tên"), True, "import.dup_in_file_id"),
    ]  # fmt: skip
    assert [r.row_number for r in p.rows_to_create()] == [3, 5, 9, 10]
    assert [r.row_number for r in p.rows_to_create(skip_duplicates=False)] == [2, 3, 4, 5, 9, 10]


def test_run_skips_or_creates_duplicates(inst: Installation, tmp_path: Path) -> None:
    _seed_existing(inst)
    path = write_csv(tmp_path / "trung.csv", DUP_ROWS)
    with inst.db.session(inst.actor) as s:
        result = run_import(s, inst.actor, path, allow_partial=True)
    assert (result.created, result.skipped_duplicates) == (4, 3)
    assert [d.row_number for d in result.skipped] == [2, 4, 6]
    with inst.db.session() as s:
        names = s.scalars(select(Person.full_name).order_by(Person.sort_key)).all()
    assert names == [
        "Đặng Văn Hải", "Phạm Thị Lan", "Vũ Văn Nam", "Lò Văn Tâm", "Ma Văn Tiến", "Ma Văn Tiến"
    ]  # fmt: skip


def test_run_without_skipping_creates_likely_duplicates(inst: Installation, tmp_path: Path) -> None:
    _seed_existing(inst)
    path = write_csv(tmp_path / "trung.csv", DUP_ROWS)
    with inst.db.session(inst.actor) as s:
        result = run_import(s, inst.actor, path, allow_partial=True, skip_duplicates=False)
    # The same-ID repeat (row 6) can never be created twice.
    assert (result.created, result.skipped_duplicates) == (6, 1)
    with inst.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 8
        ids = s.scalars(select(Person.id_number).where(Person.id_number.is_not(None))).all()
        assert sorted(ids) == ["019075000777", "019080000123", "019080000456", "019190000999"]


def test_no_name_column_tells_which_headers_were_found(inst: Installation, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "khong-ten.csv",
        [["Người tham gia", "Ngày sinh", "Giới tính"], ["Nguyễn Văn A", "1970", "Nam"]],
    )
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        plan_import(s, inst.actor, path)
    assert e.value.code == "import.no_name_column"
    vi = e.value.text("vi")
    assert "'Người tham gia', 'Ngày sinh', 'Giới tính'" in vi
    assert "Họ và tên" in vi
    assert "Nguyễn Văn A" not in vi
    assert "Columns found" in e.value.text("en")


def test_target_group_ethnicity_and_unknown_villages(inst: Installation, tmp_path: Path) -> None:
    rows = [
        ["Họ và tên", "Năm sinh", "Đối tượng", "Dân tộc", "Thôn"],
        ["Ma Văn Tiến", "2008", "Học sinh", "Tày", "Thôn Cũ"],
        ["Triệu Thị Hoa", "1990", "Cán bộ xã", "", ""],
        ["Lý Văn Lợi", "1985", "Người lao động trong doanh nghiệp, hợp tác xã", "", ""],
        ["Hà Văn Tú", "1980", "bộ đội", "", ""],
    ]
    path = write_csv(tmp_path / "doi-tuong.csv", rows)
    p = plan(inst, path)
    assert [(r.row_number, r.person.target_group, r.person.ethnicity) for r in p.accepted] == [
        (2, "student", None),
        (3, "public_servant", None),
        (4, "worker", None),
    ]
    assert [(r.row_number, [m.code for m in r.reasons]) for r in p.rejected] == [
        (5, ["import.target_group"])
    ]
    assert [n.code for n in p.notices] == ["import.ethnicity_ignored"]
    strict = plan(inst, path, create_villages=False)
    assert [(r.row_number, [m.code for m in r.reasons]) for r in strict.rejected] == [
        (2, ["import.village_unknown"]),
        (5, ["import.target_group"]),
    ]
    assert strict.new_villages == ()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_into_another_installation(
    inst: Installation, tmp_path: Path, fmt: str
) -> None:
    village = add_village(inst, "Xóm Đồng Tâm")
    with inst.db.session(inst.actor) as s:
        people.create_person(
            s,
            inst.actor,
            PersonInput(
                "Nguyễn Thị Đào",
                birth_date=date(1985, 3, 12),
                sex="F",
                id_number="019185001234",
                phone="0912345678",
                village_id=village,
                target_group="student",
            ),
        )
        people.create_person(
            s, inst.actor, PersonInput("H'Mông Văn A-Lưa", birth_year=1960, notes="Ghi chú")
        )
        out = tmp_path / f"nguoi-dan.{fmt}"
        export(s, inst.actor, "people", fmt, out)
    other, _ = init_installation(
        tmp_path / "khac" / "hocvuso.db", "01840", "Lê Văn Khác", "mat-khau-khac-1", kdf=FAST_KDF
    )
    try:
        seen: list[tuple[int, int]] = []
        with other.db.session(other.actor) as s:
            result = run_import(
                s, other.actor, out, progress=lambda done, total: seen.append((done, total))
            )
        assert (result.created, result.villages_created) == (2, ("Xóm Đồng Tâm",))
        assert seen == [(2, 2)]
        assert people_in_db(other) == [
            ("H'Mông Văn A-Lưa", None, 1960, None, None, None, None),
            ("Nguyễn Thị Đào", date(1985, 3, 12), 1985, "F", "019185001234", "0912345678",
             "Xóm Đồng Tâm"),
        ]  # fmt: skip
        with other.db.session() as s:
            groups = s.scalars(select(Person.target_group).order_by(Person.sort_key)).all()
        assert groups == ["citizen", "student"]
    finally:
        other.close()
