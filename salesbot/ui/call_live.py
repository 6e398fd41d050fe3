"""A call still running, opened on the Transcripts page: followed as it happens until it ends (nothing placed or
stopped here), then the page is drawn again with the finished call and its analysis."""

from __future__ import annotations

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.models import Call
from salesbot.services.follow_call import LiveCall
from salesbot.ui import widgets

LAST = "transcripts_live_call"  # the call as last followed, kept on screen when a refresh fails


def follow(app: App, call: Call) -> LiveCall:
    """One tick: the call brought up to date through the service layer; when the store fails, the call as last seen
    with the reason (the next tick tries again)."""
    try:
        live = app.calls.refresh_call(call.id)
    except SalesbotError as e:
        known = st.session_state.get(LAST)
        return LiveCall(known if isinstance(known, Call) and known.id == call.id else call, problem=e.user_message)
    st.session_state[LAST] = live.call
    return live


def live_call(app: App, call: Call) -> None:
    """The running call's status line (elapsed time, lines) and transcript, redrawn every poll; when the call ends,
    a full run shows it finished, with its outcome and analysis, and the table's row with it."""

    @st.fragment(run_every=app.capabilities.poll_seconds)
    def panel() -> None:
        live = follow(app, call)
        if live.call.status.is_final:
            st.rerun()  # the whole page: the row in the table and the call with its analysis
        st.markdown(widgets.status_line(live.call, app.calls.follower.clock()))  # the calls' own clock
        st.caption(":material/sensors: Live: this call is still going; it is followed here until it ends.")
        if live.problem:
            st.warning(f"{live.problem} Trying again…")
        widgets.recording(app.calls, live.call)
        widgets.transcript(live.call, speaking=live.speaking, height=420)

    panel()
