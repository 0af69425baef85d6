"""Tests for app.legacy_encoding: TCVN3 / VNI tables, detection and conversion."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.legacy_encoding import (
    convert,
    convert_if_legacy,
    detect_legacy,
    detect_legacy_many,
    is_vietnamese_syllable,
)

# --- Test-side encoders, written code-first (a second transcription, not the module's tables) ---

# TCVN3 code -> lower-case letter, as listed in published TCVN3 (ABC) charts.
_TCVN3_CHART = {
    "¸": "á", "µ": "à", "¶": "ả", "·": "ã", "¹": "ạ",
    "¨": "ă", "¾": "ắ", "»": "ằ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "©": "â", "Ê": "ấ", "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "®": "đ",
    "Ð": "é", "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "ª": "ê", "Õ": "ế", "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "Ý": "í", "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ã": "ó", "ß": "ò", "á": "ỏ", "â": "õ", "ä": "ọ",
    "«": "ô", "è": "ố", "å": "ồ", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "¬": "ơ", "í": "ớ", "ê": "ờ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ó": "ú", "ï": "ù", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "\u00ad": "ư", "ø": "ứ", "õ": "ừ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ý": "ý", "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
}  # fmt: skip
_TCVN3_CAPITALS = {"¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư"}
_TO_TCVN3 = {v: k for k, v in _TCVN3_CHART.items()} | {v: k for k, v in _TCVN3_CAPITALS.items()}


def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as .VnTime/.VnTimeH text (toned capitals use the lower-case codes)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TO_TCVN3:
            out.append(_TO_TCVN3[ch])
        elif ch.lower() in _TO_TCVN3 and not ch.isascii():
            out.append(_TO_TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


_VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRC_TONES = {
    "": "â",
    "\u0301": "á",
    "\u0300": "à",
    "\u0309": "å",
    "\u0303": "ã",
    "\u0323": "ä",
}
_VNI_BREVE_TONES = {
    "": "ê",
    "\u0301": "é",
    "\u0300": "è",
    "\u0309": "ú",
    "\u0303": "ü",
    "\u0323": "ë",
}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni(text: str) -> str:
    """Unicode -> VNI-Windows (as cp1252 characters), letter by letter from the decomposition."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        nfd = unicodedata.normalize("NFD", ch)
        base, marks = nfd[0], nfd[1:]
        upper = base.isupper()
        low = base.lower()
        tone = next((m for m in marks if m in _VNI_TONES), "")
        shape = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
        if not marks:
            piece = ch
        elif low == "i":
            piece = _VNI_I[tone]
        elif low == "y" and tone == "\u0323":
            piece = "î"
        elif shape == "\u0302":
            piece = low + _VNI_CIRC_TONES[tone]
        elif shape == "\u0306":
            piece = low + _VNI_BREVE_TONES[tone]
        elif shape == "\u031b":
            piece = {"o": "ô", "u": "ö"}[low] + _VNI_TONES.get(tone, "")
        else:
            piece = low + _VNI_TONES[tone]
        out.append(piece.upper() if upper else piece)
    return "".join(out)


def _all_letters() -> list[str]:
    tones = ["\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
    lower = ["ă", "â", "đ", "ê", "ô", "ơ", "ư"]
    for base in "aăâeêioôơuưy":
        lower += [unicodedata.normalize("NFC", base + t) for t in tones]
    return lower + [c.upper() for c in lower]


ALL_LETTERS = _all_letters()


def test_there_are_134_letters() -> None:
    assert len(ALL_LETTERS) == 134
    assert len(set(ALL_LETTERS)) == 134


# --- Known real-world samples -------------------------------------------------------------------

TCVN3_SAMPLES = [
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Uû ban nh©n d©n x·", "Uỷ ban nhân dân xã"),
    ("NguyÔn ThÞ §µo", "Nguyễn Thị Đào"),
    ("Tr­êng TiÓu häc", "Trường Tiểu học"),
    ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
]
VNI_SAMPLES = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Nguyeãn Thò Ñaøo", "Nguyễn Thị Đào"),
    ("Tröôøng Tieåu hoïc", "Trường Tiểu học"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_SAMPLES)
def test_tcvn3_samples(legacy: str, unicode: str) -> None:
    assert detect_legacy(legacy) == "tcvn3"
    assert convert(legacy, "tcvn3") == unicode
    assert to_tcvn3(unicode) == legacy


@pytest.mark.parametrize(("legacy", "unicode"), VNI_SAMPLES)
def test_vni_samples(legacy: str, unicode: str) -> None:
    assert detect_legacy(legacy) == "vni"
    assert convert(legacy, "vni") == unicode
    assert to_vni(unicode) == legacy


def test_convert_returns_nfc() -> None:
    out = convert("NguyÔn", "tcvn3")
    assert out == unicodedata.normalize("NFC", out) == "Nguyễn"


def test_convert_rejects_unknown_encoding() -> None:
    with pytest.raises(ValueError):
        convert("abc", "cp1252")


# --- All 134 letters round-trip -------------------------------------------------------------------


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_round_trip_every_letter(letter: str) -> None:
    assert convert(to_vni(letter), "vni") == letter
    word = f"ng{letter}n" if letter.islower() else f"NG{letter}N"
    assert convert(to_vni(word), "vni") == word


@pytest.mark.parametrize("letter", [c for c in ALL_LETTERS if c.islower()])
def test_tcvn3_round_trip_every_lower_case_letter(letter: str) -> None:
    assert convert(to_tcvn3(letter), "tcvn3") == letter
    assert convert(to_tcvn3(f"ng{letter}n"), "tcvn3") == f"ng{letter}n"


@pytest.mark.parametrize("letter", [c for c in ALL_LETTERS if c.isupper()])
def test_tcvn3_round_trip_every_capital_letter(letter: str) -> None:
    # Ă Â Đ Ê Ô Ơ Ư have their own codes; toned capitals are .VnTimeH text in capitals.
    word = f"NG{letter}N"
    assert convert(to_tcvn3(word), "tcvn3") == word
    if letter in "ĂÂĐÊÔƠƯ":
        assert convert(to_tcvn3(letter), "tcvn3") == letter
        assert convert(to_tcvn3(f"{letter}n"), "tcvn3") == f"{letter}n"
    else:
        # Without context a .VnTimeH capital cannot be told from the lower-case letter.
        assert convert(to_tcvn3(letter), "tcvn3") == letter.lower()


def test_tcvn3_title_case_name_is_not_upper_cased() -> None:
    assert convert("Lª V¨n An", "tcvn3") == "Lê Văn An"
    assert convert("Bµ", "tcvn3") == "Bà"


# --- Detection ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Nguyen Van An",
        "Hello world, 123",
        "Nguyễn Thị Đào",
        unicodedata.normalize("NFD", "Nguyễn Thị Đào"),
        "Hòa",
        "Tô Thành",
        "Lò Văn Pó",
        "Hà Giang",
        "Thò",
        "Il est où, le café à côté de l'école?",
        "où",
        "naïve",
        "Crème brûlée à la française",
        "Müller",
        "José Muñoz",
        "São Paulo",
        "Dvořák",
        "Zoë",
        "Señor Pérez, año 1998",
    ],
)
def test_detect_none(text: str) -> None:
    assert detect_legacy(text) is None
    assert detect_legacy_many([text]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NguyÔn", "tcvn3"),
        ("§µo", "tcvn3"),
        ("Lª", "tcvn3"),
        ("TrÇn V¨n B×nh", "tcvn3"),
        ("Hoµng ThÞ Lan", "tcvn3"),
        ("Nguyeãn", "vni"),
        ("Ñaøo", "vni"),
        ("Traàn Vaên Bình", "vni"),
        ("Hoaøng Thò Lan", "vni"),
        ("Phöôùc", "vni"),
    ],
)
def test_detect_short_strings(text: str, expected: str) -> None:
    assert detect_legacy(text) == expected


def test_detect_many_decides_over_a_column() -> None:
    unicode_names = ["Lê Văn Tâm", "Phạm Thị Hoa", "Đỗ Minh Khôi", "Vũ Thu Trang"]
    tcvn3 = [to_tcvn3(n) for n in unicode_names]
    vni = [to_vni(n) for n in unicode_names]
    assert detect_legacy_many([*tcvn3, "Nam", "", "123"]) == "tcvn3"
    assert detect_legacy_many([*vni, "Nam", "", "123"]) == "vni"
    assert detect_legacy_many(unicode_names) is None
    assert detect_legacy_many(["An", "Binh", "Thon 3"]) is None
    # A mostly-Unicode column with one pasted legacy cell stays Unicode.
    assert detect_legacy_many([*unicode_names, tcvn3[0]]) is None


def test_convert_leaves_unicode_cells_alone() -> None:
    assert convert("Nguyễn Thị Hòa", "vni") == "Nguyễn Thị Hòa"
    assert convert("Lê Văn Tâm", "tcvn3") == "Lê Văn Tâm"


def test_convert_if_legacy() -> None:
    assert convert_if_legacy("NguyÔn ThÞ §µo") == ("Nguyễn Thị Đào", "tcvn3")
    assert convert_if_legacy("Nguyễn Thị Đào") == ("Nguyễn Thị Đào", None)


def test_syllable_check() -> None:
    for word in ["nguyễn", "Thị", "đào", "khuỷu", "giữa", "gì", "quyền", "Trường", "xoong"]:
        assert is_vietnamese_syllable(word), word
    for word in ["café", "où", "thịị", "bcd", "fa", "hòá"]:
        assert not is_vietnamese_syllable(word), word


# --- Properties ----------------------------------------------------------------------------------

_ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu",
           "s", "t", "th", "tr", "v", "x"]  # fmt: skip
_RHYMES = ["a", "ai", "an", "anh", "ao", "ăn", "âm", "ây", "e", "em", "ê", "ênh", "i", "in", "o",
           "oa", "oan", "ô", "ông", "ơ", "ơi", "u", "uôn", "ư", "ươn", "ương", "y", "yên"]  # fmt: skip
_TONE_MARKS = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]


@st.composite
def syllables(draw: st.DrawFn) -> str:
    onset = draw(st.sampled_from(_ONSETS))
    rhyme = draw(st.sampled_from(_RHYMES))
    tone = draw(st.sampled_from(_TONE_MARKS))
    # put the tone on the first vowel with a shape mark, else the first vowel
    letters = list(rhyme)
    target = next((i for i, c in enumerate(letters) if c in "ăâêôơư"), 0)
    letters[target] = unicodedata.normalize("NFC", letters[target] + tone)
    word = onset + "".join(letters)
    return word.capitalize() if draw(st.booleans()) else word


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(syllables(), min_size=1, max_size=5))
def test_unicode_vietnamese_is_never_detected_as_legacy(words: list[str]) -> None:
    text = " ".join(words)
    assert detect_legacy(text) is None


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(syllables(), min_size=1, max_size=5))
def test_round_trip_random_text(words: list[str]) -> None:
    text = " ".join(words)
    assert convert(to_vni(text), "vni") == text
    lowered = text.lower()
    assert convert(to_tcvn3(lowered), "tcvn3") == lowered
