"""Read the people lists communes keep today (XLSX and CSV) into clean rows, without a database.

This module knows how spreadsheets are laid out (title rows above the header, Vietnamese headers
in any order and spelling, legacy TCVN3/VNI text, numbers that lost their leading zeros) and how
to turn one cell into a birth date, sex, CCCD or phone number with a bilingual message the
officer can act on. Saving people is someone else's job.

Conventions of the value parsers: each returns the parsed value and a `Message`. A message with a
None value is an error; a message next to a value is a notice the officer should still see (for
example a CCCD whose leading zero Excel dropped and that was padded back).

Sex (`parse_sex`) accepts only the Vietnamese words Nam / Nữ (any case, with or without
diacritics, also "Nam giới"/"Nữ giới"). Codes such as M/F or 1/0 are rejected because their
meaning differs between communes. The layout with two columns headed "Nam" and "Nữ" is also
read: the column that carries a mark gives the sex; when the mark is a date or year (the old
form layout "Ngày sinh — Nam | Nữ"), it is used as the birth value too.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from app.errors import UserError
from app.legacy_encoding import convert, detect_legacy_many, has_unicode_vietnamese
from app.messages import Message
from app.vntext import fold, nfc

CellValue = str | int | float | datetime | date | None

FIELDS: tuple[str, ...] = (
    "full_name",
    "birth",
    "birth_year",
    "sex",
    "id_number",
    "phone",
    "village",
    "target_group",
    "ethnicity",
    "notes",
)
HEADER_SEARCH_ROWS = 15

# ---------------------------------------------------------------------------------------------
# Text helpers


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _header_key(text: str) -> str:
    return _NON_ALNUM.sub(" ", fold(text)).strip()


# ---------------------------------------------------------------------------------------------
# Header matching

_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": (
        "ho va ten",
        "ho ten",
        "ho va ten nguoi hoc",
        "ho ten nguoi hoc",
        "ho va ten hoc vien",
        "ho ten hoc vien",
    ),
    "_family": ("ho va dem", "ho dem", "ho va ten dem", "ho ten dem", "ho"),
    "_given": ("ten",),
    "birth": ("ngay sinh", "ngay thang nam sinh", "ngay thang sinh", "sinh ngay"),
    "birth_year": ("nam sinh",),
    "sex": ("gioi tinh", "gioi", "nam nu"),
    "id_number": (
        "so cccd",
        "cccd",
        "so can cuoc",
        "so can cuoc cong dan",
        "can cuoc cong dan",
        "so dinh danh",
        "so dinh danh ca nhan",
        "ma dinh danh",
        "so ddcn",
        "ddcn",
        "cmnd cccd",
        "so cmnd cccd",
        "so cmnd",
        "cmnd",
    ),
    "phone": ("sdt", "so dien thoai", "dien thoai", "di dong", "so dt", "dt", "so di dong"),
    "village": (
        "thon xom",
        "thon",
        "xom",
        "to dan pho",
        "thon xom tdp",
        "thon to dan pho",
        "thon xom to dan pho",
        "dia chi thon",
        "dia chi thon xom",
        "ap",
        "khu pho",
        "ban",
    ),
    "target_group": ("doi tuong", "nhom doi tuong"),
    "ethnicity": ("dan toc",),
    "notes": ("ghi chu",),
    "_ignore": ("stt", "tt", "so tt", "so thu tu"),
}
_ALIAS_TO_KEY: dict[str, str] = {a: k for k, aliases in _ALIASES.items() for a in aliases}
# Short aliases are matched exactly only, never as the start of a longer header.
_PREFIX_ALIASES: tuple[str, ...] = tuple(
    sorted(
        (a for a in _ALIAS_TO_KEY if " " in a or len(a) >= 4),
        key=len,
        reverse=True,
    )
)
# A header such as "Họ và tên chủ hộ" names somebody else, not the learner.
_OTHER_PERSON = re.compile(r"\b(chu ho|cha|bo|me|vo|chong|giam ho|nguoi khai|nguoi lap)\b")
_PARENS = re.compile(r"\([^)]*\)|\[[^]]*\]")


def _classify(header: str) -> str | None:
    """Return the alias key of one header, "_male"/"_female" for Nam/Nữ columns, else None."""
    raw = " ".join(nfc(header).lower().split())
    if raw in ("nam", "nam:"):
        return "_male"
    if raw in ("nữ", "nữ:", "nu"):
        return "_female"
    key = _header_key(header)
    if not key:
        return None
    candidates = [key]
    without_parens = _header_key(_PARENS.sub(" ", header))
    if without_parens and without_parens != key:
        candidates.append(without_parens)
    for candidate in candidates:
        if candidate in _ALIAS_TO_KEY:
            return _ALIAS_TO_KEY[candidate]
    for candidate in candidates:
        for alias in _PREFIX_ALIASES:
            if candidate.startswith(alias + " "):
                if _OTHER_PERSON.search(candidate[len(alias) :]):
                    return None
                return _ALIAS_TO_KEY[alias]
    return None


@dataclass(frozen=True)
class HeaderMap:
    """Which spreadsheet columns (0-based) hold which person field.

    `columns` maps a field of FIELDS to its column(s); full_name has two columns for the
    "Họ và đệm" + "Tên" layout (joined with a space). "sex_male"/"sex_female" hold the "Nam"/"Nữ"
    mark columns. `unknown` lists non-empty headers that were not recognised, `ignored` the STT
    columns and `duplicates` later columns for a field that already had one.
    """

    columns: dict[str, tuple[int, ...]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def matched(self) -> int:
        """Number of person fields found (the Nam/Nữ pair counts as one: sex)."""
        fields = set(self.columns)
        if {"sex_male", "sex_female"} & fields:
            fields -= {"sex_male", "sex_female"}
            fields.add("sex")
        return len(fields)

    def has(self, name: str) -> bool:
        return name in self.columns

    def extract(self, values: Sequence[CellValue]) -> dict[str, CellValue]:
        """Pick the mapped fields out of one row of cell values."""

        def cell(index: int) -> CellValue:
            return values[index] if index < len(values) else None

        result: dict[str, CellValue] = {}
        for name, indexes in self.columns.items():
            if name in ("sex_male", "sex_female"):
                continue
            if len(indexes) == 1:
                result[name] = cell(indexes[0])
            else:
                parts = [_cell_text(cell(i)) for i in indexes]
                joined = " ".join(p for p in parts if p)
                result[name] = joined or None
        if "sex_male" in self.columns or "sex_female" in self.columns:
            self._extract_marks(cell, result)
        return result

    def _extract_marks(
        self, cell: Callable[[int], CellValue], result: dict[str, CellValue]
    ) -> None:
        male = cell(self.columns["sex_male"][0]) if "sex_male" in self.columns else None
        female = cell(self.columns["sex_female"][0]) if "sex_female" in self.columns else None
        male_set, female_set = not _is_blank(male), not _is_blank(female)
        if male_set and female_set:
            result.setdefault("sex", "Nam, Nữ")
        elif male_set or female_set:
            mark = male if male_set else female
            result.setdefault("sex", "Nam" if male_set else "Nữ")
            if not _is_mark(mark) and _is_blank(result.get("birth")):
                result["birth"] = mark
        else:
            result.setdefault("sex", None)


def _is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_mark(value: CellValue) -> bool:
    if isinstance(value, str):
        return value.strip() in {"\u2713", "\u2714"} or fold(value) in {"x", "v", "1", "co"}
    return isinstance(value, int | float) and value == 1


def match_headers(headers: list[str]) -> HeaderMap:
    """Map Vietnamese headers (any order, case, diacritics or punctuation) to person fields."""
    columns: dict[str, tuple[int, ...]] = {}
    unknown: list[str] = []
    ignored: list[str] = []
    duplicates: list[str] = []
    family: list[int] = []
    given: list[int] = []
    marks: dict[str, int] = {}
    for index, header in enumerate(headers):
        text = " ".join((header or "").split())
        if not text:
            continue
        key = _classify(text)
        if key is None:
            unknown.append(text)
        elif key == "_ignore":
            ignored.append(text)
        elif key == "_family":
            family.append(index)
        elif key == "_given":
            given.append(index)
        elif key in ("_male", "_female"):
            name = "sex_male" if key == "_male" else "sex_female"
            if name in marks:
                duplicates.append(text)
            else:
                marks[name] = index
        elif key in columns:
            duplicates.append(text)
        else:
            columns[key] = (index,)

    if "full_name" not in columns:
        if family and given:
            columns["full_name"] = (family[0], given[0])
            family, given = family[1:], given[1:]
        elif given:
            columns["full_name"] = (given[0],)
            given = given[1:]
    duplicates.extend(headers[i].strip() for i in family + given)

    if len(marks) == 2 or ("sex" not in columns and marks):
        columns.update({name: (index,) for name, index in marks.items()})
    else:
        unknown.extend(headers[i].strip() for i in marks.values())
    return HeaderMap(columns=columns, unknown=unknown, ignored=ignored, duplicates=duplicates)


# ---------------------------------------------------------------------------------------------
# Reading files


@dataclass(frozen=True)
class RawRow:
    """One data row: its 1-based row number as the officer sees it and its cell values."""

    row_number: int
    values: tuple[CellValue, ...]


@dataclass(frozen=True)
class RawRecord:
    """One data row as a dict of person fields (raw cell values) plus unrecognised columns."""

    row_number: int
    fields: dict[str, CellValue]
    extras: dict[str, CellValue]


@dataclass(frozen=True)
class RawTable:
    """A people list as read from a file: header texts, data rows and what was detected.

    `header_row` is the 1-based row of the header; `text_encoding` the byte encoding of a CSV
    (None for XLSX); `legacy_encoding` "tcvn3"/"vni" when the text was converted from it.
    """

    headers: list[str]
    rows: list[RawRow]
    header_row: int = 1
    header_map: HeaderMap = field(default_factory=HeaderMap)
    sheet_name: str | None = None
    text_encoding: str | None = None
    legacy_encoding: str | None = None

    def records(self) -> list[RawRecord]:
        """The data rows as field dicts (see HeaderMap.extract)."""
        used = {i for indexes in self.header_map.columns.values() for i in indexes}
        extra_columns = [
            (i, h)
            for i, h in enumerate(self.headers)
            if h and i not in used and _header_key(h) and h not in self.header_map.ignored
        ]
        out: list[RawRecord] = []
        for row in self.rows:
            extras = {h: row.values[i] for i, h in extra_columns if i < len(row.values)}
            out.append(RawRecord(row.row_number, self.header_map.extract(row.values), extras))
        return out


def _err(code: str, vi: str, en: str) -> UserError:
    return UserError(code, vi, en)


def read_table(path: Path) -> RawTable:
    """Read a people list from .xlsx or .csv (see module doc). Raises UserError if unusable."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        grid, sheet = _read_xlsx(path)
        return _build_table(grid, sheet_name=sheet, text_encoding=None)
    if suffix in (".csv", ".txt"):
        grid, encoding = _read_csv(path)
        return _build_table(grid, sheet_name=None, text_encoding=encoding)
    if suffix == ".xls":
        raise _err(
            "import.xls_unsupported",
            f"Tệp '{path.name}' là định dạng Excel cũ (.xls). Mở tệp bằng Excel và "
            "lưu lại dạng .xlsx (Excel Workbook) rồi nhập lại.",
            f"'{path.name}' is an old Excel .xls file. Save it as .xlsx and import again.",
        )
    raise _err(
        "import.unknown_format",
        f"Không đọc được tệp '{path.name}'. Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).",
        f"Cannot read '{path.name}'. Only Excel (.xlsx) or CSV (.csv) files are accepted.",
    )


_Grid = list[tuple[int, list[CellValue]]]


def _read_xlsx(path: Path) -> tuple[_Grid, str | None]:
    import openpyxl  # local import: only needed for spreadsheets
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _err(
            "import.xlsx_unreadable",
            f"Không mở được tệp Excel '{path.name}'. Tệp có thể bị hỏng hoặc đang có mật khẩu.",
            f"Cannot open the Excel file '{path.name}'. It may be damaged or password-protected.",
        ) from exc
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            grid: _Grid = []
            number = 0
            for cells in sheet.iter_rows():
                number += 1
                for c in cells:
                    real = getattr(c, "row", None)
                    if isinstance(real, int):
                        number = real
                        break
                values: list[CellValue] = [_xlsx_value(c.value) for c in cells]
                if any(not _is_blank(v) for v in values):
                    grid.append((number, values))
            if grid:
                return grid, sheet.title
    finally:
        workbook.close()
    raise _err(
        "import.empty",
        f"Tệp '{path.name}' không có dữ liệu.",
        f"The file '{path.name}' contains no data.",
    )


def _xlsx_value(value: object) -> CellValue:
    if value is None or isinstance(value, str | int | float | datetime | date):
        if isinstance(value, bool):
            return int(value)
        return value
    return str(value)


def _read_csv(path: Path) -> tuple[_Grid, str]:
    data = path.read_bytes()
    text, encoding = _decode_bytes(data)
    if not text.strip():
        raise _err(
            "import.empty",
            f"Tệp '{path.name}' không có dữ liệu.",
            f"The file '{path.name}' contains no data.",
        )
    delimiter = _sniff_delimiter(text)
    grid: _Grid = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for values in reader:
        cells: list[CellValue] = list(values)
        if any(not _is_blank(v) for v in cells):
            grid.append((reader.line_num, cells))
    return grid, encoding


def _decode_bytes(data: bytes) -> tuple[str, str]:
    """utf-8 (BOM optional), utf-16 with BOM, else cp1258 if it reads as Vietnamese, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
        western_name = "cp1252"
    except UnicodeDecodeError:
        western = data.decode("latin-1")
        western_name = "latin-1"
    # TCVN3 and VNI bytes must be read as Windows-1252 for the legacy tables to apply.
    if detect_legacy_many(western.splitlines()) is not None:
        return western, western_name
    try:
        vietnamese = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return western, western_name
    if has_unicode_vietnamese(vietnamese):
        return vietnamese, "cp1258"
    return western, western_name


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()][:30]
    best, best_score = ",", (-1, -1)
    for delimiter in (",", ";", "\t"):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = (wide.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _clean_text(value: str) -> str | None:
    return nfc(value) or None


def _build_table(grid: _Grid, *, sheet_name: str | None, text_encoding: str | None) -> RawTable:
    texts = [v for _, values in grid for v in values if isinstance(v, str) and not v.isascii()]
    legacy = detect_legacy_many(texts)
    rows: list[tuple[int, list[CellValue]]] = []
    for number, values in grid:
        cleaned: list[CellValue] = []
        for value in values:
            if isinstance(value, str):
                text = convert(value, legacy) if legacy else value
                cleaned.append(_clean_text(text))
            else:
                cleaned.append(value)
        rows.append((number, cleaned))

    best_index, best_map = -1, HeaderMap()
    for index, (_, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        header_map = match_headers([_cell_text(v) for v in values])
        if header_map.matched > best_map.matched:
            best_index, best_map = index, header_map
    if best_index < 0 or "full_name" not in best_map.columns:
        raise _err(
            "import.no_header",
            "Không tìm thấy dòng tiêu đề có cột 'Họ và tên' trong "
            f"{HEADER_SEARCH_ROWS} dòng đầu. Kiểm tra tệp có dòng tiêu đề như: STT, Họ và tên, "
            "Ngày sinh, Giới tính, Số CCCD, Số điện thoại, Thôn/xóm.",
            f"No header row with a 'Họ và tên' (full name) column in the first "
            f"{HEADER_SEARCH_ROWS} rows.",
        )
    header_number, header_values = rows[best_index]
    width = max(len(values) for _, values in rows)
    headers = [_cell_text(v) for v in header_values] + [""] * (width - len(header_values))
    data: list[RawRow] = []
    for position, (number, values) in enumerate(rows[best_index + 1 :]):
        if position == 0 and _is_column_numbering(values):
            continue
        padded = tuple(values) + (None,) * (width - len(values))
        data.append(RawRow(number, padded))
    return RawTable(
        headers=headers,
        rows=data,
        header_row=header_number,
        header_map=best_map,
        sheet_name=sheet_name,
        text_encoding=text_encoding,
        legacy_encoding=legacy,
    )


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


def _is_column_numbering(values: Sequence[CellValue]) -> bool:
    """True for the "(1) (2) (3)…" row that official forms put under the header."""
    numbers: list[int] = []
    for value in values:
        if _is_blank(value):
            continue
        match = _COLUMN_NUMBER.match(_cell_text(value))
        if match is None:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == sorted(set(numbers))


def _cell_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# Value parsers

_BIRTH_HINT_VI = "Nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1962, hoặc chỉ năm sinh."
_BIRTH_HINT_EN = "Use day/month/year, e.g. 05/09/1962, or the year of birth only."
_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4}|\d{2})$")
_YMD = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$")
_MY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{4})$")
_WORDS = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def _shown(value: CellValue) -> str:
    return _cell_text(value)


def _birth_invalid(value: CellValue) -> Message:
    shown = _shown(value)
    return Message(
        "import.birth_invalid",
        f"Ngày sinh '{shown}' không hợp lệ. {_BIRTH_HINT_VI}",
        f"Date of birth '{shown}' is not valid. {_BIRTH_HINT_EN}",
    )


def excel_serial_to_date(serial: float) -> date | None:
    """Excel 1900 date system, including its fictitious 29/02/1900 (serial 60 -> None)."""
    days = int(serial)
    if days < 1 or days == 60 or days > 2958465:
        return None
    if days < 60:
        days += 1  # before the fake leap day, serials are off by one
    return _EXCEL_EPOCH + timedelta(days=days)


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _check_birth(
    born: date | None, year: int, value: CellValue, today: date
) -> tuple[date | None, int | None, Message | None]:
    shown = _shown(value)
    future = born > today if born is not None else year > today.year
    if future:
        return (
            None,
            None,
            Message(
                "import.birth_future",
                f"Ngày sinh '{shown}' ở tương lai. Kiểm tra lại năm sinh.",
                f"Date of birth '{shown}' is in the future. Check the year.",
            ),
        )
    age = _age_on(born, today) if born is not None else today.year - year
    if age > 120:
        return (
            None,
            None,
            Message(
                "import.birth_too_old",
                f"Ngày sinh '{shown}' cho tuổi {age}, trên 120 tuổi. Kiểm tra lại năm sinh "
                "(có thể gõ nhầm).",
                f"Date of birth '{shown}' gives an age of {age}, over 120. Check the year.",
            ),
        )
    return born, year, None


def _make_date(day: int, month: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_birth(value: CellValue, today: date) -> tuple[date | None, int | None, Message | None]:
    """Parse a birth cell into (date or None, year or None, error or None).

    Accepts date/datetime cells, Excel serial numbers (1900 system, dates up to 121 years back),
    4-digit numbers as years, and text "12/3/1965", "12-03-1965", "12.03.1965", "1965-03-12",
    "3/1965" (year only is kept), "1965", "12/3/65" (two-digit year: the most recent century that
    is not in the future) and "ngày 12 tháng 3 năm 1965". Day always comes first. An empty cell
    gives (None, None, None).
    """
    if _is_blank(value) or isinstance(value, bool):
        return None, None, None
    if isinstance(value, datetime):
        return _check_birth(value.date(), value.year, value, today)
    if isinstance(value, date):
        return _check_birth(value, value.year, value, today)
    if isinstance(value, int | float):
        if value == int(value) and 1000 <= value <= 9999:
            return _check_birth(None, int(value), value, today)
        born_serial = excel_serial_to_date(value)
        earliest = date(today.year - 121, 1, 1)
        if born_serial is None or born_serial < earliest or born_serial > today:
            return None, None, _birth_invalid(value)
        return _check_birth(born_serial, born_serial.year, value, today)
    assert isinstance(value, str)
    text = _TIME_SUFFIX.sub("", value.strip().lstrip("'").strip())
    if re.fullmatch(r"\d{4}", text):
        return _check_birth(None, int(text), value, today)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return parse_birth(float(text), today)
    born: date | None
    if (m := _DMY.match(text)) is not None:
        day, month, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000
            probe = _make_date(day, month, year)
            if year > today.year or (probe is not None and probe > today):
                year -= 100
        born = _make_date(day, month, year)
    elif (m := _YMD.match(text)) is not None:
        year = int(m.group(1))
        born = _make_date(int(m.group(3)), int(m.group(2)), year)
    elif (m := _WORDS.match(fold(text))) is not None:
        year = int(m.group(3))
        born = _make_date(int(m.group(1)), int(m.group(2)), year)
    elif (m := _MY.match(text)) is not None:
        month, year = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return None, None, _birth_invalid(value)
        if (year, month) > (today.year, today.month):
            year = today.year + 1  # reported as a future date
        return _check_birth(None, year, value, today)
    else:
        return None, None, _birth_invalid(value)
    if born is None:
        return None, None, _birth_invalid(value)
    return _check_birth(born, born.year, value, today)


_MALE = frozenset({"nam", "nam gioi"})
_FEMALE = frozenset({"nu", "nu gioi"})


def parse_sex(value: CellValue) -> tuple[str | None, Message | None]:
    """'Nam'/'Nữ' in any case or without diacritics -> 'M'/'F'; empty -> (None, None).

    M/F, 1/0 and similar codes are rejected with a message (see module doc).
    """
    if _is_blank(value):
        return None, None
    key = _header_key(_cell_text(value))
    if key in _MALE:
        return "M", None
    if key in _FEMALE:
        return "F", None
    shown = _shown(value)
    return None, Message(
        "import.sex_invalid",
        f"Giới tính '{shown}' không rõ. Ghi 'Nam' hoặc 'Nữ'.",
        f"Sex '{shown}' is not clear. Write 'Nam' (male) or 'Nữ' (female).",
    )


_ID_SEPARATORS = re.compile(r"[\s.\-_,']")
_EXPONENT = re.compile(r"^\d+([.,]\d+)?[eE]\+?\d+$")


def _digits_of_number(value: int | float) -> str | None:
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    return str(value) if value >= 0 else None


def parse_id_number(value: CellValue) -> tuple[str | None, Message | None]:
    """A 12-digit CCCD / personal identification number; empty -> (None, None).

    Spaces, dots and dashes are removed. A number that lost its leading zero(s) in Excel
    (10 or 11 digits) is padded to 12 and returned with a notice; the padded number must start
    with a province code 001-096. A 9-digit old CMND is rejected.
    """
    if _is_blank(value):
        return None, None
    shown = _shown(value)
    if isinstance(value, datetime | date):
        digits = ""
    elif isinstance(value, int | float):
        digits = _digits_of_number(value) or ""
    else:
        text = str(value).strip()
        if _EXPONENT.match(text.replace(" ", "")):
            return None, Message(
                "import.id_exponent",
                f"Số CCCD '{shown}' đã bị Excel đổi sang dạng số mũ và mất chữ số. Định dạng cột "
                "Số CCCD là Văn bản (Text) rồi nhập lại đủ 12 chữ số.",
                f"ID number '{shown}' was turned into scientific notation by Excel and lost "
                "digits. Format the column as Text and re-enter all 12 digits.",
            )
        digits = _ID_SEPARATORS.sub("", text)
    if not digits.isdigit():
        return None, Message(
            "import.id_chars",
            f"Số CCCD '{shown}' chỉ được gồm chữ số (12 chữ số).",
            f"ID number '{shown}' must contain digits only (12 digits).",
        )
    if len(digits) == 12:
        return digits, None
    if len(digits) in (10, 11):
        padded = digits.zfill(12)
        if 1 <= int(padded[:3]) <= 96:
            return padded, Message(
                "import.id_padded",
                f"Số CCCD '{shown}' thiếu số 0 ở đầu (Excel tự bỏ), đã sửa thành {padded}. "
                "Kiểm tra lại với thẻ.",
                f"ID number '{shown}' had lost its leading zero(s) in Excel; corrected to "
                f"{padded}. Please check against the card.",
            )
    if len(digits) == 9:
        return None, Message(
            "import.id_length",
            f"Số CCCD phải có 12 chữ số; '{shown}' có 9 chữ số (số CMND cũ). Ghi số định danh "
            "cá nhân 12 số in trên thẻ CCCD hoặc trong ứng dụng VNeID.",
            f"The ID number must have 12 digits; '{shown}' has 9 (an old CMND number). "
            "Use the 12-digit personal ID number from the CCCD card or VNeID.",
        )
    return None, Message(
        "import.id_length",
        f"Số CCCD phải có 12 chữ số; '{shown}' có {len(digits)} chữ số. Kiểm tra lại với thẻ.",
        f"The ID number must have 12 digits; '{shown}' has {len(digits)}. Check the card.",
    )


_PHONE_SEPARATORS = re.compile(r"[\s.\-()/_']")


def parse_phone(value: CellValue) -> tuple[str | None, Message | None]:
    """A Vietnamese phone number as 0xxxxxxxxx (10 digits, 11 for landlines); empty -> (None, None).

    Accepts +84 / 84 prefixes, separators, and numbers whose leading 0 Excel dropped
    (912345678 -> 0912345678).
    """
    if _is_blank(value):
        return None, None
    shown = _shown(value)
    if isinstance(value, datetime | date):
        digits = ""
    elif isinstance(value, int | float):
        digits = _digits_of_number(value) or ""
    else:
        digits = _PHONE_SEPARATORS.sub("", str(value).strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if digits.isdigit() and not digits.startswith("0") and len(digits) in (9, 10):
        digits = "0" + digits
    if digits.isdigit() and digits.startswith("0") and len(digits) in (10, 11):
        return digits, None
    return None, Message(
        "import.phone_invalid",
        f"Số điện thoại '{shown}' không hợp lệ. Ghi đủ 10 chữ số, ví dụ 0912345678.",
        f"Phone number '{shown}' is not valid. Write all 10 digits, e.g. 0912345678.",
    )


# ---------------------------------------------------------------------------------------------
# Whole rows


@dataclass(frozen=True)
class FieldIssue:
    """A problem (error) or notice about one field of one row."""

    field: str
    message: Message
    is_error: bool = True


@dataclass(frozen=True)
class ParsedRow:
    """One data row with every value parsed; `issues` explains what could not be used."""

    row_number: int
    full_name: str | None = None
    birth_date: date | None = None
    birth_year: int | None = None
    sex: str | None = None
    id_number: str | None = None
    phone: str | None = None
    village: str | None = None
    target_group: str | None = None
    ethnicity: str | None = None
    notes: str | None = None
    issues: tuple[FieldIssue, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(issue.is_error for issue in self.issues)


def _text_field(value: CellValue) -> str | None:
    text = _cell_text(value)
    return " ".join(nfc(text).split()) or None


def parse_record(record: RawRecord, today: date) -> ParsedRow:
    """Parse all fields of one record; missing name is an error, other empty cells are not."""
    f = record.fields
    issues: list[FieldIssue] = []

    full_name = _text_field(f.get("full_name"))
    if full_name is None:
        issues.append(
            FieldIssue(
                "full_name",
                Message(
                    "import.name_missing",
                    f"Dòng {record.row_number}: thiếu họ và tên.",
                    f"Row {record.row_number}: the full name is missing.",
                ),
            )
        )

    born, year, msg = parse_birth(f.get("birth"), today)
    if msg is not None:
        issues.append(FieldIssue("birth", msg))
    if born is None and year is None and not _is_blank(f.get("birth_year")):
        born_y, year, msg = parse_birth(f.get("birth_year"), today)
        born = born_y if born_y is not None else None
        if msg is not None:
            issues.append(FieldIssue("birth_year", msg))

    sex, msg = parse_sex(f.get("sex"))
    if msg is not None:
        issues.append(FieldIssue("sex", msg))
    id_number, msg = parse_id_number(f.get("id_number"))
    if msg is not None:
        issues.append(FieldIssue("id_number", msg, is_error=id_number is None))
    phone, msg = parse_phone(f.get("phone"))
    if msg is not None:
        issues.append(FieldIssue("phone", msg, is_error=phone is None))

    return ParsedRow(
        row_number=record.row_number,
        full_name=full_name,
        birth_date=born,
        birth_year=year,
        sex=sex,
        id_number=id_number,
        phone=phone,
        village=_text_field(f.get("village")),
        target_group=_text_field(f.get("target_group")),
        ethnicity=_text_field(f.get("ethnicity")),
        notes=_text_field(f.get("notes")),
        issues=tuple(issues),
    )


def parse_table(table: RawTable, today: date) -> list[ParsedRow]:
    """Parse every record of `table`."""
    return [parse_record(record, today) for record in table.records()]
