"""Export of the commune's records (people, sessions, attendance, skill records) to CSV or XLSX
files an officer opens in Excel.

Choices worth knowing:

* Columns have Vietnamese headers in a fixed order (`COLUMNS`), so scripts reading the files can
  rely on position as well as on the header text. Codes become their labels (app.vocab), ids
  become names (villages, programmes, team members); skills keep their code beside the name.
* CSV is UTF-8 with a BOM (Excel then shows Vietnamese correctly), comma-separated, dates as
  dd/mm/yyyy and times as HH:MM in Vietnam time. XLSX has real date and time cells, a bold,
  frozen header row with a filter, and column widths that fit the content.
* Sensitive data (ethnicity, disability) is never part of these lists: the per-person export
  serves the right of access.
* Tombstoned records are left out. Attendance and skill events of an erased person stay (the
  name reads "(đã xoá)") so totals match the reports.
* The file is written beside the target under a temporary name and renamed at the end, so a
  failed export never leaves half a file and never damages an earlier export.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database import Actor
from app.errors import UserError
from app.ids import ICT, uuid7
from app.models import (
    Attendance,
    ClassSession,
    Person,
    Programme,
    Skill,
    SkillRecord,
    TeamMember,
    Village,
)
from app.services.common import audit, require_role
from app.vocab import FORMATS, OUTCOMES, SESSION_STATUSES, SEXES, TARGET_GROUPS, label

__all__ = ["COLUMNS", "EXPORT_FORMATS", "EXPORT_KINDS", "Column", "export"]

Value = str | int | date | time | None


@dataclass(frozen=True)
class Column:
    """One exported column: a stable machine key, the Vietnamese header and the cell kind."""

    key: str
    header: str
    kind: str = "text"  # text | int | date | time | code (text that must stay text: IDs)


def _c(key: str, header: str, kind: str = "text") -> Column:
    return Column(key, header, kind)


COLUMNS: dict[str, tuple[Column, ...]] = {
    "people": (
        _c("full_name", "Họ và tên"),
        _c("birth_date", "Ngày sinh", "date"),
        _c("birth_year", "Năm sinh", "int"),
        _c("sex", "Giới tính"),
        _c("id_number", "Số CCCD", "code"),
        _c("phone", "Số điện thoại", "code"),
        _c("village", "Thôn/xóm"),
        _c("target_group", "Nhóm đối tượng"),
        _c("notes", "Ghi chú"),
        _c("person_id", "Mã hồ sơ", "code"),
    ),
    "sessions": (
        _c("day", "Ngày", "date"),
        _c("starts_at", "Giờ bắt đầu", "time"),
        _c("ends_at", "Giờ kết thúc", "time"),
        _c("title", "Tên buổi"),
        _c("programme", "Chương trình"),
        _c("format", "Hình thức"),
        _c("status", "Trạng thái"),
        _c("village", "Thôn/xóm"),
        _c("place", "Địa điểm"),
        _c("target_groups", "Nhóm đối tượng"),
        _c("planned_skills", "Kỹ năng dự kiến"),
        _c("team_members", "Thành viên Tổ công nghệ số"),
        _c("attendees", "Số người tham dự", "int"),
        _c("notes", "Ghi chú"),
        _c("session_id", "Mã buổi", "code"),
    ),
    "attendance": (
        _c("day", "Ngày", "date"),
        _c("session", "Buổi"),
        _c("format", "Hình thức"),
        _c("programme", "Chương trình"),
        _c("full_name", "Họ và tên"),
        _c("birth_year", "Năm sinh", "int"),
        _c("sex", "Giới tính"),
        _c("village", "Thôn/xóm"),
        _c("target_group", "Nhóm đối tượng"),
        _c("checked_in_at", "Giờ điểm danh", "time"),
        _c("method", "Cách điểm danh"),
        _c("session_id", "Mã buổi", "code"),
        _c("person_id", "Mã hồ sơ", "code"),
    ),
    "skills": (
        _c("day", "Ngày", "date"),
        _c("full_name", "Họ và tên"),
        _c("birth_year", "Năm sinh", "int"),
        _c("sex", "Giới tính"),
        _c("village", "Thôn/xóm"),
        _c("target_group", "Nhóm đối tượng"),
        _c("skill_code", "Mã kỹ năng", "code"),
        _c("skill", "Kỹ năng"),
        _c("outcome", "Mức độ đạt được"),
        _c("session", "Buổi"),
        _c("helped_by", "Người hướng dẫn"),
        _c("note", "Ghi chú"),
        _c("person_id", "Mã hồ sơ", "code"),
    ),
}
EXPORT_KINDS: dict[str, tuple[str, str]] = {
    "people": ("Danh sách người dân", "People"),
    "sessions": ("Buổi học, sinh hoạt", "Sessions"),
    "attendance": ("Điểm danh", "Attendance"),
    "skills": ("Kỹ năng đã hướng dẫn", "Skill records"),
}
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("CSV (UTF-8)", "CSV (UTF-8)"),
    "xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
}
METHODS: dict[str, tuple[str, str]] = {
    "card": ("Thẻ QR", "QR card"),
    "id_card": ("Quét CCCD", "ID card scan"),
    "search": ("Tìm theo tên", "Name search"),
    "sheet": ("Danh sách giấy", "Paper sheet"),
    "manual": ("Nhập tay", "Manual"),
}

Row = dict[str, Value]


# -- gathering rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Names:
    villages: dict[str, str]
    programmes: dict[str, str]
    skills: dict[str, str]
    team: dict[str, str]


def _names(s: Session) -> _Names:
    # Names of tombstoned villages or withdrawn skills are still right for old records.
    return _Names(
        villages=dict(s.execute(select(Village.id, Village.name)).all()),
        programmes=dict(s.execute(select(Programme.code, Programme.name_vi)).all()),
        skills=dict(s.execute(select(Skill.code, Skill.name_vi)).all()),
        team=dict(s.execute(select(TeamMember.id, TeamMember.full_name)).all()),
    )


def _local_time(ts: datetime | None) -> time | None:
    return None if ts is None else ts.astimezone(ICT).time().replace(second=0, microsecond=0)


def _person_cells(p: Person, n: _Names) -> Row:
    return {
        "full_name": p.full_name,
        "birth_year": p.birth_year,
        "sex": label(SEXES, p.sex),
        "village": n.villages.get(p.village_id or "", ""),
        "person_id": p.id,
    }


def _people(s: Session, n: _Names) -> Iterable[Row]:
    q = select(Person).where(Person.deleted_at.is_(None)).order_by(Person.sort_key, Person.id)
    for p in s.scalars(q):
        yield _person_cells(p, n) | {
            "birth_date": p.birth_date,
            "id_number": p.id_number,
            "phone": p.phone,
            "target_group": label(TARGET_GROUPS, p.target_group),
            "notes": p.notes,
        }


def _sessions(s: Session, n: _Names) -> Iterable[Row]:
    counts = dict(
        s.execute(
            select(Attendance.session_id, func.count())
            .where(Attendance.deleted_at.is_(None))
            .group_by(Attendance.session_id)
        ).all()
    )
    q = (
        select(ClassSession)
        .where(ClassSession.deleted_at.is_(None))
        .order_by(ClassSession.day, ClassSession.starts_at, ClassSession.id)
    )
    for c in s.scalars(q):
        yield {
            "day": c.day,
            "starts_at": _local_time(c.starts_at),
            "ends_at": _local_time(c.ends_at),
            "title": c.title,
            "programme": n.programmes.get(c.programme_code, c.programme_code),
            "format": label(FORMATS, c.format),
            "status": label(SESSION_STATUSES, c.status),
            "village": n.villages.get(c.village_id or "", ""),
            "place": c.place,
            "target_groups": "; ".join(label(TARGET_GROUPS, g) for g in c.target_groups),
            "planned_skills": "; ".join(
                f"{code} - {n.skills.get(code, '')}".rstrip(" -") for code in c.planned_skills
            ),
            "team_members": "; ".join(n.team.get(t, "") for t in c.team_member_ids),
            "attendees": int(counts.get(c.id, 0)),
            "notes": c.notes,
            "session_id": c.id,
        }


def _attendance(s: Session, n: _Names) -> Iterable[Row]:
    q = (
        select(Attendance, ClassSession, Person)
        .join(ClassSession, ClassSession.id == Attendance.session_id)
        .join(Person, Person.id == Attendance.person_id)
        .where(Attendance.deleted_at.is_(None), ClassSession.deleted_at.is_(None))
        .order_by(
            Attendance.day,
            ClassSession.starts_at,
            ClassSession.id,
            Attendance.checked_in_at,
            Attendance.id,
        )
    )
    for a, c, p in s.execute(q):
        yield _person_cells(p, n) | {
            "day": a.day,
            "session": c.title,
            "format": label(FORMATS, c.format),
            "programme": n.programmes.get(c.programme_code, c.programme_code),
            # The group at the time of the event, as the reports count it.
            "target_group": label(TARGET_GROUPS, a.target_group),
            "checked_in_at": _local_time(a.checked_in_at),
            "method": label(METHODS, a.method),
            "session_id": c.id,
        }


def _skills(s: Session, n: _Names) -> Iterable[Row]:
    titles = dict(s.execute(select(ClassSession.id, ClassSession.title)).all())
    q = (
        select(SkillRecord, Person)
        .join(Person, Person.id == SkillRecord.person_id)
        .where(SkillRecord.deleted_at.is_(None))
        .order_by(SkillRecord.day, Person.sort_key, SkillRecord.skill_code, SkillRecord.id)
    )
    for r, p in s.execute(q):
        yield _person_cells(p, n) | {
            "day": r.day,
            "target_group": label(TARGET_GROUPS, r.target_group),
            "skill_code": r.skill_code,
            "skill": n.skills.get(r.skill_code, ""),
            "outcome": label(OUTCOMES, r.outcome),
            "session": titles.get(r.session_id or "", ""),
            "helped_by": n.team.get(r.helped_by or "", ""),
            "note": r.note,
        }


_GATHER: dict[str, Callable[[Session, _Names], Iterable[Row]]] = {
    "people": _people,
    "sessions": _sessions,
    "attendance": _attendance,
    "skills": _skills,
}


# -- writing ---------------------------------------------------------------------------------


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


# Excel runs a cell that starts with one of these as a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Value) -> str:
    text = _csv_text(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def _write_csv(path: Path, columns: Sequence[Column], rows: Iterable[Row]) -> int:
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([c.header for c in columns])
        for row in rows:
            w.writerow([_csv_cell(row.get(c.key)) for c in columns])
            n += 1
    return n


_XLSX_FORMATS = {"date": "DD/MM/YYYY", "time": "HH:MM", "int": "0", "code": "@"}
_MIN_WIDTH, _MAX_WIDTH = 8, 50


def _write_xlsx(path: Path, title: str, columns: Sequence[Column], rows: Iterable[Row]) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    ws.append([c.header for c in columns])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [len(c.header) for c in columns]
    n = 0
    for row in rows:
        values = [row.get(c.key) for c in columns]
        ws.append(values)
        n += 1
        for cell in ws[n + 1]:
            if cell.data_type == "f":  # text typed by somebody, never a formula to run
                cell.data_type = "s"
        for i, v in enumerate(values):
            widths[i] = max(widths[i], len(_csv_text(v)))
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(max(widths[i - 1] + 2, _MIN_WIDTH), _MAX_WIDTH)
        number_format = _XLSX_FORMATS.get(column.kind)
        if number_format is not None:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = number_format
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    wb.save(path)
    return n


def _choices(vocab: dict[str, tuple[str, str]]) -> tuple[str, str]:
    return (
        ", ".join(f"{k} ({vi})" for k, (vi, _) in vocab.items()),
        ", ".join(f"{k} ({en})" for k, (_, en) in vocab.items()),
    )


def export(s: Session, actor: Actor, what: str, fmt: str, out: Path) -> int:
    """Write `what` (people | sessions | attendance | skills) as `fmt` (csv | xlsx) to `out`,
    atomically; return the number of data rows written. Raises UserError for a bad choice or
    when the file cannot be written."""
    if what not in EXPORT_KINDS:
        vi, en = _choices(EXPORT_KINDS)
        raise UserError(
            "export.what",
            f"Không có loại dữ liệu '{what}' để xuất. Chọn một trong: {vi}.",
            f"Nothing called '{what}' can be exported. Choose one of: {en}.",
        )
    if fmt not in EXPORT_FORMATS:
        vi, en = _choices(EXPORT_FORMATS)
        raise UserError(
            "export.format",
            f"Không có định dạng '{fmt}'. Chọn một trong: {vi}.",
            f"Unknown format '{fmt}'. Choose one of: {en}.",
        )
    require_role(actor, "admin", "officer")
    out = out.expanduser()
    if not out.parent.is_dir():
        raise UserError(
            "export.folder",
            f"Không có thư mục '{out.parent}'. Hãy chọn nơi lưu khác.",
            f"The folder '{out.parent}' does not exist. Choose another place.",
        )
    columns = COLUMNS[what]
    rows = _GATHER[what](s, _names(s))
    tmp = out.with_name(f".{out.name}.{uuid7()}.tmp")
    try:
        if fmt == "csv":
            n = _write_csv(tmp, columns, rows)
        else:
            n = _write_xlsx(tmp, EXPORT_KINDS[what][0], columns, rows)
        os.replace(tmp, out)
    except OSError as exc:
        raise UserError(
            "export.write",
            f"Không ghi được tệp '{out.name}'. Nếu tệp đang mở trong Excel, hãy đóng lại; hoặc "
            "chọn nơi lưu khác.",
            f"Cannot write '{out.name}'. If it is open in Excel, close it, or choose another "
            "place.",
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    audit(s, actor, f"export.{what}", what, None, f"rows={n} format={fmt}")
    return n
