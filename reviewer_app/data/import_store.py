"""Writes imported appeals: one batch per transaction, appellants and enforcements reused."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.data import import_decisions as decisions
from reviewer_app.data.change_feed import BULK, publish
from reviewer_app.data.db import Database
from reviewer_app.data.orm import (
    AppealRow,
    AppellantRow,
    DecisionRow,
    EnforcementRow,
    EventRow,
    UserRow,
)
from reviewer_app.domain.appeal_row import FieldProblem, ImportedAppeal, Problem
from reviewer_app.domain.enums import AppealStatus, EventType, Role

SOURCE = "import"


@dataclass(frozen=True, slots=True)
class PlannedAppeal:
    """A valid row with what the catalog decided for it (queue, SLA due time)."""

    appeal: ImportedAppeal
    queue_code: str
    sla_due_at: datetime


@dataclass(slots=True)
class BatchOutcome:
    """What one batch did (or, in a dry run, would do)."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


def _enforcement_values(a: ImportedAppeal, policy_id: int) -> dict[str, Any]:
    return {
        "action": a.enforcement_action, "policy_id": policy_id, "facts": a.decision_facts,
        "automated_detection": a.automated_detection,
        "automated_decision": a.automated_decision, "enforced_at": a.enforced_at,
        "listing_id": a.listing_id,
        "evidence_json": json.dumps({"ean": a.ean}) if a.ean else "{}",
    }


def _appeal_values(p: PlannedAppeal, appellant_id: int, enforcement_id: int) -> dict[str, Any]:
    a = p.appeal
    return {
        "appellant_id": appellant_id, "appellant_ref": a.appellant_id,
        "enforcement_id": enforcement_id, "round": a.round, "received_at": a.received_at,
        "sla_due_at": p.sla_due_at, "priority": a.priority, "market": a.market,
        "language": a.language, "policy_code": a.policy_code, "listing_id": a.listing_id,
        "statement": a.appeal_text,
    }


def _changes(row: object, values: dict[str, Any]) -> list[str]:
    return sorted(k for k, v in values.items() if getattr(row, k) != v)


def write_batch(
    db: Database,
    batch: Sequence[PlannedAppeal],
    *,
    policy_ids: dict[str, int],
    queue_ids: dict[str, int],
    now: datetime,
    source_name: str,
    admin_login: str | None = None,
    dry_run: bool = False,
) -> BatchOutcome:
    """Insert or update ``batch`` in one transaction (rolled back when ``dry_run``).

    An appeal whose ``appeal_id`` exists is compared field by field: equal counts as
    unchanged, different is updated with an ``updated`` event listing the changed fields.
    A row's historical decision (``data.import_decisions``) is added to an appeal without
    one; the same decision again is unchanged; a different one rejects the row. When the
    database has no active users and this batch adds appeals, ``admin_login`` becomes an
    active admin so the imported database can be signed in to.
    """
    out = BatchOutcome()
    with db.write() as s:
        appeal_refs = [p.appeal.appeal_id for p in batch]
        appeals = {
            r.ref: r for r in s.scalars(select(AppealRow).where(AppealRow.ref.in_(appeal_refs)))
        }
        appellants = {
            r.ref: r for r in s.scalars(select(AppellantRow).where(
                AppellantRow.ref.in_({p.appeal.appellant_id for p in batch})))
        }
        enforcements: dict[str, tuple[EnforcementRow | None, str]] = {
            e.ref: (e, owner) for e, owner in s.execute(
                select(EnforcementRow, AppellantRow.ref)
                .join(AppellantRow, AppellantRow.id == EnforcementRow.appellant_id)
                .where(EnforcementRow.ref.in_({p.appeal.enforcement_id for p in batch}))
            )
        }
        recorded = decisions.latest_decisions(s, (a.id for a in appeals.values()))
        accepted = [p for p in batch if _owner_ok(p, enforcements, out)
                    and _decision_ok(p, appeals, recorded, out)]
        deciders = decisions.resolve_deciders(
            s, {p.appeal.decision.decided_by for p in accepted if p.appeal.decision}, now)
        _add_appellants(s, accepted, appellants)
        _add_enforcements(s, accepted, appellants, enforcements, policy_ids)
        written = [
            _write_appeal(s, p, appeals, appellants, enforcements, policy_ids, queue_ids,
                          now, source_name, out, recorded, deciders)
            for p in accepted
        ]
        s.flush()  # appeals get their ids
        events = [event for w in written for event in w]
        for appeal, values in events:
            if "decision" in values:
                s.add(values.pop("decision")(appeal.id))
            payload = values.pop("payload")
            s.add(EventRow(appeal_id=appeal.id, **values,
                           payload_json=json.dumps(payload, ensure_ascii=False)))
        if events:
            # One "bulk" change per batch: other clients reload their views once.
            publish(s, kind=BULK, at=now, appeal_ids=(None,))
        if out.imported and admin_login:
            _ensure_admin(s, admin_login, now)
        s.flush()
        if dry_run:
            s.rollback()
    return out


def _decision_ok(p: PlannedAppeal, appeals: dict[str, AppealRow],
                 recorded: dict[int, DecisionRow], out: BatchOutcome) -> bool:
    """False (with a problem) when the row's decision differs from one already recorded."""
    d, row = p.appeal.decision, appeals.get(p.appeal.appeal_id)
    if d is None or row is None or row.id not in recorded:
        return True
    mine = recorded[row.id]
    if (mine.outcome, mine.decided_at) == (d.outcome, d.decided_at):
        return True  # same decision; who and how long are compared when writing
    out.problems.append(FieldProblem(p.appeal.row, "outcome", Problem.DECISION_CONFLICT))
    return False


def _owner_ok(p: PlannedAppeal, enforcements: dict[str, tuple[EnforcementRow | None, str]],
              out: BatchOutcome) -> bool:
    """False (with a problem) when the enforcement belongs to another appellant."""
    a = p.appeal
    known = enforcements.get(a.enforcement_id)
    if known is None:
        enforcements[a.enforcement_id] = (None, a.appellant_id)  # claimed by this batch
        return True
    if known[1] != a.appellant_id:
        out.problems.append(
            FieldProblem(a.row, "enforcement_id", Problem.ENFORCEMENT_OF_OTHER_APPELLANT)
        )
        return False
    return True


def _add_appellants(s: Session, batch: list[PlannedAppeal],
                    appellants: dict[str, AppellantRow]) -> None:
    """Create the missing appellants in one flush (the first row of each decides)."""
    for p in batch:
        a = p.appeal
        if a.appellant_id not in appellants:
            row = AppellantRow(
                ref=a.appellant_id, kind=a.appellant_type, display_name=a.appellant_id,
                account_type=a.account_type, market=a.market, language=a.language,
            )
            s.add(row)
            appellants[a.appellant_id] = row
    s.flush()


def _add_enforcements(
    s: Session, batch: list[PlannedAppeal], appellants: dict[str, AppellantRow],
    enforcements: dict[str, tuple[EnforcementRow | None, str]], policy_ids: dict[str, int],
) -> None:
    """Create the enforcements this batch claimed, in one flush."""
    for p in batch:
        a = p.appeal
        if enforcements[a.enforcement_id][0] is None:
            row = EnforcementRow(
                ref=a.enforcement_id, appellant_id=appellants[a.appellant_id].id, scope="",
                clause="", decided_by_label="", **_enforcement_values(a, policy_ids[a.policy_code]),
            )
            s.add(row)
            enforcements[a.enforcement_id] = (row, a.appellant_id)
    s.flush()


def _write_appeal(
    s: Session, p: PlannedAppeal, appeals: dict[str, AppealRow],
    appellants: dict[str, AppellantRow],
    enforcements: dict[str, tuple[EnforcementRow | None, str]],
    policy_ids: dict[str, int], queue_ids: dict[str, int], now: datetime, source_name: str,
    out: BatchOutcome, recorded: dict[int, DecisionRow], deciders: dict[str, int],
) -> list[tuple[AppealRow, dict[str, Any]]]:
    """Add or update one appeal (and its historical decision); returns its events."""
    a = p.appeal
    enforcement = enforcements[a.enforcement_id][0]
    assert enforcement is not None
    values = _appeal_values(p, appellants[a.appellant_id].id, enforcement.id)
    origin = {"source": SOURCE, "file": source_name, "row": a.row}
    row = appeals.get(a.appeal_id)
    if row is None:
        row = AppealRow(ref=a.appeal_id, status=AppealStatus.NEW.value,
                        queue_id=queue_ids[p.queue_code], plan_of_action="",
                        previous_appeal_id=_first_round(s, a, enforcement), **values)
        s.add(row)
        appeals[a.appeal_id] = row
        out.imported += 1
        created = _event(a.received_at, EventType.CREATED, None, AppealStatus.NEW.value,
                         {**origin, "imported_at": now.isoformat()})
        return [(row, created), *_decide(row, a, deciders, origin)]
    events: list[tuple[AppealRow, dict[str, Any]]] = []
    enf_values = _enforcement_values(a, policy_ids[a.policy_code])
    enf_changed = _changes(enforcement, enf_values)
    changed = _changes(row, values)
    if changed or enf_changed:
        for key in changed:
            setattr(row, key, values[key])
        if "policy_code" in changed:  # a different policy routes to its own queue
            row.queue_id = queue_ids[p.queue_code]
        for key in enf_changed:
            setattr(enforcement, key, enf_values[key])
        events.append((row, _event(now, EventType.UPDATED, row.status, row.status, {
            **origin, "changed": changed + [f"enforcement.{k}" for k in enf_changed]})))
    if a.decision is not None and row.id not in recorded:
        events.extend(_decide(row, a, deciders, origin))
    if events:
        out.updated += 1
    else:
        out.unchanged += 1
    return events


def _decide(row: AppealRow, a: ImportedAppeal, deciders: dict[str, int],
            origin: dict[str, Any]) -> list[tuple[AppealRow, dict[str, Any]]]:
    """The historical decision of ``a`` on ``row``: its status, decision row and event."""
    d = a.decision
    if d is None:
        return []
    user_id = deciders[d.decided_by]
    event = decisions.decision_event(d, user_id, row.status, origin)
    row.status = event["after"]
    event["decision"] = lambda appeal_id: decisions.decision_row(appeal_id, d, user_id)
    return [(row, event)]


def _first_round(s: Session, a: ImportedAppeal, enforcement: EnforcementRow) -> int | None:
    """A 2nd-round appeal links to the newest 1st-round appeal of its enforcement, so the
    1st-round reviewer is kept from deciding it."""
    if a.round != 2 or enforcement.id is None:
        return None
    return s.scalar(
        select(AppealRow.id)
        .where(AppealRow.enforcement_id == enforcement.id, AppealRow.round == 1)
        .order_by(AppealRow.id.desc()).limit(1)
    )


def _event(at: datetime, type_: EventType, before: str | None, after: str | None,
           payload: dict[str, Any]) -> dict[str, Any]:
    return {"actor_user_id": None, "at": at, "type": type_.value, "before": before,
            "after": after, "comment": None, "payload": payload}


def _ensure_admin(s: Session, login: str, now: datetime) -> None:
    # Deciders an import created are inactive: they do not make the database usable.
    if s.scalar(select(func.count()).select_from(UserRow).where(UserRow.active.is_(True))):
        return
    name = login.strip()[:64] or "admin"
    mine = s.scalar(select(UserRow).where(UserRow.login == name))
    if mine is not None:  # whoever imports also decided in the old tool: they sign in now
        mine.role, mine.active = Role.ADMIN.value, True
        return
    s.add(UserRow(login=name, display_name=name, role=Role.ADMIN.value, active=True,
                  created_at=now))

