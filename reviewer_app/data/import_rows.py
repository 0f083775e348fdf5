"""The shapes an import batch works with: a planned row, a stored enforcement as the batch
sees it, and the appeal and enforcement column values a row sets (compared on a re-import)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reviewer_app.domain.appeal_row import ImportedAppeal

APPEAL_FIELDS = ("appellant_id", "appellant_ref", "enforcement_id", "round", "received_at",
                 "sla_due_at", "priority", "market", "language", "policy_code", "listing_id",
                 "statement")
ENFORCEMENT_FIELDS = ("action", "policy_id", "facts", "automated_detection",
                      "automated_decision", "enforced_at", "listing_id", "evidence_json",
                      "sor_puid")


@dataclass(frozen=True, slots=True)
class PlannedAppeal:
    """A valid row with what the catalog decided for it (queue, SLA due time)."""

    appeal: ImportedAppeal
    queue_code: str
    sla_due_at: datetime


@dataclass(slots=True)
class Known:
    """An enforcement as the batch sees it: its id (None until inserted), owner, values."""

    id: int | None
    owner: str
    values: dict[str, Any] | None = None


def enforcement_values(a: ImportedAppeal, policy_id: int,
                        evidence_json: str | None = None) -> dict[str, Any]:
    """The enforcement columns a row sets. ``sor_puid`` only when the row gives one (an
    empty or missing column keeps the link a statement-of-reasons import made), and the
    row's EAN is merged into ``evidence_json`` (the evidence already there is kept)."""
    evidence = _evidence(evidence_json)
    evidence.pop("ean", None)
    if a.ean:
        evidence["ean"] = a.ean
    values: dict[str, Any] = {
        "action": a.enforcement_action, "policy_id": policy_id, "facts": a.decision_facts,
        "automated_detection": a.automated_detection,
        "automated_decision": a.automated_decision, "enforced_at": a.enforced_at,
        "listing_id": a.listing_id,
        "evidence_json": json.dumps(evidence, ensure_ascii=False, sort_keys=True)
        if evidence else "{}",
    }
    if a.sor_puid is not None:
        values["sor_puid"] = a.sor_puid
    return values


def _evidence(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:  # evidence written by hand or another tool: the row's EAN replaces it
        return {}
    return value if isinstance(value, dict) else {}


def appeal_values(p: PlannedAppeal, appellant_id: int, enforcement_id: int) -> dict[str, Any]:
    a = p.appeal
    return {
        "appellant_id": appellant_id, "appellant_ref": a.appellant_id,
        "enforcement_id": enforcement_id, "round": a.round, "received_at": a.received_at,
        "sla_due_at": p.sla_due_at, "priority": a.priority, "market": a.market,
        "language": a.language, "policy_code": a.policy_code, "listing_id": a.listing_id,
        "statement": a.appeal_text,
    }


def changes(current: dict[str, Any], values: dict[str, Any]) -> list[str]:
    return sorted(k for k, v in values.items() if current[k] != v)
