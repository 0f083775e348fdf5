"""``reviewer-app report kpis|dsa``: KPI and EU DSA transparency reports for a period.

Kept apart from ``cli.py`` so the command line module stays about dispatch; the work is
done by ``services.reports``, imported only when a report runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reviewer_app.cli_progress import progress_printer
from reviewer_app.domain.kpis import CUTS, KPI_KEYS, KpiBook, Period, check_cut, parse_day

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl+C


def add_report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``reviewer-app report`` with its ``kpis`` and ``dsa`` actions."""
    report = commands.add_parser("report", help="KPI and EU DSA transparency reports")
    sub = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    kpis = sub.add_parser(
        "kpis",
        help="KPIs for a period, overall or per market/policy/queue/reviewer/language",
        description="KPIs of the appeals in the period --from A --to B, which covers "
        "A 00:00 ≤ t < (B + 1 day) 00:00 UTC. Rates are fractions 0–1, null when their "
        "denominator is 0. --json prints one object with the keys listed in the README; "
        "with --by it prints {\"overall\": {...}, \"groups\": {value: {...}}}. --xlsx FILE "
        "writes a workbook instead (one sheet per cut, with charts).",
    )
    kpis.add_argument("--by", metavar="CUT",
                      help=f"one figure set per value of: {', '.join(CUTS)}")
    kpis_output = kpis.add_mutually_exclusive_group()
    kpis_output.add_argument("--json", action="store_true", help="print JSON")
    kpis_output.add_argument(
        "--xlsx", metavar="FILE", type=Path,
        help="write a business-review workbook (Overall sheet and one sheet per cut with "
        "charts: the --by cut, or every cut without --by) instead of printing")
    dsa = sub.add_parser(
        "dsa",
        help="EU DSA transparency figures of the internal complaint system, by market",
        description="Per market of the appeal and in total: complaints received, decisions "
        "by final outcome, median time to decision in hours, and reversed decisions "
        "(overturn + partial).",
    )
    dsa.add_argument("--json", action="store_true", help="print JSON")
    for action in (kpis, dsa):
        action.add_argument("--from", dest="first_day", required=True, metavar="DATE",
                            help="first day (YYYY-MM-DD, UTC)")
        action.add_argument("--to", dest="last_day", required=True, metavar="DATE",
                            help="last day, included (YYYY-MM-DD, UTC)")
        action.add_argument("--db", metavar="URL", dest="sub_db", help="database URL")


def run_report(url: str, args: argparse.Namespace) -> int:
    """Run ``report kpis`` or ``report dsa`` on ``url``; Ctrl+C exits with status 130.

    Input is checked before the database is opened, so a typo costs no connection.
    Known failures (``ReviewerError``) are left to the caller (exit 2).
    """
    period = Period(parse_day("--from", args.first_day), parse_day("--to", args.last_day))
    by = getattr(args, "by", None)
    check_cut(by)
    xlsx: Path | None = getattr(args, "xlsx", None)
    if xlsx is not None:
        from reviewer_app.services.export_files import check_target

        check_target(xlsx)
    from reviewer_app.services import reports
    from reviewer_app.services.workspace import open_workspace

    try:
        db = open_workspace(url, embedded=False, create=False)
        try:
            if args.report_command == "dsa":
                result: Any = reports.dsa_report(db, period)
            elif xlsx is not None:
                result = reports.kpi_book(db, period, reports.workbook_cuts(by),
                                          progress_printer("Computing KPIs", "queries"))
            else:
                result = reports.kpi_report(
                    db, period, by, progress=progress_printer("Computing KPIs", "queries"))
        finally:
            db.dispose()
        if xlsx is not None:
            return _write_workbook(xlsx, result)
    except KeyboardInterrupt:
        print("\nreviewer-app: report cancelled", file=sys.stderr)
        return EXIT_INTERRUPTED
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    elif args.report_command == "dsa":
        _print_dsa(result.as_dict())
    else:
        _print_kpis(result.as_dict(), by)
    return 0


def _write_workbook(path: Path, book: KpiBook) -> int:
    """Write the workbook (progress per sheet); Ctrl+C leaves no file, nor a temporary one."""
    from reviewer_app.services.kpi_workbook import write_kpi_workbook

    write_kpi_workbook(path, book, progress_printer("Writing workbook", "steps"))
    print(f"Wrote {path} ({1 + len(book.cuts)} sheets)")
    return 0


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return "–".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths, strict=True))))


def _print_kpis(data: dict[str, Any], by: str | None) -> None:
    """One row per KPI, one column for the period overall and one per group."""
    columns = {"overall": data} if by is None else {"overall": data["overall"],
                                                     **data["groups"]}
    _table(["kpi", *columns], [[key, *(_cell(c[key]) for c in columns.values())]
                               for key in KPI_KEYS])


def _print_dsa(data: dict[str, Any]) -> None:
    period = data["period"]
    print(f"EU DSA transparency figures, {period['from']} to {period['to']} (UTC)")
    columns = {**data["markets"], "total": data["total"]}
    outcomes = list(data["total"]["decisions_by_outcome"])
    rows = [["complaints_received", *(_cell(c["complaints_received"])
                                      for c in columns.values())]]
    rows += [[f"decided: {o}", *(_cell(c["decisions_by_outcome"][o]) for c in columns.values())]
             for o in outcomes]
    rows += [[key, *(_cell(c[key]) for c in columns.values())]
             for key in ("median_ttd_hours", "reversed")]
    _table(["figure", *columns], rows)
