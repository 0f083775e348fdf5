"""PostgreSQL claims walk the claim index in order even when the statistics mislead.

Many appeals sharing one enforcement (a bulk action, or the load test's data) made the
planner expect the "not your own enforcement" anti-join to remove almost every appeal; it
then scanned and sorted the whole queue for every claim, and claims slowed to a crawl as
the queue drained. The claim query must stay an in-order scan of ``ix_appeals_claim``.
"""

from __future__ import annotations

from typing import Any

import pytest
from factories import Factory
from sqlalchemy import event, text

from reviewer_app.data import lease_repository
from reviewer_app.data.db import Database, create_db_engine
from reviewer_app.domain.enums import Role
from reviewer_app.domain.models import User


@pytest.mark.pg
def test_claim_query_uses_the_claim_index_when_appeals_share_an_enforcement(
    pg_url: str,
) -> None:
    db = Database(create_db_engine(pg_url))
    f = Factory(db)
    enforcement = f.enforcement()
    f.appeals(300, enforcement_id=enforcement, sla_hours=lambda i: i % 50)
    reviewer = f.user("rev")
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))
    user = User(id=reviewer, login="rev", display_name="Rev", role=Role.REVIEWER)

    sent: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, stmt: str, params: Any, _ctx: Any, _many: bool) -> None:
        if "FROM appeals AS a" in stmt:
            sent.append((stmt, params))

    event.listen(db.engine, "before_cursor_execute", grab)
    with db.read() as s:
        assert lease_repository.find_claimable(s, user) is not None
    event.remove(db.engine, "before_cursor_execute", grab)
    assert len(sent) == 1

    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("EXPLAIN " + sent[0][0], sent[0][1])
        plan = "\n".join(row[0] for row in cur.fetchall())
        raw.rollback()
    finally:
        raw.close()
    db.dispose()
    assert "Index Scan using ix_appeals_claim" in plan, plan
    assert "Sort" not in plan, plan
