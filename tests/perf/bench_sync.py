"""Sync benchmark: initial sync of a commune's records to the server on PostgreSQL over loopback
(records per second, bytes on the wire per record) against PostgreSQL COPY of the same rows in
the same run; then a sync after one record changed, at a tenth of the size and at full size,
to show that its time and bytes do not grow with the number of records already synced.

    .venv/bin/python -m tests.perf.bench_sync [--records N]      (default 100000)

Needs PostgreSQL at 127.0.0.1:5432 (HOCVUSO_TEST_PG to change). The server runs as
`hocvuso-server serve` in its own process. Bytes are what travelled over HTTP each way (request
and status lines, headers, compressed bodies), as counted by the client's transport; this
matches a byte-counting TCP relay exactly (checked when the benchmark was written).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.demo import generate
from app.installation import Installation, init_installation
from app.keystore import FAST_KDF
from app.models import SYNCED_MODELS, Person
from sync.client import SyncConfig, SyncEngine, enrol
from sync.server.db import open_database
from sync.server.enrol import issue_code
from tests.sync.harness import pg_available, pg_database

RECORDS_PER_PERSON = 7.8  # what app.demo makes per person (villages, sessions, events...)


@dataclass(frozen=True)
class Row:
    records: int
    initial_s: float
    initial_bytes: int
    copy_s: float
    one_change_s: float
    one_change_bytes: int
    noop_s: float
    noop_bytes: int


def _count(inst: Installation) -> int:
    with inst.db.session() as s:
        return sum(int(s.scalar(select(func.count()).select_from(m)) or 0) for m in SYNCED_MODELS)


def _copy_baseline(srv: ServerProcess) -> float:
    """COPY the rows the server now holds into an identical empty table: PostgreSQL's own
    bulk-load speed for exactly the same data."""
    raw = srv.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("CREATE TABLE record_copy (LIKE record INCLUDING ALL)")
        buf = io.BytesIO()
        with cur.copy("COPY record TO STDOUT") as cp:
            for chunk in cp:
                buf.write(chunk)
        raw.commit()
        data = buf.getvalue()
        t0 = time.perf_counter()
        with cur.copy("COPY record_copy FROM STDIN") as cp:
            for i in range(0, len(data), 1 << 20):
                cp.write(data[i : i + (1 << 20)])
        raw.commit()
        return time.perf_counter() - t0
    finally:
        raw.close()


class ServerProcess:
    """`hocvuso-server serve` in its own process (its own GIL), as in production."""

    def __init__(self, db_url: str) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.engine = open_database(db_url)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.server.cli",
                "--db-url",
                db_url,
                "serve",
                "--port",
                str(self.port),
                "--rate",
                "0",
                "--log-level",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("the sync server did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.engine.dispose()


@contextlib.contextmanager
def _setup(records: int, folder: Path) -> Iterator[tuple[Installation, ServerProcess]]:
    with pg_database() as url:
        srv = ServerProcess(url)
        inst, _ = init_installation(
            folder / f"bench-{records}.db", "01840", "Cán bộ Đo Đạc", "mat-khau-do-1", kdf=FAST_KDF
        )
        try:
            generate(inst, max(10, round(records / RECORDS_PER_PERSON)), seed=1)
            enrol(inst.db, f"http://127.0.0.1:{srv.port}", issue_code(srv.engine, "01840").code)
            yield inst, srv
        finally:
            inst.close()
            srv.stop()


def _timed_sync(engine: SyncEngine) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    report = engine.run_once(max_wait=600)
    dt = time.perf_counter() - t0
    if not report.ok:
        raise SystemExit(f"sync failed: {report.error} pending={report.pending}")
    return dt, report.bytes_sent + report.bytes_received, report.sent


def measure(records: int, folder: Path, repeat: int = 3) -> Row:
    with _setup(records, folder) as (inst, srv):
        n = _count(inst)
        print(f"  {n} records generated; initial sync…", file=sys.stderr, flush=True)
        engine = SyncEngine(inst.db, config=SyncConfig())
        initial_s, initial_bytes, sent = _timed_sync(engine)
        assert sent == n, (sent, n)
        copy_s = _copy_baseline(srv)
        with inst.db.session() as s:
            ids = list(s.scalars(select(Person.id).limit(repeat)))
        one: list[tuple[float, int]] = []
        noop: list[tuple[float, int]] = []
        for i, pid in enumerate(ids):
            with inst.db.session(inst.actor) as s:
                p = s.get(Person, pid)
                assert p is not None
                p.notes = f"đo lần {i}"
            dt, nbytes, sent = _timed_sync(engine)
            assert sent == 1
            one.append((dt, nbytes))
            dt, nbytes, _sent = _timed_sync(engine)
            noop.append((dt, nbytes))
        return Row(
            records=n,
            initial_s=initial_s,
            initial_bytes=initial_bytes,
            copy_s=copy_s,
            one_change_s=statistics.median(x[0] for x in one),
            one_change_bytes=int(statistics.median(x[1] for x in one)),
            noop_s=statistics.median(x[0] for x in noop),
            noop_bytes=int(statistics.median(x[1] for x in noop)),
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    args = ap.parse_args(argv)
    reason = pg_available()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory(prefix="hvs-bench-") as td:
        for n in (args.records // 10, args.records):
            print(f"measuring about {n} records…", file=sys.stderr, flush=True)
            rows.append(measure(n, Path(td)))
    print()
    print("Initial sync to PostgreSQL over loopback, against COPY of the same rows (same run)")
    print(
        f"{'records':>8} {'sync s':>8} {'rec/s':>8} {'B/rec':>7} "
        f"{'COPY s':>7} {'COPY rec/s':>11} {'sync/COPY':>9}"
    )
    for r in rows:
        print(
            f"{r.records:>8} {r.initial_s:>8.2f} {r.records / r.initial_s:>8.0f} "
            f"{r.initial_bytes / r.records:>7.0f} {r.copy_s:>7.2f} "
            f"{r.records / r.copy_s:>11.0f} {r.initial_s / r.copy_s:>8.1f}x"
        )
    print()
    print("One record changed after everything was synced (median of 3), and a sync with no change")
    print(f"{'records':>8} {'1-change ms':>12} {'bytes':>7} {'no-change ms':>13} {'bytes':>7}")
    for r in rows:
        print(
            f"{r.records:>8} {r.one_change_s * 1000:>12.1f} {r.one_change_bytes:>7} "
            f"{r.noop_s * 1000:>13.1f} {r.noop_bytes:>7}"
        )
    small, big = rows
    print(
        f"\n{big.records / small.records:.1f}x the records: one-change time "
        f"{big.one_change_s / small.one_change_s:.2f}x, bytes "
        f"{big.one_change_bytes / small.one_change_bytes:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
