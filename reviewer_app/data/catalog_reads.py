"""Read-only catalog lookups the review flow needs: reason codes, templates, SOPs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    bindparam,
    cast,
    literal_column,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from reviewer_app.data.orm import PolicyRow, ReasonCodeRow, ResponseTemplateRow, SopDocumentRow
from reviewer_app.data.types import Link
from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.models import ReasonCode, ResponseTemplate, SopDocument
from reviewer_app.domain.sop import parse_checklist

FALLBACK_LANGUAGE = "en"


# Every decision validates against these three lookups: statements built once at import
# (building one costs more Python time than running it).
_REASON_CODES = (
    select(ReasonCodeRow.code, ReasonCodeRow.outcome, PolicyRow.code, ReasonCodeRow.label)
    .outerjoin(PolicyRow, PolicyRow.id == ReasonCodeRow.policy_id)
    .where(ReasonCodeRow.active.is_(True),
           or_(ReasonCodeRow.policy_id.is_(None), PolicyRow.code == bindparam("policy_code")))
    .order_by(ReasonCodeRow.outcome, ReasonCodeRow.code)
)
_TEMPLATES = (
    select(ResponseTemplateRow.language, ResponseTemplateRow.body,
           ResponseTemplateRow.redress_text)
    .where(ResponseTemplateRow.outcome == bindparam("outcome"))
    .order_by(ResponseTemplateRow.language)
)
_SOP_IN_FORCE = (
    select(SopDocumentRow)
    .join(PolicyRow, PolicyRow.id == SopDocumentRow.policy_id)
    .where(PolicyRow.code == bindparam("policy_code"),
           SopDocumentRow.effective_from <= bindparam("now"))
    .order_by(SopDocumentRow.version.desc())
    .limit(1)
)


def reason_codes(session: Session, policy_code: str) -> tuple[ReasonCode, ...]:
    """Active codes for the policy plus general ones (``policy_id`` NULL), by outcome, code."""
    return tuple(
        ReasonCode(code=code, outcome=Outcome(outcome), policy_code=policy, label=label)
        for code, outcome, policy, label in session.execute(
            _REASON_CODES, {"policy_code": policy_code})
    )


def response_template(session: Session, outcome: Outcome, language: str
                      ) -> ResponseTemplate | None:
    """Template for the outcome: exact language, then same primary language
    (``zh-CN`` finds ``zh`` or ``zh-Hans``), then English; None if there is none."""
    rows = session.execute(_TEMPLATES, {"outcome": outcome.value}).all()
    return _pick_template(rows, outcome, language)


def _pick_template(rows: Sequence[Any], outcome: Outcome, language: str
                   ) -> ResponseTemplate | None:
    """The fallback order of ``response_template`` over (language, body, redress) rows."""
    by_lang = {lang: (body, redress) for lang, body, redress in rows}
    primary = language.split("-")[0].lower()

    def pick() -> str | None:
        if language in by_lang:
            return language
        same = [lang for lang in by_lang if lang.split("-")[0].lower() == primary]
        if same:
            return min(same, key=lambda lang: (len(lang), lang))  # "zh" before "zh-Hans"
        return FALLBACK_LANGUAGE if FALLBACK_LANGUAGE in by_lang else None

    chosen = pick()
    if chosen is None:
        return None
    body, redress = by_lang[chosen]
    return ResponseTemplate(outcome=outcome, language=chosen, body=body, redress_text=redress)


def _to_sop(row: SopDocumentRow, policy_code: str) -> SopDocument:
    return SopDocument(
        id=row.id, policy_code=policy_code, version=row.version, title=row.title,
        body_markdown=row.body_markdown, checklist=parse_checklist(row.body_markdown),
        effective_from=row.effective_from,
    )


def sop_in_force(session: Session, policy_code: str, now: datetime) -> SopDocument | None:
    """Highest SOP version of the policy whose ``effective_from`` is not after ``now``."""
    row = session.scalars(_SOP_IN_FORCE, {"policy_code": policy_code, "now": now}).first()
    return None if row is None else _to_sop(row, policy_code)


def sops_in_force(session: Session, now: datetime) -> tuple[SopDocument, ...]:
    """The SOP in force for every policy that has one, ordered by policy code."""
    rows = session.execute(
        select(SopDocumentRow, PolicyRow.code)
        .join(PolicyRow, PolicyRow.id == SopDocumentRow.policy_id)
        .where(SopDocumentRow.effective_from <= now)
        .order_by(PolicyRow.code, SopDocumentRow.version.desc())
    ).all()
    seen: dict[str, SopDocument] = {}
    for row, code in rows:
        if code not in seen:
            seen[code] = _to_sop(row, code)
    return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class DecisionCatalog:
    """What storing one decision checks against the catalog, read in one round trip."""

    allowed_reason_codes: frozenset[str]
    template: ResponseTemplate | None
    sop_id: int | None


_RC = ReasonCodeRow.__table__.c
_T = ResponseTemplateRow.__table__.c
_SOP = SopDocumentRow.__table__.c
_P = PolicyRow.__table__.c
# The three lookups of a decision (reason codes for its outcome, the outcome's templates,
# the SOP in force) as one UNION ALL, tagged by kind: one round trip instead of three on
# every decision, each part the same query as ``reason_codes``, ``response_template`` and
# ``sop_in_force`` (never cached: an admin's catalog change applies to the next decision).
# The NULLs of the first branches are typed: PostgreSQL resolves two untyped NULLs as text.
_SOP_ID = (select(_SOP.id).join(PolicyRow.__table__, _P.id == _SOP.policy_id)
           .where(_P.code == bindparam("policy_code"),
                  _SOP.effective_from <= bindparam("now"))
           .order_by(_SOP.version.desc()).limit(1).subquery("sop"))
_FOR_DECISION = union_all(
    select(literal_column("'code'").label("kind"), _RC.code.label("a"), null().label("b"),
           null().label("c"), cast(null(), Integer).label("n"))
    .select_from(ReasonCodeRow.__table__.outerjoin(PolicyRow.__table__,
                                                   _P.id == _RC.policy_id))
    .where(_RC.active.is_(True), _RC.outcome == bindparam("outcome"),
           or_(_RC.policy_id.is_(None), _P.code == bindparam("policy_code"))),
    select(literal_column("'template'"), _T.language, _T.body, _T.redress_text,
           cast(null(), Integer))
    .where(_T.outcome == bindparam("outcome")),
    select(literal_column("'sop'"), null(), null(), null(), _SOP_ID.c.id),
)


def for_decision(session: Link, *, policy_code: str, outcome: Outcome | None,
                 language: str, now: datetime) -> DecisionCatalog:
    """Reason codes allowed for the outcome, its template (same fallback as
    ``response_template``) and the id of the SOP in force, in one query."""
    rows = session.execute(_FOR_DECISION, {
        "policy_code": policy_code, "outcome": "" if outcome is None else outcome.value,
        "now": now}).all()
    codes = frozenset(a for kind, a, _b, _c, _n in rows if kind == "code")
    templates = [(a, b, c) for kind, a, b, c, _n in rows if kind == "template"]
    sop = next((n for kind, _a, _b, _c, n in rows if kind == "sop"), None)
    return DecisionCatalog(
        allowed_reason_codes=codes,
        template=None if outcome is None else _pick_template(templates, outcome, language),
        sop_id=None if sop is None else int(sop))
