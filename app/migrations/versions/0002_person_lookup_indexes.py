"""person lookup indexes: folded name, ID number, live people in sort order, name word prefixes

Duplicate checks (person form, import) look people up by folded name and by ID number alone;
the unique index on (commune_code, id_number) cannot serve the latter. Searches typed as 1–2
letter fragments ("ng t") need a word-prefix index: the trigram index serves 3+ characters.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


NAME_FTS = [
    "CREATE VIRTUAL TABLE person_name USING fts5(doc, content='', contentless_delete=1, "
    "tokenize='unicode61', prefix='1 2')",
    "INSERT INTO person_name(rowid, doc) SELECT rowid, search_key FROM person",
    "CREATE TRIGGER person_name_ai AFTER INSERT ON person BEGIN "
    "INSERT INTO person_name(rowid, doc) VALUES (new.rowid, new.search_key); END",
    "CREATE TRIGGER person_name_au AFTER UPDATE OF search_key ON person BEGIN "
    "DELETE FROM person_name WHERE rowid = old.rowid; "
    "INSERT INTO person_name(rowid, doc) VALUES (new.rowid, new.search_key); END",
    "CREATE TRIGGER person_name_ad AFTER DELETE ON person BEGIN "
    "DELETE FROM person_name WHERE rowid = old.rowid; END",
]


def upgrade() -> None:
    op.create_index("ix_person_search_key", "person", ["search_key"])
    op.create_index("ix_person_id_number", "person", ["id_number"])
    op.create_index(
        "ix_person_live_sort",
        "person",
        ["sort_key", "id"],
        sqlite_where=sa.text("deleted_at IS NULL"),
    )
    for stmt in NAME_FTS:
        op.execute(stmt)


def downgrade() -> None:
    for trig in ("person_name_ai", "person_name_au", "person_name_ad"):
        op.execute(f"DROP TRIGGER IF EXISTS {trig}")
    op.execute("DROP TABLE IF EXISTS person_name")
    op.drop_index("ix_person_live_sort", "person")
    op.drop_index("ix_person_id_number", "person")
    op.drop_index("ix_person_search_key", "person")
