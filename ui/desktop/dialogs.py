"""Message boxes and file pickers behind one injectable object, so tests use a fake."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import UserError


class Dialogs(Protocol):
    def info(self, parent: QWidget | None, title: str, text: str) -> None: ...
    def warn(self, parent: QWidget | None, title: str, text: str) -> None: ...
    def user_error(self, parent: QWidget | None, err: UserError) -> None: ...
    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool: ...
    def open_file(self, parent: QWidget | None, title: str, filters: str) -> str | None: ...
    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> str | None: ...


def current_lang() -> str:
    from PySide6.QtCore import QCoreApplication

    # The Vietnamese translator is installed unless the officer chose English.
    return "vi" if QCoreApplication.translate("Dialogs", "OK") != "OK" else "en"


class QtDialogs:
    """The real dialogs."""

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def user_error(self, parent: QWidget | None, err: UserError) -> None:
        QMessageBox.warning(parent, "hocvuso", err.text(current_lang()))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path or None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None


@dataclass
class FakeDialogs:
    """Records what would have been shown; answers from queues set by the test."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    confirm_answers: list[bool] = field(default_factory=list)
    open_answers: list[str | None] = field(default_factory=list)
    save_answers: list[str | None] = field(default_factory=list)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", text))

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("warn", text))

    def user_error(self, parent: QWidget | None, err: UserError) -> None:
        self.shown.append(("error", err.text(current_lang())))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.shown.append(("confirm", text))
        return self.confirm_answers.pop(0) if self.confirm_answers else True

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> str | None:
        return self.open_answers.pop(0) if self.open_answers else None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> str | None:
        return self.save_answers.pop(0) if self.save_answers else None
