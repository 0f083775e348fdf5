"""Test set-up: offscreen Qt, isolated user dirs, and migrated databases per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Qt aborts the whole run without a display unless a platform is chosen before it loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backends import fail
from keyring_support import MemoryKeyring
from pg_support import PG_ENV, pg_admin_url, pg_database

from reviewer_app.data.db import Database, create_db_engine, enable_wal
from reviewer_app.data.schema import upgrade

# Fixtures for people signed in as their own PostgreSQL roles (admin_db, roles).
pytest_plugins = ["rls_support"]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point data, config and Qt settings at tmp_path so no test touches a real profile."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("REVIEWER_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REVIEWER_APP_DB", raising=False)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keyring for every test: no test reads or writes the real one."""
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring) -> None:
    """A computer without a usable keyring (headless Linux): keyring's ``fail`` backend."""
    keyring.set_keyring(fail.Keyring())


@pytest.fixture(scope="session")
def pg_template(worker_id: str) -> Iterator[str]:
    """A migrated PostgreSQL template database, made once per test worker."""
    admin_url = pg_admin_url()
    if admin_url is None:
        pytest.skip(f"{PG_ENV} not set")
    name = f"reviewer_tpl_{worker_id}_{os.getpid()}"
    with pg_database(admin_url, prefix="reviewer_tpl", name=name) as url:
        engine = create_db_engine(url)
        upgrade(engine)
        engine.dispose()
        yield name


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    """A fresh migrated PostgreSQL database for one test (copied from the template)."""
    admin_url = pg_admin_url()
    assert admin_url is not None
    with pg_database(admin_url, prefix="reviewer_t", template=pg_template) as url:
        yield url


@pytest.fixture
def empty_pg_url() -> Iterator[str]:
    """A PostgreSQL database with no schema at all (no Alembic revision)."""
    admin_url = pg_admin_url()
    if admin_url is None:
        pytest.skip(f"{PG_ENV} not set")
    with pg_database(admin_url, prefix="reviewer_e") as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh migrated SQLite database file for one test."""
    url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    engine = create_db_engine(url)
    enable_wal(engine)
    upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A migrated database URL: the same test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """A ``Database`` on a fresh migrated schema (SQLite and PostgreSQL)."""
    db = Database(create_db_engine(db_url))
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """xdist worker name, or "main" when running without xdist."""
    workerinput = getattr(request.config, "workerinput", None)
    return str(workerinput["workerid"]) if workerinput else "main"
