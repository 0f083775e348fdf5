"""`reviewer-app qa`: agreement from CSV files and Cochran sample sizes, in process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from agreement_data import (
    INTERVAL_ALPHA,
    NOMINAL_ALPHA,
    RELIABILITY_BY_RATER,
    RELIABILITY_RATERS,
)
from cli_support import run_error, run_ok

from reviewer_app.cli import main

ROOT = Path(__file__).resolve().parents[1]


def write_ratings(path: Path, raters: tuple[str, ...] | list[str],
                  columns: tuple[tuple[object, ...], ...], *, bom: bool = False) -> Path:
    """A ratings CSV: header ``item,<raters>``, then one row per item; None is a blank cell."""
    lines = [",".join(["item", *raters])]
    for i, unit in enumerate(zip(*columns, strict=True), start=1):
        lines.append(",".join([f"U{i:02d}", *("" if x is None else str(x) for x in unit)]))
    path.write_text(("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.fixture
def reliability_csv(tmp_path: Path) -> Path:
    return write_ratings(tmp_path / "reliability.csv", RELIABILITY_RATERS, RELIABILITY_BY_RATER,
                         bom=True)


@pytest.mark.parametrize(
    ("metric", "value", "items"),
    [("krippendorff-nominal", NOMINAL_ALPHA, 11), ("krippendorff-interval", INTERVAL_ALPHA, 11)],
)
def test_krippendorff_known_answers_from_a_csv_with_bom(
    capsys: pytest.CaptureFixture[str], reliability_csv: Path, metric: str, value: float,
    items: int,
) -> None:
    result = run_ok(capsys, "qa", "agreement", str(reliability_csv), "--metric", metric)
    assert result.keys() == {"metric", "value", "items", "raters"}
    assert result["metric"] == metric
    assert round(result["value"], 3) == value  # type: ignore[call-overload]
    assert (result["items"], result["raters"]) == (items, 4)


def test_fleiss_uses_only_items_every_rater_rated(
    capsys: pytest.CaptureFixture[str], reliability_csv: Path
) -> None:
    result = run_ok(capsys, "qa", "agreement", str(reliability_csv), "--metric", "fleiss")
    assert (result["items"], result["raters"]) == (8, 4)
    assert result["value"] == 0.6415


def test_cohen_known_answer_with_blank_cells(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # [[20, 5], [10, 15]] as labels, plus 3 items with a blank cell that must be dropped.
    a = ("uphold",) * 25 + ("overturn",) * 25 + (None, "uphold", None)
    b = ("uphold",) * 20 + ("overturn",) * 5 + ("uphold",) * 10 + ("overturn",) * 15 + (
        "uphold", None, None)
    path = write_ratings(tmp_path / "two.csv", ["anna", "bo"], (a, b))
    result = run_ok(capsys, "qa", "agreement", str(path), "--metric", "cohen")
    assert result == {"metric": "cohen", "value": 0.4, "items": 50, "raters": 2}


def test_nominal_labels_are_compared_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_ratings(tmp_path / "t.csv", ["a", "b"], (("1", "2", "1"), ("1.0", "2", "1")))
    result = run_ok(capsys, "qa", "agreement", str(path), "--metric", "krippendorff-nominal")
    interval = run_ok(capsys, "qa", "agreement", str(path), "--metric", "krippendorff-interval")
    assert result["value"] < 1 == interval["value"]


def test_a_rater_with_no_usable_rating_is_not_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_ratings(tmp_path / "t.csv", ["a", "b", "c"],
                         (("x", "y", "x", "y"), ("x", "y", "y", "y"), (None, None, None, "x")))
    result = run_ok(capsys, "qa", "agreement", str(path), "--metric", "krippendorff-nominal")
    assert (result["items"], result["raters"]) == (4, 3)
    path = write_ratings(tmp_path / "t.csv", ["a", "b", "c"],
                         (("x", "y", "x"), ("x", "y", "y"), (None, None, "x")))
    result = run_ok(capsys, "qa", "agreement", str(path), "--metric", "krippendorff-nominal")
    assert (result["items"], result["raters"]) == (3, 3)
    path = write_ratings(tmp_path / "t.csv", ["a", "b", "c"],
                         (("x", "y", "x"), ("x", "y", "y"), (None, None, None)))
    result = run_ok(capsys, "qa", "agreement", str(path), "--metric", "krippendorff-nominal")
    assert (result["items"], result["raters"]) == (3, 2)


@pytest.mark.parametrize(
    ("args", "n"),
    [
        (("--margin", "0.05", "--confidence", "0.95"), 385),
        (("--margin", "0.05", "--confidence", "0.95", "--population", "10000"), 370),
        (("--margin", "0.05"), 385),
        (("--margin", "0.03", "--confidence", "0.99", "--p", "0.9"), 664),
    ],
)
def test_sample_size(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], n: int) -> None:
    assert run_ok(capsys, "qa", "sample-size", *args) == {"n": n}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--margin", "x"), "--margin: 'x' is not a number"),
        (("--margin", "5"), "margin must be strictly between 0 and 1"),
        (("--margin", "0.05", "--confidence", "95"), "confidence must be strictly between"),
        (("--margin", "0.05", "--p", "2"), "p must be between 0 and 1"),
        (("--margin", "0.05", "--population", "0"), "population must be at least 1"),
        (("--margin", "0.05", "--population", "1e4"), "'1e4' is not a whole number"),
        (("--margin", "nan"), "margin must be strictly between"),
    ],
)
def test_sample_size_errors(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    assert message in run_error(capsys, "qa", "sample-size", *args)


def _csv(tmp_path: Path, text: str, name: str = "r.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("text", "metric", "message"),
    [
        ("", "fleiss", "the file is empty"),
        ("\r\n\r\n", "fleiss", "the file is empty"),
        ("item,a,b\r\n", "fleiss", "header but no items"),
        ("item,a,b,c\r\n1,x,y,x\r\n", "cohen", "exactly 2 raters; the file has 3"),
        ("item,a\r\n1,x\r\n", "fleiss", "at least 2 rater columns"),
        ("item,a,b\r\n1,x,y\r\n2,x\r\n", "fleiss", "row 3 has 2 cells; the header has 3"),
        ("item,a,b\r\n1,1,2\r\n2,3,high\r\n", "krippendorff-interval",
         "row 3, column 'b': 'high' is not a number"),
        ("item,a,b\r\n1,1,inf\r\n", "krippendorff-interval", "'inf' is not a number"),
        ("item,a,b\r\n1,x,\r\n2,,y\r\n", "cohen", "no item was rated by both raters"),
        ("item,a,b\r\n1,x,x\r\n2,x,x\r\n", "cohen", "single category"),
        ("item,a,b\r\n1,x,\r\n2,,y\r\n", "fleiss", "no item was rated by every rater"),
        ("item,a,b,c\r\n1,x,x,\r\n2,,x,x\r\n3,y,,\r\n", "krippendorff-nominal", "no expected"),
        ("item,a,b\r\n1,x,\r\n", "krippendorff-nominal", "no item has two or more ratings"),
    ],
)
def test_agreement_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, metric: str, message: str
) -> None:
    assert message in run_error(capsys, "qa", "agreement", _csv(tmp_path, text),
                                "--metric", metric)


def test_missing_and_unreadable_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    assert f"no such file: {missing}" in run_error(
        capsys, "qa", "agreement", str(missing), "--metric", "fleiss")
    assert "cannot read" in run_error(capsys, "qa", "agreement", str(tmp_path), "--metric",
                                      "fleiss")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("item,a,b\r\n1,réel,réel\r\n".encode("latin-1"))
    assert "not UTF-8" in run_error(capsys, "qa", "agreement", str(latin), "--metric", "fleiss")


def test_unknown_metric_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "agreement", "x.csv", "--metric", "scott"]) == 2
    assert "invalid choice: 'scott'" in capsys.readouterr().err


def test_qa_commands_load_neither_qt_nor_sqlalchemy(reliability_csv: Path) -> None:
    code = (
        "import sys; from reviewer_app.cli import main; "
        f"assert main(['qa', 'agreement', {str(reliability_csv)!r}, '--metric', 'fleiss']) == 0; "
        "assert main(['qa', 'sample-size', '--margin', '0.05']) == 0; "
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')]; "
        "assert not loaded, loaded"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == '{"n": 385}'
