"""Typed errors: known failures the UI shows calmly (anything else is a bug)."""

from __future__ import annotations

from reviewer_app.domain.models import FieldError, OtherChange


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
    """The user no longer holds the lease (expired or taken by someone else).

    Attributes:
        other: the change that took the case away (a claim, a decision, an expiry), when
            the event log names one; the message then says who and when.
    """

    def __init__(self, message: str = "", *, other: OtherChange | None = None) -> None:
        super().__init__(message)
        self.other = other

    def __reduce__(self) -> tuple[object, ...]:
        # Keeps ``other`` when the error crosses a process boundary (pickle).
        return (_rebuild, (type(self), str(self), self.other))


class ConflictError(ReviewerError):
    """Someone else changed the row since it was read (optimistic version check).

    Attributes:
        other: the change that won (who, when, what), when the event log names one.
    """

    def __init__(self, message: str = "", *, other: OtherChange | None = None) -> None:
        super().__init__(message)
        self.other = other

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), str(self), self.other))


def _rebuild(cls: type[ConflictError | LeaseLostError], message: str,
             other: OtherChange | None) -> ConflictError | LeaseLostError:
    return cls(message, other=other)


class NoteRequiredError(ReviewerError):
    """Holding a case for help or handing it off needs a note for the colleague."""


class HandOffRefusedError(ReviewerError):
    """The chosen colleague cannot take the case.

    Attributes:
        reason: ``SAME_USER``, ``INACTIVE``, or a ``rules.claim_ineligibility`` code.
        colleague: the colleague's display name.
    """

    SAME_USER = "same_user"
    INACTIVE = "inactive"

    def __init__(self, message: str, *, reason: str, colleague: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.colleague = colleague

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_hand_off, (str(self), self.reason, self.colleague))


def _rebuild_hand_off(message: str, reason: str, colleague: str) -> HandOffRefusedError:
    return HandOffRefusedError(message, reason=reason, colleague=colleague)


class PermissionDeniedError(ReviewerError):
    """The user's role or history does not allow this action."""


class IncompleteDecisionError(ReviewerError):
    """The decision draft is missing required fields."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


class NotSupportedError(ReviewerError):
    """The action needs something this database does not offer (e.g. roles on SQLite)."""


class NotEnoughDataError(ReviewerError):
    """The data cannot support the statistic asked for.

    For example no item rated by two raters, a single category in use (so chance agreement
    is certain and kappa or alpha undefined), or a stratum with population but no audits.
    """


class InvalidInputError(ReviewerError):
    """What the user entered cannot be used; the message says what to change."""
