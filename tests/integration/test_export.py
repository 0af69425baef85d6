"""Exporting people, sessions, attendance and skill records to CSV and XLSX, read back."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.errors import UserError
from app.ids import ICT, now
from app.installation import Installation
from app.models import AuditLog, ClassSession
from app.services import directory, people, sessions
from app.services.exporting import COLUMNS, export
from app.services.people import PersonInput
from app.services.sessions import SessionInput

START = datetime(2026, 11, 5, 8, 30, tzinfo=ICT)
DAY = START.date()


@dataclass(frozen=True)
class Data:
    dao: str
    binh: str


@pytest.fixture
def data(inst: Installation) -> Data:
    a = inst.actor
    with inst.db.session(a) as s:
        village = directory.save_village(s, a, "Thôn Na Hoàng").value.id
        helper = directory.save_team_member(s, a, "Lường Văn Hải").value.id
        dao = people.create_person(
            s,
            a,
            PersonInput(
                "Nguyễn Thị Đào",
                birth_date=date(1985, 3, 12),
                sex="F",
                id_number="019185001234",
                phone="0912345678",
                village_id=village,
                notes="=1+1 không phải công thức",
            ),
        ).value.id
        binh = people.create_person(
            s,
            a,
            PersonInput("Trần Văn Bình", birth_year=1962, sex="M", target_group="public_servant"),
        ).value.id
        gone = people.create_person(s, a, PersonInput("Lò Văn Xoá", birth_year=1970)).value.id
        ses = sessions.create_session(
            s,
            a,
            SessionInput(
                "Lớp cài đặt VNeID",
                "digital_identity",
                "class",
                START,
                START + timedelta(hours=1, minutes=30),
                place="Nhà văn hoá thôn Na Hoàng",
                village_id=village,
                target_groups=("citizen", "public_servant"),
                planned_skills=("DD01", "YT01"),
                team_member_ids=(helper,),
            ),
        ).value.id
        sessions.check_in(s, a, ses, dao, "card", START + timedelta(minutes=10))
        sessions.check_in(s, a, ses, binh, "search", START + timedelta(minutes=15))
        undone = sessions.check_in(s, a, ses, gone, "manual", START + timedelta(minutes=20))
        sessions.undo_check_in(s, a, undone.value.id)
        sessions.record_skills(s, a, [dao], ["DD01"], "independent", session_id=ses)
        sessions.record_skills(
            s, a, [binh], ["YT01"], "introduced", session_id=ses, helped_by=helper
        )
        retracted = sessions.record_skills(s, a, [dao], ["TT02"], "practised", session_id=ses)
        sessions.retract_skill_records(s, a, [r.id for r in retracted.value])
        sessions.record_skills(
            s, a, [binh], ["TT02"], "practised", day=date(2026, 11, 20), note="Tại nhà"
        )
        # A deleted session and an erased person never appear.
        dropped = sessions.create_session(
            s, a, SessionInput("Buổi nhập nhầm", "community_class", "community", START)
        ).value.id
        row = s.get(ClassSession, dropped)
        assert row is not None
        row.deleted_at = now()
        people.erase_person(s, a, gone)
    return Data(dao, binh)


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def read_xlsx(path: Path) -> list[list[object]]:
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "xuat"
    folder.mkdir()
    return folder


def run(inst: Installation, what: str, fmt: str, out: Path) -> int:
    with inst.db.session(inst.actor) as s:
        return export(s, inst.actor, what, fmt, out)


PEOPLE_HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Năm sinh",
    "Giới tính",
    "Số CCCD",
    "Số điện thoại",
    "Thôn/xóm",
    "Nhóm đối tượng",
    "Ghi chú",
    "Mã hồ sơ",
]
SERVANTS = "Cán bộ, công chức, viên chức, người lao động trong cơ quan nhà nước"


def test_people_csv(inst: Installation, data: Data, out_dir: Path) -> None:
    out = out_dir / "nguoi-dan.csv"
    assert run(inst, "people", "csv", out) == 2
    assert read_csv(out) == [
        PEOPLE_HEADER,
        ["Trần Văn Bình", "", "1962", "Nam", "", "", "", SERVANTS, "", data.binh],
        [
            "Nguyễn Thị Đào",
            "12/03/1985",
            "1985",
            "Nữ",
            "019185001234",
            "0912345678",
            "Thôn Na Hoàng",
            "Người dân",
            "'=1+1 không phải công thức",
            data.dao,
        ],
    ]
    with inst.db.session() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "export.people")).one()
    assert entry.detail == "rows=2 format=csv"
    assert entry.officer_id == inst.actor.officer_id


def test_people_xlsx(inst: Installation, data: Data, out_dir: Path) -> None:
    out = out_dir / "nguoi-dan.xlsx"
    assert run(inst, "people", "xlsx", out) == 2
    rows = read_xlsx(out)
    assert rows == [
        PEOPLE_HEADER,
        ["Trần Văn Bình", None, 1962, "Nam", None, None, None, SERVANTS, None, data.binh],
        [
            "Nguyễn Thị Đào",
            datetime(1985, 3, 12),
            1985,
            "Nữ",
            "019185001234",
            "0912345678",
            "Thôn Na Hoàng",
            "Người dân",
            "=1+1 không phải công thức",
            data.dao,
        ],
    ]
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    assert ws["B3"].number_format == "DD/MM/YYYY" and ws["B3"].is_date
    assert ws["E3"].number_format == "@"
    assert ws["I3"].data_type == "s"  # stored as text, not as a formula
    assert ws.column_dimensions["A"].width == len("Nguyễn Thị Đào") + 2
    assert ws.column_dimensions["H"].width == 50
    assert ws.column_dimensions["C"].width == len("Năm sinh") + 2


SESSION_CSV = [
    "05/11/2026",
    "08:30",
    "10:00",
    "Lớp cài đặt VNeID",
    "Mỗi công dân - Một danh tính số",
    "Lớp học",
    "Đã tổ chức",
    "Thôn Na Hoàng",
    "Nhà văn hoá thôn Na Hoàng",
    f"Người dân; {SERVANTS}",
    "DD01 - Cài đặt VNeID và đăng ký tài khoản định danh điện tử mức 1; "
    "YT01 - Kích hoạt và dùng Sổ sức khỏe điện tử trên VNeID",
    "Lường Văn Hải",
    "2",
    "",
]


def _session_id(inst: Installation) -> str:
    with inst.db.session() as s:
        return s.scalars(
            select(ClassSession.id).where(ClassSession.title == "Lớp cài đặt VNeID")
        ).one()


def test_sessions_csv_and_xlsx(inst: Installation, data: Data, out_dir: Path) -> None:
    sid = _session_id(inst)
    assert run(inst, "sessions", "csv", out_dir / "buoi.csv") == 1
    rows = read_csv(out_dir / "buoi.csv")
    assert rows[0] == [c.header for c in COLUMNS["sessions"]]
    assert rows[0][:4] == ["Ngày", "Giờ bắt đầu", "Giờ kết thúc", "Tên buổi"]
    assert rows[1:] == [[*SESSION_CSV, sid]]

    assert run(inst, "sessions", "xlsx", out_dir / "buoi.xlsx") == 1
    x = read_xlsx(out_dir / "buoi.xlsx")
    assert x[0] == rows[0]
    assert x[1][:3] == [datetime(2026, 11, 5), time(8, 30), time(10, 0)]
    assert x[1][3:12] == SESSION_CSV[3:12]
    assert x[1][12:] == [2, None, sid]


def test_attendance_csv_and_xlsx(inst: Installation, data: Data, out_dir: Path) -> None:
    sid = _session_id(inst)
    assert run(inst, "attendance", "csv", out_dir / "diem-danh.csv") == 2
    rows = read_csv(out_dir / "diem-danh.csv")
    common = ["05/11/2026", "Lớp cài đặt VNeID", "Lớp học", "Mỗi công dân - Một danh tính số"]
    assert rows == [
        [
            "Ngày",
            "Buổi",
            "Hình thức",
            "Chương trình",
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Thôn/xóm",
            "Nhóm đối tượng",
            "Giờ điểm danh",
            "Cách điểm danh",
            "Mã buổi",
            "Mã hồ sơ",
        ],
        [*common, "Nguyễn Thị Đào", "1985", "Nữ", "Thôn Na Hoàng", "Người dân", "08:40",
         "Thẻ QR", sid, data.dao],
        [*common, "Trần Văn Bình", "1962", "Nam", "", SERVANTS, "08:45", "Tìm theo tên", sid,
         data.binh],
    ]  # fmt: skip
    assert run(inst, "attendance", "xlsx", out_dir / "diem-danh.xlsx") == 2
    x = read_xlsx(out_dir / "diem-danh.xlsx")
    assert x[0] == rows[0]
    assert [r[0] for r in x[1:]] == [datetime(2026, 11, 5)] * 2
    assert [(r[4], r[5], r[9]) for r in x[1:]] == [
        ("Nguyễn Thị Đào", 1985, time(8, 40)),
        ("Trần Văn Bình", 1962, time(8, 45)),
    ]


def test_skills_csv_and_xlsx(inst: Installation, data: Data, out_dir: Path) -> None:
    assert run(inst, "skills", "csv", out_dir / "ky-nang.csv") == 3
    rows = read_csv(out_dir / "ky-nang.csv")
    assert rows[0] == [
        "Ngày",
        "Họ và tên",
        "Năm sinh",
        "Giới tính",
        "Thôn/xóm",
        "Nhóm đối tượng",
        "Mã kỹ năng",
        "Kỹ năng",
        "Mức độ đạt được",
        "Buổi",
        "Người hướng dẫn",
        "Ghi chú",
        "Mã hồ sơ",
    ]
    assert rows[1:] == [
        ["05/11/2026", "Trần Văn Bình", "1962", "Nam", "", SERVANTS, "YT01",
         "Kích hoạt và dùng Sổ sức khỏe điện tử trên VNeID", "Đã được giới thiệu",
         "Lớp cài đặt VNeID", "Lường Văn Hải", "", data.binh],
        ["05/11/2026", "Nguyễn Thị Đào", "1985", "Nữ", "Thôn Na Hoàng", "Người dân", "DD01",
         "Cài đặt VNeID và đăng ký tài khoản định danh điện tử mức 1", "Tự làm được",
         "Lớp cài đặt VNeID", "", "", data.dao],
        ["20/11/2026", "Trần Văn Bình", "1962", "Nam", "", SERVANTS, "TT02",
         "Thanh toán bằng mã QR, chuyển khoản", "Đã thực hành có hỗ trợ", "", "", "Tại nhà",
         data.binh],
    ]  # fmt: skip
    assert run(inst, "skills", "xlsx", out_dir / "ky-nang.xlsx") == 3
    x = read_xlsx(out_dir / "ky-nang.xlsx")
    assert x[0] == rows[0]
    assert [r[0] for r in x[1:]] == [datetime(2026, 11, 5)] * 2 + [datetime(2026, 11, 20)]
    assert [r[6:9] for r in x[1:]] == [
        ["YT01", "Kích hoạt và dùng Sổ sức khỏe điện tử trên VNeID", "Đã được giới thiệu"],
        ["DD01", "Cài đặt VNeID và đăng ký tài khoản định danh điện tử mức 1", "Tự làm được"],
        ["TT02", "Thanh toán bằng mã QR, chuyển khoản", "Đã thực hành có hỗ trợ"],
    ]
    with inst.db.session() as s:
        details = s.scalars(
            select(AuditLog.detail).where(AuditLog.action == "export.skills").order_by(AuditLog.at)
        ).all()
    assert details == ["rows=3 format=csv", "rows=3 format=xlsx"]


def test_empty_export_has_the_header_only(inst: Installation, out_dir: Path) -> None:
    assert run(inst, "attendance", "csv", out_dir / "rong.csv") == 0
    assert read_csv(out_dir / "rong.csv") == [[c.header for c in COLUMNS["attendance"]]]


@pytest.mark.parametrize(
    ("what", "fmt", "code", "choices"),
    [
        ("nguoi", "csv", "export.what", "people"),
        ("people", "pdf", "export.format", "xlsx"),
    ],
)
def test_bad_choice_lists_the_choices(
    inst: Installation, out_dir: Path, what: str, fmt: str, code: str, choices: str
) -> None:
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        export(s, inst.actor, what, fmt, out_dir / "x")
    assert e.value.code == code
    assert choices in e.value.text("vi") and choices in e.value.text("en")
    assert list(out_dir.iterdir()) == []


def test_failed_export_leaves_no_file_and_keeps_the_old_one(
    inst: Installation, data: Data, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = out_dir / "nguoi-dan.csv"
    out.write_text("bản cũ", encoding="utf-8")

    def broken(*_args: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr("app.services.exporting._write_csv", broken)
    with pytest.raises(UserError) as e, inst.db.session(inst.actor) as s:
        export(s, inst.actor, "people", "csv", out)
    assert e.value.code == "export.write"
    assert [p.name for p in out_dir.iterdir()] == ["nguoi-dan.csv"]
    assert out.read_text(encoding="utf-8") == "bản cũ"
    with inst.db.session() as s:
        assert s.scalars(select(AuditLog).where(AuditLog.action == "export.people")).all() == []


def test_export_replaces_an_earlier_file(inst: Installation, data: Data, out_dir: Path) -> None:
    out = out_dir / "nguoi-dan.xlsx"
    out.write_bytes(b"old")
    assert run(inst, "people", "xlsx", out) == 2
    assert [p.name for p in out_dir.iterdir()] == ["nguoi-dan.xlsx"]
    assert read_xlsx(out)[1][0] == "Trần Văn Bình"
