"""Calibration sessions and golden cases: their vocabulary and the results maths.

The statistics come from :mod:`reviewer_app.domain.agreement`; this module only lays the
session's ratings out as items × raters and turns "undefined here" into a value with a
reason, so one degenerate statistic never hides the rest of a results view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

from reviewer_app.domain import agreement
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.errors import NotEnoughDataError
from reviewer_app.domain.qa_models import ErrorType


@dataclass(frozen=True, slots=True)
class GoldAnswer:
    """The known answer for one case (a calibration item or a golden case)."""

    appeal_id: int
    outcome: Outcome
    reason_code: str | None = None


@dataclass(frozen=True, slots=True)
class CalibrationSession:
    """A session as its list shows it; ``rated`` counts the asking person's ratings."""

    id: int
    name: str
    created_by: int
    created_at: datetime
    closed_at: datetime | None
    items: int
    rated: int


@dataclass(frozen=True, slots=True)
class BlindItem:
    """A case as a participant rates it: never the gold answer nor anyone's rating."""

    session_id: int
    position: int
    appeal_id: int
    appeal_ref: str
    policy_code: str
    language: str
    statement: str
    enforcement_action: str
    enforcement_facts: str
    rated: bool


@dataclass(frozen=True, slots=True)
class Rating:
    """One participant's answer on one case."""

    appeal_id: int
    user_id: int
    outcome: Outcome
    reason_code: str | None


@dataclass(frozen=True, slots=True)
class Statistic:
    """A statistic, or ``None`` with the reason it is undefined for these ratings."""

    value: float | None
    reason: str | None = None
    items: int | None = None


@dataclass(frozen=True, slots=True)
class PersonAgreement:
    """How often one participant gave the gold outcome."""

    user_id: int
    matched: int
    compared: int
    share: float | None


@dataclass(frozen=True, slots=True)
class PairKappa:
    """Cohen's kappa of two participants on the items both rated."""

    user_a: int
    user_b: int
    items: int
    kappa: Statistic


@dataclass(frozen=True, slots=True)
class ContestedCase:
    """An item and how its raters split, most contested first in the results."""

    appeal_id: int
    disagreement: float
    gold: Outcome
    answers: Mapping[Outcome, int]


@dataclass(frozen=True, slots=True)
class CalibrationResults:
    """Everything the results view shows for one session."""

    session_id: int
    participants: tuple[int, ...]
    gold: tuple[PersonAgreement, ...]
    pairs: tuple[PairKappa, ...]
    fleiss: Statistic
    krippendorff: Statistic
    contested: tuple[ContestedCase, ...]


@dataclass(frozen=True, slots=True)
class GoldenTally:
    """One reviewer's golden cases: decided and with the gold outcome."""

    user_id: int
    decided: int
    correct: int


def calibration_results(session_id: int, items: Sequence[GoldAnswer],
                        participants: Sequence[int],
                        ratings: Sequence[Rating]) -> CalibrationResults:
    """Agreement with gold, pairwise Cohen, Fleiss, Krippendorff and the contested order.

    Statistics compare outcomes (reason codes are not part of the agreement figures).
    """
    given = {(r.appeal_id, r.user_id): r.outcome for r in ratings}
    table = [[given.get((item.appeal_id, user)) for user in participants] for item in items]
    gold = [item.outcome for item in items]
    people = tuple(
        PersonAgreement(participants[g.rater], g.matched, g.compared, g.share)
        for g in agreement.gold_agreement(table, gold)) if participants else ()
    pairs = []
    for a, b in combinations(range(len(participants)), 2):
        col_a, col_b = [row[a] for row in table], [row[b] for row in table]
        both = sum(x is not None and y is not None for x, y in zip(col_a, col_b, strict=True))
        pairs.append(PairKappa(participants[a], participants[b], both,
                               _statistic(lambda a=col_a, b=col_b: agreement.cohen_kappa(a, b))))
    if len(participants) < 2:
        fleiss = Statistic(None, "Fleiss' kappa needs at least two participants")
    else:
        fleiss = _statistic(lambda: agreement.fleiss_kappa(table))
    row_of = {item.appeal_id: n for n, item in enumerate(items)}
    contested = []
    for c in agreement.most_contested([i.appeal_id for i in items], table):
        n = row_of[c.item_id]
        answers = Counter(x for x in table[n] if x is not None)
        contested.append(ContestedCase(items[n].appeal_id, c.disagreement, gold[n],
                                       dict(answers)))
    return CalibrationResults(
        session_id=session_id, participants=tuple(participants), gold=people,
        pairs=tuple(pairs), fleiss=fleiss,
        krippendorff=_statistic(lambda: agreement.krippendorff_alpha(table)),
        contested=tuple(contested))


def _statistic(compute: Callable[[], float | agreement.FleissResult]) -> Statistic:
    """The value, or ``None`` with the reason when the ratings leave it undefined."""
    try:
        result = compute()
    except NotEnoughDataError as exc:
        return Statistic(None, str(exc))
    if isinstance(result, agreement.FleissResult):
        return Statistic(result.value, items=result.items)
    return Statistic(result)


GOLDEN_FULL = 1.0


def golden_scores(criteria: Mapping[str, int], gold: GoldAnswer, outcome: Outcome,
                  reason_code: str | None) -> dict[int, float]:
    """Criterion id → score for a decision on a golden case.

    ``criteria`` maps scorecard criterion codes to ids. Outcome and reason are compared with
    the gold answer (a gold answer without a reason code accepts any); response and
    procedure cannot be judged automatically and count as met.
    """
    reason_ok = gold.reason_code is None or gold.reason_code == reason_code
    marks = {"outcome": outcome is gold.outcome, "reason": reason_ok}
    return {cid: float(marks.get(code, True)) for code, cid in criteria.items()}


def tally(rows: Sequence[tuple[int, bool]]) -> tuple[GoldenTally, ...]:
    """Per reviewer (in id order) from (reviewer id, outcome correct) pairs."""
    decided: Counter[int] = Counter(user for user, _ok in rows)
    correct: Counter[int] = Counter(user for user, ok in rows if ok)
    return tuple(GoldenTally(u, decided[u], correct[u]) for u in sorted(decided))


def golden_error(gold: GoldAnswer, outcome: Outcome, reason_code: str | None
                 ) -> ErrorType | None:
    """The QA error type of a decision on a golden case (None when it matches the gold).

    The taxonomy knows wrong upholds and wrong overturns only, so every wrong outcome other
    than an uphold (partial, inadmissible) counts as a wrong overturn of the enforcement.
    """
    if outcome is not gold.outcome:
        return ErrorType.WRONG_UPHOLD if outcome is Outcome.UPHOLD else ErrorType.WRONG_OVERTURN
    if gold.reason_code is not None and reason_code != gold.reason_code:
        return ErrorType.WRONG_REASON
    return None
