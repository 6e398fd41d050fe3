"""When demo calls happen: the last 90 days up to now, more on weekdays and in office hours, busier lately."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from itertools import accumulate

DAYS = 90
_UTC_HOURS = {"IN": 5.5, "US": -5.0, "GB": 0.0, "SG": 8.0, "AE": 4.0}  # each country's office clock, roughly
_WEEKDAYS = (1.0, 1.0, 0.95, 0.9, 0.75, 0.15, 0.05)  # Monday first: few calls at weekends
_HOURS = (9, 10, 11, 12, 13, 14, 15, 16, 17, 18)
_HOUR_WEIGHTS = (0.5, 1.0, 1.0, 0.7, 0.4, 0.9, 1.0, 0.8, 0.5, 0.15)  # mornings and mid-afternoons, a lunch dip


class CallClock:
    """Moments for a customer's calls; the same for the same random stream and `now`."""

    def __init__(self, now: datetime) -> None:
        self.now = now.astimezone(UTC)
        today = self.now.date()
        self._days = [today - timedelta(days=d) for d in range(DAYS)]
        weights = (_WEEKDAYS[day.weekday()] * (0.7 + 0.6 * (1 - d / DAYS)) for d, day in enumerate(self._days))
        self._cumulative = list(accumulate(weights))

    def moments(self, rng: random.Random, region: str, calls: int) -> list[datetime]:
        """`calls` moments, oldest first, each in the country's office hours and none in the future."""
        found = []
        offset = timedelta(hours=_UTC_HOURS.get(region, 0.0))
        for day in rng.choices(self._days, cum_weights=self._cumulative, k=calls):
            hour = rng.choices(_HOURS, weights=_HOUR_WEIGHTS)[0]
            local = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=UTC)
            moment = local - offset
            if moment > self.now - timedelta(minutes=5):  # later today: earlier today instead
                moment = self.now - timedelta(minutes=rng.uniform(5, 240))
            found.append(moment)
        return sorted(found)
