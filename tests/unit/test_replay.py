"""Replaying a stored call: lines at their original times, the current one word by word."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from salesbot.models import Call, CallStatus, Speaker, Utterance
from salesbot.services.replay import replay_frame, replay_length

START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def stored_call() -> Call:
    lines = [
        (Speaker.AGENT, "Hello Asha, this is Maya from Acme Cloud.", 4.0),
        (Speaker.CUSTOMER, "Hi, speaking.", 6.0),
        (Speaker.SYSTEM, "Call ended.", 7.0),
    ]
    said = [
        Utterance(id=str(i), speaker=s, text=t, at=START + timedelta(seconds=at)) for i, (s, t, at) in enumerate(lines)
    ]
    return Call(id=1, customer_id=1, script_id=1, phone_e164="+919876543210", provider="bland", attempt_key="k",
                status=CallStatus.COMPLETED, utterances=said, started_at=START, created_at=START)  # fmt: skip


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
