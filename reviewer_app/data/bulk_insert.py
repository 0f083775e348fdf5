"""Bulk inserts for imports: the driver's own fastest path, not SQLAlchemy's per-row work.

``insert(table)`` with a list of dicts costs SQLAlchemy about 10 µs of Python per row
(parameter dicts, type processors) and, on PostgreSQL, one ``INSERT`` per row through the
pipeline: most of an import's time at a million rows (issue 6). Here the rows become
tuples once and go:

* on SQLite, to ``sqlite3``'s ``executemany`` (datetimes written as SQLAlchemy writes them);
* on PostgreSQL, through ``COPY``: straight into the table when row security does not apply
  to the importing role (``COPY FROM`` refuses tables whose policies apply), else into a
  temporary staging table and from there with one ``INSERT … SELECT``, which the table's
  policies check like any insert. Both keep the rows' order, so ids follow the file.

Python-side column defaults (``default=`` on the ORM columns) are filled in, as
SQLAlchemy's ``insert`` does; a naive datetime is refused, as ``UtcDateTime`` does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

from reviewer_app.data.types import UtcDateTime

_stage_names = itertools.count(1)
FORCE_STAGING = False  # tests set it to run PostgreSQL's staging path as a superuser too


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value


def _sqlite_utc(value: datetime | None) -> str | None:
    """The text SQLAlchemy's SQLite ``DATETIME`` stores: naive UTC with microseconds."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class BulkInserter:
    """Inserts lists of row dicts on one connection (one transaction)."""

    def __init__(self, c: Connection) -> None:
        self.c = c
        self.pg = c.dialect.name == "postgresql"
        self._direct: dict[str, bool] = {}

    def insert(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert ``rows`` (all with the keys of the first) in their order."""
        if not rows:
            return
        given = list(rows[0])
        defaults = {col.name: col.default.arg for col in table.c  # type: ignore[union-attr]
                    if col.name not in given and col.default is not None
                    and col.default.is_scalar}
        names = given + list(defaults)
        convert: Callable[[datetime | None], Any] = _utc if self.pg else _sqlite_utc
        stamps = [i for i, n in enumerate(given) if isinstance(table.c[n].type, UtcDateTime)]
        tail = tuple(defaults.values())
        tuples: list[tuple[Any, ...]] = []
        for row in rows:
            values = [row[n] for n in given]
            for i in stamps:
                values[i] = convert(values[i])
            tuples.append((*values, *tail))
        if self.pg:
            self._copy(table, names, tuples)
        else:
            marks = ", ".join("?" * len(names))
            self.c.exec_driver_sql(
                f"INSERT INTO {self._q(table.name)} ({self._cols(names)}) VALUES ({marks})",
                tuples)  # type: ignore[arg-type]

    def _q(self, name: str) -> str:
        return self.c.dialect.identifier_preparer.quote_identifier(name)

    def _cols(self, names: Sequence[str]) -> str:
        return ", ".join(self._q(n) for n in names)

    def _copy(self, table: Table, names: list[str], tuples: list[tuple[Any, ...]]) -> None:
        target, cols = self._q(table.name), self._cols(names)
        if self._copy_direct(table):
            self._copy_rows(f"COPY {target} ({cols}) FROM STDIN", tuples)
            return
        stage = self._q(f"import_stage_{next(_stage_names)}")
        types = ", ".join(f"{self._q(n)} {table.c[n].type.compile(dialect=self.c.dialect)}"
                          for n in names)
        self.c.exec_driver_sql(f"CREATE TEMPORARY TABLE {stage} (import_ord integer, {types}) "
                               "ON COMMIT DROP")
        self._copy_rows(f"COPY {stage} (import_ord, {cols}) FROM STDIN",
                        [(n, *values) for n, values in enumerate(tuples)])
        # ORDER BY: ids are drawn in the rows' (the file's) order.
        self.c.exec_driver_sql(f"INSERT INTO {target} ({cols}) SELECT {cols} FROM {stage} "
                               "ORDER BY import_ord")
        self.c.exec_driver_sql(f"DROP TABLE {stage}")

    def _copy_rows(self, statement: str, tuples: list[tuple[Any, ...]]) -> None:
        """``COPY … FROM STDIN`` on the connection's own psycopg connection; its errors
        come wrapped like SQLAlchemy's (``DBAPIError``), so a refusal stays a known error."""
        import psycopg  # only PostgreSQL connections get here

        raw = self.c.connection.driver_connection
        assert raw is not None
        try:
            with raw.cursor() as cur, cur.copy(statement) as copy:
                for values in tuples:
                    copy.write_row(values)
        except psycopg.Error as exc:
            raise DBAPIError.instance(statement, None, exc, psycopg.Error,
                                      dialect=self.c.dialect) from exc

    def _copy_direct(self, table: Table) -> bool:
        """True when ``COPY`` may write ``table`` itself (no row security applies)."""
        if FORCE_STAGING:
            return False
        if not self._direct:  # every table of the schema at once: one query per batch
            self._direct = {name: not active for name, active in self.c.exec_driver_sql(
                "SELECT c.relname, row_security_active(c.oid) FROM pg_class AS c "
                "WHERE c.relname = ANY(%(names)s) AND pg_table_is_visible(c.oid)",
                {"names": list(table.metadata.tables)})}
        return self._direct.get(table.name, False)
