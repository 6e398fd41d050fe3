"""The Transcripts page's calls per day: every day of the span drawn, long spans in buckets of days."""

from __future__ import annotations

from datetime import date, timedelta

from salesbot.models import CallStats
from salesbot.ui import kpis


def test_a_long_span_is_drawn_in_buckets_of_days() -> None:
    first = date(2025, 1, 1)
    stats = CallStats(calls=7, per_day=[(first, "interested", 2), (first + timedelta(days=364), "interested", 1),
                                        (first + timedelta(days=10), "", 4)])  # fmt: skip
    series, step = kpis.per_day(stats)
    assert step == 4 and len(series["interested"]) == 92 == len(series["not analysed"])  # 365 days in 92 bars
    assert series["interested"][0] == 2 and series["interested"][-1] == 1 and series["not analysed"][2] == 4
    assert sum(series["interested"]) == 3 and sum(series["not analysed"]) == 4


def test_a_short_span_is_a_bar_a_day_with_the_quiet_days_at_zero() -> None:
    first = date(2025, 1, 1)
    stats = CallStats(calls=3, per_day=[(first, "follow_up", 2), (first + timedelta(days=3), "follow_up", 1)])
    assert kpis.per_day(stats) == ({"follow up": [2, 0, 0, 1]}, 1)
    assert kpis.per_day(CallStats(calls=0)) == ({}, 1)
