"""Cut a time window into whole UTC days (read from a per-day roll-up) and partial edges
(read from the base table through its time index: at most a day of rows each side)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


@dataclass(frozen=True, slots=True)
class DayWindow:
    """``[start, end)`` as whole days ``[first_day, end_day)`` plus the instants around them.

    ``first_day`` is None when the window holds no whole day, ``end_day`` also when it is
    open to the future; ``edges`` are the partial ``(start, end)`` pieces left over.
    """

    first_day: date | None
    end_day: date | None
    edges: tuple[tuple[datetime, datetime], ...]


def _floor(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _ceil(at: datetime) -> datetime:
    floor = _floor(at)
    return floor if floor == at else floor + timedelta(days=1)


def day_window(start: datetime, end: datetime | None = None) -> DayWindow:
    """Split ``[start, end)`` (``end`` None: up to any time) into whole UTC days and edges.

    With no end every day from the first whole one on is whole: a roll-up's row for today
    holds everything decided so far today, and nothing later exists yet.
    """
    first = _ceil(start)
    if end is None:
        edges = ((start, first),) if start < first else ()
        return DayWindow(first.date(), None, edges)
    last = _floor(end)
    if first >= last:
        return DayWindow(None, None, ((start, end),) if start < end else ())
    pieces = []
    if start < first:
        pieces.append((start, first))
    if last < end:
        pieces.append((last, end))
    return DayWindow(first.date(), last.date(), tuple(pieces))
