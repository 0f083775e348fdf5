"""KPI maths for reports: periods, nearest-rank percentiles and rates (DOMAIN.md "KPIs").

Pure functions over counts the data layer aggregates in SQL; nothing here reads rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.qa_stats import wilson_interval

FINAL_OUTCOMES = ("uphold", "overturn", "partial", "reject_inadmissible")
CUTS = ("market", "policy", "queue", "reviewer", "language")
# Fractions, not floats: ceil(0.95 * n) in floating point can land one rank too high
# (0.95 * 60 = 57.00000000000001), and the SQL side must use the very same integers.
MEDIAN, P90, P95 = Fraction(1, 2), Fraction(9, 10), Fraction(19, 20)
QUANTILES = (MEDIAN, P90, P95)
KPI_KEYS = (
    "intake", "decisions", "backlog_end", "median_ttd_hours", "p90_ttd_hours",
    "p95_ttd_hours", "sla_compliance", "sla_compliance_inclusive", "aht_seconds",
    "overturn_rate", "full_overturn_rate", "partial_rate", "escalation_rate",
    "info_request_rate", "qa_accuracy", "qa_accuracy_ci", "dispute_rate",
)
_US_PER_HOUR = 3_600_000_000


class ReportInputError(ReviewerError):
    """A report was asked for with an unusable period or cut."""


@dataclass(frozen=True)
class Period:
    """``--from A --to B``: the instants ``A 00:00 ≤ t < (B + 1 day) 00:00`` UTC."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ReportInputError(f"--to {self.last_day} is before --from {self.first_day}")

    @property
    def start(self) -> datetime:
        """The first instant inside the period."""
        return datetime.combine(self.first_day, time(0), tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the period (exclusive bound)."""
        return datetime.combine(self.last_day + timedelta(days=1), time(0), tzinfo=UTC)


def parse_day(option: str, text: str) -> date:
    """A ``YYYY-MM-DD`` date from the command line, or ``ReportInputError``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportInputError(f"{option}: {text!r} is not a date (use YYYY-MM-DD)") from None


def check_cut(by: str | None) -> None:
    """Raise ``ReportInputError`` unless ``by`` is None or one of ``CUTS``."""
    if by is not None and by not in CUTS:
        raise ReportInputError(f"--by: unknown cut {by!r} (choose from {', '.join(CUTS)})")


def nearest_rank(q: Fraction, n: int) -> int:
    """The 1-based rank ``ceil(q·n)`` of the nearest-rank ``q`` quantile of ``n`` values."""
    if n < 1:
        raise ValueError("a percentile of no values is undefined")
    if not 0 < q <= 1:
        raise ValueError(f"quantile must be in (0, 1], got {q}")
    return max(1, -(-q.numerator * n // q.denominator))


def percentile(values: Sequence[float], q: Fraction) -> float | None:
    """Nearest-rank percentile: the ``ceil(q·n)``-th smallest value; None for no values."""
    if not values:
        return None
    return sorted(values)[nearest_rank(q, len(values)) - 1]


def rate(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``, or None when the denominator is 0 (never a fake 0)."""
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class KpiCounts:
    """What SQL aggregates for one group (or the whole period) before any division.

    ``intake``, ``backlog_end`` and ``open_past_sla_end`` are None when the cut cannot
    attribute them (open appeals have no reviewer). ``ttd_us_at_rank`` maps a 1-based
    rank among the decided appeals' times to decision to that value in microseconds.
    """

    intake: int | None = 0
    backlog_end: int | None = 0
    open_past_sla_end: int | None = 0
    decided: int = 0
    decided_within_sla: int = 0
    handle_seconds: float = 0.0
    outcomes: Mapping[str, int] = field(default_factory=dict)
    ttd_us_at_rank: Mapping[int, int] = field(default_factory=dict)
    handled: int = 0
    escalated: int = 0
    info_requested: int = 0
    audited: int = 0
    audited_correct: int = 0
    disputed: int = 0


@dataclass(frozen=True)
class Kpis:
    """The report's figures for one group; ``as_dict`` gives exactly ``KPI_KEYS``."""

    intake: int | None
    decisions: int
    backlog_end: int | None
    median_ttd_hours: float | None
    p90_ttd_hours: float | None
    p95_ttd_hours: float | None
    sla_compliance: float | None
    sla_compliance_inclusive: float | None
    aht_seconds: float | None
    overturn_rate: float | None
    full_overturn_rate: float | None
    partial_rate: float | None
    escalation_rate: float | None
    info_request_rate: float | None
    qa_accuracy: float | None
    qa_accuracy_ci: tuple[float | None, float | None]
    dispute_rate: float | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the interval as a two-element list."""
        out = {key: getattr(self, key) for key in KPI_KEYS}
        out["qa_accuracy_ci"] = list(self.qa_accuracy_ci)
        return out


def ttd_hours(counts: KpiCounts, q: Fraction) -> float | None:
    """The nearest-rank ``q`` time to decision in hours, None when nothing was decided."""
    if not counts.decided:
        return None
    return counts.ttd_us_at_rank[nearest_rank(q, counts.decided)] / _US_PER_HOUR


def compute_kpis(c: KpiCounts) -> Kpis:
    """Turn aggregated counts into rates (DOMAIN.md "Precise rules for reports")."""
    overturned = c.outcomes.get("overturn", 0)
    partial = c.outcomes.get("partial", 0)
    inclusive = (None if c.open_past_sla_end is None
                 else rate(c.decided_within_sla, c.decided + c.open_past_sla_end))
    ci: tuple[float | None, float | None] = (
        wilson_interval(c.audited_correct, c.audited) if c.audited else (None, None))
    return Kpis(
        intake=c.intake, decisions=c.decided, backlog_end=c.backlog_end,
        median_ttd_hours=ttd_hours(c, MEDIAN), p90_ttd_hours=ttd_hours(c, P90),
        p95_ttd_hours=ttd_hours(c, P95),
        sla_compliance=rate(c.decided_within_sla, c.decided),
        sla_compliance_inclusive=inclusive,
        aht_seconds=rate(c.handle_seconds, c.decided),
        overturn_rate=rate(overturned + partial, c.decided),
        full_overturn_rate=rate(overturned, c.decided),
        partial_rate=rate(partial, c.decided),
        escalation_rate=rate(c.escalated, c.handled),
        info_request_rate=rate(c.info_requested, c.handled),
        qa_accuracy=rate(c.audited_correct, c.audited), qa_accuracy_ci=ci,
        dispute_rate=rate(c.disputed, c.audited),
    )


@dataclass(frozen=True)
class KpiReport:
    """A whole report: the period overall and, with a cut, one entry per group value."""

    period: Period
    by: str | None
    overall: Kpis
    groups: Mapping[str, Kpis]

    def as_dict(self) -> dict[str, Any]:
        """The ``--json`` shape: the overall object, or ``{"overall", "groups"}``."""
        if self.by is None:
            return self.overall.as_dict()
        return {"overall": self.overall.as_dict(),
                "groups": {k: v.as_dict() for k, v in self.groups.items()}}


@dataclass(frozen=True)
class KpiBook:
    """A business review: the period overall and, per cut, one figure set per group.

    ``cuts`` maps each cut (a ``CUTS`` name, in the order asked) to its groups, sorted by
    value; ``report(by)`` gives the same ``KpiReport`` as asking for that cut alone.
    """

    period: Period
    overall: Kpis
    cuts: Mapping[str, Mapping[str, Kpis]]

    def report(self, by: str | None) -> KpiReport:
        """The ``report kpis [--by by]`` view of this book."""
        groups: Mapping[str, Kpis] = {} if by is None else self.cuts[by]
        return KpiReport(period=self.period, by=by, overall=self.overall, groups=groups)


@dataclass(frozen=True)
class DsaFigures:
    """EU DSA transparency figures for the internal complaint system, one market or all."""

    complaints_received: int
    decisions_by_outcome: Mapping[str, int]
    median_ttd_hours: float | None
    reversed: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"complaints_received": self.complaints_received,
                "decisions_by_outcome": dict(self.decisions_by_outcome),
                "median_ttd_hours": self.median_ttd_hours, "reversed": self.reversed}


def dsa_figures(c: KpiCounts) -> DsaFigures:
    """Complaints = appeals received; reversed = overturned + partially overturned."""
    return DsaFigures(
        complaints_received=c.intake or 0,
        decisions_by_outcome={o: c.outcomes.get(o, 0) for o in FINAL_OUTCOMES},
        median_ttd_hours=ttd_hours(c, MEDIAN),
        reversed=c.outcomes.get("overturn", 0) + c.outcomes.get("partial", 0),
    )
