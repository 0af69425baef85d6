"""person lookup indexes: folded name and ID number

Duplicate checks (person form, import) look people up by folded name and by ID number alone;
the unique index on (commune_code, id_number) cannot serve the latter.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_person_search_key", "person", ["search_key"])
    op.create_index("ix_person_id_number", "person", ["id_number"])


def downgrade() -> None:
    op.drop_index("ix_person_id_number", "person")
    op.drop_index("ix_person_search_key", "person")
