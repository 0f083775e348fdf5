"""Builds the rows of one demo case at a time (appellant, enforcement, appeals, events)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from reviewer_app.data.demo_store import CatalogRefs, DemoBatch
from reviewer_app.services.catalog import policy_queue, sla_hours
from reviewer_app.services.demo_arrivals import Arrivals, time_to_decision
from reviewer_app.services.demo_people import (
    ACCOUNT_LEVEL,
    CROSS_BORDER_MARKETS,
    CROSS_BORDER_SHARE,
    DEMO_USERS,
    MARKET_LANGUAGE,
    MARKET_NAMES,
    MARKET_WEIGHTS,
    POLICY_WEIGHTS,
)
from reviewer_app.services.demo_rows import (
    RATIONALE,
    WHAT_CHANGES,
    decision_text,
    evidence,
    facts,
    requested_documents_json,
)
from reviewer_app.services.demo_texts import (
    PhraseBanks,
    business_name,
    person_name,
    plan_of_action,
    statement,
)

SECOND_ROUND_SHARE = 0.08
# Active handle time: 10 minutes on average, so that the ~30 decisions a reviewer makes a
# day fit the 5.5 productive hours the staffing figures assume.
HANDLE_SECONDS = (60.0, 1140.0)
ESCALATED_SHARE = 0.05  # of decided appeals: escalated by the reviewer, decided by a lead
SEVERITY_PRIORITY = {"critical": 70, "high": 55, "medium": 40, "low": 30}
POLICY_SEVERITY = {"UNSAFE_PRODUCT": "critical", "IP_COUNTERFEIT": "high",
                   "PROHIBITED_PRODUCT": "high", "SELLER_IDENTITY": "high",
                   "MISLEADING_LISTING": "medium", "INAUTHENTIC_REVIEWS": "medium"}
OPEN_STATUSES = (("new", 80), ("escalated", 5), ("awaiting_info", 5), ("in_review", 4),
                 ("reopened", 2))
FINAL_OUTCOMES = (("uphold", 50), ("overturn", 25), ("partial", 15), ("reject_inadmissible", 5))


@dataclass(slots=True)
class _Appellant:
    id: int
    ref: str
    name: str
    market: str
    language: str
    listings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Enf:
    row: dict[str, Any]
    policy: str
    brand: str


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


class CaseBuilder:
    """Keeps the id counters and appellant pool; each ``add_case`` adds 1 or 2 appeals."""

    def __init__(self, rng: random.Random, now: datetime, refs: CatalogRefs,
                 banks: PhraseBanks, bases: dict[str, int], logins: dict[str, int],
                 arrivals: Arrivals) -> None:
        self.rng, self.now, self.refs, self.banks = rng, now, refs, banks
        self.arrivals = arrivals
        self.next = {k: v + 1 for k, v in bases.items()}
        self.logins = dict(logins)
        self.pool: list[_Appellant] = []
        self.user_ids: dict[str, int] = {}
        self.deciders: list[tuple[int, str]] = []  # (id, display name): reviewers and leads
        self.reviewers: list[int] = []
        self.leads: list[int] = []
        self.skills: dict[int, tuple[frozenset[str], ...]] = {}  # languages, markets, policies

    def _id(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value

    def new_batch(self) -> DemoBatch:
        """An empty batch."""
        return DemoBatch()

    # --- users ---------------------------------------------------------------------------
    def add_users(self, batch: DemoBatch) -> None:
        """Demo users of every role with skills (existing logins are reused, not duplicated)."""
        created = self.now - timedelta(days=200)
        for login, name, role, langs, markets, policies in DEMO_USERS:
            uid = self.logins.get(login)
            if uid is None:
                uid = self._id("users")
                batch.add("users", {"id": uid, "login": login, "display_name": name,
                                    "role": role, "active": True, "created_at": created})
                for kind, values in (("language", langs), ("market", markets),
                                     ("policy", policies)):
                    for value in values:
                        batch.add("user_skills", {"user_id": uid, "kind": kind, "value": value})
            self.user_ids[login] = uid
            if role in ("reviewer", "lead"):
                self.deciders.append((uid, name))
            if role == "lead":
                self.leads.append(uid)
            if role == "reviewer":
                self.reviewers.append(uid)
                self.skills[uid] = (frozenset(langs), frozenset(markets), frozenset(policies))

    # --- appellants ----------------------------------------------------------------------
    def _appellant(self, batch: DemoBatch) -> _Appellant:
        rng = self.rng
        if self.pool and rng.random() < 0.3:
            return rng.choice(self.pool)
        market = _weighted(rng, MARKET_WEIGHTS)
        language = MARKET_LANGUAGE.get(market, "en")
        if market in CROSS_BORDER_MARKETS and rng.random() < CROSS_BORDER_SHARE:
            language = "zh-CN"
        kind = "seller" if rng.random() < 0.85 else "creator"
        business = rng.random() < (0.9 if kind == "seller" else 0.4) or language == "zh-CN"
        name = (business_name if business else person_name)(rng, self.banks, language)
        aid = self._id("appellants")
        ref = f"{'SLR' if kind == 'seller' else 'CRT'}-{aid:07d}"
        batch.add("appellants", {"id": aid, "ref": ref, "kind": kind, "display_name": name,
                                 "account_type": "business" if business else "private",
                                 "market": market, "language": language})
        app = _Appellant(aid, ref, name, market, language)
        self.pool.append(app)
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):  # prior strikes, not appealed
            policy = _weighted(rng, POLICY_WEIGHTS)
            when = self.now - timedelta(days=rng.uniform(30, 400))
            self._enforcement(batch, app, policy, when, strike=True)
        return app

    # --- enforcements --------------------------------------------------------------------
    def _enforcement(self, batch: DemoBatch, app: _Appellant, policy: str, when: datetime,
                     *, strike: bool) -> _Enf:
        rng, spec = self.rng, self.banks.products[policy]
        eid = self._id("enforcements")
        listing = None
        if policy != "SELLER_IDENTITY":
            if app.listings and rng.random() < 0.25:
                listing = rng.choice(app.listings)
            else:
                listing = f"LST{rng.randrange(10**9, 10**10)}"
                app.listings.append(listing)
        action = rng.choice(spec["actions"])
        snap, _title, brand = evidence(rng, self.banks, policy, app.market, listing)
        clause = rng.choice(spec["clauses"])
        automated = rng.random() < 0.6
        decided_by: int | None = None
        label = ""
        auto_ref = rng.choice(spec["automation"]) if automated else None
        mode = "not"
        if automated and rng.random() < 0.7:
            mode, label = "fully", f"Automated ({auto_ref})"
        else:
            decided_by, label = rng.choice(self.deciders)
            mode = "partially" if automated else "not"
        if action in ACCOUNT_LEVEL and action != "selling_restriction":
            scope = f"Seller account {app.ref} (all markets)"
        elif action == "selling_restriction":
            scope = f"Selling privileges in {app.market}"
        else:
            scope = f"Listing {listing} ({app.market})"
        row = {
            "id": eid, "ref": f"ENF-{eid:08d}", "appellant_id": app.id, "action": action,
            "scope": scope, "policy_id": self.refs.policy_ids[policy], "clause": clause,
            "facts": facts(policy, snap, clause), "evidence_json": json.dumps(snap),
            "automated_detection": automated, "automated_decision": mode,
            "automation_ref": auto_ref, "decided_by_user_id": decided_by,
            "decided_by_label": label, "enforced_at": when, "listing_id": listing,
            "is_strike": strike or rng.random() < 0.5,
        }
        batch.add("enforcements", row)
        return _Enf(row, policy, brand)

    # --- appeals -------------------------------------------------------------------------
    def add_case(self, batch: DemoBatch, *, remaining: int) -> int:
        """Add one case: an appeal (decided or open now), or a decided 1st round and its 2nd."""
        rng = self.rng
        app = self._appellant(batch)
        policy = _weighted(rng, POLICY_WEIGHTS)
        received = self.arrivals.draw(rng)
        if remaining >= 2 and rng.random() < SECOND_ROUND_SHARE:
            # The first round arrives inside the history too (not before it, which would
            # start every intake chart with a ramp); appealed again within three days.
            decided = received + timedelta(hours=rng.uniform(2, 40))
            again = decided + timedelta(hours=rng.uniform(1, 72))
            if again < self.now:
                enforced = received - timedelta(days=rng.uniform(1, 20))
                enf = self._enforcement(batch, app, policy, enforced, strike=False)
                first = self._appeal(batch, app, enf, received, status="decided", round_=1,
                                     outcome=rng.choice(("uphold", "uphold", "partial")),
                                     decided_at=decided)
                self._place(batch, app, enf, again, round_=2, previous=first)
                return 2
        enforced = received - timedelta(days=rng.uniform(0.05, 30))
        enf = self._enforcement(batch, app, policy, enforced, strike=False)
        self._place(batch, app, enf, received, round_=1)
        return 1

    def _place(self, batch: DemoBatch, app: _Appellant, enf: _Enf, received: datetime, *,
               round_: int, previous: tuple[int, int] | None = None) -> None:
        """Decided if its time to decision has passed by now, else open in one of the states
        an open appeal can be in (most of them new). A few decided ones went through the
        escalations queue first, so that queue has a history to chart and forecast too."""
        rng = self.rng
        escalated = rng.random() < ESCALATED_SHARE
        queue = "escalations" if escalated else policy_queue(enf.policy)
        hours = sla_hours(self.refs.slas, queue_code=queue, policy_code=enf.policy,
                          market=app.market)
        decided = received + time_to_decision(rng, hours)
        if decided <= self.now:
            self._appeal(batch, app, enf, received, status="decided", round_=round_,
                         queue=queue, outcome=_weighted(rng, FINAL_OUTCOMES),
                         decided_at=decided, previous=previous, escalated=escalated)
            return
        status = _weighted(rng, OPEN_STATUSES)
        queue = "escalations" if status == "escalated" else policy_queue(enf.policy)
        self._appeal(batch, app, enf, received, status=status, round_=round_, queue=queue,
                     previous=previous)

    def _appeal(self, batch: DemoBatch, app: _Appellant, enf: _Enf,
                received: datetime, *, status: str, round_: int,
                due: datetime | None = None, queue: str | None = None,
                outcome: str | None = None, decided_at: datetime | None = None,
                previous: tuple[int, int] | None = None,
                escalated: bool = False) -> tuple[int, int]:
        rng, policy = self.rng, enf.policy
        queue = queue or policy_queue(policy)
        if due is None:
            due = received + timedelta(hours=sla_hours(
                self.refs.slas, queue_code=queue, policy_code=policy, market=app.market))
        appeal_id = self._id("appeals")
        values = {"listing_id": enf.row["listing_id"] or "", "brand": enf.brand,
                  "supplier": rng.choice(self.banks.names["suppliers"]),
                  "year": str(rng.randint(2015, 2024)), "model": f"M{rng.randint(100, 999)}",
                  "batch": f"{rng.randint(2024, 2026)}-{rng.randint(1, 52):02d}",
                  "market": MARKET_NAMES[app.language].get(app.market, app.market)}
        priority = SEVERITY_PRIORITY[POLICY_SEVERITY[policy]] + rng.randint(-15, 15)
        if enf.row["action"] in ACCOUNT_LEVEL:
            priority += 15
        needs_plan = enf.row["action"] in ACCOUNT_LEVEL or rng.random() < 0.2
        batch.add("appeals", {
            "id": appeal_id, "ref": f"AP-{appeal_id:08d}", "appellant_id": app.id,
            "appellant_ref": app.ref, "enforcement_id": enf.row["id"],
            "previous_appeal_id": previous[0] if previous else None, "round": round_,
            "received_at": received, "sla_due_at": due, "status": status,
            "queue_id": self.refs.queue_ids[queue], "priority": max(0, min(100, priority)),
            "market": app.market, "language": app.language, "policy_code": policy,
            "listing_id": enf.row["listing_id"],
            "statement": statement(rng, self.banks, app.language, policy, values),
            "plan_of_action": plan_of_action(rng, self.banks, app.language) if needs_plan else "",
            "decided_at": decided_at, "version": 1,
        })
        batch.appeals += 1
        self._attachments(batch, appeal_id, policy, app.language)
        excluded = {enf.row["decided_by_user_id"], previous[1] if previous else None}
        pool = [u for u in self.reviewers if u not in excluded]
        if status == "in_review":
            # Someone holds it now: only a reviewer who could have claimed it, or Ctrl+N
            # would resume a case in a language its holder does not read.
            skilled = [u for u in pool if self._may_work(u, app.language, app.market, policy)]
            pool = skilled or pool
        reviewer = rng.choice(pool)
        if escalated and decided_at is not None:
            self._escalated_history(batch, appeal_id, app, enf, received, reviewer, outcome,
                                    decided_at)
        else:
            self._history(batch, appeal_id, app, enf, received, status, reviewer, outcome,
                          decided_at)
        return appeal_id, reviewer

    def _may_work(self, user_id: int, language: str, market: str, policy: str) -> bool:
        """The reviewer's skills cover the appeal (an empty skill kind means "any")."""
        wanted = (language, market, policy)
        return all(not have or value in have
                   for have, value in zip(self.skills[user_id], wanted, strict=True))

    def _attachments(self, batch: DemoBatch, appeal_id: int, policy: str, lang: str) -> None:
        rng = self.rng
        options = self.banks.products["attachments"][policy]
        if lang != "zh-CN":
            options = [o for o in options if o[0].isascii()]
        for name, mime, desc in rng.sample(options, k=rng.randint(0, min(3, len(options)))):
            batch.add("attachments", {
                "id": self._id("attachments"), "appeal_id": appeal_id,
                "filename": name.replace("{n}", str(rng.randint(1000, 9999))),
                "mime_type": mime, "size_bytes": rng.randint(40_000, 6_000_000),
                "description": desc,
            })

    def _event(self, batch: DemoBatch, appeal_id: int, at: datetime, type_: str,
               actor: int | None, before: str | None, after: str | None,
               comment: str | None = None) -> None:
        batch.add("events", {"id": self._id("events"), "appeal_id": appeal_id,
                             "actor_user_id": actor, "at": at, "type": type_,
                             "before": before, "after": after, "comment": comment,
                             "payload_json": "{}"})

    def _history(self, batch: DemoBatch, appeal_id: int, app: _Appellant,
                 enf: _Enf, received: datetime, status: str, reviewer: int,
                 outcome: str | None, decided_at: datetime | None) -> None:
        rng = self.rng
        self._event(batch, appeal_id, received, "created", None, None, "new")
        if status == "new":
            return
        claimed = (decided_at - timedelta(minutes=rng.uniform(3, 25)) if decided_at
                   else min(self.now - timedelta(minutes=rng.uniform(1, 10)),
                            received + timedelta(hours=rng.uniform(0.2, 6))))
        claimed = max(claimed, received + timedelta(minutes=1))
        self._event(batch, appeal_id, claimed, "claimed", reviewer, "new", "in_review")
        if status == "in_review":
            lease_start = self.now - timedelta(minutes=rng.uniform(1, 10))
            batch.add("leases", {"appeal_id": appeal_id, "user_id": reviewer,
                                 "claimed_at": lease_start,
                                 "expires_at": lease_start + timedelta(minutes=15),
                                 "return_status": "new"})
            return
        step_at = claimed + timedelta(minutes=rng.uniform(3, 20))
        if status in ("escalated", "awaiting_info"):
            outcome = "escalate" if status == "escalated" else "request_info"
            self._decision(batch, appeal_id, app, enf, reviewer, outcome, step_at)
            kind = "escalated" if status == "escalated" else "info_requested"
            self._event(batch, appeal_id, step_at, kind, reviewer, "in_review", status,
                        RATIONALE[outcome])
            return
        outcome = outcome or _weighted(rng, FINAL_OUTCOMES)
        at = decided_at or step_at
        self._decision(batch, appeal_id, app, enf, reviewer, outcome, at)
        self._event(batch, appeal_id, at, "decided", reviewer, "in_review", "decided")
        if status == "reopened":
            lead = self.user_ids.get("thomas.becker")
            self._event(batch, appeal_id, at + timedelta(hours=rng.uniform(1, 20)), "reopened",
                        lead, "decided", "reopened", "Reopened after a QA finding.")

    def _escalated_history(self, batch: DemoBatch, appeal_id: int, app: _Appellant,
                           enf: _Enf, received: datetime, reviewer: int, outcome: str | None,
                           decided_at: datetime) -> None:
        """Created, claimed and escalated by a reviewer, then decided by a lead."""
        rng = self.rng
        self._event(batch, appeal_id, received, "created", None, None, "new")
        waited = decided_at - received
        claimed = received + waited * rng.uniform(0.1, 0.4)
        step_at = claimed + min(timedelta(minutes=rng.uniform(3, 20)), waited * 0.2)
        self._event(batch, appeal_id, claimed, "claimed", reviewer, "new", "in_review")
        self._decision(batch, appeal_id, app, enf, reviewer, "escalate", step_at)
        self._event(batch, appeal_id, step_at, "escalated", reviewer, "in_review", "escalated",
                    RATIONALE["escalate"])
        lead = rng.choice([u for u in self.leads if u != enf.row["decided_by_user_id"]])
        outcome = outcome or _weighted(rng, FINAL_OUTCOMES)
        self._decision(batch, appeal_id, app, enf, lead, outcome, decided_at)
        self._event(batch, appeal_id, decided_at, "decided", lead, "escalated", "decided")

    def _decision(self, batch: DemoBatch, appeal_id: int, app: _Appellant,
                  enf: _Enf, reviewer: int, outcome: str, at: datetime) -> None:
        rng, policy = self.rng, enf.policy
        codes = [c for c, o, p in self.refs.reason_codes if o == outcome and p in (None, policy)]
        response, lang = decision_text(outcome, app.language, self.refs.templates, {
            "appellant_name": app.name, "appeal_ref": f"AP-{appeal_id:08d}",
            "policy_name": self.refs.policy_names.get(policy, policy)})
        batch.add("decisions", {
            "id": self._id("decisions"), "appeal_id": appeal_id, "user_id": reviewer,
            "outcome": outcome, "reason_code": rng.choice(codes) if codes else None,
            "rationale": RATIONALE[outcome],
            "what_changes": WHAT_CHANGES if outcome == "partial" else "",
            "response_text": response, "response_language": lang,
            "escalation_reason": RATIONALE[outcome] if outcome == "escalate" else "",
            "requested_documents_json": requested_documents_json(outcome),
            "sop_document_id": self.refs.sop_ids.get(policy),
            "handle_seconds": round(rng.uniform(*HANDLE_SECONDS), 1), "decided_at": at,
            "idempotency_key": None,
        })
