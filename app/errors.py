"""The one error type that services raise for problems an officer can fix."""

from __future__ import annotations

from app.messages import Message


class UserError(Exception):
    """A problem the officer can act on. Carries the message in Vietnamese and English.

    Anything else escaping a service is a bug, not a user error.
    """

    def __init__(self, code: str, vi: str, en: str, *, field: str | None = None) -> None:
        super().__init__(vi)
        self.message = Message(code, vi, en)
        self.field = field

    @property
    def code(self) -> str:
        return self.message.code

    def text(self, lang: str = "vi") -> str:
        return self.message.text(lang)

    @classmethod
    def from_message(cls, msg: Message, *, field: str | None = None) -> UserError:
        return cls(msg.code, msg.vi, msg.en, field=field)
