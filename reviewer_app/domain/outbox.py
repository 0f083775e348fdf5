"""Decisions kept on this computer until the shared database has them (the local outbox)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from reviewer_app.domain.enums import Outcome
from reviewer_app.domain.models import DecisionDraft


class OutboxState(StrEnum):
    """Where a locally saved decision stands."""

    PENDING = "pending"  # saved here, not yet (known to be) in the database
    APPLIED = "applied"  # the database has it
    CONFLICT = "conflict"  # the database refused it (lease lost, appeal changed): ask a person
    DISCARDED = "discarded"  # the reviewer dropped it after a conflict


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One decision in the local outbox.

    Attributes:
        problem: for a conflict, the name of the error the database answered with
            (``"LeaseLostError"``, ``"ConflictError"``…); the UI turns it into words.
        detail: that error's own (English) message, kept for the log and for support.
    """

    id: int
    idempotency_key: str
    database: str
    user_id: int
    appeal_id: int
    appeal_ref: str
    draft: DecisionDraft
    state: OutboxState
    created_at: datetime
    updated_at: datetime
    attempts: int = 0
    problem: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """How many of one user's decisions still need the database or the reviewer."""

    pending: int = 0
    conflicts: int = 0


def draft_to_json(draft: DecisionDraft) -> str:
    """Every field of the draft as JSON (the outcome as its code)."""
    data = asdict(draft)
    data["outcome"] = None if draft.outcome is None else draft.outcome.value
    data["requested_documents"] = list(draft.requested_documents)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def draft_from_json(text: str) -> DecisionDraft:
    """The draft ``draft_to_json`` wrote; unknown keys (from a newer client) are ignored."""
    data: dict[str, Any] = json.loads(text)
    known = set(DecisionDraft.__dataclass_fields__)
    data = {k: v for k, v in data.items() if k in known}
    outcome = data.get("outcome")
    data["outcome"] = None if outcome is None else Outcome(outcome)
    data["requested_documents"] = tuple(data.get("requested_documents", ()))
    return DecisionDraft(**data)
