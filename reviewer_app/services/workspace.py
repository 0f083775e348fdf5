"""Opening a workspace database: embedded SQLite (auto-migrated) or shared PostgreSQL."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reviewer_app import config
from reviewer_app.data.db import Database, create_db_engine, enable_wal, probe
from reviewer_app.data.schema import check_schema, current_revision, head_revision, upgrade
from reviewer_app.data.workspace_store import count_users_and_appeals, safe_url
from reviewer_app.domain.errors import DatabaseUnavailableError, SchemaMismatchError
from reviewer_app.services.catalog import install_default_catalog
from reviewer_app.services.sync import PRUNE_DAYS, prune_change_feed

__all__ = [
    "UpgradeReport",
    "WorkspaceState",
    "open_workspace",
    "safe_url",
    "upgrade_database",
    "workspace_state",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WorkspaceState:
    """How much the database holds; an empty one gets the first-run screen."""

    users: int
    appeals: int

    @property
    def is_empty(self) -> bool:
        """True when there is nobody to sign in as and nothing to review."""
        return self.users == 0 and self.appeals == 0


@dataclass(frozen=True, slots=True)
class UpgradeReport:
    """What ``upgrade_database`` did."""

    was_new: bool
    from_revision: str | None
    to_revision: str
    catalog_rows_added: int

    @property
    def migrated(self) -> bool:
        """True when the schema changed."""
        return self.from_revision != self.to_revision


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (``None`` for other databases and in-memory SQLite)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix):].split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def _may_create(url: str) -> bool:
    """Only the app's own locations (default and demo) are created without being asked."""
    return url in (config.default_db_url(), config.demo_db_url())


def _engine_for(url: str, *, create: bool | None) -> Database:
    """Engine for ``url``, refusing to create a file or directory unless allowed.

    ``create``: True creates a missing SQLite file if its directory exists (explicit commands
    such as ``db upgrade``); None creates it (and its directories) only for the default and
    demo locations; False never creates.
    """
    path = sqlite_file(url)
    if path is not None and not path.exists():
        allowed = _may_create(url) if create is None else create
        if not allowed:
            raise DatabaseUnavailableError(f"No database file at {path}")
        if create and not _may_create(url) and not path.parent.is_dir():
            raise DatabaseUnavailableError(f"No such folder for the database file: {path.parent}")
    engine = create_db_engine(url)
    db = Database(engine)
    try:
        probe(engine)
    except BaseException:
        db.dispose()
        raise
    return db


def open_workspace(url: str, *, embedded: bool, create: bool | None = None) -> Database:
    """Open a database ready for work.

    Embedded (SQLite): creates the file when allowed (see ``create``), switches to WAL,
    migrates to the newest schema and installs the default catalog on a new database.
    Shared (PostgreSQL): connects and checks the schema, never migrates.

    Args:
        url: SQLAlchemy database URL.
        embedded: True for the local SQLite database that the app migrates itself.
        create: None (default) creates a missing SQLite file only at the default and demo
            locations; True creates it when its folder exists; False never creates.

    Raises:
        DatabaseUnavailableError: unreachable server, wrong URL, missing or corrupt file;
            no file is created or altered in that case.
        SchemaMismatchError: a shared schema that is not current (run ``reviewer-app db
            upgrade``), or any schema newer than this app.
    """
    db = _engine_for(url, create=create)
    try:
        if embedded:
            _refuse_newer_schema(db)  # before WAL: a refused file must stay byte-identical
            enable_wal(db.engine)
            if upgrade(db.engine):
                added = install_default_catalog(db)
                log.info("new embedded database %s: catalog rows added %d", url, added.total)
        else:
            check_schema(db.engine)
    except BaseException:
        db.dispose()
        raise
    return db


def _refuse_newer_schema(db: Database) -> None:
    try:
        check_schema(db.engine)
    except SchemaMismatchError as exc:
        if exc.newer:
            raise


def upgrade_database(url: str, *, create: bool | None = True) -> UpgradeReport:
    """Migrate a database (``reviewer-app db upgrade``) and install the catalog if new."""
    db = _engine_for(url, create=create)
    try:
        _refuse_newer_schema(db)
        enable_wal(db.engine)
        before = current_revision(db.engine)
        was_new = upgrade(db.engine)
        added = install_default_catalog(db).total if was_new else 0
        after = current_revision(db.engine) or head_revision()
    finally:
        db.dispose()
    return UpgradeReport(
        was_new=was_new, from_revision=before, to_revision=after, catalog_rows_added=added
    )


def prune_database(url: str, *, now: datetime, days: float = PRUNE_DAYS) -> int:
    """Delete change-feed rows older than ``days`` (``db prune``, after ``db upgrade``).

    Raises:
        PermissionDeniedError: the role may not delete from the change feed.
        DatabaseUnavailableError: no such database, or it does not answer.
    """
    db = _engine_for(url, create=False)
    try:
        return prune_change_feed(db, now=now, days=days)
    finally:
        db.dispose()


def workspace_state(db: Database) -> WorkspaceState:
    """Counts of users and appeals, for the first-run screen."""
    users, appeals = count_users_and_appeals(db)
    return WorkspaceState(users=users, appeals=appeals)
