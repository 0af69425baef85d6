"""Alembic environment: runs on the connection the application hands over (SQLCipher)."""

from alembic import context

import app.sync_state  # noqa: F401  (the sync tables join Base.metadata)
from app.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
