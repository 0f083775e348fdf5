"""QA use cases: sampling plans and draws, blind re-review, scoring, publishing, disputes.

Roles are checked here for every engine (SQLite has no row security); on PostgreSQL the
database enforces the same rules again. Only QA, leads and admins sample, audit and see
other people's evaluations; a reviewer sees their own once published and may dispute them
within the window; a lead (or admin) resolves disputes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from reviewer_app.data import qa_store, sampling_store
from reviewer_app.data import user_repository as users
from reviewer_app.data.db import Database
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.enums import Outcome, Role
from reviewer_app.domain.errors import ConflictError, InvalidInputError, PermissionDeniedError
from reviewer_app.domain.models import User
from reviewer_app.domain.qa_accuracy import accuracy_by, stratified_for_sample
from reviewer_app.domain.qa_models import (
    DISPUTE_WINDOW,
    AccuracyRow,
    BlindCase,
    DisputeResolution,
    ErrorType,
    Evaluation,
    EvaluationStatus,
    OriginalDecision,
    PlanSpec,
    SampleItem,
    SampleSummary,
    SamplingPlan,
    Scorecard,
)
from reviewer_app.domain.qa_stats import StratifiedAccuracy
from reviewer_app.domain.sampling import draw, validate_spec
from reviewer_app.domain.scorecard import PASS, evaluation_resolution, iqs

AUDITORS = frozenset({Role.QA, Role.LEAD, Role.ADMIN})
RESOLVERS = frozenset({Role.LEAD, Role.ADMIN})
VISIBLE_TO_REVIEWED = (EvaluationStatus.PUBLISHED, EvaluationStatus.DISPUTED,
                       EvaluationStatus.RESOLVED)


@dataclass(frozen=True, slots=True)
class SampleResult:
    """A recorded draw: its id, how many decisions it picked out of how many."""

    sample_id: int
    picked: int
    population: int
    seed: int


@dataclass(frozen=True, slots=True)
class Reveal:
    """After the blind decision: the evaluation started and the original beside it."""

    evaluation_id: int
    version: int
    blind_outcome: Outcome
    blind_reason_code: str | None
    original: OriginalDecision
    scorecard: Scorecard


class QaService:
    """The QA auditor's, the reviewer's and the lead's side of quality assurance."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    # -- plans and samples -------------------------------------------------------------
    def create_plan(self, user_id: int, name: str, spec: PlanSpec) -> int:
        """Store a sampling plan (QA, leads, admins); ``InvalidInputError`` if it cannot work."""
        with _as_invalid_input():
            validate_spec(spec)
        if not name.strip():
            raise InvalidInputError("Give the plan a name")
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "configure sampling plans")
            if sampling_store.plan_named(s, name.strip()):
                raise InvalidInputError(f"A plan named “{name.strip()}” exists already")
            return sampling_store.save_plan(s, name=name.strip(), spec=spec, user_id=user_id,
                                            now=self._clock())

    def plans(self) -> tuple[SamplingPlan, ...]:
        """Active sampling plans."""
        with self._db.read() as s:
            return sampling_store.plans(s)

    def draw_sample(self, user_id: int, plan_id: int, start: datetime, end: datetime,
                    seed: int | None = None) -> SampleResult:
        """Draw and record a sample of the final decisions made in ``[start, end)``.

        The seed is recorded, so the same plan, period and seed can be drawn again and give
        the same picks (decisions already sampled by an earlier draw are left out).
        """
        if seed is None:
            seed = random.SystemRandom().randrange(2**31)
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "draw QA samples")
            plan = sampling_store.plan(s, plan_id)
            pool = sampling_store.candidates(s, start, end)
            result = draw(plan.spec, pool, seed, sampling_store.sampled_decision_ids(s))
            sample_id = sampling_store.record_sample(
                s, plan_id=plan_id, seed=seed, start=start, end=end, population=len(pool),
                result=result, user_id=user_id, now=self._clock())
        return SampleResult(sample_id, len(result.picks), len(pool), seed)

    def qa_queue(self, user_id: int) -> tuple[SampleItem, ...]:
        """Sampled decisions waiting for an audit."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "see the QA queue")
            return sampling_store.sample_items(s, status="pending")

    # -- lookups for the QA screens --------------------------------------------------------
    def appeal_ids(self, user_id: int, refs: list[str]) -> dict[str, int]:
        """Appeal ids for references typed by an auditor; ``InvalidInputError`` naming the
        references that do not exist."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "pick cases for QA")
            found = qa_store.appeal_ids(s, refs)
        missing = [r for r in refs if r not in found]
        if missing:
            raise InvalidInputError(f"No appeal {', '.join(missing)}")
        return found

    def appeal_refs(self, ids: list[int]) -> dict[int, str]:
        """Appeal references by id (every role reads appeals)."""
        with self._db.read() as s:
            return qa_store.appeal_refs(s, ids)

    def people(self) -> tuple[User, ...]:
        """Active users (for names, participants and golden-case targets)."""
        with self._db.read() as s:
            return users.list_users(s, active_only=True)

    # -- scorecards ---------------------------------------------------------------------
    def active_scorecard(self) -> Scorecard:
        """The scorecard new audits are scored on."""
        with self._db.read() as s:
            return qa_store.active_scorecard(s)

    def save_scorecard(self, user_id: int, name: str,
                       criteria: tuple[tuple[str, str, float, bool], ...]) -> Scorecard:
        """Make (code, label, weight, critical) rows the new active scorecard version.

        Leads and admins only. Audits already started keep the version they began with.
        """
        name = name.strip()
        codes = [c[0].strip() for c in criteria]
        if not name:
            raise InvalidInputError("Give the scorecard a name")
        if not criteria:
            raise InvalidInputError("A scorecard needs at least one criterion")
        if any(not code for code in codes) or len(set(codes)) != len(codes):
            raise InvalidInputError("Every criterion needs its own short code")
        if any(not label.strip() for _c, label, _w, _k in criteria):
            raise InvalidInputError("Every criterion needs a label")
        if any(weight <= 0 for _c, _l, weight, _k in criteria):
            raise InvalidInputError("Every weight must be above 0")
        if "outcome" not in codes:
            # Accuracy counts an audit as correct when no critical criterion failed, and
            # the audit screen pre-fills "outcome" from the comparison: it must exist.
            raise InvalidInputError("Keep a criterion with the code “outcome”")
        clean = tuple((c.strip(), label.strip(), float(w), bool(k))
                      for c, label, w, k in criteria)
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), RESOLVERS, "change the scorecard")
            new_id = qa_store.add_scorecard_version(s, name, clean, self._clock())
            return qa_store.scorecard(s, new_id)

    # -- blind re-review ---------------------------------------------------------------
    def blind_case(self, user_id: int, item_id: int) -> BlindCase:
        """The sampled case without the original outcome, reason or reviewer."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "audit decisions")
            return qa_store.blind_case(s, item_id)

    def open_audit(self, user_id: int, item_id: int) -> tuple[BlindCase, Reveal | None]:
        """The blind case, and the reveal too when this audit was already started (an
        auditor coming back to a draft sees their decision and the original again)."""
        case = self.blind_case(user_id, item_id)
        with self._db.read() as s:
            started = qa_store.evaluation_for_item(s, item_id)
        return case, None if started is None else self.reveal(user_id, started)

    def decide_blind(self, user_id: int, item_id: int, outcome: Outcome,
                     reason_code: str | None, notes: str = "") -> Reveal:
        """Record the auditor's own decision, then reveal the original beside it.

        The original is only ever returned after a blind decision is stored for the item.
        """
        now = self._clock()
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "audit decisions")
            item = qa_store.sample_item(s, item_id)
            if qa_store.evaluation_for_item(s, item_id) is not None:
                raise ConflictError("This case has been audited already; open its evaluation")
            if item.reviewer_user_id == user_id:
                raise PermissionDeniedError("You cannot audit your own decision")
            card = qa_store.active_scorecard(s)
            evaluation_id = qa_store.start_evaluation(
                s, item=item, auditor_id=user_id, scorecard_id=card.id,
                blind_outcome=outcome.value, blind_reason_code=reason_code,
                blind_notes=notes, now=now)
            original = qa_store.original_decision(s, item.decision_id)
        return Reveal(evaluation_id, 1, outcome, reason_code, original, card)

    def reveal(self, user_id: int, evaluation_id: int) -> Reveal:
        """Reopen a started audit: the blind decision and the original side by side."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "audit decisions")
            ev = qa_store.evaluation(s, evaluation_id)
            card = qa_store.scorecard(s, ev.scorecard_id or 0)
            original = qa_store.original_decision(s, ev.decision_id)
        return Reveal(evaluation_id, ev.version, Outcome(ev.blind_outcome or "uphold"),
                      ev.blind_reason_code, original, card)

    # -- scorecard and publishing --------------------------------------------------------
    def score(self, user_id: int, evaluation_id: int, expected_version: int,
              scores: Mapping[int, float], *, notes: Mapping[int, str] | None = None,
              error_type: ErrorType | None = None, comment: str = "") -> Evaluation:
        """Fill in the scorecard of a draft; the total is computed (IQS)."""
        now = self._clock()
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "score evaluations")
            row = qa_store.locked(s, evaluation_id, expected_version)
            if row.status != EvaluationStatus.DRAFT.value:
                raise ConflictError("Only a draft can be scored; this one is " + row.status)
            card = qa_store.scorecard(s, row.scorecard_id or 0)
            with _as_invalid_input():
                total = iqs(card.criteria, scores)
            qa_store.save_scores(s, row, scores=scores, notes=notes or {}, total=total,
                                 error_type=error_type, comment=comment, actor_id=user_id,
                                 now=now)
            return qa_store.evaluation(s, evaluation_id)

    def publish(self, user_id: int, evaluation_id: int, expected_version: int) -> Evaluation:
        """Publish a scored draft: the reviewer sees it and may dispute it for 48 hours."""
        now = self._clock()
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "publish evaluations")
            row = qa_store.locked(s, evaluation_id, expected_version)
            if row.status != EvaluationStatus.DRAFT.value:
                raise ConflictError("This evaluation is already " + row.status)
            if row.score is None:
                raise InvalidInputError("Fill in the scorecard before publishing")
            qa_store.set_status(s, row, EvaluationStatus.PUBLISHED, actor_id=user_id, now=now,
                                published_at=now, dispute_until=now + DISPUTE_WINDOW)
            if row.sample_item_id is not None:
                qa_store.mark_item_audited(s, row.sample_item_id)
            return qa_store.evaluation(s, evaluation_id)

    # -- reading -------------------------------------------------------------------------
    def my_evaluations(self, user_id: int) -> tuple[Evaluation, ...]:
        """A reviewer's own published (and later) evaluations."""
        with self._db.read() as s:
            return qa_store.evaluations(s, reviewer_id=user_id, statuses=VISIBLE_TO_REVIEWED)

    def evaluations(self, user_id: int, *, reviewer_id: int | None = None,
                    statuses: tuple[EvaluationStatus, ...] | None = None
                    ) -> tuple[Evaluation, ...]:
        """Everyone's evaluations: QA, leads and admins only."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "see other people's evaluations")
            return qa_store.evaluations(s, reviewer_id=reviewer_id, statuses=statuses)

    def evaluation(self, user_id: int, evaluation_id: int) -> Evaluation:
        """One evaluation, if the user may see it."""
        with self._db.read() as s:
            user = users.get_user(s, user_id)
            ev = qa_store.evaluation(s, evaluation_id)
            if user.role not in AUDITORS and not (
                    ev.reviewer_user_id == user_id and ev.status in VISIBLE_TO_REVIEWED):
                raise PermissionDeniedError("You may only see your own published evaluations")
            return ev

    # -- disputes ------------------------------------------------------------------------
    def dispute(self, user_id: int, evaluation_id: int, expected_version: int,
                reasons: Mapping[int, str]) -> Evaluation:
        """The reviewed person disputes some criteria, with a reason each, in the window."""
        reasons = {cid: text.strip() for cid, text in reasons.items()}
        if not reasons:
            raise InvalidInputError("Choose at least one criterion to dispute")
        if any(not text for text in reasons.values()):
            raise InvalidInputError("Say why for every criterion you dispute")
        now = self._clock()
        with self._db.write() as s:
            row = qa_store.locked(s, evaluation_id, expected_version)
            if row.reviewer_user_id != user_id:
                raise PermissionDeniedError("Only the reviewed person may dispute an evaluation")
            if row.status != EvaluationStatus.PUBLISHED.value:
                raise ConflictError(f"This evaluation is {row.status}; it cannot be disputed")
            if row.dispute_until is not None and now > row.dispute_until:
                raise ConflictError(
                    f"The dispute window closed at {row.dispute_until:%Y-%m-%d %H:%M} UTC")
            card = qa_store.scorecard(s, row.scorecard_id or 0)
            unknown = set(reasons) - {c.id for c in card.criteria}
            if unknown:
                raise InvalidInputError("Dispute only criteria of this evaluation's scorecard")
            qa_store.add_disputes(s, evaluation_id, reasons, reviewer_id=user_id, now=now)
            qa_store.set_status(s, row, EvaluationStatus.DISPUTED, actor_id=user_id, now=now,
                                comment=f"{len(reasons)} criteria disputed")
            return qa_store.evaluation(s, evaluation_id)

    def resolve(self, user_id: int, evaluation_id: int, expected_version: int,
                answers: Mapping[int, tuple[DisputeResolution, str]]) -> Evaluation:
        """A lead answers every disputed criterion; accepted ones count as met and the
        score is computed again. Every change is in the evaluation's history."""
        now = self._clock()
        with self._db.write() as s:
            require_role(users.get_user(s, user_id), RESOLVERS, "resolve disputes")
            row = qa_store.locked(s, evaluation_id, expected_version)
            if row.status != EvaluationStatus.DISPUTED.value:
                raise ConflictError(f"This evaluation is {row.status}, not disputed")
            disputes = qa_store.open_disputes(s, evaluation_id)
            if set(answers) != set(disputes):
                raise InvalidInputError("Answer every disputed criterion (accept or reject)")
            qa_store.answer_disputes(s, answers, disputes, lead_id=user_id, now=now)
            scores = qa_store.scores_of(s, evaluation_id)
            for cid, (answer, _note) in answers.items():
                if answer is DisputeResolution.ACCEPTED:
                    scores[cid] = PASS
            card = qa_store.scorecard(s, row.scorecard_id or 0)
            total = iqs(card.criteria, scores)
            if total != row.score:
                qa_store.save_scores(
                    s, row, scores=scores, notes={}, total=total,
                    error_type=None if total == 100 else _error(row.error_type),
                    comment=row.comment, actor_id=user_id, now=now)
            outcome = evaluation_resolution(a for a, _n in answers.values())
            qa_store.set_status(s, row, EvaluationStatus.RESOLVED, actor_id=user_id, now=now,
                                comment=outcome.value, resolution=outcome.value,
                                resolved_by=user_id, resolved_at=now)
            return qa_store.evaluation(s, evaluation_id)

    # -- accuracy ------------------------------------------------------------------------
    def accuracy(self, user_id: int, start: datetime, end: datetime, by: str
                 ) -> tuple[AccuracyRow, ...]:
        """Accuracy per group for decisions made in ``[start, end)`` (QA and leads); a
        reviewer may ask for ``by="reviewer"`` and gets only their own row."""
        with self._db.read() as s:
            user = users.get_user(s, user_id)
            rows = qa_store.audited_rows(s, start, end)
        if user.role not in AUDITORS:
            if by != "reviewer":
                raise PermissionDeniedError("Only QA auditors, leads and admins may see "
                                            "team accuracy")
            rows = [r for r in rows if r.reviewer_user_id == user_id]
        with _as_invalid_input():
            return accuracy_by(rows, by)

    def sample_accuracy(self, user_id: int, sample_id: int, start: datetime,
                        end: datetime) -> StratifiedAccuracy | None:
        """The stratified estimate of one sample (None until every stratum is audited)."""
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "see sample accuracy")
            population = sampling_store.strata_population(s, sample_id)
            rows = qa_store.audited_rows(s, start, end, sample_id=sample_id)
        return stratified_for_sample(rows, sample_id, population)

    def samples(self, user_id: int) -> tuple[SampleSummary, ...]:
        """Recent samples with their stratified estimates (weighted by recorded N_h)."""
        out = []
        with self._db.read() as s:
            require_role(users.get_user(s, user_id), AUDITORS, "see sample accuracy")
            for sample_id, plan, start, end, picked in sampling_store.samples(s):
                population = sampling_store.strata_population(s, sample_id)
                rows = qa_store.audited_rows(s, start, end, sample_id=sample_id)
                est = stratified_for_sample(rows, sample_id, population)
                out.append(SampleSummary(
                    sample_id, plan, start, end, picked, len(rows),
                    None if est is None else est.estimate, None if est is None else est.low,
                    None if est is None else est.high))
        return tuple(out)

    def history(self, user_id: int, evaluation_id: int
                ) -> tuple[tuple[datetime, str, str | None, str | None], ...]:
        """The evaluation's events (who, when, what), if the user may see it."""
        self.evaluation(user_id, evaluation_id)
        with self._db.read() as s:
            return qa_store.history(s, evaluation_id)


@contextmanager
def _as_invalid_input() -> Iterator[None]:
    # The domain's rules raise ValueError; for the user it is input to correct, not a bug.
    try:
        yield
    except ValueError as exc:
        raise InvalidInputError(str(exc)) from exc


def require_role(user: User, roles: frozenset[Role], what: str) -> None:
    """``PermissionDeniedError`` unless the user has one of ``roles`` (``what``: the action)."""
    if user.role not in roles:
        who = "QA auditors, leads and admins" if Role.QA in roles else "leads and admins"
        raise PermissionDeniedError(f"Only {who} may {what}")


def _error(value: str | None) -> ErrorType | None:
    return None if value is None else ErrorType(value)
