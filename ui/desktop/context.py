"""What every screen gets: the open installation, the task runner, dialogs, and change
notifications so that a write on one screen refreshes what is visible on the others."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.installation import Installation
from ui.desktop.dialogs import Dialogs
from ui.desktop.tasks import TaskRunner


class AppContext(QObject):
    """Shared state of a logged-in session of the desktop app."""

    # Emitted on the GUI thread with the `changed` tuple of a service Outcome:
    # ((entity, id), ...). Screens refresh what they show of those entities.
    data_changed = Signal(object)

    def __init__(
        self,
        inst: Installation,
        runner: TaskRunner,
        dialogs: Dialogs,
        lang: str = "vi",
    ) -> None:
        super().__init__()
        self.inst = inst
        self.runner = runner
        self.dialogs = dialogs
        self.lang = lang

    @property
    def actor(self):  # type: ignore[no-untyped-def]
        return self.inst.actor

    def notify(self, changed: tuple[tuple[str, str], ...]) -> None:
        if changed:
            self.data_changed.emit(changed)
