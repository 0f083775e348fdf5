"""Writes imported appeals: one batch per transaction, appellants and enforcements reused.

A batch costs a handful of statements whatever its size: one lookup each for the appeals,
appellants and enforcements it names, one bulk insert (``data.bulk_insert``: executemany on
SQLite, COPY on PostgreSQL) each for new appellants, enforcements and appeals (ids read back
by ``ref``), one for decisions and one for events, on a bare Core connection: ORM objects
and flushes per row were most of an import's time (issue 6).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    func,
    insert,
    select,
    update,
)

from reviewer_app.data import import_decisions as decisions
from reviewer_app.data.batch_lookup import among
from reviewer_app.data.bulk_insert import BulkInserter
from reviewer_app.data.change_feed import BULK, publish
from reviewer_app.data.db import Database
from reviewer_app.data.import_new_rows import NewRows
from reviewer_app.data.import_rows import (
    APPEAL_FIELDS,
    ENFORCEMENT_FIELDS,
    Known,
    PlannedAppeal,
    appeal_values,
    changes,
    enforcement_values,
)
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
A = AppealRow.__table__.c
P = AppellantRow.__table__.c
E = EnforcementRow.__table__.c
U = UserRow.__table__.c
NEW = AppealStatus.NEW.value
CREATED = EventType.CREATED.value
SQLITE_CACHE_KIB = 65_536


@dataclass(slots=True)
class BatchOutcome:
    """What one batch did (or, in a dry run, would do)."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[FieldProblem] = field(default_factory=list)


class _DryRunEndError(Exception):
    """Raised inside a dry run's transaction so ``Database.write_core`` rolls it back."""


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
    try:
        with db.write_core() as c:
            if c.dialect.name == "sqlite":
                # SQLite's default page cache (2 MiB) holds little of the appeals table's
                # many indexes once it has grown: each insert then rereads index pages.
                # The connection keeps the larger cache for its later work too.
                c.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            _Batch(c, policy_ids, queue_ids, now, source_name, out).write(batch)
            if out.imported and admin_login:
                _ensure_admin(c, admin_login, now)
            if dry_run:
                raise _DryRunEndError
    except _DryRunEndError:
        pass
    return out


class _Batch:
    """The statements of one batch, on one connection."""

    def __init__(self, c: Connection, policy_ids: dict[str, int], queue_ids: dict[str, int],
                 now: datetime, source_name: str, out: BatchOutcome) -> None:
        self.c, self.policy_ids, self.queue_ids = c, policy_ids, queue_ids
        self.bulk = BulkInserter(c)
        self.new_rows = NewRows(c, self.bulk, policy_ids, queue_ids)
        self.now, self.source_name, self.out = now, source_name, out

    def write(self, batch: Sequence[PlannedAppeal]) -> None:
        c = self.c
        appeals: dict[str, dict[str, Any]] = {
            r["ref"]: dict(r) for r in c.execute(
                select(A.id, A.ref, A.status, A.queue_id, *(A[k] for k in APPEAL_FIELDS))
                .where(among(self.c, A.ref, [p.appeal.appeal_id for p in batch]))).mappings()
        }
        appellants: dict[str, int] = dict(c.execute(  # type: ignore[arg-type]
            select(P.ref, P.id)
            .where(among(self.c, P.ref, {p.appeal.appellant_id for p in batch}))).all())
        enforcements: dict[str, Known] = {
            r["ref"]: Known(r["id"], r["owner"], {k: r[k] for k in ENFORCEMENT_FIELDS})
            for r in c.execute(
                select(E.id, E.ref, P.ref.label("owner"), *(E[k] for k in ENFORCEMENT_FIELDS))
                .join(AppellantRow.__table__, P.id == E.appellant_id)
                .where(among(self.c, E.ref, {p.appeal.enforcement_id for p in batch}))).mappings()
        }
        recorded = decisions.latest_decisions(c, (a["id"] for a in appeals.values()))
        linked: dict[str, str] = dict(c.execute(  # type: ignore[arg-type]
            select(E.sor_puid, E.ref).where(among(self.c,
                E.sor_puid, {p.appeal.sor_puid for p in batch if p.appeal.sor_puid}))).all())
        accepted = [p for p in batch if self._owner_ok(p, enforcements)
                    and self._puid_ok(p, linked)
                    and self._decision_ok(p, appeals, recorded)]
        deciders = decisions.resolve_deciders(
            c, {p.appeal.decision.decided_by for p in accepted if p.appeal.decision}, self.now)
        self.new_rows.appellants(accepted, appellants)
        self.new_rows.enforcements(accepted, appellants, enforcements)
        new = [p for p in accepted if p.appeal.appeal_id not in appeals]
        ids = self.new_rows.appeals(new, appellants, enforcements)
        events: list[dict[str, Any]] = []
        decided: list[dict[str, Any]] = []
        created = _created_payload(self.source_name, self.now)
        for p in accepted:
            a = p.appeal
            origin = {"source": SOURCE, "file": self.source_name, "row": a.row}
            appeal_id = ids.get(a.appeal_id)
            if appeal_id is not None:
                self.out.imported += 1
                events.append({"appeal_id": appeal_id, "actor_user_id": None,
                               "at": a.received_at, "type": CREATED, "before": None,
                               "after": NEW, "comment": None, "payload_json": created(a.row)})
                if a.decision is not None:
                    self._decide(appeal_id, a, NEW, deciders, origin, events, decided)
            else:
                self._update(p, appeals[a.appeal_id], appellants, enforcements, recorded,
                             deciders, origin, events, decided)
        if decided:
            self.bulk.insert(DecisionRow.__table__, decided)
        if events:
            self.bulk.insert(EventRow.__table__, events)
            # One "bulk" change per batch: other clients reload their views once.
            publish(c, kind=BULK, at=self.now, appeal_ids=(None,))

    def _owner_ok(self, p: PlannedAppeal, enforcements: dict[str, Known]) -> bool:
        """False (with a problem) when the enforcement belongs to another appellant."""
        a = p.appeal
        known = enforcements.get(a.enforcement_id)
        if known is None:
            enforcements[a.enforcement_id] = Known(None, a.appellant_id)  # claimed here
            return True
        if known.owner != a.appellant_id:
            self.out.problems.append(
                FieldProblem(a.row, "enforcement_id", Problem.ENFORCEMENT_OF_OTHER_APPELLANT)
            )
            return False
        return True

    def _puid_ok(self, p: PlannedAppeal, linked: dict[str, str]) -> bool:
        """False (with a problem) when the row's ``sor_puid`` links another enforcement."""
        a = p.appeal
        if a.sor_puid is None:
            return True
        owner = linked.setdefault(a.sor_puid, a.enforcement_id)  # claimed here when new
        if owner == a.enforcement_id:
            return True
        self.out.problems.append(FieldProblem(a.row, "sor_puid",
                                              Problem.PUID_OF_OTHER_ENFORCEMENT))
        return False

    def _decision_ok(self, p: PlannedAppeal, appeals: dict[str, dict[str, Any]],
                     recorded: dict[int, decisions.RecordedDecision]) -> bool:
        """False (with a problem) when the row's decision differs from one already recorded."""
        d, row = p.appeal.decision, appeals.get(p.appeal.appeal_id)
        if d is None or row is None or row["id"] not in recorded:
            return True
        if tuple(recorded[row["id"]]) == (d.outcome, d.decided_at):
            return True
        self.out.problems.append(FieldProblem(p.appeal.row, "outcome",
                                              Problem.DECISION_CONFLICT))
        return False

    def _update(self, p: PlannedAppeal, row: dict[str, Any], appellants: dict[str, int],
                enforcements: dict[str, Known], recorded: dict[int, Any],
                deciders: dict[str, int], origin: dict[str, Any], events: list[dict[str, Any]],
                decided: list[dict[str, Any]]) -> None:
        """Compare an existing appeal with its row; update what differs, log it."""
        a = p.appeal
        enforcement = enforcements[a.enforcement_id]
        assert enforcement.id is not None
        values = appeal_values(p, appellants[a.appellant_id], enforcement.id)
        enf_values = enforcement_values(
            a, self.policy_ids[a.policy_code],
            None if enforcement.values is None else enforcement.values["evidence_json"])
        enf_changed = [] if enforcement.values is None else changes(enforcement.values,
                                                                     enf_values)
        changed = changes(row, values)
        sets = {k: values[k] for k in changed}
        if "policy_code" in changed:  # a different policy routes to its own queue
            sets["queue_id"] = self.queue_ids[p.queue_code]
        status, count = row["status"], len(events)
        if changed or enf_changed:
            if enf_changed:
                new_enf = {k: enf_values[k] for k in enf_changed}
                self.c.execute(update(EnforcementRow.__table__)
                               .where(E.id == enforcement.id).values(**new_enf))
                assert enforcement.values is not None
                enforcement.values.update(new_enf)
            events.append(_event(row["id"], self.now, EventType.UPDATED, status, status, {
                **origin, "changed": changed + [f"enforcement.{k}" for k in enf_changed]}))
        if a.decision is not None and row["id"] not in recorded:
            sets["status"] = self._decide(row["id"], a, status, deciders, origin, events,
                                          decided)
        if sets:  # the ORM's optimistic version counter moves with every appeal update
            self.c.execute(update(AppealRow.__table__).where(A.id == row["id"])
                           .values(**sets, version=A.version + 1))
            row.update(sets)
        if len(events) > count:
            self.out.updated += 1
        else:
            self.out.unchanged += 1

    def _decide(self, appeal_id: int, a: ImportedAppeal, before: str,
                deciders: dict[str, int], origin: dict[str, Any],
                events: list[dict[str, Any]], decided: list[dict[str, Any]]) -> str:
        """The historical decision of ``a``: its decision row and event; returns the status."""
        d = a.decision
        assert d is not None
        user_id = deciders[d.decided_by]
        event = decisions.decision_event(d, user_id, before, origin)
        payload = event.pop("payload")
        events.append({"appeal_id": appeal_id, **event, "payload_json": _json(payload)})
        decided.append(decisions.decision_values(appeal_id, d, user_id))
        return str(event["after"])


def _json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)


def _created_payload(source_name: str, now: datetime) -> Callable[[int], str]:
    """``row -> _json({**origin, "imported_at": now})`` of a created event, from one
    template: the same text as ``json.dumps`` at a fraction of its cost per row."""
    head = _json({"source": SOURCE, "file": source_name, "row": 0})[:-2]  # drops '0}'
    tail = ", " + _json({"imported_at": now.isoformat()})[1:]
    return lambda row: f"{head}{row}{tail}"


def _event(appeal_id: int, at: datetime, type_: EventType, before: str | None,
           after: str | None, payload: dict[str, Any]) -> dict[str, Any]:
    return {"appeal_id": appeal_id, "actor_user_id": None, "at": at, "type": type_.value,
            "before": before, "after": after, "comment": None, "payload_json": _json(payload)}


def _ensure_admin(c: Connection, login: str, now: datetime) -> None:
    # Deciders an import created are inactive: they do not make the database usable.
    if c.scalar(select(func.count()).select_from(UserRow.__table__).where(U.active.is_(True))):
        return
    name = login.strip()[:64] or "admin"
    mine = c.scalar(select(U.id).where(U.login == name))
    if mine is not None:  # whoever imports also decided in the old tool: they sign in now
        c.execute(update(UserRow.__table__).where(U.id == mine)
                  .values(role=Role.ADMIN.value, active=True))
        return
    c.execute(insert(UserRow.__table__).values(login=name, display_name=name,
                                               role=Role.ADMIN.value, active=True,
                                               created_at=now))
