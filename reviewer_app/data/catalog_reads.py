"""Read-only catalog lookups the review flow needs: reason codes, templates, SOPs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from reviewer_app.data.orm import PolicyRow, ReasonCodeRow, ResponseTemplateRow, SopDocumentRow
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
