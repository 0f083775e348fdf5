"""``column IN (a batch's values)`` with one bound parameter instead of thousands.

An import looks up each batch's references (5,000 of them) in a few statements; rendering and
parsing a 5,000-item ``IN`` costs more than the lookup itself, and on PostgreSQL psycopg
quoted such a list item by item (issue 6).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, any_, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY

from reviewer_app.data.types import Link, dialect_of

_SEP = "\x1f"  # the unit separator: not printable, so in no validated ref


def among(link: Link, column: ColumnElement[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN values`` as one parameter: on PostgreSQL refs as one string split by the
    server (dumping a list quotes item by item), ids ``= ANY(array)``; on SQLite refs
    ``IN (SELECT value FROM json_each(:list))`` (their unique index is the plan), ids a
    plain ``IN`` (SQLite's planner, blind to json_each, might scan an index)."""
    items = list(values)
    refs = all(type(i) is str and _SEP not in i for i in items)
    if dialect_of(link) != "postgresql":
        if not refs:
            return column.in_(items)
        listed = select(literal_column("value")).select_from(
            func.json_each(bindparam(None, json.dumps(items), type_=String())))
        return column.in_(listed.scalar_subquery())
    if refs:  # IN (SELECT unnest): a seq scan with "= ANY" compares row by item
        joined = bindparam(None, _SEP.join(items), type_=String())
        listed = select(func.unnest(func.string_to_array(joined, _SEP)))
        return column.in_(listed.scalar_subquery())
    kind = Integer() if items and isinstance(items[0], int) else String()
    return column == any_(bindparam(None, items, type_=ARRAY(kind)))
