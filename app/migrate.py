"""Schema migrations at start-up: copy the file first, refuse a newer database, report progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from app.database import Database, pre_migration_copy, raw_key_pragma
from app.errors import UserError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def migration_state(db: Database) -> tuple[str | None, str]:
    with db.engine.connect() as conn:
        return current_revision(conn), head_revision()


def _known(script: ScriptDirectory, rev: str) -> bool:
    try:
        return script.get_revision(rev) is not None
    except Exception:
        return False


def _newer() -> UserError:
    return UserError(
        "db.newer",
        "Tệp dữ liệu này được tạo bởi phiên bản hocvuso mới hơn. Hãy cài phiên bản mới "
        "nhất rồi mở lại; dữ liệu không bị thay đổi.",
        "This data file was written by a newer version of hocvuso. Install the latest "
        "version and open it again; no data was changed.",
    )


def refuse_if_newer(path: Path, key: bytes) -> None:
    """Read the schema revision through a read-only connection, before anything writes."""
    import sqlcipher3

    con = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        con.execute(raw_key_pragma(key))
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlcipher3.DatabaseError:
            return  # no version table yet, or unreadable: the normal open path reports it
    finally:
        con.close()
    if row and not _known(ScriptDirectory.from_config(_config()), str(row[0])):
        raise _newer()


def upgrade(
    db: Database,
    progress: Callable[[str, float], None] | None = None,
    *,
    copy_first: bool = True,
) -> Path | None:
    """Bring the database to the code's schema. Returns the pre-migration copy, if one was made.

    A database written by newer code is refused untouched: migrating it down would lose data.
    """
    script = ScriptDirectory.from_config(_config())
    head = head_revision()
    with db.engine.connect() as conn:
        current = current_revision(conn)
        has_tables = bool(inspect(conn).get_table_names())
    if current == head:
        return None
    if current is not None and not _known(script, current):
        raise _newer()
    if current is None and has_tables:
        raise UserError(
            "db.unknown",
            "Tệp này không phải dữ liệu hocvuso hoặc đã bị hỏng. Hãy khôi phục từ bản sao lưu.",
            "This file is not hocvuso data or is damaged. Restore it from a backup.",
        )
    copy = None
    if copy_first and has_tables:
        if progress:
            progress("copy", 0.0)
        db.checkpoint()
        copy = pre_migration_copy(db.path, current)
    steps = list(script.iterate_revisions(head, current or "base"))
    steps.reverse()
    cfg = _config()
    for i, rev in enumerate(steps, start=1):
        if progress:
            progress(rev.revision, (i - 1) / max(1, len(steps)))
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, rev.revision)
    if progress:
        progress("done", 1.0)
    return copy
