"""Summary tables for the province console (distinct people per quarter, daily counts, person
breakdown attributes), filled from the records already stored.

Revision ID: s0003
Revises: s0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "summary_person",
        sa.Column("quarter", sa.String(7), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("att", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quarter", "kind", "commune_code", "key", "person_id", name="pk_summary_person"
        ),
    )
    op.create_index(
        "ix_summary_person_commune_quarter", "summary_person", ["commune_code", "quarter"]
    )
    op.create_index(
        "ix_summary_person_kind_key_commune",
        "summary_person",
        ["kind", "key", "commune_code", "person_id", "quarter"],
    )
    op.create_table(
        "summary_count",
        sa.Column("quarter", sa.String(7), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("quarter", "kind", "commune_code", "key", name="pk_summary_count"),
    )
    op.create_table(
        "summary_day",
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("metric", sa.String(20), nullable=False),
        sa.Column("dim", sa.String(60), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("commune_code", "day", "metric", "dim", name="pk_summary_day"),
    )
    op.create_index(
        "ix_summary_day_metric_day", "summary_day", ["metric", "day", "commune_code", "dim", "n"]
    )
    op.create_table(
        "person_dim",
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("sex", sa.String(1), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("birth_md", sa.String(5), nullable=False),
        sa.Column("target_group", sa.String(20), nullable=True),
        sa.Column("minority", sa.Boolean(), nullable=False),
        sa.Column("disability", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_person_dim"),
    )
    op.create_index("ix_person_dim_commune_code", "person_dim", ["commune_code"])
    op.create_index(
        "ix_record_backlog",
        "record",
        ["commune_code"],
        postgresql_where=sa.text("orphan"),
        sqlite_where=sa.text("orphan"),
    )

    from sync.server.summary import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_record_backlog", table_name="record")
    op.drop_table("person_dim")
    op.drop_index("ix_summary_day_metric_day", table_name="summary_day")
    op.drop_table("summary_day")
    op.drop_table("summary_count")
    op.drop_index("ix_summary_person_kind_key_commune", table_name="summary_person")
    op.drop_index("ix_summary_person_commune_quarter", table_name="summary_person")
    op.drop_table("summary_person")
