"""report indexes: live attendance and skill records in (person, group/skill, day) order

The quarterly report groups the live events per (person, target group) and per (person,
skill) over the report's days, and needs each pair's older skill history. These partial
covering indexes let it read every figure in one pass over an index, in group order: no table
lookups, no sorting, no second pass for the history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_attendance_report",
        "attendance",
        ["person_id", "target_group", "day", "session_id", "commune_code", "deleted_at"],
        sqlite_where=sa.text("deleted_at IS NULL"),
    )
    op.create_index(
        "ix_skill_record_report",
        "skill_record",
        ["person_id", "skill_code", "day", "outcome", "target_group", "commune_code", "deleted_at"],
        sqlite_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_skill_record_report", "skill_record")
    op.drop_index("ix_attendance_report", "attendance")
