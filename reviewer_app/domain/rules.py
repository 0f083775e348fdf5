"""Decision, lifecycle and eligibility rules: pure functions the services enforce."""

from __future__ import annotations

import re
from collections.abc import Mapping

from reviewer_app.domain.enums import CLAIMABLE_STATUSES, AppealStatus, Outcome
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.models import DecisionDraft, FieldError, User

# Field names used in FieldError.field (the decision form maps them to its widgets):
#   "outcome", "reason_code", "rationale", "response_text", "what_changes",
#   "escalation_reason", "requested_documents"
# Codes used in FieldError.code (ui/labels.py translates them):
#   "required", "not_allowed" (reason code not valid for outcome/policy),
#   "missing_redress" (response lacks the redress text),
#   "unfilled_placeholder" (a template slot such as {details} was left in the response)

REQUIRED = "required"
NOT_ALLOWED = "not_allowed"
MISSING_REDRESS = "missing_redress"
UNFILLED_PLACEHOLDER = "unfilled_placeholder"

# Template slots look like {details}; one left in the text would reach the appellant as is.
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

# Text fields each outcome needs (DOMAIN.md decision table), in form order.
_REQUIRED_TEXT: Mapping[Outcome, tuple[str, ...]] = {
    Outcome.UPHOLD: ("reason_code", "rationale", "response_text"),
    Outcome.OVERTURN: ("reason_code", "rationale", "response_text"),
    Outcome.PARTIAL: ("reason_code", "what_changes", "response_text"),
    Outcome.ESCALATE: ("escalation_reason",),
    Outcome.REQUEST_INFO: (),
    Outcome.REJECT_INADMISSIBLE: ("reason_code", "response_text"),
}

# Outcomes whose response goes to the appellant and so must carry the redress text.
RESPONDING_OUTCOMES = frozenset(
    {Outcome.UPHOLD, Outcome.OVERTURN, Outcome.PARTIAL, Outcome.REJECT_INADMISSIBLE}
)


def find_placeholder(text: str) -> tuple[int, int] | None:
    """Start and end of the first unfilled template slot in ``text``, if any."""
    match = _PLACEHOLDER.search(text)
    return match.span() if match else None


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def validate_decision(
    draft: DecisionDraft,
    *,
    allowed_reason_codes: frozenset[str],
    redress_text: str | None,
) -> tuple[FieldError, ...]:
    """Every reason the draft is incomplete; empty when it may be saved (see DOMAIN.md).

    Args:
        draft: what the reviewer filled in.
        allowed_reason_codes: active codes for this outcome's policy; a given code outside
            this set is ``not_allowed`` (also for outcomes where the code is optional).
        redress_text: redress text of the response template in the response language;
            when given, responding outcomes must contain it verbatim.

    Returns:
        Field errors in form order; empty when the draft may be saved.
    """
    if draft.outcome is None:
        return (FieldError("outcome", REQUIRED),)
    errors: list[FieldError] = []
    for name in _REQUIRED_TEXT[draft.outcome]:
        if _blank(getattr(draft, name)):
            errors.append(FieldError(name, REQUIRED))
        elif name == "reason_code" and draft.reason_code not in allowed_reason_codes:
            errors.append(FieldError(name, NOT_ALLOWED))
    if (
        "reason_code" not in _REQUIRED_TEXT[draft.outcome]
        and not _blank(draft.reason_code)
        and draft.reason_code not in allowed_reason_codes
    ):
        errors.append(FieldError("reason_code", NOT_ALLOWED))
    if draft.outcome is Outcome.REQUEST_INFO and not any(
        not _blank(doc) for doc in draft.requested_documents
    ):
        errors.append(FieldError("requested_documents", REQUIRED))
    if (
        draft.outcome in RESPONDING_OUTCOMES
        and not _blank(redress_text)
        and not _blank(draft.response_text)
        and redress_text is not None
        and redress_text.strip() not in draft.response_text
    ):
        errors.append(FieldError("response_text", MISSING_REDRESS))
    if (
        draft.outcome in RESPONDING_OUTCOMES
        and find_placeholder(draft.response_text or "") is not None
    ):
        errors.append(FieldError("response_text", UNFILLED_PLACEHOLDER))
    return tuple(errors)


# --- lifecycle --------------------------------------------------------------------------

class IllegalTransitionError(ReviewerError):
    """A status change the lifecycle does not allow (a bug or a stale view)."""

    def __init__(self, before: AppealStatus, after: AppealStatus) -> None:
        super().__init__(f"An appeal cannot go from {before.value} to {after.value}")
        self.before = before
        self.after = after


# new -> in_review -> decided; in_review -> escalated -> in_review;
# in_review -> awaiting_info -> new; decided -> reopened -> in_review;
# release/lease expiry: in_review -> the claimable status it had before the claim.
TRANSITIONS: Mapping[AppealStatus, frozenset[AppealStatus]] = {
    AppealStatus.NEW: frozenset({AppealStatus.IN_REVIEW}),
    AppealStatus.IN_REVIEW: frozenset(
        {AppealStatus.DECIDED, AppealStatus.ESCALATED, AppealStatus.AWAITING_INFO}
        | CLAIMABLE_STATUSES
    ),
    AppealStatus.ESCALATED: frozenset({AppealStatus.IN_REVIEW}),
    AppealStatus.AWAITING_INFO: frozenset({AppealStatus.NEW}),
    AppealStatus.DECIDED: frozenset({AppealStatus.REOPENED}),
    AppealStatus.REOPENED: frozenset({AppealStatus.IN_REVIEW}),
}


def can_transition(before: AppealStatus, after: AppealStatus) -> bool:
    """True when the lifecycle allows going from ``before`` to ``after``."""
    return after in TRANSITIONS[before]


def transition(before: AppealStatus, after: AppealStatus) -> AppealStatus:
    """Return ``after`` if the lifecycle allows it; else raise ``IllegalTransitionError``."""
    if not can_transition(before, after):
        raise IllegalTransitionError(before, after)
    return after


def release_status(current: AppealStatus, return_status: AppealStatus) -> AppealStatus:
    """Status after a release or lease expiry: the claimable status held before the claim."""
    if current is not AppealStatus.IN_REVIEW or return_status not in CLAIMABLE_STATUSES:
        raise IllegalTransitionError(current, return_status)
    return return_status


def status_after(outcome: Outcome) -> AppealStatus:
    """The appeal status a recorded outcome leads to."""
    if outcome is Outcome.ESCALATE:
        return AppealStatus.ESCALATED
    if outcome is Outcome.REQUEST_INFO:
        return AppealStatus.AWAITING_INFO
    return AppealStatus.DECIDED


# --- claim eligibility ------------------------------------------------------------------

# Codes returned by claim_ineligibility (ui/labels.py translates them).
NOT_CLAIMABLE = "not_claimable"
ORIGINAL_DECIDER = "original_decider"
FIRST_ROUND_REVIEWER = "first_round_reviewer"
MISSING_SKILL = "missing_skill"


def has_skills(user: User, *, language: str, market: str, policy_code: str) -> bool:
    """True when the user's skills cover the appeal; an empty skill kind means "any"."""
    return (
        (not user.languages or language in user.languages)
        and (not user.markets or market in user.markets)
        and (not user.policies or policy_code in user.policies)
    )


def claim_ineligibility(
    user: User,
    *,
    status: AppealStatus,
    language: str,
    market: str,
    policy_code: str,
    enforcement_decided_by: int | None,
    first_round_decider_ids: frozenset[int] = frozenset(),
) -> str | None:
    """Why ``user`` may not claim the appeal, as a code; ``None`` when they may.

    Args:
        user: the would-be reviewer with skills.
        status: the appeal's current status (must be claimable).
        language: appeal language; market, policy_code likewise.
        market: appeal market.
        policy_code: appeal policy.
        enforcement_decided_by: user id of the original enforcement's decider, if human.
        first_round_decider_ids: users who recorded a decision on the 1st-round appeal
            (empty for a 1st-round appeal).
    """
    if status not in CLAIMABLE_STATUSES:
        return NOT_CLAIMABLE
    if enforcement_decided_by is not None and enforcement_decided_by == user.id:
        return ORIGINAL_DECIDER
    if user.id in first_round_decider_ids:
        return FIRST_ROUND_REVIEWER
    if not has_skills(user, language=language, market=market, policy_code=policy_code):
        return MISSING_SKILL
    return None
