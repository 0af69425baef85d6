"""The provincial sync server: a separate deployable (FastAPI, SQLAlchemy, Alembic) that imports
only `sync.protocol` and its own modules, never the desktop core."""
