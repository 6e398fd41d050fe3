"""The Transcripts page's KPIs: each says what it counts in its tooltip, labels are words, estimates say "about"."""

from __future__ import annotations

import streamlit as st

from salesbot.models import CallStats, Outcome
from salesbot.ui.widgets import clock

CALLS_HELP = "Every call matching the filters and the search, whatever its status."
CONNECTED_HELP = (
    "Share of these calls the customer answered: completed, or stopped after the customer spoke. Calls that went "
    "to voicemail, were not answered, or failed do not count."
)
DURATION_HELP = "Average length of the connected calls only: unanswered calls would pull it down."
TOP_OUTCOME_HELP = "The outcome the call analysis gave most often among these calls."
NOT_ANALYSED = "not analysed"
MOST_BARS = 92  # days drawn one bar each; a longer span is drawn in buckets of days


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


def per_day(stats: CallStats, most: int = MOST_BARS) -> tuple[dict[str, list[int]], int]:
    """Calls by outcome label over the filter's days, every day from the first to the last (none: 0), in buckets
    of as many days as keep a series within `most` bars; returns the series and the days a bar holds."""
    if not stats.per_day:
        return {}, 1
    first = min(day for day, _, _ in stats.per_day)
    span = (max(day for day, _, _ in stats.per_day) - first).days + 1
    step = -(-span // most)
    series: dict[str, list[int]] = {}
    for day, outcome, n in stats.per_day:
        series.setdefault(outcome_label(outcome), [0] * -(-span // step))[(day - first).days // step] += n
    return series, step


def show(stats: CallStats) -> None:
    """Four KPIs, then the outcome totals, each with its calls per day drawn in its row."""
    estimated = stats.approximate  # the store estimated past a size where exact counts cost too much
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Calls", calls_count(stats.calls, estimated), help=CALLS_HELP)
    m2.metric("Connected", f"{stats.connected / stats.calls:.0%}" if stats.calls else "–", help=CONNECTED_HELP)
    m3.metric("Average duration", clock(stats.average_seconds), help=DURATION_HELP)
    top = max(stats.outcomes.items(), key=lambda kv: kv[1], default=("", 0))
    m4.metric("Top outcome", outcome_label(top[0]) if top[1] else "–", help=TOP_OUTCOME_HELP)
    if not stats.per_day:
        return
    totals: dict[str, int] = {}
    for outcome, n in stats.outcomes.items():
        totals[outcome_label(outcome)] = totals.get(outcome_label(outcome), 0) + n
    series, step = per_day(stats)
    days = min(day for day, _, _ in stats.per_day), max(day for day, _, _ in stats.per_day)
    # Bars in the table's own rows, not a separate chart: a chart element costs a first visit its ~25 script files
    # (Vega) from the server and ~0.2 s before the page is ready; the table's script is loaded for the calls anyway.
    st.dataframe(
        [{"Outcome": label, "Calls": n, "Per day": series.get(label, [])} for label, n in ranked(totals) if n],
        hide_index=True,
        width="stretch",
        key="outcome_totals",
        column_config={
            "Outcome": st.column_config.TextColumn(width="small"),
            "Calls": st.column_config.NumberColumn(width="small", format="localized"),
            "Per day": st.column_config.BarChartColumn(
                "Calls per day" if step == 1 else f"Calls per {step} days",
                help=f"{days[0]:%Y-%m-%d} to {days[1]:%Y-%m-%d} (UTC), left to right; the same scale on every row",
                width="large",
                y_min=0,
                y_max=max((n for s in series.values() for n in s), default=1),
            ),
        },
    )


def ranked(totals: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(totals.items(), key=lambda kv: -kv[1])
