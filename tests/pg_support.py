"""PostgreSQL helpers shared by conftest and tests (a plain module: `conftest` names collide)."""

from __future__ import annotations

import os

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
