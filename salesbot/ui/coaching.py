"""The Transcripts page's coaching table: per presenter (Placed by), the figures a call reviewer coaches on."""

from __future__ import annotations

from typing import Any

import streamlit as st

from salesbot.models import PresenterFigures
from salesbot.ui.widgets import clock

NOBODY = "not signed in"  # calls placed without sign-in (or through the API)
HELP = {
    "Placed by": "Who placed the calls (the signed-in address); calls placed without sign-in are one row.",
    "Calls": "Every call of theirs matching the filters and the search, whatever its status.",
    "Connected": "Their calls the customer answered (as the Connected KPI counts them). The figures to the right are "
    "over these calls only.",
    "Meeting booked": "Share of their connected calls whose analysis says a meeting was booked.",
    "Agent talk share": "The agent's share of all the words spoken on their connected calls; the customer said the "
    "rest.",
    "Longest monologue": "On average over their connected calls, the agent's longest stretch without the customer "
    "saying a word (minutes:seconds, from when its first line began to when its last ended).",
    "Questions per call": "Sentences the agent ended with a question mark, per connected call.",
    "First objection": "On average over their connected calls with an objection, how far into the call the "
    "customer first objected (minutes:seconds).",
}
INTERRUPTIONS = (
    "Interruptions are not counted: the telephony provider does not report who talked over whom (its transcript "
    "lines carry a speaker, the words and a time)."
)


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def presenter_row(p: PresenterFigures) -> dict[str, Any]:
    """One row of the table: the sums turned into rates and averages ("–" where nothing was counted)."""
    monologue = ratio(p.monologue_seconds, p.monologue_calls)
    first = ratio(p.objection_seconds, p.objection_calls)
    questions = ratio(p.agent_questions, p.connected)
    return {
        "Placed by": p.created_by or NOBODY,
        "Calls": p.calls,
        "Connected": p.connected,
        "Meeting booked": ratio(p.meetings, p.connected),
        "Agent talk share": ratio(p.agent_words, p.agent_words + p.customer_words),
        "Longest monologue": clock(monologue) if monologue is not None else "–",
        "Questions per call": round(questions, 1) if questions is not None else None,
        "First objection": clock(first) if first is not None else "–",
    }


def show(presenters: list[PresenterFigures]) -> None:
    """The table, a row per presenter, busiest first; nothing when no call matches."""
    if not presenters:
        return
    rows = [presenter_row(p) for p in sorted(presenters, key=lambda p: (-p.calls, p.created_by))]
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        key="coaching_by_presenter",
        column_config={
            "Placed by": st.column_config.TextColumn(help=HELP["Placed by"]),
            "Calls": st.column_config.NumberColumn(help=HELP["Calls"], format="localized", width="small"),
            "Connected": st.column_config.NumberColumn(help=HELP["Connected"], format="localized", width="small"),
            "Meeting booked": st.column_config.NumberColumn(help=HELP["Meeting booked"], format="percent"),
            "Agent talk share": st.column_config.NumberColumn(help=HELP["Agent talk share"], format="percent"),
            "Longest monologue": st.column_config.TextColumn(help=HELP["Longest monologue"], width="small"),
            "Questions per call": st.column_config.NumberColumn(help=HELP["Questions per call"], width="small"),
            "First objection": st.column_config.TextColumn(help=HELP["First objection"], width="small"),
        },
    )
    st.caption(INTERRUPTIONS)
