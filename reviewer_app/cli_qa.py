"""``reviewer-app qa``: agreement statistics and audit sample sizes from files, no database.

Kept apart from ``cli.py`` so the command line module stays about dispatch; the maths is
``domain.agreement`` and ``domain.qa_stats``, imported only when a command runs.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from reviewer_app.domain.errors import ReviewerError

METRICS = ("cohen", "fleiss", "krippendorff-nominal", "krippendorff-interval")
DECIMALS = 4


class QaInputError(ReviewerError):
    """The ratings file or a number on the command line cannot be used."""


def add_qa_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``reviewer-app qa`` with its ``agreement`` and ``sample-size`` actions."""
    qa = commands.add_parser("qa", help="QA statistics from files (no database needed)")
    qa_sub = qa.add_subparsers(dest="qa_command", metavar="ACTION", required=True)
    agreement = qa_sub.add_parser(
        "agreement",
        help="inter-rater agreement of a ratings table (CSV)",
        description="Read FILE.csv (UTF-8, with or without BOM): a header row, then one row "
        "per item: the item id, then one column per rater; a blank cell is a missing rating. "
        "Print one JSON line {\"metric\", \"value\", \"items\", \"raters\"}: value rounded "
        f"to {DECIMALS} decimals, items the items the metric used, raters the rater columns "
        "with a rating among them. Missing ratings: cohen needs exactly 2 rater columns and "
        "drops items either left blank; fleiss drops items any rater left blank; "
        "krippendorff-* use every item with at least 2 ratings. Labels are compared as text, "
        "except for krippendorff-interval, where every rating must be a number.",
    )
    agreement.add_argument("path", metavar="FILE.csv", help="the ratings table")
    agreement.add_argument("--metric", required=True, choices=METRICS,
                           help="the agreement statistic")
    size = qa_sub.add_parser(
        "sample-size",
        help="how many decisions to audit (Cochran's formula)",
        description="Print {\"n\": N}: how many decisions to audit to estimate an accuracy "
        "within ±E at confidence C (Cochran: n0 = z²·p(1−p)/E², rounded up), with the finite "
        "population correction n0 / (1 + (n0 − 1)/N) when --population is given.",
    )
    size.add_argument("--margin", required=True, metavar="E",
                      help="margin of error as a fraction, e.g. 0.05 for ±5 points")
    size.add_argument("--confidence", default="0.95", metavar="C",
                      help="confidence level as a fraction (default 0.95)")
    size.add_argument("--population", metavar="N",
                      help="decisions the sample is drawn from (default: unlimited)")
    size.add_argument("--p", default="0.5", metavar="P",
                      help="expected accuracy, 0 to 1 (default 0.5, the most cautious)")


def run_qa(args: argparse.Namespace) -> int:
    """Run a ``qa`` action and print its JSON line; known failures raise ``ReviewerError``."""
    import json

    if args.qa_command == "agreement":
        result = _agreement(Path(args.path), args.metric)
    else:
        result = _sample_size(args)
    print(json.dumps(result))
    return 0


def _agreement(path: Path, metric: str) -> dict[str, object]:
    from reviewer_app.domain import agreement

    raters, ratings = _read_ratings(path, numeric=metric == "krippendorff-interval")
    if metric == "cohen" and len(raters) != 2:
        raise QaInputError(f"{path.name}: Cohen's kappa compares exactly 2 raters; the file "
                           f"has {len(raters)} rater columns (use fleiss or krippendorff-*)")
    if len(raters) < 2:
        raise QaInputError(f"{path.name}: agreement needs at least 2 rater columns after the "
                           f"item id; the file has {len(raters)}")
    keep = agreement.is_complete if metric == "fleiss" else agreement.is_pairable
    used = [row for row in ratings if keep(row)]
    value: float
    if metric == "cohen":
        value = agreement.cohen_kappa([row[0] for row in ratings], [row[1] for row in ratings])
    elif metric == "fleiss":
        value = agreement.fleiss_kappa(ratings).value
    else:
        value = agreement.krippendorff_alpha(ratings, "nominal" if metric.endswith("nominal")
                                             else "interval")
    rated = sum(1 for r in range(len(raters)) if any(row[r] is not None for row in used))
    return {"metric": metric, "value": round(value, DECIMALS), "items": len(used),
            "raters": rated}


def _read_ratings(path: Path, *, numeric: bool) -> tuple[list[str], list[list[object]]]:
    """Rater names and the items × raters ratings (``None`` for a blank cell)."""
    import csv

    try:
        # utf-8-sig reads a file with or without the BOM that spreadsheets write.
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = [row for row in csv.reader(file) if any(cell.strip() for cell in row)]
    except FileNotFoundError:
        raise QaInputError(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise QaInputError(f"{path.name}: not UTF-8 text; save it as CSV UTF-8") from None
    except csv.Error as exc:
        raise QaInputError(f"{path.name}: not a readable CSV file ({exc})") from None
    except OSError as exc:
        raise QaInputError(f"cannot read {path}: {exc.strerror}") from None
    if not rows:
        raise QaInputError(f"{path.name}: the file is empty (a header row is needed)")
    header, body = rows[0], rows[1:]
    if not body:
        raise QaInputError(f"{path.name}: the file has a header but no items")
    raters = [name.strip() for name in header[1:]]
    ratings: list[list[object]] = []
    for number, row in enumerate(body, start=2):  # row 1 is the header, as in a spreadsheet
        if len(row) != len(header):
            raise QaInputError(f"{path.name}: row {number} has {len(row)} cells; the header "
                               f"has {len(header)}")
        cells = [cell.strip() or None for cell in row[1:]]
        if numeric:
            cells = [c and _number(f"{path.name}: row {number}, column {name!r}", c)
                     for name, c in zip(raters, cells, strict=True)]
        ratings.append(cells)
    return raters, ratings


def _number(where: str, cell: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise QaInputError(f"{where}: {cell!r} is not a number (krippendorff-interval needs "
                           "numbers)")
    return value


def _sample_size(args: argparse.Namespace) -> dict[str, int]:
    from reviewer_app.domain.qa_stats import cochran_sample_size

    population = None
    if args.population is not None:
        try:
            population = int(args.population)
        except ValueError:
            raise QaInputError(f"--population: {args.population!r} is not a whole "
                               "number") from None
    try:
        n = cochran_sample_size(_fraction("--margin", args.margin),
                                _fraction("--confidence", args.confidence),
                                _fraction("--p", args.p), population)
    except ValueError as exc:
        raise QaInputError(str(exc)) from None
    return {"n": n}


def _fraction(option: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise QaInputError(f"{option}: {text!r} is not a number") from None
