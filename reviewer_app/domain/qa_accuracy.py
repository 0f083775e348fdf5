"""QA accuracy by group with Wilson intervals, and stratified estimates per sample."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from reviewer_app.domain.errors import NotEnoughDataError
from reviewer_app.domain.qa_models import AccuracyRow, AuditedDecision
from reviewer_app.domain.qa_stats import StratifiedAccuracy, Stratum, stratified_accuracy
from reviewer_app.domain.qa_stats import wilson_interval as wilson

GROUPS = ("reviewer", "queue", "policy", "market", "language", "week")


def group_of(row: AuditedDecision, by: str) -> str:
    """The label of ``row``'s group for a cut (``week`` is the ISO week of the decision)."""
    if by == "week":
        year, week, _ = row.decided_at.isocalendar()
        return f"{year}-W{week:02d}"
    return {"reviewer": row.reviewer, "queue": row.queue, "policy": row.policy,
            "market": row.market, "language": row.language}[by]


def accuracy_by(rows: Iterable[AuditedDecision], by: str) -> tuple[AccuracyRow, ...]:
    """Correct ÷ audited per group with a Wilson 95% interval, risk picks left out.

    Risk-based samples are chosen for being risky, so they would bias accuracy down;
    DOMAIN.md has them reported apart. Groups are sorted by label.
    """
    if by not in GROUPS:
        raise ValueError(f"Accuracy can be cut by {', '.join(GROUPS)}, not {by!r}")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        if row.risk_reason is not None:
            continue
        tally = counts[group_of(row, by)]
        tally[0] += 1
        tally[1] += row.correct
    out = []
    for name in sorted(counts):
        audited, correct = counts[name]
        low, high = wilson(correct, audited)
        out.append(AccuracyRow(name, audited, correct, correct / audited, low, high))
    return tuple(out)


def stratified_for_sample(rows: Iterable[AuditedDecision], sample_id: int,
                          population: Mapping[str, int]) -> StratifiedAccuracy | None:
    """Σ (N_h/N)·p_h over a stratified sample's strata (None if a stratum is unaudited)."""
    audited: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        if row.sample_id == sample_id and row.stratum is not None:
            audited[row.stratum][0] += 1
            audited[row.stratum][1] += row.correct
    strata = [Stratum(population=n, audited=audited[name][0], correct=audited[name][1])
              for name, n in population.items()]
    try:
        return stratified_accuracy(strata)
    except NotEnoughDataError:
        return None
