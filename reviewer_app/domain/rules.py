"""Decision, lifecycle and eligibility rules (contract; the core helper implements them)."""

from __future__ import annotations

from reviewer_app.domain.models import DecisionDraft, FieldError

# Field names used in FieldError.field (the decision form maps them to its widgets):
#   "outcome", "reason_code", "rationale", "response_text", "what_changes",
#   "escalation_reason", "requested_documents"
# Codes used in FieldError.code (ui/labels.py translates them):
#   "required", "not_allowed" (reason code not valid for outcome/policy),
#   "missing_redress" (response lacks the redress text)


def validate_decision(
    draft: DecisionDraft,
    *,
    allowed_reason_codes: frozenset[str],
    redress_text: str | None,
) -> tuple[FieldError, ...]:
    """Every reason the draft is incomplete; empty when it may be saved (see DOMAIN.md)."""
    raise NotImplementedError
