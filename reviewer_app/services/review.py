"""Review use cases: open a case, offer reason codes and templates, record a decision."""

from __future__ import annotations

from reviewer_app.data.db import Database
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.models import (
    CaseDetail,
    Changes,
    DecisionDraft,
    ReasonCode,
    ResponseTemplate,
)
from reviewer_app.services.clock import Clock, utc_now


class ReviewService:
    """Everything between opening a case and the decision being stored."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def open_case(self, appeal_id: int) -> CaseDetail:
        """The full case: header, enforcement, statement, history, related appeals, events."""
        raise NotImplementedError

    def reason_codes(self, policy_code: str) -> tuple[ReasonCode, ...]:
        """Active reason codes for the policy (policy-specific plus general ones)."""
        raise NotImplementedError

    def response_template(self, outcome: Outcome, language: str) -> ResponseTemplate | None:
        """Template for the outcome in the language (falls back to English)."""
        raise NotImplementedError

    def decide(self, user_id: int, draft: DecisionDraft) -> Changes:
        """Validate and store the decision, its events and the SOP version in one transaction.

        Raises ``IncompleteDecisionError`` (with field errors), ``LeaseLostError`` when the
        user no longer holds the lease, ``PermissionDeniedError`` for an ineligible user.
        """
        raise NotImplementedError
