"""Engines, sessions and schema checks for SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

import logging
import select
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from time import monotonic
from typing import Any

from sqlalchemy import Connection, Engine, RootTransaction, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    DisconnectionError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from reviewer_app.domain.connection import hide_password
from reviewer_app.domain.errors import DatabaseUnavailableError, PermissionDeniedError

log = logging.getLogger(__name__)

_SQLITE_BEGIN = "sqlite_begin"


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def create_db_engine(url: str, *, create_sqlite_file: bool = True) -> Engine:
    """Make an engine; raise ``DatabaseUnavailableError`` for a URL that cannot work.

    With ``create_sqlite_file`` False, a missing SQLite file is an error instead of being
    created, so pointing the app at a wrong path never leaves a stray file behind.
    Messages never contain the URL's password.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        raise DatabaseUnavailableError(f"Not a database URL: {hide_password(url)!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_path(url)
        if path is not None and not path.exists():
            if not create_sqlite_file:
                raise DatabaseUnavailableError(f"No database file at {path}")
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
    elif backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            engine = create_engine(parsed, **_desktop_pool(), connect_args=_libpq_defaults(parsed))
            _ping_when_needed(engine)
        except NoSuchModuleError as exc:
            where = parsed.render_as_string(hide_password=True)
            raise DatabaseUnavailableError(f"Unsupported database driver in {where!r}") from exc
    else:
        raise DatabaseUnavailableError(
            f"Unsupported database {backend!r}: use sqlite or postgresql"
        )
    return engine


# A desktop client, not a server: hundreds of reviewers each holding a few connections must
# fit under the server's max_connections (default 100, often behind PgBouncer).
#
# - pool_size 4 = the runner's 3 read threads + its 1 write lane, so ordinary work never
#   waits for a connection and never opens more than it can use at once.
# - max_overflow 2 covers short extras (a "Test connection", a LISTEN connection while it is
#   being replaced) without letting a burst of clicks grow the pool.
# - pool_timeout 10 s: if all are busy that long, something is stuck; fail with a message.
# - ping when needed (not pool_pre_ping): a laptop that slept or a server restart leaves
#   dead sockets in the pool. On checkout a connection is pinged, and replaced if dead,
#   when its socket has something to read while no query is running (a server that shut
#   down or killed the backend sends its farewell and closes: seen with a zero-timeout
#   select(), no round trip) or when it sat idle longer than _PING_AFTER_IDLE_S (a silently
#   dropped network path). A connection in steady use with a quiet socket is not pinged:
#   pool_pre_ping cost a round trip per transaction (two per claim + decide). A server
#   that goes away mid-use fails the next statement: DatabaseUnavailableError (callers
#   retry or keep the decision in the outbox), and SQLAlchemy invalidates the older pooled
#   connections, so the operation after it reconnects.
# - pool_recycle 30 min: firewalls and NAT boxes drop idle TCP flows silently (often after
#   an hour); recycling first avoids half-open connections.
_POOL_SIZE = 4
_MAX_OVERFLOW = 2


def _desktop_pool() -> dict[str, Any]:
    return {
        "pool_size": _POOL_SIZE,
        "max_overflow": _MAX_OVERFLOW,
        "pool_timeout": 10,
        "pool_recycle": 1800,
    }


# Idle longer than this and a pooled connection is pinged before use (see above).
_PING_AFTER_IDLE_S = 10.0
_CHECKED_IN_AT = "reviewer_app_checked_in_at"


def _has_input(dbapi_conn: Any) -> bool:
    """True when an idle connection's socket is readable: the server said something
    (typically a FATAL "terminating connection" and EOF) without being asked."""
    try:
        readable, _, _ = select.select([dbapi_conn.fileno()], [], [], 0)
    except (OSError, ValueError, AttributeError):
        return True  # a closed socket or an unknown driver: let the ping decide
    return bool(readable)


def _ping_when_needed(engine: Engine, idle_s: float = _PING_AFTER_IDLE_S) -> None:
    """Ping a pooled connection on checkout when its socket has unread input or when it
    sat idle longer than ``idle_s``; otherwise hand it out without a round trip.

    SQLAlchemy's "pessimistic disconnect handling" recipe, restricted to idle connections:
    raising ``DisconnectionError`` makes the pool discard the connection and try a fresh one.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: Any, record: Any) -> None:
        if record is not None:
            record.info[_CHECKED_IN_AT] = monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_CHECKED_IN_AT)
        if since is None:
            return  # just connected
        if monotonic() - since <= idle_s and not _has_input(dbapi_conn):
            return  # used moments ago and the server has not said anything since
        try:
            cur = dbapi_conn.cursor()
            try:
                cur.execute("SELECT 1")
            finally:
                cur.close()
            dbapi_conn.rollback()  # psycopg opened a transaction for the ping
        except Exception as exc:  # any failure: this socket is not worth keeping
            raise DisconnectionError(f"pooled connection is dead: {exc}") from exc


# libpq parameters (passed through psycopg). A value in the URL's query wins, so an admin
# can tune one per site without a new build.
# - connect_timeout: an unreachable server fails in seconds, not after the OS's 2 minutes.
# - keepalives: notice a dead network path within ~1 minute (30 s idle + 3 probes x 10 s)
#   instead of a socket hanging until the OS gives up (hours); the outbox then takes over.
# - application_name: admins see "reviewer-app" in pg_stat_activity and the server logs.
_LIBPQ_DEFAULTS: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "application_name": "reviewer-app",
}


def _libpq_defaults(parsed: URL) -> dict[str, Any]:
    return {k: v for k, v in _LIBPQ_DEFAULTS.items() if k not in parsed.query}


def _configure_sqlite(engine: Engine) -> None:
    """Take over SQLite transaction control so writers can ``BEGIN IMMEDIATE``.

    pysqlite's own implicit BEGIN is deferred; a deferred writer that later upgrades its lock
    can fail with "database is locked" mid-transaction. See the SQLAlchemy docs section
    "Serializable isolation / Savepoints / Transactional DDL" for this recipe.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(_SQLITE_BEGIN, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def enable_wal(engine: Engine) -> None:
    """Switch an SQLite database to WAL so readers never block the writer."""
    if engine.dialect.name == "sqlite":
        # Straight on the driver connection: our "begin" hook would otherwise wrap the
        # pragma in a transaction, where SQLite refuses to change the journal mode.
        with engine.connect() as conn:
            conn.connection.driver_connection.execute("PRAGMA journal_mode=WAL")


def probe(engine: Engine) -> None:
    """Open one connection and read the catalogue; translate failures to a known error."""
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            else:
                conn.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseUnavailableError(describe_db_error(engine, exc)) from exc


def describe_db_error(engine: Engine, exc: BaseException) -> str:
    """A one-line, password-free description of why the database cannot be used."""
    where = engine.url.render_as_string(hide_password=True)
    lines = str(getattr(exc, "orig", exc)).strip().splitlines()
    detail = lines[0] if lines else type(exc).__name__
    return f"Cannot use the database {where}: {detail}"


# SQLSTATE classes that mean "the server or the link is gone", not "your SQL was wrong":
# 08 connection exception, 57 operator intervention (57P01 admin shutdown from
# pg_terminate_backend, 57P02 crash shutdown, 57P03 cannot connect now).
_UNAVAILABLE_SQLSTATE_CLASSES = ("08", "57")
# 57014 is a cancelled statement (statement_timeout, a user's cancel): the server is fine.
_NOT_UNAVAILABLE_SQLSTATES = frozenset({"57014"})
# Primary SQLite result codes for a file that cannot be used: I/O error, corrupt,
# cannot open, not a database. "database is locked" (busy) is not among them.
_UNAVAILABLE_SQLITE_CODES = frozenset({10, 11, 14, 26})


def is_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` means the database cannot be reached or used any more.

    A lost connection, a terminated backend, a server that is down or restarting, an SQLite
    file that cannot be opened or read. Constraint violations, deadlocks, serialization
    failures, lock timeouts and cancelled statements are not: the database is there.
    """
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        if code is not None:
            return (code & 0xFF) in _UNAVAILABLE_SQLITE_CODES
        text_ = str(orig).lower()
        return "unable to open" in text_ or "disk i/o error" in text_
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        return (sqlstate[:2] in _UNAVAILABLE_SQLSTATE_CLASSES
                and sqlstate not in _NOT_UNAVAILABLE_SQLSTATES)
    # libpq reports a refused connection or a socket closed mid-query without a SQLSTATE.
    return isinstance(exc, OperationalError)


# insufficient_privilege: a missing grant, a row-security check, the append-only trigger.
_PERMISSION_SQLSTATE = "42501"


def is_refused_by_permissions(exc: BaseException) -> bool:
    """True when PostgreSQL refused the statement for want of a privilege or policy."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) == _PERMISSION_SQLSTATE


def _first_line(exc: DBAPIError) -> str:
    lines = str(exc.orig).strip().splitlines()
    return lines[0] if lines else type(exc.orig).__name__


def _quiet_rollback(session: Session | RootTransaction) -> None:
    """Roll back, unless the connection is already gone (the server has rolled back then).

    A rollback on a dead connection raises too; that second error must not hide the first.
    """
    try:
        session.rollback()
    except DBAPIError as exc:
        if not is_unavailable(exc):
            raise
        log.info("rollback on a lost connection: %s", exc.orig)


def table_names(engine: Engine) -> set[str]:
    """Names of the tables that exist (used to spot an empty database)."""
    return set(inspect(engine).get_table_names())


class Database:
    """An engine plus session factories; one session per operation, never shared."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @property
    def identity(self) -> str:
        """The database URL without its password: which database a local record belongs to."""
        return self.engine.url.render_as_string(hide_password=True)

    def ping(self) -> None:
        """Raise ``DatabaseUnavailableError`` unless the database answers a trivial query."""
        probe(self.engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end.

        Raises:
            DatabaseUnavailableError: the connection was lost or could not be made.
        """
        with self._unavailable_as_known_error(), self._sessions() as session:
            try:
                yield session
            finally:
                _quiet_rollback(session)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits atomically at the end, or rolls back on error.

        On SQLite the transaction starts with ``BEGIN IMMEDIATE`` so two writers serialize
        at the start instead of failing half-way. A connection lost before or during the
        commit raises ``DatabaseUnavailableError``; the server then rolls the transaction
        back (or, when the commit itself was cut off, may have applied it: callers that
        retry must be idempotent, as ``ReviewService.decide`` is with its key).
        """
        with self._unavailable_as_known_error(), self._sessions() as session:
            try:
                if self.dialect == "sqlite":
                    session.connection(execution_options={_SQLITE_BEGIN: "IMMEDIATE"})
                yield session
                session.commit()
            except BaseException:
                _quiet_rollback(session)
                raise

    @contextmanager
    def write_core(self) -> Iterator[Connection]:
        """Like ``write``, but on a bare Core ``Connection`` instead of an ORM ``Session``.

        For the hot paths (claim next, decide) whose statements are all Core: a Session
        costs about 0.05 ms of Python per statement and per transaction more, which at 16
        client processes on two cores is throughput lost. Same transaction, same errors.
        """
        with self._unavailable_as_known_error(), self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(**{_SQLITE_BEGIN: "IMMEDIATE"})
            tx = conn.begin()
            try:
                yield conn
                tx.commit()
            except BaseException:
                _quiet_rollback(tx)
                raise

    @contextmanager
    def _unavailable_as_known_error(self) -> Iterator[None]:
        # A lost link is something the user can act on (wait, reconnect, work offline),
        # so it becomes the known DatabaseUnavailableError; every other error stays as is.
        try:
            yield
        except DBAPIError as exc:
            if is_refused_by_permissions(exc):
                # Grants and row security are the last line of defence (e.g. a lease that
                # expired between our clock check and the server's): a calm, known error.
                detail = _first_line(exc)
                log.warning("database refused: %s", detail)
                raise PermissionDeniedError(f"The database refused this: {detail}") from exc
            if not is_unavailable(exc):
                raise
            log.warning("database unavailable: %s", describe_db_error(self.engine, exc))
            raise DatabaseUnavailableError(describe_db_error(self.engine, exc)) from exc

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
