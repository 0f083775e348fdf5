"""Per-reviewer figures for the team lead's table, and alerts when a reviewer's QA-fail or
overturn rate jumps well above their own baseline.

Pure arithmetic over per-person counts that the data layer aggregates in SQL
(``data/reviewer_stats_store.py``); nothing here reads rows. The figures mean exactly what
the personal dashboard shows for the same person and range (``domain/dashboard.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from reviewer_app.domain.dashboard import aht_seconds, per_productive_hour
from reviewer_app.domain.qa_stats import wilson_interval

# The alert compares the last RECENT_DAYS with the BASELINE_DAYS before them.
RECENT_DAYS = 7
BASELINE_DAYS = 56
# Below these sample sizes a rate says too little to raise an alert on.
MIN_RECENT = 10
MIN_BASELINE = 20
CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class ReviewerCounts:
    """What one reviewer did in a time window (decisions by their ``decided_at``).

    Attributes:
        decisions: final decisions (uphold, overturn, partial, reject as inadmissible).
        handle_seconds: Σ active handle seconds of those final decisions.
        handled: distinct appeals with a final decision or a handling step by them.
        escalated: distinct appeals they escalated.
        audited: published QA audits of their decisions made in the window.
        audited_correct: of those, the ones scored above 0 (no critical error).
        overturned: their final decisions later overturned: a 2nd-round appeal of it ended
            in overturn or partial, or a published QA audit failed it (score 0).
    """

    decisions: int = 0
    handle_seconds: float = 0.0
    handled: int = 0
    escalated: int = 0
    audited: int = 0
    audited_correct: int = 0
    overturned: int = 0

    @property
    def audits_failed(self) -> int:
        """Published audits that failed the decision."""
        return self.audited - self.audited_correct


@dataclass(frozen=True, slots=True)
class ReviewerFigures:
    """One row of the reviewer table; a rate is None where its denominator is 0.

    Attributes:
        decisions: final decisions in the range (throughput).
        per_productive_hour: decisions ÷ productive hours (as on the personal dashboard).
        aht_seconds: Σ active handle seconds ÷ decisions.
        accuracy: correct ÷ audited, with its Wilson 95% interval ``accuracy_low`` ..
            ``accuracy_high``.
        audited: how many audits the accuracy rests on.
        overturn_rate: overturned ÷ decisions.
        escalation_rate: escalated ÷ handled.
    """

    decisions: int
    per_productive_hour: float | None
    aht_seconds: float | None
    accuracy: float | None
    accuracy_low: float | None
    accuracy_high: float | None
    audited: int
    overturn_rate: float | None
    escalation_rate: float | None


def reviewer_figures(c: ReviewerCounts) -> ReviewerFigures:
    """The table's figures from one reviewer's counts."""
    low = high = accuracy = None
    if c.audited:
        accuracy = c.audited_correct / c.audited
        low, high = wilson_interval(c.audited_correct, c.audited, CONFIDENCE)
    return ReviewerFigures(
        decisions=c.decisions,
        per_productive_hour=per_productive_hour(c.decisions, c.handle_seconds),
        aht_seconds=aht_seconds(c.handle_seconds, c.decisions),
        accuracy=accuracy, accuracy_low=low, accuracy_high=high, audited=c.audited,
        overturn_rate=c.overturned / c.decisions if c.decisions else None,
        escalation_rate=c.escalated / c.handled if c.handled else None)


class AlertKind(StrEnum):
    """Which rate jumped."""

    QA_FAIL = "qa_fail"  # failed published audits ÷ published audits
    OVERTURN = "overturn"  # overturned final decisions ÷ final decisions


@dataclass(frozen=True, slots=True)
class RateAlert:
    """A rate well above the person's own baseline, with the evidence for the reason text.

    Attributes:
        kind: which rate.
        recent_events, recent_n: e.g. 4 failed of 10 audits in the recent window.
        baseline_events, baseline_n: the same in the baseline window.
        recent_low: the recent rate's Wilson lower bound.
        baseline_high: the baseline rate's Wilson upper bound (below ``recent_low``).
    """

    kind: AlertKind
    recent_events: int
    recent_n: int
    baseline_events: int
    baseline_n: int
    recent_low: float
    baseline_high: float

    @property
    def recent_rate(self) -> float:
        """The recent rate (``recent_events ÷ recent_n``)."""
        return self.recent_events / self.recent_n

    @property
    def baseline_rate(self) -> float:
        """The baseline rate (``baseline_events ÷ baseline_n``)."""
        return self.baseline_events / self.baseline_n


def rate_jump(kind: AlertKind, recent_events: int, recent_n: int, baseline_events: int,
              baseline_n: int, *, min_recent: int = MIN_RECENT,
              min_baseline: int = MIN_BASELINE,
              confidence: float = CONFIDENCE) -> RateAlert | None:
    """An alert when the recent rate is *well* above the baseline rate, else None.

    "Well above" means the two Wilson intervals do not overlap: the recent rate's lower
    bound is above the baseline's upper bound. Both samples' noise is thus accounted for
    (comparing with the baseline's point rate alone would flag 1 failure in 10 after 0 in
    20), and a person needs at least ``min_recent`` recent and ``min_baseline`` baseline
    trials: fewer say too little either way.

    Raises:
        ValueError: events outside ``0..n`` (from ``wilson_interval``).
    """
    if recent_n < max(1, min_recent) or baseline_n < max(1, min_baseline):
        return None
    recent_low, _ = wilson_interval(recent_events, recent_n, confidence)
    _, baseline_high = wilson_interval(baseline_events, baseline_n, confidence)
    if recent_low <= baseline_high:
        return None
    return RateAlert(kind=kind, recent_events=recent_events, recent_n=recent_n,
                     baseline_events=baseline_events, baseline_n=baseline_n,
                     recent_low=recent_low, baseline_high=baseline_high)


def reviewer_alerts(recent: ReviewerCounts, baseline: ReviewerCounts
                    ) -> tuple[RateAlert, ...]:
    """The QA-fail and overturn alerts for one person (recent window against baseline).

    Recent decisions have had less time to reach a 2nd-round appeal or an audit than the
    baseline's, which can only hide a jump, never invent one.
    """
    found = (
        rate_jump(AlertKind.QA_FAIL, recent.audits_failed, recent.audited,
                  baseline.audits_failed, baseline.audited),
        rate_jump(AlertKind.OVERTURN, recent.overturned, recent.decisions,
                  baseline.overturned, baseline.decisions),
    )
    return tuple(a for a in found if a is not None)


@dataclass(frozen=True, slots=True)
class ReviewerRow:
    """One person in the table: who, their figures over the range, their alerts."""

    user_id: int
    login: str
    display_name: str
    figures: ReviewerFigures
    alerts: tuple[RateAlert, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewerTable:
    """The reviewer table for ``[start, end)`` and the alert windows it was checked on.

    Attributes:
        days: the range asked for: the ``days`` UTC days up to ``end`` (the end of today).
        recent_start: alerts compare ``[recent_start, end)`` with
            ``[baseline_start, recent_start)``.
        rows: one per reviewer, by display name.
    """

    days: int
    start: datetime
    end: datetime
    recent_start: datetime
    baseline_start: datetime
    rows: tuple[ReviewerRow, ...]

    @property
    def alerted(self) -> tuple[ReviewerRow, ...]:
        """The rows with at least one alert, in table order."""
        return tuple(r for r in self.rows if r.alerts)
