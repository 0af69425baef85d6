"""The provincial server's own tables (SQLAlchemy, PostgreSQL or SQLite): devices and enrolment
codes, the records received from communes, their backlog, conflicts and rejections, stored batch
answers and the reference-data change log that devices pull from.

Deliberately separate from the desktop's `app.models`: the server is its own deployable.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import DateTime, TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC time: timestamptz on PostgreSQL, naive-UTC on SQLite, aware when read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: server times are aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONDoc = JSON().with_variant(postgresql.JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ServerMeta(Base):
    """Server-wide settings made at install time (e.g. the token derivation secret)."""

    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class EnrolCode(Base):
    """A single-use, expiring code the province gives to one commune's device. Stored hashed."""

    __tablename__ = "enrol_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    device_id: Mapped[str | None] = mapped_column(String(36))


class Device(Base):
    """An enrolled laptop. The token is kept only as its sha256."""

    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    clock_skew_s: Mapped[float | None] = mapped_column(Float)


class Record(Base):
    """The latest accepted version of every record, upserted by the device-made UUID.

    Envelope fields are columns; the entity's own fields are a JSON document. `orphan` marks a
    record held in the backlog until a parent it refers to arrives.
    """

    __tablename__ = "record"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    commune_code: Mapped[str] = mapped_column(String(5))
    revision: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(String(36))
    officer_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[str] = mapped_column(String(40))  # as written on the device, with offset
    updated_at: Mapped[str] = mapped_column(String(40))
    deleted_at: Mapped[str | None] = mapped_column(String(40))
    day: Mapped[str] = mapped_column(String(10))
    hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    orphan: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    batch_id: Mapped[str] = mapped_column(String(36))
    uploader_id: Mapped[str] = mapped_column(String(36))

    __table_args__ = (
        Index("ix_record_commune_day", "commune_code", "day"),
        Index("ix_record_commune_entity", "commune_code", "entity"),
        Index("ix_record_commune_orphan", "commune_code", "orphan"),
        # The backlog is small: the console counts it through this partial index.
        Index(
            "ix_record_backlog",
            "commune_code",
            postgresql_where=text("orphan"),
            sqlite_where=text("orphan"),
        ),
    )


class BacklogWait(Base):
    """One missing parent an orphan record waits for."""

    __tablename__ = "backlog_wait"
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    parent_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    parent_entity: Mapped[str] = mapped_column(String(20))


class RecordConflict(Base):
    """A version that lost to another device's version of the same record: kept, never lost."""

    __tablename__ = "record_conflict"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    entity: Mapped[str] = mapped_column(String(20))
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(String(36))
    hash: Mapped[str] = mapped_column(String(64))
    envelope: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Rejection(Base):
    """The latest rejected version of a record and why (ids and reasons only)."""

    __tablename__ = "rejection"
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Batch(Base):
    """A processed batch and its answer, so a client that lost the answer can fetch it again."""

    __tablename__ = "batch"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    commune_code: Mapped[str] = mapped_column(String(5))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    record_count: Mapped[int] = mapped_column(Integer)
    result: Mapped[bytes] = mapped_column(LargeBinary)  # gzip of the JSON answer


class ReferenceChange(Base):
    """The reference-data change log devices pull from, ordered by `seq`."""

    __tablename__ = "reference_change"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(60))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("kind", "key"),)


class SummaryPerson(Base):
    """Distinct people per quarter, kind, commune and skill, each with the number of live
    records behind them (`n`; `att` of those are attendance). See `sync.server.summary`."""

    __tablename__ = "summary_person"
    quarter: Mapped[str] = mapped_column(String(7), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    att: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_summary_person_commune_quarter", "commune_code", "quarter"),
        # Covering, for the cumulative distinct people of one skill (VNeID level 2 so far).
        Index(
            "ix_summary_person_kind_key_commune",
            "kind",
            "key",
            "commune_code",
            "person_id",
            "quarter",
        ),
    )


class SummaryCount(Base):
    """How many `summary_person` rows each (quarter, kind, commune, key) has: the dashboard's
    distinct-people figures without counting rows. Kept with them at ingest."""

    __tablename__ = "summary_count"
    quarter: Mapped[str] = mapped_column(String(7), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    people: Mapped[int] = mapped_column(Integer)


class SummaryDay(Base):
    """Summable counts per commune, day, metric and dimension. See `sync.server.summary`."""

    __tablename__ = "summary_day"
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    metric: Mapped[str] = mapped_column(String(20), primary_key=True)
    dim: Mapped[str] = mapped_column(String(60), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)

    # Covering, for sums of one metric over a date range per commune.
    __table_args__ = (
        Index("ix_summary_day_metric_day", "metric", "day", "commune_code", "dim", "n"),
    )


class PersonDim(Base):
    """A person's breakdown attributes as they are now (no names, no id numbers)."""

    __tablename__ = "person_dim"
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    birth_md: Mapped[str] = mapped_column(String(5))
    target_group: Mapped[str | None] = mapped_column(String(20))
    minority: Mapped[bool] = mapped_column(Boolean)
    disability: Mapped[bool] = mapped_column(Boolean)


def _table(model: type[Base]) -> Table:
    t = model.__table__
    assert isinstance(t, Table)
    return t


# Core handles for the query code (the server works with Core for bulk speed).
server_meta = _table(ServerMeta)
enrol_code = _table(EnrolCode)
device = _table(Device)
record = _table(Record)
backlog_wait = _table(BacklogWait)
record_conflict = _table(RecordConflict)
rejection = _table(Rejection)
batch = _table(Batch)
reference_change = _table(ReferenceChange)
summary_person = _table(SummaryPerson)
summary_day = _table(SummaryDay)
summary_count = _table(SummaryCount)
person_dim = _table(PersonDim)
