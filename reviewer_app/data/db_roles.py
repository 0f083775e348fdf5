"""PostgreSQL login roles for people: create one, put it in a group role, see who signed in.

Each person signs in as their own LOGIN role, a member of exactly one of the NOLOGIN group
roles made by migration 0006; ``users.login`` equals the role name, which is how
``reviewer_app_user_id()`` (and ``signed_in_login``) map the connection to the app user.
"""

from __future__ import annotations

from typing import Any

from psycopg import sql
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from reviewer_app.domain.enums import Role
from reviewer_app.domain.errors import PermissionDeniedError

GROUP_ROLES: dict[Role, str] = {role: f"reviewer_app_{role.value}" for role in Role}

INSUFFICIENT_PRIVILEGE = "42501"


def is_postgres(session: Session) -> bool:
    """True on PostgreSQL, the only engine with roles."""
    return session.get_bind().dialect.name == "postgresql"


def signed_in_login(session: Session) -> str | None:
    """The PostgreSQL role this connection signed in as (``session_user``); None on SQLite.

    ``session_user``, not ``current_user``: a ``SET ROLE`` does not change who signed in,
    and the row-security function maps the same name.
    """
    if not is_postgres(session):
        return None
    return str(session.scalar(text("SELECT session_user")))


def role_exists(session: Session, name: str) -> bool:
    """Whether a role of that name exists in the cluster."""
    found = session.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found is not None


def _run(session: Session, statement: sql.Composable) -> None:
    """Execute composed SQL (identifiers and literals quoted by psycopg, never by hand)."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    session.connection().exec_driver_sql(statement.as_string(driver))


def _password_verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM verifier for the password, computed by libpq on this side.

    Only the verifier reaches the server, so the password itself never appears in its
    statement log or in ``pg_stat_activity``.
    """
    driver: Any = session.connection().connection.driver_connection
    verifier: bytes = driver.pgconn.encrypt_password(password.encode(), login.encode())
    return verifier.decode()


def grant_login(session: Session, *, login: str, role: Role, password: str | None) -> bool:
    """Create the LOGIN role if missing, set its password if given, and make it a member
    of ``role``'s group only (other app groups are revoked). Returns True if created.

    Raises:
        PermissionDeniedError: the connected role may not create or grant roles.
    """
    ident = sql.Identifier(login)
    created = not role_exists(session, login)
    try:
        _run(session, sql.SQL("CREATE ROLE {} LOGIN" if created else "ALTER ROLE {} LOGIN")
             .format(ident))
        if password is not None:
            verifier = _password_verifier(session, login, password)
            _run(session, sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                ident, sql.Literal(verifier)))
        for other, group in GROUP_ROLES.items():
            if other is not role and _is_member(session, login, group):
                _run(session, sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), ident))
        _run(session, sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUP_ROLES[role]), ident))
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            detail = str(exc.orig).strip().splitlines()[0]
            raise PermissionDeniedError(
                f"The database refused to create or grant role {login!r}: {detail}. "
                "Run this as a role with CREATEROLE (or a superuser)."
            ) from exc
        raise
    return created


def _is_member(session: Session, login: str, group: str) -> bool:
    found = session.scalar(text(
        "SELECT 1 FROM pg_auth_members AS m JOIN pg_roles AS g ON g.oid = m.roleid "
        "JOIN pg_roles AS r ON r.oid = m.member WHERE g.rolname = :g AND r.rolname = :r"
    ), {"g": group, "r": login})
    return found is not None
