"""Database access for people: ``db grant`` (role + user row) and who is signed in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from reviewer_app.data import db_roles, user_repository
from reviewer_app.data.db import Database
from reviewer_app.data.schema import check_schema
from reviewer_app.domain.enums import Role
from reviewer_app.domain.errors import NotSupportedError, PermissionDeniedError
from reviewer_app.services.workspace import open_workspace, safe_url

# Letters, digits and _ . @ -, at most 63 bytes (PostgreSQL's identifier limit); the
# pg_ prefix is reserved by PostgreSQL and reviewer_app_ by our group roles.
_LOGIN = re.compile(r"[A-Za-z0-9_.@-]{1,63}")
_RESERVED_PREFIXES = ("pg_", "reviewer_app_")


@dataclass(frozen=True, slots=True)
class GrantReport:
    """What ``grant_database_user`` did."""

    login: str
    role: Role
    group_role: str
    role_created: bool
    password_set: bool
    user_id: int
    user_created: bool


def check_login(login: str) -> None:
    """Refuse a login that cannot safely be a PostgreSQL role name.

    Raises:
        PermissionDeniedError: the name is malformed or reserved (the reason is in the text).
    """
    if not _LOGIN.fullmatch(login) or len(login.encode()) > 63:
        raise PermissionDeniedError(
            f"{login!r} cannot be a database login: use 1-63 letters, digits, _ . @ or -"
        )
    if login.lower().startswith(_RESERVED_PREFIXES):
        raise PermissionDeniedError(
            f"{login!r} cannot be a database login: names starting with "
            f"{' or '.join(_RESERVED_PREFIXES)} are reserved"
        )


def grant_database_user(
    db: Database, *, login: str, role: Role, display_name: str | None, password: str | None,
    now: datetime,
) -> GrantReport:
    """Create (or update) the LOGIN role ``login`` in ``role``'s group and its users row.

    One transaction: the role, its group membership and the users row appear together.

    Raises:
        NotSupportedError: the database is SQLite (it has no roles).
        SchemaMismatchError: the database is not at this app's schema (no group roles yet).
        PermissionDeniedError: a bad login, or the connected role may not manage roles.
    """
    if db.dialect != "postgresql":
        raise _needs_postgres(safe_url(str(db.engine.url)))
    check_login(login)
    check_schema(db.engine)
    with db.write() as session:
        created = db_roles.grant_login(session, login=login, role=role, password=password)
        user_id, user_created = user_repository.save_user(
            session, login=login, display_name=display_name, role=role, now=now)
    return GrantReport(
        login=login, role=role, group_role=db_roles.GROUP_ROLES[role], role_created=created,
        password_set=password is not None, user_id=user_id, user_created=user_created,
    )


def grant_on(url: str, *, login: str, role: Role, display_name: str | None,
             password: str | None, now: datetime) -> GrantReport:
    """``grant_database_user`` on the database at ``url`` (opened and closed here).

    An SQLite URL is refused before anything is opened, so no file is ever created.
    """
    if url.startswith("sqlite"):
        raise _needs_postgres(safe_url(url))
    db = open_workspace(url, embedded=False, create=False)
    try:
        return grant_database_user(db, login=login, role=role, display_name=display_name,
                                   password=password, now=now)
    finally:
        db.dispose()


def _needs_postgres(where: str) -> NotSupportedError:
    return NotSupportedError(
        f"Database roles need PostgreSQL: {where} is an SQLite database, which has no "
        "roles (whoever can open the file signs in by choosing a user)"
    )
