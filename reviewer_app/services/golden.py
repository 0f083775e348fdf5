"""Golden cases: known-answer appeals in the live queue of chosen reviewers, scored
automatically into published QA evaluations.

Only QA, leads and admins create golden cases and read their results; the claim query
(``lease_repository``) keeps a golden case for its targets, and nothing a reviewer sees of
an open case says it is golden.
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer_app.data import golden_store, qa_store
from reviewer_app.data import user_repository as users
from reviewer_app.data.db import Database
from reviewer_app.domain.calibration import (
    GoldAnswer,
    GoldenTally,
    golden_error,
    golden_scores,
    tally,
)
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.errors import ConflictError, InvalidInputError
from reviewer_app.domain.qa_models import DISPUTE_WINDOW
from reviewer_app.domain.scorecard import iqs
from reviewer_app.services.qa import AUDITORS, require_role


class GoldenService:
    """Create golden cases, score decisions on them, report per reviewer."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def create(self, user_id: int, gold: GoldAnswer, target_user_ids: Sequence[int]) -> int:
        """Make an open appeal a golden case for ``target_user_ids``."""
        if not gold.outcome.is_final:
            raise InvalidInputError("A gold answer must be a final outcome")
        if not target_user_ids:
            raise InvalidInputError("Choose the reviewers the golden case is meant for")
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "create golden cases")
            status = golden_store.appeal_status(s, gold.appeal_id)
            if not status.is_open:
                raise ConflictError(f"Appeal {gold.appeal_id} is {status.value}; only an open "
                                    "appeal can become a golden case")
            for person in target_user_ids:
                users.get_user(s, person)  # NotFoundError for an unknown reviewer
            return golden_store.create(s, gold=gold, created_by=user_id, now=self._clock(),
                                       targets=sorted(set(target_user_ids)))

    def score_decided(self, user_id: int | None = None) -> tuple[int, ...]:
        """Record a published evaluation for every decided golden case not scored yet.

        ``user_id`` None runs as the system (a scheduled job on the owner's connection).
        Idempotent, and safe when two clients run it at once: each case is recorded once.
        Returns the new evaluations' ids.
        """
        now = self._clock()
        created = []
        with self._db.write() as s:
            if user_id is not None:
                require_role(users.get_user(s, user_id), AUDITORS, "score golden cases")
            pending = golden_store.unscored(s)
            if not pending:
                return ()
            card = qa_store.active_scorecard(s)
            codes = {c.code: c.id for c in card.criteria}
            for case in pending:
                scores = golden_scores(codes, case.gold, case.outcome, case.reason_code)
                ev = golden_store.GoldenEvaluation(
                    case, card.id, scores, iqs(card.criteria, scores),
                    golden_error(case.gold, case.outcome, case.reason_code))
                new_id = golden_store.record(s, ev, actor_id=user_id, now=now,
                                             dispute_until=now + DISPUTE_WINDOW)
                if new_id is not None:
                    created.append(new_id)
        return tuple(created)

    def golden_results(self, user_id: int) -> tuple[GoldenTally, ...]:
        """Per reviewer: golden cases decided and how many with the gold outcome."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "see golden case results")
            return tally(golden_store.scored_outcomes(s))
