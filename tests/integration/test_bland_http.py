"""Real calls through the real Bland client against the local Bland-compatible server in tests/fakes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from salesbot.bootstrap import App, build_app
from salesbot.errors import CallRefused, TelephonyError
from salesbot.models import CallFilter, CallStatus, Outcome, Sentiment, Speaker
from salesbot.services.place_call import CallRequest
from salesbot.settings import load_settings
from salesbot.storage import CallChanges
from tests.builders import an_analysis
from tests.conftest import FakeClock, script_for, start
from tests.fakes.bland_server import BlandServer, BlandState

E164 = "+919876543210"


@pytest.fixture
def bland(clock: FakeClock) -> Iterator[BlandServer]:
    """Bland on the test's hand clock, which the app shares: a call moves on when the test moves the clock. It starts
    at the wall clock's time, by which the store stamps calls: a call whose POST went unanswered is looked up at
    Bland from that stamp."""
    clock.now = datetime.now(UTC)
    with BlandServer(BlandState(clock=clock)) as server:
        yield server


def make_desk(bland: BlandServer, tmp_path: Path, **env: str) -> App:
    return build_app(
        load_settings(
            env={
                "SALESBOT_DB_PATH": str(tmp_path / "bland.db"),
                "BLAND_API_KEY": bland.state.api_key,
                "BLAND_BASE_URL": bland.url,
                "BLAND_TIMEOUT_SECONDS": "1",
                "SALESBOT_PROVIDER_POLL_SECONDS": "0",
                "SALESBOT_SCRIPT_LINE_SECONDS": "0",
                **env,
            }
        ),
        clock=bland.state.clock,
    )


def wait_final(desk: App, call_id: int, seconds: float = 10) -> list[int]:
    """Refresh like the live panel does, every 0.1 s of the shared clock; returns how many lines were known at
    each refresh."""
    clock = desk.calls.telephony.clock  # type: ignore[attr-defined]  # Bland's, shared with the app
    assert isinstance(clock, FakeClock)
    seen = []
    for _ in range(round(seconds / 0.1)):
        call = desk.calls.refresh_call(call_id).call
        seen.append(len(call.utterances))
        if call.status.is_final:
            return seen
        clock.advance(0.1)
    raise AssertionError(f"call {call_id} never finished")


def test_a_real_call_is_placed_once_followed_live_and_settled(bland: BlandServer, tmp_path: Path) -> None:
    desk = make_desk(bland, tmp_path, BLAND_FROM_NUMBER="+14155550100", BLAND_VOICE="june")
    assert desk.capabilities.backends == "SQLite · offline writer · Bland AI calls"
    script = script_for(desk)
    call = start(desk, script, "attempt-1", consent=True)
    assert bland.state.count("POST") == 1
    payload = next(iter(bland.state.calls.values()))["payload"]
    assert payload["phone_number"] == E164
    task = payload["task"]
    assert len(task) <= 2000 and "Hello Asha, this is Maya from Acme Cloud." in task  # compact, with key lines
    assert "Pricing" in task and "[Opener]" not in task
    assert payload["first_sentence"].startswith("Hi Asha") and payload["answered_by_enabled"] is True
    assert payload["voice"] == "june" and payload["from"] == "+14155550100" and payload["language"] == "en-IN"
    assert payload["max_duration"] == 5 and payload["record"] is True and payload["wait_for_greeting"] is True
    assert payload["voicemail"]["action"] == "leave_message"
    assert payload["metadata"] == {"salesbot_call_id": call.id, "salesbot_customer_id": script.customer_id}

    seen = wait_final(desk, call.id)
    assert len(set(seen)) > 2  # the transcript grew over several refreshes
    final = desk.calls.refresh_call(call.id).call
    assert final.status is CallStatus.COMPLETED
    texts = [u.text for u in final.utterances]
    assert texts[0].startswith("Hi Asha") and texts[-1] == "Thursday works for me. Let's do it."  # sorted by time
    assert len(set(u.id for u in final.utterances)) == len(final.utterances) == 7  # appended once each
    assert {u.speaker for u in final.utterances} == {Speaker.AGENT, Speaker.CUSTOMER, Speaker.SYSTEM}
    assert final.recording_url and final.recording_url.endswith(".mp3")  # waited for it to settle
    assert final.analysis is not None and final.analysis.outcome is Outcome.MEETING_BOOKED
    assert bland.state.count("POST") == 1


def test_repeated_and_concurrent_clicks_make_exactly_one_post(bland: BlandServer, tmp_path: Path) -> None:
    desk = make_desk(bland, tmp_path)
    script = script_for(desk)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(start(desk, script, "same-attempt", consent=True).id))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    start(desk, script, "same-attempt", consent=True)
    assert bland.state.count("POST") == 1 and len(set(results)) == 1


def test_read_timeout_is_never_retried_and_refresh_finds_the_call(bland: BlandServer, tmp_path: Path) -> None:
    bland.state.post_mode = "read_timeout"
    desk = make_desk(bland, tmp_path)
    call = start(desk, script_for(desk), "attempt-1", consent=True)
    assert call.status is CallStatus.UNKNOWN and call.error_message and "will not ring twice" in call.error_message
    assert bland.state.count("POST") == 1
    bland.state.post_mode = "ok"
    wait_final(desk, call.id)
    found = desk.calls.refresh_call(call.id).call
    assert found.status is CallStatus.COMPLETED and found.provider_call_id in bland.state.calls
    assert found.error_message is None
    assert bland.state.count("POST") == 1  # looked up, never sent again


@pytest.mark.parametrize("mode", ["malformed", "not_json"])
def test_an_answer_without_a_call_id_is_looked_up_not_resent(bland: BlandServer, tmp_path: Path, mode: str) -> None:
    bland.state.post_mode = mode
    desk = make_desk(bland, tmp_path)
    call = start(desk, script_for(desk), "attempt-1", consent=True)
    assert call.status is CallStatus.UNKNOWN and call.error_message and "not sent again" in call.error_message
    if mode == "malformed":  # Bland has the call: refresh finds it
        wait_final(desk, call.id)
        assert desk.calls.refresh_call(call.id).call.status is CallStatus.COMPLETED
    else:  # it never registered one: the call stays unknown until the look-up window passes
        assert desk.calls.refresh_call(call.id).call.status is CallStatus.UNKNOWN
    assert bland.state.count("POST") == 1


@pytest.mark.parametrize(
    ("mode", "fragment"),
    [
        ("bad_request", "Bland refused the call: Missing required parameter: task."),
        ("bad_phone", "Bland refused the call: Invalid phone number format."),
        ("unauthorized", "rejected the API key (401)"),
        ("no_balance", "balance is too low"),
        ("same_number", "every 10 seconds"),
        ("international", "international call limit"),
        ("plan_limit", "rate or plan limit"),
        ("server_error", "server error (HTTP 500)"),
        ("flagged", "account may be flagged or blocked"),  # not "check the key"
        ("blacklisted", "blocked list"),
        ("new_account", "newly created accounts"),
        ("bad_encrypted_key", "Bland says: “Invalid `encrypted_key` for this account”"),  # Bland's own text
        ("gateway_html", "server error (HTTP 502)"),
    ],
)
def test_each_failure_is_explained_and_marks_the_call(
    bland: BlandServer, tmp_path: Path, caplog: pytest.LogCaptureFixture, mode: str, fragment: str
) -> None:
    caplog.set_level(logging.DEBUG)
    bland.state.post_mode = mode
    desk = make_desk(bland, tmp_path)
    with pytest.raises(TelephonyError) as caught:
        start(desk, script_for(desk), "attempt-1", consent=True)
    assert fragment in caught.value.user_message
    stored = desk.archive.find_calls(CallFilter()).rows[0].summary
    assert stored.status is CallStatus.FAILED
    assert desk.calls.refresh_call(stored.id).call.error_message == caught.value.user_message
    assert bland.state.api_key not in caught.value.user_message and bland.state.api_key not in caplog.text
    assert bland.state.count("POST") == 1


def test_a_wrong_key_is_explained(bland: BlandServer, tmp_path: Path) -> None:
    desk = make_desk(bland, tmp_path)
    bland.state.api_key = "bl-another-key"
    with pytest.raises(TelephonyError, match="BLAND_API_KEY"):
        start(desk, script_for(desk), "attempt-1", consent=True)


def test_unreachable_bland_is_retried_then_explained(tmp_path: Path) -> None:
    desk = build_app(
        load_settings(
            env={
                "SALESBOT_DB_PATH": str(tmp_path / "x.db"),
                "BLAND_API_KEY": "k",
                "BLAND_BASE_URL": "http://127.0.0.1:9",
                "SALESBOT_SCRIPT_LINE_SECONDS": "0",
            }
        )
    )
    desk.calls.telephony.client.backoff_s = 0.01  # type: ignore[attr-defined]
    with pytest.raises(TelephonyError, match="cannot be reached"):
        start(desk, script_for(desk), "attempt-1", consent=True)


def test_safety_rules_refuse_before_any_request(bland: BlandServer, tmp_path: Path) -> None:
    desk = make_desk(bland, tmp_path, SALESBOT_ALLOWED_NUMBERS="+4420*, +14155550100")
    script = script_for(desk)
    with pytest.raises(CallRefused, match="permission"):
        start(desk, script, "attempt-1", consent=False)
    with pytest.raises(CallRefused, match="SALESBOT_ALLOWED_NUMBERS"):
        start(desk, script, "attempt-2", consent=True)
    assert bland.state.requests == [] and desk.archive.find_calls(CallFilter()).rows == []
    allowed = make_desk(bland, tmp_path, SALESBOT_ALLOWED_NUMBERS="+9198*")
    start(allowed, script, "attempt-3", consent=True)
    assert bland.state.count("POST") == 1


def test_a_number_that_asked_not_to_be_called_is_not_called_without_confirmation(
    bland: BlandServer, tmp_path: Path
) -> None:
    desk = make_desk(bland, tmp_path)
    script = script_for(desk)
    first = start(desk, script, "attempt-1", consent=True)
    wait_final(desk, first.id)
    refused = an_analysis(Outcome.DO_NOT_CALL, Sentiment.NEGATIVE)
    desk.store.update_call(first.id, CallChanges(analysis=refused))
    with pytest.raises(CallRefused, match=f"asked not to be called again \\(call #{first.id}"):
        start(desk, script, "attempt-2", consent=True)
    assert bland.state.count("POST") == 1  # nothing dialled
    request = CallRequest(script.customer_id, script.id, "attempt-3", consent=True, despite_do_not_call=True)
    assert desk.presenter.start_call(request).provider_call_id and bland.state.count("POST") == 2


def test_stop_call_ends_a_live_call(bland: BlandServer, tmp_path: Path) -> None:
    bland.state.line_every_s = 5
    desk = make_desk(bland, tmp_path)
    call = start(desk, script_for(desk), "attempt-1", consent=True)
    stopped = desk.calls.stop_call(call.id).call
    assert stopped.status is CallStatus.FINISHING  # Bland still adds the last lines, summary and recording
    assert ("POST", f"/v1/calls/{call.provider_call_id}/stop") in bland.state.requests
    wait_final(desk, call.id)
    final = desk.calls.get_call(call.id)
    assert final.status is CallStatus.STOPPED and final.recording_url  # wrapped up like a completed call
    assert final.analysis is not None  # analysed once, on what Bland settled


@pytest.mark.parametrize(
    ("outcome", "status", "message", "analysed"),
    [
        ("voicemail", CallStatus.COMPLETED, None, Outcome.VOICEMAIL),
        ("no-answer", CallStatus.FAILED, "Nobody answered.", Outcome.NO_ANSWER),
        ("call_error", CallStatus.FAILED, "Carrier rejected the call.", Outcome.NO_ANSWER),
    ],
)
def test_outcomes_follow_bland_status_fields(
    bland: BlandServer, tmp_path: Path, outcome: str, status: CallStatus, message: str | None, analysed: Outcome
) -> None:
    bland.state.outcome = outcome
    desk = make_desk(bland, tmp_path)
    call = start(desk, script_for(desk), "attempt-1", consent=True)
    wait_final(desk, call.id)
    final = desk.calls.refresh_call(call.id).call
    assert final.status is status and final.error_message == message
    assert final.analysis is not None and final.analysis.outcome is analysed


def test_a_server_error_costs_one_request_per_tick_and_the_next_tick_goes_on(
    bland: BlandServer, tmp_path: Path
) -> None:
    desk = make_desk(bland, tmp_path)
    call = start(desk, script_for(desk), "attempt-1", consent=True)
    bland.state.get_failures = 2
    first = desk.calls.refresh_call(call.id)
    assert first.problem and "server error (HTTP 503)" in first.problem
    assert bland.state.get_failures == 1  # no blocking retries inside a poll tick
    wait_final(desk, call.id)
