"""The customer's earlier calls in the call column, each with its outcome, length and date: replay one, or show it."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from salesbot.bootstrap import App
from salesbot.clock import utc_now
from salesbot.errors import SalesbotError
from salesbot.models import Call, Customer, call_shown_status
from salesbot.playbook.personas import PERSONA_LABELS
from salesbot.telephony.simulated import chosen_persona, simulated_by
from salesbot.ui import widgets
from salesbot.ui.replay_panel import replay
from salesbot.ui.session import PresenterSession


def call_outcome(call: Call) -> str:
    """What came of the call in a word or three: the analysis's outcome where there is one, else what the status
    shows ("no answer", "busy", "voicemail", "stopped", "failed"); "in progress" while the call runs."""
    if not call.status.is_final:
        return "in progress"
    return call.analysis.outcome.label if call.analysis else call_shown_status(call)


def call_seconds(call: Call, now: datetime) -> float | None:
    """How long the call lasted (so far, while it runs); None when it never started."""
    if call.duration_seconds is not None and call.status.is_final:
        return call.duration_seconds
    end = call.ended_at or (None if call.status.is_final else now)
    return (end - call.started_at).total_seconds() if call.started_at and end else None


def who_answered(call: Call) -> str:
    """Who played a simulated call's customer, when the presenter chose it (or the model played it)."""
    if simulated_by(call) == "model":
        return "AI rehearsal"
    persona = chosen_persona(call)
    return PERSONA_LABELS.get(persona, "") if persona else ""


def call_label(call: Call, now: datetime) -> str:
    """One call in the picker: "#12 · Meeting booked · 2:36 · 1 Dec 2026, 14:03 · Hostile: do not call"."""
    length = widgets.clock(call_seconds(call, now)) + ("" if call.status.is_final else " so far")
    when = call.created_at
    parts = [
        f"#{call.id}",
        call_outcome(call).capitalize(),
        length,
        f"{when.day} {when:%b %Y, %H:%M}",
        who_answered(call),
    ]
    return " · ".join(p for p in parts if p)


def earlier_calls(app: App, session: PresenterSession, customer: Customer) -> None:
    """The customer's calls, newest first: a finished one to replay or show, a running one to show (and follow)."""
    try:
        calls = app.presenter.earlier_calls(customer.id)
    except SalesbotError:
        return
    if not calls:
        return
    with st.expander(f"Earlier calls with {widgets.md(customer.name)} ({len(calls)})", icon=":material/history:"):
        by_id, now = {c.id: c for c in calls}, utc_now()
        chosen = st.selectbox("Call", list(by_id), key="earlier_call", format_func=lambda i: call_label(by_id[i], now))
        running = chosen is not None and not by_id[chosen].status.is_final
        if running:
            st.caption("This call is still running: Show follows it live; it can be replayed once it has ended.")
        e1, e2 = st.columns(2)
        if e1.button("Replay", key="replay_earlier", icon=":material/replay:",
                     disabled=session.replay is not None or running):  # fmt: skip
            replay(app, session, chosen)
        if e2.button("Show", key="show_earlier", icon=":material/visibility:"):
            session.call_id, session.last_call, session.replay = chosen, None, None
            st.rerun()
