"""Bulk writer for demo data: Core ``executemany`` in batches inside one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from reviewer_app.data.catalog_store import SlaSpec
from reviewer_app.data.db import Database
from reviewer_app.data.orm import (
    AppealRow,
    AppellantRow,
    AttachmentRow,
    DecisionRow,
    EnforcementRow,
    EventRow,
    LeaseRow,
    PolicyRow,
    QueueDefRow,
    ReasonCodeRow,
    ResponseTemplateRow,
    SlaPolicyRow,
    SopDocumentRow,
    UserRow,
    UserSkillRow,
)

Row = dict[str, Any]

# Insert order respects foreign keys.
TABLES: dict[str, Table] = {
    "users": UserRow.__table__,  # type: ignore[dict-item]
    "user_skills": UserSkillRow.__table__,  # type: ignore[dict-item]
    "appellants": AppellantRow.__table__,  # type: ignore[dict-item]
    "enforcements": EnforcementRow.__table__,  # type: ignore[dict-item]
    "appeals": AppealRow.__table__,  # type: ignore[dict-item]
    "attachments": AttachmentRow.__table__,  # type: ignore[dict-item]
    "leases": LeaseRow.__table__,  # type: ignore[dict-item]
    "decisions": DecisionRow.__table__,  # type: ignore[dict-item]
    "events": EventRow.__table__,  # type: ignore[dict-item]
}
ID_TABLES = ("users", "appellants", "enforcements", "appeals", "attachments", "decisions", "events")


@dataclass(frozen=True, slots=True)
class CatalogRefs:
    """Catalog ids and rules the demo generator links its rows to."""

    policy_ids: dict[str, int]
    policy_names: dict[str, str]
    queue_ids: dict[str, int]
    sop_ids: dict[str, int]
    slas: tuple[SlaSpec, ...]
    reason_codes: tuple[tuple[str, str, str | None], ...]  # (code, outcome, policy or None)
    templates: dict[tuple[str, str], tuple[str, str]]  # (outcome, lang) -> (body, redress)


@dataclass(slots=True)
class DemoBatch:
    """Rows per table name (keys of ``TABLES``) plus how many appeals the batch holds."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    appeals: int = 0

    def add(self, table: str, row: Row) -> None:
        """Queue one row for ``table``."""
        self.rows.setdefault(table, []).append(row)


class _PgCopier:
    """PostgreSQL ``COPY ... FROM STDIN`` through psycopg: several times faster than INSERT.

    Values go through the columns' own SQLAlchemy bind processors (``UtcDateTime`` refuses
    naive datetimes here as everywhere), inside the session's transaction.
    """

    def __init__(self, conn: Connection) -> None:
        self._driver = conn.connection.driver_connection
        self._dialect = conn.dialect

    def copy(self, table: Table, rows: list[Row]) -> None:
        keys = list(rows[0])
        dialect = self._dialect
        procs = [(k, table.c[k].type.dialect_impl(dialect).bind_processor(dialect)) for k in keys]
        sql = f"COPY {table.name} ({', '.join(keys)}) FROM STDIN"
        with self._driver.cursor() as cur, cur.copy(sql) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row([p(row[k]) if p is not None else row[k] for k, p in procs])


def catalog_refs(db: Database) -> CatalogRefs:
    """Read the ids and rules of the installed catalog."""
    with db.read() as s:
        policies = {r.code: r for r in s.scalars(select(PolicyRow))}
        by_id = {r.id: r.code for r in policies.values()}
        queues = {r.code: r.id for r in s.scalars(select(QueueDefRow))}
        q_by_id = {v: k for k, v in queues.items()}
        sops: dict[str, int] = {}
        for sop in s.scalars(select(SopDocumentRow).order_by(SopDocumentRow.version)):
            sops[by_id[sop.policy_id]] = sop.id  # the newest version wins
        slas = tuple(
            SlaSpec(
                hours=r.hours, queue_code=q_by_id.get(r.queue_id) if r.queue_id else None,
                policy_code=by_id.get(r.policy_id) if r.policy_id else None, market=r.market,
                pause_on_request_info=r.pause_on_request_info,
            )
            for r in s.scalars(select(SlaPolicyRow).order_by(SlaPolicyRow.id))
        )
        codes = tuple(
            (r.code, r.outcome, by_id.get(r.policy_id) if r.policy_id else None)
            for r in s.scalars(
                select(ReasonCodeRow).where(ReasonCodeRow.active.is_(True))
                .order_by(ReasonCodeRow.code)
            )
        )
        templates = {
            (r.outcome, r.language): (r.body, r.redress_text)
            for r in s.scalars(select(ResponseTemplateRow))
        }
        return CatalogRefs(
            policy_ids={c: r.id for c, r in policies.items()},
            policy_names={c: r.name for c, r in policies.items()},
            queue_ids=queues, sop_ids=sops, slas=slas, reason_codes=codes, templates=templates,
        )


def write_demo(
    db: Database,
    build: Callable[[dict[str, int], dict[str, int]], Iterable[DemoBatch]],
    after_batch: Callable[[DemoBatch], None] | None = None,
) -> dict[str, int]:
    """Insert the batches ``build(id_bases, existing_logins)`` yields, in one transaction.

    ``id_bases`` holds the highest id per table (0 when empty) so the generator can assign
    explicit ids and link rows without a round trip; ``existing_logins`` maps logins already
    present to their user id. On PostgreSQL the id sequences are moved past the new rows.

    Returns:
        Rows inserted per table.
    """
    counts = dict.fromkeys(TABLES, 0)
    with db.write() as s:
        if db.dialect == "sqlite":
            # Random-key index inserts thrash SQLite's default 2 MB page cache; 256 MB for
            # this connection keeps a 100k-appeal load several times faster.
            s.execute(text("PRAGMA cache_size=-262144"))
        bases = {
            name: int(s.scalar(select(func.max(TABLES[name].c.id))) or 0) for name in ID_TABLES
        }
        logins = {login: uid for uid, login in s.execute(select(UserRow.id, UserRow.login))}
        copier = _PgCopier(s.connection()) if db.dialect == "postgresql" else None
        for batch in build(bases, logins):
            for name, table in TABLES.items():
                rows = batch.rows.get(name)
                if rows:
                    if copier is not None:
                        copier.copy(table, rows)
                    else:
                        s.execute(insert(table), rows)
                    counts[name] += len(rows)
            if after_batch is not None:
                after_batch(batch)
        if db.dialect == "postgresql":
            for name in ID_TABLES:
                s.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
                ))
    return counts
