"""Alembic environment: runs on the connection handed over by ``data.schema``."""

from __future__ import annotations

from alembic import context

from reviewer_app.data.orm import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the app's own helpers run migrations
    raise RuntimeError("run migrations through reviewer_app.data.schema")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
