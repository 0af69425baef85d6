"""Tests for app.idcard: parsing chip ID card QR text, damaged scans and ID cross-checks.

All names, numbers and addresses are invented.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.idcard import IdCardResult, id_cross_check, parse_id_qr
from app.messages import Message

TODAY = date(2026, 1, 15)

# Female born 1990 in Thái Nguyên (019): century/sex digit 1, year 90.
CARD_2021 = (
    "019190012345|091234567|Nguyễn Thị Đào|15031990|Nữ|"
    "Tổ 5, Phường Quang Trung, Thành phố Thái Nguyên, Thái Nguyên|20042021"
)
# Male born 2003 in former Bắc Kạn (006): digit 2, year 03; a 2024 card with trailing fields.
CARD_2024 = (
    "006203004321||Hoàng Văn Sơn|02092003|Nam|"
    "Thôn Nà Làng, Xã Phúc Lộc, Huyện Ba Bể, Bắc Kạn|10072024|"
    "006203000111|Hoàng Văn Tuấn|Lý Thị Mai"
)
# Variant without the old CMND field: male born 1985, digit 0, year 85.
CARD_NO_CMND = "019085006789|Lò Văn Páo|07111985|Nam|Xóm Đồng Kệt, Xã Phú Đô, Thái Nguyên|05032022"


def parse(text: str) -> IdCardResult:
    return parse_id_qr(text, today=TODAY)


def codes(result: IdCardResult) -> set[str]:
    return {w.code for w in result.warnings}


# --- Simulated input-method damage -----------------------------------------------------------

_TELEX_MOD = {"â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
_VNI_MOD = {"â": "a6", "ă": "a8", "ê": "e6", "ô": "o6", "ơ": "o7", "ư": "u7", "đ": "d9"}
_TONE_KEYS = {
    "\u0301": ("s", "1"),
    "\u0300": ("f", "2"),
    "\u0309": ("r", "3"),
    "\u0303": ("x", "4"),
    "\u0323": ("j", "5"),
}


def keystrokes(text: str, method: str) -> str:
    """The keys a person (or a scanner in 'typing' mode) would press to type ``text``.

    With the input method off on the receiving computer, these keys arrive as they are:
    "Nữ" becomes "Nuwx" (Telex) or "Nu74" (VNI).
    """
    mods = _TELEX_MOD if method == "telex" else _VNI_MOD
    out_words = []
    for word in text.split(" "):
        keys = []
        tone_key = ""
        for ch in word:
            parts = unicodedata.normalize("NFD", ch)
            letter = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONE_KEYS))
            for p in parts:
                if p in _TONE_KEYS:
                    tone_key = _TONE_KEYS[p][0 if method == "telex" else 1]
            lower = letter.lower()
            if lower in mods:
                seq = mods[lower]
                keys.append(seq.upper() if letter.isupper() and method == "telex" else seq)
                if letter.isupper() and method == "vni":
                    keys[-1] = seq[0].upper() + seq[1:]
            else:
                keys.append(letter)
        out_words.append("".join(keys) + tone_key)
    return " ".join(out_words)


_VOWELS = "aăâeêioôơuưy"
_TONE_BY_KEY = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VNI_TONE = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}


def _is_vowel(ch: str) -> bool:
    return unicodedata.normalize("NFD", ch)[0].lower() in _VOWELS


def _last_vowel(buf: list[str]) -> int | None:
    for i in range(len(buf) - 1, -1, -1):
        if buf[i] in " ,.":
            return None  # word boundary
        if _is_vowel(buf[i]):
            return i
    return None


def _strip_tone(ch: str) -> str:
    return unicodedata.normalize(
        "NFC",
        "".join(p for p in unicodedata.normalize("NFD", ch) if p not in _TONE_BY_KEY.values()),
    )


def _has_tone(ch: str) -> bool:
    return any(p in _TONE_BY_KEY.values() for p in unicodedata.normalize("NFD", ch))


def _set_tone(ch: str, mark: str) -> str:
    return unicodedata.normalize("NFC", _strip_tone(ch) + mark)


def ime_on(text: str, method: str) -> str:
    """What arrives when a scanner types ``text`` into a computer with Telex/VNI switched on.

    A simplified Unikey: tone keys typed after a vowel in the same word put a mark on that vowel
    and are eaten.  Like many input methods it does not treat "|" as a word break.
    """
    buf: list[str] = []
    for ch in text:
        vowel = _last_vowel(buf)
        if method == "telex" and ch.lower() in _TONE_BY_KEY and vowel is not None:
            buf[vowel] = _set_tone(buf[vowel], _TONE_BY_KEY[ch.lower()])
            continue
        if method == "vni" and vowel is not None:
            if ch in _VNI_TONE and not _has_tone(buf[vowel]):
                buf[vowel] = _set_tone(buf[vowel], _VNI_TONE[ch])
                continue
            if ch == "0" and _has_tone(buf[vowel]):
                buf[vowel] = _strip_tone(buf[vowel])
                continue
        buf.append(ch)
    return "".join(buf)


def test_simulators_behave_as_described() -> None:
    assert keystrokes("Nữ", "telex") == "Nuwx"
    assert keystrokes("Nữ", "vni") == "Nu74"
    assert keystrokes("Nguyễn Thị Đào", "telex") == "Nguyeenx Thij DDaof"
    assert keystrokes("Nguyễn Thị Đào", "vni") == "Nguye6n4 Thi5 D9ao2"
    assert ime_on("Y Moan Ksor", "telex") == "Y Moan Ksỏ"
    assert ime_on("Hoa|01", "vni") == "Hoá|0"


# --- Well-formed cards ------------------------------------------------------------------------


def test_full_2021_card() -> None:
    r = parse(CARD_2021)
    assert r.ok and not r.partial and r.error is None
    assert r.id_number == "019190012345"
    assert r.old_id == "091234567"
    assert r.full_name == "Nguyễn Thị Đào"
    assert r.birth_date == date(1990, 3, 15)
    assert r.sex == "F"
    assert r.address == "Tổ 5, Phường Quang Trung, Thành phố Thái Nguyên, Thái Nguyên"
    assert r.issue_date == date(2021, 4, 20)
    assert r.extra == ()
    assert r.warnings == ()
    assert not r.name_needs_confirmation


def test_2024_card_with_trailing_fields() -> None:
    r = parse(CARD_2024)
    assert r.ok
    assert r.id_number == "006203004321"
    assert r.old_id is None
    assert r.full_name == "Hoàng Văn Sơn"
    assert r.birth_date == date(2003, 9, 2)
    assert r.sex == "M"
    assert r.issue_date == date(2024, 7, 10)
    assert r.extra == ("006203000111", "Hoàng Văn Tuấn", "Lý Thị Mai")
    assert r.warnings == ()


def test_variant_without_cmnd_field() -> None:
    r = parse(CARD_NO_CMND)
    assert r.ok
    assert r.id_number == "019085006789"
    assert r.old_id is None
    assert r.full_name == "Lò Văn Páo"
    assert r.birth_date == date(1985, 11, 7)
    assert r.sex == "M"
    assert r.address == "Xóm Đồng Kệt, Xã Phú Đô, Thái Nguyên"
    assert r.issue_date == date(2022, 3, 5)
    assert r.extra == ()


def test_variant_without_cmnd_with_trailing_fields() -> None:
    r = parse(CARD_NO_CMND + "|Lò Văn Chứ|Quàng Thị Ín")
    assert r.ok and r.full_name == "Lò Văn Páo"
    assert r.extra == ("Lò Văn Chứ", "Quàng Thị Ín")


def test_decomposed_text_and_scanner_noise_are_normalised() -> None:
    noisy = (
        "]Q1\ufeff"
        + unicodedata.normalize("NFD", CARD_2021).replace(" Thị ", "  Thị\u00a0")
        + "\r\n"
    )
    r = parse(noisy)
    assert r.ok
    assert r.full_name == "Nguyễn Thị Đào"
    assert r.full_name == unicodedata.normalize("NFC", r.full_name)
    assert r.address == "Tổ 5, Phường Quang Trung, Thành phố Thái Nguyên, Thái Nguyên"


def test_capitalised_name_and_sex() -> None:
    r = parse(CARD_2021.replace("Nguyễn Thị Đào", "NGUYỄN THỊ ĐÀO").replace("|Nữ|", "|NỮ|"))
    assert r.ok and r.sex == "F"
    assert not r.name_needs_confirmation


@pytest.mark.parametrize("sex", ["Nữ", "NỮ", "nữ", unicodedata.normalize("NFD", "Nữ")])
def test_exact_female_variants(sex: str) -> None:
    r = parse(CARD_2021.replace("|Nữ|", f"|{sex}|"))
    assert r.sex == "F" and r.ok and not r.name_needs_confirmation


@pytest.mark.parametrize("sex", ["Nu", "NU", "Nuwx", "Nu74", "Nu~"])
def test_lenient_female_variants(sex: str) -> None:
    r = parse(CARD_2021.replace("|Nữ|", f"|{sex}|"))
    assert r.sex == "F"
    assert r.ok
    assert "idcard.sex_guessed" in codes(r)
    assert r.name_needs_confirmation


def test_unreadable_sex() -> None:
    r = parse(CARD_2021.replace("|Nữ|", "|X|"))
    assert r.sex is None and not r.ok
    assert "idcard.bad_sex" in codes(r)
    assert r.id_number == "019190012345" and r.birth_date == date(1990, 3, 15)


def test_ethnic_minority_name_with_apostrophe() -> None:
    r = parse("019190054321||H'Mai Niê|01012000|Nữ|Buôn Ea Bông, Xã Ea Na|01012022")
    # Field 2 is empty, so this is the standard layout, not the no-CMND variant.
    assert r.ok and r.full_name == "H'Mai Niê"
    assert r.warnings and "id.year_mismatch" in codes(r)  # 1 means 1900s, 2000 needs 3


# --- Empty, garbage, binary, huge -------------------------------------------------------------


def _assert_clean_failure(r: IdCardResult) -> None:
    assert not r.ok
    assert isinstance(r.error, Message)
    assert r.error.vi and r.error.en
    assert r.error.text("en") == r.error.en and r.error.text() == r.error.vi


@pytest.mark.parametrize("text", ["", "   ", "\r\n", "\x00\x00"])
def test_empty(text: str) -> None:
    r = parse(text)
    _assert_clean_failure(r)
    assert r.error is not None and r.error.code == "idcard.empty"
    assert r.id_number is None


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        "00020101021138570010A00000072701270006970436011300123456789020208QRIBFTTA53037045802VN6304ABCD",
        "a|b|c|d|e|f|g",
        "||||||",
        "|",
        "12345|Nguyễn Văn A",  # no ID number and no card shape
    ],
)
def test_garbage(text: str) -> None:
    r = parse(text)
    _assert_clean_failure(r)
    assert r.error is not None and r.error.code == "idcard.unreadable"
    assert "quét lại" in r.error.vi and "nhập tay" in r.error.vi
    assert "Scan it again" in r.error.en


def test_random_bytes_decoded_as_latin1() -> None:
    rng = random.Random(20260115)
    for _ in range(200):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300)))
        r = parse(blob.decode("latin-1"))
        assert not r.ok
        assert r.error is not None


def test_utf8_card_misdecoded_as_latin1_still_yields_digits() -> None:
    mojibake = CARD_2021.encode("utf-8").decode("latin-1")
    r = parse(mojibake)
    assert r.id_number == "019190012345"
    assert r.birth_date == date(1990, 3, 15)
    assert r.name_needs_confirmation


def test_huge_input() -> None:
    r = parse("019190012345|" + "A" * 1_000_000)
    _assert_clean_failure(r)
    r = parse(CARD_2021 + "|" + "x" * 20_000)
    assert not r.ok


def test_id_card_number_with_spaces() -> None:
    r = parse(CARD_2021.replace("019190012345", "019 190 012 345", 1))
    assert r.ok and r.id_number == "019190012345"


# --- Truncated scans --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cut", "expected"),
    [
        # (text, {field: value}) — what survives when the scan stops at that point.
        ("019190012345", {"id_number": "019190012345"}),
        ("019190012345|", {"id_number": "019190012345"}),
        ("019190012345|0912", {"id_number": "019190012345", "old_id": None}),
        ("019190012345|091234567", {"id_number": "019190012345", "old_id": "091234567"}),
        (
            "019190012345|091234567|Nguyễn Th",
            {"old_id": "091234567", "full_name": "Nguyễn Th", "name_needs_confirmation": True},
        ),
        (
            "019190012345|091234567|Nguyễn Thị Đào|1503",
            {"full_name": "Nguyễn Thị Đào", "birth_date": None, "name_needs_confirmation": False},
        ),
        (
            "019190012345|091234567|Nguyễn Thị Đào|15031990|N",
            {"birth_date": date(1990, 3, 15), "sex": None},
        ),
        (
            "019190012345|091234567|Nguyễn Thị Đào|15031990|Nữ|Tổ 5, Phường Qu",
            {"sex": "F", "address": "Tổ 5, Phường Qu"},
        ),
        (
            "019190012345|091234567|Nguyễn Thị Đào|15031990|Nữ|Tổ 5, Thái Nguyên|2004",
            {"address": "Tổ 5, Thái Nguyên", "issue_date": None},
        ),
        ("019190012345|091234567|Nguyễn Thị Đào|15031990|Nữ|Tổ 5|", {"issue_date": None}),
    ],
)
def test_truncated(cut: str, expected: dict[str, object]) -> None:
    r = parse(cut)
    assert r.partial
    assert not r.ok
    assert r.error is not None and r.error.code == "idcard.truncated"
    assert r.id_number == "019190012345"
    for field, value in expected.items():
        assert getattr(r, field) == value, field


def test_truncated_no_cmnd_variant_in_name() -> None:
    r = parse("019085006789|Lò Vă")
    assert r.partial and not r.ok
    assert r.id_number == "019085006789"
    assert r.full_name == "Lò Vă" and r.name_needs_confirmation


def test_truncated_inside_id() -> None:
    r = parse("01919001")
    assert not r.ok and r.id_number is None and r.error is not None


def test_cut_address_warns() -> None:
    r = parse("019190012345|091234567|Nguyễn Thị Đào|15031990|Nữ|Tổ 5, Phường Qu")
    assert "idcard.address_cut" in codes(r)


# --- Input-method damage ----------------------------------------------------------------------


def _card(name: str, sex: str, birth: str = "15031990") -> str:
    return f"019190012345|091234567|{name}|{birth}|{sex}|Tổ 5, Phường Quang Trung, Thái Nguyên|20042021"


@pytest.mark.parametrize("method", ["telex", "vni"])
def test_raw_keystrokes_with_input_method_off(method: str) -> None:
    # The scanner "types" Vietnamese as keystrokes but the computer's input method is off
    # (or set to the other method), so the keys arrive literally.
    name = keystrokes("Nguyễn Thị Đào", method)
    sex = keystrokes("Nữ", method)
    assert name != "Nguyễn Thị Đào"
    r = parse(_card(name, sex))
    assert r.id_number == "019190012345"
    assert r.birth_date == date(1990, 3, 15)
    assert r.issue_date == date(2021, 4, 20)
    assert r.sex == "F"
    assert r.name_needs_confirmation
    assert "idcard.name_check" in codes(r)
    assert "idcard.name_check" in {w.code for w in r.warnings}
    assert r.ok  # digit fields intact: usable once the officer confirms the name


def test_telex_on_mangles_ethnic_minority_name() -> None:
    text = ime_on(_card("Y Moan Ksor", "Nữ"), "telex")
    assert "Ksỏ" in text
    r = parse(text)
    assert r.full_name == "Y Moan Ksỏ"
    assert r.name_needs_confirmation
    assert r.id_number == "019190012345" and r.birth_date == date(1990, 3, 15)


def test_telex_on_leaves_ordinary_names_alone() -> None:
    text = ime_on(CARD_2021, "telex")
    r = parse(text)
    assert r.ok and r.full_name == "Nguyễn Thị Đào" and not r.name_needs_confirmation


def test_vni_on_eats_digits_after_vowels() -> None:
    # "Trần Thị Hoa|15031990": the VNI input method reads digits after "Hoa" as tone keys.
    text = ime_on(_card("Trần Thị Hoa", "Nữ"), "vni")
    assert "15031990" not in text
    assert text.startswith("019190012345|091234567|")
    r = parse(text)
    assert r.id_number == "019190012345"
    assert r.old_id == "091234567"
    assert r.birth_date is None
    assert not r.ok
    assert "idcard.bad_birth_date" in codes(r)
    # A damaged date right after the name means the name may have been rewritten too.
    assert r.name_needs_confirmation


def test_vni_on_with_name_ending_in_consonant_keeps_birth_date() -> None:
    # When a word break the input method respects (here a space) ends the name field, the
    # birth date is typed as a new word and survives; later fields may still be damaged.
    r = parse(ime_on(CARD_NO_CMND.replace("|", " |", 2), "vni"))
    assert r.id_number == "019085006789"
    assert r.birth_date == date(1985, 11, 7)


# --- Cross-check with the ID number ------------------------------------------------------------


def test_cross_check_consistent() -> None:
    assert id_cross_check("019190012345", 1990, "F") == ()
    assert id_cross_check("019090012345", 1990, "M") == ()
    assert id_cross_check("006203004321", 2003, "M") == ()
    assert id_cross_check("019305004321", 2005, "F") == ()
    assert id_cross_check("019400004321", 2100, "M") == ()
    assert id_cross_check("019190012345", None, None) == ()


def test_cross_check_sex_mismatch() -> None:
    assert [m.code for m in id_cross_check("019190012345", 1990, "M")] == ["id.sex_mismatch"]
    assert [m.code for m in id_cross_check("019205004321", 2005, "F")] == ["id.sex_mismatch"]


def test_cross_check_year_mismatch() -> None:
    assert [m.code for m in id_cross_check("019190012345", 1991, "F")] == ["id.year_mismatch"]
    # Right two digits, wrong century (digit 1 means 1900s).
    assert [m.code for m in id_cross_check("019105004321", 2005, "F")] == ["id.year_mismatch"]


def test_cross_check_unknown_province_and_format() -> None:
    assert [m.code for m in id_cross_check("099190012345", 1990, "F")] == ["id.province_unknown"]
    assert [m.code for m in id_cross_check("12345", 1990, "F")] == ["id.format"]


def test_cross_check_messages_are_bilingual() -> None:
    for m in id_cross_check("099090012345", 1991, "F"):
        assert m.vi and m.en and m.vi != m.en


def test_parse_mismatch_warns_but_stays_ok() -> None:
    r = parse(CARD_2021.replace("|Nữ|", "|Nam|").replace("15031990", "15031992"))
    assert r.ok
    assert {"id.sex_mismatch", "id.year_mismatch"} <= codes(r)
    assert r.sex == "M" and r.birth_date == date(1992, 3, 15)


# --- Bad individual fields ---------------------------------------------------------------------


def test_impossible_dates() -> None:
    r = parse(CARD_2021.replace("15031990", "31021990"))
    assert r.birth_date is None and not r.ok and "idcard.bad_birth_date" in codes(r)
    r = parse(CARD_2021.replace("15031990", "15032030"))  # in the future
    assert r.birth_date is None
    r = parse(CARD_2021.replace("20042021", "20041980"))  # issued before birth
    assert r.issue_date is None and r.ok and "idcard.bad_issue_date" in codes(r)


def test_bad_old_id_is_ignored_with_warning() -> None:
    r = parse(CARD_2021.replace("|091234567|", "|09123A567|"))
    assert r.ok and r.old_id is None and "idcard.bad_old_id" in codes(r)


def test_bad_id_but_card_shape() -> None:
    r = parse(CARD_2021.replace("019190012345", "01919001234X"))
    assert not r.ok and r.id_number is None
    assert r.full_name == "Nguyễn Thị Đào" and r.birth_date == date(1990, 3, 15)
    assert "idcard.bad_id" in codes(r)


def test_result_is_frozen() -> None:
    r = parse(CARD_2021)
    with pytest.raises(AttributeError):
        r.ok = False  # type: ignore[misc]


# --- Never raises -----------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    r = parse_id_qr(text, today=TODAY)
    assert isinstance(r, IdCardResult)
    assert r.ok is (r.error is None)


field = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[0-9]{0,13}", fullmatch=True),
    st.sampled_from(["Nam", "Nữ", "Nuwx", "", "Nguyễn Thị Đào", "31021990", "15031990"]),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(field, min_size=0, max_size=12))
def test_never_raises_on_card_shaped_text(fields: list[str]) -> None:
    r = parse_id_qr("|".join(fields), today=TODAY)
    assert isinstance(r, IdCardResult)
    if r.id_number is not None:
        assert len(r.id_number) == 12 and r.id_number.isdigit()
    if r.full_name is not None:
        assert r.full_name == unicodedata.normalize("NFC", r.full_name)
