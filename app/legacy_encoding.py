"""Detect and convert the legacy Vietnamese 8-bit encodings (TCVN3/ABC and VNI) to NFC Unicode.

Old commune spreadsheets were typed with .VnTime (TCVN3) or VNI-Times fonts. Opened today, their
text shows up as Windows-1252/Latin-1 characters ("NguyÔn ThÞ §µo", "Nguyeãn Thò Ñaøo"). This
module recognises such text and turns it back into Vietnamese; it does nothing else.

Detection works word by word: a word that contains non-ASCII characters is evidence for an
encoding when it is not a valid Vietnamese syllable as it stands but becomes one after conversion,
and evidence against when the conversion does not give a valid syllable. Text that already contains
Unicode-only Vietnamese letters (ă, đ, ơ, ư, ĩ, ũ, ạ…ỹ or combining marks) is never converted.

TCVN3 notes: only the lower-case letters and Ă Â Đ Ê Ô Ơ Ư have codes. Capitals with a tone
mark were typed with the .VnTimeH font, which draws the lower-case codes as capitals; the codes
themselves cannot tell them apart. `convert` therefore upper-cases a whole TCVN3 text when all
of its ASCII letters (at least two) are capitals ("NGUYÔN" -> "NGUYỄN"); otherwise such letters
come out in lower case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS: tuple[str, ...] = (TCVN3, VNI)

# Tone order used in all tables below: none, sắc, huyền, hỏi, ngã, nặng.
_TONE_MARKS: tuple[str, ...] = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_FAMILIES: tuple[str, ...] = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def _letter(family: str, tone: int) -> str:
    return unicodedata.normalize("NFC", family + _TONE_MARKS[tone])


# ---------------------------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, VN3): one code per lower-case letter, in tone order.
_TCVN3_ROWS: dict[str, str] = {
    "a": "a¸µ¶·¹",
    "ă": "¨¾»¼½Æ",
    "â": "©ÊÇÈÉË",
    "e": "eÐÌÎÏÑ",
    "ê": "ªÕÒÓÔÖ",
    "i": "iÝ×ØÜÞ",
    "o": "oãßáâä",
    "ô": "«èåæçé",
    "ơ": "¬íêëìî",
    "u": "uóïñòô",
    "ư": "\u00adøõö÷ù",
    "y": "yýúûüþ",
}
_TCVN3_UPPER: dict[str, str] = {
    "¡": "Ă",
    "¢": "Â",
    "§": "Đ",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
}


def _build_tcvn3() -> dict[str, str]:
    table: dict[str, str] = {"®": "đ"}
    for family, codes in _TCVN3_ROWS.items():
        for tone, code in enumerate(codes):
            if not code.isascii():
                table[code] = _letter(family, tone)
    table.update(_TCVN3_UPPER)
    return table


TCVN3_TO_UNICODE: dict[str, str] = _build_tcvn3()
_TCVN3_TRANS = str.maketrans(TCVN3_TO_UNICODE)

# ---------------------------------------------------------------------------------------------
# VNI-Windows: a base letter followed by modifier characters (Windows-1252 code points).
_VNI_TONE = ("", "ù", "ø", "û", "õ", "ï")  # after a e o u y ơ ư
_VNI_CIRC = ("â", "á", "à", "å", "ã", "ä")  # circumflex + tone, after a e o
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")  # breve + tone, after a
_VNI_I = ("i", "í", "ì", "æ", "ó", "ò")  # i with a tone is a single character
_VNI_HORN = {"ơ": "ô", "ư": "ö"}  # horn letters are single characters


def _vni_lower(family: str, tone: int) -> str:
    if family == "i":
        return _VNI_I[tone]
    if family == "y" and tone == 5:
        return "î"
    if family in ("â", "ê", "ô"):
        return {"â": "a", "ê": "e", "ô": "o"}[family] + _VNI_CIRC[tone]
    if family == "ă":
        return "a" + _VNI_BREVE[tone]
    return _VNI_HORN.get(family, family) + _VNI_TONE[tone]


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {"ñ": "đ", "Ñ": "Đ"}
    for family in _FAMILIES:
        for tone in range(6):
            code = _vni_lower(family, tone)
            if code.isascii():
                continue
            letter = _letter(family, tone)
            table[code] = letter
            upper_code = code.upper()
            table[upper_code] = letter.upper()
            if len(code) == 2:
                # Modifiers typed in the other case still belong to the base letter.
                table[upper_code[0] + code[1]] = letter.upper()
                table[code[0] + upper_code[1]] = letter
    return table


VNI_TO_UNICODE: dict[str, str] = _build_vni()
_VNI_PATTERN = re.compile(
    "|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=lambda k: (-len(k), k)))
)

# ---------------------------------------------------------------------------------------------
# Unicode Vietnamese and syllable structure.
_UNICODE_VI = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9\u0300-\u0303\u0309\u0323]")
_SPLIT = re.compile(r"[\s0-9!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]+")
_ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
_CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_NUCLEI_TEXT = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu yêu"
)
_NUCLEI = frozenset(_NUCLEI_TEXT.split())
_VOWELS = frozenset("aăâeêioôơuưy")
_PLAIN_LETTERS = frozenset("abcdeghiklmnopqrstuvxyăâđêôơư")


def _split_tone(ch: str) -> tuple[str, int] | None:
    """Return (base letter, number of tone marks) for a lower-case letter, None if not Vietnamese."""
    decomposed = unicodedata.normalize("NFD", ch)
    tones = sum(1 for c in decomposed if c in _TONE_MARKS[1:])
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS[1:]))
    if base not in _PLAIN_LETTERS:
        return None
    return base, tones


def is_vietnamese_syllable(word: str) -> bool:
    """True when `word` (one syllable, any case, NFC or not) is a well-formed Vietnamese syllable."""
    bases: list[str] = []
    tones = 0
    for ch in unicodedata.normalize("NFC", word).lower():
        parts = _split_tone(ch)
        if parts is None:
            return False
        bases.append(parts[0])
        tones += parts[1]
    if not bases or tones > 1:
        return False
    plain = "".join(bases)
    onset = next((o for o in _ONSETS if plain.startswith(o)), "")
    rest = plain[len(onset) :]
    if onset == "gi" and (not rest or rest[0] not in _VOWELS):
        onset, rest = "g", plain[1:]
    split = 0
    while split < len(rest) and rest[split] in _VOWELS:
        split += 1
    nucleus, coda = rest[:split], rest[split:]
    return nucleus in _NUCLEI and coda in _CODAS


def has_unicode_vietnamese(text: str) -> bool:
    """True when `text` contains letters or marks that only Unicode Vietnamese text has."""
    return _UNICODE_VI.search(text) is not None


def _decode_raw(text: str, encoding: str) -> str:
    if encoding == TCVN3:
        return text.translate(_TCVN3_TRANS)
    if encoding == VNI:
        return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


class _Score:
    """Evidence counters for one encoding over one or more texts."""

    def __init__(self) -> None:
        self.good = 0
        self.bad = 0


@lru_cache(maxsize=65536)
def _word_evidence(word: str) -> tuple[tuple[str, int], ...]:
    """For one non-ASCII word without Unicode Vietnamese: (encoding, +1 good / -1 bad) pairs."""
    valid_as_is = is_vietnamese_syllable(word)
    evidence: list[tuple[str, int]] = []
    for encoding in ENCODINGS:
        converted = _decode_raw(word, encoding)
        if converted == word:
            continue
        if not is_vietnamese_syllable(converted):
            evidence.append((encoding, -1))
        elif not valid_as_is and len(converted) >= 2:
            evidence.append((encoding, 1))
    return tuple(evidence)


def _score_text(text: str, scores: dict[str, _Score]) -> int:
    """Add the evidence of `text` to `scores`; return how many words are already Unicode."""
    unicode_words = 0
    for word in _SPLIT.split(text):
        if word.isascii():
            continue
        if has_unicode_vietnamese(word):
            unicode_words += 1
            continue
        for encoding, vote in _word_evidence(word):
            if vote > 0:
                scores[encoding].good += 1
            else:
                scores[encoding].bad += 1
    return unicode_words


def _decide(scores: dict[str, _Score], unicode_words: int) -> str | None:
    best: str | None = None
    best_margin = 0
    for encoding in ENCODINGS:
        score = scores[encoding]
        margin = score.good - score.bad
        if score.good > unicode_words and score.good > 2 * score.bad and margin > best_margin:
            best, best_margin = encoding, margin
    return best


def detect_legacy(text: str) -> str | None:
    """Return "tcvn3" or "vni" when `text` looks like legacy-encoded Vietnamese, else None.

    Plain ASCII, Unicode Vietnamese and Western text with a few accents give None. A single
    short name may carry too little evidence; prefer `detect_legacy_many` for a column or file.
    """
    if has_unicode_vietnamese(text):
        return None
    scores = {encoding: _Score() for encoding in ENCODINGS}
    unicode_words = _score_text(text, scores)
    return _decide(scores, unicode_words)


def detect_legacy_many(texts: Iterable[str]) -> str | None:
    """Decide the legacy encoding of a whole column or file (all its text cells) at once.

    Texts already in Unicode Vietnamese count against a legacy encoding, so a file that is
    mostly Unicode is left alone even if a few cells were pasted from an old file.
    """
    scores = {encoding: _Score() for encoding in ENCODINGS}
    unicode_words = 0
    for text in texts:
        unicode_words += _score_text(text, scores)
    return _decide(scores, unicode_words)


def convert(text: str, encoding: str) -> str:
    """Convert legacy `text` ("tcvn3" or "vni") to NFC Unicode.

    Text that already contains Unicode-only Vietnamese letters is returned NFC-normalised but
    otherwise unchanged, so converting a mixed column never damages its Unicode cells.
    Raises ValueError for an unknown encoding name.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    if has_unicode_vietnamese(text):
        return unicodedata.normalize("NFC", text)
    result = _decode_raw(text, encoding)
    if encoding == TCVN3 and any(c in TCVN3_TO_UNICODE for c in text):
        ascii_letters = [c for c in text if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            result = result.upper()
    return unicodedata.normalize("NFC", result)


def convert_if_legacy(text: str) -> tuple[str, str | None]:
    """Detect and convert one text; return (NFC text, encoding used or None)."""
    encoding = detect_legacy(text)
    if encoding is None:
        return unicodedata.normalize("NFC", text), None
    return convert(text, encoding), encoding
