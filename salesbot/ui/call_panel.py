"""The live call panel (polling fragment): its controls on top, then the transcript; and the replay's header."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import streamlit as st

from salesbot import metrics
from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.models import Call, CallStatus
from salesbot.services.follow_call import LiveCall
from salesbot.telephony.simulated import simulated_by
from salesbot.ui import speech, widgets
from salesbot.ui.session import PresenterSession, Replay


def header(live: LiveCall, replaying: bool = False) -> None:
    """Status (or the REPLAY badge), then what failed this time."""
    call = live.call
    if replaying:
        st.markdown(f":violet-badge[:material/replay: REPLAY] of call #{call.id} · nothing is dialled")
    else:
        st.markdown(widgets.status_line(call, datetime.now(UTC)))
    problem_slot(live)


def problem_slot(live: LiveCall, problem: str | None = None) -> None:
    """What failed this time (`problem`: Stop call's, else the refresh's), in a slot that is always drawn, so a
    warning coming or going never moves the transcript below it."""
    call, slot = live.call, st.empty()
    if problem:
        slot.warning(problem)
    elif live.problem:
        slot.warning(f"{live.problem} Trying again…" if not call.status.is_final else live.problem)
    elif call.error_message and not call.status.is_final:
        slot.warning(call.error_message)


def controls(app: App, session: PresenterSession, live: LiveCall, callee: str) -> None:
    """The call's state and elapsed time beside Stop call, first in the panel (the transcript grows below them).
    A failed stop says why and leaves Stop available; `callee` is the name already made safe for Markdown."""
    call = live.call
    with st.container(horizontal=True, vertical_alignment="center", key="call_controls"):
        st.markdown(widgets.status_line(call, datetime.now(UTC)), width="content")
        pressed = st.button(
            f"Stop call with {callee}",
            key="stop_call",
            type="primary",
            disabled=call.status.is_final,
            icon=":material/call_end:",
        )
    problem = None
    if pressed:
        stopped = app.calls.stop_call(call.id)
        session.last_call = stopped.call
        if not stopped.problem:
            st.rerun()
        problem = stopped.problem  # the call goes on; Stop stays available
    problem_slot(live, problem)


def measure_delivery(session: PresenterSession, call: Call) -> None:
    """For the metrics: this tab watches a live call, and each line it draws for the first time, how long after the
    line was said (the first draw of a call only counts what is there; a finished call is not watched)."""
    if call.status.is_final:
        session.lines_seen.pop(call.id, None)
        return
    metrics.watching(str(id(session)))
    seen, now = session.lines_seen.get(call.id), datetime.now(UTC)
    for line in call.utterances[seen:] if seen is not None else []:
        metrics.TRANSCRIPT_DELAY.labels("poll").observe(max(0.0, (now - line.at).total_seconds()))
    session.lines_seen[call.id] = len(call.utterances)


def live_panel(app: App, session: PresenterSession, call_id: int, polling: bool, callee: str) -> None:
    """The call as it happens; a failure of the provider or the store keeps what is on screen and tries again."""

    @st.fragment(run_every=app.capabilities.poll_seconds if polling else None)
    def panel() -> None:
        try:
            live = app.calls.refresh_call(call_id)
        except SalesbotError as e:  # the store itself failed: keep what is on screen
            if session.last_call is None or session.last_call.id != call_id:
                st.warning(f"{e.user_message} Trying again…")
                return
            live = LiveCall(session.last_call, problem=e.user_message)
        session.last_call = call = live.call
        measure_delivery(session, call)
        controls(app, session, live, callee)
        if simulated_by(call) == "model":
            st.caption(":material/smart_toy: AI rehearsal: the language model plays both sides.")
        if call.status.is_final:
            widgets.outcome_card(call)
        widgets.transcript(call, speaking=live.speaking, height=360)
        speech.speak(f"call-{call.id}", call.utterances, speech.speech_language(call.utterances), now=datetime.now(UTC),
                     live=not call.status.is_final, stopped=call.status is CallStatus.STOPPED, stop_key="stop_call")  # fmt: skip
        r1, r2 = st.columns(2)
        r1.button("Refresh transcript", key="refresh_transcript", icon=":material/refresh:")
        if r2.button("Replay", key="replay_current", disabled=not call.status.is_final, icon=":material/replay:"):
            session.replay = Replay(call, time.monotonic())
            st.rerun()
        if session.last_call.status.is_final and polling:
            st.rerun()  # the call just ended: redraw without polling, outcome on top
        if call.status.is_final:
            widgets.recording(app.calls, call)
            widgets.analysis(app.analysis, call, key="presenter")

    panel()
