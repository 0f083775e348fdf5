"""Scorecard maths and rules: the IQS score, the suggested error type, dispute outcomes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reviewer_app.domain.qa_models import (
    Criterion,
    DisputeResolution,
    ErrorType,
    EvaluationResolution,
)
from reviewer_app.domain.qa_stats import CriterionResult, iqs_score

PASS = 1.0  # a criterion fully met


def iqs(criteria: Iterable[Criterion], scores: Mapping[int, float]) -> float:
    """Score = 100·Σwᵢsᵢ / Σwᵢ, and 0 if any critical criterion is not fully met.

    ``scores`` maps criterion id to a score in 0..1; every criterion must be scored.

    Raises:
        ValueError: a criterion without a score, or a score outside 0..1.
    """
    criteria = tuple(criteria)
    missing = [c.label for c in criteria if c.id not in scores]
    if missing:
        raise ValueError(f"Score every criterion first: {', '.join(missing)}")
    bad = [c.label for c in criteria if not 0 <= scores[c.id] <= 1]
    if bad:
        raise ValueError(f"Scores must be between 0 and 1: {', '.join(bad)}")
    return round(iqs_score([CriterionResult(c.weight, scores[c.id], c.critical)
                            for c in criteria]), 2)


# How much of the restriction an outcome lifts: a reviewer who lifted less than the right
# answer kept too much (wrong uphold), one who lifted more lifted too much (wrong overturn).
LIFTED = {"uphold": 0, "reject_inadmissible": 0, "partial": 1, "overturn": 2}


def suggested_error(original_outcome: str, correct_outcome: str | None,
                    original_reason: str | None, correct_reason: str | None,
                    procedure_ok: bool = True) -> ErrorType | None:
    """The error type the evidence points to (the auditor may change it).

    A wrong outcome is named by its direction: the reviewer kept more of the restriction
    than was right (wrong uphold: e.g. upheld or reduced what should have been lifted) or
    lifted more than was right (wrong overturn). Handling steps (escalate, request info)
    count by what the reviewer did. The right outcome with the wrong reason code is a wrong
    reason; otherwise a failed procedure is procedural.
    """
    if correct_outcome is not None and correct_outcome != original_outcome:
        mine, right = LIFTED.get(original_outcome), LIFTED.get(correct_outcome)
        if mine is not None and right is not None and mine != right:
            return ErrorType.WRONG_UPHOLD if mine < right else ErrorType.WRONG_OVERTURN
        return ErrorType.WRONG_UPHOLD if mine == 0 else ErrorType.WRONG_OVERTURN
    if correct_reason and original_reason != correct_reason:
        return ErrorType.WRONG_REASON
    return None if procedure_ok else ErrorType.PROCEDURAL


def evaluation_resolution(answers: Iterable[DisputeResolution]) -> EvaluationResolution:
    """All disputes accepted, none, or some (partially accepted)."""
    answers = tuple(answers)
    if not answers:
        raise ValueError("An evaluation is resolved only after its disputes are answered")
    accepted = sum(a is DisputeResolution.ACCEPTED for a in answers)
    if accepted == len(answers):
        return EvaluationResolution.ACCEPTED
    if accepted == 0:
        return EvaluationResolution.REJECTED
    return EvaluationResolution.PARTIALLY_ACCEPTED
