"""Preferences of an installation kept in the `setting` table: interface language and the
minutes of inactivity before the window locks. Read and validated here, never in a screen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.database import Actor
from app.models import Setting
from app.services.common import Outcome, audit, require, require_role

LANGUAGES: dict[str, tuple[str, str]] = {
    "vi": ("Tiếng Việt", "Vietnamese"),
    "en": ("Tiếng Anh", "English"),
}
IDLE_LOCK_MIN, IDLE_LOCK_MAX, IDLE_LOCK_DEFAULT = 1, 120, 10


@dataclass(frozen=True)
class Preferences:
    language: str
    idle_lock_minutes: int


def _get(s: Session, key: str) -> str | None:
    row = s.get(Setting, key)
    return None if row is None else row.value


def get_preferences(s: Session) -> Preferences:
    lang = _get(s, "language") or "vi"
    try:
        minutes = int(_get(s, "idle_lock_minutes") or IDLE_LOCK_DEFAULT)
    except ValueError:
        minutes = IDLE_LOCK_DEFAULT
    return Preferences(lang if lang in LANGUAGES else "vi", minutes)


def save_preferences(
    s: Session, actor: Actor, language: str, idle_lock_minutes: int
) -> Outcome[Preferences]:
    """Store the preferences. The language applies from the next start of the program."""
    require_role(actor, "admin", "officer")
    require(
        language in LANGUAGES,
        "settings.language",
        "Hãy chọn Tiếng Việt hoặc Tiếng Anh.",
        "Choose Vietnamese or English.",
        "language",
    )
    require(
        IDLE_LOCK_MIN <= idle_lock_minutes <= IDLE_LOCK_MAX,
        "settings.idle_lock",
        f"Thời gian tự khoá phải từ {IDLE_LOCK_MIN} đến {IDLE_LOCK_MAX} phút.",
        f"The idle lock must be between {IDLE_LOCK_MIN} and {IDLE_LOCK_MAX} minutes.",
        "idle_lock_minutes",
    )
    before = get_preferences(s)
    s.merge(Setting(key="language", value=language))
    s.merge(Setting(key="idle_lock_minutes", value=str(idle_lock_minutes)))
    s.flush()
    changed = [
        k
        for k, a, b in (
            ("language", before.language, language),
            ("idle_lock_minutes", before.idle_lock_minutes, idle_lock_minutes),
        )
        if a != b
    ]
    if changed:
        audit(s, actor, "settings.save", "setting", None, "keys=" + ",".join(changed))
    return Outcome(Preferences(language, idle_lock_minutes), tuple(("setting", k) for k in changed))
