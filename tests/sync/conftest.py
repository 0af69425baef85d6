"""Fixtures for sync tests: the real server on a loopback port over SQLite and (when reachable)
PostgreSQL, an enrolled installation, and a fast client configuration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.installation import Installation
from sync.client import SyncConfig, SyncEngine, enrol
from sync.server.db import make_engine, open_database
from sync.server.enrol import issue_code
from sync.transport import RetryPolicy
from tests.conftest import COMMUNE
from tests.sync.harness import ServerThread, pg_available, pg_database

_PG_REASON = pg_available()
# Everything but the install-time secret and the migration version.
_TABLES = (
    "enrol_code",
    "device",
    "record",
    "backlog_wait",
    "record_conflict",
    "rejection",
    "batch",
    "reference_change",
    "summary_person",
    "summary_day",
    "summary_count",
    "person_dim",
)

FAST = SyncConfig(
    batch_records=50,
    connect_timeout=1.0,
    read_timeout=5.0,
    retry=RetryPolicy(base=0.02, cap=0.2),
)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """One uniquely named PostgreSQL database for the test run, migrated once, dropped after."""
    if _PG_REASON:
        pytest.skip(_PG_REASON)
    with pg_database() as url:
        engine = open_database(url)
        engine.dispose()
        yield url


def _empty(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as c:
            c.execute(text(f"TRUNCATE {', '.join(_TABLES)} RESTART IDENTITY"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.db'}"
        return
    url = request.getfixturevalue("pg_url")
    _empty(url)  # every test starts from an empty server
    yield url


@pytest.fixture
def server(backend: str) -> Iterator[ServerThread]:
    srv = ServerThread(backend).start()
    yield srv
    srv.stop()


def enrol_with(inst: Installation, srv: ServerThread, url: str | None = None) -> None:
    code = issue_code(srv.engine, COMMUNE).code
    enrol(inst.db, url or srv.url, code, config=FAST)


@pytest.fixture
def enrolled(inst: Installation, server: ServerThread) -> Installation:
    enrol_with(inst, server)
    return inst


@pytest.fixture
def engine(enrolled: Installation) -> SyncEngine:
    return SyncEngine(enrolled.db, config=FAST)
