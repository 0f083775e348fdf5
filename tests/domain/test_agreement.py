"""Agreement statistics: known answers, statsmodels and krippendorff on random data, properties."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from agreement_data import INTERVAL_ALPHA, NOMINAL_ALPHA, RELIABILITY
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats import inter_rater

from reviewer_app.domain.agreement import (
    ContestedItem,
    GoldAgreement,
    cohen_kappa,
    cohen_kappa_from_table,
    fleiss_kappa,
    gold_agreement,
    is_pairable,
    krippendorff_alpha,
    most_contested,
)
from reviewer_app.domain.errors import NotEnoughDataError, ReviewerError

TRIALS = 200


def test_cohen_known_answer() -> None:
    assert cohen_kappa_from_table([[20, 5], [10, 15]]) == pytest.approx(0.40, abs=1e-12)


def test_cohen_from_labels_builds_the_same_table() -> None:
    a = ["x"] * 25 + ["y"] * 25
    b = ["x"] * 20 + ["y"] * 5 + ["x"] * 10 + ["y"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.40, abs=1e-12)


def test_cohen_drops_pairs_with_a_missing_label() -> None:
    a = ["x", "y", None, "x", float("nan"), "y"]
    b = ["x", "y", "x", None, "y", "x"]
    assert cohen_kappa(a, b) == cohen_kappa(["x", "y", "y"], ["x", "y", "x"])


def test_krippendorff_known_answers() -> None:
    assert round(krippendorff_alpha(RELIABILITY, "nominal"), 3) == NOMINAL_ALPHA
    assert round(krippendorff_alpha(RELIABILITY, "interval"), 3) == INTERVAL_ALPHA
    assert sum(map(is_pairable, RELIABILITY)) == 11  # unit 12 has a single rating


def test_fleiss_drops_items_missing_a_rater() -> None:
    result = fleiss_kappa(RELIABILITY)
    complete = [row for row in RELIABILITY if None not in row]
    assert result.items == len(complete) == 8
    assert result.value == fleiss_kappa(complete).value


def _random_labels(rng: np.random.Generator, items: int, raters: int) -> np.ndarray:
    return rng.integers(0, rng.integers(2, 6), size=(items, raters))


# statsmodels also computes a z value, which divides by zero for some tables.
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_cohen_matches_statsmodels_on_random_data() -> None:
    rng = np.random.default_rng(20261202)
    for _ in range(TRIALS):
        labels = _random_labels(rng, int(rng.integers(2, 60)), 2)
        a, b = labels[:, 0], labels[:, 1]
        table = np.zeros((5, 5))
        np.add.at(table, (a, b), 1)
        if np.count_nonzero(table.sum(axis=0) + table.sum(axis=1)) < 2:
            continue  # a single category: statsmodels gives NaN, we raise (tested below)
        expected = inter_rater.cohens_kappa(table)["kappa"]
        assert cohen_kappa(a.tolist(), b.tolist()) == pytest.approx(expected, abs=1e-12)
        assert cohen_kappa_from_table(table) == pytest.approx(expected, abs=1e-12)


def test_fleiss_matches_statsmodels_on_random_data() -> None:
    rng = np.random.default_rng(7)
    for _ in range(TRIALS):
        labels = _random_labels(rng, int(rng.integers(1, 40)), int(rng.integers(2, 8)))
        if len(np.unique(labels)) < 2:
            continue
        counts, _ = inter_rater.aggregate_raters(labels)
        result = fleiss_kappa(labels.tolist())
        assert result.items == len(labels)
        assert result.value == pytest.approx(inter_rater.fleiss_kappa(counts), abs=1e-12)


@pytest.mark.parametrize("level", ["nominal", "interval"])
def test_krippendorff_matches_the_krippendorff_package_with_missing_values(level: str) -> None:
    rng = np.random.default_rng(11)
    compared = 0
    for _ in range(TRIALS):
        data = _random_labels(rng, int(rng.integers(2, 40)), int(rng.integers(2, 7))).astype(float)
        data[rng.random(data.shape) < rng.uniform(0, 0.5)] = np.nan
        ratings = [[None if math.isnan(x) else int(x) for x in row] for row in data]
        pairable = [row for row in ratings if sum(x is not None for x in row) >= 2]
        if len({x for row in pairable for x in row if x is not None}) < 2:
            continue  # no expected disagreement: the package raises too (tested below)
        expected = krippendorff.alpha(reliability_data=data.T, level_of_measurement=level)
        assert krippendorff_alpha(ratings, level) == pytest.approx(expected, abs=1e-9)
        compared += 1
    assert compared > TRIALS * 0.8


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cohen_kappa_from_table([[0, 0], [0, 0]]), "no item"),
        (lambda: cohen_kappa_from_table([[5, 0], [0, 0]]), "single category"),
        (lambda: cohen_kappa(["a", None], [None, "b"]), "no item"),
        (lambda: cohen_kappa(["a", "a"], ["a", "a"]), "single category"),
        (lambda: fleiss_kappa([["a", None], [None, "b"]]), "no item"),
        (lambda: fleiss_kappa([["a", "a"], ["a", "a"]]), "same category"),
        (lambda: krippendorff_alpha([["a", None], [None, "b"]]), "no item"),
        (lambda: krippendorff_alpha([["a", "a", None], ["b", None, None]]), "same value"),
        (lambda: krippendorff_alpha([[3, 3], [3, 3]], "interval"), "same value"),
        (lambda: krippendorff_alpha([]), "no item"),
    ],
)
def test_degenerate_data_is_a_typed_error(call: object, message: str) -> None:
    with pytest.raises(NotEnoughDataError, match=message) as caught:
        call()  # type: ignore[operator]
    assert isinstance(caught.value, ReviewerError)


def test_krippendorff_package_also_refuses_a_single_value() -> None:
    with pytest.raises(ValueError, match="more than one value"):
        krippendorff.alpha(reliability_data=[[1, 1], [1, 1]], level_of_measurement="nominal")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cohen_kappa_from_table([[1, 2, 3]]), "square"),
        (lambda: cohen_kappa_from_table([[1, -1], [0, 1]]), "non-negative"),
        (lambda: cohen_kappa(["a"], ["a", "b"]), "equally long"),
        (lambda: fleiss_kappa([["a"], ["b"]]), "two raters"),
        (lambda: fleiss_kappa([["a", "b"], ["a"]]), "one entry per rater"),
        (lambda: krippendorff_alpha([["a", "b"]], "ordinal"), "nominal or interval"),  # type: ignore[arg-type]
        (lambda: krippendorff_alpha([["a", "b"]], "interval"), "needs numbers"),
    ],
)
def test_bad_arguments_are_value_errors(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


def test_gold_agreement_per_rater() -> None:
    gold = [1, 2, 3, 3, 2, 1, 4, 1, 2, 5, 1, None]
    result = gold_agreement(RELIABILITY, gold)
    assert result[0] == GoldAgreement(rater=0, matched=9, compared=9, share=1.0)
    assert result[2] == GoldAgreement(rater=2, matched=7, compared=10, share=0.7)
    assert gold_agreement([[None, "a"]], ["a"])[0] == GoldAgreement(0, 0, 0, None)


def test_most_contested_first_ties_by_item_id() -> None:
    ratings: list[list[str | None]] = [
        ["a", "a", "a", None, None, None], ["a", "b", "c", None, None, None],
        ["a", "a", "b", None, None, None], ["b", "b", "a", None, None, None], [None] * 6,
        ["a", "b", "b", "b", "a", "a"],
    ]
    order = most_contested(["i1", "i2", "i3", "i0", "i4", "i5"], ratings)
    # i5 (3 of 6 off the mode) comes before i0 and i3 (1 of 3); those two tie and go by id.
    assert [item.item_id for item in order] == ["i2", "i5", "i0", "i3", "i1"]
    assert order[0] == ContestedItem("i2", ratings=3, modal_count=1, disagreement=2 / 3)


labels = st.sampled_from(["uphold", "overturn", "partial", "reject"])


@given(st.lists(labels, min_size=2).filter(lambda xs: len(set(xs)) >= 2))
def test_identical_raters_have_kappa_one(xs: list[str]) -> None:
    assert cohen_kappa(xs, xs) == pytest.approx(1.0)
    assert fleiss_kappa([[x, x, x] for x in xs]).value == pytest.approx(1.0)
    assert krippendorff_alpha([[x, x] for x in xs]) == pytest.approx(1.0)


@given(
    st.lists(st.lists(st.one_of(st.none(), labels), min_size=3, max_size=3), min_size=2),
    st.permutations(["uphold", "overturn", "partial", "reject"]),
)
def test_nominal_alpha_ignores_what_the_labels_are_called(
    ratings: list[list[str | None]], renamed: list[str]
) -> None:
    mapping = dict(zip(["uphold", "overturn", "partial", "reject"], renamed, strict=True))
    relabelled = [[None if x is None else mapping[x] for x in row] for row in ratings]
    try:
        alpha = krippendorff_alpha(ratings)
    except NotEnoughDataError:
        with pytest.raises(NotEnoughDataError):
            krippendorff_alpha(relabelled)
        return
    assert krippendorff_alpha(relabelled) == pytest.approx(alpha, abs=1e-12)
    assert math.isfinite(alpha)
