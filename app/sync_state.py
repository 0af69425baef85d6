"""The desktop's sync bookkeeping tables: the enrolled server and its token (inside the
encrypted database, never in a plain file), batches sent, records the server quarantined or
found in conflict, and pull checkpoints. Schema in migration 0002; used by `sync/`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models import AwareDateTime, Base


class SyncServer(Base):
    """The provincial server this installation is enrolled with (a single row, id 1)."""

    __tablename__ = "sync_server"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(300))
    device_id: Mapped[str] = mapped_column(String(36))
    commune_code: Mapped[str] = mapped_column(String(5))
    token: Mapped[str] = mapped_column(Text)
    ca_file: Mapped[str | None] = mapped_column(Text)
    enrolled_at: Mapped[datetime] = mapped_column(AwareDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    last_error_code: Mapped[str | None] = mapped_column(String(60))
    last_error_vi: Mapped[str | None] = mapped_column(Text)
    last_error_en: Mapped[str | None] = mapped_column(Text)
    clock_skew_s: Mapped[float | None] = mapped_column(Float)


class SyncBatch(Base):
    """A batch, saved before it is sent so that a lost answer can be asked for again."""

    __tablename__ = "sync_batch"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)
    state: Mapped[str] = mapped_column(String(20), index=True)  # open | done | lost
    record_count: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    summary: Mapped[str] = mapped_column(Text, default="")


class SyncIssue(Base):
    """A record the server rejected (with its reasons) or found in conflict, for the officer."""

    __tablename__ = "sync_issue"
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    revision: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # rejected | conflict
    reasons: Mapped[str] = mapped_column(Text)  # JSON list of {code, message_vi, message_en}
    batch_id: Mapped[str | None] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(AwareDateTime)
    server_revision: Mapped[int | None] = mapped_column(Integer)
    server_device_id: Mapped[str | None] = mapped_column(String(36))


class SyncCheckpoint(Base):
    """How far a pull stream has been applied; updated with the changes it covers."""

    __tablename__ = "sync_checkpoint"
    stream: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime)
