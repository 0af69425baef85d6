"""The server's database: engine for PostgreSQL (psycopg 3) or the embedded SQLite file,
Alembic migration to head, and write transactions serialised per commune.

Writes for one commune are serialised (a PostgreSQL advisory lock; on SQLite a process lock and
BEGIN IMMEDIATE) so that two deliveries of overlapping batches can never interleave their
read-compare-write of the same records.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_ADVISORY_NAMESPACE = 0x4856  # "HV": keeps our advisory locks apart from anyone else's


def default_db_url() -> str:
    """`HOCVUSO_SERVER_DB` or an SQLite file in the user's data folder (no set-up needed)."""
    env = os.environ.get("HOCVUSO_SERVER_DB")
    if env:
        return env
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folder = base / "hocvuso-server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.db'}"


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=False
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_con: Any, _rec: Any) -> None:
            # Take transaction control from pysqlite so BEGIN IMMEDIATE is possible.
            dbapi_con.isolation_level = None
            cur = dbapi_con.cursor()
            for pragma in (
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = NORMAL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 30000",
            ):
                cur.execute(pragma)
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get("hv_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


_sqlite_lock = threading.Lock()


@contextlib.contextmanager
def write_tx(engine: Engine, commune_code: str | None = None) -> Iterator[Connection]:
    """A write transaction; on PostgreSQL serialised per commune (or globally when None)."""
    if is_sqlite(engine):
        with (
            _sqlite_lock,
            engine.connect().execution_options(hv_write=True) as conn,
            conn.begin(),
        ):
            yield conn
        return
    with engine.connect() as conn, conn.begin():
        key = int(commune_code) if commune_code and commune_code.isdigit() else 0
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:ns, :key)"),
            {"ns": _ADVISORY_NAMESPACE, "key": key},
        )
        yield conn


@contextlib.contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> str:
    """Bring the server schema to head; returns the revision. A newer schema is refused."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return head
    if current is not None:
        try:
            ScriptDirectory.from_config(_config()).get_revision(current)
        except Exception:
            raise RuntimeError(
                f"the server database is at revision {current}, newer than this program"
            ) from None
    cfg = _config()
    with engine.begin() as conn:
        if is_sqlite(engine):
            conn.exec_driver_sql("SELECT 1")  # the BEGIN above opened the transaction
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return head


def open_database(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine
