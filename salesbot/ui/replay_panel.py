"""The replay panel: a stored call played back in the call column, from memory, nothing dialled."""

from __future__ import annotations

import time

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.models import Call
from salesbot.services.follow_call import LiveCall
from salesbot.services.replay import replay_clock, replay_frame, replay_length
from salesbot.ui import speech, widgets
from salesbot.ui.call_panel import header
from salesbot.ui.session import PresenterSession, Replay


def replay_panel(app: App, session: PresenterSession, replay: Replay) -> None:
    """A stored call played back at its own pace from memory: no provider, no store, nothing dialled."""
    length = replay_length(replay.call)
    language = speech.speech_language(replay.call.utterances)  # the whole call's, from its first line on

    @st.fragment(run_every=None if replay.finished else app.capabilities.poll_seconds)
    def panel() -> None:
        elapsed = time.monotonic() - replay.began
        frame = replay_frame(replay.call, elapsed)
        header(LiveCall(replay.call), replaying=True)
        if replay.finished:
            widgets.outcome_card(replay.call)
        st.caption(f"{widgets.clock(min(elapsed, length))} of {widgets.clock(length)}")
        widgets.transcript(replay.call, said=frame.said, speaking=frame.speaking, height=360)
        speech.speak(f"replay-{replay.call.id}-{replay.began}", frame.said, language,
                     now=replay_clock(replay.call, elapsed), live=not frame.done, stop_key="end_replay")  # fmt: skip
        if st.button("End replay", key="end_replay", icon=":material/stop:"):
            session.replay = None
            st.rerun()
        if frame.done and not replay.finished:
            replay.finished = True
            st.rerun()  # stop ticking; the outcome shows on top

    panel()


def replay(app: App, session: PresenterSession, call_id: int) -> None:
    """Play a stored call back in the panel."""
    try:
        call: Call = app.calls.get_call(call_id)
    except SalesbotError as e:
        st.error(e.user_message)
        return
    session.replay = Replay(call, time.monotonic())
    st.rerun()
