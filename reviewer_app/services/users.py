"""User use cases: who can sign in on the embedded database."""

from __future__ import annotations

from reviewer_app.data.db import Database
from reviewer_app.domain.models import User


class UserService:
    """Users and their skills."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list_users(self, *, active_only: bool = True) -> tuple[User, ...]:
        """Users ordered by role then display name."""
        raise NotImplementedError

    def get(self, user_id: int) -> User:
        """One user; ``NotFoundError`` if absent."""
        raise NotImplementedError
