"""The people screen: a list of every person of the commune that stays fluid at 200,000 people
(keyset pages loaded off the GUI thread as the officer scrolls), search as you type, filters,
Vietnamese name order, and the actions on people: new, edit, open, merge two records, erase on
request, import from a spreadsheet. A person's own page opens inside this screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.services.directory import VillageView, list_villages
from app.services.people import PersonView, erase_person, get_person, merge_people
from app.services.people_queries import (
    AGE_BANDS,
    Choice,
    Cursor,
    PeopleFilter,
    PersonRow,
    count_matching,
    people_page,
    skill_choices,
)
from app.services.people_queries import (
    PeoplePage as PageOfPeople,
)
from app.vocab import SEXES, TARGET_GROUPS, label
from ui.desktop.context import AppContext
from ui.desktop.models import Column, DataclassTableModel
from ui.desktop.pages import Latest, call_db
from ui.desktop.pages._shared import (
    compact_combo,
    fit_columns,
    fmt_birth,
    fmt_int,
    make_table,
    read_db,
    selected_rows,
    tab_chain,
    touches,
)
from ui.desktop.pages.person import PersonPage
from ui.desktop.pages.person_form import PersonFormDialog

PAGE_SIZE = 200
RELOAD_MAX = 2000  # after a change, reload up to this many rows to keep the officer's place
SEARCH_DELAY_MS = 250
PEOPLE_ENTITIES = {"person", "village", "skill_record"}

_CTX = "PeoplePage"


def people_columns(lang: str) -> tuple[Column[PersonRow], ...]:
    return (
        Column(QT_TRANSLATE_NOOP("PeoplePage", "Full name"), lambda p: p.full_name, _CTX),
        Column(
            QT_TRANSLATE_NOOP("PeoplePage", "Born"),
            lambda p: fmt_birth(p.birth_date, p.birth_year),
            _CTX,
            align=Qt.AlignmentFlag.AlignRight,
        ),
        Column(QT_TRANSLATE_NOOP("PeoplePage", "Sex"), lambda p: label(SEXES, p.sex, lang), _CTX),
        Column(QT_TRANSLATE_NOOP("PeoplePage", "Village"), lambda p: p.village_name or "", _CTX),
        Column(
            QT_TRANSLATE_NOOP("PeoplePage", "Target group"),
            lambda p: label(TARGET_GROUPS, p.target_group, lang),
            _CTX,
            tooltip=lambda p: label(TARGET_GROUPS, p.target_group, lang),
        ),
        Column(QT_TRANSLATE_NOOP("PeoplePage", "ID number"), lambda p: p.id_number or "", _CTX),
        Column(QT_TRANSLATE_NOOP("PeoplePage", "Phone"), lambda p: p.phone or "", _CTX),
    )


class PeopleModel(DataclassTableModel[PersonRow]):
    """The people list: rows arrive a keyset page at a time (`more_requested` asks for the
    next one); the cursor of the last page is kept here."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(people_columns(lang), key=lambda p: p.id, parent=parent)
        self.cursor: Cursor | None = None

    def set_page(self, page: PageOfPeople) -> None:
        self.cursor = page.cursor
        self.set_rows(page.rows, has_more=page.more)

    def add_page(self, page: PageOfPeople) -> None:
        self.cursor = page.cursor
        self.append_rows(page.rows, has_more=page.more)


class MergeDialog(QDialog):
    """Two records of one person: choose the one to keep; the other's history moves to it."""

    def __init__(
        self, ctx: AppContext, a: PersonView, b: PersonView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.people = (a, b)
        self.setWindowTitle(self.tr("Merge two records"))
        intro = QLabel(
            self.tr(
                "Both records will become one. Sessions and skills of the other record move to "
                "the one you keep; its empty details are filled from the other. This cannot be "
                "undone."
            )
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.keep_buttons: list[QRadioButton] = []
        group = QButtonGroup(self)
        rows: tuple[tuple[str, Callable[[PersonView], str]], ...] = (
            (self.tr("Born"), lambda p: fmt_birth(p.birth_date, p.birth_year)),
            (self.tr("Sex"), lambda p: label(SEXES, p.sex, ctx.lang)),
            (self.tr("ID number"), lambda p: p.id_number or ""),
            (self.tr("Phone"), lambda p: p.phone or ""),
            (self.tr("Village"), lambda p: p.village_name or ""),
            (self.tr("Notes"), lambda p: p.notes),
        )
        for col, p in enumerate(self.people, start=1):
            rb = QRadioButton(self.tr("Keep {name}").format(name=p.full_name))
            rb.setAccessibleName(self.tr("Keep {name}").format(name=p.full_name))
            group.addButton(rb)
            self.keep_buttons.append(rb)
            grid.addWidget(rb, 0, col)
            for r, (title, value) in enumerate(rows, start=1):
                if col == 1:
                    grid.addWidget(QLabel(title), r, 0)
                v = QLabel(str(value(p)) or "—")
                v.setWordWrap(True)
                grid.addWidget(v, r, col)
        self.keep_buttons[0].setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setAccessibleName(self.tr("Merge"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(grid)
        lay.addWidget(buttons)

    def keep_and_remove(self) -> tuple[str, str]:
        a, b = self.people
        return (a.id, b.id) if self.keep_buttons[0].isChecked() else (b.id, a.id)


class PeoplePage(QWidget):
    """The people list and, in the same place, one person's page."""

    open_person = Signal(str)  # a person's page was opened (for other screens to follow)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest()
        self._ticket = 0  # of the list being shown: its later pages carry it too
        self._shown_ticket = -1  # of the rows on screen
        self._filter = PeopleFilter()
        self._count: int | None = None
        self._loaded_once = False
        self._dirty = False
        self._restore: tuple[set[str], int] | None = None
        self.form: PersonFormDialog | None = None
        self.merge_dialog: MergeDialog | None = None
        self.import_dialog: QDialog | None = None

        # -- search and filters
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name (no accents needed), ID or phone"))
        self.search.setAccessibleName(self.tr("Search people"))
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):
            clear.setAccessibleName(self.tr("Clear the search"))
        self.village = QComboBox()
        self.village.setAccessibleName(self.tr("Filter by village"))
        self.village.addItem(self.tr("All villages"), None)
        self.group = QComboBox()
        self.group.setAccessibleName(self.tr("Filter by target group"))
        self.group.addItem(self.tr("All target groups"), None)
        for code in TARGET_GROUPS:
            self.group.addItem(label(TARGET_GROUPS, code, ctx.lang), code)
        self.age = QComboBox()
        self.age.setAccessibleName(self.tr("Filter by age"))
        self.age.addItem(self.tr("All ages"), None)
        for code in AGE_BANDS:
            self.age.addItem(label(AGE_BANDS, code, ctx.lang), code)
        self.skill = QComboBox()
        self.skill.setAccessibleName(self.tr("Filter: skill not yet mastered"))
        self.skill.addItem(self.tr("Any skill progress"), None)
        # Long labels (target groups, skills) must not squeeze the search field: the combos
        # keep a fixed width and show their full items in the popup.
        for combo, chars in (
            (self.village, 14),
            (self.group, 14),
            (self.age, 12),
            (self.skill, 16),
        ):
            compact_combo(combo, chars)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of people found"))

        # -- the list
        self.model = PeopleModel(ctx.lang, self)
        self.table = make_table(self.model, self.tr("People"), multi=True)
        fit_columns(
            self.table,
            (
                None,
                "00/00/0000",
                "Nam",
                "Tổ dân phố Phùng Chí Kiên",
                "Người lao động trong doanh",
                "000000000000",
                "0000000000",
            ),
            stretch=0,
        )
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)

        # -- actions
        self.new_button = QPushButton(self.tr("New person…"))
        self.new_button.setAccessibleName(self.tr("New person"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setAccessibleName(self.tr("Open the selected person"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected person"))
        self.merge_button = QPushButton(self.tr("Merge two…"))
        self.merge_button.setAccessibleName(self.tr("Merge the two selected records"))
        self.merge_button.setToolTip(self.tr("Select the two records of the same person first"))
        self.erase_button = QPushButton(self.tr("Erase on request…"))
        self.erase_button.setAccessibleName(self.tr("Erase the selected person's data on request"))
        self.import_button = QPushButton(self.tr("Import from a spreadsheet…"))
        self.import_button.setAccessibleName(self.tr("Import people from a spreadsheet"))

        filters = QHBoxLayout()
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 34)
        filters.addWidget(self.search, 1)
        for combo in (self.village, self.group, self.age, self.skill):
            filters.addWidget(combo)
        actions = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.edit_button, self.merge_button):
            actions.addWidget(b)
        actions.addWidget(self.erase_button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        list_page = QWidget()
        ll = QVBoxLayout(list_page)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(filters)
        ll.addLayout(actions)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.empty)

        self.person_page = PersonPage(ctx)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.person_page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)

        # -- wiring
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._start_query)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.village, self.group, self.age, self.skill):
            combo.currentIndexChanged.connect(lambda _i: self._start_query())
        self.model.more_requested.connect(lambda _n: self._load_more())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.installEventFilter(self)
        self.search.installEventFilter(self)
        sel = self.table.selectionModel()
        sel.selectionChanged.connect(lambda *_a: self._update_buttons())
        self.new_button.clicked.connect(self.new_person)
        self.open_button.clicked.connect(self.open_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.erase_button.clicked.connect(self.erase_selected)
        self.import_button.clicked.connect(self.import_people)
        self.person_page.back_requested.connect(self.show_list)
        self.person_page.edit_requested.connect(self.edit_person)
        self.person_page.erase_requested.connect(self.erase_person)
        for keys, slot in (
            ("Ctrl+N", self.new_person),
            ("Ctrl+F", self.focus_search),
        ):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        ctx.data_changed.connect(self._changed)
        tab_chain(
            [
                self.search,
                self.village,
                self.group,
                self.age,
                self.skill,
                self.new_button,
                self.open_button,
                self.edit_button,
                self.merge_button,
                self.erase_button,
                self.import_button,
                self.table,
            ]
        )
        self.setFocusProxy(self.search)
        self._update_buttons()

    # -- page protocol ------------------------------------------------------------------------
    def on_shown(self) -> None:
        if not self._loaded_once or self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Reload the filter choices and the list (keeping the officer's place)."""
        self._loaded_once = True
        self._dirty = False
        self._load_choices()
        self._reload()
        if self.stack.currentWidget() is self.person_page:
            self.person_page.refresh()

    def _changed(self, changed: object) -> None:
        if touches(changed, PEOPLE_ENTITIES):
            if self.isVisible():
                self._reload()
                if any(c[0] == "village" for c in changed):
                    self._load_choices()
            else:
                self._dirty = True

    # -- choices ------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        def job(s: Session) -> tuple[list[VillageView], list[Choice]]:
            return list_villages(s), skill_choices(s)

        read_db(self.ctx, self, job, self._choices_loaded)

    def _choices_loaded(self, result: tuple[list[VillageView], list[Choice]]) -> None:
        villages, skills = result
        for combo, items in (
            (self.village, [(v.id, v.name) for v in villages]),
            (self.skill, [(c.code, f"{c.code} · {c.name(self.ctx.lang)}") for c in skills]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for code, text in items:
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
            if combo.currentData() != current:
                self._start_query()  # the chosen village was deleted meanwhile

    # -- querying -----------------------------------------------------------------------------
    def current_filter(self) -> PeopleFilter:
        return PeopleFilter(
            text=self.search.text(),
            village_id=self.village.currentData(),
            target_group=self.group.currentData(),
            age_band=self.age.currentData(),
            skill_not_mastered=self.skill.currentData(),
        )

    def _start_query(self) -> None:
        self._timer.stop()
        self._restore = None
        self._run_first(self.current_filter(), PAGE_SIZE)

    def _reload(self) -> None:
        """The same filter again after a change, keeping selection and scroll position."""
        self._restore = (
            {r.id for r in selected_rows(self.table)},
            self.table.verticalScrollBar().value(),
        )
        limit = min(RELOAD_MAX, max(PAGE_SIZE, self.model.loaded()))
        self._run_first(self.current_filter(), limit)

    def _run_first(self, f: PeopleFilter, limit: int) -> None:
        ticket = self._ticket = self._latest.next()
        same = f == self._filter
        self._filter = f
        if not same:
            self._count = None
            self.count.setText(self.tr("Searching…"))
        expected = self._count

        def page(s: Session) -> PageOfPeople:
            return people_page(s, f, None, limit, expected=expected)

        def count(s: Session) -> int:
            return count_matching(s, f)

        read_db(self.ctx, self, page, lambda p: self._first_page(ticket, p))
        read_db(self.ctx, self, count, lambda n: self._counted(ticket, n))

    def _first_page(self, ticket: int, page: PageOfPeople) -> None:
        if not self._latest.current(ticket):
            return  # an older search: the officer has typed since
        self.model.set_page(page)
        self._shown_ticket = ticket
        self._show_count()
        restore, self._restore = self._restore, None
        if restore is not None:
            ids, scroll = restore
            sel = self.table.selectionModel()
            for pid in ids:
                r = self.model.row_of(pid)
                if r is not None:
                    sel.select(
                        self.model.index(r, 0),
                        sel.SelectionFlag.Select | sel.SelectionFlag.Rows,
                    )
            self.table.verticalScrollBar().setValue(scroll)
        self._show_empty()
        self._update_buttons()

    def _counted(self, ticket: int, n: int) -> None:
        if not self._latest.current(ticket):
            return
        self._count = n
        if self._shown_ticket == ticket:
            self._show_count()

    def _show_count(self) -> None:
        # Shown with the rows it counts, never ahead of them.
        if self._count is not None:
            self.count.setText(self.tr("{n} people").format(n=fmt_int(self._count)))
        self._show_empty()

    def _show_empty(self) -> None:
        nothing = self.model.rowCount() == 0 and not self.model.has_more()
        if nothing:
            f = self._filter
            filtered = any((f.village_id, f.target_group, f.age_band, f.skill_not_mastered))
            if f.text.strip() or filtered:
                self.empty.setText(
                    self.tr("Nobody matches. Check the spelling or clear the filters.")
                )
            else:
                self.empty.setText(
                    self.tr("Nobody is recorded yet. Add a person or import a spreadsheet.")
                )
        self.empty.setVisible(nothing)

    def _load_more(self) -> None:
        cursor = self.model.cursor
        if cursor is None:
            return
        f, expected, ticket = self._filter, self._count, self._ticket

        def job(s: Session) -> PageOfPeople:
            return people_page(s, f, cursor, PAGE_SIZE, expected=expected)

        read_db(self.ctx, self, job, lambda p: self._more_page(ticket, p))

    def _more_page(self, ticket: int, page: PageOfPeople) -> None:
        if not self._latest.current(ticket):
            return
        self.model.add_page(page)

    # -- selection and keyboard ------------------------------------------------------------
    def selected(self) -> list[PersonRow]:
        return selected_rows(self.table)

    def _update_buttons(self) -> None:
        n = len(self.selected())
        role = self.ctx.inst.officer.role
        self.open_button.setEnabled(n == 1)
        self.edit_button.setEnabled(n == 1)
        self.merge_button.setEnabled(n == 2 and role != "team")
        self.erase_button.setEnabled(n == 1 and role != "team")
        self.import_button.setEnabled(role != "team")

    def focus_search(self) -> None:
        self.show_list()
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if watched is self.table and enter:
                self.open_selected()
                return True
            down = enter or key == Qt.Key.Key_Down
            if watched is self.search and down and self.model.rowCount():
                self.table.setFocus()
                if not self.selected():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # -- actions ------------------------------------------------------------------------------
    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.table.setFocus()

    def show_person(self, person_id: str) -> None:
        """Open one person's page (also used by other screens through the main window)."""
        self.person_page.show_person(person_id)
        self.stack.setCurrentWidget(self.person_page)
        self.person_page.back.setFocus()
        self.open_person.emit(person_id)

    def open_selected(self) -> None:
        rows = self.selected()
        if len(rows) == 1:
            self.show_person(rows[0].id)

    def new_person(self) -> None:
        self._open_form(None)

    def edit_selected(self) -> None:
        rows = self.selected()
        if len(rows) == 1:
            self.edit_person(rows[0].id)

    def edit_person(self, person_id: str) -> None:
        self._open_form(person_id)

    def _open_form(self, person_id: str | None) -> None:
        form = PersonFormDialog(self.ctx, self, person_id=person_id)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form = form
        form.accepted.connect(lambda: self._form_done(form))
        form.open()

    def _form_done(self, form: PersonFormDialog) -> None:
        saved = form.saved
        if saved is not None and (form.person_id is None or form.chose_existing):
            self.show_person(saved.id)

    def merge_selected(self) -> None:
        rows = self.selected()
        if len(rows) != 2:
            self.ctx.dialogs.info(
                self,
                self.tr("Merge two records"),
                self.tr("Select exactly two records of the same person, then choose Merge."),
            )
            return
        a, b = rows[0].id, rows[1].id

        def job(s: Session) -> tuple[PersonView, PersonView]:
            return get_person(s, a), get_person(s, b)

        read_db(self.ctx, self, job, self._ask_merge)

    def _ask_merge(self, pair: tuple[PersonView, PersonView]) -> None:
        dlg = MergeDialog(self.ctx, pair[0], pair[1], self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.merge_dialog = dlg
        dlg.accepted.connect(lambda: self._merge(dlg.keep_and_remove()))
        dlg.open()

    def _merge(self, keep_remove: tuple[str, str]) -> None:
        keep, remove = keep_remove
        actor = self.ctx.actor

        def job(s: Session) -> Any:
            return merge_people(s, actor, keep, remove)

        def done(out: Any) -> None:
            self.ctx.dialogs.info(
                self,
                self.tr("Merge two records"),
                self.tr("The two records are now one: {name}.").format(name=out.value.full_name),
            )

        call_db(self.ctx, self, job, done)

    def erase_selected(self) -> None:
        rows = self.selected()
        if len(rows) == 1:
            self.erase_person(rows[0].id, rows[0].full_name)

    def erase_person(self, person_id: str, name: str | None = None) -> None:
        if name is None:
            ov = self.person_page.overview
            name = ov.person.full_name if ov and ov.person.id == person_id else ""
        ok = self.ctx.dialogs.confirm(
            self,
            self.tr("Erase on request"),
            self.tr(
                "Erase the personal data of {name}? Use this only when the person asks for it "
                "(right to erasure). The name, birth date, ID number, phone, sensitive data and "
                "notes are deleted for good; the sessions and skills stay in the counts without "
                "the name."
            ).format(name=name),
        )
        if not ok:
            return
        actor = self.ctx.actor

        def job(s: Session) -> Any:
            return erase_person(s, actor, person_id)

        def done(_out: Any) -> None:
            if self.person_page.person_id == person_id:
                self.show_list()
            self.ctx.dialogs.info(
                self, self.tr("Erase on request"), self.tr("The person's data was erased.")
            )

        call_db(self.ctx, self, job, done)

    def import_people(self) -> None:
        from ui.desktop.pages.importing import ImportDialog

        dlg = ImportDialog(self.ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dlg
        if dlg.choose_file():
            dlg.open()
        else:
            dlg.deleteLater()
            self.import_dialog = None


__all__ = ["MergeDialog", "PeopleModel", "PeoplePage"]
