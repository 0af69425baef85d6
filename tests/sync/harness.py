"""Test and benchmark harness for sync: the real server on a loopback port (uvicorn in a
thread), throw-away PostgreSQL databases, realistic commune activity made through the app's
services, and the sets of (id, revision, hash) compared between the laptop and the server."""

from __future__ import annotations

import contextlib
import os
import random
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import uvicorn
from sqlalchemy import Engine, select

from app.database import Database
from app.ids import ICT
from app.installation import Installation
from app.models import Person
from app.services import directory, people, sessions
from app.services.people import PersonInput
from app.services.sessions import SessionInput
from sync.records import iter_envelopes
from sync.server.app import ServerSettings, create_app
from sync.server.models import record

PG_ADMIN_URL = os.environ.get("HOCVUSO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2) as c:
            c.execute("SELECT 1")
        return None
    except Exception as e:  # any failure means: skip, with the reason
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(e).__name__}: {e}"


@contextlib.contextmanager
def pg_database() -> Iterator[str]:
    """A freshly created, uniquely named PostgreSQL database, dropped afterwards."""
    import psycopg

    name = f"hvs_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ServerThread:
    """The real FastAPI app served by uvicorn on 127.0.0.1:<free port>, in a thread."""

    def __init__(self, db_url: str, **settings: Any) -> None:
        self.settings = ServerSettings(db_url=db_url, **settings)
        self.app = create_app(self.settings)
        self.engine: Engine = self.app.state.engine
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                log_level="warning",
                lifespan="off",
                timeout_graceful_shutdown=1,
                access_log=False,
            )
        )
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the sync server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
        self.engine.dispose()


# -- what each side holds ------------------------------------------------------------------


def server_set(engine: Engine, commune: str | None = None) -> set[tuple[str, int, str]]:
    stmt = select(record.c.id, record.c.revision, record.c.hash)
    if commune:
        stmt = stmt.where(record.c.commune_code == commune)
    with engine.connect() as c:
        return {(r.id, r.revision, r.hash) for r in c.execute(stmt)}


def client_set(db: Database) -> set[tuple[str, int, str]]:
    with db.session() as s:
        return {(e["id"], int(e["revision"]), str(e["hash"])) for e in iter_envelopes(s)}


# -- commune activity ----------------------------------------------------------------------

_GIVEN = ("Lụa", "Chiến", "Thu", "Hải", "Mai", "Tuấn", "Hoà", "Đào", "Minh", "Páo", "H'Hen")
_FAMILY = ("Nguyễn", "Hà", "Ma", "Dương", "Hoàng", "Nông", "Triệu", "Lường")


def make_activity(inst: Installation, rng: random.Random, n: int = 6) -> None:
    """A few minutes of an officer's work: villages, people, sessions, check-ins, skills,
    corrections and undos, through the same services as the desktop app."""
    a = inst.actor
    with inst.db.session(a) as s:
        villages = [v.id for v in directory.list_villages(s)]
        if not villages or rng.random() < 0.2:
            villages.append(
                directory.save_village(
                    s, a, f"Xóm {rng.choice(_GIVEN)} {rng.randint(1, 999)}"
                ).value.id
            )
        team = [t.id for t in directory.list_team(s)]
        if not team:
            team.append(directory.save_team_member(s, a, "Lường Văn Hải").value.id)
        person_ids = list(s.scalars(select(Person.id).where(Person.deleted_at.is_(None))))
        for _ in range(n):
            name = f"{rng.choice(_FAMILY)} Thị {rng.choice(_GIVEN)}"
            pid = people.create_person(
                s,
                a,
                PersonInput(
                    name, birth_year=rng.randint(1940, 2010), village_id=rng.choice(villages)
                ),
            ).value.id
            person_ids.append(pid)
        start = datetime(2026, 11, rng.randint(1, 28), 8, 0, tzinfo=ICT)
        ses = sessions.create_session(
            s,
            a,
            SessionInput(
                "Lớp cài đặt VNeID",
                "elderly",
                rng.choice(["class", "community"]),
                start,
                start + timedelta(hours=2),
                village_id=rng.choice(villages),
                team_member_ids=tuple(team[:1]),
            ),
        ).value
        chosen = rng.sample(person_ids, min(len(person_ids), max(1, n // 2)))
        attendance = [
            sessions.check_in(s, a, ses.id, pid, at=start + timedelta(minutes=5)).value.id
            for pid in chosen
        ]
        sessions.record_skills(
            s, a, chosen, ["DD01"], "practised", session_id=ses.id, day=start.date()
        )
        # Corrections (updates, each a new revision) and an undone check-in (a tombstone).
        for pid in rng.sample(person_ids, min(2, len(person_ids))):
            p = s.get(Person, pid)
            assert p is not None
            p.notes = f"ghi chú {rng.randint(0, 10**6)}"
        if attendance and rng.random() < 0.5:
            sessions.undo_check_in(s, a, rng.choice(attendance))
