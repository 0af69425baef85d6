"""Benchmark b): `app.services.people.search_people` over the generated database against the
raw SQL of the same plan run directly on a DB-API connection (search_proto.search), and
against the naive single statement (LIKE / trigram match, ORDER BY sort_key) for reference.

Queries are what an officer types at a check-in desk: accent-free fragments of family, middle
and given names, 3-4 digit fragments of ID numbers and phones, and two-fragment queries such as
"ng dao" (a short prefix plus a longer fragment).
"""

from __future__ import annotations

import random
import time
from typing import Any

from app.database import connect_raw
from app.installation import Installation
from app.services.people import _fts_query, search_people
from app.vntext import fold
from tests.perf import search_proto
from tests.perf.common import Result, median, percentile

LIMIT = 50


def make_queries(inst: Installation, n: int, seed: int) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from random existing people."""
    rng = random.Random(seed)
    con = connect_raw(inst.db.path, inst.db.key)
    try:
        rows = con.execute(
            "SELECT search_key, id_number, phone FROM person WHERE deleted_at IS NULL"
        ).fetchall()
    finally:
        con.close()
    sample = rng.sample(rows, min(len(rows), n * 3))
    out: list[tuple[str, str]] = []

    def fragment(word: str) -> str:
        word = word.replace("'", "").replace("-", "")
        if len(word) <= 3:
            return word
        k = rng.randint(3, min(len(word), 5))
        start = rng.randint(0, len(word) - k) if rng.random() < 0.3 else 0
        return word[start : start + k]

    kinds = ["family"] * 2 + ["middle"] * 2 + ["given"] * 3 + ["id"] * 2 + ["phone"] * 2
    kinds += ["two"] * 3
    i = 0
    while len(out) < n and i < len(sample):
        key, id_number, phone = sample[i]
        i += 1
        words = key.split()
        kind = kinds[len(out) % len(kinds)]
        if kind == "family":
            q = fragment(words[0])
        elif kind == "middle" and len(words) > 2:
            q = fragment(rng.choice(words[1:-1]))
        elif kind == "given" or kind == "middle":
            q = fragment(words[-1])
        elif kind == "id" and id_number:
            k = rng.choice((3, 4))
            s = rng.randint(0, 12 - k)
            q = id_number[s : s + k]
        elif kind == "phone" and phone:
            k = rng.choice((3, 4))
            s = rng.randint(0, len(phone) - k)
            q = phone[s : s + k]
        elif kind == "two":
            q = f"{words[0][:2]} {fragment(words[-1])}"
        else:
            continue
        if q.strip():
            out.append((kind, q))
    return out


def raw_sql(query: str) -> tuple[str, list[Any]]:
    """The naive single statement: trigram match or LIKE, sorted, limited."""
    tokens = fold(query).replace("'", " ").split()
    where = ["deleted_at IS NULL"]
    params: list[Any] = []
    long_tokens = [t for t in tokens if len(t) >= 3]
    if long_tokens:
        where.append("rowid IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ?)")
        params.append(_fts_query(long_tokens))
    for t in tokens:
        if len(t) >= 3:
            continue
        if t.isdigit():
            where.append("(id_number LIKE ? OR phone LIKE ?)")
            params += [f"%{t}%", f"%{t}%"]
        else:
            where.append("(search_key LIKE ? OR search_key LIKE ?)")
            params += [f"{t}%", f"% {t}%"]
    sql = (
        "SELECT * FROM person WHERE "
        + " AND ".join(where)
        + f" ORDER BY sort_key, id LIMIT {LIMIT}"
    )
    return sql, params


def run(inst: Installation, n_queries: int, seed: int) -> tuple[list[Result], dict[str, Any]]:
    queries = make_queries(inst, n_queries, seed)
    raw = connect_raw(inst.db.path, inst.db.key)
    app_ms: list[float] = []
    raw_ms: list[float] = []
    naive_ms: list[float] = []
    per_kind: dict[str, list[float]] = {}
    hits: list[int] = []
    with inst.db.reader() as s:
        # Warm the page cache and statement caches once, as a desk session would be.
        for _kind, q in queries:
            search_people(s, q, limit=LIMIT)
            search_proto.search(raw, q, LIMIT)
        for kind, q in queries:
            t = time.perf_counter()
            found = search_people(s, q, limit=LIMIT)
            ms = (time.perf_counter() - t) * 1000
            app_ms.append(ms)
            per_kind.setdefault(kind, []).append(ms)
            hits.append(len(found))
            t = time.perf_counter()
            rows = search_proto.search(raw, q, LIMIT)
            raw_ms.append((time.perf_counter() - t) * 1000)
            if [r[0] for r in rows] != [p.id for p in found]:
                raise AssertionError(f"raw SQL and service disagree for {q!r}")
            sql, params = raw_sql(q)
            t = time.perf_counter()
            raw.execute(sql, params).fetchall()
            naive_ms.append((time.perf_counter() - t) * 1000)
    raw.close()
    slowest = sorted(zip(app_ms, queries, strict=True), reverse=True)[:8]
    results = [
        Result(
            "search",
            f"search_people median ({len(queries)} queries, limit {LIMIT})",
            median(app_ms),
            "ms",
            median(raw_ms),
            "same plan, raw SQL on DB-API",
            "< 30 ms",
        ),
        Result(
            "search",
            "search_people p95",
            percentile(app_ms, 95),
            "ms",
            percentile(raw_ms, 95),
            "same plan, raw SQL on DB-API",
        ),
        Result("search", "search_people max", max(app_ms), "ms", max(raw_ms), "raw SQL"),
        Result(
            "search",
            "naive single statement, median",
            median(naive_ms),
            "ms",
            median(app_ms),
            "search_people",
        ),
        Result(
            "search",
            "naive single statement, p95",
            percentile(naive_ms, 95),
            "ms",
            percentile(app_ms, 95),
            "search_people",
        ),
    ]
    for kind, values in sorted(per_kind.items()):
        results.append(
            Result(
                "search",
                f"  median for {kind} fragments ({len(values)})",
                median(values),
                "ms",
            )
        )
    detail = {
        "queries": len(queries),
        "median_hits": median([float(h) for h in hits]),
        "slowest": [{"ms": round(ms, 2), "kind": k, "query": q} for ms, (k, q) in slowest],
    }
    return results, detail
