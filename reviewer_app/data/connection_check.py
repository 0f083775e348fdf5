"""Trying a PostgreSQL connection once and saying why it failed (for the connection dialog)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reviewer_app.data.db import create_db_engine
from reviewer_app.domain.connection import ConnectionFailedError, ConnectionProblem, hide_password

# libpq reports connection failures as text only (no SQLSTATE before the server answers),
# so the kind of failure is read from the message. Checked in order: the TLS texts come
# first because "SSL SYSCALL error: Connection refused" is a TLS failure, not a refusal.
_MARKERS: tuple[tuple[ConnectionProblem, tuple[str, ...]], ...] = (
    (ConnectionProblem.TLS, (
        "ssl", "certificate", "tls", "does not match host name",
    )),
    (ConnectionProblem.WRONG_PASSWORD, ("password authentication failed",)),
    (ConnectionProblem.NO_PASSWORD, ("no password supplied",)),
    (ConnectionProblem.UNKNOWN_DATABASE, ("database \"",)),
    (ConnectionProblem.UNKNOWN_USER, ("role \"",)),
    (ConnectionProblem.UNKNOWN_HOST, (
        "failed to resolve host", "could not translate host name", "name or service not known",
        "nodename nor servname",
    )),
    (ConnectionProblem.REFUSED, ("connection refused",)),
    (ConnectionProblem.TIMEOUT, ("timeout expired", "timed out")),
    (ConnectionProblem.NOT_ALLOWED, ("no pg_hba.conf entry", "pg_hba.conf rejects")),
)


def classify(message: str) -> ConnectionProblem:
    """The kind of failure behind a libpq/psycopg connection error message."""
    lowered = message.lower()
    if "invalid response to ssl negotiation" in lowered:  # something that is not PostgreSQL
        return ConnectionProblem.OTHER
    for problem, markers in _MARKERS:
        if any(marker in lowered for marker in markers):
            if problem is ConnectionProblem.UNKNOWN_DATABASE and "does not exist" not in lowered:
                continue
            return problem
    return ConnectionProblem.OTHER


def _first_line(exc: BaseException, password: str | None) -> str:
    lines = str(getattr(exc, "orig", exc)).strip().splitlines()
    line = lines[0] if lines else type(exc).__name__
    line = line.removeprefix("connection failed: ")
    # libpq never echoes the password, but a message must not be the first place it does.
    if password:
        line = line.replace(password, "***")
    return hide_password(line)


def check_connection(url: str, password: str | None = None) -> str:
    """Connect once to ``url`` and return the server version (e.g. ``"15.8"``).

    Args:
        url: SQLAlchemy PostgreSQL URL (may hold the password).
        password: the password in ``url``, so it can be scrubbed from messages.

    Raises:
        ConnectionFailedError: with the kind of failure; the message never holds the password.
    """
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one()
    except DBAPIError as exc:
        detail = _first_line(exc, password)
        raise ConnectionFailedError(detail, classify(detail)) from exc
    finally:
        engine.dispose()
    return str(version).split(" ", 1)[0]
