"""Bilingual (Vietnamese first, English second) messages shown to commune officers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A user-facing message: a stable code for tests and both language versions."""

    code: str
    vi: str
    en: str

    def text(self, lang: str = "vi") -> str:
        return self.en if lang.startswith("en") else self.vi

    def __str__(self) -> str:
        return self.vi
