"""Fixed vocabularies (codes stored in the database) with their Vietnamese and English labels."""

from __future__ import annotations

from app.messages import Message

TARGET_GROUPS: dict[str, tuple[str, str]] = {
    "public_servant": (
        "Cán bộ, công chức, viên chức, người lao động trong cơ quan nhà nước",
        "Public servants and state employees",
    ),
    "student": ("Học sinh, sinh viên", "Pupils and students"),
    "worker": (
        "Người lao động trong doanh nghiệp, hợp tác xã",
        "Workers in enterprises and cooperatives",
    ),
    "citizen": ("Người dân", "Citizens"),
}

FORMATS: dict[str, tuple[str, str]] = {
    "class": ("Lớp học", "Class"),
    "community": ("Buổi sinh hoạt cộng đồng", "Community session"),
    "home_visit": ("Hướng dẫn tại nhà", "Home visit"),
    "online": ("Trực tuyến", "Online"),
}

SESSION_STATUSES: dict[str, tuple[str, str]] = {
    "planned": ("Dự kiến", "Planned"),
    "held": ("Đã tổ chức", "Held"),
    "cancelled": ("Đã huỷ", "Cancelled"),
}

# Ordered: a later outcome is further along.
OUTCOMES: dict[str, tuple[str, str]] = {
    "introduced": ("Đã được giới thiệu", "Introduced"),
    "practised": ("Đã thực hành có hỗ trợ", "Practised with help"),
    "independent": ("Tự làm được", "Can do it alone"),
}
OUTCOME_RANK = {code: i for i, code in enumerate(OUTCOMES)}

VILLAGE_KINDS: dict[str, tuple[str, str]] = {
    "thon": ("Thôn", "Village (thôn)"),
    "xom": ("Xóm", "Hamlet (xóm)"),
    "ban": ("Bản", "Hamlet (bản)"),
    "to_dan_pho": ("Tổ dân phố", "Residential group"),
    "khac": ("Khác", "Other"),
}

ROLES: dict[str, tuple[str, str]] = {
    "admin": ("Quản trị", "Administrator"),
    "officer": ("Cán bộ", "Officer"),
    "team": ("Thành viên Tổ công nghệ số", "Team member"),
}

SEXES: dict[str, tuple[str, str]] = {"M": ("Nam", "Male"), "F": ("Nữ", "Female")}

ATTENDANCE_METHODS = ("card", "id_card", "search", "sheet", "manual")


def label(vocab: dict[str, tuple[str, str]], code: str | None, lang: str = "vi") -> str:
    if code is None or code not in vocab:
        return "" if code is None else code
    vi, en = vocab[code]
    return en if lang.startswith("en") else vi


def check_code(vocab: dict[str, tuple[str, str]], code: str, what_vi: str, what_en: str) -> None:
    """Raise the user-facing error for a code outside a vocabulary."""
    from app.errors import UserError

    if code not in vocab:
        allowed = ", ".join(vocab)
        raise UserError(
            f"value.{what_en.replace(' ', '_')}",
            f"{what_vi} '{code}' không hợp lệ. Chọn một trong: {allowed}.",
            f"Unknown {what_en} '{code}'. Choose one of: {allowed}.",
        )


def msg(code: str, vi: str, en: str) -> Message:
    return Message(code, vi, en)
