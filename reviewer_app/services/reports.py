"""Reports: the KPI report for a period and cut, and the EU DSA transparency figures.

The database aggregates (``data.kpi_store``), the domain turns counts into rates
(``domain.kpis``); this module only puts the two together in one read transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reviewer_app.data.db import Database
from reviewer_app.data.kpi_store import Progress, kpi_counts, query_count
from reviewer_app.domain.kpis import (
    DsaFigures,
    KpiCounts,
    KpiReport,
    Period,
    check_cut,
    compute_kpis,
    dsa_figures,
)


def kpi_report(db: Database, period: Period, by: str | None = None,
               progress: Progress | None = None) -> KpiReport:
    """KPIs of ``period`` overall and, with ``by``, per value of that cut.

    The overall figures and the groups are read in one transaction, so they agree with
    each other on PostgreSQL even while reviewers keep deciding. ``progress(done, total)``
    counts the queries run.

    Raises:
        ReportInputError: ``by`` is not one of ``domain.kpis.CUTS``.
        DatabaseUnavailableError: the database went away.
    """
    check_cut(by)
    cuts: list[str | None] = [None] if by is None else [None, by]
    steps = sum(query_count(cut) for cut in cuts)
    done = 0

    def step(_done: int, _total: int) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps)

    with db.read() as session:
        counts = [kpi_counts(session, period, cut, step) for cut in cuts]
    overall = compute_kpis(counts[0][None])
    groups = {} if by is None else {str(g): compute_kpis(c) for g, c in counts[1].items()}
    return KpiReport(period=period, by=by, overall=overall, groups=groups)


@dataclass(frozen=True)
class DsaReport:
    """DSA transparency figures per market and in total."""

    period: Period
    markets: Mapping[str, DsaFigures]
    total: DsaFigures

    def as_dict(self) -> dict[str, Any]:
        """The ``report dsa --json`` shape."""
        return {
            "period": {"from": self.period.first_day.isoformat(),
                       "to": self.period.last_day.isoformat()},
            "markets": {m: f.as_dict() for m, f in self.markets.items()},
            "total": self.total.as_dict(),
        }


def dsa_report(db: Database, period: Period) -> DsaReport:
    """Complaints received, decisions by final outcome, median time to decision (hours)
    and reversals (overturn + partial), per market of the appeal and in total.

    Raises:
        DatabaseUnavailableError: the database went away.
    """
    with db.read() as session:
        total: KpiCounts = kpi_counts(session, period)[None]
        markets = kpi_counts(session, period, "market")
    return DsaReport(period=period, total=dsa_figures(total),
                     markets={str(m): dsa_figures(c) for m, c in markets.items()})
