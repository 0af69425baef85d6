"""Tests for app.vntext: normalising, folding, splitting and Vietnamese ordering of names."""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.vntext import (
    digits,
    fold,
    is_id_number,
    nfc,
    nfc_opt,
    normalize_phone,
    sort_key,
    split_name,
)

DAO_NFC = unicodedata.normalize("NFC", "Nguyễn Thị Đào")
DAO_NFD = unicodedata.normalize("NFD", "Nguyễn Thị Đào")


def by_key(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)


# --- nfc --------------------------------------------------------------------------------------


def test_nfc_composes_decomposed_input() -> None:
    assert DAO_NFD != DAO_NFC
    assert nfc(DAO_NFD) == DAO_NFC


def test_nfc_strips_and_collapses_whitespace() -> None:
    assert nfc("  Nguyễn\t Thị \n Đào  ") == "Nguyễn Thị Đào"


def test_nfc_handles_nbsp_and_zero_width() -> None:
    assert nfc("Nguyễn\u00a0Thị\u202fĐào") == "Nguyễn Thị Đào"
    assert nfc("Ng\u200buyễn\ufeff Thị") == "Nguyễn Thị"


def test_nfc_zero_width_between_letter_and_mark_still_composes() -> None:
    assert nfc("Đa\u200b\u0300o") == "Đào"


def test_nfc_opt() -> None:
    assert nfc_opt(None) is None
    assert nfc_opt("") is None
    assert nfc_opt(" \u00a0\u200b ") is None
    assert nfc_opt(DAO_NFD) == DAO_NFC


# --- fold -------------------------------------------------------------------------------------


def test_fold_basic() -> None:
    assert fold("Nguyễn Thị Đào") == "nguyen thi dao"
    assert fold(DAO_NFD) == "nguyen thi dao"


def test_fold_d_with_stroke() -> None:
    assert fold("Đ") == "d"
    assert fold("đ") == "d"
    assert fold("ĐẶNG đình ĐỨC") == "dang dinh duc"


@pytest.mark.parametrize(
    "variant", ["Hoà", "Hòa", "HOÀ", "hoà", unicodedata.normalize("NFD", "Hoà")]
)
def test_fold_old_and_new_tone_placement_match(variant: str) -> None:
    assert fold(variant) == fold("Hòa") == "hoa"


def test_fold_keeps_apostrophe_and_hyphen() -> None:
    assert fold("H'Mông") == "h'mong"
    assert fold("H’Mông") == "h'mong"
    assert fold("Hơ-Wil") == "ho-wil"


def test_fold_punctuation_separates_and_spaces_collapse() -> None:
    assert fold("  Nguyễn,Văn.  An!! ") == "nguyen van an"
    assert fold("Lê\u00a0\u00a0Thị\u200bAnh") == "le thianh"


def test_fold_all_vietnamese_vowels() -> None:
    assert fold("ăâêôơư ĂÂÊÔƠƯ ạảãáà ỵỷỹýỳ") == "aaeoou aaeoou aaaaa yyyyy"


# --- split_name -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Nguyễn Thị Đào", ("Nguyễn", "Thị", "Đào")),
        ("Trần An", ("Trần", "", "An")),
        ("Tôn Nữ Thị Ngọc Hân", ("Tôn", "Nữ Thị Ngọc", "Hân")),
        ("Dũng", ("", "", "Dũng")),
        ("", ("", "", "")),
        ("   ", ("", "", "")),
        ("  Lò   Văn\u00a0 Páo ", ("Lò", "Văn", "Páo")),
        ("Hơ-Wil H'Mông", ("Hơ-Wil", "", "H'Mông")),
    ],
)
def test_split_name(full: str, expected: tuple[str, str, str]) -> None:
    assert split_name(full) == expected


def test_split_name_normalises() -> None:
    assert split_name(DAO_NFD) == ("Nguyễn", "Thị", "Đào")


# --- sort_key ---------------------------------------------------------------------------------


def test_sort_by_given_name_with_vietnamese_letters() -> None:
    names = ["Trần Văn An", "Nguyễn Thị Ánh", "Lê Ăn", "Phạm Đức", "Vũ Dũng"]
    # Given names: An < Ánh (same letters a-n plus h; the tone never matters here) < Ăn
    # (ă after a) < Dũng (d) < Đức (đ after d).
    assert by_key(names) == ["Trần Văn An", "Nguyễn Thị Ánh", "Lê Ăn", "Vũ Dũng", "Phạm Đức"]


def test_tone_is_secondary_to_every_letter_of_the_key() -> None:
    # Same given name letters: the family name decides, whatever the tones of the given name.
    names = ["Trần Anh", "Lê Ánh", "Bùi Ảnh"]
    assert by_key(names) == ["Bùi Ảnh", "Lê Ánh", "Trần Anh"]


def test_tone_order() -> None:
    names = ["Lê Ạnh", "Lê Ánh", "Lê Ãnh", "Lê Ảnh", "Lê Ành", "Lê Anh"]
    # none < huyền < hỏi < ngã < sắc < nặng
    assert by_key(names) == ["Lê Anh", "Lê Ành", "Lê Ảnh", "Lê Ãnh", "Lê Ánh", "Lê Ạnh"]


def test_tone_does_not_beat_a_later_letter() -> None:
    # "Ánh" vs "Anh": tones differ, but family names Bùi < Cao decide first.
    assert by_key(["Cao Anh", "Bùi Ánh"]) == ["Bùi Ánh", "Cao Anh"]
    # With equal letters everywhere, the tone decides.
    assert by_key(["Bùi Ánh", "Bùi Anh"]) == ["Bùi Anh", "Bùi Ánh"]


def test_full_alphabet_order() -> None:
    alphabet = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    shuffled = list(reversed(alphabet))
    assert sorted(shuffled, key=sort_key) == alphabet


def test_foreign_letters_at_latin_positions() -> None:
    letters = ["z", "w", "j", "f", "e", "ê", "g", "i", "k", "v", "x", "y"]
    assert sorted(letters, key=sort_key) == [
        "e",
        "ê",
        "f",
        "g",
        "i",
        "j",
        "k",
        "v",
        "w",
        "x",
        "y",
        "z",
    ]


def test_vowel_families() -> None:
    assert by_key(["Lê Ơn", "Lê Ôn", "Lê On"]) == ["Lê On", "Lê Ôn", "Lê Ơn"]
    assert by_key(["Lê Ưng", "Lê Ung"]) == ["Lê Ung", "Lê Ưng"]
    assert by_key(["Lê Ênh", "Lê Enh"]) == ["Lê Enh", "Lê Ênh"]


def test_given_then_family_then_middle() -> None:
    names = ["Trần Văn Bình", "Nguyễn Văn Bình", "Nguyễn Thị Bình", "Nguyễn Bình", "Lê An"]
    assert by_key(names) == [
        "Lê An",
        "Nguyễn Bình",  # no middle name sorts before any middle name
        "Nguyễn Thị Bình",
        "Nguyễn Văn Bình",
        "Trần Văn Bình",
    ]


def test_shorter_word_first() -> None:
    assert by_key(["Lê Anh", "Lê An"]) == ["Lê An", "Lê Anh"]
    assert by_key(["Lê Thịnh Vy", "Lê Thị Vy"]) == ["Lê Thị Vy", "Lê Thịnh Vy"]
    assert by_key(["Lê Văn A Vy", "Lê Văn Vy"]) == ["Lê Văn Vy", "Lê Văn A Vy"]


def test_case_insensitive_and_normalisation_insensitive() -> None:
    assert sort_key("NGUYỄN THỊ ĐÀO").split("|")[0] == sort_key("nguyễn thị đào").split("|")[0]
    assert sort_key(DAO_NFD) == sort_key(DAO_NFC)
    assert sort_key("  Nguyễn  Thị Đào ") == sort_key(DAO_NFC)
    # Case only breaks ties: it never overrides a letter.
    assert by_key(["AN B", "an a"]) == ["an a", "AN B"]
    assert by_key(["Lê Văn Bình", "LÊ VĂN AN"]) == ["LÊ VĂN AN", "Lê Văn Bình"]


def test_apostrophes_and_hyphens_sort_sensibly() -> None:
    names = ["Hà H'Mai", "Y Hơ-Wil", "Lê Hơ", "Lê Hà", "Rơ Châm H'Lin", "Nguyễn Hoa"]
    result = by_key(names)
    # The apostrophe is ignored at the letter level: H'Mai files as "hmai", after "ho…".
    # The hyphen breaks words: "Hơ-Wil" comes right after "Hơ".
    assert result == ["Lê Hà", "Rơ Châm H'Lin", "Hà H'Mai", "Nguyễn Hoa", "Lê Hơ", "Y Hơ-Wil"]


def test_edge_inputs_do_not_crash() -> None:
    for name in [
        "",
        " ",
        "'",
        "-",
        "H'",
        "'-'",
        "Ǆ",
        "İstanbul",
        "王小明",
        "Lê 3",
        "😀",
        "a\u0308",
    ]:
        key = sort_key(name)
        assert key.isascii() and key.isprintable()


def test_digits_before_letters_and_unknown_after() -> None:
    assert by_key(["X b", "X 王", "X 2"]) == ["X 2", "X b", "X 王"]


def test_sqlite_binary_collation_agrees() -> None:
    names = [
        "Trần Văn An",
        "Nguyễn Thị Ánh",
        "Lê Ăn",
        "Phạm Đức",
        "Vũ Dũng",
        "Lê Ạnh",
        "Lê Anh",
        "Y Hơ-Wil",
        "Hà H'Mai",
        "Ksor H'Ngơm",
        "Đinh Thị Ngọc Ơn",
    ]
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE p (name TEXT, k TEXT)")
    con.execute("CREATE INDEX p_k ON p (k)")
    con.executemany("INSERT INTO p VALUES (?, ?)", [(n, sort_key(n)) for n in names])
    rows = [r[0] for r in con.execute("SELECT name FROM p ORDER BY k")]
    con.close()
    assert rows == by_key(names)


# --- numbers ----------------------------------------------------------------------------------


def test_digits() -> None:
    assert digits("+84 (912) 345-678") == "84912345678"
    assert digits("０９１２") == "0912"
    assert digits("abc") == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+84 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("912345678", "0912345678"),  # leading zero lost in a spreadsheet
        ("0208 3851 234", "02083851234"),  # landline, Thái Nguyên area code
        ("+84 208 3851 234", "02083851234"),
        ("12345", None),
        ("", None),
        ("09123456789012", None),
        ("không có", None),
    ],
)
def test_normalize_phone(raw: str, expected: str | None) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("019190001234", True),
        ("01919000123", False),
        ("0191900012345", False),
        ("01919000123a", False),
        (" 019190001234", False),
        ("０１９１９０００１２３４", False),
        ("", False),
    ],
)
def test_is_id_number(raw: str, expected: bool) -> None:
    assert is_id_number(raw) is expected


# --- properties -------------------------------------------------------------------------------

vietnamese_text = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ '-áàảãạếềểễệứừửữựốồổỗộ\u00a0\u200b\u0301\u0323")
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), vietnamese_text))
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), vietnamese_text))
def test_fold_ignores_normal_form(s: str) -> None:
    nfd = unicodedata.normalize("NFD", s)
    assert fold(nfd) == fold(unicodedata.normalize("NFC", s))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), vietnamese_text))
def test_sort_key_is_printable_ascii_and_form_insensitive(s: str) -> None:
    key = sort_key(s)
    assert key.isascii() and key.isprintable()
    assert sort_key(unicodedata.normalize("NFD", s)) == sort_key(unicodedata.normalize("NFC", s))


@settings(max_examples=200, deadline=None)
@given(vietnamese_text)
def test_nfc_is_idempotent(s: str) -> None:
    assert nfc(nfc(s)) == nfc(s)
