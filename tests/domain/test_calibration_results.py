"""Calibration results on hand-built sessions: every figure worked out by hand from the
definitions in DOMAIN.md (KPIs: agreement) and ``domain.agreement``'s docstrings."""

from __future__ import annotations

import pytest

from reviewer_app.domain.calibration import (
    GoldAnswer,
    Rating,
    calibration_results,
    golden_error,
    golden_scores,
    tally,
)
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.qa_models import ErrorType

U, OV = Outcome.UPHOLD, Outcome.OVERTURN
ANA, BEN, CARA = 1, 2, 3
GOLD = (GoldAnswer(10, U), GoldAnswer(20, OV), GoldAnswer(30, U), GoldAnswer(40, OV))
# Items × raters (ana, ben, cara); cara skipped item 30.
TABLE = {10: (U, U, U), 20: (OV, U, OV), 30: (U, OV, None), 40: (OV, OV, OV)}


def _ratings(table: dict[int, tuple[Outcome | None, ...]], people: tuple[int, ...]
             ) -> list[Rating]:
    return [Rating(appeal, user, answer, None) for appeal, row in table.items()
            for user, answer in zip(people, row, strict=True) if answer is not None]


def test_known_answers_of_a_small_session() -> None:
    r = calibration_results(7, GOLD, (ANA, BEN, CARA), _ratings(TABLE, (ANA, BEN, CARA)))
    # Gold: ana 4 of 4; ben 10 and 40 of 4; cara 10, 20, 40 of the 3 she rated.
    assert [(g.user_id, g.matched, g.compared, g.share) for g in r.gold] == [
        (ANA, 4, 4, 1.0), (BEN, 2, 4, 0.5), (CARA, 3, 3, 1.0)]
    kappas = {(p.user_a, p.user_b): (p.items, p.kappa.value) for p in r.pairs}
    # ana–ben: p_o = 2/4, both U2 O2 so p_e = (4 + 4)/16 = 1/2 → 0.
    assert kappas[(ANA, BEN)] == (4, pytest.approx(0.0))
    # ana–cara on 10, 20, 40: p_o = 1, p_e = (1·1 + 2·2)/9 = 5/9 → 1.
    assert kappas[(ANA, CARA)] == (3, pytest.approx(1.0))
    # ben–cara on 10, 20, 40: p_o = 2/3, ben U2 O1, cara U1 O2: p_e = 4/9 → (2/9)/(5/9).
    assert kappas[(BEN, CARA)] == (3, pytest.approx(0.4))
    # Fleiss on the complete items 10, 20, 40 (n = 3): P_i = 1, 1/3, 1 → mean 7/9;
    # p_U = 4/9, p_O = 5/9, P_e = 41/81 → (63 − 41)/(81 − 41) = 22/40.
    assert (r.fleiss.value, r.fleiss.items) == (pytest.approx(0.55), 3)
    # Krippendorff: o_UU = 3, o_OO = 1 + 3, o_UO = o_OU = 1 + 1; n_U = 5, n_O = 6, n = 11;
    # alpha = 1 − 10·4 / (2·5·6) = 1/3.
    assert r.krippendorff.value == pytest.approx(1 / 3)
    # Most contested: 30 (1 of 2 off the mode), 20 (1 of 3), then 10 and 40 by id.
    assert [(c.appeal_id, c.disagreement) for c in r.contested] == [
        (30, 0.5), (20, pytest.approx(1 / 3)), (10, 0.0), (40, 0.0)]
    assert r.contested[0].gold is U and r.contested[0].answers == {U: 1, OV: 1}
    assert r.contested[1].answers == {OV: 2, U: 1}


def test_degenerate_statistics_come_back_as_none_with_a_reason() -> None:
    everyone_upholds = {10: (U, U), 20: (U, U)}
    r = calibration_results(1, GOLD[:2], (ANA, BEN), _ratings(everyone_upholds, (ANA, BEN)))
    assert [(g.matched, g.compared) for g in r.gold] == [(1, 2), (1, 2)]
    for stat in (r.pairs[0].kappa, r.fleiss, r.krippendorff):
        assert stat.value is None
        assert stat.reason and "undefined" in stat.reason


def test_a_single_participant_or_no_ratings_still_give_results() -> None:
    alone = calibration_results(1, GOLD, (ANA,), _ratings({10: (U,)}, (ANA,)))
    assert alone.pairs == ()
    assert alone.fleiss.value is None and "two participants" in (alone.fleiss.reason or "")
    assert alone.krippendorff.value is None
    assert [(g.matched, g.compared) for g in alone.gold] == [(1, 1)]
    nobody = calibration_results(1, GOLD, (ANA, BEN), [])
    assert [g.share for g in nobody.gold] == [None, None]
    assert nobody.pairs[0].kappa.value is None and nobody.contested == ()


def test_golden_scores_and_error_types() -> None:
    codes = {"outcome": 1, "reason": 2, "response": 3, "procedure": 4}
    gold = GoldAnswer(5, U, "UPH-DOCS-INVALID")
    assert golden_scores(codes, gold, U, "UPH-DOCS-INVALID") == {1: 1, 2: 1, 3: 1, 4: 1}
    assert golden_scores(codes, gold, U, "UPH-OTHER") == {1: 1, 2: 0, 3: 1, 4: 1}
    assert golden_scores(codes, GoldAnswer(5, U), U, "ANY") == {1: 1, 2: 1, 3: 1, 4: 1}
    assert golden_error(gold, U, "UPH-OTHER") is ErrorType.WRONG_REASON
    assert golden_error(GoldAnswer(5, OV), U, None) is ErrorType.WRONG_UPHOLD
    assert golden_error(gold, Outcome.PARTIAL, None) is ErrorType.WRONG_OVERTURN
    assert golden_error(gold, U, "UPH-DOCS-INVALID") is None
    tallies = tally([(2, True), (1, False), (2, False), (1, True), (1, True)])
    assert [(t.user_id, t.decided, t.correct) for t in tallies] == [(1, 3, 2), (2, 2, 1)]
