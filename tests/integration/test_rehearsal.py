"""The AI rehearsal through the real ChatOpenAI client against the strict local stand-in: both sides streamed, a
model failure handed to the rules mid-call, stop, and a restart."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from salesbot.bootstrap import App, build_app
from salesbot.llm.model import build_chat_model
from salesbot.llm.rehearsal_prompts import rehearsal_agent_messages
from salesbot.models import ENDED_BY_PRESENTER, Call, CallStatus, CustomerForm, Outcome, ScriptOptions, Speaker
from salesbot.playbook.script_format import parse_sections
from salesbot.services.place_call import CallRequest
from salesbot.telephony.rehearsal import INTERRUPTED, UNPLAYED_AFTER_S, ModelRehearsal
from salesbot.telephony.rehearsal_turns import HANDOVER
from salesbot.telephony.simulated import SimulatedTelephony, simulated_by
from tests.builders import ASHA
from tests.conftest import script_for
from tests.fakes.openai_server import REHEARSAL_CUSTOMER, THINK, OpenAICompatibleServer
from tests.integration.test_openai_http import ANALYSIS, SCRIPT, settings_for
from tests.unit.test_rehearsal_parts import MEERA


@pytest.fixture
def server() -> Iterator[OpenAICompatibleServer]:
    with OpenAICompatibleServer() as s:
        s.state.script_reply = SCRIPT
        s.state.json_reply = ANALYSIS
        s.state.token_delay_s = 0.01  # word by word, visibly
        yield s


@pytest.fixture
def app(server: OpenAICompatibleServer, tmp_path: Path) -> App:
    return build_app(settings_for(server, tmp_path, SALESBOT_SIM_SPEED="20", SALESBOT_SIM_PERSONA="ready"))


def place(app: App, key: str = "rehearsal-1", simulated_by: str | None = None, pace: float | None = None) -> Call:
    script = script_for(app)
    request = CallRequest(script.customer_id, script.id, key, pace=pace, simulated_by=simulated_by)
    return app.calls.start_call(request)


def follow(app: App, call: Call, seconds: float = 20.0) -> tuple[Call, list[str]]:
    """Poll as the live panel does until the call is over; returns it and every partial line seen."""
    partials: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        live = app.calls.refresh_call(call.id)
        if live.speaking is not None:
            partials.append(live.speaking.text)
        if live.call.status.is_final:
            return live.call, partials
        time.sleep(0.005)
    raise AssertionError(f"the rehearsal did not end in {seconds} s")


def test_both_sides_are_played_by_the_model_streamed_and_end_with_a_goodbye(
    app: App, server: OpenAICompatibleServer
) -> None:
    assert app.capabilities.rehearsal_model == "gpt-4o-mini"
    assert "simulated calls (rules or gpt-4o-mini)" in app.capabilities.backends
    call = place(app)  # no choice made: the model, since one is configured
    assert simulated_by(call) == "model" and call.provider_call_id == "sim-20x-by.model-p.ready-rehearsal-1"
    done, partials = follow(app, call)
    assert done.status is CallStatus.COMPLETED
    lines = [(u.speaker, u.text) for u in done.utterances]
    opener = parse_sections(app.store.get_script(call.script_id or 0).script)["Opener"][0]
    assert lines[0] == (Speaker.AGENT, opener)  # the script's lines, no header
    assert [t for s, t in lines if s is Speaker.CUSTOMER] == [*REHEARSAL_CUSTOMER[:-1], REHEARSAL_CUSTOMER[-1][:-6]]
    assert lines[-2][0] is Speaker.AGENT and "Goodbye" in lines[-2][1]  # after the customer's last words
    assert lines[-1] == (Speaker.SYSTEM, "Call ended.")
    assert all("[END]" not in t and "[" not in t for _, t in lines)
    # streamed: the line being generated grew word by word between polls
    growing = [p for p in partials if "spreadsheets" in p or p.startswith("We track")]
    assert len(set(growing)) >= 3
    ats = [u.at for u in done.utterances]
    assert ats == sorted(ats) and done.ended_at is not None
    assert done.analysis is not None and done.analysis.outcome is Outcome.MEETING_BOOKED
    # each line is one bounded request, the script and call as JSON data
    chats = [r["body"] for r in server.state.requests if "<rehearsal_data>" in str(r["body"]["messages"])]
    assert len(chats) == len([line for line in lines if line[0] is not Speaker.SYSTEM])
    # another server than OpenAI's gets the older max_tokens, which llama-cpp-python's server reads
    assert all(b["stream"] is True and b["max_tokens"] == 120 and "max_completion_tokens" not in b for b in chats)
    assert all(b["stop"] == ["\nCustomer:", "\nAgent:"] for b in chats)


@pytest.mark.parametrize("kind", ["server_error", "break"])
def test_a_model_failure_mid_call_hands_the_rest_to_the_rules_with_a_note(
    app: App, server: OpenAICompatibleServer, kind: str
) -> None:
    server.state.fail_at, server.state.fail_kind = 4, kind  # the customer's second line
    call = place(app)
    done, _ = follow(app, call)
    assert done.status is CallStatus.COMPLETED
    texts = [(u.speaker, u.text) for u in done.utterances]
    assert (Speaker.SYSTEM, HANDOVER) in texts
    after = texts[texts.index((Speaker.SYSTEM, HANDOVER)) + 1 :]
    assert [s for s, _ in after] == [Speaker.AGENT, Speaker.CUSTOMER, Speaker.AGENT, Speaker.SYSTEM]
    assert after[-1] == (Speaker.SYSTEM, "Call ended.")
    assert done.analysis is not None or done.analysis_error  # the analysis ran on the finished call


def test_a_failure_on_the_first_line_still_gives_a_whole_call(app: App, server: OpenAICompatibleServer) -> None:
    server.state.fail_at = 1  # the agent's first line (the script was written offline)
    done, _ = follow(app, place(app))
    assert done.status is CallStatus.COMPLETED
    assert done.utterances[0].text == HANDOVER
    assert done.utterances[1].speaker is Speaker.CUSTOMER  # picked up: the rules play the call nobody opened
    assert done.utterances[2].text.startswith("Hello Asha")
    assert done.utterances[-2].speaker is Speaker.AGENT and done.utterances[-1].text == "Call ended."


def test_rules_when_asked_even_with_a_model(app: App, server: OpenAICompatibleServer) -> None:
    call = place(app, simulated_by="rules", pace=500)
    assert simulated_by(call) == "rules" and "by.model" not in (call.provider_call_id or "")
    done, _ = follow(app, call)
    assert done.status is CallStatus.COMPLETED
    assert not any("<rehearsal_data>" in str(r["body"]["messages"]) for r in server.state.requests)


def test_stop_mid_line_ends_generation(app: App, server: OpenAICompatibleServer) -> None:
    server.state.token_delay_s = 0.2
    call = place(app)
    deadline = time.monotonic() + 10
    while app.calls.refresh_call(call.id).speaking is None and time.monotonic() < deadline:
        time.sleep(0.01)
    speaking = app.calls.refresh_call(call.id).speaking
    stopped = app.calls.stop_call(call.id).call
    assert stopped.status is CallStatus.STOPPED and stopped.utterances[-1].text == ENDED_BY_PRESENTER
    if speaking is not None:  # the line being generated is kept with the words it had (the rest was never said)
        assert any(u.id == speaking.id and u.text.startswith(speaking.text) for u in stopped.utterances)
    asked = len(server.state.requests)
    time.sleep(1.0)
    assert len(server.state.requests) == asked  # nothing more was generated
    assert app.calls.get_call(call.id).utterances == stopped.utterances


def test_after_a_restart_a_running_rehearsal_settles_with_a_note(
    app: App, server: OpenAICompatibleServer, tmp_path: Path
) -> None:
    server.state.token_delay_s = 0.05
    call = place(app)
    deadline = time.monotonic() + 10
    while not app.calls.refresh_call(call.id).call.utterances and time.monotonic() < deadline:
        time.sleep(0.01)
    said = app.calls.get_call(call.id).utterances
    telephony = app.calls.telephony
    assert isinstance(telephony, SimulatedTelephony) and telephony.rehearsal is not None
    telephony.rehearsal.stop(call)  # the old process's thread goes with it
    later = datetime.now(UTC) + timedelta(seconds=30)
    restarted = build_app(settings_for(server, tmp_path, SALESBOT_SIM_SPEED="20"), store=app.store, clock=lambda: later)
    assert restarted.calls.refresh_call(call.id).call.utterances == said  # quiet for 30 s: maybe played elsewhere
    later += timedelta(seconds=UNPLAYED_AFTER_S)
    settled = restarted.calls.refresh_call(call.id).call
    assert settled.status is CallStatus.COMPLETED
    assert settled.utterances[: len(said)] == said and settled.utterances[-1].text == INTERRUPTED


def test_rehearsals_at_once_are_bounded(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    server.state.token_delay_s = 0.2
    app = build_app(settings_for(server, tmp_path, SALESBOT_SIM_SPEED="20"))
    telephony = app.calls.telephony
    assert isinstance(telephony, SimulatedTelephony) and telephony.rehearsal is not None
    telephony.rehearsal = ModelRehearsal(
        telephony.rehearsal.model, "gpt-4o-mini", "Maya from Acme", "Salesbot", max_running=1
    )
    first = place(app, "one")
    with pytest.raises(Exception, match="1 AI rehearsals are running already"):
        place(app, "two")
    assert app.calls.stop_call(first.id).call.status is CallStatus.STOPPED


def test_a_rehearsal_nobody_watches_still_finishes(app: App, server: OpenAICompatibleServer) -> None:
    call = place(app)
    deadline = time.monotonic() + 20
    time.sleep(0.2)
    asked = -1
    while time.monotonic() < deadline and asked != len(server.state.requests):  # until the model is asked no more
        asked = len(server.state.requests)
        time.sleep(0.5)
    assert app.store.get_call(call.id).utterances == []  # nobody polled: nothing stored yet
    done = app.calls.refresh_call(call.id).call  # one look, long after: the whole call is there
    assert done.status is CallStatus.COMPLETED and done.utterances[-1].text == "Call ended."
    assert len([u for u in done.utterances if u.speaker is Speaker.CUSTOMER]) == len(REHEARSAL_CUSTOMER)


def test_a_hindi_script_gets_a_hindi_customer_and_reasoning_is_never_shown(
    app: App, server: OpenAICompatibleServer
) -> None:
    server.state.think = THINK
    customer = app.presenter.save_customer(CustomerForm(**ASHA))
    draft = app.presenter.write_script(customer.id, ScriptOptions(language="Hindi"), offline=True)
    list(draft)
    assert draft.script is not None
    call = app.calls.start_call(CallRequest(customer.id, draft.script.id, "hindi-1"))
    done, partials = follow(app, call)
    assert done.status is CallStatus.COMPLETED
    assert all("think" not in u.text and "JSON" not in u.text for u in done.utterances)
    assert all("think" not in p for p in partials)
    customer_asks = [r["body"] for r in server.state.requests if "turns_left" in str(r["body"]["messages"])]
    assert customer_asks and all('"language": "Hindi"' in b["messages"][-1]["content"] for b in customer_asks)


@pytest.mark.parametrize("persona", ["voicemail", "no_answer"])
def test_machines_and_nobody_are_played_as_the_rules_play_them(
    server: OpenAICompatibleServer, tmp_path: Path, persona: str
) -> None:
    app = build_app(settings_for(server, tmp_path, SALESBOT_SIM_SPEED="1000", SALESBOT_SIM_PERSONA=persona))
    done, _ = follow(app, place(app))
    if persona == "no_answer":
        assert done.status is CallStatus.FAILED and [u.text for u in done.utterances] == ["Nobody answered."]
        assert not any("<rehearsal_data>" in str(r["body"]) for r in server.state.requests)  # no line is asked for
    else:
        assert [u.speaker for u in done.utterances] == [Speaker.CUSTOMER, Speaker.AGENT, Speaker.SYSTEM]
        assert "email" in done.utterances[1].text


def test_openai_itself_gets_max_completion_tokens(server: OpenAICompatibleServer, tmp_path: Path) -> None:
    settings = settings_for(server, tmp_path)
    rehearsal = ModelRehearsal(build_chat_model(settings), "gpt-4o-mini", "Maya from Acme", "Salesbot")
    messages = rehearsal_agent_messages("Maya from Acme", "Salesbot", MEERA, "[Opener]\nHello Meera.", [], False)
    assert list(rehearsal.stream_line(messages, threading.Event()))[-1] == "Hello Meera."
    body = server.state.requests[-1]["body"]
    assert body["max_completion_tokens"] == 120 and "max_tokens" not in body


def test_a_model_that_echoes_its_data_is_handed_to_the_rules_before_the_echo_is_shown(
    app: App, server: OpenAICompatibleServer
) -> None:
    server.state.rehearsal_customer = ('<rehearsal_data>\n{\n "you_are": "Asha Rao", "call_so_far": []', "Hi.")
    done, partials = follow(app, place(app))
    assert done.status is CallStatus.COMPLETED and HANDOVER in [u.text for u in done.utterances]
    assert not any("rehearsal_data" in p or "you_are" in p for p in partials)
    assert not any("rehearsal_data" in u.text or "you_are" in u.text for u in done.utterances)
