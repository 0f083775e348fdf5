"""Small test-data builder: users with skills, catalog rows, appellants, enforcements, appeals.

Usage (any test with the ``database`` fixture)::

    f = Factory(database)                      # NOW = 2026-01-10 12:00 UTC by default
    ana = f.user("ana", languages={"de"})      # -> user id; skills empty = "any"
    appeal = f.appeal(policy_code="IP_COUNTERFEIT", sla_hours=10)   # -> appeal id
    ids = f.appeals(50, priority=lambda i: i % 3)                     # bulk, one transaction

Missing parents (queue, policy, appellant, enforcement) are created on demand and cached by
code/ref, so a test only names what it cares about. Every method returns the new row's id.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.data.db import Database
from reviewer_app.data.orm import (
    AppealRow,
    AppellantRow,
    AttachmentRow,
    DecisionRow,
    EnforcementRow,
    PolicyRow,
    QueueDefRow,
    ReasonCodeRow,
    ResponseTemplateRow,
    SopDocumentRow,
    UserRow,
    UserSkillRow,
)
from reviewer_app.domain.enums import AppealStatus, Outcome, Role

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
REDRESS = "You can challenge this decision in court or via an out-of-court settlement body."

Value = Any | Callable[[int], Any]  # a constant, or a function of the row index (bulk)


class ManualClock:
    """A clock the test moves by hand (``clock.now += timedelta(...)``)."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Factory:
    """Inserts rows through the ORM in short write transactions; returns ids."""

    def __init__(self, db: Database, *, now: datetime = NOW) -> None:
        self.db = db
        self.now = now
        self._seq = itertools.count(1)
        self._queues: dict[str, int] = {}
        self._policies: dict[str, int] = {}
        self._policy_codes: dict[int, str] = {}

    def _add(self, row: Any) -> int:
        with self.db.write() as session:
            session.add(row)
            session.flush()
            return int(row.id)

    # --- people -------------------------------------------------------------------------
    def user(
        self,
        login: str | None = None,
        *,
        role: Role = Role.REVIEWER,
        languages: Iterable[str] = (),
        markets: Iterable[str] = (),
        policies: Iterable[str] = (),
        active: bool = True,
    ) -> int:
        """A user with skills (an empty kind means the user may work any value of it)."""
        login = login or f"user{next(self._seq)}"
        with self.db.write() as session:
            row = UserRow(login=login, display_name=login.title(), role=role.value,
                          active=active, created_at=self.now)
            session.add(row)
            session.flush()
            for kind, values in (("language", languages), ("market", markets),
                                 ("policy", policies)):
                for value in values:
                    session.add(UserSkillRow(user_id=row.id, kind=kind, value=value))
            return int(row.id)

    # --- catalog ------------------------------------------------------------------------
    def queue(self, code: str = "general") -> int:
        """A queue (cached by code; one another factory made is reused)."""
        if code not in self._queues:
            self._queues[code] = self._existing(QueueDefRow, code) or self._add(
                QueueDefRow(code=code, name=code.title(), description=""))
        return self._queues[code]

    def policy(self, code: str = "IP_COUNTERFEIT", *, name: str | None = None) -> int:
        """A policy (cached by code; one another factory made is reused)."""
        if code not in self._policies:
            self._policies[code] = self._existing(PolicyRow, code) or self._add(
                PolicyRow(code=code, name=name or code.title(), severity="medium"))
        return self._policies[code]

    def _existing(self, table: type[QueueDefRow] | type[PolicyRow], code: str) -> int | None:
        with self.db.read() as session:
            return session.scalar(select(table.id).where(table.code == code))

    def sop(
        self,
        policy_code: str = "IP_COUNTERFEIT",
        *,
        version: int = 1,
        title: str | None = None,
        body: str = "# SOP\n\n- [ ] Check the evidence\n- [ ] Check the account history\n",
        effective_from: datetime | None = None,
    ) -> int:
        """An SOP document version (effective one day before ``now`` by default)."""
        return self._add(SopDocumentRow(
            policy_id=self.policy(policy_code), version=version,
            title=title or f"{policy_code} SOP v{version}", body_markdown=body,
            effective_from=effective_from or self.now - timedelta(days=1),
        ))

    def reason_code(self, code: str, outcome: Outcome, policy_code: str | None = None, *,
                    active: bool = True) -> int:
        """A reason code; ``policy_code`` None makes it general."""
        policy_id = self.policy(policy_code) if policy_code else None
        return self._add(ReasonCodeRow(code=code, outcome=outcome.value, policy_id=policy_id,
                                       label=code, active=active))

    def template(self, outcome: Outcome, language: str = "en", *, body: str | None = None,
                 redress_text: str = REDRESS) -> int:
        """A response template; the body includes the redress text unless given."""
        body = body if body is not None else f"[{language}] {outcome.value}. {redress_text}"
        return self._add(ResponseTemplateRow(outcome=outcome.value, language=language,
                                             body=body, redress_text=redress_text))

    # --- cases --------------------------------------------------------------------------
    def appellant(self, ref: str | None = None, *, market: str = "DE",
                  language: str = "de") -> int:
        """A seller."""
        return self._add(self._appellant_row(ref, market, language))

    def _appellant_row(self, ref: str | None, market: str, language: str) -> AppellantRow:
        ref = ref or f"S-{next(self._seq):06d}"
        return AppellantRow(ref=ref, kind="seller", display_name=f"Shop {ref}",
                            account_type="business", market=market, language=language)

    def enforcement(
        self,
        appellant_id: int | None = None,
        *,
        policy_code: str = "IP_COUNTERFEIT",
        decided_by_user_id: int | None = None,
        listing_id: str | None = None,
        evidence: dict[str, object] | None = None,
        enforced_at: datetime | None = None,
        is_strike: bool = False,
    ) -> int:
        """An enforcement action (human when ``decided_by_user_id`` is given)."""
        appellant_id = appellant_id or self.appellant()
        return self._add(self._enforcement_row(
            appellant_id, policy_code, decided_by_user_id, listing_id, evidence, enforced_at,
            is_strike))

    def _enforcement_row(self, appellant_id: int, policy_code: str,
                         decided_by_user_id: int | None, listing_id: str | None,
                         evidence: dict[str, object] | None, enforced_at: datetime | None,
                         is_strike: bool) -> EnforcementRow:
        return EnforcementRow(
            ref=f"E-{next(self._seq):06d}", appellant_id=appellant_id, action="listing_removal",
            scope="listing", policy_id=self.policy(policy_code), clause="3.1",
            facts="Facts.", evidence_json=json.dumps(evidence or {"photos": 2}),
            automated_detection=decided_by_user_id is None,
            automated_decision="not" if decided_by_user_id else "fully",
            automation_ref=None if decided_by_user_id else "model-7",
            decided_by_user_id=decided_by_user_id, decided_by_label="",
            enforced_at=enforced_at or self.now - timedelta(days=3), listing_id=listing_id,
            is_strike=is_strike,
        )

    def _appeal_row(self, session: Session, i: int, kw: dict[str, Value]) -> AppealRow:
        def val(name: str, default: Any) -> Any:
            v = kw.get(name, default)
            return v(i) if callable(v) else v

        enforcement_id = val("enforcement_id", None)
        if enforcement_id is None:  # new seller + enforcement, in this same transaction
            appellant_id = val("appellant_id", None)
            if appellant_id is None:
                seller = self._appellant_row(val("appellant_ref", None), val("market", "DE"),
                                             val("language", "de"))
                session.add(seller)
                session.flush()
                appellant_id = seller.id
            enf_row = self._enforcement_row(
                appellant_id, val("policy_code", "IP_COUNTERFEIT"),
                val("decided_by_user_id", None), val("listing_id", None), None, None, False)
            session.add(enf_row)
            session.flush()
            enforcement_id = enf_row.id
        enf = session.get(EnforcementRow, enforcement_id)
        assert enf is not None
        appellant = session.get(AppellantRow, enf.appellant_id)
        assert appellant is not None
        policy_code = self._policy_codes.get(enf.policy_id)
        if policy_code is None:
            policy_code = session.scalar(select(PolicyRow.code)
                                         .where(PolicyRow.id == enf.policy_id))
            self._policy_codes[enf.policy_id] = policy_code
        received = val("received_at", self.now - timedelta(hours=2))
        due = val("sla_due_at", None) or received + timedelta(hours=val("sla_hours", 48))
        return AppealRow(
            ref=val("ref", None) or f"AP-{next(self._seq):07d}",
            appellant_id=appellant.id, appellant_ref=appellant.ref,
            enforcement_id=enforcement_id, previous_appeal_id=val("previous_appeal_id", None),
            round=val("round", 1), received_at=received, sla_due_at=due,
            status=AppealStatus(val("status", AppealStatus.NEW)).value,
            queue_id=self.queue(val("queue_code", "general")), priority=val("priority", 50),
            market=val("market", appellant.market), language=val("language", appellant.language),
            policy_code=policy_code, listing_id=enf.listing_id,
            statement=val("statement", "Please reconsider."), plan_of_action="",
            decided_at=val("decided_at", None),
        )

    def appeal(self, **kw: Any) -> int:
        """One appeal.

        Keywords: enforcement_id, or appellant_id / appellant_ref, market, language,
        policy_code, listing_id, decided_by_user_id for a new enforcement; received_at,
        sla_due_at or sla_hours, status, round, previous_appeal_id, priority, queue_code,
        ref, statement, decided_at.
        """
        return self.appeals(1, **kw)[0]

    def appeals(self, count: int, **kw: Value) -> list[int]:
        """``count`` appeals in one transaction; a keyword may be a function of the index."""
        for key in ("policy_code", "queue_code"):
            for i in range(count):  # create parents outside the bulk transaction
                v = kw.get(key)
                if v is not None:
                    make = self.policy if key == "policy_code" else self.queue
                    make(v(i) if callable(v) else v)
        self.queue()
        self.policy()
        with self.db.write() as session:
            rows = [self._appeal_row(session, i, kw) for i in range(count)]
            session.add_all(rows)
            session.flush()
            return [int(r.id) for r in rows]

    def attachment(self, appeal_id: int, filename: str = "invoice.pdf") -> int:
        """An attachment's metadata."""
        return self._add(AttachmentRow(appeal_id=appeal_id, filename=filename,
                                       mime_type="application/pdf", size_bytes=1234,
                                       description="Invoice"))

    def decision(self, appeal_id: int, user_id: int, outcome: Outcome = Outcome.UPHOLD, *,
                 decided_at: datetime | None = None, handle_seconds: float = 0.0) -> int:
        """A decision row written directly (history for eligibility and related appeals)."""
        return self._add(DecisionRow(appeal_id=appeal_id, user_id=user_id, outcome=outcome.value,
                                     reason_code=None, decided_at=decided_at or self.now,
                                     handle_seconds=handle_seconds))
