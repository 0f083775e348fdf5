"""A lost or unreachable database surfaces as DatabaseUnavailableError; other errors stay."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_support import pg_admin_url
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.errors import DatabaseUnavailableError


@pytest.fixture
def admin() -> Iterator[object]:
    url = pg_admin_url()
    assert url is not None
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"),
                           isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _terminate(admin: object, pid: int) -> None:
    with admin.connect() as conn:  # type: ignore[attr-defined]
        assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.pg
def test_terminated_backend_mid_write_is_unavailable_and_nothing_is_written(
    pg_url: str, admin: object
) -> None:
    db = Database(create_db_engine(pg_url))
    with db.write() as s:
        s.execute(text("CREATE TABLE probe_t (v int)"))
    with pytest.raises(DatabaseUnavailableError, match="Cannot use the database") as info, \
            db.write() as s:
        s.execute(text("INSERT INTO probe_t VALUES (1)"))
        _terminate(admin, s.execute(text("SELECT pg_backend_pid()")).scalar_one())
        s.execute(text("INSERT INTO probe_t VALUES (2)"))
    assert "password" not in str(info.value).lower()
    # The pool noticed the dead connection: the next operation simply works.
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM probe_t")).scalar() == 0
    db.dispose()


@pytest.mark.pg
def test_terminated_backend_during_read_is_unavailable(pg_url: str, admin: object) -> None:
    db = Database(create_db_engine(pg_url))
    with pytest.raises(DatabaseUnavailableError), db.read() as s:
        _terminate(admin, s.execute(text("SELECT pg_backend_pid()")).scalar_one())
        s.execute(text("SELECT 1"))
    db.dispose()


@pytest.mark.pg
def test_refused_connection_is_unavailable() -> None:
    db = Database(create_db_engine(
        f"postgresql+psycopg://nobody:secret@127.0.0.1:{_free_port()}/none"))
    with pytest.raises(DatabaseUnavailableError) as info, db.read() as s:
        s.execute(text("SELECT 1"))
    assert "secret" not in str(info.value)
    with pytest.raises(DatabaseUnavailableError), db.write() as s:
        s.execute(text("SELECT 1"))


@pytest.mark.pg
def test_other_postgresql_errors_are_unchanged(pg_url: str) -> None:
    db = Database(create_db_engine(pg_url))
    with db.write() as s:
        s.execute(text("CREATE TABLE uniq_t (v int PRIMARY KEY)"))
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("INSERT INTO uniq_t VALUES (1), (1)"))
    # A cancelled statement (SQLSTATE 57014) is class 57 too, but the server is fine.
    with pytest.raises(OperationalError, match="statement timeout"), db.read() as s:
        s.execute(text("SET LOCAL statement_timeout = 10"))
        s.execute(text("SELECT pg_sleep(1)"))
    db.dispose()


def test_sqlite_file_that_cannot_be_opened_is_unavailable(tmp_path: Path) -> None:
    db = Database(create_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.sqlite3'}"))
    with pytest.raises(DatabaseUnavailableError, match="unable to open"), db.read() as s:
        s.execute(text("SELECT 1"))


def test_sqlite_file_that_is_not_a_database_is_unavailable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not an SQLite database at all" * 200)
    db = Database(create_db_engine(f"sqlite:///{bad}"))
    with pytest.raises(DatabaseUnavailableError, match="not a database"), db.write() as s:
        s.execute(text("SELECT count(*) FROM sqlite_master"))


def test_sqlite_constraint_errors_are_unchanged(sqlite_url: str) -> None:
    db = Database(create_db_engine(sqlite_url))
    with db.write() as s:
        s.execute(text("CREATE TABLE uniq_t (v int PRIMARY KEY)"))
    with pytest.raises(IntegrityError), db.write() as s:
        s.execute(text("INSERT INTO uniq_t VALUES (1), (1)"))
    db.dispose()


def test_identity_hides_the_password() -> None:
    db = Database(create_db_engine("postgresql+psycopg://ana:secret@db.example:5433/team"))
    assert db.identity == "postgresql+psycopg://ana:***@db.example:5433/team"
