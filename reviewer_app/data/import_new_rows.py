"""The rows an import batch creates: appellants, enforcements and appeals not stored yet,
each kind in one bulk statement (``data.bulk_insert``) with the new ids read back by ``ref``;
a 2nd-round appeal is linked to the 1st round of its enforcement."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, update

from reviewer_app.data import import_decisions as decisions
from reviewer_app.data.batch_lookup import among
from reviewer_app.data.bulk_insert import BulkInserter
from reviewer_app.data.import_rows import Known, PlannedAppeal, appeal_values, enforcement_values
from reviewer_app.data.orm import AppealRow, AppellantRow, EnforcementRow
from reviewer_app.domain.enums import AppealStatus

A = AppealRow.__table__.c
NEW = AppealStatus.NEW.value


class NewRows:
    """Inserts one batch's new rows on the batch's connection."""

    def __init__(self, c: Connection, bulk: BulkInserter, policy_ids: dict[str, int],
                 queue_ids: dict[str, int]) -> None:
        self.c, self.bulk, self.policy_ids, self.queue_ids = c, bulk, policy_ids, queue_ids

    def appellants(self, batch: list[PlannedAppeal], appellants: dict[str, int]) -> None:
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

    def enforcements(self, batch: list[PlannedAppeal], appellants: dict[str, int],
                     enforcements: dict[str, Known]) -> None:
        """Create the enforcements this batch claimed, in one statement."""
        rows: dict[str, dict[str, Any]] = {}
        for p in batch:
            a = p.appeal
            if enforcements[a.enforcement_id].id is None and a.enforcement_id not in rows:
                rows[a.enforcement_id] = {
                    "ref": a.enforcement_id, "appellant_id": appellants[a.appellant_id],
                    "scope": "", "clause": "", "decided_by_label": "",
                    **enforcement_values(a, self.policy_ids[a.policy_code]),
                    "sor_puid": a.sor_puid,  # every row of the executemany has the key
                }
        if rows:
            for ref, id_ in self._insert_many(EnforcementRow.__table__,
                                              list(rows.values())).items():
                enforcements[ref].id = id_

    def appeals(self, new: list[PlannedAppeal], appellants: dict[str, int],
                enforcements: dict[str, Known]) -> dict[str, int]:
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
                         **appeal_values(p, appellants[a.appellant_id], enforcement_id)})
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
                            enforcements: dict[str, Known]) -> None:
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
