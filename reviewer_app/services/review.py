"""Review use cases: open a case, offer reason codes and templates, record a decision."""

from __future__ import annotations

from typing import Any

from reviewer_app.data import case_repository as cases
from reviewer_app.data import catalog_reads as catalog
from reviewer_app.data import decision_repository as decisions
from reviewer_app.data import lease_repository as leases
from reviewer_app.data import review_writes
from reviewer_app.data.db import Database
from reviewer_app.domain import rules
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import AppealStatus, EventType, Outcome
from reviewer_app.domain.errors import (
    ConflictError,
    IncompleteDecisionError,
    LeaseLostError,
    PermissionDeniedError,
)
from reviewer_app.domain.models import (
    CaseDetail,
    Changes,
    DecisionDraft,
    ReasonCode,
    ResponseTemplate,
)
from reviewer_app.services.refusals import explain_refusal

ESCALATION_QUEUE = "escalations"

_EVENT_FOR = {
    AppealStatus.DECIDED: EventType.DECIDED,
    AppealStatus.ESCALATED: EventType.ESCALATED,
    AppealStatus.AWAITING_INFO: EventType.INFO_REQUESTED,
}


class ReviewService:
    """Everything between opening a case and the decision being stored."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def open_case(self, appeal_id: int) -> CaseDetail:
        """The full case: header, enforcement, statement, history, related appeals, events."""
        with self._db.read() as session:
            return cases.load_case(session, appeal_id)

    def reason_codes(self, policy_code: str) -> tuple[ReasonCode, ...]:
        """Active reason codes for the policy (policy-specific plus general ones)."""
        with self._db.read() as session:
            return catalog.reason_codes(session, policy_code)

    def response_template(self, outcome: Outcome, language: str) -> ResponseTemplate | None:
        """Template for the outcome in the language (falls back to English).

        Fallback order: the exact language, the same primary language (``zh-CN`` finds
        ``zh``), then ``en``; None when the outcome has no template at all.
        """
        with self._db.read() as session:
            return catalog.response_template(session, outcome, language)

    def decide(self, user_id: int, draft: DecisionDraft) -> Changes:
        """Validate and store the decision, its events and the SOP version in one transaction.

        Raises ``IncompleteDecisionError`` (with field errors), ``LeaseLostError`` when the
        user no longer holds the lease, ``PermissionDeniedError`` for an ineligible user.
        A replay with an ``idempotency_key`` already stored changes nothing and returns the
        same ``Changes``; ``ConflictError`` when the appeal changed underneath.
        """
        changes = Changes(appeal_ids=frozenset({draft.appeal_id}), stats_stale=True)
        now = self._clock()
        key = draft.idempotency_key
        # write_core: a bare connection, cheaper than a Session on this hot path.
        with (explain_refusal(self._db, draft.appeal_id, user_id),
              self._db.write_core() as session):
            # The key check, the lease and the appeal's state in one locked read.
            held = leases.held_for_decision(session, draft.appeal_id, key)
            if held is not None and held.decided_under_key:
                return changes
            if (held is None or held.lease.user_id != user_id
                    or held.lease.expires_at < now):
                # A concurrent replay may have committed while we waited for the lock.
                if key and decisions.decision_for_key(session, key) is not None:
                    return changes
                raise LeaseLostError(
                    f"You no longer hold appeal {draft.appeal_id}: the lease expired or "
                    "another reviewer took it"
                )
            state = held.state
            if state.status is not AppealStatus.IN_REVIEW:
                raise ConflictError(f"Appeal {draft.appeal_id} is {state.status.value}")
            if (state.enforcement_decided_by == user_id
                    or user_id in state.first_round_decider_ids):
                raise PermissionDeniedError(
                    f"You may not decide appeal {draft.appeal_id}: you decided an earlier "
                    "step of this case"
                )
            found = catalog.for_decision(
                session, policy_code=state.policy_code, outcome=draft.outcome,
                language=draft.response_language, now=now)
            self._validate(draft, found)
            self._store(session, user_id, draft, state, now, found.sop_id)
        return changes

    @staticmethod
    def _validate(draft: DecisionDraft, found: catalog.DecisionCatalog) -> None:
        errors = rules.validate_decision(
            draft, allowed_reason_codes=found.allowed_reason_codes,
            redress_text=None if found.template is None else found.template.redress_text,
        )
        if errors:
            raise IncompleteDecisionError(errors)

    def _store(self, session: Any, user_id: int, draft: DecisionDraft,
               state: leases.AppealState, now: Any, sop_in_force: int | None) -> None:
        assert draft.outcome is not None
        sop_id = draft.sop_document_id
        if sop_id is None:
            sop_id = sop_in_force
        decision_id = decisions.insert_decision(
            session, user_id=user_id, draft=draft, sop_document_id=sop_id, decided_at=now
        )
        after = rules.transition(state.status, rules.status_after(draft.outcome))
        new_queue = None
        if after is AppealStatus.ESCALATED:
            new_queue = decisions.queue_id(session, ESCALATION_QUEUE)
        comment = {
            AppealStatus.ESCALATED: draft.escalation_reason,
            AppealStatus.AWAITING_INFO: "; ".join(
                d for d in draft.requested_documents if d.strip()),
        }.get(after)
        review_writes.finish_writes(
            session, state, user_id=user_id, now=now, after=after, kind=_EVENT_FOR[after],
            decided_at=now if after is AppealStatus.DECIDED else None, queue_id=new_queue,
            comment=comment or None,
            payload={"decision_id": decision_id, "outcome": draft.outcome.value,
                     "reason_code": draft.reason_code, "sop_document_id": sop_id},
        )
