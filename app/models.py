"""The data model: typed SQLAlchemy tables for everything a commune records.

Records that travel to the province carry `SyncMixin`: a UUIDv7 key made on this device,
aware created/updated stamps, a revision counter, the device and officer that wrote them and a
tombstone instead of hard deletion. Reference data (communes, catalogue, programmes) does not.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app.ids import uuid7

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class AwareDateTime(TypeDecorator[datetime]):
    """Timestamp stored as ISO-8601 text with its UTC offset (SQLite has no zone type)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: every stored time must carry its offset")
        return value.isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class JSONList(TypeDecorator[list[str]]):
    """A short list of codes or ids stored as a JSON array in a TEXT column."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str:
        return json.dumps(list(value or []), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[str]:
        return list(json.loads(value)) if value else []


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncMixin:
    """Identity and history for a record that travels to the province."""

    # Set by subclasses: the entity name on the wire, and whether rows are append-only events.
    __entity__: str = ""
    __append_only__: bool = False

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    commune_code: Mapped[str] = mapped_column(String(5), index=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime)
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    device_id: Mapped[str] = mapped_column(String(36))
    officer_id: Mapped[str | None] = mapped_column(String(36))
    deleted_at: Mapped[datetime | None] = mapped_column(AwareDateTime)


# -- reference data ------------------------------------------------------------------------


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Commune(Base):
    __tablename__ = "commune"
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    codename: Mapped[str] = mapped_column(String(120))
    province_code: Mapped[str] = mapped_column(String(3), index=True)
    province_name: Mapped[str] = mapped_column(String(120))
    search_key: Mapped[str] = mapped_column(String(120))


class Programme(Base):
    __tablename__ = "programme"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    description_vi: Mapped[str] = mapped_column(Text, default="")
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Competence(Base):
    """A competence of the Thông tư 02/2025/TT-BGDĐT framework (e.g. '2.6 digital identity')."""

    __tablename__ = "competence"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    domain: Mapped[int] = mapped_column(Integer)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))


class CatalogueVersion(Base):
    __tablename__ = "catalogue_version"
    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    published_at: Mapped[datetime] = mapped_column(AwareDateTime)
    source: Mapped[str] = mapped_column(String(40))  # "bundled" or "province"
    active: Mapped[bool] = mapped_column(Boolean, default=False)


class SkillGroup(Base):
    __tablename__ = "skill_group"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Skill(Base):
    __tablename__ = "skill"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    group_code: Mapped[str] = mapped_column(ForeignKey("skill_group.code"))
    competence_code: Mapped[str] = mapped_column(ForeignKey("competence.code"))
    version: Mapped[str] = mapped_column(String(40))
    sort: Mapped[int] = mapped_column(Integer, default=0)
    # A skill withdrawn from a newer catalogue stays for the history that refers to it.
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# -- commune records -----------------------------------------------------------------------


class Village(SyncMixin, Base):
    __tablename__ = "village"
    __entity__ = "village"
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="thon")
    adult_population: Mapped[int | None] = mapped_column(Integer)
    search_key: Mapped[str] = mapped_column(String(120))


class Person(SyncMixin, Base):
    __tablename__ = "person"
    __entity__ = "person"
    full_name: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(200))
    sort_key: Mapped[str] = mapped_column(String(400), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(1))
    id_number: Mapped[str | None] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(15))
    village_id: Mapped[str | None] = mapped_column(ForeignKey("village.id"), index=True)
    target_group: Mapped[str] = mapped_column(String(20), default="citizen")
    # Sensitive personal data (Decree 356/2025): only with recorded, explicit consent.
    ethnicity: Mapped[str | None] = mapped_column(String(60))
    disability: Mapped[str | None] = mapped_column(String(200))
    consent_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    consent_by: Mapped[str | None] = mapped_column(String(36))
    guardian_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        Index(
            "uq_person_id_number_live",
            "commune_code",
            "id_number",
            unique=True,
            sqlite_where=text("id_number IS NOT NULL AND deleted_at IS NULL"),
            postgresql_where=text("id_number IS NOT NULL AND deleted_at IS NULL"),
        ),
        Index("ix_person_phone", "phone"),
        Index("ix_person_search_key", "search_key"),
        # Search and lists walk live people in Vietnamese order without touching the table.
        Index(
            "ix_person_live_sort",
            "sort_key",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index("ix_person_id_number", "id_number"),
        Index("ix_person_birth_year", "birth_year"),
    )


class TeamMember(SyncMixin, Base):
    """A member of the Tổ công nghệ số cộng đồng."""

    __tablename__ = "team_member"
    __entity__ = "team_member"
    full_name: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(15))
    position: Mapped[str] = mapped_column(String(120), default="")
    organisation: Mapped[str] = mapped_column(String(120), default="")
    village_id: Mapped[str | None] = mapped_column(ForeignKey("village.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Officer(SyncMixin, Base):
    __tablename__ = "officer"
    __entity__ = "officer"
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # admin | officer | team
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    team_member_id: Mapped[str | None] = mapped_column(ForeignKey("team_member.id"))


class ClassSession(SyncMixin, Base):
    """A class, community session, home visit or online session."""

    __tablename__ = "class_session"
    __entity__ = "session"
    title: Mapped[str] = mapped_column(String(300))
    programme_code: Mapped[str] = mapped_column(ForeignKey("programme.code"))
    format: Mapped[str] = mapped_column(String(20))  # class | community | home_visit | online
    starts_at: Mapped[datetime] = mapped_column(AwareDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(AwareDateTime)
    day: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    village_id: Mapped[str | None] = mapped_column(ForeignKey("village.id"))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    # Small lists travel inside the session record as JSON arrays of codes / ids.
    target_groups: Mapped[list[str]] = mapped_column(JSONList, default=list)
    planned_skills: Mapped[list[str]] = mapped_column(JSONList, default=list)
    team_member_ids: Mapped[list[str]] = mapped_column(JSONList, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    copied_from_id: Mapped[str | None] = mapped_column(String(36))


class Attendance(SyncMixin, Base):
    """An append-only check-in event. Undo writes a tombstone, never edits."""

    __tablename__ = "attendance"
    __entity__ = "attendance"
    __append_only__ = True
    session_id: Mapped[str] = mapped_column(ForeignKey("class_session.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    checked_in_at: Mapped[datetime] = mapped_column(AwareDateTime)
    day: Mapped[date] = mapped_column(Date, index=True)
    method: Mapped[str] = mapped_column(String(20))  # card | id_card | search | sheet | manual
    target_group: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        # The report reads live attendance per (person, group) in one pass over this index.
        Index(
            "ix_attendance_report",
            "person_id",
            "target_group",
            "day",
            "session_id",
            "commune_code",
            "deleted_at",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )


class SkillRecord(SyncMixin, Base):
    """An append-only event: a person was helped with a skill and got this far."""

    __tablename__ = "skill_record"
    __entity__ = "skill_record"
    __append_only__ = True
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    skill_code: Mapped[str] = mapped_column(ForeignKey("skill.code"), index=True)
    session_id: Mapped[str | None] = mapped_column(ForeignKey("class_session.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # introduced | practised | independent
    helped_by: Mapped[str | None] = mapped_column(ForeignKey("team_member.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    target_group: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        # The report reads live skill records per (person, skill), history included, in one
        # pass over this index.
        Index(
            "ix_skill_record_report",
            "person_id",
            "skill_code",
            "day",
            "outcome",
            "target_group",
            "commune_code",
            "deleted_at",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )


# -- local bookkeeping -----------------------------------------------------------------------


class AuditLog(Base):
    """Who viewed, changed or exported what. Never copies personal values."""

    __tablename__ = "audit_log"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    at: Mapped[datetime] = mapped_column(AwareDateTime, index=True)
    officer_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str] = mapped_column(Text, default="")


class Outbox(Base):
    """One row per change to a synced record, written in the same transaction as the change."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(10))  # upsert | delete
    queued_at: Mapped[datetime] = mapped_column(AwareDateTime)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    batch_id: Mapped[str | None] = mapped_column(String(36))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)


SYNCED_MODELS: tuple[type[Any], ...] = (
    Village,
    Person,
    TeamMember,
    Officer,
    ClassSession,
    Attendance,
    SkillRecord,
)
