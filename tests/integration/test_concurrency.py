"""Two writers at once (an officer saving while a background sync runs) wait for each other
instead of failing with "database is locked"."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from app.installation import Installation
from app.models import Person
from app.services import people
from app.services.people import PersonInput


def test_read_then_write_sessions_do_not_fail_under_a_concurrent_writer(
    inst: Installation,
) -> None:
    errors: list[BaseException] = []
    started = threading.Event()

    def slow_writer() -> None:
        try:
            with inst.db.session(inst.actor) as s:
                s.scalar(select(func.count()).select_from(Person))  # read first
                started.set()
                time.sleep(0.3)  # the other writer tries to commit meanwhile
                people.create_person(s, inst.actor, PersonInput("Lục Văn Chậm", birth_year=1970))
        except BaseException as e:
            errors.append(e)

    t = threading.Thread(target=slow_writer)
    t.start()
    assert started.wait(5)
    with inst.db.session(inst.actor) as s:
        s.scalar(select(func.count()).select_from(Person))
        people.create_person(s, inst.actor, PersonInput("Vi Thị Nhanh", birth_year=1980))
    t.join(10)
    assert errors == []
    with inst.db.session() as s:
        names = set(s.scalars(select(Person.full_name)))
    assert names == {"Lục Văn Chậm", "Vi Thị Nhanh"}
