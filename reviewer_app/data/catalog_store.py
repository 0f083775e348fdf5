"""Writes the catalog (policies, SOPs, queues, SLAs, reason codes, templates) idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.data.db import Database
from reviewer_app.data.orm import (
    PolicyRow,
    QueueDefRow,
    ReasonCodeRow,
    ResponseTemplateRow,
    SlaPolicyRow,
    SopDocumentRow,
)


@dataclass(frozen=True, slots=True)
class PolicySpec:
    """A policy with its first SOP document."""

    code: str
    name: str
    severity: str
    sop_title: str
    sop_markdown: str
    sop_version: int
    sop_effective_from: datetime


@dataclass(frozen=True, slots=True)
class QueueSpec:
    """A work queue."""

    code: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class SlaSpec:
    """SLA hours for a queue/policy/market combination (``None`` matches anything)."""

    hours: float
    queue_code: str | None = None
    policy_code: str | None = None
    market: str | None = None
    pause_on_request_info: bool = True


@dataclass(frozen=True, slots=True)
class ReasonCodeSpec:
    """A controlled reason code; ``policy_code`` None means every policy."""

    code: str
    outcome: str
    label: str
    policy_code: str | None = None


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """A response template for an outcome in one language."""

    outcome: str
    language: str
    body: str
    redress_text: str


@dataclass(frozen=True, slots=True)
class CatalogSpec:
    """Everything the default catalog holds."""

    policies: tuple[PolicySpec, ...]
    queues: tuple[QueueSpec, ...]
    slas: tuple[SlaSpec, ...]
    reason_codes: tuple[ReasonCodeSpec, ...]
    templates: tuple[TemplateSpec, ...]


@dataclass(frozen=True, slots=True)
class CatalogCounts:
    """How many catalog rows of each kind exist (or were added)."""

    policies: int = 0
    sop_documents: int = 0
    queues: int = 0
    sla_policies: int = 0
    reason_codes: int = 0
    templates: int = 0

    @property
    def total(self) -> int:
        """Sum over every kind."""
        return (
            self.policies + self.sop_documents + self.queues + self.sla_policies
            + self.reason_codes + self.templates
        )


def install_catalog(db: Database, spec: CatalogSpec) -> CatalogCounts:
    """Insert every catalog row that is missing (by natural key); never change existing rows.

    Running it twice adds nothing the second time, and edits a team made to the catalog
    (renamed policies, changed SLA hours, new SOP versions) are kept.

    Returns:
        How many rows of each kind were added.
    """
    with db.write() as s:
        policies = {r.code: r.id for r in s.scalars(select(PolicyRow))}
        queues = {r.code: r.id for r in s.scalars(select(QueueDefRow))}
        added = dict.fromkeys(
            ("policies", "sop_documents", "queues", "sla_policies", "reason_codes", "templates"),
            0,
        )
        for p in spec.policies:
            if p.code not in policies:
                row = PolicyRow(code=p.code, name=p.name, severity=p.severity)
                s.add(row)
                s.flush()
                policies[p.code] = row.id
                added["policies"] += 1
            if not _exists(s, SopDocumentRow, policy_id=policies[p.code], version=p.sop_version):
                s.add(SopDocumentRow(
                    policy_id=policies[p.code], version=p.sop_version, title=p.sop_title,
                    body_markdown=p.sop_markdown, effective_from=p.sop_effective_from,
                ))
                added["sop_documents"] += 1
        for q in spec.queues:
            if q.code not in queues:
                row = QueueDefRow(code=q.code, name=q.name, description=q.description)
                s.add(row)
                s.flush()
                queues[q.code] = row.id
                added["queues"] += 1
        added["sla_policies"] = _install_slas(s, spec.slas, queues, policies)
        codes = set(s.scalars(select(ReasonCodeRow.code)))
        for rc in spec.reason_codes:
            if rc.code not in codes:
                s.add(ReasonCodeRow(
                    code=rc.code, outcome=rc.outcome, label=rc.label, active=True,
                    policy_id=policies[rc.policy_code] if rc.policy_code else None,
                ))
                added["reason_codes"] += 1
        have = set(s.execute(select(ResponseTemplateRow.outcome, ResponseTemplateRow.language)))
        for t in spec.templates:
            if (t.outcome, t.language) not in have:
                s.add(ResponseTemplateRow(
                    outcome=t.outcome, language=t.language, body=t.body,
                    redress_text=t.redress_text,
                ))
                added["templates"] += 1
    return CatalogCounts(**added)


def _install_slas(
    s: Session, slas: tuple[SlaSpec, ...], queues: dict[str, int], policies: dict[str, int]
) -> int:
    existing = {
        (r.queue_id, r.policy_id, r.market) for r in s.scalars(select(SlaPolicyRow))
    }
    added = 0
    for sla in slas:
        key = (
            queues[sla.queue_code] if sla.queue_code else None,
            policies[sla.policy_code] if sla.policy_code else None,
            sla.market,
        )
        if key not in existing:
            s.add(SlaPolicyRow(
                queue_id=key[0], policy_id=key[1], market=key[2], hours=sla.hours,
                pause_on_request_info=sla.pause_on_request_info,
            ))
            existing.add(key)
            added += 1
    return added


def _exists(s: Session, model: type, **where: object) -> bool:
    stmt = select(func.count()).select_from(model).filter_by(**where)
    return bool(s.scalar(stmt))


def catalog_counts(db: Database) -> CatalogCounts:
    """How many catalog rows of each kind the database holds."""
    with db.read() as s:
        def count(model: type) -> int:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)

        return CatalogCounts(
            policies=count(PolicyRow),
            sop_documents=count(SopDocumentRow),
            queues=count(QueueDefRow),
            sla_policies=count(SlaPolicyRow),
            reason_codes=count(ReasonCodeRow),
            templates=count(ResponseTemplateRow),
        )


def policy_codes(db: Database) -> tuple[str, ...]:
    """Codes of the policies in the database, sorted."""
    with db.read() as s:
        return tuple(sorted(s.scalars(select(PolicyRow.code))))
