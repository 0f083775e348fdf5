"""PostgreSQL helpers shared by conftest and tests (a plain module: `conftest` names collide)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "REVIEWER_APP_TEST_PG_URL"


def pg_admin_url() -> str | None:
    """The PostgreSQL server tests may use; in CI its absence is an error, not a skip."""
    url = os.environ.get(PG_ENV)
    if not url and os.environ.get("CI"):
        raise RuntimeError(f"CI requires PostgreSQL: set {PG_ENV}")
    return url


def pg_url_for(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def pg_database(
    admin_url: str, *, prefix: str, template: str | None = None, name: str | None = None
) -> Iterator[str]:
    """Create a database (empty, or copied from ``template``), yield its URL, drop it."""
    name = name or f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(admin_url).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        yield pg_url_for(admin_url, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
