"""Normalising, folding, splitting and ordering Vietnamese text (names, phones, ID numbers)."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "digits",
    "fold",
    "is_id_number",
    "nfc",
    "nfc_opt",
    "normalize_phone",
    "sort_key",
    "split_name",
]

# Zero-width characters sneak in from web pages, Word and some scanners; they are invisible to
# the officer but make two otherwise equal names compare different.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Non-breaking spaces come from copy-paste out of PDFs and Excel; treat them as plain spaces.
_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000"), " ")
# Typographic apostrophes and hyphens in ethnic minority names (H’Mông, Hơ‑Wil) must search the
# same as the ASCII ones an officer types.
_PUNCT_VARIANTS = {
    ord("\u2019"): "'",
    ord("\u2018"): "'",
    ord("\u02bc"): "'",
    ord("\u2010"): "-",
    ord("\u2011"): "-",
}


def nfc(s: str) -> str:
    """NFC-normalise, drop zero-width characters, and collapse all whitespace to single spaces."""
    # Zero-width characters go first: between a base letter and its combining mark they would
    # stop NFC from composing the pair.
    s = s.translate(_ZERO_WIDTH).translate(_ODD_SPACES)
    return " ".join(unicodedata.normalize("NFC", s).split())


def nfc_opt(s: str | None) -> str | None:
    """Like :func:`nfc`, but ``None`` stays ``None`` and a blank result becomes ``None``."""
    if s is None:
        return None
    return nfc(s) or None


def fold(s: str) -> str:
    """Accent- and case-insensitive search key ("Hoà", "Hòa" and "HOA" fold to "hoa")."""
    s = s.translate(_ZERO_WIDTH).translate(_ODD_SPACES).translate(_PUNCT_VARIANTS)
    # Casefold sits between two NFDs because casefolding can itself produce decomposable
    # letters (e.g. "İ"); without the second pass fold() would not be idempotent.
    s = unicodedata.normalize("NFD", unicodedata.normalize("NFD", s).casefold())
    out: list[str] = []
    for ch in s:
        if unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            continue
        if ch in "đĐ":
            # Đ is a letter of its own with no Unicode decomposition, so NFD leaves it alone.
            out.append("d")
        elif ch.isalnum() or ch in "'-":
            out.append(ch)
        elif unicodedata.category(ch) != "Cf":
            # Punctuation separates words ("Nguyễn,Văn"); format characters are just noise.
            out.append(" ")
    return " ".join("".join(out).split())


def split_name(full: str) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (family, middle, given)."""
    words = nfc(full).split(" ")
    if words == [""]:
        return ("", "", "")
    if len(words) == 1:
        return ("", "", words[0])
    return (words[0], " ".join(words[1:-1]), words[-1])


# --- Ordering ---------------------------------------------------------------------------------
#
# sort_key() builds a three-level key in printable ASCII, so that plain string comparison (and
# SQLite's BINARY collation on an indexed TEXT column) gives the Vietnamese order:
#   primary   letters in Vietnamese alphabet order, given name, then family, then middle names;
#   secondary tones, one digit per letter, compared only when every primary letter is equal;
#   tertiary  case and ignored punctuation, so that the order is deterministic.
# Each level is a prefix-free code whose code strings sort like the symbols they stand for, and
# separators sort below every symbol, so a shorter word sorts before its longer extensions.

_END_MIDDLE = "!"  # closes the primary level; below everything
_END_WORD = "#"  # closes given and family names
_WORD_BREAK = "$"  # space inside middle names, and hyphen inside a word
_UNKNOWN = "~"  # prefix for a letter outside the alphabet, followed by 6 hex digits

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_CODES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg"
assert len(_ALPHABET) == len(_LETTER_CODES)
_PRIMARY = dict(zip(_ALPHABET, _LETTER_CODES, strict=True))
_PRIMARY.update({d: d for d in "0123456789"})

# Marks that make a new letter of the alphabet (a+breve = ă, o+horn = ơ, ...).
_MODIFIERS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tone order: none < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def _letters(word: str) -> list[tuple[str, str, str]]:
    """Split an NFC word into (base letter, tone digit, original character) triples."""
    out: list[tuple[str, str, str]] = []
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0].lower()
        tone = "0"
        for mark in decomposed[1:]:
            if (base, mark) in _MODIFIERS:
                base = _MODIFIERS[(base, mark)]
            elif mark in _TONES and tone == "0":
                tone = _TONES[mark]
            # Any other mark (diaeresis, cedilla, ...) is ignored: it is not Vietnamese.
        if len(base) != 1:
            # lower() of "İ" gives two code points; keep the first, it is the letter.
            base = base[0]
        out.append((base, tone, ch))
    return out


def _encode_word(word: str, primary: list[str], tones: list[str], tertiary: list[str]) -> None:
    for base, tone, ch in _letters(word):
        if base == "-":
            primary.append(_WORD_BREAK)
            tertiary.append("h")
        elif base in _PRIMARY:
            primary.append(_PRIMARY[base])
            tones.append(tone)
            tertiary.append("b" if ch != ch.lower() else "a")
        elif base.isalnum():
            primary.append(f"{_UNKNOWN}{ord(base):06X}")
            tones.append(tone)
            tertiary.append("b" if ch != ch.lower() else "a")
        else:
            # Apostrophes and stray punctuation are ignored at the primary level so that
            # "H'Mông" files among the "Hm..." names; they only break ties.
            tertiary.append(f"p{ord(ch):06X}")


def sort_key(full_name: str) -> str:
    """Printable-ASCII key that orders names Vietnamese-style under plain string comparison."""
    family, middle, given = split_name(full_name.translate(_PUNCT_VARIANTS))
    primary: list[str] = []
    tones: list[str] = []
    tertiary: list[str] = []
    _encode_word(given, primary, tones, tertiary)
    primary.append(_END_WORD)
    _encode_word(family, primary, tones, tertiary)
    primary.append(_END_WORD)
    for i, word in enumerate(middle.split(" ") if middle else []):
        if i:
            primary.append(_WORD_BREAK)
        _encode_word(word, primary, tones, tertiary)
    primary.append(_END_MIDDLE)
    # Keys with equal primary parts have equally long tone parts, so tertiary parts line up.
    return "".join(primary) + "".join(tones) + "|" + "".join(tertiary)


# --- Numbers ----------------------------------------------------------------------------------


def digits(s: str) -> str:
    """Only the decimal digits of ``s``, as ASCII (full-width digits are converted)."""
    return "".join(str(unicodedata.decimal(ch)) for ch in s if ch.isdecimal())


def normalize_phone(s: str) -> str | None:
    """Domestic form of a Vietnamese phone number ("+84 912 345 678" -> "0912345678").

    Returns ``None`` unless 9 to 11 digits remain after normalising.
    """
    d = digits(s)
    if d.startswith("0084"):
        d = "0" + d[4:]
    elif d.startswith("84") and len(d) >= 11:
        d = "0" + d[2:]
    elif len(d) == 9 and not d.startswith("0"):
        # Spreadsheets store phone numbers as integers and drop the leading zero.
        d = "0" + d
    if not 9 <= len(d) <= 11:
        return None
    return d


_ID_RE = re.compile(r"[0-9]{12}")


def is_id_number(s: str) -> bool:
    """True if ``s`` is exactly twelve ASCII digits (the personal ID / CCCD number)."""
    return _ID_RE.fullmatch(s) is not None
