"""Local records as wire envelopes: reading SyncMixin rows of the installation database and
turning them into the protocol's envelope with its content hash."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.models import SYNCED_MODELS
from sync.protocol import ENTITIES, ENTITY_ORDER, content_hash, record_day, wire_datetime

_MIXIN = (
    "id",
    "commune_code",
    "created_at",
    "updated_at",
    "revision",
    "device_id",
    "officer_id",
    "deleted_at",
)
_CHUNK = 900


def _table(model: type[Any]) -> Table:
    t = model.__table__
    assert isinstance(t, Table)
    return t


TABLES: dict[str, Table] = {m.__entity__: _table(m) for m in SYNCED_MODELS}
assert set(TABLES) == set(ENTITIES), "every synced model needs a protocol entity and back"
for _name, _spec in ENTITIES.items():
    _missing = {f.name for f in _spec.fields} - set(TABLES[_name].c.keys())
    assert not _missing, f"protocol fields without a column in {_name}: {_missing}"


def _wire(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        assert isinstance(value, datetime)
        return wire_datetime(value)
    if kind == "date":
        assert isinstance(value, date)
        return value.isoformat()
    if kind in ("uuid_list", "code_list"):
        return list(value)
    return value


def envelope(entity: str, row: Mapping[Any, Any]) -> dict[str, Any]:
    """The wire envelope of one database row (as read through the ORM column types)."""
    spec = ENTITIES[entity]
    env: dict[str, Any] = {
        "entity": entity,
        "id": row["id"],
        "revision": int(row["revision"]),
        "commune_code": row["commune_code"],
        "created_at": wire_datetime(row["created_at"]),
        "updated_at": wire_datetime(row["updated_at"]),
        "deleted_at": wire_datetime(row["deleted_at"]),
        "device_id": row["device_id"],
        "officer_id": row["officer_id"],
        "data": {f.name: _wire(f.kind, row[f.name]) for f in spec.fields},
    }
    env["hash"] = content_hash(env)
    return env


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def load_envelopes(s: Session, entity: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Current envelopes of the given records of one entity (missing ids are left out)."""
    table = TABLES[entity]
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(list(ids)):
        for row in s.execute(select(table).where(table.c.id.in_(part))).mappings():
            out[row["id"]] = envelope(entity, row)
    return out


def iter_envelopes(s: Session, commune_code: str | None = None) -> Iterator[dict[str, Any]]:
    """Every synced record of the installation, parents first."""
    for entity in ENTITY_ORDER:
        table = TABLES[entity]
        stmt = select(table)
        if commune_code is not None:
            stmt = stmt.where(table.c.commune_code == commune_code)
        for row in s.execute(stmt.execution_options(yield_per=2000)).mappings():
            yield envelope(entity, row)


def local_index(
    s: Session, commune_code: str | None = None
) -> dict[str, tuple[str, str, int, str]]:
    """id -> (entity, day, revision, hash) for every synced record: what reconcile compares."""
    return {
        e["id"]: (str(e["entity"]), record_day(e), int(e["revision"]), str(e["hash"]))
        for e in iter_envelopes(s, commune_code)
    }
