"""Alembic environment of the provincial server: runs on the connection handed over by
`sync.server.db.migrate` (PostgreSQL or SQLite)."""

from alembic import context

from sync.server.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
