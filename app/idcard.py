"""Parsing the text of the QR code on Vietnamese chip ID cards (CCCD 2021, thẻ căn cước 2024).

The layout is unofficial (project domain notes, "Identity documents"):
``ID12|old CMND9 or empty|Full name|DDMMYYYY birth|Nam or Nữ|Address|DDMMYYYY issue[|more…]``,
plus a variant without the old-CMND field.  Fields are taken by position and each is validated by
pattern, so one damaged field never hides the others.

Choices worth knowing:

* ``ok`` means the text was read completely and the ID number, name, birth date and sex are all
  usable.  ``name_needs_confirmation`` must still be honoured when ``ok`` is true.
* Truncated text (the scanner stopped early) gives ``partial=True`` and ``ok=False``.  Every field
  that was read in full is returned; the last, cut-off field is returned only if it still
  validates (a digit field), and a cut-off name is returned but flagged for confirmation.
* Nothing is ever raised: every problem becomes ``error`` or a warning.
* The address is kept as printed (pre-2025 place names); it is never mapped to a commune here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.messages import Message
from app.vntext import fold, is_id_number, nfc

__all__ = [
    "KNOWN_PROVINCE_CODES",
    "IdCardResult",
    "id_cross_check",
    "parse_id_qr",
]


def _words(s: str) -> list[str]:
    # Long code lists read better as one spaced string than as a column of quoted items.
    return s.split()


# A QR code holds at most ~7,000 characters; anything much longer is not a card.
_MAX_LEN = 8192

# Birth-registration province codes of the 63 pre-2025 provinces.  IDs issued after the 2025
# merger reuse codes from this list.  Unverified as law: only used for a warning.
KNOWN_PROVINCE_CODES: frozenset[str] = frozenset(
    _words(
        "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
        "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
        "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096"
    )
)

# --- Messages ---------------------------------------------------------------------------------

_RESCAN_VI = "Hãy quét lại hoặc nhập tay."
_RESCAN_EN = "Scan it again or type the details in by hand."

ERR_UNREADABLE = Message(
    "idcard.unreadable",
    f"Không đọc được mã QR trên thẻ căn cước. {_RESCAN_VI}",
    f"The QR code on the ID card could not be read. {_RESCAN_EN}",
)
ERR_EMPTY = Message(
    "idcard.empty",
    f"Không nhận được dữ liệu từ máy quét. {_RESCAN_VI}",
    f"Nothing was received from the scanner. {_RESCAN_EN}",
)
ERR_TRUNCATED = Message(
    "idcard.truncated",
    "Mã QR chỉ đọc được một phần. Hãy quét lại; nếu vẫn lỗi, kiểm tra và nhập tay phần còn thiếu.",
    "Only part of the QR code was read. Scan it again; if that fails, check the card and type "
    "in what is missing.",
)
ERR_INCOMPLETE = Message(
    "idcard.incomplete",
    "Mã QR đọc được nhưng thiếu hoặc sai số định danh, họ tên, ngày sinh hoặc giới tính. "
    "Hãy quét lại (tắt bộ gõ tiếng Việt nếu đang bật) hoặc nhập tay.",
    "The QR code was read but the ID number, name, birth date or sex is missing or wrong. Scan "
    "it again (switch the Vietnamese input method off if it is on) or type the details in.",
)

W_NAME_CHECK = Message(
    "idcard.name_check",
    "Họ tên có thể bị bộ gõ tiếng Việt làm sai. Hãy đối chiếu với thẻ và sửa nếu cần.",
    "The name may have been changed by the Vietnamese input method. Compare it with the card "
    "and correct it if needed.",
)
W_BAD_ID = Message(
    "idcard.bad_id",
    "Số định danh cá nhân không đúng 12 chữ số.",
    "The personal ID number is not exactly 12 digits.",
)
W_BAD_OLD_ID = Message(
    "idcard.bad_old_id",
    "Số CMND cũ không đọc được; đã bỏ qua.",
    "The old ID (CMND) number could not be read; it was ignored.",
)
W_BAD_BIRTH = Message(
    "idcard.bad_birth_date",
    "Ngày sinh không đọc được hoặc không hợp lệ. Hãy nhập tay theo thẻ.",
    "The birth date could not be read or is not valid. Type it in from the card.",
)
W_BAD_ISSUE = Message(
    "idcard.bad_issue_date",
    "Ngày cấp thẻ không đọc được hoặc không hợp lệ.",
    "The card's issue date could not be read or is not valid.",
)
W_BAD_SEX = Message(
    "idcard.bad_sex",
    "Giới tính không đọc được. Hãy chọn theo thẻ.",
    "Sex could not be read. Choose it from the card.",
)
W_SEX_GUESSED = Message(
    "idcard.sex_guessed",
    "Giới tính đọc được không chuẩn (có thể do bộ gõ tiếng Việt). Hãy kiểm tra lại.",
    "Sex was read from a garbled value (possibly the Vietnamese input method). Please check it.",
)
W_NO_NAME = Message(
    "idcard.no_name",
    "Không đọc được họ tên. Hãy nhập tay theo thẻ.",
    "The name could not be read. Type it in from the card.",
)
W_NO_ADDRESS = Message(
    "idcard.no_address",
    "Không đọc được nơi thường trú.",
    "The permanent address could not be read.",
)
W_ADDRESS_CUT = Message(
    "idcard.address_cut",
    "Địa chỉ có thể bị cắt cụt do mã QR đọc thiếu.",
    "The address may be cut short because the QR code was only partly read.",
)

W_ID_FORMAT = Message(
    "id.format",
    "Số định danh cá nhân phải gồm đúng 12 chữ số.",
    "The personal ID number must be exactly 12 digits.",
)
W_ID_YEAR = Message(
    "id.year_mismatch",
    "Năm sinh không khớp với số định danh (chữ số 4–6). Hãy kiểm tra lại năm sinh và số định danh.",
    "The birth year does not match the ID number (digits 4–6). Check both.",
)
W_ID_SEX = Message(
    "id.sex_mismatch",
    "Giới tính không khớp với số định danh (chữ số thứ 4). Hãy kiểm tra lại.",
    "Sex does not match the ID number (digit 4). Please check.",
)
W_ID_PROVINCE = Message(
    "id.province_unknown",
    "Ba chữ số đầu của số định danh không phải mã tỉnh đã biết. Hãy kiểm tra lại số định danh.",
    "The first three digits of the ID number are not a known province code. Check the number.",
)


# --- Result -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdCardResult:
    """What could be read from one card's QR text; see the module docstring for ``ok``."""

    ok: bool
    partial: bool = False
    id_number: str | None = None
    old_id: str | None = None
    full_name: str | None = None
    birth_date: date | None = None
    sex: str | None = None  # 'M' or 'F'
    address: str | None = None
    issue_date: date | None = None
    extra: tuple[str, ...] = ()
    warnings: tuple[Message, ...] = ()
    error: Message | None = None
    name_needs_confirmation: bool = False


# --- Cross-check ------------------------------------------------------------------------------


def id_cross_check(id_number: str, birth_year: int | None, sex: str | None) -> tuple[Message, ...]:
    """Warnings where the ID number's structure disagrees with birth year or sex.

    The structure (province, century+sex, year) is no longer guaranteed by law, so callers must
    only warn, never reject.  ``sex`` is 'M' or 'F'; anything else is not checked.
    """
    if not is_id_number(id_number):
        return (W_ID_FORMAT,)
    out: list[Message] = []
    if id_number[:3] not in KNOWN_PROVINCE_CODES:
        out.append(W_ID_PROVINCE)
    code = int(id_number[3])
    # Digit 4: 0/1 for the 1900s, 2/3 for the 2000s, then 4/5, 6/7, 8/9; even means male.
    century = 1900 + 100 * (code // 2)
    if birth_year is not None and (
        birth_year // 100 * 100 != century or f"{birth_year % 100:02d}" != id_number[4:6]
    ):
        out.append(W_ID_YEAR)
    if sex in ("M", "F") and sex != ("M" if code % 2 == 0 else "F"):
        out.append(W_ID_SEX)
    return tuple(out)


# --- Field validation -------------------------------------------------------------------------

_OLD_ID_RE = re.compile(r"[0-9]{9}|[0-9]{12}")
_DATE_RE = re.compile(r"[0-9]{8}")
_SHORT_DIGITS_RE = re.compile(r"[0-9]{0,7}")
# Some scanners prefix the AIM symbology identifier for QR codes.
_AIM_PREFIX = re.compile(r"^\]Q[0-9]")


def _clean(text: str) -> str:
    # Control characters (Enter/Tab sent by the scanner, NULs from binary junk) carry no data.
    return "".join(
        " " if unicodedata.category(ch) == "Cc" else ch for ch in text if ch not in "\x00"
    )


def _parse_date(field: str, today: date) -> date | None:
    if _DATE_RE.fullmatch(field) is None:
        return None
    try:
        d = date(int(field[4:]), int(field[2:4]), int(field[:2]))
    except ValueError:
        return None
    if d.year < 1900 or d > today:
        return None
    return d


def _looks_like_name(field: str) -> bool:
    letters = sum(ch.isalpha() for ch in field)
    return letters >= 2 and letters > sum(ch.isdigit() for ch in field)


def _parse_sex(field: str) -> tuple[str | None, bool]:
    """(sex, exact): exact is False when the value had to be guessed from a garbled form."""
    f = nfc(field)
    if f.casefold() == "nam":
        return "M", True
    if f.casefold() == "nữ":
        return "F", True
    # Telex/VNI leftovers: "Nu74", "Nuwx", "Nu~", or the accent simply lost ("Nu").
    key = re.sub(r"[^a-z]", "", fold(f))
    if key == "nam":
        return "M", False
    if re.fullmatch(r"nu[wxsfrjz]*", key):
        return "F", False
    return None, False


# Vietnamese syllable structure, used to spot names the input method has mangled.
_ONSETS = _words("ngh ng gh gi kh nh ph th tr ch qu b c d đ g h k l m n p r s t v x")
_FINALS = _words("ch nh ng c m n p t")
_OPEN_NUCLEI = frozenset(
    _words(
        "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu yêu oai oao oay oeo uây uôi "
        "uya uyu ươi ươu"
    )
)
_NUCLEI = _OPEN_NUCLEI | frozenset(
    _words("a ă â e ê i o ô ơ u ư y iê oa oă oe oo uâ uê uô uơ uy ươ yê uyê")
)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _split_tone(syllable: str) -> tuple[str, str | None, int]:
    """(syllable without tone, tone mark, number of tone marks) for a lowercase NFC syllable."""
    tones = [ch for ch in unicodedata.normalize("NFD", syllable) if ch in _TONE_MARKS]
    bare = "".join(ch for ch in unicodedata.normalize("NFD", syllable) if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", bare), (tones[0] if tones else None), len(tones)


def _is_syllable(word: str) -> bool:
    bare, tone, n_tones = _split_tone(word.lower())
    if n_tones > 1:
        return False
    for onset in [*_ONSETS, ""]:
        if not bare.startswith(onset):
            continue
        rest = bare[len(onset) :]
        for final in [*_FINALS, ""]:
            if not rest.endswith(final):
                continue
            nucleus = rest[: len(rest) - len(final)]
            if nucleus not in _NUCLEI or (final and nucleus in _OPEN_NUCLEI):
                continue
            # Syllables ending in a stop only take the sắc or nặng tone.
            if final in ("c", "ch", "p", "t") and tone not in ("\u0301", "\u0323"):
                continue
            return True
    return False


def _name_looks_mangled(name: str) -> bool:
    for word in name.split(" "):
        for part in re.split(r"['-]", word):
            if not part:
                continue
            if not all(ch.isalpha() for ch in part):
                return True  # digits (VNI keys) or symbols
            # Names are printed in title case or all capitals; an IME rewrites letters in place
            # and often leaves an odd mixture.
            if not (part.istitle() or part.isupper()):
                return True
            # Single letters are common initials in ethnic minority names (Y, H', K').
            if len(part) > 1 and not _is_syllable(part):
                return True
    return False


# --- Parser -----------------------------------------------------------------------------------

_STANDARD = ("id", "old_id", "name", "birth", "sex", "address", "issue")
_NO_CMND = ("id", "name", "birth", "sex", "address", "issue")


def parse_id_qr(text: str, today: date | None = None) -> IdCardResult:
    """Parse the QR text of a chip ID card.  Never raises; see the module docstring."""
    try:
        return _parse(text, today or date.today())
    except Exception:  # pragma: no cover - a safety net: a scan must never crash the form
        return IdCardResult(ok=False, error=ERR_UNREADABLE)


def _parse(text: str, today: date) -> IdCardResult:
    if not isinstance(text, str):
        return IdCardResult(ok=False, error=ERR_UNREADABLE)
    if len(text) > _MAX_LEN:
        return IdCardResult(ok=False, error=ERR_UNREADABLE)
    text = _AIM_PREFIX.sub("", _clean(text).strip())
    if not text:
        return IdCardResult(ok=False, error=ERR_EMPTY)

    raw = [nfc(f) for f in text.split("|")]
    id_field = raw[0].replace(" ", "")
    id_ok = is_id_number(id_field)
    if not id_ok and (len(raw) < 6 or not any(_DATE_RE.fullmatch(f) for f in raw[1:5])):
        # Neither an ID number nor the shape of a card: some other QR code, or noise.
        return IdCardResult(ok=False, error=ERR_UNREADABLE)

    no_cmnd = (
        len(raw) >= 2
        and _OLD_ID_RE.fullmatch(raw[1]) is None
        and _looks_like_name(raw[1])
        and (len(raw) < 3 or not _looks_like_name(raw[2]))
    )
    layout = _NO_CMND if no_cmnd else _STANDARD
    fields = dict(zip(layout, raw, strict=False))
    extra = tuple(raw[len(layout) :])
    partial = len(raw) < len(layout)
    # The last field of a truncated text may itself be cut short.
    cut_field = layout[len(raw) - 1] if partial else None

    warnings: list[Message] = []
    suspect_ime = False

    id_number = id_field if id_ok else None
    if not id_ok:
        warnings.append(W_BAD_ID)

    old_id: str | None = None
    if "old_id" in fields:
        if _OLD_ID_RE.fullmatch(fields["old_id"]):
            old_id = fields["old_id"]
        elif fields["old_id"] and cut_field != "old_id":
            warnings.append(W_BAD_OLD_ID)

    full_name = fields.get("name") or None
    name_needs_confirmation = False
    if full_name is None:
        if "name" in fields or not partial:
            warnings.append(W_NO_NAME)
    elif cut_field == "name" or _name_looks_mangled(full_name):
        name_needs_confirmation = True

    birth_date: date | None = None
    if "birth" in fields:
        birth_date = _parse_date(fields["birth"], today)
        if birth_date is None and cut_field != "birth":
            warnings.append(W_BAD_BIRTH)
            # A VNI input method eats digits typed after a vowel, so a damaged date next to
            # the name hints that the name was rewritten too.
            suspect_ime = bool(fields["birth"])

    sex: str | None = None
    if "sex" in fields:
        sex, exact = _parse_sex(fields["sex"])
        if sex is None:
            if cut_field != "sex":
                warnings.append(W_BAD_SEX)
            suspect_ime = suspect_ime or (bool(fields["sex"]) and cut_field != "sex")
        elif not exact:
            warnings.append(W_SEX_GUESSED)
            suspect_ime = True

    address = fields.get("address") or None
    if "address" in fields:
        if address is None:
            warnings.append(W_NO_ADDRESS)
        elif cut_field == "address":
            warnings.append(W_ADDRESS_CUT)

    issue_date: date | None = None
    if "issue" in fields:
        issue_date = _parse_date(fields["issue"], today)
        if issue_date is not None and birth_date is not None and issue_date < birth_date:
            issue_date = None
        if issue_date is None:
            # Fewer than eight digits at the very end, with no sign of an input method at work
            # elsewhere, means the scan stopped inside the issue date.
            if not extra and not suspect_ime and _SHORT_DIGITS_RE.fullmatch(fields["issue"]):
                partial = True
            else:
                warnings.append(W_BAD_ISSUE)

    if full_name is not None and suspect_ime:
        name_needs_confirmation = True
    if name_needs_confirmation:
        warnings.append(W_NAME_CHECK)

    if id_number is not None:
        warnings.extend(id_cross_check(id_number, birth_date.year if birth_date else None, sex))

    ok = (
        not partial
        and id_number is not None
        and full_name is not None
        and birth_date is not None
        and sex is not None
    )
    error = None if ok else (ERR_TRUNCATED if partial else ERR_INCOMPLETE)
    return IdCardResult(
        ok=ok,
        partial=partial,
        id_number=id_number,
        old_id=old_id,
        full_name=full_name,
        birth_date=birth_date,
        sex=sex,
        address=address,
        issue_date=issue_date,
        extra=extra,
        warnings=tuple(warnings),
        error=error,
        name_needs_confirmation=name_needs_confirmation,
    )
