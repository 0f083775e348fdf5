"""Guidance use cases: the SOP in force for a policy, and SOP search."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.data.db import Database
from reviewer_app.domain.models import SopDocument
from reviewer_app.services.clock import Clock, utc_now


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
        raise NotImplementedError

    def search(self, text: str, limit: int = 20) -> tuple[SopHit, ...]:
        """SOPs in force whose title or body contains ``text`` (case-insensitive)."""
        raise NotImplementedError
