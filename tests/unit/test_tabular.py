"""Tests for app.tabular: reading XLSX/CSV people lists and parsing cell values.

All names and numbers are synthetic.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.errors import UserError
from app.tabular import (
    RawRecord,
    RawTable,
    excel_serial_to_date,
    match_headers,
    parse_birth,
    parse_id_number,
    parse_phone,
    parse_record,
    parse_sex,
    parse_table,
    read_table,
)

TODAY = date(2025, 6, 1)

_TCVN3 = {
    "à": "µ", "ả": "¶", "ã": "·", "á": "¸", "ạ": "¹", "ă": "¨", "â": "©", "ầ": "Ç", "ấ": "Ê",
    "đ": "®", "Đ": "§", "ê": "ª", "ễ": "Ô", "ệ": "Ö", "ế": "Õ", "ì": "×", "ị": "Þ", "í": "Ý",
    "ò": "ß", "ó": "ã", "ọ": "ä", "ô": "«", "ồ": "å", "ộ": "é", "ơ": "¬", "ờ": "ê", "ư": "\u00ad",
    "ú": "ó", "ụ": "ô", "ủ": "ñ", "ữ": "÷", "ý": "ý", "ỳ": "ú", "ố": "è", "ổ": "æ", "ể": "Ó",
    "Â": "¢", "Ô": "¤", "Ư": "¦", "Ê": "£", "Ă": "¡", "ũ": "ò", "ĩ": "Ü", "ớ": "í", "ở": "ë", "ù": "ï",
}  # fmt: skip


def tcvn3(text: str) -> str:
    return "".join(_TCVN3.get(c, c) for c in unicodedata.normalize("NFC", text))


def cp1258_bytes(text: str) -> bytes:
    """Encode like Windows 'Vietnamese' code page: base letters + combining tone marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        tones = [m for m in nfd if m in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", "".join(m for m in nfd if m not in tones))
        out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)


def _by_row(table: RawTable) -> dict[int, RawRecord]:
    return {r.row_number: r for r in table.records()}


# --- Header matching ------------------------------------------------------------------------------


def test_match_headers_any_order_case_and_diacritics() -> None:
    hm = match_headers(
        [
            "STT",
            "SO CCCD",
            "ho va ten",
            "Giới  tính",
            "Ngày tháng năm sinh",
            "Thôn, xóm, TDP",
            "Số điện thoại:",
            "Đối tượng",
            "Dân tộc",
            "Ghi chú",
            "Cột lạ",
            "",
        ]
    )
    assert hm.columns == {
        "id_number": (1,),
        "full_name": (2,),
        "sex": (3,),
        "birth": (4,),
        "village": (5,),
        "phone": (6,),
        "target_group": (7,),
        "ethnicity": (8,),
        "notes": (9,),
    }
    assert hm.unknown == ["Cột lạ"]
    assert hm.ignored == ["STT"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Họ và tên", "full_name"),
        ("Họ tên", "full_name"),
        ("HỌ VÀ TÊN NGƯỜI HỌC", "full_name"),
        ("Ngày sinh (dd/mm/yyyy)", "birth"),
        ("Năm sinh", "birth_year"),
        ("Giới", "sex"),
        ("Nam/Nữ", "sex"),
        ("CCCD", "id_number"),
        ("Số căn cước", "id_number"),
        ("Số định danh", "id_number"),
        ("Số ĐDCN", "id_number"),
        ("CMND/CCCD", "id_number"),
        ("SĐT", "phone"),
        ("Điện thoại", "phone"),
        ("Di động", "phone"),
        ("Số điện thoại liên hệ", "phone"),
        ("Thôn/xóm", "village"),
        ("Thôn", "village"),
        ("Xóm", "village"),
        ("Tổ dân phố", "village"),
        ("Địa chỉ (thôn)", "village"),
        ("Nhóm đối tượng", "target_group"),
        ("Đối tượng", "target_group"),
        ("dan toc", "ethnicity"),
        ("GHI CHÚ", "notes"),
    ],
)
def test_match_single_header(header: str, field: str) -> None:
    hm = match_headers(["STT", header])
    assert hm.columns == {field: (1,)}, hm
    assert hm.unknown == []


def test_ten_alone_is_the_full_name() -> None:
    assert match_headers(["TT", "Tên", "Năm sinh"]).columns == {
        "full_name": (1,),
        "birth_year": (2,),
    }


def test_two_column_name_layout() -> None:
    hm = match_headers(["Họ và đệm", "Tên", "Năm sinh"])
    assert hm.columns["full_name"] == (0, 1)
    assert hm.extract(["Nguyễn Thị", "Mai", 1970]) == {
        "full_name": "Nguyễn Thị Mai",
        "birth_year": 1970,
    }


def test_ten_next_to_full_name_is_a_duplicate() -> None:
    hm = match_headers(["Họ và tên", "Tên", "Họ tên"])
    assert hm.columns == {"full_name": (0,)}
    assert hm.duplicates == ["Họ tên", "Tên"]


def test_other_persons_name_is_not_the_learner() -> None:
    hm = match_headers(["Họ và tên", "Họ và tên chủ hộ"])
    assert hm.columns == {"full_name": (0,)}
    assert hm.unknown == ["Họ và tên chủ hộ"]


def test_short_aliases_do_not_match_as_prefix() -> None:
    hm = match_headers(["Họ và tên", "Tên thôn cũ", "Nam học"])
    assert hm.columns == {"full_name": (0,)}
    assert hm.unknown == ["Tên thôn cũ", "Nam học"]


def test_nam_nu_mark_columns() -> None:
    hm = match_headers(["Họ và tên", "Nam", "Nữ"])
    assert hm.columns == {"full_name": (0,), "sex_male": (1,), "sex_female": (2,)}
    assert hm.extract(["A", "x", None]) == {"full_name": "A", "sex": "Nam"}
    assert hm.extract(["A", None, "X"]) == {"full_name": "A", "sex": "Nữ"}
    # Old form layout: the birth year is written in the Nam or Nữ column.
    assert hm.extract(["A", None, 1972]) == {"full_name": "A", "sex": "Nữ", "birth": 1972}
    assert hm.extract(["A", None, None]) == {"full_name": "A", "sex": None}
    assert hm.extract(["A", "\u2713", None]) == {"full_name": "A", "sex": "Nam"}
    assert hm.extract(["A", "x", "x"])["sex"] == "Nam, Nữ"  # parse_sex reports it


def test_headers_with_notes_in_parentheses() -> None:
    hm = match_headers(["Họ và tên (viết hoa)", "Số CCCD (12 số)", "Năm sinh [yyyy]"])
    assert hm.columns == {"full_name": (0,), "id_number": (1,), "birth_year": (2,)}


# --- XLSX -----------------------------------------------------------------------------------------


def _commune_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    ws["A1"] = "DANH SÁCH NGƯỜI DÂN THAM GIA BÌNH DÂN HỌC VỤ SỐ"
    ws.merge_cells("A1:I1")
    ws["A2"] = "Xã Hòa Phong - năm 2025"
    ws.merge_cells("A2:I2")
    ws.append([])  # row 3 empty
    ws.append(
        ["STT", "Số CCCD", "Họ và tên", "Giới tính", "Ngày sinh", "Thôn/xóm", "SĐT", "Ghi chú",
         "Cột lạ"]
    )  # fmt: skip
    ws.append([1, 12345678901, "Nguyễn Văn An", "Nam", datetime(1965, 3, 12), "Thôn 1",
               912345678, "Đã có VNeID", "abc"])  # fmt: skip
    ws.append([2, "001234567890", "Trần Thị Bích", "nữ", 25569, "Thôn 2", "+84 987 654 321",
               None, None])  # fmt: skip
    ws.append([3, "034 567 890 123", "Lê  Văn Cường", "NAM", "05/09/1962", "Xóm Đông",
               "0987.654.322", None, None])  # fmt: skip
    ws.append([])  # row 8 empty: skipped, numbering kept
    ws.append([4, 1234567890, "Phạm Thị Dung", "Nu", "12-03-1965", "Thôn 1", None, None, None])
    ws.append([5, None, "Hoàng Văn Em", "Nam", "12.03.1965", None, None, None, None])
    ws.append([6, None, "Vũ Thị Gấm", "Nữ", "1965-03-12", None, None, None, None])
    ws.append([7, None, "Đỗ Văn Hùng", "Nam", "3/1965", None, None, None, None])
    ws.append([8, None, "Bùi Thị Yến", "Nữ", 1965, None, None, None, None])
    ws.append([9, None, "Ngô Văn Khoa", "Nam", "12/3/65", None, None, None, None])
    ws.append([10, None, "Đinh Thị Lan", "Nữ", "31/02/1970", None, None, None, None])
    ws["E16"].number_format = "dd/mm/yyyy"
    wb.save(path)


def test_read_xlsx_with_title_rows(tmp_path: Path) -> None:
    path = tmp_path / "danh_sach.xlsx"
    _commune_workbook(path)
    table = read_table(path)
    assert table.sheet_name == "Danh sách"
    assert table.header_row == 4
    assert table.headers[:3] == ["STT", "Số CCCD", "Họ và tên"]
    assert table.header_map.unknown == ["Cột lạ"]
    assert table.legacy_encoding is None
    assert [r.row_number for r in table.rows] == [5, 6, 7, 9, 10, 11, 12, 13, 14, 15]

    records = _by_row(table)
    assert records[5].fields["id_number"] == 12345678901
    assert records[5].fields["birth"] == datetime(1965, 3, 12)
    assert records[5].extras == {"Cột lạ": "abc"}

    parsed = {p.row_number: p for p in parse_table(table, TODAY)}
    an = parsed[5]
    assert (an.full_name, an.sex, an.birth_date, an.birth_year) == (
        "Nguyễn Văn An", "M", date(1965, 3, 12), 1965,
    )  # fmt: skip
    assert an.id_number == "012345678901"
    assert an.phone == "0912345678"
    assert an.village == "Thôn 1"
    assert an.notes == "Đã có VNeID"
    assert an.ok  # the padded CCCD is a notice, not an error
    assert [i.message.code for i in an.issues] == ["import.id_padded"]

    assert parsed[6].birth_date == date(1970, 1, 1)  # Excel serial 25569
    assert parsed[6].id_number == "001234567890"
    assert parsed[6].phone == "0987654321"
    assert parsed[6].sex == "F"
    assert parsed[7].full_name == "Lê Văn Cường"
    assert parsed[7].birth_date == date(1962, 9, 5)
    assert parsed[7].id_number == "034567890123"
    assert parsed[7].phone == "0987654322"
    assert parsed[9].id_number == "001234567890"  # lost two zeros (Hà Nội code 001)
    assert parsed[9].birth_date == date(1965, 3, 12)
    assert parsed[10].birth_date == date(1965, 3, 12)
    assert parsed[11].birth_date == date(1965, 3, 12)
    assert (parsed[12].birth_date, parsed[12].birth_year) == (None, 1965)
    assert (parsed[13].birth_date, parsed[13].birth_year) == (None, 1965)
    assert parsed[14].birth_date == date(1965, 3, 12)
    bad = parsed[15]
    assert not bad.ok
    assert [i.message.code for i in bad.issues] == ["import.birth_invalid"]
    assert bad.issues[0].message.vi == (
        "Ngày sinh '31/02/1970' không hợp lệ. Nhập theo dạng ngày/tháng/năm, "
        "ví dụ 05/09/1962, hoặc chỉ năm sinh."
    )


def test_read_xlsx_skips_empty_first_sheet_and_numbering_row(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    empty = wb.active
    assert empty is not None
    empty.title = "Trống"
    ws = wb.create_sheet("DS")
    ws.append(["TT", "Họ và đệm", "Tên", "Năm sinh", "Nam", "Nữ", "Dân tộc"])
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    ws.append([1, "Lò Văn", "Pó", None, 1958, None, "Thái"])
    ws.append([2, "Hà Thị", "Mây", 1990, None, "x", "Tày"])
    path = tmp_path / "hai_cot.xlsx"
    wb.save(path)

    table = read_table(path)
    assert table.sheet_name == "DS"
    assert table.header_row == 1
    assert [r.row_number for r in table.rows] == [3, 4]
    parsed = parse_table(table, TODAY)
    assert [(p.full_name, p.sex, p.birth_year, p.ethnicity) for p in parsed] == [
        ("Lò Văn Pó", "M", 1958, "Thái"),
        ("Hà Thị Mây", "F", 1990, "Tày"),
    ]


def test_read_xlsx_tcvn3_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([tcvn3("Danh sách học viên")])
    ws.append([tcvn3("Họ và tên"), tcvn3("Giới tính"), tcvn3("Thôn")])
    ws.append([tcvn3("Nguyễn Thị Đào"), tcvn3("Nữ"), tcvn3("Thôn Đông")])
    ws.append([tcvn3("Trần Văn Bình"), "Nam", tcvn3("Xóm Chùa")])
    path = tmp_path / "vntime.xlsx"
    wb.save(path)

    table = read_table(path)
    assert table.legacy_encoding == "tcvn3"
    assert table.header_row == 2
    assert table.headers == ["Họ và tên", "Giới tính", "Thôn"]
    parsed = parse_table(table, TODAY)
    assert [(p.full_name, p.sex, p.village) for p in parsed] == [
        ("Nguyễn Thị Đào", "F", "Thôn Đông"),
        ("Trần Văn Bình", "M", "Xóm Chùa"),
    ]


def test_xlsx_without_header_is_a_user_error(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["a", "b"])
    ws.append([1, 2])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(UserError) as info:
        read_table(path)
    assert info.value.code == "import.no_header"


def test_unsupported_and_broken_files(tmp_path: Path) -> None:
    xls = tmp_path / "cu.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UserError) as info:
        read_table(xls)
    assert info.value.code == "import.xls_unsupported"
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(UserError) as info:
        read_table(broken)
    assert info.value.code == "import.xlsx_unreadable"


# --- CSV ------------------------------------------------------------------------------------------

_CSV_ROWS = [
    "Họ và tên,Ngày sinh,Giới tính,Số CCCD,SĐT",
    "Nguyễn Thị Hòa,05/09/1962,Nữ,012345678901,0912345678",
    "Đặng Văn Phúc,1970,Nam,12345678901,912345679",
]


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes("\r\n".join(_CSV_ROWS).encode("utf-8-sig"))
    table = read_table(path)
    assert table.text_encoding == "utf-8"
    assert table.headers[0] == "Họ và tên"
    assert [r.row_number for r in table.rows] == [2, 3]
    parsed = parse_table(table, TODAY)
    assert parsed[0].full_name == "Nguyễn Thị Hòa"
    assert parsed[0].birth_date == date(1962, 9, 5)
    assert parsed[1].birth_year == 1970
    assert parsed[1].id_number == "012345678901"
    assert parsed[1].phone == "0912345679"


def test_csv_nfd_text_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "nfd.csv"
    path.write_text(unicodedata.normalize("NFD", "\n".join(_CSV_ROWS)), encoding="utf-8")
    table = read_table(path)
    assert table.headers[0] == "Họ và tên"
    assert table.rows[0].values[0] == "Nguyễn Thị Hòa"


def test_csv_semicolon_with_title_line(tmp_path: Path) -> None:
    text = "DANH SÁCH;;\r\nHọ tên;Năm sinh;Thôn\r\nVõ Thị Mai;1985;Thôn 3\r\n"
    path = tmp_path / "ds.csv"
    path.write_bytes(text.encode("utf-8"))
    table = read_table(path)
    assert table.header_row == 2
    assert table.rows[0].row_number == 3
    parsed = parse_table(table, TODAY)
    assert (parsed[0].full_name, parsed[0].birth_year, parsed[0].village) == (
        "Võ Thị Mai", 1985, "Thôn 3",
    )  # fmt: skip


def test_csv_tab_delimited_utf16(tmp_path: Path) -> None:
    path = tmp_path / "ds.txt"
    path.write_bytes("Họ và tên\tDân tộc\r\nMa Văn Sáng\tNùng\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.text_encoding == "utf-16"
    assert parse_table(table, TODAY)[0].ethnicity == "Nùng"


def test_csv_cp1252_tcvn3(tmp_path: Path) -> None:
    lines = [
        "Hä vµ tªn;Giíi tÝnh;Th«n",
        "NguyÔn ThÞ §µo;N÷;Th«n §«ng",
        "Lª V¨n T©m;Nam;Xãm Míi",
        "TR\u00ad¬NG V¡N H\u00adNG;Nam;Th«n Tr\u00adêng",
    ]
    path = tmp_path / "tcvn3.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    table = read_table(path)
    assert table.legacy_encoding == "tcvn3"
    assert table.headers == ["Họ và tên", "Giới tính", "Thôn"]
    parsed = parse_table(table, TODAY)
    assert [(p.full_name, p.sex, p.village) for p in parsed] == [
        ("Nguyễn Thị Đào", "F", "Thôn Đông"),
        ("Lê Văn Tâm", "M", "Xóm Mới"),
        ("TRƯƠNG VĂN HƯNG", "M", "Thôn Trường"),
    ]


def test_csv_cp1252_vni(tmp_path: Path) -> None:
    lines = ["Hoï vaø teân,Giôùi tính,Thoân", "Nguyeãn Thò Ñaøo,Nöõ,Thoân Ñoâng",
             "Tröông Vaên Phöôùc,Nam,Xoùm Môùi"]  # fmt: skip
    path = tmp_path / "vni.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    table = read_table(path)
    assert table.legacy_encoding == "vni"
    assert table.headers == ["Họ và tên", "Giới tính", "Thôn"]
    parsed = parse_table(table, TODAY)
    assert [(p.full_name, p.sex, p.village) for p in parsed] == [
        ("Nguyễn Thị Đào", "F", "Thôn Đông"),
        ("Trương Văn Phước", "M", "Xóm Mới"),
    ]


def test_csv_cp1258_windows_vietnamese(tmp_path: Path) -> None:
    text = "Họ và tên,Giới tính,Thôn\r\nNguyễn Thị Đào,Nữ,Thôn Đông\r\nTrần Văn Ưng,Nam,Xóm Mới\r\n"
    path = tmp_path / "cp1258.csv"
    path.write_bytes(cp1258_bytes(text))
    table = read_table(path)
    assert table.text_encoding == "cp1258"
    assert table.legacy_encoding is None
    parsed = parse_table(table, TODAY)
    assert [(p.full_name, p.village) for p in parsed] == [
        ("Nguyễn Thị Đào", "Thôn Đông"),
        ("Trần Văn Ưng", "Xóm Mới"),
    ]


def test_csv_cp1252_western_names_stay(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes("Ho ten;Ghi chu\r\nJosé Müller;Crème brûlée, naïve\r\n".encode("cp1252"))
    table = read_table(path)
    assert table.legacy_encoding is None
    assert table.text_encoding == "cp1252"
    assert table.rows[0].values == ("José Müller", "Crème brûlée, naïve")


# --- Value parsers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(1965, 3, 12, 0, 0), (date(1965, 3, 12), 1965)),
        (date(1965, 3, 12), (date(1965, 3, 12), 1965)),
        (23813, (date(1965, 3, 12), 1965)),
        (23813.0, (date(1965, 3, 12), 1965)),
        (36526, (date(2000, 1, 1), 2000)),
        ("23813", (date(1965, 3, 12), 1965)),
        ("12/3/1965", (date(1965, 3, 12), 1965)),
        ("12-03-1965", (date(1965, 3, 12), 1965)),
        ("12.03.1965", (date(1965, 3, 12), 1965)),
        ("1965-03-12", (date(1965, 3, 12), 1965)),
        ("12/03/1965 00:00:00", (date(1965, 3, 12), 1965)),
        ("ngày 12 tháng 3 năm 1965", (date(1965, 3, 12), 1965)),
        ("3/1965", (None, 1965)),
        ("1965", (None, 1965)),
        (1965, (None, 1965)),
        ("12/3/65", (date(1965, 3, 12), 1965)),
        ("1/6/25", (date(2025, 6, 1), 2025)),
        ("2/6/25", (date(1925, 6, 2), 1925)),
        ("12/3/10", (date(2010, 3, 12), 2010)),
        ("29/02/1964", (date(1964, 2, 29), 1964)),
        ("01/01/1910", (date(1910, 1, 1), 1910)),
        (None, (None, None)),
        ("  ", (None, None)),
    ],
)
def test_parse_birth_valid(value: object, expected: tuple[date | None, int | None]) -> None:
    born, year, msg = parse_birth(value, TODAY)  # type: ignore[arg-type]
    assert msg is None
    assert (born, year) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("31/02/1970", "import.birth_invalid"),
        ("29/02/1970", "import.birth_invalid"),
        ("13/13/1970", "import.birth_invalid"),
        ("13/1970", "import.birth_invalid"),
        ("abc", "import.birth_invalid"),
        ("1970/12", "import.birth_invalid"),
        (123, "import.birth_invalid"),
        (99999999, "import.birth_invalid"),
        ("02/06/2025", "import.birth_future"),
        ("7/2025", "import.birth_future"),
        (2030, "import.birth_future"),
        (date(2026, 1, 1), "import.birth_future"),
        ("01/01/1900", "import.birth_too_old"),
        (1890, "import.birth_too_old"),
    ],
)
def test_parse_birth_errors(value: object, code: str) -> None:
    born, year, msg = parse_birth(value, TODAY)  # type: ignore[arg-type]
    assert (born, year) == (None, None)
    assert msg is not None and msg.code == code
    assert msg.vi and msg.en and msg.text("en") == msg.en


def test_parse_birth_messages_tell_what_to_fix() -> None:
    _, _, msg = parse_birth("01/01/1900", TODAY)
    assert msg is not None
    assert msg.vi == (
        "Ngày sinh '01/01/1900' cho tuổi 125, trên 120 tuổi. Kiểm tra lại năm sinh (có thể gõ nhầm)."
    )
    _, _, msg = parse_birth("02/06/2025", TODAY)
    assert msg is not None
    assert msg.vi == "Ngày sinh '02/06/2025' ở tương lai. Kiểm tra lại năm sinh."


def test_excel_serial_1900_leap_bug() -> None:
    assert excel_serial_to_date(1) == date(1900, 1, 1)
    assert excel_serial_to_date(59) == date(1900, 2, 28)
    assert excel_serial_to_date(60) is None  # Excel's fictitious 29/02/1900
    assert excel_serial_to_date(61) == date(1900, 3, 1)
    assert excel_serial_to_date(25569) == date(1970, 1, 1)
    assert excel_serial_to_date(45658.75) == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Nam", "M"), ("nam", "M"), ("NAM", "M"), ("Nữ", "F"), ("nữ", "F"), ("NỮ", "F"), ("nu", "F"),
     ("Nu", "F"), (" Nữ giới ", "F"), ("Nam giới", "M"),
     (unicodedata.normalize("NFD", "Nữ"), "F")],
)  # fmt: skip
def test_parse_sex(value: str, expected: str) -> None:
    assert parse_sex(value) == (expected, None)


@pytest.mark.parametrize("value", ["M", "F", "1", "0", 1, "Khác", "x"])
def test_parse_sex_rejects_codes(value: object) -> None:
    sex, msg = parse_sex(value)  # type: ignore[arg-type]
    assert sex is None
    assert msg is not None and msg.code == "import.sex_invalid"
    assert "Nam" in msg.vi and "Nữ" in msg.vi


def test_parse_sex_empty() -> None:
    assert parse_sex(None) == (None, None)
    assert parse_sex("") == (None, None)


@pytest.mark.parametrize(
    ("value", "expected", "notice"),
    [
        ("012345678901", "012345678901", None),
        ("0123 4567 8901", "012345678901", None),
        ("012.345.678.901", "012345678901", None),
        ("'012345678901", "012345678901", None),
        (112345678901, "112345678901", None),
        (12345678901, "012345678901", "import.id_padded"),
        (12345678901.0, "012345678901", "import.id_padded"),
        (1234567890, "001234567890", "import.id_padded"),
        ("12345678901", "012345678901", "import.id_padded"),
    ],
)
def test_parse_id_number_valid(value: object, expected: str, notice: str | None) -> None:
    number, msg = parse_id_number(value)  # type: ignore[arg-type]
    assert number == expected
    assert (msg.code if msg else None) == notice


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("123456789", "import.id_length"),
        (123456789, "import.id_length"),
        ("1234567890123", "import.id_length"),
        ("99999999999", "import.id_length"),  # padded would give province 099: not a code
        ("1.23457E+11", "import.id_exponent"),
        ("01234567890A", "import.id_chars"),
    ],
)
def test_parse_id_number_errors(value: object, code: str) -> None:
    number, msg = parse_id_number(value)  # type: ignore[arg-type]
    assert number is None
    assert msg is not None and msg.code == code


def test_parse_id_number_old_cmnd_message() -> None:
    _, msg = parse_id_number("123456789")
    assert msg is not None
    assert msg.vi.startswith("Số CCCD phải có 12 chữ số")
    assert "CMND" in msg.vi


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0912345678", "0912345678"),
        (912345678, "0912345678"),
        (912345678.0, "0912345678"),
        ("912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912345678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("(024) 3825 1234", "02438251234"),
    ],
)
def test_parse_phone_valid(value: object, expected: str) -> None:
    assert parse_phone(value) == (expected, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["12345", "abc", "091234567899999", "0912-ABC-678"])
def test_parse_phone_errors(value: str) -> None:
    phone, msg = parse_phone(value)
    assert phone is None
    assert msg is not None and msg.code == "import.phone_invalid"


def test_parse_record_missing_name() -> None:
    parsed = parse_record(RawRecord(7, {"full_name": None, "sex": "Nam"}, {}), TODAY)
    assert not parsed.ok
    assert parsed.issues[0].message.code == "import.name_missing"
    assert parsed.issues[0].message.vi == "Dòng 7: thiếu họ và tên."
