"""The Transcripts page's KPIs: each says exactly what it counts in its tooltip, labels are words, ties are said as
ties, estimates say "about"; then calls per day on a date axis and the breakdowns (ui/coaching.py per presenter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import streamlit as st

from salesbot.models import CallStats, Coverage, ObjectionKind, Outcome, Sentiment
from salesbot.ui import coaching
from salesbot.ui.widgets import clock

NOT_OVER = "Calls not over yet (dialling, in progress, wrapping up, or unknown) are left out of both counts."
CALLS_HELP = "Every call matching the filters and the search, whatever its status."
CONNECTED_HELP = (
    "Share of the finished calls the customer answered: completed, or stopped after the customer spoke. Voicemail, "
    f"no answer, calls that ended before the customer engaged, and failed calls count as not connected. {NOT_OVER}"
)
MEETING_HELP = "Share of the connected calls whose analysis says a meeting was booked (not analysed yet: not booked)."
NEXT_STEP_HELP = "Share of the connected calls where both sides agreed a next step (not analysed yet: none agreed)."
DURATION_HELP = "Average length of the connected calls only: unanswered calls would pull it down."
TALK_HELP = "The agent's share of all the words spoken on the connected calls (added up over the calls)."
TOP_OUTCOME_HELP = "The outcome the call analysis gave most often among these calls (calls not analysed left out)."
OBJECTION_HELP = "The objection raised on the most calls (a call counts once per kind)."
SENTIMENT_HELP = "Share of the analysed calls where the customer came across positive."
NOT_ANALYSED = "not analysed"


def outcome_label(value: str | None) -> str:
    """An outcome in words ("follow up"); a call without an analysis is "not analysed"."""
    if not value:
        return NOT_ANALYSED
    try:
        return Outcome(value).label
    except ValueError:  # a value this version does not know: still words, not a code
        return value.replace("_", " ")


def words(value: str) -> str:
    return value.replace("_", " ")


def calls_count(n: int, estimated: bool) -> str:
    return f"about {n:,}" if estimated else f"{n:,}"


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def top(counts: dict[str, int], label: Callable[[str], str]) -> str:
    """The most frequent with its count, a tie said as one: "follow up and meeting booked, 127 each"."""
    best = max(counts.values(), default=0)
    if best <= 0:
        return "–"
    names = sorted(label(k) for k, n in counts.items() if n == best)
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{joined}, {best:,} each" if len(names) > 1 else f"{joined}, {best:,}"


def counted(counts: dict[str, int], label: Callable[[str], str]) -> str:
    """Every count, most first, as a tooltip lists them: "price 12, timing 12, competitor 3"."""
    return ", ".join(f"{label(k)} {n:,}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n)


def show(stats: CallStats) -> None:
    """Two rows of KPIs, the calls per day by outcome, then the breakdowns and the coaching table."""
    analysed = {k: n for k, n in stats.outcomes.items() if k}
    a, b, c, d, e = st.columns(5)
    a.metric("Calls", calls_count(stats.calls, stats.approximate), help=CALLS_HELP)
    b.metric(
        "Connected",
        share(stats.connected, stats.finished),
        help=f"{CONNECTED_HELP} {of(stats.connected, stats.finished, 'finished calls')}",
    )
    c.metric(
        "Meeting booked",
        share(stats.meetings, stats.connected),
        help=f"{MEETING_HELP} {of(stats.meetings, stats.connected, 'connected calls')}",
    )
    d.metric(
        "Next step agreed",
        share(stats.next_steps, stats.connected),
        help=f"{NEXT_STEP_HELP} {of(stats.next_steps, stats.connected, 'connected calls')}",
    )
    e.metric("Average duration", clock(stats.average_seconds), help=DURATION_HELP)
    f, g, h, i = st.columns(4)
    words_spoken = sum(p.agent_words + p.customer_words for p in stats.presenters)
    agent = sum(p.agent_words for p in stats.presenters)
    f.metric("Agent talk share", share(agent, words_spoken), help=f"{TALK_HELP} {of(agent, words_spoken, 'words')}")
    g.metric("Top outcome", top(analysed, outcome_label), help=f"{TOP_OUTCOME_HELP} {counted(analysed, outcome_label)}")
    h.metric("Top objection", top(stats.objections, words), help=f"{OBJECTION_HELP} {counted(stats.objections, words)}")
    felt = {k: n for k, n in stats.sentiments.items() if k != Sentiment.NOT_GIVEN.value}
    i.metric(
        "Positive sentiment",
        share(felt.get(Sentiment.POSITIVE.value, 0), sum(felt.values())),
        help=f"{SENTIMENT_HELP} Split: {counted(stats.sentiments, words) or 'none'}.",
    )
    if not stats.per_day:
        return
    per_day_chart(stats)
    with st.expander("Outcomes, sentiment, objections, topics and coaching by presenter"):
        breakdowns(stats)
        coaching.show(stats.presenters)


def of(part: int, whole: int, what: str) -> str:
    return f"Here: {part:,} of {whole:,} {what}."


def per_day_rows(stats: CallStats) -> dict[str, list[object]]:
    """Calls per UTC day and outcome, as columns a bar chart reads: the day as a date (a time axis), the outcome
    in words, the calls."""
    rows: dict[str, list[object]] = {"Day": [], "Outcome": [], "Calls": []}
    for day, outcome, n in stats.per_day:
        rows["Day"].append(datetime(day.year, day.month, day.day))
        rows["Outcome"].append(outcome_label(outcome))
        rows["Calls"].append(n)
    return rows


def per_day_chart(stats: CallStats) -> None:
    st.bar_chart(
        per_day_rows(stats),
        x="Day",
        y="Calls",
        color="Outcome",
        x_label="Day (UTC)",
        y_label="Calls",
        height=220,
    )


def breakdowns(stats: CallStats) -> None:
    """Outcomes, sentiment and objections side by side, then topic coverage; every column says what it counts."""
    left, middle, right = st.columns(3)
    totals: dict[str, int] = {}
    for outcome, n in stats.outcomes.items():
        totals[outcome_label(outcome)] = totals.get(outcome_label(outcome), 0) + n
    with left:
        table(
            "outcome_totals", "Outcome", totals, stats.calls, "Calls with this outcome (not analysed: no analysis yet)."
        )
    with middle:
        table(
            "sentiment_split",
            "Sentiment",
            {words(k): n for k, n in stats.sentiments.items()},
            sum(stats.sentiments.values()),
            "Analysed calls where the customer came across so (not given: no person engaged).",
        )
    with right:
        table(
            "objection_counts",
            "Objection",
            {ObjectionKind(k).label: n for k, n in stats.objections.items()},
            stats.calls,
            "Calls where the customer raised it (a call with two kinds counts in both rows).",
        )
    if stats.topics:
        topic_table(stats)


def table(key: str, name: str, counts: dict[str, int], whole: int, what: str) -> None:
    rows = [{name: k, "Calls": n, "Share": n / whole if whole else None} for k, n in counts.items() if n]
    st.dataframe(
        sorted(rows, key=lambda r: (-int(str(r["Calls"])), str(r[name]))),
        hide_index=True,
        key=key,
        column_config={
            "Calls": st.column_config.NumberColumn(help=what, format="localized", width="small"),
            "Share": st.column_config.NumberColumn(help=f"Of the {whole:,} calls counted here.", format="percent"),
        },
    )


def topic_table(stats: CallStats) -> None:
    """Each topic: on how many connected calls it was covered, raised but not discussed, or not reached."""
    statuses: list[Coverage] = list(Coverage.__members__.values())  # typed for older mypy too
    rows = []
    for topic, found in sorted(stats.topics.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:20]:
        counts = {s.label.capitalize(): found.get(s.value, 0) for s in statuses}
        rows.append({"Topic": topic, **counts, "Coverage": found.get("covered", 0) / (sum(found.values()) or 1)})
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        key="topic_coverage",
        column_config={
            "Covered": st.column_config.NumberColumn(
                help="Connected calls where the agent raised it and the customer responded, or the customer raised it."
            ),
            "Raised, not discussed": st.column_config.NumberColumn(
                help="Connected calls where the agent raised it and the customer deflected or hung up."
            ),
            "Not covered": st.column_config.NumberColumn(help="Connected calls where it was never reached."),
            "Coverage": st.column_config.NumberColumn(
                help="Covered ÷ the connected calls with this topic.", format="percent"
            ),
        },
    )
