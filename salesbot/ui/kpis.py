"""The Transcripts page's KPIs: each says what it counts in its tooltip, labels are words, estimates say "about"."""

from __future__ import annotations

import streamlit as st

from salesbot.models import Outcome
from salesbot.storage import CallStats
from salesbot.ui.widgets import clock

CALLS_HELP = "Every call matching the filters and the search, whatever its status."
CONNECTED_HELP = (
    "Share of these calls the customer answered: completed, or stopped after the customer spoke. Calls that went "
    "to voicemail, were not answered, or failed do not count."
)
DURATION_HELP = "Average length of the connected calls only: unanswered calls would pull it down."
TOP_OUTCOME_HELP = "The outcome the call analysis gave most often among these calls."
NOT_ANALYSED = "not analysed"


def outcome_label(value: str | None) -> str:
    """An outcome in words ("follow up"); a call without an analysis is "not analysed"."""
    if not value:
        return NOT_ANALYSED
    try:
        return Outcome(value).label
    except ValueError:  # a value this version does not know: still words, not a code
        return value.replace("_", " ")


def calls_count(n: int, estimated: bool) -> str:
    return f"about {n:,}" if estimated else f"{n:,}"


def show(stats: CallStats) -> None:
    """Four KPIs, then calls per day by outcome and the outcome totals."""
    estimated = stats.approximate  # the store estimated past a size where exact counts cost too much
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Calls", calls_count(stats.calls, estimated), help=CALLS_HELP)
    m2.metric("Connected", f"{stats.connected / stats.calls:.0%}" if stats.calls else "–", help=CONNECTED_HELP)
    m3.metric("Average duration", clock(stats.average_seconds), help=DURATION_HELP)
    top = max(stats.outcomes.items(), key=lambda kv: kv[1], default=("", 0))
    m4.metric("Top outcome", outcome_label(top[0]) if top[1] else "–", help=TOP_OUTCOME_HELP)
    if not stats.per_day:
        return
    chart = [{"Day": day, "Outcome": outcome_label(outcome), "Calls": n} for day, outcome, n in stats.per_day]
    totals: dict[str, int] = {}
    for outcome, n in stats.outcomes.items():
        totals[outcome_label(outcome)] = totals.get(outcome_label(outcome), 0) + n
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    left, right = st.columns([3, 1])
    left.bar_chart(chart, x="Day", y="Calls", color="Outcome", height=220)
    right.dataframe(
        [{"Outcome": label, "Calls": n} for label, n in ranked if n],
        hide_index=True,
        width="stretch",
        key="outcome_totals",
    )
