"""Demo data: realistic users, appellants, enforcements and appeals, deterministic per seed.

``generate_demo(db, appeals=..., seed=..., now=...)`` writes the same rows for the same seed,
``now`` and starting database. Statements are composed from per-language phrase banks in
``resources/demo``; the catalog is installed first if missing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from reviewer_app.data.db import Database
from reviewer_app.data.demo_store import CatalogRefs, DemoBatch, catalog_refs, write_demo
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.catalog import (
    has_catalog,
    install_default_catalog,
    policy_queue,
    sla_hours,
)
from reviewer_app.services.demo_arrivals import Arrivals, history_days
from reviewer_app.services.demo_cases import CaseBuilder
from reviewer_app.services.demo_qa import add_demo_qa
from reviewer_app.services.demo_texts import phrase_banks
from reviewer_app.services.workspace import open_workspace, upgrade_database, workspace_state

Progress = Callable[[int, int], None]
BATCH_APPEALS = 1000


class DemoRefusedError(ReviewerError):
    """The database already holds appeals, and demo data was not forced in."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What ``generate_demo`` added."""

    appeals: int
    appellants: int
    enforcements: int
    users: int
    events: int
    seconds: float


def generate_demo(
    db: Database,
    *,
    appeals: int,
    seed: int,
    now: datetime,
    progress: Progress | None = None,
) -> DemoSummary:
    """Add ``appeals`` demo appeals (with users, appellants, histories) in one transaction.

    Args:
        db: a migrated database; the default catalog is installed if it has none.
        appeals: how many appeal rows to create (open ones plus decided history).
        seed: random seed; same seed, ``now`` and starting database give identical rows.
        now: the instant the demo is built around (SLA states are relative to it).
        progress: called as ``progress(done, total)`` after each batch of appeals.
    """
    if appeals < 0:
        raise ValueError("appeals must be >= 0")
    start = time.perf_counter()
    if not has_catalog(db):
        install_default_catalog(db)
    refs = catalog_refs(db)
    banks = phrase_banks()
    done = 0

    def after(batch: DemoBatch) -> None:
        nonlocal done
        done += batch.appeals
        if progress is not None:
            progress(done, appeals)

    def build(bases: dict[str, int], logins: dict[str, int]) -> Iterator[DemoBatch]:
        builder = CaseBuilder(random.Random(seed), now, refs, banks, bases, logins,
                              Arrivals(now, history_days(appeals)))
        return _batches(builder, appeals, refs)

    counts = write_demo(db, build, after)
    if appeals:
        add_demo_qa(db, seed=seed, now=now)
    return DemoSummary(
        appeals=counts["appeals"], appellants=counts["appellants"],
        enforcements=counts["enforcements"], users=counts["users"], events=counts["events"],
        seconds=time.perf_counter() - start,
    )


def _batches(builder: CaseBuilder, total: int, refs: CatalogRefs) -> Iterator[DemoBatch]:
    batch = builder.new_batch()
    builder.add_users(batch)
    made = 0
    while made < total:
        made += builder.add_case(batch, remaining=total - made)
        if batch.appeals >= BATCH_APPEALS:
            yield batch
            batch = builder.new_batch()
    if batch.rows or batch.appeals:
        yield batch


def fill_demo_database(
    url: str, *, appeals: int, seed: int, now: datetime, force: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Migrate ``url`` (creating an SQLite file if its folder exists) and add demo data.

    Raises:
        DemoRefusedError: the database already holds appeals and ``force`` is False.
    """
    upgrade_database(url, create=True)
    db = open_workspace(url, embedded=False)
    try:
        if not force and workspace_state(db).appeals:
            raise DemoRefusedError(
                "The database already contains appeals; use --force to add demo data anyway."
            )
        return generate_demo(db, appeals=appeals, seed=seed, now=now, progress=progress)
    finally:
        db.dispose()


def ensure_demo_database(
    url: str, *, appeals: int, seed: int, now: datetime, progress: Progress | None = None
) -> bool:
    """Create and fill the demo database unless it already holds appeals; True if filled."""
    db = open_workspace(url, embedded=True, create=True)
    try:
        if workspace_state(db).appeals:
            return False
        generate_demo(db, appeals=appeals, seed=seed, now=now, progress=progress)
        return True
    finally:
        db.dispose()


def due_for(refs: CatalogRefs, policy: str, market: str, queue: str | None = None) -> float:
    """SLA hours that apply to an appeal (exposed for tests)."""
    return sla_hours(refs.slas, queue_code=queue or policy_queue(policy), policy_code=policy,
                     market=market)


__all__ = [
    "DemoRefusedError",
    "DemoSummary",
    "due_for",
    "ensure_demo_database",
    "fill_demo_database",
    "generate_demo",
]


