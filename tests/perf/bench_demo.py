"""Benchmark a) and c): `app.demo.generate` against raw executemany of the same rows, and the
size of the resulting database file.

Baselines, all measured in the same run on freshly migrated schemas:
- sqlcipher3 DB-API with the same key pragma (encryption cost equal): the fair baseline;
- the same SQLite engine without a key (what encryption costs);
- stdlib sqlite3, no encryption (a different, usually older, SQLite build).
The rows are built once by the demo's own row builders; only the executemany calls and the
commits are timed for the baselines.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

import sqlcipher3

from app.database import connect_raw
from app.demo import COLUMNS, generate, plan_rows
from app.installation import Installation
from tests.perf.common import Result, file_mb, new_installation

PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -32000",
)


def _schema_sql(inst: Installation) -> list[str]:
    """The migrated schema, as SQL, in creation order (tables, then indexes and triggers)."""
    con = connect_raw(inst.db.path, inst.db.key)
    try:
        rows = con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
    finally:
        con.close()
    out: list[str] = []
    for _type, name, sql in rows:
        # FTS5 shadow tables are created by the virtual table itself.
        if name.startswith(("person_fts_", "person_name_")) and _type == "table":
            continue
        out.append(sql)
    return out


def _plain_db(path: Path, schema: list[str], module: Any) -> tuple[Any, str]:
    """An unencrypted database with the same schema and pragmas; returns (connection, note)."""
    con = module.connect(str(path), isolation_level=None)
    for p in PRAGMAS:
        con.execute(p)
    note = ""
    version = tuple(int(x) for x in module.sqlite_version.split("."))
    for sql in schema:
        if "contentless_delete" in sql and version < (3, 43, 0):
            # Older SQLite: no contentless_delete; inserts cost the same, deletes are not timed.
            sql = sql.replace("contentless_delete=1, ", "")
            note = f"SQLite {module.sqlite_version}: FTS without contentless_delete"
        con.execute(sql)
    return con, note or f"SQLite {module.sqlite_version}"


def _copy_reference(src: Installation, cons: list[Any]) -> None:
    """Reference rows (communes, programmes, catalogue, settings, officer) the FKs point at."""
    raw = connect_raw(src.db.path, src.db.key)
    try:
        for tbl in (
            "setting",
            "commune",
            "programme",
            "competence",
            "catalogue_version",
            "skill_group",
            "skill",
            "officer",
        ):
            cur = raw.execute(f"SELECT * FROM {tbl}")
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
            sql = f"INSERT INTO {tbl} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            for con in cons:
                con.execute("BEGIN")
                con.executemany(sql, rows)
                con.execute("COMMIT")
    finally:
        raw.close()


def run(workdir: Path, people: int, seed: int, today: date) -> tuple[list[Result], Installation]:
    results: list[Result] = []

    # -- the demo itself -------------------------------------------------------------------
    demo = new_installation(workdir, "demo")
    t0 = time.perf_counter()
    summary = generate(demo, people, seed, today=today)
    demo_s = time.perf_counter() - t0
    total_rows = (
        summary.villages
        + summary.team_members
        + summary.people
        + summary.sessions
        + summary.attendance
        + summary.skill_records
    )
    print(f"demo: {summary}")

    # -- baselines ---------------------------------------------------------------------------
    base = new_installation(workdir, "baseline-cipher")
    schema = _schema_sql(base)
    cipher = connect_raw(base.db.path, base.db.key)
    cipher.isolation_level = None
    nokey, _ = _plain_db(workdir / "baseline-nokey.db", schema, sqlcipher3)
    stdlib, stdlib_note = _plain_db(workdir / "baseline-stdlib.db", schema, sqlite3)
    _copy_reference(base, [nokey, stdlib])
    cons = {"cipher": cipher, "nokey": nokey, "stdlib": stdlib}
    spent = dict.fromkeys(cons, 0.0)
    sql = {
        name: f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        for name, cols in COLUMNS.items()
    }
    t_all = time.perf_counter()
    n_rows = 0
    for _step, chunks in groupby(plan_rows(base, people, seed, today=today), key=lambda c: c.step):
        for name, con in cons.items():
            t = time.perf_counter()
            con.execute("BEGIN")
            spent[name] += time.perf_counter() - t
        for chunk in chunks:
            cols = COLUMNS[chunk.table]
            rows = [tuple(r[c] for c in cols) for r in chunk.rows]
            if chunk.table != "outbox":
                n_rows += len(rows)
            for name, con in cons.items():
                t = time.perf_counter()
                con.executemany(sql[chunk.table], rows)
                spent[name] += time.perf_counter() - t
        for name, con in cons.items():
            t = time.perf_counter()
            con.execute("COMMIT")
            spent[name] += time.perf_counter() - t
    build_s = time.perf_counter() - t_all - sum(spent.values())
    for con in cons.values():
        con.close()
    assert n_rows == total_rows, (n_rows, total_rows)

    results.append(
        Result(
            "demo",
            f"generate({people:,} people): {total_rows:,} records + outbox",
            demo_s,
            "s",
            spent["cipher"],
            "raw sqlcipher3 executemany",
            "<= 3x",
        )
    )
    results.append(
        Result(
            "demo",
            "generate vs unencrypted, same engine",
            demo_s,
            "s",
            spent["nokey"],
            "sqlcipher3 without key",
        )
    )
    results.append(
        Result(
            "demo",
            "generate vs stdlib sqlite3 (no encryption)",
            demo_s,
            "s",
            spent["stdlib"],
            f"stdlib sqlite3 ({stdlib_note})",
        )
    )
    results.append(
        Result(
            "demo",
            "cost of encryption (raw sqlcipher / raw no key)",
            spent["cipher"],
            "s",
            spent["nokey"],
            "sqlcipher3 without key",
        )
    )
    results.append(Result("demo", "building the rows in Python (untimed above)", build_s, "s"))
    results.append(
        Result(
            "demo",
            "generate throughput (records, outbox not counted)",
            total_rows / demo_s,
            "rows/s",
            total_rows / spent["cipher"],
            "raw sqlcipher3",
        )
    )
    base.close()

    # -- c) size -----------------------------------------------------------------------------
    demo.db.checkpoint()
    db_mb = file_mb(demo.db.path)
    wal_mb = file_mb(demo.db.path.with_name(demo.db.path.name + "-wal"))
    per_100k = (db_mb + wal_mb) * 100_000 / people
    results.append(
        Result(
            "size",
            f"database file after checkpoint ({people:,} people, a year)",
            db_mb,
            "MB",
        )
    )
    results.append(Result("size", "-wal file after checkpoint(TRUNCATE)", wal_mb, "MB"))
    nokey_mb = file_mb(workdir / "baseline-stdlib.db")
    results.append(
        Result(
            "size",
            "file size per 100,000 people with a year of records",
            per_100k,
            "MB",
            nokey_mb * 100_000 / people,
            "same rows, unencrypted stdlib file",
        )
    )
    print(
        f"size: main {db_mb:.1f} MB, wal {wal_mb:.1f} MB; rows: "
        f"{summary.people:,} people, {summary.sessions:,} sessions, "
        f"{summary.attendance:,} attendance, {summary.skill_records:,} skill records"
    )
    return results, demo
