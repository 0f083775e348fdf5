"""Persistence: ORM tables, engines, migrations and repositories (no Qt here)."""
