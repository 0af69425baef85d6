"""Opening the encrypted SQLite database: engine, per-connection pragmas, sessions, the outbox
hook that stamps every synced record, and schema migration on start-up."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlcipher import SQLiteDialect_pysqlcipher
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.orm import Session, sessionmaker

from app.errors import UserError
from app.ids import now, uuid7
from app.models import Outbox, Setting, SyncMixin

ProgressFn = Callable[[str, float], None]


@dataclass(frozen=True)
class Actor:
    """Who is writing: stamped on every synced record and audit entry."""

    device_id: str
    commune_code: str
    officer_id: str | None = None
    role: str = "admin"


def raw_key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_raw(path: Path, key: bytes) -> Any:
    """A DB-API connection to the encrypted file, with the pragmas every connection needs."""
    con = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    con.execute(raw_key_pragma(key))
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        con.close()
        raise UserError(
            "db.bad_key",
            "Không mở được tệp dữ liệu: khoá không khớp hoặc tệp không phải dữ liệu hocvuso.",
            "Cannot open the data file: the key does not match or it is not a hocvuso file.",
        ) from None
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("PRAGMA busy_timeout = 10000")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA cache_size = -32000")
    con.isolation_level = ""
    return con


class _KeyedCipherDialect(SQLiteDialect_pysqlcipher):
    """SQLCipher dialect whose connections arrive already keyed by `connect_raw`.

    The stock dialect issues `PRAGMA key` from the URL password, which would put the raw key
    into a URL string; here the key stays in the creator's closure.
    """

    supports_statement_cache = True

    def on_connect_url(self, url: Any) -> Any:
        return SQLiteDialect_pysqlite.on_connect_url(self, url)

    @classmethod
    def get_pool_class(cls, url: Any) -> Any:
        return pool.QueuePool


registry.register("sqlite.hocvuso", "app.database", "_KeyedCipherDialect")


def make_engine(path: Path, key: bytes) -> Engine:
    engine = create_engine(
        "sqlite+hocvuso://",
        creator=lambda: connect_raw(path, key),
        pool_pre_ping=False,
    )

    # pysqlite's implicit transactions break SAVEPOINT and deferred FK checks: take control.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: Any, _rec: Any) -> None:
        dbapi_con.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A write session takes the write lock up front: a read-then-write transaction that
        # loses a race to another writer would fail with "database is locked" at once,
        # because SQLite cannot wait for a lock while holding a read snapshot.
        write = conn.get_execution_options().get("hocvuso_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _stamp_and_queue(session: Session, _ctx: Any, _instances: Any) -> None:
    """Stamp identity/history on synced records and queue them in the outbox, atomically."""
    actor: Actor | None = session.info.get("actor")
    changed: list[tuple[SyncMixin, str]] = []
    ts = now()
    for obj in list(session.new):
        if isinstance(obj, SyncMixin):
            if actor is None:
                raise RuntimeError("a write session needs an Actor")
            if not getattr(obj, "id", None):
                obj.id = uuid7()
            obj.created_at = obj.created_at or ts
            obj.updated_at = ts
            obj.revision = 1
            obj.device_id = actor.device_id
            obj.officer_id = actor.officer_id
            if not getattr(obj, "commune_code", None):
                obj.commune_code = actor.commune_code
            changed.append((obj, "upsert"))
    for obj in list(session.dirty):
        if isinstance(obj, SyncMixin) and session.is_modified(obj, include_collections=False):
            if actor is None:
                raise RuntimeError("a write session needs an Actor")
            if type(obj).__append_only__:
                _check_append_only(obj)
            obj.updated_at = ts
            obj.revision = (obj.revision or 0) + 1
            obj.device_id = actor.device_id
            obj.officer_id = actor.officer_id
            changed.append((obj, "delete" if obj.deleted_at is not None else "upsert"))
    for obj in list(session.deleted):
        if isinstance(obj, SyncMixin):
            raise RuntimeError(f"hard delete of {type(obj).__name__}: set deleted_at instead")
    for obj, op in changed:
        session.add(
            Outbox(
                entity=type(obj).__entity__,
                record_id=obj.id,
                revision=obj.revision,
                op=op,
                queued_at=ts,
                state="pending",
                attempts=0,
            )
        )


def _check_append_only(obj: SyncMixin) -> None:
    from sqlalchemy import inspect as sa_inspect

    state = sa_inspect(obj)
    for attr in state.attrs:
        if attr.key in {"deleted_at", "updated_at", "revision", "device_id", "officer_id"}:
            continue
        if attr.history.has_changes():
            raise RuntimeError(f"{type(obj).__name__} is append-only: '{attr.key}' cannot change")


class Database:
    """An open, unlocked installation database."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key
        self.engine = make_engine(path, key)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._factory, "before_flush", _stamp_and_queue)

    @property
    def key(self) -> bytes:
        return self._key

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def session(self, actor: Actor | None = None) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        s = self._factory()
        s.info["actor"] = actor
        if actor is not None:
            s.connection(execution_options={"hocvuso_write": True})
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def reader(self) -> Session:
        return self._factory()

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.session() as s:
            row = s.get(Setting, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.session() as s:
            s.merge(Setting(key=key, value=value))

    def checkpoint(self) -> None:
        with self.engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def copy_to(self, target: Path) -> None:
        """An encrypted, consistent copy of the live database (same key) via the backup API."""
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        src = connect_raw(self.path, self._key)
        try:
            dst = sqlcipher3.connect(str(target))
            try:
                dst.execute(raw_key_pragma(self._key))
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()


def pre_migration_copy(path: Path, rev: str | None) -> Path:
    """Copy the database file aside before a migration touches it."""
    backups = path.parent / "backups"
    backups.mkdir(exist_ok=True)
    stamp = now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"{path.stem}-before-migration-{rev or 'empty'}-{stamp}{path.suffix}"
    for suffix in ("", "-wal"):
        src = path.with_name(path.name + suffix)
        if src.exists():
            shutil.copy2(src, target.with_name(target.name + suffix))
    return target
