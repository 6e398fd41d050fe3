"""A line's time is when it began: the first words of a call show near 0:00, not when its line was finished, and a
line keeps the time it showed while it was being said once it is finished."""

from __future__ import annotations

from datetime import timedelta

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.bootstrap import App, build_app
from salesbot.exports.report import call_report
from salesbot.exports.report import minutes as shown_clock
from salesbot.exports.shown_lines import Voice, shown_lines
from salesbot.models import Speaker, Utterance, line_starts, with_starts
from salesbot.scripts.offline import OfflineScriptWriter
from salesbot.settings import Settings
from salesbot.telephony.bland import BlandTelephony
from salesbot.telephony.bland_answers import BlandCall
from salesbot.telephony.simulated import SimulatedTelephony
from tests.builders import START, a_call, a_script
from tests.conftest import FakeClock, script_for, start
from tests.fakes.memory_store import MemoryStore

A, C, S = Speaker.AGENT, Speaker.CUSTOMER, Speaker.SYSTEM


def simulated_app(clock: FakeClock, persona: str = "ready") -> App:
    return build_app(
        Settings(),
        store=MemoryStore(),
        writer=OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0),
        telephony=SimulatedTelephony(speed=1.0, clock=clock, persona=persona),
        analyst=OfflineCallAnalyst(),
        clock=clock,
    )


def test_a_line_stored_without_its_start_begins_when_its_words_began() -> None:
    # the first line ended at 0:06; its nine words take 3 s: it began at 0:03, not 0:06
    first = "Hello, yes, this is Asha speaking, who is calling?"
    lines = [
        (C, first, 6.0),
        (A, "Hi.", 6.2),
        (A, "Hi Asha, this is Maya from Acme Cloud.", 7.0),
        (S, "Call ended.", 9),
    ]
    call = a_call(lines, started_at=START)
    shown = [round(line.seconds or 0, 2) for line in shown_lines(call)]
    assert shown[0] == 3.0
    assert shown[1] == 6.0  # "Hi." takes a third of a second, but it cannot begin before the line before it ended
    assert shown[2] == 6.2  # eight words take longer than the 0.8 s it had: it began when the line before ended
    assert shown[3] == 9.0  # a system note happened at its time


def test_a_stored_start_is_kept_and_estimates_are_stored_once() -> None:
    said = [
        Utterance(id="0", speaker=C, text="Hello?", at=START + timedelta(seconds=2), started=START),
        Utterance(id="1", speaker=A, text="Hi Asha, this is Maya from Acme Cloud.", at=START + timedelta(seconds=9)),
    ]
    assert line_starts(said, START) == [START, START + timedelta(seconds=9 - 8 / 3)]
    stored = with_starts(said, START)
    assert stored[0] is said[0] and stored[1].started == START + timedelta(seconds=9 - 8 / 3)
    assert with_starts(stored, START) == stored  # fixed: a stored start is never estimated again


def test_the_first_line_of_a_simulated_call_shows_when_it_began(clock: FakeClock) -> None:
    app = simulated_app(clock)
    call = start(app, script_for(app), "attempt-1")
    clock.advance(600)
    done = app.calls.refresh_call(call.id).call
    first = shown_lines(done)[0]
    assert first.seconds is not None and first.seconds < 1.0  # picked up at once: 0:00, not when the hello ended
    agent = next(line for line in shown_lines(done) if line.voice is Voice.AGENT)
    assert agent.seconds is not None and done.started_at is not None
    ended = (agent.line.at - done.started_at).total_seconds()
    assert shown_clock(agent.seconds) != shown_clock(ended)  # a long line: it began seconds before it ended
    assert f"- **Agent** ({shown_clock(agent.seconds)}): Hello Asha" in call_report(
        done, app.store.get_customer(done.customer_id), None
    )


def test_a_line_keeps_its_time_while_spoken_and_once_finished(clock: FakeClock) -> None:
    app = simulated_app(clock)
    call = start(app, script_for(app), "attempt-1")
    shown: dict[str, str] = {}
    for _ in range(240):  # a minute of the call, four looks a second
        clock.advance(0.25)
        live = app.calls.refresh_call(call.id)
        for line in shown_lines(live.call, speaking=live.speaking):
            time = shown_clock(line.seconds)
            assert shown.setdefault(line.line.id, time) == time, (line.line.text, line.speaking)
    assert len(shown) > 8


def test_bland_lines_are_stored_with_when_they_began() -> None:
    def line(id: int, seconds: float, user: str, text: str) -> dict[str, object]:
        return {"id": id, "created_at": (START + timedelta(seconds=seconds)).isoformat(), "user": user, "text": text}

    said = [line(2, 9, "user", "Sure, what would it cost us per month?"),
            line(1, 4, "assistant", "Hi Asha, this is a quick call about your enquiry.")]  # fmt: skip
    details = BlandCall.model_validate(
        {"status": "in-progress", "queue_status": "started", "started_at": START.isoformat(), "transcripts": said}
    )
    said = BlandTelephony.progress(details, START + timedelta(seconds=10), START).utterances
    assert [u.started for u in said] == [START + timedelta(seconds=4 - 10 / 3), START + timedelta(seconds=9 - 8 / 3)]


def test_a_voicemail_greeting_is_the_voicemail_in_the_report(clock: FakeClock) -> None:
    app = simulated_app(clock, "voicemail")
    call = start(app, script_for(app), "attempt-1")
    clock.advance(600)
    done = app.calls.refresh_call(call.id).call
    voices = [line.voice for line in shown_lines(done)]
    assert voices[0] is Voice.VOICEMAIL and Voice.CUSTOMER not in voices
    report = call_report(done, app.store.get_customer(done.customer_id), a_script(customer_id=done.customer_id))
    assert "- **Voicemail** (0:" in report and "- **Customer**" not in report


def test_a_person_is_the_customer() -> None:
    call = a_call([(C, "Hello?"), (A, "Hi Asha."), (C, "Who is this?")], started_at=START)
    assert [line.voice for line in shown_lines(call)] == [Voice.CUSTOMER, Voice.AGENT, Voice.CUSTOMER]
