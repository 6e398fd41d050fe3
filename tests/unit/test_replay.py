"""Replaying a stored call: lines at their original times, the current one word by word, at 1×, 2× or 4×."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from salesbot.models import Call, Speaker
from salesbot.services.replay import SPEEDS, ReplayPace, replay_frame, replay_length
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


# --- speed: 1×, 2×, 4× and Skip to the end (issue 22) ---------------------------------------------------------------


def test_a_replay_at_four_times_lasts_a_quarter_of_the_call() -> None:
    length = replay_length(stored_call())
    for speed in SPEEDS:
        pace = ReplayPace(since=100.0).at_speed(speed, now=100.0)
        assert pace.seconds_left(length, now=100.0) == length / speed
        assert replay_frame(stored_call(), pace.position(100.0 + length / speed)).done
        assert not replay_frame(stored_call(), pace.position(100.0 + length / speed - 0.5)).done
    assert SPEEDS == (1.0, 2.0, 4.0)


def test_changing_the_speed_goes_on_from_the_point_reached() -> None:
    pace = ReplayPace(since=10.0)  # began at 10 s on the clock, at 1×
    assert pace.position(10.0) == 0.0 and pace.position(13.0) == 3.0
    faster = pace.at_speed(4.0, now=13.0)
    assert faster.position(13.0) == 3.0  # no jump back, no jump forward
    assert faster.position(14.0) == 7.0  # then four call seconds per second
    slower = faster.at_speed(1.0, now=14.0)
    assert slower.position(14.0) == 7.0 and slower.position(15.0) == 8.0
    assert slower.position(9.0) == 7.0  # a clock reading before the change never moves it back
    assert faster.seconds_left(length=15.0, now=13.0) == 3.0  # 12 call seconds left at 4×


def test_skip_to_the_end_shows_the_whole_call_at_once() -> None:
    call = stored_call()
    length = replay_length(call)
    skipped = ReplayPace(since=0.0).at_speed(2.0, now=1.0).skipped(length, now=2.0)
    frame = replay_frame(call, skipped.position(2.0))
    assert frame.done and [u.id for u in frame.said] == ["0", "1", "2"] and frame.speaking is None
    assert skipped.seconds_left(length, now=2.0) == 0.0
    assert skipped.speed == 2.0  # the speed stays as picked
    assert ReplayPace(since=0.0).skipped(length, now=30.0).position(30.0) == 30.0  # past the end: never back


def test_a_speed_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        ReplayPace(since=0.0).at_speed(0.0, now=1.0)
