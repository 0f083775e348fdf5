"""User use cases: who can sign in on the embedded database."""

from __future__ import annotations

from reviewer_app.data import db_roles, user_repository
from reviewer_app.data.db import Database
from reviewer_app.domain.models import User


class UserService:
    """Users and their skills."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list_users(self, *, active_only: bool = True) -> tuple[User, ...]:
        """Users ordered by role (reviewer, qa, lead, admin) then display name."""
        with self._db.read() as session:
            return user_repository.list_users(session, active_only=active_only)

    def get(self, user_id: int) -> User:
        """One user with skills; ``NotFoundError`` if absent."""
        with self._db.read() as session:
            return user_repository.get_user(session, user_id)

    def signed_in_user(self) -> User | None:
        """The active app user whose login is the signed-in PostgreSQL role, or None.

        None on SQLite (no roles) and for a role without a users row (e.g. the superuser
        ``postgres``): the app then lets the person choose who they are.
        """
        with self._db.read() as session:
            login = db_roles.signed_in_login(session)
            if login is None:
                return None
            user = user_repository.find_by_login(session, login)
        return user if user is not None and user.active else None
