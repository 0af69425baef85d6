"""Initial server schema: devices, enrolment codes, records, backlog, conflicts, rejections,
batches and the reference-data change log.

Revision ID: s0001
Revises:
Create Date: 2026-11-25
"""

import secrets

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None

JSONDoc = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _ts() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    meta = op.create_table(
        "server_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_server_meta"),
    )
    # The secret that enrolment tokens are derived from; made once, at install time.
    op.bulk_insert(meta, [{"key": "token_secret", "value": secrets.token_hex(32)}])
    op.create_table(
        "enrol_code",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("created_at", _ts(), nullable=False),
        sa.Column("expires_at", _ts(), nullable=False),
        sa.Column("used_at", _ts(), nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name="pk_enrol_code"),
    )
    op.create_index("ix_enrol_code_commune_code", "enrol_code", ["commune_code"])
    op.create_table(
        "device",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("enrolled_at", _ts(), nullable=False),
        sa.Column("revoked_at", _ts(), nullable=True),
        sa.Column("last_seen_at", _ts(), nullable=True),
        sa.Column("last_sync_at", _ts(), nullable=True),
        sa.Column("clock_skew_s", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_device"),
        sa.UniqueConstraint("token_hash", name="uq_device_token_hash"),
    )
    op.create_index("ix_device_commune_code", "device", ["commune_code"])
    op.create_table(
        "record",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("officer_id", sa.String(36), nullable=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("deleted_at", sa.String(40), nullable=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("data", JSONDoc, nullable=False),
        sa.Column("orphan", sa.Boolean(), nullable=False),
        sa.Column("received_at", _ts(), nullable=False),
        sa.Column("batch_id", sa.String(36), nullable=False),
        sa.Column("uploader_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_record"),
    )
    op.create_index("ix_record_commune_day", "record", ["commune_code", "day"])
    op.create_index("ix_record_commune_entity", "record", ["commune_code", "entity"])
    op.create_index("ix_record_commune_orphan", "record", ["commune_code", "orphan"])
    op.create_table(
        "backlog_wait",
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("parent_id", sa.String(36), nullable=False),
        sa.Column("parent_entity", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "parent_id", name="pk_backlog_wait"),
    )
    op.create_index("ix_backlog_wait_parent_id", "backlog_wait", ["parent_id"])
    op.create_table(
        "record_conflict",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("envelope", JSONDoc, nullable=False),
        sa.Column("stored_at", _ts(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_record_conflict"),
    )
    op.create_index("ix_record_conflict_record_id", "record_conflict", ["record_id"])
    op.create_index("ix_record_conflict_commune_code", "record_conflict", ["commune_code"])
    op.create_table(
        "rejection",
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("reasons", JSONDoc, nullable=False),
        sa.Column("at", _ts(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name="pk_rejection"),
    )
    op.create_index("ix_rejection_commune_code", "rejection", ["commune_code"])
    op.create_table(
        "batch",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("received_at", _ts(), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("result", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_batch"),
    )
    op.create_index("ix_batch_device_id", "batch", ["device_id"])
    op.create_table(
        "reference_change",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("payload", JSONDoc, nullable=False),
        sa.Column("published_at", _ts(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_reference_change"),
        sa.UniqueConstraint("kind", "key", name="uq_reference_change_kind_key"),
    )


def downgrade() -> None:
    for table in (
        "reference_change",
        "batch",
        "rejection",
        "record_conflict",
        "backlog_wait",
        "record",
        "device",
        "enrol_code",
        "server_meta",
    ):
        op.drop_table(table)
