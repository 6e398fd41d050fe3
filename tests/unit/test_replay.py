"""Replaying a stored call: lines at their original times, the current one word by word."""

from __future__ import annotations

from datetime import UTC, datetime

from salesbot.models import Call, Speaker
from salesbot.services.replay import replay_frame, replay_length
from tests.builders import a_call

START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def stored_call() -> Call:
    """A Bland call: the agent, the customer and the system's end line, each at its original time."""
    lines = [
        (Speaker.AGENT, "Hello Asha, this is Maya from Acme Cloud.", 4.0),
        (Speaker.CUSTOMER, "Hi, speaking.", 6.0),
        (Speaker.SYSTEM, "Call ended.", 7.0),
    ]
    return a_call(lines, provider="bland", customer_id=1, started_at=START)


def test_replay_follows_the_original_timeline() -> None:
    call = stored_call()
    assert replay_length(call) == 7.0
    silent = replay_frame(call, 0.5)  # before the agent started speaking (8 words end at 4 s: start ~0.9 s)
    assert silent.said == [] and silent.speaking is None and not silent.done
    speaking = replay_frame(call, 2.0)
    assert speaking.said == [] and speaking.speaking is not None
    assert (
        call.utterances[0].text.startswith(speaking.speaking.text) and speaking.speaking.text != call.utterances[0].text
    )
    assert [u.id for u in replay_frame(call, 4.0).said] == ["0"]
    assert replay_frame(call, 6.5).speaking is None  # a system line is not "spoken"
    done = replay_frame(call, 7.0)
    assert [u.id for u in done.said] == ["0", "1", "2"] and done.done
