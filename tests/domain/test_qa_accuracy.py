"""Accuracy by group (Wilson intervals, risk picks apart) and per stratified sample."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reviewer_app.domain.qa_accuracy import accuracy_by, stratified_for_sample
from reviewer_app.domain.qa_models import AuditedDecision

MON = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # ISO week 2026-W02


def audit(reviewer: str, correct: bool, *, policy: str = "IP", stratum: str | None = None,
          sample_id: int | None = 1, risk: str | None = None,
          at: datetime = MON) -> AuditedDecision:
    return AuditedDecision(reviewer_user_id=hash(reviewer) % 1000, reviewer=reviewer,
                           queue="general", policy=policy, market="DE", language="de",
                           decided_at=at, correct=correct, sample_id=sample_id,
                           stratum=stratum, risk_reason=risk)


def test_accuracy_per_reviewer_with_wilson_interval_and_risk_picks_apart() -> None:
    rows = ([audit("Ana", True)] * 8 + [audit("Ana", False)] * 2
            + [audit("Ben", True)] * 3 + [audit("Ben", False, risk="fast_decision")] * 5)
    ana, ben = accuracy_by(rows, "reviewer")
    assert (ana.group, ana.audited, ana.correct, ana.accuracy) == ("Ana", 10, 8, 0.8)
    # Wilson 95% for 8/10 by hand: centre (8 + 1.96²/2)/(10 + 1.96²) = 0.7166,
    # half-width 1.96·sqrt(0.8·0.2/10 + 1.96²/400)/(1 + 1.96²/10) = 0.2565.
    assert ana.low == pytest.approx(0.4902, abs=1e-4)
    assert ana.high == pytest.approx(0.9433, abs=1e-4)
    assert (ben.audited, ben.correct) == (3, 3)  # the five risk picks are not in accuracy


def test_accuracy_by_week_and_unknown_cut() -> None:
    rows = [audit("Ana", True), audit("Ana", False, at=datetime(2026, 1, 12, tzinfo=UTC))]
    assert [(r.group, r.accuracy) for r in accuracy_by(rows, "week")] == [
        ("2026-W02", 1.0), ("2026-W03", 0.0)]
    with pytest.raises(ValueError, match="cut by"):
        accuracy_by(rows, "colour")


def test_stratified_estimate_weights_strata_by_population_not_by_audits() -> None:
    # Stratum a: 900 decisions, 10 audited, 9 correct; b: 100 decisions, 10 audited, 5
    # correct. Weighted: 0.9·0.9 + 0.1·0.5 = 0.86; pooled would wrongly say 14/20 = 0.70.
    rows = ([audit("Ana", True, stratum="a")] * 9 + [audit("Ana", False, stratum="a")]
            + [audit("Ben", True, stratum="b")] * 5 + [audit("Ben", False, stratum="b")] * 5)
    est = stratified_for_sample(rows, 1, {"a": 900, "b": 100})
    assert est is not None
    assert est.estimate == pytest.approx(0.86)
    assert est.low < 0.86 < est.high
    assert stratified_for_sample(rows, 1, {"a": 900, "b": 100, "c": 50}) is None  # c unaudited
