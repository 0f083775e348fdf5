"""Scorecard rules: IQS through the shared formula, the suggested error type, resolutions."""

from __future__ import annotations

import pytest

from reviewer_app.domain.qa_models import (
    Criterion,
    DisputeResolution,
    ErrorType,
    EvaluationResolution,
)
from reviewer_app.domain.scorecard import evaluation_resolution, iqs, suggested_error

CARD = (Criterion(1, "outcome", "Outcome", 40, True), Criterion(2, "reason", "Reason", 25, False),
        Criterion(3, "response", "Response", 20, False),
        Criterion(4, "procedure", "Procedure", 15, False))


def test_iqs_weighted_and_zero_on_a_critical_failure() -> None:
    assert iqs(CARD, {1: 1, 2: 0, 3: 1, 4: 0.5}) == 67.5  # (40 + 20 + 7.5) / 100
    assert iqs(CARD, {1: 0.5, 2: 1, 3: 1, 4: 1}) == 0  # critical not fully met
    with pytest.raises(ValueError, match="Score every criterion"):
        iqs(CARD, {1: 1})
    with pytest.raises(ValueError, match="between 0 and 1"):
        iqs(CARD, {1: 1, 2: 2, 3: 1, 4: 1})


@pytest.mark.parametrize(("original", "right", "expected"), [
    ("uphold", "overturn", ErrorType.WRONG_UPHOLD),
    ("uphold", "partial", ErrorType.WRONG_UPHOLD),
    ("partial", "overturn", ErrorType.WRONG_UPHOLD),  # reduced what should have gone
    ("overturn", "uphold", ErrorType.WRONG_OVERTURN),
    ("overturn", "partial", ErrorType.WRONG_OVERTURN),
    ("partial", "uphold", ErrorType.WRONG_OVERTURN),
    ("reject_inadmissible", "overturn", ErrorType.WRONG_UPHOLD),
    ("escalate", "uphold", ErrorType.WRONG_OVERTURN),
])
def test_a_wrong_outcome_is_named_by_its_direction(original: str, right: str,
                                                   expected: ErrorType) -> None:
    assert suggested_error(original, right, None, None) is expected


def test_reason_and_procedure_errors() -> None:
    assert suggested_error("uphold", "uphold", "UPH-A", "UPH-B") is ErrorType.WRONG_REASON
    assert suggested_error("uphold", "uphold", "UPH-A", "UPH-A") is None
    assert suggested_error("uphold", "uphold", "UPH-A", None, procedure_ok=False) \
        is ErrorType.PROCEDURAL


def test_evaluation_resolution_from_the_answers() -> None:
    a, r = DisputeResolution.ACCEPTED, DisputeResolution.REJECTED
    assert evaluation_resolution([a, a]) is EvaluationResolution.ACCEPTED
    assert evaluation_resolution([a, r]) is EvaluationResolution.PARTIALLY_ACCEPTED
    assert evaluation_resolution([r]) is EvaluationResolution.REJECTED
    with pytest.raises(ValueError):
        evaluation_resolution([])
