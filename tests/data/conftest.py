"""Data-layer test set-up: people signed in as their own PostgreSQL roles."""

from rls_support import admin_db, roles  # noqa: F401 - fixtures
