"""The schema is made by Alembic on both engines and version mismatches are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from reviewer_app.data.db import create_db_engine, probe, table_names
from reviewer_app.data.schema import check_schema, current_revision, head_revision, upgrade
from reviewer_app.domain.errors import DatabaseUnavailableError, SchemaMismatchError


def test_migrations_create_every_table(database) -> None:
    names = table_names(database.engine)
    assert {"appeals", "decisions", "events", "leases", "sop_documents"} <= names
    assert current_revision(database.engine) == head_revision()
    check_schema(database.engine)


def test_newer_schema_is_refused_and_left_alone(database) -> None:
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_future'"))
    with pytest.raises(SchemaMismatchError) as info:
        upgrade(database.engine)
    assert info.value.newer
    assert "newer" in str(info.value)
    assert current_revision(database.engine) == "ffff_from_future"


def test_empty_database_reports_missing_schema(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with pytest.raises(SchemaMismatchError) as info:
        check_schema(engine)
    assert not info.value.newer
    assert upgrade(engine) is True
    assert upgrade(engine) is False


def test_corrupt_sqlite_file_is_reported_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    junk = b"this is not a database\x00" * 200
    path.write_bytes(junk)
    engine = create_db_engine(f"sqlite:///{path}")
    with pytest.raises(DatabaseUnavailableError):
        probe(engine)
    with pytest.raises(DatabaseUnavailableError):
        upgrade(engine)
    assert path.read_bytes() == junk


def test_missing_sqlite_file_not_created_when_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "x.sqlite3"
    with pytest.raises(DatabaseUnavailableError):
        create_db_engine(f"sqlite:///{path}", create_sqlite_file=False)
    assert not path.parent.exists()


def test_unreachable_postgres_is_a_known_error() -> None:
    engine = create_db_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailableError) as info:
        probe(engine)
    assert "127.0.0.1" in str(info.value)


@pytest.mark.parametrize("url", ["not a url", "mysql://x@y/z", "oracle+nothing://a/b"])
def test_wrong_urls_are_known_errors(url: str) -> None:
    with pytest.raises(DatabaseUnavailableError):
        create_db_engine(url)
