"""Import of people from the XLSX and CSV lists communes keep today: a dry-run plan that shows
every row's fate, and the real, all-or-nothing (or explicitly partial) run.

Decisions worth knowing:

* Reading the file and parsing cells is `app.tabular`'s job; this module decides, row by row,
  whether a person can be created, and creates them through `people.create_people` so that
  validation, audit and the sync outbox are the same as for a person typed in by hand.
* A row whose ID number is already recorded is rejected (the officer should open that person).
  A row repeating the ID number of an earlier row of the file is a certain duplicate when the
  names agree (always skipped: one person cannot be created twice) and rejected when they differ
  (one of the two numbers is wrong).
* Same name and birth year as an earlier row, or a likely duplicate of a person already in the
  database (`people.duplicate_candidates`), is a likely duplicate: skipped or created as the
  officer chooses.
* The "Dân tộc" column is never imported: ethnicity is sensitive personal data and needs a consent
  recorded person by person (Decree 356/2025), which a spreadsheet does not carry.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import tabular
from app.database import Actor
from app.errors import UserError
from app.ids import ICT, now
from app.legacy_encoding import convert, detect_legacy_many
from app.messages import Message
from app.models import Person, Village
from app.services.common import audit, require_role
from app.services.directory import save_village
from app.services.people import (
    PersonInput,
    PersonView,
    clean,
    create_people,
    duplicate_candidates,
)
from app.vntext import fold, nfc
from app.vocab import TARGET_GROUPS

__all__ = [
    "FIELD_LABELS",
    "DuplicateRow",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "RejectedRow",
    "plan_import",
    "run_import",
]

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "full_name": ("Họ và tên", "Full name"),
    "birth": ("Ngày sinh", "Date of birth"),
    "birth_year": ("Năm sinh", "Year of birth"),
    "sex": ("Giới tính", "Sex"),
    "id_number": ("Số CCCD", "ID number"),
    "phone": ("Số điện thoại", "Phone"),
    "village": ("Thôn/xóm", "Village"),
    "target_group": ("Nhóm đối tượng", "Target group"),
    "ethnicity": ("Dân tộc", "Ethnicity"),
    "notes": ("Ghi chú", "Notes"),
}


@dataclass(frozen=True)
class PlannedRow:
    """A row that can be imported: the cleaned person (village_id set when the village already
    exists), the village name as written, and warnings to show (e.g. ID cross-check)."""

    row_number: int
    person: PersonInput
    village: str | None
    warnings: tuple[Message, ...] = ()


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be imported: its non-empty cells (header, text) and every reason."""

    row_number: int
    values: tuple[tuple[str, str], ...]
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class DuplicateRow:
    """A valid row that is probably somebody already known.

    `existing` is the person in the database it resembles, or None when it repeats an earlier
    row of the file (`other_row`). `certain` (same ID number) rows are always skipped.
    """

    row_number: int
    existing: PersonView | None
    other_row: int | None
    score: int
    reasons: tuple[str, ...]
    message: Message
    certain: bool = False


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, computed without writing anything."""

    source: str
    sheet_name: str | None
    header_row: int
    text_encoding: str | None
    legacy_encoding: str | None
    columns: tuple[tuple[str, str], ...]  # (header as written, field of FIELD_LABELS)
    unknown_headers: tuple[str, ...]
    notices: tuple[Message, ...]
    accepted: tuple[PlannedRow, ...]
    rejected: tuple[RejectedRow, ...]
    duplicates: tuple[DuplicateRow, ...]
    new_villages: tuple[str, ...]

    def rows_to_create(self, skip_duplicates: bool = True) -> tuple[PlannedRow, ...]:
        """The accepted rows a run would create (certain duplicates are never created)."""
        skip = {d.row_number for d in self.duplicates if skip_duplicates or d.certain}
        return tuple(r for r in self.accepted if r.row_number not in skip)


@dataclass(frozen=True)
class ImportResult:
    """What a real run did."""

    created: int
    skipped_duplicates: int
    rejected: tuple[RejectedRow, ...]
    villages_created: tuple[str, ...]
    person_ids: tuple[str, ...]
    skipped: tuple[DuplicateRow, ...] = ()


# -- reading ---------------------------------------------------------------------------------


def _shown(value: tabular.CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read(path: Path) -> tabular.RawTable:
    try:
        return tabular.read_table(path)
    except UserError as exc:
        if exc.code != "import.no_header":
            raise
        found = _headers_seen(path)
        needed_vi = "Họ và tên (hoặc Họ và đệm + Tên)"
        needed_en = "name column: 'Họ và tên' (full name), or 'Họ và đệm' + 'Tên'"
        shown = ", ".join(f"'{h}'" for h in found) or "(không có)"
        raise UserError(
            "import.no_name_column",
            f"Tệp '{path.name}' không có cột họ tên. Các cột tìm thấy: {shown}. Cần có cột "
            f"{needed_vi}; nên có thêm Ngày sinh, Giới tính, Số CCCD, Số điện thoại, Thôn/xóm. "
            "Sửa dòng tiêu đề rồi nhập lại.",
            f"'{path.name}' has no name column. Columns found: "
            f"{', '.join(repr(h) for h in found) or '(none)'}. A {needed_en} is needed; "
            "Ngày sinh, Giới tính, Số CCCD, Số điện thoại, Thôn/xóm are useful. Fix the header "
            "row and import again.",
        ) from exc


def _headers_seen(path: Path) -> list[str]:
    """The texts of the likeliest header row (the fullest of the first rows), for the error."""
    grid: list[tuple[int, list[tabular.CellValue]]] = []
    # The reader's raw grid is not public; this is best effort for a better error message.
    with contextlib.suppress(UserError, OSError, ValueError):
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            grid = tabular._read_xlsx(path)[0]
        else:
            grid = tabular._read_csv(path)[0]
    best: list[str] = []
    for _, values in grid[: tabular.HEADER_SEARCH_ROWS]:
        texts = [_shown(v) for v in values if _shown(v)]
        if len(texts) > len(best):
            best = texts
    legacy = detect_legacy_many(t for t in best if not t.isascii())
    return [nfc(convert(t, legacy) if legacy else t) for t in best]


# -- row checks ------------------------------------------------------------------------------

_GROUP_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("public_servant", ("can bo", "cong chuc", "vien chuc", "co quan nha nuoc")),
    ("student", ("hoc sinh", "sinh vien")),
    ("worker", ("lao dong", "doanh nghiep", "hop tac xa", "cong nhan")),
    ("citizen", ("nguoi dan", "dan")),
)


def _target_group(text: str | None) -> tuple[str | None, Message | None]:
    if not text:
        return "citizen", None
    key = fold(text)
    for code, (vi, en) in TARGET_GROUPS.items():
        if key in (code, fold(vi), fold(en)):
            return code, None
    for code, words in _GROUP_WORDS:
        if any(w == key or f" {w} " in f" {key} " for w in words):
            return code, None
    choices = "; ".join(vi for vi, _ in TARGET_GROUPS.values())
    return None, Message(
        "import.target_group",
        f"Nhóm đối tượng '{text}' không rõ. Ghi một trong: {choices}.",
        f"Target group '{text}' is not clear. Write one of: {choices}.",
    )


def _name_problem(name: str) -> Message | None:
    if len(name) > 200 or any(ch.isdigit() for ch in name):
        return Message(
            "person.name_invalid",
            f"Họ và tên '{name[:60]}' không được chứa chữ số và dài tối đa 200 ký tự.",
            "The full name may not contain digits and is at most 200 characters.",
        )
    return None


def _village_kind(name: str) -> str:
    key = fold(name)
    for prefix, kind in (
        ("to dan pho", "to_dan_pho"),
        ("tdp", "to_dan_pho"),
        ("xom", "xom"),
        ("ban", "ban"),
        ("thon", "thon"),
    ):
        if key == prefix or key.startswith(prefix + " "):
            return kind
    return "thon"


def _id_in_db() -> Message:
    return Message(
        "import.id_taken",
        "Số CCCD này đã có trong danh sách. Mở người đó để cập nhật thay vì nhập lại.",
        "This ID number is already recorded. Open that person to update instead.",
    )


def _id_repeated(first: int) -> Message:
    return Message(
        "import.id_repeated",
        f"Số CCCD trùng với dòng {first} của tệp nhưng họ tên khác. Một trong hai số bị sai: "
        "kiểm tra lại với thẻ.",
        f"The ID number repeats row {first} of the file with a different name. One of the two "
        "is wrong: check the cards.",
    )


# -- the plan --------------------------------------------------------------------------------


def plan_import(
    s: Session, actor: Actor, path: Path, *, create_villages: bool = True
) -> ImportPlan:
    """Read `path` and decide each row's fate. Writes nothing. Raises UserError if the file
    cannot be used at all (unreadable, no name column)."""
    require_role(actor, "admin", "officer")
    table = _read(path)
    today = now().astimezone(ICT).date()
    hmap = table.header_map

    columns: list[tuple[int, str, str]] = []
    for field, indexes in hmap.columns.items():
        name = "sex" if field in ("sex_male", "sex_female") else field
        columns.extend((i, table.headers[i], name) for i in indexes)
    columns.sort()
    notices: list[Message] = []

    # As directory.find_village/save_village see them, so a proposed village never clashes.
    villages = {
        v.search_key: v for v in s.scalars(select(Village).where(Village.deleted_at.is_(None)))
    }
    live = select(Person.id_number, Person.search_key, Person.phone).where(
        Person.deleted_at.is_(None)
    )
    known_ids: set[str] = set()
    known_names: set[str] = set()
    known_phones: set[str] = set()
    for id_number, search_key, phone in s.execute(live):
        if id_number:
            known_ids.add(id_number)
        known_names.add(search_key)
        if phone:
            known_phones.add(phone)

    accepted: list[PlannedRow] = []
    rejected: list[RejectedRow] = []
    duplicates: list[DuplicateRow] = []
    spelling: dict[str, str] = {}  # folded village name -> first spelling in the file
    new_villages: dict[str, str] = {}  # villages of accepted rows not yet in the database
    seen_ids: dict[str, tuple[int, str]] = {}  # id -> (row, folded name)
    seen_names: dict[tuple[str, int], tuple[int, str | None]] = {}  # -> (row, id number)
    ethnicity_dropped = False

    for raw_row, record in zip(table.rows, table.records(), strict=True):
        if all(not _shown(v) for v in record.fields.values()):
            continue
        parsed = tabular.parse_record(record, today)
        reasons = [i.message for i in parsed.issues if i.is_error]
        notes = [i.message for i in parsed.issues if not i.is_error]
        ethnicity_dropped = ethnicity_dropped or parsed.ethnicity is not None
        if parsed.full_name is not None and (problem := _name_problem(parsed.full_name)):
            reasons.append(problem)
        group, problem = _target_group(parsed.target_group)
        if problem is not None:
            reasons.append(problem)
        village = None
        village_id = None
        if parsed.village:
            village_key = fold(parsed.village)
            found = villages.get(village_key)
            if found is not None:
                village, village_id = found.name, found.id
            elif create_villages:
                village = spelling.setdefault(village_key, nfc(parsed.village))
            else:
                reasons.append(
                    Message(
                        "import.village_unknown",
                        f"Thôn/xóm '{parsed.village}' chưa có trong danh sách của xã.",
                        f"Village '{parsed.village}' is not on the commune's list.",
                    )
                )
        name_key = fold(parsed.full_name or "")
        certain_of: int | None = None
        if parsed.id_number:
            if parsed.id_number in known_ids:
                reasons.append(_id_in_db())
            elif parsed.id_number in seen_ids:
                first, first_name = seen_ids[parsed.id_number]
                if first_name == name_key:
                    certain_of = first
                else:
                    reasons.append(_id_repeated(first))
        cleaned: PersonInput | None = None
        warnings: list[Message] = []
        if not reasons:
            data = PersonInput(
                full_name=parsed.full_name or "",
                birth_date=parsed.birth_date,
                birth_year=parsed.birth_year,
                sex=parsed.sex,
                id_number=parsed.id_number,
                phone=parsed.phone,
                village_id=village_id,
                target_group=group or "citizen",
                notes=parsed.notes or "",
            )
            try:
                cleaned, checks = clean(data, today)
                warnings = notes + checks
            except UserError as exc:
                reasons.append(exc.message)
        if cleaned is None:
            values = tuple(
                (table.headers[i] or f"Cột {i + 1}", _shown(v))
                for i, v in enumerate(raw_row.values)
                if _shown(v)
            )
            rejected.append(RejectedRow(record.row_number, values, tuple(reasons)))
            continue

        row = record.row_number
        accepted.append(PlannedRow(row, cleaned, village, tuple(warnings)))
        if village is not None and village_id is None:
            new_villages.setdefault(fold(village), village)
        if certain_of is not None:
            duplicates.append(
                DuplicateRow(
                    row,
                    None,
                    certain_of,
                    100,
                    ("cùng số CCCD", "cùng họ tên"),
                    Message(
                        "import.dup_in_file_id",
                        f"Trùng với dòng {certain_of} của tệp (cùng số CCCD và họ tên): bỏ qua.",
                        f"Same person as row {certain_of} of the file (same ID number and "
                        "name): skipped.",
                    ),
                    certain=True,
                )
            )
            continue
        if cleaned.id_number:
            seen_ids[cleaned.id_number] = (row, name_key)
        if name_key in known_names or (cleaned.phone and cleaned.phone in known_phones):
            found_dups = duplicate_candidates(s, cleaned, limit=1)
            if found_dups:
                best = found_dups[0]
                duplicates.append(
                    DuplicateRow(
                        row,
                        best.person,
                        None,
                        best.score,
                        best.reasons,
                        Message(
                            "import.dup_existing",
                            f"Có thể đã có trong danh sách: {best.person.full_name} "
                            f"({', '.join(best.reasons)}).",
                            "May already be recorded as an existing person "
                            f"({', '.join(best.reasons)}).",
                        ),
                    )
                )
                continue
        if cleaned.birth_year is not None:
            earlier = seen_names.get((name_key, cleaned.birth_year))
            if earlier is not None and not (
                earlier[1] and cleaned.id_number and earlier[1] != cleaned.id_number
            ):
                duplicates.append(
                    DuplicateRow(
                        row,
                        None,
                        earlier[0],
                        70,
                        ("cùng họ tên", "cùng năm sinh"),
                        Message(
                            "import.dup_in_file",
                            f"Có thể trùng với dòng {earlier[0]} của tệp (cùng họ tên và năm "
                            "sinh).",
                            f"May be the same person as row {earlier[0]} of the file (same "
                            "name and year of birth).",
                        ),
                    )
                )
            else:
                seen_names.setdefault((name_key, cleaned.birth_year), (row, cleaned.id_number))

    if ethnicity_dropped:
        notices.append(
            Message(
                "import.ethnicity_ignored",
                "Cột Dân tộc không được nhập: đây là dữ liệu nhạy cảm, chỉ ghi khi đã hỏi và "
                "ghi nhận sự đồng ý của từng người (trong hồ sơ từng người).",
                "The ethnicity column is not imported: it is sensitive data, recorded only with "
                "each person's consent (in each person's record).",
            )
        )
    for header in hmap.duplicates:
        notices.append(
            Message(
                "import.header_duplicate",
                f"Cột '{header}' bị bỏ qua vì đã có một cột khác cùng nội dung.",
                f"Column '{header}' is ignored: another column holds the same field.",
            )
        )
    return ImportPlan(
        source=path.name,
        sheet_name=table.sheet_name,
        header_row=table.header_row,
        text_encoding=table.text_encoding,
        legacy_encoding=table.legacy_encoding,
        columns=tuple((h, f) for _, h, f in columns),
        unknown_headers=tuple(hmap.unknown),
        notices=tuple(notices),
        accepted=tuple(accepted),
        rejected=tuple(rejected),
        duplicates=tuple(duplicates),
        new_villages=tuple(new_villages.values()),
    )


# -- the real run ----------------------------------------------------------------------------


def _rows_list(rows: tuple[RejectedRow, ...], limit: int = 10) -> str:
    numbers = [str(r.row_number) for r in rows[:limit]]
    return ", ".join(numbers) + ("…" if len(rows) > limit else "")


def run_import(
    s: Session,
    actor: Actor,
    path: Path,
    *,
    allow_partial: bool = False,
    skip_duplicates: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import the file inside the caller's session (one commit = atomic).

    All or nothing unless `allow_partial`: with any rejected row nothing is written and a
    UserError says how many rows have problems. `progress(done, total)` is called as people are
    created (a 5,000-row file takes several seconds).
    """
    plan = plan_import(s, actor, path)
    if plan.rejected and not allow_partial:
        n = len(plan.rejected)
        rows = _rows_list(plan.rejected)
        raise UserError(
            "import.rows_rejected",
            f"Chưa nhập: {n} dòng có lỗi (dòng {rows}). Hãy xem trước (chạy thử) để thấy lỗi "
            "của từng dòng, sửa tệp rồi nhập lại, hoặc chọn chỉ nhập các dòng hợp lệ.",
            f"Nothing imported: {n} rows have problems (rows {rows}). Run the preview (dry run) "
            "to see each row's problems, fix the file and import again, or choose to import "
            "only the valid rows.",
        )
    to_create = plan.rows_to_create(skip_duplicates)
    creating = {r.row_number for r in to_create}
    skipped = tuple(d for d in plan.duplicates if d.row_number not in creating)

    village_ids: dict[str, str] = {}
    villages_created: list[str] = []
    for row in to_create:
        if row.village is None or row.person.village_id is not None:
            continue
        key = fold(row.village)
        if key not in village_ids:
            made = save_village(s, actor, row.village, _village_kind(row.village))
            village_ids[key] = made.value.id
            villages_created.append(made.value.name)

    items = [
        replace(row.person, village_id=village_ids[fold(row.village)])
        if row.village is not None and row.person.village_id is None
        else row.person
        for row in to_create
    ]
    ids = create_people(s, actor, items, progress)

    audit(
        s,
        actor,
        "people.import",
        "person",
        None,
        f"created={len(ids)} skipped_duplicates={len(skipped)} rejected={len(plan.rejected)} "
        f"villages_created={len(villages_created)}",
    )
    return ImportResult(
        created=len(ids),
        skipped_duplicates=len(skipped),
        rejected=plan.rejected,
        villages_created=tuple(villages_created),
        person_ids=tuple(ids),
        skipped=skipped,
    )
