"""Fast synthetic queue data for benchmarks: a million appeals in seconds, straight in SQL.

Rows are generated inside the database (a recursive CTE on SQLite, ``generate_series`` on
PostgreSQL) into a schema made by the app's own Alembic migrations, so the indexes are the
ones the app ships. Values come from multiplicative hashes of the row number: deterministic,
spread evenly, no Python loop.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Engine, text

MARKETS = ("DE", "FR", "GB", "ES", "IT", "PL", "NL", "SE", "US", "CN")
LANGUAGES = ("en", "de", "fr", "es", "it", "pl", "zh-Hans")
POLICIES = (
    "IP_COUNTERFEIT",
    "PROHIBITED_PRODUCT",
    "UNSAFE_PRODUCT",
    "MISLEADING_LISTING",
    "INAUTHENTIC_REVIEWS",
    "SELLER_IDENTITY",
)
QUEUES = ("bench_general", "bench_escalations", "bench_cross_border")
# (status, cumulative percentage): ~73 % open, the rest decided.
STATUSES = (
    ("new", 60),
    ("in_review", 65),
    ("escalated", 68),
    ("awaiting_info", 72),
    ("reopened", 73),
    ("decided", 100),
)
N_SELLERS = 20_000
N_USERS = 20
SLA_HOURS = (24, 48, 72)


@dataclass(frozen=True)
class _Dialect:
    name: str
    series: str  # FROM clause yielding column ``i`` = 1..:n

    def ts(self, epoch_seconds: str) -> str:
        """SQL for a UTC instant ``epoch_seconds`` after 1970, as the app stores it."""
        if self.name == "sqlite":
            # SQLAlchemy's SQLite DateTime text format (naive UTC, microseconds).
            return f"(strftime('%Y-%m-%d %H:%M:%S', {epoch_seconds}, 'unixepoch') || '.000000')"
        return f"to_timestamp({epoch_seconds})"

    def pick(self, values: tuple[str, ...] | tuple[int, ...], h: str) -> str:
        """SQL choosing one of ``values`` by the hash expression ``h``."""
        whens = " ".join(
            f"WHEN {k} THEN {v!r}" if isinstance(v, int) else f"WHEN {k} THEN '{v}'"
            for k, v in enumerate(values)
        )
        return f"(CASE ({h}) % {len(values)} {whens} END)"

    def cat(self, *parts: str) -> str:
        return "(" + " || ".join(f"CAST({p} AS TEXT)" if not p.startswith("'") else p
                                 for p in parts) + ")"


def _dialect(engine: Engine) -> _Dialect:
    if engine.dialect.name == "sqlite":
        return _Dialect(
            "sqlite",
            "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < :n)"
            " SELECT i FROM s) AS g",
        )
    return _Dialect("postgresql", "(SELECT i::bigint AS i FROM generate_series(1, :n) AS i) AS g")


def _hash(k: int) -> str:
    # Knuth-style multiplicative hash of the row number, one odd multiplier per column.
    mult = (2654435761, 40503, 2246822519, 3266489917, 668265263, 374761393, 1181783497)[k]
    return f"((g.i * {mult}) % 1000003)"


def _index_ddl(conn, dialect: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the appeals indexes that can be dropped and re-made."""
    if dialect == "sqlite":
        rows = conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'appeals'"
            " AND sql IS NOT NULL"
        ))
    else:
        rows = conn.execute(text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = 'appeals'"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        ))
    return [(r[0], r[1]) for r in rows]


def generate(engine: Engine, rows: int, *, now_epoch: int | None = None) -> dict[str, float]:
    """Fill a freshly migrated, empty database with ``rows`` appeals; returns timings (s)."""
    d = _dialect(engine)
    now = int(now_epoch if now_epoch is not None else time.time())
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with engine.begin() as conn:
        existing = conn.execute(text("SELECT count(*) FROM appeals")).scalar_one()
        if existing:
            raise RuntimeError("benchmark database already has appeals; use a fresh one")
        for code in POLICIES:
            conn.execute(text(
                "INSERT INTO policies (code, name, severity) SELECT :c, :n, 'medium'"
                " WHERE NOT EXISTS (SELECT 1 FROM policies WHERE code = :w)"),
                {"c": code, "n": code, "w": code})
        for code in QUEUES:
            conn.execute(text(
                "INSERT INTO queues (code, name, description) SELECT :c, :n, ''"
                " WHERE NOT EXISTS (SELECT 1 FROM queues WHERE code = :w)"),
                {"c": code, "n": code, "w": code})
        queue_ids = [conn.execute(text("SELECT id FROM queues WHERE code = :c"), {"c": c})
                     .scalar_one() for c in QUEUES]
        policy_ids = [conn.execute(text("SELECT id FROM policies WHERE code = :c"), {"c": c})
                      .scalar_one() for c in POLICIES]
        user_base = conn.execute(text("SELECT coalesce(max(id), 0) FROM users")).scalar_one()
        for u in range(1, N_USERS + 1):
            conn.execute(text(
                "INSERT INTO users (id, login, display_name, role, active, created_at)"
                f" VALUES (:id, :login, :dname, 'reviewer', TRUE, {d.ts(str(now - 86400 * 400))})"
            ), {"id": user_base + u, "login": f"bench_user_{user_base + u}",
                "dname": f"Bench user {user_base + u}"})

        s_ref, s_name = d.cat("'S-'", "g.i"), d.cat("'Seller '", "g.i")
        e_ref, l_ref = d.cat("'E-'", "g.i"), d.cat("'L-'", "g.i")
        conn.execute(text(
            "INSERT INTO appellants (id, ref, kind, display_name, account_type, market, language)"
            f" SELECT g.i, {s_ref}, 'seller', {s_name},"
            f" 'business', {d.pick(MARKETS, 'g.i')}, {d.pick(LANGUAGES, 'g.i')}"
            f" FROM {d.series}"), {"n": N_SELLERS})
        conn.execute(text(
            "INSERT INTO enforcements (id, ref, appellant_id, action, scope, policy_id, clause,"
            " facts, evidence_json, automated_detection, automated_decision, decided_by_label,"
            " enforced_at, listing_id, is_strike)"
            f" SELECT g.i, {e_ref}, g.i, 'listing_removal', '',"
            f" {d.pick(tuple(policy_ids), 'g.i')}, '', '', '{{}}', (g.i % 2 = 0), 'not', '',"
            f" {d.ts(str(now - 86400 * 30))}, {l_ref}, FALSE"
            f" FROM {d.series}"), {"n": N_SELLERS})
        timings["catalog_s"] = time.perf_counter() - t0

        # Indexes are dropped for the bulk insert and rebuilt after (much faster than
        # maintaining 15+ b-trees row by row); the DDL is read back from the database.
        ddl = _index_ddl(conn, d.name)
        for name, _sql in ddl:
            conn.execute(text(f'DROP INDEX "{name}"'))

        h = [_hash(k) for k in range(7)]
        seller = f"(({h[0]}) % {N_SELLERS} + 1)"
        offset = f"({h[1]} % (14 * 86400))"  # received up to 14 days ago
        sla_h = d.pick(SLA_HOURS, h[2])
        status = "(CASE " + " ".join(
            f"WHEN ({h[3]}) % 100 < {cum} THEN '{s}'" for s, cum in STATUSES
        ) + " END)"
        received = f"({now} - {offset})"
        a_ref, a_seller_ref = d.cat("'A-'", "g.i"), d.cat("'S-'", seller)
        a_listing = d.cat("'L-'", seller)
        due = f"({received} + {sla_h} * 3600)"
        t1 = time.perf_counter()
        conn.execute(text(
            "INSERT INTO appeals (id, ref, appellant_id, appellant_ref, enforcement_id,"
            " previous_appeal_id, round, received_at, sla_due_at, status, queue_id, priority,"
            " market, language, policy_code, listing_id, statement, plan_of_action, decided_at,"
            " version)"
            f" SELECT g.i, {a_ref}, {seller}, {a_seller_ref}, {seller},"
            f" NULL, CASE WHEN ({h[4]}) % 10 = 0 THEN 2 ELSE 1 END,"
            f" {d.ts(received)}, {d.ts(due)}, {status},"
            f" {d.pick(tuple(queue_ids), h[5])}, ({h[6]}) % 101,"
            f" {d.pick(MARKETS, seller)}, {d.pick(LANGUAGES, seller)},"
            f" {d.pick(POLICIES, seller)}, {a_listing}, '', '',"
            f" CASE WHEN {status} = 'decided' THEN {d.ts(f'{received} + 3600')} ELSE NULL END, 1"
            f" FROM {d.series}"), {"n": rows})
        timings["appeals_insert_s"] = time.perf_counter() - t1

        conn.execute(text(
            "INSERT INTO leases (appeal_id, user_id, claimed_at, expires_at, return_status)"
            f" SELECT id, {user_base} + (id % {N_USERS}) + 1, {d.ts(str(now - 300))},"
            f" {d.ts(str(now + 600))}, 'new' FROM appeals WHERE status = 'in_review'"))

        t2 = time.perf_counter()
        for _name, sql in ddl:
            conn.execute(text(sql))
        timings["index_build_s"] = time.perf_counter() - t2
        if d.name == "postgresql":
            # Keep the id sequence ahead of the explicit ids we wrote.
            for table in ("appeals", "appellants", "enforcements", "users"):
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT max(id) FROM {table}))"))
    t3 = time.perf_counter()
    with engine.connect() as conn:
        if d.name == "sqlite":
            # On the driver connection: the app's engine hook would wrap it in a transaction.
            conn.connection.driver_connection.execute("ANALYZE")
        else:
            # VACUUM also sets the visibility map, as on a settled production table.
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE")
    timings["analyze_s"] = time.perf_counter() - t3
    timings["total_s"] = time.perf_counter() - t0
    return {k: round(v, 2) for k, v in timings.items()}
