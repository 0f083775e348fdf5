"""Tests for decision validation, the lifecycle state machine and claim eligibility."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.domain import rules
from reviewer_app.domain.enums import CLAIMABLE_STATUSES, AppealStatus, Outcome, Role
from reviewer_app.domain.models import DecisionDraft, FieldError, User

ALLOWED = frozenset({"UPH-X", "OVR-X", "ESC-LEGAL"})
REDRESS = "You may appeal again."


def _draft(outcome: Outcome | None, **kw: object) -> DecisionDraft:
    return DecisionDraft(appeal_id=1, outcome=outcome, **kw)  # type: ignore[arg-type]


def _codes(errors: tuple[FieldError, ...]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in errors}


def test_outcome_required() -> None:
    assert rules.validate_decision(_draft(None), allowed_reason_codes=ALLOWED,
                                   redress_text=None) == (FieldError("outcome", "required"),)


@pytest.mark.parametrize(
    ("outcome", "fields"),
    [
        (Outcome.UPHOLD, {"reason_code", "rationale", "response_text"}),
        (Outcome.OVERTURN, {"reason_code", "rationale", "response_text"}),
        (Outcome.PARTIAL, {"reason_code", "what_changes", "response_text"}),
        (Outcome.ESCALATE, {"escalation_reason"}),
        (Outcome.REQUEST_INFO, {"requested_documents"}),
        (Outcome.REJECT_INADMISSIBLE, {"reason_code", "response_text"}),
    ],
)
def test_required_fields_per_outcome(outcome: Outcome, fields: set[str]) -> None:
    errors = rules.validate_decision(_draft(outcome, rationale="  "),
                                     allowed_reason_codes=ALLOWED, redress_text=REDRESS)
    assert _codes(errors) == {(f, "required") for f in fields}


COMPLETE = {
    Outcome.UPHOLD: dict(reason_code="UPH-X", rationale="r", response_text=f"No. {REDRESS}"),
    Outcome.OVERTURN: dict(reason_code="OVR-X", rationale="r", response_text=f"Yes. {REDRESS}"),
    Outcome.PARTIAL: dict(reason_code="OVR-X", what_changes="w", response_text=f"P. {REDRESS}"),
    Outcome.ESCALATE: dict(escalation_reason="legal"),
    Outcome.REQUEST_INFO: dict(requested_documents=("invoice",)),
    Outcome.REJECT_INADMISSIBLE: dict(reason_code="UPH-X", response_text=f"Late. {REDRESS}"),
}


@pytest.mark.parametrize("outcome", list(Outcome))
def test_complete_drafts_pass(outcome: Outcome) -> None:
    draft = _draft(outcome, **COMPLETE[outcome])
    assert rules.validate_decision(draft, allowed_reason_codes=ALLOWED, redress_text=REDRESS) == ()


def test_reason_code_not_allowed_even_when_optional() -> None:
    draft = _draft(Outcome.UPHOLD, **{**COMPLETE[Outcome.UPHOLD], "reason_code": "NOPE"})
    assert _codes(rules.validate_decision(draft, allowed_reason_codes=ALLOWED,
                                          redress_text=REDRESS)) == {("reason_code", "not_allowed")}
    esc = _draft(Outcome.ESCALATE, escalation_reason="x", reason_code="NOPE")
    assert _codes(rules.validate_decision(esc, allowed_reason_codes=ALLOWED,
                                          redress_text=None)) == {("reason_code", "not_allowed")}
    esc_ok = replace(esc, reason_code="ESC-LEGAL")
    assert rules.validate_decision(esc_ok, allowed_reason_codes=ALLOWED, redress_text=None) == ()


@pytest.mark.parametrize("outcome", sorted(rules.RESPONDING_OUTCOMES))
def test_missing_redress(outcome: Outcome) -> None:
    draft = _draft(outcome, **{**COMPLETE[outcome], "response_text": "No redress here"})
    assert _codes(rules.validate_decision(draft, allowed_reason_codes=ALLOWED,
                                          redress_text=REDRESS)) == {("response_text",
                                                                      "missing_redress")}
    # Without a template there is nothing to insist on.
    assert rules.validate_decision(draft, allowed_reason_codes=ALLOWED, redress_text=None) == ()


@pytest.mark.parametrize("outcome", sorted(rules.RESPONDING_OUTCOMES))
def test_unfilled_template_placeholder_is_refused(outcome: Outcome) -> None:
    response = COMPLETE[outcome]["response_text"]
    draft = _draft(outcome, **{**COMPLETE[outcome], "response_text": "Why: {details}\n" + response})
    assert _codes(rules.validate_decision(draft, allowed_reason_codes=ALLOWED,
                                          redress_text=REDRESS)) == {("response_text",
                                                                      "unfilled_placeholder")}
    # Braces the reviewer wrote on purpose (not a template slot) are fine.
    ok = replace(draft, response_text="Listing {ID-42} restored.\n" + response)
    assert rules.validate_decision(ok, allowed_reason_codes=ALLOWED, redress_text=REDRESS) == ()


def test_blank_requested_documents_do_not_count() -> None:
    draft = _draft(Outcome.REQUEST_INFO, requested_documents=(" ", ""))
    assert _codes(rules.validate_decision(draft, allowed_reason_codes=ALLOWED,
                                          redress_text=REDRESS)) == {("requested_documents",
                                                                      "required")}


# --- lifecycle --------------------------------------------------------------------------

S = AppealStatus
LEGAL = {
    (S.NEW, S.IN_REVIEW), (S.IN_REVIEW, S.DECIDED), (S.IN_REVIEW, S.ESCALATED),
    (S.ESCALATED, S.IN_REVIEW), (S.IN_REVIEW, S.AWAITING_INFO), (S.AWAITING_INFO, S.NEW),
    (S.DECIDED, S.REOPENED), (S.REOPENED, S.IN_REVIEW),
    (S.IN_REVIEW, S.NEW), (S.IN_REVIEW, S.REOPENED),
}


@pytest.mark.parametrize("before", list(S))
@pytest.mark.parametrize("after", list(S))
def test_transition_table(before: S, after: S) -> None:
    if (before, after) in LEGAL:
        assert rules.transition(before, after) is after
    else:
        with pytest.raises(rules.IllegalTransitionError):
            rules.transition(before, after)


@given(st.lists(st.sampled_from(list(S)), max_size=40))
def test_random_walks_obey_lifecycle(targets: list[S]) -> None:
    """Applying any sequence of requested moves keeps the appeal on legal paths only."""
    state = S.NEW
    claimed_from: S | None = None
    for target in targets:
        try:
            new = rules.transition(state, target)
        except rules.IllegalTransitionError:
            assert (state, target) not in LEGAL
            continue
        assert (state, new) in LEGAL
        if new is S.DECIDED:
            assert state is S.IN_REVIEW  # only a leased appeal is decided
        if new is S.IN_REVIEW:
            claimed_from = state
        elif state is S.IN_REVIEW and new in CLAIMABLE_STATUSES:
            assert claimed_from is not None
        state = new
    assert state in S


def test_release_returns_previous_status() -> None:
    for previous in CLAIMABLE_STATUSES:
        assert rules.release_status(S.IN_REVIEW, previous) is previous
    with pytest.raises(rules.IllegalTransitionError):
        rules.release_status(S.IN_REVIEW, S.DECIDED)
    with pytest.raises(rules.IllegalTransitionError):
        rules.release_status(S.NEW, S.NEW)


@pytest.mark.parametrize(
    ("outcome", "status"),
    [(Outcome.UPHOLD, S.DECIDED), (Outcome.OVERTURN, S.DECIDED), (Outcome.PARTIAL, S.DECIDED),
     (Outcome.REJECT_INADMISSIBLE, S.DECIDED), (Outcome.ESCALATE, S.ESCALATED),
     (Outcome.REQUEST_INFO, S.AWAITING_INFO)],
)
def test_status_after(outcome: Outcome, status: S) -> None:
    assert rules.status_after(outcome) is status
    assert rules.can_transition(S.IN_REVIEW, status)


# --- eligibility ------------------------------------------------------------------------

USER = User(id=7, login="ana", display_name="Ana", role=Role.REVIEWER,
            languages=frozenset({"de", "en"}), markets=frozenset(), policies=frozenset({"P1"}))
BASE = dict(status=S.NEW, language="de", market="DE", policy_code="P1",
            enforcement_decided_by=None)


def test_eligible() -> None:
    assert rules.claim_ineligibility(USER, **BASE) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": S.IN_REVIEW}, "not_claimable"),
        ({"status": S.DECIDED}, "not_claimable"),
        ({"enforcement_decided_by": 7}, "original_decider"),
        ({"first_round_decider_ids": frozenset({7})}, "first_round_reviewer"),
        ({"language": "fr"}, "missing_skill"),
        ({"policy_code": "P2"}, "missing_skill"),
    ],
)
def test_ineligible(change: dict[str, object], code: str) -> None:
    assert rules.claim_ineligibility(USER, **{**BASE, **change}) == code  # type: ignore[arg-type]


def test_empty_skill_kind_means_any() -> None:
    anyone = replace(USER, languages=frozenset(), policies=frozenset())
    assert rules.claim_ineligibility(anyone, **{**BASE, "language": "zh-CN",  # type: ignore[arg-type]
                                                "policy_code": "P9"}) is None
    assert rules.claim_ineligibility(anyone, **{**BASE, "enforcement_decided_by": 8}) is None  # type: ignore[arg-type]
