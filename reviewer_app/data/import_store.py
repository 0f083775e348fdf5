"""Writes imported appeals: one batch per transaction, appellants and enforcements reused.

A batch costs a handful of statements whatever its size: one lookup each for the appeals,
appellants and enforcements it names, one bulk insert (``data.bulk_insert``: executemany on
SQLite, COPY on PostgreSQL) each for new appellants, enforcements and appeals (ids read back
by ``ref``), one for decisions and one for events, on a bare Core connection: ORM objects
and flushes per row were most of an import's time (issue 6).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
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
APPEAL_FIELDS = ("appellant_id", "appellant_ref", "enforcement_id", "round", "received_at",
                 "sla_due_at", "priority", "market", "language", "policy_code", "listing_id",
                 "statement")
ENFORCEMENT_FIELDS = ("action", "policy_id", "facts", "automated_detection",
                      "automated_decision", "enforced_at", "listing_id", "evidence_json",
                      "sor_puid")
NEW = AppealStatus.NEW.value
CREATED = EventType.CREATED.value
SQLITE_CACHE_KIB = 65_536


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


@dataclass(slots=True)
class _Known:
    """An enforcement as the batch sees it: its id (None until inserted), owner, values."""

    id: int | None
    owner: str
    values: dict[str, Any] | None = None


class _DryRunEndError(Exception):
    """Raised inside a dry run's transaction so ``Database.write_core`` rolls it back."""


def _enforcement_values(a: ImportedAppeal, policy_id: int,
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


def _appeal_values(p: PlannedAppeal, appellant_id: int, enforcement_id: int) -> dict[str, Any]:
    a = p.appeal
    return {
        "appellant_id": appellant_id, "appellant_ref": a.appellant_id,
        "enforcement_id": enforcement_id, "round": a.round, "received_at": a.received_at,
        "sla_due_at": p.sla_due_at, "priority": a.priority, "market": a.market,
        "language": a.language, "policy_code": a.policy_code, "listing_id": a.listing_id,
        "statement": a.appeal_text,
    }


def _changes(current: dict[str, Any], values: dict[str, Any]) -> list[str]:
    return sorted(k for k, v in values.items() if current[k] != v)


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
        enforcements: dict[str, _Known] = {
            r["ref"]: _Known(r["id"], r["owner"], {k: r[k] for k in ENFORCEMENT_FIELDS})
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
        self._add_appellants(accepted, appellants)
        self._add_enforcements(accepted, appellants, enforcements)
        new = [p for p in accepted if p.appeal.appeal_id not in appeals]
        ids = self._add_appeals(new, appellants, enforcements, deciders)
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

    def _owner_ok(self, p: PlannedAppeal, enforcements: dict[str, _Known]) -> bool:
        """False (with a problem) when the enforcement belongs to another appellant."""
        a = p.appeal
        known = enforcements.get(a.enforcement_id)
        if known is None:
            enforcements[a.enforcement_id] = _Known(None, a.appellant_id)  # claimed here
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

    def _add_appellants(self, batch: list[PlannedAppeal], appellants: dict[str, int]) -> None:
        """Create the missing appellants in one statement (the first row of each decides)."""
        rows: dict[str, dict[str, Any]] = {}
        for p in batch:
            a = p.appeal
            if a.appellant_id not in appellants and a.appellant_id not in rows:
                rows[a.appellant_id] = {
                    "ref": a.appellant_id, "kind": a.appellant_type,
                    "display_name": a.appellant_id, "account_type": a.account_type,
                    "market": a.market, "language": a.language,
                }
        if rows:
            appellants.update(self._insert_many(AppellantRow.__table__, list(rows.values())))

    def _add_enforcements(self, batch: list[PlannedAppeal], appellants: dict[str, int],
                          enforcements: dict[str, _Known]) -> None:
        """Create the enforcements this batch claimed, in one statement."""
        rows: dict[str, dict[str, Any]] = {}
        for p in batch:
            a = p.appeal
            if enforcements[a.enforcement_id].id is None and a.enforcement_id not in rows:
                rows[a.enforcement_id] = {
                    "ref": a.enforcement_id, "appellant_id": appellants[a.appellant_id],
                    "scope": "", "clause": "", "decided_by_label": "",
                    **_enforcement_values(a, self.policy_ids[a.policy_code]),
                    "sor_puid": a.sor_puid,  # every row of the executemany has the key
                }
        if rows:
            for ref, id_ in self._insert_many(EnforcementRow.__table__,
                                              list(rows.values())).items():
                enforcements[ref].id = id_

    def _add_appeals(self, new: list[PlannedAppeal], appellants: dict[str, int],
                     enforcements: dict[str, _Known], deciders: dict[str, int]
                     ) -> dict[str, int]:
        """Insert the batch's new appeals (in file order); returns their ids by ref."""
        if not new:
            return {}
        rows = []
        for p in new:
            a = p.appeal
            enforcement_id = enforcements[a.enforcement_id].id
            assert enforcement_id is not None
            status = NEW if a.decision is None else decisions.status_for(a.decision).value
            rows.append({"ref": a.appeal_id, "status": status,
                         "queue_id": self.queue_ids[p.queue_code], "plan_of_action": "",
                         "previous_appeal_id": None, "version": 1,
                         **_appeal_values(p, appellants[a.appellant_id], enforcement_id)})
        ids = self._insert_many(AppealRow.__table__, rows)
        self._link_second_rounds(new, ids, enforcements)
        return ids

    def _insert_many(self, table: Table, rows: list[dict[str, Any]]) -> dict[str, int]:
        """Insert ``rows`` (``data.bulk_insert``) and return their ids by ``ref``.

        The ids are read back by ``ref`` (unique) instead of ``RETURNING``: SQLAlchemy runs
        an ordered ``RETURNING`` on SQLite one row per statement, and neither an
        ``executemany`` nor a ``COPY`` returns anything.
        """
        self.bulk.insert(table, rows)
        refs = [r["ref"] for r in rows]
        return dict(self.c.execute(  # type: ignore[arg-type]
            select(table.c.ref, table.c.id).where(among(self.c, table.c.ref, refs))).all())

    def _link_second_rounds(self, new: list[PlannedAppeal], ids: dict[str, int],
                            enforcements: dict[str, _Known]) -> None:
        """A 2nd-round appeal links to the newest 1st-round appeal of its enforcement
        inserted before it, so the 1st-round reviewer is kept from deciding it."""
        seconds = [(ids[p.appeal.appeal_id], enforcements[p.appeal.enforcement_id].id)
                   for p in new if p.appeal.round == 2]
        if not seconds:
            return
        firsts: dict[int, list[int]] = {}
        for enforcement_id, appeal_id in self.c.execute(
                select(A.enforcement_id, A.id).where(
                    among(self.c, A.enforcement_id, {e for _, e in seconds}), A.round == 1)
                .order_by(A.id)):
            firsts.setdefault(enforcement_id, []).append(appeal_id)
        links = []
        for appeal_id, enforcement_id in seconds:
            earlier = firsts.get(enforcement_id or 0, [])
            before = bisect_left(earlier, appeal_id)
            if before:
                links.append({"b_id": appeal_id, "b_previous": earlier[before - 1]})
        if links:
            self.c.execute(update(AppealRow.__table__).where(A.id == bindparam("b_id"))
                           .values(previous_appeal_id=bindparam("b_previous")), links)

    def _update(self, p: PlannedAppeal, row: dict[str, Any], appellants: dict[str, int],
                enforcements: dict[str, _Known], recorded: dict[int, Any],
                deciders: dict[str, int], origin: dict[str, Any], events: list[dict[str, Any]],
                decided: list[dict[str, Any]]) -> None:
        """Compare an existing appeal with its row; update what differs, log it."""
        a = p.appeal
        enforcement = enforcements[a.enforcement_id]
        assert enforcement.id is not None
        values = _appeal_values(p, appellants[a.appellant_id], enforcement.id)
        enf_values = _enforcement_values(
            a, self.policy_ids[a.policy_code],
            None if enforcement.values is None else enforcement.values["evidence_json"])
        enf_changed = [] if enforcement.values is None else _changes(enforcement.values,
                                                                     enf_values)
        changed = _changes(row, values)
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
