"""Schema version checks and upgrades through Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from reviewer_app.data.db import describe_db_error
from reviewer_app.domain.errors import DatabaseUnavailableError, SchemaMismatchError

MIGRATIONS = Path(__file__).with_name("migrations")


def _alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest revision this client knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except DBAPIError as exc:
        raise DatabaseUnavailableError(describe_db_error(engine, exc)) from exc


def check_schema(engine: Engine) -> None:
    """Raise ``SchemaMismatchError`` unless the database is exactly at our head."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    script = ScriptDirectory.from_config(_alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    newer = current is not None and current not in known
    if newer:
        message = (
            f"The database schema ({current}) is newer than this app understands ({head}). "
            "Update the app."
        )
    elif current is None:
        message = "The database has no schema yet. Run `reviewer-app db upgrade`."
    else:
        message = (
            f"The database schema ({current}) is older than this app needs ({head}). "
            "Ask an admin to run `reviewer-app db upgrade`."
        )
    raise SchemaMismatchError(message, current=current, expected=head, newer=newer)


def upgrade(engine: Engine) -> bool:
    """Migrate to head; return True when the database was empty before (a new database).

    Refuses a database whose schema is newer than this client.
    """
    current = current_revision(engine)
    try:
        check_schema(engine)
        return False
    except SchemaMismatchError as exc:
        if exc.newer:
            raise
    cfg = _alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except DBAPIError as exc:
        raise DatabaseUnavailableError(describe_db_error(engine, exc)) from exc
    return current is None
