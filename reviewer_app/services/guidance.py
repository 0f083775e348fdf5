"""Guidance use cases: the SOP in force for a policy, and SOP search."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.data import catalog_reads as catalog
from reviewer_app.data.db import Database
from reviewer_app.domain.clock import Clock, utc_now
from reviewer_app.domain.errors import NotFoundError
from reviewer_app.domain.models import SopDocument
from reviewer_app.domain.text import markdown_to_plain, snippet


@dataclass(frozen=True, slots=True)
class SopHit:
    """A search result: which SOP, and a short plain-text snippet around the match."""

    policy_code: str
    version: int
    title: str
    snippet: str


class GuidanceService:
    """SOP documents for reviewers."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def sop_for(self, policy_code: str) -> SopDocument:
        """The SOP version in force now for the policy; ``NotFoundError`` if none."""
        with self._db.read() as session:
            sop = catalog.sop_in_force(session, policy_code, self._clock())
        if sop is None:
            raise NotFoundError(f"No SOP in force for policy {policy_code}")
        return sop

    def search(self, text: str, limit: int = 20) -> tuple[SopHit, ...]:
        """SOPs in force whose title or body contains ``text`` (case-insensitive)."""
        needle = text.strip()
        if not needle:
            return ()
        with self._db.read() as session:
            sops = catalog.sops_in_force(session, self._clock())
        # There are a handful of SOPs, so matching in Python is cheap and handles Unicode
        # case rules the same way on both engines.
        hits = []
        for sop in sops:
            plain = markdown_to_plain(sop.body_markdown)
            folded = needle.casefold()
            if folded in sop.title.casefold() or folded in plain.casefold():
                hits.append(SopHit(policy_code=sop.policy_code, version=sop.version,
                                   title=sop.title, snippet=snippet(plain, needle)))
        return tuple(hits[:limit])
