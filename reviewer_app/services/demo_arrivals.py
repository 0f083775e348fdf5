"""When demo appeals arrive and how long they wait: a team in steady state, not a surge.

Appeals arrive over the last weeks with a weekly rhythm (busy Mondays, quiet weekends), a
daily one (few at night) and a slight growth, so the queue charts show a working team and
the forecast has a real weekly season to fit. Each appeal's time to decision is drawn
around a share of its SLA with a long tail: an appeal whose time has not yet passed is
open now, which gives a backlog of a few days' intake with some at risk and some breached,
as a real queue has, whatever the number of appeals asked for.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from datetime import datetime, timedelta

# The demo a newcomer opens: five weeks of a team at work at 250 appeals a day (history
# enough for the forecast's held-out fortnight and weekly season) and ~200 open now.
DEMO_APPEALS = 9000
DEMO_SEED = 7
# Days of history for the number of appeals asked for: about this many appeals a day,
# at least MIN_DAYS (a small test demo) and at most MAX_DAYS (eight weeks: enough for the
# forecast's held-out fortnight and weekly season, little enough to generate fast).
APPEALS_PER_DAY = 250
MIN_DAYS = 3
MAX_DAYS = 56
WEEKDAY_WEIGHT = (1.2, 1.1, 1.05, 1.0, 0.95, 0.6, 0.5)  # Monday first
HOUR_WEIGHT = (0.3, 0.25, 0.2, 0.2, 0.25, 0.35, 0.5, 0.7, 0.9, 1.0, 1.0, 1.0,
               1.0, 1.0, 1.0, 1.0, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4)
GROWTH = 0.15  # the last day gets 15% more than the first: the forecast has a trend to see
# Time to decision: lognormal with its median at this share of the SLA; the spread puts
# about one decision in six past its SLA (compliance in the 80s, as teams under strain see).
MEDIAN_SHARE_OF_SLA = 0.45
SPREAD = 0.9
LONGEST_WAIT = timedelta(days=12)


def history_days(appeals: int) -> int:
    """Days of history that spread ``appeals`` at about ``APPEALS_PER_DAY`` a day."""
    return max(MIN_DAYS, min(MAX_DAYS, round(appeals / APPEALS_PER_DAY)))


class Arrivals:
    """Draws arrival instants from ``days`` before ``now`` up to ``now``, hour by hour."""

    def __init__(self, now: datetime, days: int) -> None:
        # From midnight, so the first day is a whole day on the intake charts, not a dip.
        start = (now - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
        hours = math.ceil((now - start).total_seconds() / 3600)
        self._starts = [start + timedelta(hours=h) for h in range(hours)]
        self._now = now
        weights = []
        for n, at in enumerate(self._starts):
            growth = 1 + GROWTH * n / max(1, hours - 1)
            share = min(1.0, (now - at).total_seconds() / 3600)  # the hour now is only begun
            weights.append(WEEKDAY_WEIGHT[at.weekday()] * HOUR_WEIGHT[at.hour] * growth * share)
        self._cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> datetime:
        """One arrival instant (never after ``now``)."""
        spot = rng.random() * self._cumulative[-1]
        hour = min(bisect.bisect_right(self._cumulative, spot), len(self._starts) - 1)
        return min(self._starts[hour] + timedelta(seconds=rng.uniform(0, 3600)),
                   self._now - timedelta(minutes=1))


def time_to_decision(rng: random.Random, sla_hours: float) -> timedelta:
    """How long an appeal under a ``sla_hours`` SLA waits for its decision."""
    hours = rng.lognormvariate(math.log(MEDIAN_SHARE_OF_SLA * sla_hours), SPREAD)
    return min(timedelta(hours=max(hours, 0.25)), LONGEST_WAIT)
