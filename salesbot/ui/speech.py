"""Speak aloud: a simulated call's finished lines read out in the browser (Web Speech API); nothing on the server."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import streamlit as st

from salesbot.models import Speaker, Utterance

SWITCH_KEY = "speak_aloud"
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
RECENT_SECONDS = 5.0  # a line finished this long ago is still on screen as "just said"

_ELEMENT_KEY = "salesbot_speaker"
# A components v2 element runs this module in the page itself: no iframe to rebuild on each 0.4 s rerun, and the
# lines reach it as JSON data (never as HTML or script text). Its CSS (not isolated, so it reaches the page) hides
# its own empty element, which would otherwise add a gap under the transcript.
_speaker = st.components.v2.component(
    "salesbot_speech",
    js=(Path(__file__).with_name("speech.js")).read_text(encoding="utf-8"),
    css=f".st-key-{_ELEMENT_KEY} {{ display: none; }}",
    isolate_styles=False,
)


def switch() -> None:
    """The presenter's Speak aloud switch (off by default; kept for the session)."""
    st.toggle(
        "Speak aloud",
        key=SWITCH_KEY,
        value=False,
        persist_state="session",
        help="Reads each line aloud in this browser as it is finished, one voice for the agent and another for "
        "the customer, so the room hears the call.",
    )


def speech_language(lines: Sequence[Utterance]) -> str:
    """The language to speak a call in: Hindi when its lines use Devanagari, otherwise English (any region)."""
    return "hi-IN" if any(_DEVANAGARI.search(u.text) for u in lines) else "en"


def speech_data(
    call_key: str,
    lines: Sequence[Utterance],
    language: str,
    *,
    now: datetime,
    live: bool,
    stopped: bool,
    on: bool,
    stop_key: str | None = None,
) -> dict[str, object]:
    """What the browser's speaker is given: JSON data only (the text never becomes HTML or script)."""
    if not on:
        return {"on": False, "switch": SWITCH_KEY}
    said = [u for u in lines if u.speaker is not Speaker.SYSTEM]
    return {
        "on": True,
        "switch": SWITCH_KEY,
        "stop": stop_key,
        "call": call_key,
        "lang": language,
        "live": live,
        "hush": stopped,
        "lines": [
            {
                "id": u.id,
                "speaker": u.speaker.value,
                "text": u.text,
                # finished moments ago: still worth saying when speech (re)starts on this call
                "recent": (now - u.at).total_seconds() <= RECENT_SECONDS,
            }
            for u in said
        ],
    }


def speak(
    call_key: str,
    lines: Sequence[Utterance],
    language: str,
    *,
    now: datetime,
    live: bool = True,
    stopped: bool = False,
    stop_key: str | None = None,
) -> None:
    """Hand the call's finished lines to the browser's speaker, which says each one once, in order.

    `call_key` names what is on screen (a call, or one replay of it): a line is said at most once per key. `now` is
    the call's clock (a replay's own); `live` is False once the call is over, which is then not read out when first
    shown. `stopped` silences it, as does a click on the button keyed `stop_key` (in the browser, at once). With the
    switch off the element still draws, without lines; turning it off silences the browser at once.
    """
    on = bool(st.session_state.get(SWITCH_KEY, False))
    data = speech_data(call_key, lines, language, now=now, live=live, stopped=stopped, on=on, stop_key=stop_key)
    _speaker(key=_ELEMENT_KEY, data=data)
