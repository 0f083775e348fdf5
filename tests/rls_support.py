"""Signed-in PostgreSQL roles for row-security tests (a pytest plugin: see conftest).

Roles are cluster-wide and many test databases share one cluster, so every role gets a
name unique to this run and is dropped at the end (``DROP OWNED BY`` in the test database,
then ``DROP ROLE``). People are made with the real ``db grant`` service.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.enums import Role
from reviewer_app.services.access import grant_database_user

INSUFFICIENT_PRIVILEGE = "42501"


def run(engine: Engine, sql: str, **params: Any) -> int:
    """Direct SQL in its own transaction; the rows it touched."""
    with engine.begin() as conn:
        return int(conn.execute(text(sql), params).rowcount)


def one(engine: Engine, sql: str, **params: Any) -> Any:
    """The first column of the first row of a query."""
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def refused(engine: Engine, sql: str, **params: Any) -> None:
    """The statement fails with insufficient_privilege (a grant, a policy or a trigger)."""
    with pytest.raises(DBAPIError) as info:
        run(engine, sql, **params)
    assert getattr(info.value.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE, info.value


@dataclass(frozen=True)
class Person:
    """A signed-in database user: their role name (= users.login), users.id and URL."""

    login: str
    user_id: int
    url: str


@dataclass
class Roles:
    """Makes people with their own LOGIN role in the test database; cleans up after."""

    admin_db: Database
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    _people: list[Person] = field(default_factory=list)
    _engines: list[Engine] = field(default_factory=list)
    _dbs: list[Database] = field(default_factory=list)

    def person(self, name: str, role: Role = Role.REVIEWER) -> Person:
        """A new LOGIN role ``rls_<run>_<name>`` in ``role``'s group, with its users row."""
        login = f"rls_{self.run}_{name}"
        report = grant_database_user(self.admin_db, login=login, role=role,
                                     display_name=name.title(), password=None,
                                     now=datetime.now(UTC))
        url = make_url(str(self.admin_db.engine.url.render_as_string(hide_password=False)))
        person = Person(login, report.user_id,
                        url.set(username=login, password=None).render_as_string(False))
        self._people.append(person)
        return person

    def login(self, name: str) -> str:
        """A role name unique to this run, dropped at the end (for roles a test makes)."""
        login = f"rls_{self.run}_{name}"
        self._people.append(Person(login, 0, ""))
        return login

    def engine(self, person: Person) -> Engine:
        """A plain engine signed in as ``person`` (for direct SQL, as psql would)."""
        engine = create_engine(person.url)
        self._engines.append(engine)
        return engine

    def database(self, person: Person) -> Database:
        """The app's own ``Database`` signed in as ``person`` (for the real services)."""
        db = Database(create_db_engine(person.url))
        self._dbs.append(db)
        return db

    def close(self) -> None:
        """Close every connection, then remove the roles this run made."""
        for engine in self._engines:
            engine.dispose()
        for db in self._dbs:
            db.dispose()
        with self.admin_db.engine.connect().execution_options(
                isolation_level="AUTOCOMMIT") as conn:
            for person in self._people:
                exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                      {"r": person.login}).scalar()
                if not exists:  # a name a test reserved but never granted
                    continue
                conn.execute(text(f'DROP OWNED BY "{person.login}"'))
                conn.execute(text(f'DROP ROLE IF EXISTS "{person.login}"'))


@pytest.fixture
def admin_db(pg_url: str) -> Iterator[Database]:
    """The test database opened by its owner (not subject to row security)."""
    db = Database(create_db_engine(pg_url))
    yield db
    db.dispose()


@pytest.fixture
def roles(admin_db: Database) -> Iterator[Roles]:
    """Make people with their own database roles; dropped at the end of the test."""
    made = Roles(admin_db)
    yield made
    made.close()
