"""Province console benchmark: N synthetic records across 92 communes loaded into the server's
`record` table on PostgreSQL with COPY, then the dashboard page (/console/, logged in, over
loopback, the real server in a thread) timed against the raw aggregate SQL behind it
(`queries.dashboard`) in the same run.

    .venv/bin/python -m tests.perf.bench_console [--records N] [--repeat K]

The issue asks for 20,000,000 records (the default); on a small machine pass fewer. Needs
PostgreSQL at 127.0.0.1:5432 (HOCVUSO_TEST_PG to change). Record mix per commune: people 15%,
sessions 5% (90% of them held), attendance 55%, skill records 25% (30% independent, a fifth
of those DD02); days over 2026."""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
import uuid
from datetime import UTC, datetime

import psycopg
import requests

from sync.server.console import auth, queries
from sync.server.console.views import ConsoleOptions
from tests.sync.harness import ServerThread, pg_database

COMMUNES = [f"{1840 + 3 * i:05d}" for i in range(92)]
PASSWORD = "mật-khẩu-đủ-dài-1"


def _load(url: str, n: int, seed: int = 1) -> float:
    rng = random.Random(seed)
    dev = str(uuid.uuid4())
    now = datetime.now(UTC).isoformat()
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    t0 = time.perf_counter()
    cols = (
        "id, entity, commune_code, revision, device_id, officer_id, created_at, updated_at, "
        "deleted_at, day, hash, data, orphan, received_at, batch_id, uploader_id"
    )
    people: dict[str, list[str]] = {c: [] for c in COMMUNES}
    sessions: dict[str, list[str]] = {c: [] for c in COMMUNES}
    with psycopg.connect(dsn) as conn:
        with conn.cursor() as cur, cur.copy(f"COPY record ({cols}) FROM STDIN") as cp:
            for i in range(n):
                c = COMMUNES[i % 92]
                day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                rid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                x = rng.random()
                if x < 0.15 or not people[c]:
                    entity, data = "person", {"full_name": "x", "target_group": "citizen"}
                    people[c].append(rid)
                    if len(people[c]) > 5000:
                        people[c].pop(0)
                elif x < 0.20 or not sessions[c]:
                    status = "held" if rng.random() < 0.9 else "planned"
                    entity, data = "session", {"status": status, "day": day, "format": "class"}
                    sessions[c].append(rid)
                    if len(sessions[c]) > 500:
                        sessions[c].pop(0)
                elif x < 0.75:
                    entity = "attendance"
                    data = {
                        "session_id": rng.choice(sessions[c]),
                        "person_id": rng.choice(people[c]),
                        "day": day,
                        "target_group": "elderly",
                    }
                else:
                    indep = rng.random() < 0.3
                    skill = "DD02" if indep and rng.random() < 0.2 else f"S{rng.randint(1, 41):02d}"
                    entity = "skill_record"
                    data = {
                        "person_id": rng.choice(people[c]),
                        "skill_code": skill,
                        "outcome": "independent" if indep else "practised",
                        "day": day,
                        "target_group": "elderly",
                    }
                cp.write_row(
                    (
                        rid,
                        entity,
                        c,
                        1,
                        dev,
                        None,
                        now,
                        now,
                        None,
                        day,
                        "0" * 64,
                        json.dumps(data),
                        False,
                        now,
                        dev,
                        dev,
                    )
                )
        conn.execute("ANALYZE record")
        conn.commit()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, default=20_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with pg_database() as url:
        srv = ServerThread(url).start()
        try:
            srv.app.state.console_options = ConsoleOptions(insecure_cookies=True)
            load_s = _load(url, args.records)
            print(f"loaded {args.records} records with COPY in {load_s:.1f} s")
            auth.add_user(srv.engine, "bench", PASSWORD, "viewer")
            http = requests.Session()
            form = http.get(srv.url + "/console/login", timeout=30).text
            m = re.search(r'name="csrf" value="([^"]+)"', form)
            assert m
            r = http.post(
                srv.url + "/console/login",
                data={"csrf": m.group(1), "username": "bench", "password": PASSWORD},
                timeout=30,
            )
            assert r.status_code == 200
            sql, page = [], []
            for _ in range(args.repeat):
                t = time.perf_counter()
                rows = queries.dashboard(srv.engine)
                sql.append(time.perf_counter() - t)
                t = time.perf_counter()
                resp = http.get(srv.url + "/console/?sort=people&desc=1", timeout=3600)
                page.append(time.perf_counter() - t)
                assert resp.status_code == 200 and resp.text.count("/console/commune/") == 92
            assert len(rows) == 92
            q = queries.parse_quarter("2026-Q3")
            assert q
            t = time.perf_counter()
            queries.dashboard(srv.engine, q[0])
            quarter_s = time.perf_counter() - t
        finally:
            srv.stop()
    out = {
        "records": args.records,
        "communes": 92,
        "copy_load_s": round(load_s, 2),
        "raw_sql_s_median": round(statistics.median(sql), 3),
        "page_s_median": round(statistics.median(page), 3),
        "page_over_sql": round(statistics.median(page) / statistics.median(sql), 3),
        "quarter_filtered_sql_s": round(quarter_s, 3),
        "runs": args.repeat,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
