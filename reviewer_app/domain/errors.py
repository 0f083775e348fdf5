"""Typed errors: known failures the UI shows calmly (anything else is a bug)."""

from __future__ import annotations

from reviewer_app.domain.models import FieldError


class ReviewerError(Exception):
    """Base of every known, expected failure."""


class DatabaseUnavailableError(ReviewerError):
    """The database cannot be reached or opened (network, wrong URL, corrupt file)."""


class SchemaMismatchError(ReviewerError):
    """The database schema is older or newer than this client understands."""

    def __init__(self, message: str, *, current: str | None, expected: str, newer: bool) -> None:
        super().__init__(message)
        self.current = current
        self.expected = expected
        self.newer = newer


class NotFoundError(ReviewerError):
    """A row the user asked for does not exist (any more)."""


class NothingToClaimError(ReviewerError):
    """No appeal in the queue is eligible for this user right now."""


class LeaseLostError(ReviewerError):
    """The user no longer holds the lease (expired or taken by someone else)."""


class ConflictError(ReviewerError):
    """Someone else changed the row since it was read (optimistic version check)."""


class PermissionDeniedError(ReviewerError):
    """The user's role or history does not allow this action."""


class IncompleteDecisionError(ReviewerError):
    """The decision draft is missing required fields."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


class NotSupportedError(ReviewerError):
    """The action needs something this database does not offer (e.g. roles on SQLite)."""
