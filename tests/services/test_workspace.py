"""Opening workspaces: embedded auto-migration, shared schema checks, refusing bad input."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from reviewer_app import config
from reviewer_app.data.db import create_db_engine
from reviewer_app.data.schema import current_revision, head_revision, upgrade
from reviewer_app.domain.errors import DatabaseUnavailableError, SchemaMismatchError
from reviewer_app.services.catalog import has_catalog
from reviewer_app.services.demo import generate_demo
from reviewer_app.services.workspace import (
    open_workspace,
    upgrade_database,
    workspace_state,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_default_embedded_database_is_created_migrated_with_catalog() -> None:
    url = config.default_db_url()
    db = open_workspace(url, embedded=True)
    try:
        assert current_revision(db.engine) == head_revision()
        assert has_catalog(db)
        assert workspace_state(db).is_empty
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.dispose()
    assert (config.data_dir() / "reviewer.sqlite3").is_file()
    again = open_workspace(url, embedded=True)  # second launch: nothing new, still fine
    again.dispose()


def test_wrong_sqlite_path_is_not_created(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "typo.sqlite3"
    with pytest.raises(DatabaseUnavailableError, match="No database file"):
        open_workspace(f"sqlite:///{target}", embedded=True)
    assert not target.parent.exists()


def test_explicit_create_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailableError, match="folder"):
        open_workspace(f"sqlite:///{tmp_path / 'a' / 'b.sqlite3'}", embedded=True, create=True)
    assert not (tmp_path / "a").exists()
    db = open_workspace(f"sqlite:///{tmp_path / 'b.sqlite3'}", embedded=True, create=True)
    db.dispose()
    assert (tmp_path / "b.sqlite3").is_file()


def test_corrupt_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    path = tmp_path / "db" / "corrupt.sqlite3"
    path.write_bytes(b"this is not an sqlite database " * 200)
    before = _digest(path)
    with pytest.raises(DatabaseUnavailableError):
        open_workspace(f"sqlite:///{path}", embedded=True)
    assert _digest(path) == before
    assert [p.name for p in path.parent.iterdir()] == ["corrupt.sqlite3"]  # no -wal/-shm


def test_shared_database_at_head_opens(db_url: str) -> None:
    db = open_workspace(db_url, embedded=False)
    try:
        assert workspace_state(db).appeals == 0
        generate_demo(db, appeals=15, seed=5, now=datetime(2026, 2, 1, tzinfo=UTC))
        state = workspace_state(db)
        assert state.appeals == 15 and state.users >= 8 and not state.is_empty
    finally:
        db.dispose()


@pytest.mark.pg
def test_shared_database_without_schema_asks_for_db_upgrade(empty_pg_url: str) -> None:
    with pytest.raises(SchemaMismatchError, match="reviewer-app db upgrade") as info:
        open_workspace(empty_pg_url, embedded=False)
    assert not info.value.newer
    engine = create_db_engine(empty_pg_url)
    try:
        assert current_revision(engine) is None  # the client did not migrate it
    finally:
        engine.dispose()


@pytest.mark.pg
def test_upgrade_database_migrates_a_new_shared_database_once(empty_pg_url: str) -> None:
    first = upgrade_database(empty_pg_url)
    assert first.was_new and first.migrated and first.from_revision is None
    assert first.to_revision == head_revision() and first.catalog_rows_added > 50
    second = upgrade_database(empty_pg_url)
    assert not second.was_new and not second.migrated and second.catalog_rows_added == 0
    db = open_workspace(empty_pg_url, embedded=False)
    try:
        assert has_catalog(db)
    finally:
        db.dispose()


def _make_newer(url: str) -> None:
    engine = create_db_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()


def test_newer_shared_schema_is_refused(db_url: str) -> None:
    _make_newer(db_url)
    with pytest.raises(SchemaMismatchError, match="newer") as info:
        open_workspace(db_url, embedded=False)
    assert info.value.newer


def test_newer_embedded_schema_is_refused_not_migrated(sqlite_url: str) -> None:
    _make_newer(sqlite_url)
    with pytest.raises(SchemaMismatchError, match="newer"):
        open_workspace(sqlite_url, embedded=True)
    engine = create_db_engine(sqlite_url)
    try:
        assert current_revision(engine) == "9999_future"
    finally:
        engine.dispose()


def test_unreachable_server_is_a_known_error() -> None:
    with pytest.raises(DatabaseUnavailableError, match="Cannot use the database"):
        open_workspace("postgresql+psycopg://nobody@127.0.0.1:1/none", embedded=False)


def test_not_a_url_is_a_known_error() -> None:
    with pytest.raises(DatabaseUnavailableError):
        open_workspace("definitely not a url", embedded=False)


def test_embedded_new_file_gets_catalog_but_existing_migrated_one_is_left(
    sqlite_url: str,
) -> None:
    # The fixture's database was migrated without a catalog: opening it must not add one
    # (the catalog goes only into databases that were new).
    db = open_workspace(sqlite_url, embedded=True)
    try:
        assert not has_catalog(db)
    finally:
        db.dispose()


def test_newer_schema_file_is_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")  # rollback journal, not WAL
    upgrade(engine)
    engine.dispose()
    _make_newer(f"sqlite:///{path}")
    before = _digest(path)
    with pytest.raises(SchemaMismatchError):
        open_workspace(f"sqlite:///{path}", embedded=True)
    with pytest.raises(SchemaMismatchError):
        upgrade_database(f"sqlite:///{path}")
    assert _digest(path) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("newer")] == [path.name]
