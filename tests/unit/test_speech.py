"""Speak aloud's data for the browser: the language of a call, which lines, and text carried as data only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from salesbot.models import Speaker, Utterance
from salesbot.ui.speech import RECENT_SECONDS, speech_data, speech_language

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
HOSTILE = 'It\'s "fine" </script><script>alert(1)</script> & <b>bold</b>'


def line(i: int, speaker: Speaker, text: str, ago: float) -> Utterance:
    return Utterance(id=str(i), speaker=speaker, text=text, at=NOW - timedelta(seconds=ago))


CALL = [
    line(0, Speaker.AGENT, "Hello Asha, this is Sam from Acme.", 20),
    line(1, Speaker.CUSTOMER, HOSTILE, RECENT_SECONDS + 0.5),
    line(2, Speaker.AGENT, "Shall we book Thursday?", RECENT_SECONDS - 0.5),
    Utterance(id="end", speaker=Speaker.SYSTEM, text="Call ended.", at=NOW),
]


def test_a_call_is_spoken_in_hindi_when_its_lines_use_devanagari() -> None:
    assert speech_language(CALL) == "en"
    assert speech_language([*CALL, line(9, Speaker.AGENT, "नमस्ते Asha जी, मैं Acme से Sam बोल रही हूँ।", 0)]) == "hi-IN"
    assert speech_language([]) == "en"


def test_agent_and_customer_lines_go_as_data_and_system_lines_do_not() -> None:
    data = speech_data("call-7", CALL, "en", now=NOW, live=True, stopped=False, on=True, stop_key="stop_call")
    assert data == {
        "on": True,
        "switch": "speak_aloud",
        "stop": "stop_call",
        "call": "call-7",
        "lang": "en",
        "live": True,
        "hush": False,
        "lines": [
            {"id": "0", "speaker": "agent", "text": "Hello Asha, this is Sam from Acme.", "recent": False},
            {"id": "1", "speaker": "customer", "text": HOSTILE, "recent": False},
            {"id": "2", "speaker": "agent", "text": "Shall we book Thursday?", "recent": True},
        ],
    }
    # Streamlit sends the data as JSON and the browser parses it back: the text arrives exactly as said
    assert json.loads(json.dumps(data))["lines"][1]["text"] == HOSTILE


def test_switched_off_the_browser_gets_no_lines() -> None:
    assert speech_data("call-7", CALL, "en", now=NOW, live=True, stopped=False, on=False) == {
        "on": False,
        "switch": "speak_aloud",
    }
