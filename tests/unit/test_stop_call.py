"""Stop call on a simulated call, over an in-memory store and a hand clock: the line being said is kept whole, the
presenter's line ends the call once, and a stop that fails changes nothing."""

from __future__ import annotations

import pytest

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.bootstrap import App, build_app
from salesbot.errors import TelephonyError
from salesbot.models import ENDED_BY_PRESENTER, Call, CallStatus, Speaker
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.settings import Settings
from salesbot.telephony.conversation import PlannedLine, plan_call
from salesbot.telephony.simulated import SimulatedTelephony
from tests.conftest import FakeClock, script_for, start
from tests.fakes.memory_store import MemoryStore


@pytest.fixture
def app(clock: FakeClock) -> App:
    return build_app(
        Settings(),
        store=MemoryStore(),
        writer=OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0),
        telephony=SimulatedTelephony(speed=1.0, clock=clock, persona="ready"),
        analyst=OfflineCallAnalyst(),
        clock=clock,
    )


def plan_of(app: App, call: Call) -> list[PlannedLine]:
    """The lines the simulator plans for the call (the same inputs always give the same call)."""
    telephony = app.calls.telephony
    assert isinstance(telephony, SimulatedTelephony)
    script = app.store.get_script(call.script_id or 0)
    customer = app.store.get_customer(call.customer_id)
    return plan_call(customer, script.script, call.attempt_key, persona="ready", facts=telephony.facts).lines


def mid_line(app: App, clock: FakeClock, call: Call, after: float = 20.0) -> PlannedLine:
    """Move the clock to the middle of the first line of several words said after `after` seconds; that line."""
    line = next(ln for ln in plan_of(app, call) if ln.starts_at > after and len(ln.text.split()) > 4)
    assert call.started_at is not None
    clock.now = call.started_at
    clock.advance((line.starts_at + line.ends_at) / 2)
    speaking = app.calls.refresh_call(call.id).speaking
    assert speaking is not None and speaking.text != line.text and line.text.startswith(speaking.text)
    return line


def presenter_lines(call: Call) -> list[str]:
    return [u.text for u in call.utterances if u.text == ENDED_BY_PRESENTER]


def test_the_line_being_said_is_finished_whole_then_the_presenters_line(app: App, clock: FakeClock) -> None:
    call = start(app, script_for(app), "attempt-1")
    line = mid_line(app, clock, call)
    before = app.calls.get_call(call.id).utterances
    stopped = app.calls.stop_call(call.id).call
    assert stopped.status is CallStatus.STOPPED and stopped.analysis is not None
    assert stopped.utterances[: len(before)] == before  # nothing said is lost
    finished, ended = stopped.utterances[len(before) :]
    assert finished.text == line.text and finished.speaker is line.speaker  # whole, not the words so far
    assert call.started_at is not None and finished.started is not None
    assert (finished.started - call.started_at).total_seconds() == pytest.approx(line.starts_at)
    assert (finished.at - call.started_at).total_seconds() == pytest.approx(line.ends_at)
    assert ended.speaker is Speaker.SYSTEM and ended.text == ENDED_BY_PRESENTER and ended.at == finished.at
    assert stopped.ended_at == finished.at  # the call ends when the line does
    assert stopped.duration_seconds == pytest.approx(line.ends_at, abs=0.1)


def test_a_stop_between_lines_keeps_what_was_said(app: App, clock: FakeClock) -> None:
    call = start(app, script_for(app), "attempt-1")
    plan = plan_of(app, call)
    gap = next(i for i in range(1, len(plan)) if plan[i].starts_at - plan[i - 1].ends_at > 0.1)
    clock.advance((plan[gap - 1].ends_at + plan[gap].starts_at) / 2)
    stopped = app.calls.stop_call(call.id).call
    assert [u.text for u in stopped.utterances] == [ln.text for ln in plan[:gap]] + [ENDED_BY_PRESENTER]


def test_a_second_stop_adds_no_second_line(app: App, clock: FakeClock) -> None:
    call = start(app, script_for(app), "attempt-1")
    mid_line(app, clock, call)
    first = app.calls.stop_call(call.id).call
    again = app.calls.stop_call(call.id)
    clock.advance(600)
    later = app.calls.refresh_call(call.id).call
    assert again.problem is None and again.call.utterances == first.utterances == later.utterances
    assert presenter_lines(later) == [ENDED_BY_PRESENTER]


def test_a_stop_that_fails_leaves_the_call_running_and_adds_nothing(
    app: App, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    call = start(app, script_for(app), "attempt-1")
    mid_line(app, clock, call)
    before = app.calls.get_call(call.id)

    def unreachable(call: Call) -> None:
        raise TelephonyError("The call provider could not be reached to stop the call. Try again.")

    monkeypatch.setattr(app.calls.telephony, "stop_call", unreachable)
    live = app.calls.stop_call(call.id)
    assert live.problem == "The call provider could not be reached to stop the call. Try again."
    assert app.calls.get_call(call.id) == before  # still running, nothing added, no end time
    clock.advance(3600)
    done = app.calls.refresh_call(call.id).call
    assert done.status is CallStatus.COMPLETED and presenter_lines(done) == []  # it ran on to its own end


def test_a_call_stopped_while_it_rings_ends_with_only_the_presenters_line(app: App, clock: FakeClock) -> None:
    call = start(app, script_for(app), "attempt-1")
    stopped = app.calls.stop_call(call.id).call
    assert stopped.status is CallStatus.STOPPED
    assert [(u.speaker, u.text) for u in stopped.utterances] == [(Speaker.SYSTEM, ENDED_BY_PRESENTER)]
