"""The people search plan written by hand on a DB-API connection: the raw-SQL baseline for
`app.services.people.search_people`, which issues the same statement through SQLAlchemy and
then loads the people it found.
"""

from __future__ import annotations

from typing import Any

from app.services.people import _fts_query
from app.vntext import fold


def search(con: Any, query: str, limit: int = 50) -> list[Any]:
    tokens = fold(query).replace("'", " ").split()
    long_tokens = [t for t in tokens if len(t) >= 3]
    words = [t for t in tokens if len(t) < 3 and not t.isdigit()]
    short_digits = [t for t in tokens if len(t) < 3 and t.isdigit()]
    where = ["deleted_at IS NULL"]
    params: list[Any] = []
    for t in short_digits:
        where.append("(id_number LIKE ? OR phone LIKE ?)")
        params += [f"%{t}%", f"%{t}%"]
    sources: list[str] = []
    if long_tokens:
        sources.append("SELECT rowid FROM person_fts WHERE person_fts MATCH ?")
        params.append(_fts_query(long_tokens))
    if words:
        sources.append("SELECT rowid FROM person_name WHERE person_name MATCH ?")
        params.append(" ".join(f'"{w}"*' for w in words))
    if sources:
        where.append("rowid IN (" + " INTERSECT ".join(sources) + ")")
    sql = (
        "SELECT id, * FROM person INDEXED BY ix_person_live_sort WHERE "
        + " AND ".join(where)
        + f" ORDER BY sort_key, id LIMIT {int(limit)}"
    )
    return list(con.execute(sql, params).fetchall())
