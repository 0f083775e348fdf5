"""Writes enforcements read from statements of reasons: one batch per transaction.

An enforcement is found again by its statement's ``puid`` (``enforcements.sor_puid``), so a
file imported twice changes nothing. A statement whose ``enforcement_id`` names an
enforcement without a ``puid`` yet (made by an appeal import) links it and takes the
statement's values. Appellants are reused by reference and created when missing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from reviewer_app.data.batch_lookup import among
from reviewer_app.data.change_feed import BULK, publish
from reviewer_app.data.db import Database
from reviewer_app.data.orm import AppellantRow, EnforcementRow
from reviewer_app.domain.appeal_row import FieldProblem, Problem
from reviewer_app.domain.sor_import import ImportedEnforcement, SorProblem

E = EnforcementRow.__table__.c
P = AppellantRow.__table__.c
FIELDS = ("action", "policy_id", "facts", "automated_detection", "automated_decision",
          "enforced_at", "scope", "clause", "listing_id", "evidence_json", "sor_puid")


@dataclass(slots=True)
class SorBatchOutcome:
    """What one batch did (or, in a dry run, would do)."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


class _DryRunEndError(Exception):
    """Raised inside a dry run's transaction so ``Database.write_core`` rolls it back."""


def values_of(e: ImportedEnforcement, policy_id: int,
              evidence_json: str | None = None) -> dict[str, Any]:
    """The enforcement columns a statement sets (an EAN an appeal import added to the
    evidence in ``evidence_json`` is kept)."""
    evidence = dict(e.evidence)
    try:
        ean = json.loads(evidence_json or "{}").get("ean")
    except (ValueError, AttributeError):
        ean = None
    if isinstance(ean, str):
        evidence["ean"] = ean
    return {
        "action": e.action, "policy_id": policy_id, "facts": e.facts,
        "automated_detection": e.automated_detection,
        "automated_decision": e.automated_decision, "enforced_at": e.enforced_at,
        "scope": e.scope, "clause": e.clause, "listing_id": e.listing_id,
        "evidence_json": json.dumps(evidence, ensure_ascii=False, sort_keys=True),
        "sor_puid": e.puid,
    }


def write_sor_batch(db: Database, batch: Sequence[ImportedEnforcement], *,
                    policy_ids: dict[str, int], now: datetime,
                    dry_run: bool = False) -> SorBatchOutcome:
    """Insert or update ``batch`` in one transaction (rolled back when ``dry_run``)."""
    out = SorBatchOutcome()
    try:
        with db.write_core() as c:
            if _write(c, batch, policy_ids, out):
                publish(c, kind=BULK, at=now, appeal_ids=(None,))
            if dry_run:
                raise _DryRunEndError
    except _DryRunEndError:
        pass
    return out


def _write(c: Connection, batch: Sequence[ImportedEnforcement], policy_ids: dict[str, int],
           out: SorBatchOutcome) -> bool:
    """The batch's statements; True when something was written."""
    puids = [e.puid for e in batch]
    refs = [e.enforcement_id for e in batch]
    columns = (E.id, E.ref, E.sor_puid, P.ref.label("owner"), *(E[k] for k in FIELDS))
    joined = select(*columns).join(AppellantRow.__table__, P.id == E.appellant_id)
    by_puid = {r["sor_puid"]: dict(r) for r in c.execute(
        joined.where(among(c, E.sor_puid, puids))).mappings()}
    by_ref = {r["ref"]: dict(r) for r in c.execute(joined.where(among(c, E.ref, refs))).mappings()}
    appellants: dict[str, int] = dict(c.execute(  # type: ignore[arg-type]
        select(P.ref, P.id).where(among(c, P.ref, {e.appellant_id for e in batch}))).all())
    new: list[ImportedEnforcement] = []
    wrote = False
    for e in batch:
        known = by_puid.get(e.puid) or by_ref.get(e.enforcement_id)
        values = values_of(e, policy_ids[e.policy_code],
                           None if known is None else known["evidence_json"])
        problem = _conflict(e, known)
        if problem is not None:
            out.problems.append(FieldProblem(e.row, *problem))
            continue
        if known is None:
            new.append(e)
            by_ref[e.enforcement_id] = by_puid[e.puid] = {
                "id": None, "ref": e.enforcement_id, "sor_puid": e.puid,
                "owner": e.appellant_id, **values}
            continue
        changed = {k: v for k, v in values.items() if known[k] != v}
        if not changed:
            out.unchanged += 1
            continue
        if known["id"] is None:  # the same statement twice in one batch, differently
            out.problems.append(FieldProblem(e.row, "puid", Problem.DUPLICATE_IN_FILE))
            continue
        c.execute(update(EnforcementRow.__table__).where(E.id == known["id"]).values(**changed))
        known.update(changed)
        by_puid[e.puid] = known
        out.updated += 1
        wrote = True
    if new:
        missing = {e.appellant_id: e for e in new if e.appellant_id not in appellants}
        if missing:
            c.execute(insert(AppellantRow.__table__), [
                {"ref": a.appellant_id, "kind": a.appellant_type,
                 "display_name": a.appellant_id, "account_type": a.account_type,
                 "market": a.market, "language": a.language} for a in missing.values()])
            appellants.update(c.execute(  # type: ignore[arg-type]
                select(P.ref, P.id).where(among(c, P.ref, missing))).all())
        c.execute(insert(EnforcementRow.__table__), [
            {"ref": e.enforcement_id, "appellant_id": appellants[e.appellant_id],
             "decided_by_label": "", "is_strike": False,
             **values_of(e, policy_ids[e.policy_code])} for e in new])
        out.imported += len(new)
        wrote = True
    return wrote


def _conflict(e: ImportedEnforcement, known: dict[str, Any] | None) -> tuple[str, str] | None:
    """(column, reason) when ``e`` cannot be written onto ``known``."""
    if known is None:
        return None
    if known["sor_puid"] == e.puid and known["ref"] != e.enforcement_id:
        return "enforcement_id", SorProblem.PUID_OF_OTHER_ENFORCEMENT
    if known["sor_puid"] not in (None, e.puid):
        return "enforcement_id", SorProblem.ENFORCEMENT_HAS_OTHER_PUID
    if known["owner"] != e.appellant_id:
        return "appellant_id", Problem.ENFORCEMENT_OF_OTHER_APPELLANT
    return None
