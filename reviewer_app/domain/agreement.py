"""Inter-rater agreement: Cohen's and Fleiss' kappa, Krippendorff's alpha, gold and contest."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from reviewer_app.domain.errors import NotEnoughDataError

Label = Hashable
"""A rating: any hashable value; ``None`` or a float NaN means "not rated"."""

Ratings = Sequence[Sequence[Label | None]]
"""Items × raters: ``ratings[i][r]`` is rater ``r``'s label for item ``i``."""


@dataclass(frozen=True, slots=True)
class FleissResult:
    """Fleiss' kappa and how many items it was computed over.

    Attributes:
        value: the kappa.
        items: items rated by every rater (the others were dropped).
    """

    value: float
    items: int


@dataclass(frozen=True, slots=True)
class GoldAgreement:
    """How often one rater gave the gold answer.

    Attributes:
        rater: the rater's column in the ratings.
        matched: items where the rater's label equals the gold label.
        compared: items with both a gold label and a rating from this rater.
        share: ``matched / compared``, or ``None`` when nothing could be compared.
    """

    rater: int
    matched: int
    compared: int
    share: float | None


@dataclass(frozen=True, slots=True)
class ContestedItem:
    """One item of a calibration session and how much its raters disagreed.

    Attributes:
        item_id: the caller's id for the item.
        ratings: how many raters rated it.
        modal_count: how many gave the most frequent label.
        disagreement: share of ratings that differ from the modal label,
            ``(ratings - modal_count) / ratings``.
    """

    item_id: Hashable
    ratings: int
    modal_count: int
    disagreement: float


def is_missing(label: object) -> bool:
    """True for ``None`` and float NaN (how pandas and numpy spell a missing value)."""
    return label is None or (isinstance(label, float) and math.isnan(label))


def cohen_kappa_from_table(table: Sequence[Sequence[float]] | np.ndarray) -> float:
    """Cohen's kappa from a square confusion matrix of counts.

    ``table[i][j]`` counts items rater A put in category ``i`` and rater B in ``j``. With
    ``n`` the total, observed agreement ``p_o = Σ table[i][i] / n`` and chance agreement
    ``p_e = Σ rows_i · cols_i / n²`` (the product of the two raters' marginals):
    ``kappa = (p_o − p_e) / (1 − p_e)``.

    Raises:
        ValueError: the table is not square, or holds a negative count.
        NotEnoughDataError: the table is empty, or both raters used one and the same
            category only (``p_e = 1``, kappa undefined).
    """
    counts = np.asarray(table, dtype=float)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"Cohen's kappa needs a square table of counts, got shape "
                         f"{counts.shape}")
    if (counts < 0).any():
        raise ValueError("Cohen's kappa needs non-negative counts")
    n = counts.sum()
    if n == 0:
        raise NotEnoughDataError("Cohen's kappa: no item was rated by both raters")
    rows, cols = counts.sum(axis=1), counts.sum(axis=0)
    # Decided on the counts, not on p_e == 1, so float rounding cannot hide the case.
    if np.count_nonzero(rows + cols) < 2:
        raise NotEnoughDataError("Cohen's kappa: both raters used a single category, so "
                                 "agreement by chance is certain and kappa is undefined")
    p_o = np.trace(counts) / n
    p_e = float(rows @ cols) / n**2
    return float((p_o - p_e) / (1 - p_e))


def cohen_kappa(a: Sequence[Label | None], b: Sequence[Label | None]) -> float:
    """Cohen's kappa of two raters' labels for the same items.

    Items that either rater left missing (``None`` or NaN) are dropped; the remaining pairs
    form the confusion matrix of :func:`cohen_kappa_from_table`.

    Raises:
        ValueError: the sequences differ in length.
        NotEnoughDataError: no complete pair, or a single category in use.
    """
    if len(a) != len(b):
        raise ValueError(f"Cohen's kappa needs two equally long sequences, got {len(a)} "
                         f"and {len(b)}")
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if not is_missing(x)
             and not is_missing(y)]
    index = _category_index(label for pair in pairs for label in pair)
    table = np.zeros((len(index), len(index)))
    for x, y in pairs:
        table[index[x], index[y]] += 1
    return cohen_kappa_from_table(table)


def fleiss_kappa(ratings: Ratings) -> FleissResult:
    """Fleiss' kappa for items × raters.

    Fleiss' formula needs the same number of ratings ``n`` for every item, so an item that
    any rater left missing is dropped; ``items`` in the result says how many were used.
    With ``n_ij`` the raters putting item ``i`` in category ``j`` over ``N`` items:
    ``P_i = (Σ_j n_ij² − n) / (n(n − 1))`` is the agreement on item ``i``,
    ``p_j = Σ_i n_ij / (N n)`` the share of category ``j``, and
    ``kappa = (mean P_i − Σ_j p_j²) / (1 − Σ_j p_j²)``.

    Raises:
        ValueError: rows of different lengths, or fewer than two raters.
        NotEnoughDataError: no item rated by every rater, or a single category in use.
    """
    raters = _rater_count(ratings)
    if raters < 2:
        raise ValueError(f"Fleiss' kappa needs at least two raters, got {raters}")
    complete = [row for row in ratings if is_complete(row)]
    if not complete:
        raise NotEnoughDataError("Fleiss' kappa: no item was rated by every rater")
    counts, _ = _count_matrix(complete)
    if counts.shape[1] < 2:
        raise NotEnoughDataError("Fleiss' kappa: every rating is the same category, so "
                                 "agreement by chance is certain and kappa is undefined")
    n, items = raters, len(complete)
    p_item = ((counts**2).sum(axis=1) - n) / (n * (n - 1))
    p_cat = counts.sum(axis=0) / (items * n)
    p_e = float((p_cat**2).sum())
    return FleissResult(value=float((p_item.mean() - p_e) / (1 - p_e)), items=items)


def krippendorff_alpha(ratings: Ratings,
                       level: Literal["nominal", "interval"] = "nominal") -> float:
    """Krippendorff's alpha for items × raters, missing ratings allowed.

    Coincidence-matrix formulation (Krippendorff 2011, "Computing Krippendorff's
    Alpha-Reliability"). A unit (item) with ``m_u ≥ 2`` ratings contributes each ordered
    pair of its ratings with weight ``1 / (m_u − 1)`` to the coincidences ``o_ck``; units
    with fewer than two ratings are not pairable and ignored. With ``n_c = Σ_k o_ck`` and
    ``n = Σ_c n_c``:
    ``alpha = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck``,
    where ``δ²_ck`` is 0 for equal and 1 for different labels (nominal) or ``(c − k)²``
    (interval).

    Raises:
        ValueError: an unknown level, rows of different lengths, or a rating that is not a
            number at the interval level.
        NotEnoughDataError: no unit with two ratings, or a single value in all pairable
            units (no expected disagreement, alpha undefined).
    """
    if level not in ("nominal", "interval"):
        raise ValueError(f"Krippendorff's alpha level must be nominal or interval, not "
                         f"{level!r}")
    _rater_count(ratings)
    units = [[x for x in row if not is_missing(x)] for row in ratings if is_pairable(row)]
    if not units:
        raise NotEnoughDataError("Krippendorff's alpha: no item has two or more ratings")
    if level == "interval":
        units = [[_number(x) for x in unit] for unit in units]
    counts, categories = _count_matrix(units)
    weights = 1.0 / (counts.sum(axis=1) - 1)
    # o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1): pairs of distinct ratings within a unit.
    coincidences = (counts * weights[:, None]).T @ counts - np.diag(weights @ counts)
    n_c = coincidences.sum(axis=1)
    if level == "nominal":
        delta = 1.0 - np.eye(len(categories))
    else:
        values = np.asarray(categories, dtype=float)
        delta = (values[:, None] - values[None, :]) ** 2
    expected = float(n_c @ delta @ n_c)
    if expected == 0:
        raise NotEnoughDataError("Krippendorff's alpha: every pairable rating has the same "
                                 "value, so there is no expected disagreement and alpha is "
                                 "undefined")
    observed = float((coincidences * delta).sum())
    return 1.0 - (n_c.sum() - 1) * observed / expected


def is_pairable(row: Sequence[Label | None]) -> bool:
    """An item with at least two ratings: what Cohen's kappa and Krippendorff's alpha use."""
    return sum(not is_missing(x) for x in row) >= 2


def is_complete(row: Sequence[Label | None]) -> bool:
    """An item every rater rated: what Fleiss' kappa uses."""
    return not any(is_missing(x) for x in row)


def gold_agreement(ratings: Ratings, gold: Sequence[Label | None]) -> list[GoldAgreement]:
    """Per rater (column), the share of items where the rater gave the gold label.

    An item without a gold label, or that the rater did not rate, is not compared for that
    rater. A rater with nothing to compare gets ``share=None`` (a rate over zero is null).

    Raises:
        ValueError: ``gold`` and ``ratings`` differ in length, or rows differ in length.
    """
    raters = _rater_count(ratings)
    if len(gold) != len(ratings):
        raise ValueError(f"gold has {len(gold)} labels for {len(ratings)} items")
    result = []
    for rater in range(raters):
        compared = [(row[rater], answer) for row, answer in zip(ratings, gold, strict=True)
                    if not is_missing(row[rater]) and not is_missing(answer)]
        matched = sum(label == answer for label, answer in compared)
        share = matched / len(compared) if compared else None
        result.append(GoldAgreement(rater, matched, len(compared), share))
    return result


def most_contested(item_ids: Sequence[Hashable], ratings: Ratings) -> list[ContestedItem]:
    """Items ordered for a calibration session, most contested first.

    An item's disagreement is the share of its ratings that differ from its modal label;
    ties are broken by item id (ascending), so the order is stable between runs. Items
    nobody rated are left out.

    Raises:
        ValueError: ``item_ids`` and ``ratings`` differ in length.
    """
    if len(item_ids) != len(ratings):
        raise ValueError(f"{len(item_ids)} item ids for {len(ratings)} rows of ratings")
    items = []
    for item_id, row in zip(item_ids, ratings, strict=True):
        labels = [x for x in row if not is_missing(x)]
        if labels:
            modal = Counter(labels).most_common(1)[0][1]
            # (m − modal) / m, not 1 − modal / m: equal shares must be equal floats to tie.
            items.append(ContestedItem(item_id, len(labels), modal,
                                       (len(labels) - modal) / len(labels)))
    items.sort(key=lambda item: (-item.disagreement, item.item_id))
    return items


def _rater_count(ratings: Ratings) -> int:
    """Columns of the ratings; every row must have the same number."""
    widths = {len(row) for row in ratings}
    if len(widths) > 1:
        raise ValueError(f"every item needs one entry per rater (None when missing); rows "
                         f"have {sorted(widths)} entries")
    return widths.pop() if widths else 0


def _category_index(labels: Iterable[Label]) -> dict[Label, int]:
    """Column of each distinct label, in order of first appearance."""
    index: dict[Label, int] = {}
    for label in labels:
        index.setdefault(label, len(index))
    return index


def _count_matrix(rows: Sequence[Sequence[Label]]) -> tuple[np.ndarray, list[Label]]:
    """Items × categories counts (how many ratings of each item fall in each category), and
    the categories in column order."""
    index = _category_index(x for row in rows for x in row)
    counts = np.zeros((len(rows), len(index)))
    for i, row in enumerate(rows):
        for label in row:
            counts[i, index[label]] += 1
    return counts, list(index)


def _number(label: Label) -> float:
    if isinstance(label, bool) or not isinstance(label, int | float | np.number):
        raise ValueError(f"Krippendorff's alpha at the interval level needs numbers, got "
                         f"{label!r}")
    return float(label)
