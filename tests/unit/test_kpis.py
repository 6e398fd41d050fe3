"""The Transcripts page's KPIs in words: ties said as ties, rates with what they are of, calls per day as dates, and
the coaching table's rates and averages."""

from __future__ import annotations

from datetime import date, datetime

from salesbot.models import CallStats, PresenterFigures
from salesbot.ui import coaching, kpis


def test_the_top_of_a_count_says_a_tie_as_a_tie() -> None:
    label = kpis.outcome_label
    assert kpis.top({"follow_up": 127, "meeting_booked": 127, "interested": 3}, label) == (
        "follow up and meeting booked, 127 each"
    )
    assert kpis.top({"a": 2, "b": 2, "c": 2}, str) == "a, b and c, 2 each"
    assert kpis.top({"not_interested": 20, "interested": 10}, label) == "not interested, 20"
    assert kpis.top({}, label) == kpis.top({"price": 0}, str) == "–"
    assert kpis.counted({"price": 3, "timing": 5, "authority": 3}, str) == "timing 5, authority 3, price 3"


def test_a_rate_of_nothing_is_a_dash() -> None:
    assert kpis.share(1, 3) == "33%" and kpis.share(0, 0) == "–"


def test_calls_per_day_are_dates_an_axis_can_space() -> None:
    stats = CallStats(calls=3, per_day=[(date(2025, 1, 1), "follow_up", 2), (date(2025, 3, 1), "", 1)])
    assert kpis.per_day_rows(stats) == {
        "Day": [datetime(2025, 1, 1), datetime(2025, 3, 1)],
        "Outcome": ["follow up", "not analysed"],
        "Calls": [2, 1],
    }


def test_a_presenters_row_turns_sums_into_rates_and_averages() -> None:
    ana = PresenterFigures("ana@team.example", calls=5, connected=4, meetings=1, agent_words=600, customer_words=400,
                           agent_questions=10, monologue_seconds=150.0, monologue_calls=4, objection_seconds=90.0,
                           objection_calls=2)  # fmt: skip
    assert coaching.presenter_row(ana) == {
        "Placed by": "ana@team.example", "Calls": 5, "Connected": 4, "Meeting booked": 0.25,
        "Agent talk share": 0.6, "Longest monologue": "0:37", "Questions per call": 2.5, "First objection": "0:45",
    }  # fmt: skip
    nobody = coaching.presenter_row(PresenterFigures("", calls=2))
    assert nobody["Placed by"] == coaching.NOBODY and nobody["Meeting booked"] is None
    assert nobody["Longest monologue"] == nobody["First objection"] == "–" and nobody["Questions per call"] is None
