"""The replay panel: a stored call played back in the call column at 1×, 2× or 4×, from memory, nothing dialled."""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from salesbot.bootstrap import App
from salesbot.errors import SalesbotError
from salesbot.models import Call
from salesbot.services.follow_call import LiveCall
from salesbot.services.replay import SPEEDS, replay_clock, replay_frame, replay_length
from salesbot.ui import speech, widgets
from salesbot.ui.call_panel import header
from salesbot.ui.session import PresenterSession, Replay

SPEED_KEY = "replay_speed"
clock: Callable[[], float] = time.monotonic  # the replay's clock (Replay.began and its pace are its readings)


def replay_panel(app: App, session: PresenterSession, replay: Replay) -> None:
    """A stored call played back from memory (no provider, no store, nothing dialled) at the speed the presenter
    picks, or skipped to the end; the outcome shows on top once it is over."""
    length = replay_length(replay.call)
    language = speech.speech_language(replay.call.utterances)  # the whole call's, from its first line on

    @st.fragment(run_every=None if replay.finished else app.capabilities.poll_seconds)
    def panel() -> None:
        position = replay.pace.position(clock())
        frame = replay_frame(replay.call, position)
        header(LiveCall(replay.call), replaying=True)
        if replay.finished:
            widgets.outcome_card(replay.call)
        st.caption(f"{widgets.clock(min(position, length))} of {widgets.clock(length)} · {replay.pace.speed:g}×")
        widgets.transcript(replay.call, said=frame.said, speaking=frame.speaking, height=360)
        # read aloud at the call's own pace only: faster, the voices would fall ever further behind the screen
        hush = replay.pace.speed != 1.0 or replay.pace.at >= length
        speech.speak(f"replay-{replay.call.id}-{replay.began}", frame.said, language,
                     now=replay_clock(replay.call, position), live=not frame.done, stopped=hush,
                     stop_key="end_replay")  # fmt: skip
        controls(session, replay, length)
        if frame.done and not replay.finished:
            replay.finished = True
            st.rerun()  # stop ticking; the outcome shows on top

    panel()


def controls(session: PresenterSession, replay: Replay, length: float) -> None:
    """Speed (1×, 2×, 4×) and Skip to the end while the replay runs; End replay always."""
    row = st.container(horizontal=True, vertical_alignment="bottom", gap="small")  # wraps on a narrow column
    if not replay.finished:
        st.session_state[SPEED_KEY] = replay.pace.speed  # a new replay starts at 1×; a deselected speed stays
        row.segmented_control("Speed", SPEEDS, key=SPEED_KEY, format_func=lambda s: f"{s:g}×",
                              on_change=change_speed, args=(replay,))  # fmt: skip
        row.button("Skip to the end", key="skip_replay", icon=":material/skip_next:", on_click=skip_to_end,
                   args=(replay, length))  # fmt: skip
    if row.button("End replay", key="end_replay", icon=":material/stop:"):
        session.replay = None
        st.rerun()


def change_speed(replay: Replay) -> None:
    """Go on from the point reached at the speed just picked (no jump back)."""
    chosen = st.session_state.get(SPEED_KEY)
    if chosen:
        replay.pace = replay.pace.at_speed(float(chosen), clock())


def skip_to_end(replay: Replay, length: float) -> None:
    """Show the whole call, and then its outcome, at once."""
    replay.pace = replay.pace.skipped(length, clock())


def replay(app: App, session: PresenterSession, call_id: int) -> None:
    """Play a stored call back in the panel."""
    try:
        call: Call = app.calls.get_call(call_id)
    except SalesbotError as e:
        st.error(e.user_message)
        return
    session.replay = begin(call)
    st.rerun()


def begin(call: Call) -> Replay:
    """A replay of the call from its start, at 1×, on the replay's clock."""
    return Replay(call, clock())
