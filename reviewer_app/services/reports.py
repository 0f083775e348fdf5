"""Reports: the KPI report for a period and cut, and the EU DSA transparency figures.

The database aggregates (``data.kpi_store``), the domain turns counts into rates
(``domain.kpis``); this module only puts the two together in one read transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app.data.db import Database
from reviewer_app.data.kpi_store import Progress, kpi_counts, query_count
from reviewer_app.domain.kpis import (
    CUTS,
    DsaFigures,
    KpiBook,
    KpiCounts,
    KpiReport,
    Period,
    check_cut,
    compute_kpis,
    dsa_figures,
)
from reviewer_app.services.kpi_workbook import write_dsa_workbook, write_kpi_workbook


def kpi_report(db: Database, period: Period, by: str | None = None,
               progress: Progress | None = None) -> KpiReport:
    """KPIs of ``period`` overall and, with ``by``, per value of that cut.

    The overall figures and the groups are read in one transaction, so they agree with
    each other on PostgreSQL even while reviewers keep deciding. ``progress(done, total)``
    counts the queries run; an exception it raises (Ctrl+C, a GUI's cancel) stops the
    report there.

    Raises:
        ReportInputError: ``by`` is not one of ``domain.kpis.CUTS``.
        DatabaseUnavailableError: the database went away.
    """
    check_cut(by)
    return kpi_book(db, period, () if by is None else (by,), progress).report(by)


def _query_counter(progress: Progress | None, steps: int) -> Progress:
    """A per-query callback for ``kpi_counts`` that reports the running total of ``steps``
    queries over several calls."""
    done = 0

    def step(_done: int, _total: int) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps)

    return step


def workbook_cuts(by: str | None) -> tuple[str, ...]:
    """The cuts of the business-review workbook: ``by`` alone, or every cut without one."""
    check_cut(by)
    return CUTS if by is None else (by,)


def kpi_book(db: Database, period: Period, cuts: Sequence[str],
             progress: Progress | None = None) -> KpiBook:
    """KPIs of ``period`` overall and per group of each of ``cuts``, in one transaction.

    ``progress(done, total)`` counts the queries of all the cuts together.

    Raises:
        ReportInputError: a cut is not one of ``domain.kpis.CUTS``.
        DatabaseUnavailableError: the database went away.
    """
    for cut in cuts:
        check_cut(cut)
    step = _query_counter(progress, query_count(None) + sum(query_count(c) for c in cuts))
    with db.read() as session:
        overall = compute_kpis(kpi_counts(session, period, None, step)[None])
        found = {cut: kpi_counts(session, period, cut, step) for cut in cuts}
    return KpiBook(period=period, overall=overall,
                   cuts={cut: {str(g): compute_kpis(c) for g, c in counts.items()}
                         for cut, counts in found.items()})


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


def dsa_report(db: Database, period: Period, progress: Progress | None = None) -> DsaReport:
    """Complaints received, decisions by final outcome, median time to decision (hours)
    and reversals (overturn + partial), per market of the appeal and in total.

    ``progress(done, total)`` counts the queries run, as for ``kpi_report``.

    Raises:
        DatabaseUnavailableError: the database went away.
    """
    step = _query_counter(progress, query_count(None) + query_count("market"))
    with db.read() as session:
        total: KpiCounts = kpi_counts(session, period, None, step)[None]
        markets = kpi_counts(session, period, "market", step)
    return DsaReport(period=period, total=dsa_figures(total),
                     markets={str(m): dsa_figures(c) for m, c in markets.items()})


class ReportService:
    """The reports for the GUI: the same functions as ``reviewer-app report``, on one database.

    Every method takes ``progress(done, total)``; whatever it raises (the GUI's cancel)
    stops the report before its next query, or the file before it is in place.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def kpis(self, period: Period, by: str | None = None,
             progress: Progress | None = None) -> KpiReport:
        """See ``kpi_report``."""
        return kpi_report(self._db, period, by, progress)

    def kpi_book(self, period: Period, cuts: Sequence[str],
                 progress: Progress | None = None) -> KpiBook:
        """See ``kpi_book``."""
        return kpi_book(self._db, period, cuts, progress)

    def dsa(self, period: Period, progress: Progress | None = None) -> DsaReport:
        """See ``dsa_report``."""
        return dsa_report(self._db, period, progress)

    def save_kpi_workbook(self, path: Path, period: Period, by: str | None,
                          progress: Progress | None = None,
                          report: KpiReport | None = None) -> Path:
        """The workbook of ``report kpis --xlsx path [--by by]``, written atomically.

        With ``report`` (the figures already shown, for ``period`` and the cut ``by``) only
        the writing is left to do. Without a cut the workbook has every cut, so they are
        read first. ``progress`` counts the queries, then the workbook's steps.

        Raises:
            ExportError: the file cannot be written (nothing is left behind).
            DatabaseUnavailableError: the database went away.
        """
        if report is not None and by is not None:
            if (report.period, report.by) != (period, by):
                raise ValueError("the report is not of this period and cut")
            book = KpiBook(period=period, overall=report.overall, cuts={by: report.groups})
            return write_kpi_workbook(path, book, progress)
        cuts = workbook_cuts(by)
        queries = query_count(None) + sum(query_count(c) for c in cuts)
        total = queries + 2 + len(cuts)  # and the steps of write_kpi_workbook

        def overall_progress(offset: int) -> Progress:
            def report_step(done: int, _total: int) -> None:
                if progress is not None:
                    progress(offset + done, total)
            return report_step

        book = kpi_book(self._db, period, cuts, overall_progress(0))
        return write_kpi_workbook(path, book, overall_progress(queries))

    def save_dsa_workbook(self, path: Path, report: DsaReport,
                          progress: Progress | None = None) -> Path:
        """The DSA figures as a one-sheet workbook, written atomically."""
        return write_dsa_workbook(path, report, progress)
