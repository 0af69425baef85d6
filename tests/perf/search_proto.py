"""The people search plan written by hand on a DB-API connection: the raw-SQL baseline for
`app.services.people.search_people` (which issues the same statements through SQLAlchemy).

Two problems show in EXPLAIN QUERY PLAN at scale:
1. A query made only of 1-2 letter fragments ("de", "ho vy") has no index: SQLite walks the
   whole person table in sort_key order testing LIKE on every row.
2. A common fragment ("nguyen", "thi", "019") makes SQLite drive from the FTS hits: tens of
   thousands of row fetches and a temp B-tree sort, only to keep 50.

Migration 0002 added a word-prefix FTS5 table (unicode61 tokens with prefix indexes of 1 and 2
characters) for the short fragments, and picks the plan by the number of FTS hits: few hits ->
fetch those rows and sort them; many -> walk the sort_key index and stop at the limit
(`+rowid` stops SQLite from driving from the FTS subquery).
"""

from __future__ import annotations

from typing import Any

from app.services.people import _fts_query
from app.vntext import fold

CUTOFF = 2000

def search(con: Any, query: str, limit: int = 50) -> list[Any]:
    tokens = fold(query).replace("'", " ").split()
    long_tokens = [t for t in tokens if len(t) >= 3]
    words = [t for t in tokens if len(t) < 3 and not t.isdigit()]
    short_digits = [t for t in tokens if len(t) < 3 and t.isdigit()]
    sources: list[str] = []
    params: list[Any] = []
    if long_tokens:
        sources.append("SELECT rowid FROM person_fts WHERE person_fts MATCH ?")
        params.append(_fts_query(long_tokens))
    if words:
        sources.append("SELECT rowid FROM person_name WHERE person_name MATCH ?")
        params.append(" ".join(f'"{w}"*' for w in words))
    extra = ""
    extra_params: list[Any] = []
    for t in short_digits:
        extra += " AND (id_number LIKE ? OR phone LIKE ?)"
        extra_params += [f"%{t}%", f"%{t}%"]
    # Every fragment must start a word, as the LIKE '% t%' test said before.
    for w in words:
        extra += " AND (search_key LIKE ? OR search_key LIKE ?)"
        extra_params += [f"{w}%", f"% {w}%"]
    order = f" ORDER BY sort_key, id LIMIT {int(limit)}"
    if not sources:
        sql = "SELECT id, * FROM person WHERE deleted_at IS NULL" + extra + order
        return list(con.execute(sql, extra_params).fetchall())
    hits_sql = " INTERSECT ".join(sources)
    hits = [r[0] for r in con.execute(f"{hits_sql} LIMIT {CUTOFF + 1}", params)]
    if len(hits) <= CUTOFF:
        sql = (
            "SELECT id, * FROM person WHERE rowid IN (SELECT value FROM json_each(?)) "
            "AND deleted_at IS NULL" + extra + order
        )
        return list(con.execute(sql, [_json(hits), *extra_params]).fetchall())
    sql = (
        f"SELECT id, * FROM person WHERE deleted_at IS NULL AND +rowid IN ({hits_sql})"
        + extra
        + order
    )
    return list(con.execute(sql, [*params, *extra_params]).fetchall())


def _json(ids: list[int]) -> str:
    return "[" + ",".join(map(str, ids)) + "]"
