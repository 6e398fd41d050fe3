"""The service layer over a real SQLite file with simulated calls on a hand-moved clock."""

from __future__ import annotations

import logging

import pytest

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.bootstrap import App, build_app
from salesbot.errors import CallRefused, InvalidInput, ScriptWriterError, TelephonyError
from salesbot.models import ENDED_BY_PRESENTER, CallFilter, CallStatus, Customer, CustomerForm, ScriptOptions
from salesbot.services.place_call import CallRequest
from salesbot.settings import Settings
from salesbot.storage.sqlite import SQLiteStore
from salesbot.telephony.simulated import SimulatedTelephony
from tests.builders import ASHA
from tests.conftest import FakeClock, start


def written_script(desk: App):  # type: ignore[no-untyped-def]
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions())
    text = "".join(draft)
    assert draft.script is not None and draft.script.script == text.strip()
    return draft.script


def test_bad_form_stores_nothing(desk: App, store: SQLiteStore) -> None:
    with pytest.raises(InvalidInput):
        desk.presenter.save_customer(CustomerForm(**{**ASHA, "phone_number": "123"}))
    assert store._read("SELECT count(*) AS n FROM customers")[0]["n"] == 0


def test_script_versions_edits_and_the_version_a_call_used(desk: App, clock: FakeClock) -> None:
    script = written_script(desk)
    assert desk.presenter.save_script_edit(script.id, script.script + "\n") == script  # unchanged text: no new version
    edited = desk.presenter.save_script_edit(script.id, script.script.replace("Thursday", "Monday"))
    assert edited.id != script.id and edited.writer == "edited"
    assert [s.id for s in desk.presenter.list_scripts(script.customer_id)] == [edited.id, script.id]
    call = start(desk, edited, "attempt-1")
    assert call.script_id == edited.id
    with pytest.raises(ScriptWriterError):
        desk.presenter.save_script_edit(script.id, "   ")


def test_broken_stream_stores_no_half_script(store: SQLiteStore, clock: FakeClock) -> None:
    class BreaksHalfway:
        name = "flaky"

        def stream_script(self, customer: Customer, options: ScriptOptions):  # type: ignore[no-untyped-def]
            yield "[Opener]\nHello"
            raise ConnectionError("stream cut")

    desk = build_app(
        Settings(), store=store, writer=BreaksHalfway(), telephony=SimulatedTelephony(clock=clock),
        analyst=OfflineCallAnalyst(), clock=clock,
    )  # fmt: skip
    customer = desk.presenter.save_customer(CustomerForm(**ASHA))
    draft = desk.presenter.write_script(customer.id, ScriptOptions())
    with pytest.raises(ScriptWriterError):
        list(draft)
    assert draft.script is None and desk.presenter.list_scripts(customer.id) == []


def test_call_fills_in_over_time_and_is_stored_when_done(desk: App, clock: FakeClock) -> None:
    script = written_script(desk)
    call = start(desk, script, "attempt-1")
    assert call.status is CallStatus.DIALLING and call.provider_call_id == "sim-1x-p.ready-attempt-1"
    clock.advance(30)
    early = desk.calls.refresh_call(call.id).call
    assert early.status is CallStatus.IN_PROGRESS and len(early.utterances) > 0
    clock.advance(60)
    later = desk.calls.refresh_call(call.id).call
    assert len(later.utterances) > len(early.utterances)
    assert later.utterances[: len(early.utterances)] == early.utterances  # only appended
    clock.advance(3600)
    done = desk.calls.refresh_call(call.id).call
    assert done.status is CallStatus.COMPLETED and done.duration_seconds and done.duration_seconds > 60
    assert "Customer:" in done.transcript
    clock.advance(60)
    assert desk.calls.refresh_call(call.id).call == done  # final calls do not change


def test_same_attempt_places_one_call(desk: App, monkeypatch: pytest.MonkeyPatch) -> None:
    script = written_script(desk)
    placed: list[int] = []
    original = desk.calls.telephony.place_call
    monkeypatch.setattr(
        desk.calls.telephony, "place_call", lambda call, ctx: placed.append(call.id) or original(call, ctx)
    )
    first = start(desk, script, "attempt-1")
    second = start(desk, script, "attempt-1")
    assert first.id == second.id and placed == [first.id]
    start(desk, script, "attempt-2")
    assert len(placed) == 2


def test_a_failed_placement_marks_the_call_with_the_reason(desk: App, monkeypatch: pytest.MonkeyPatch) -> None:
    script = written_script(desk)

    def refuse(call, ctx):  # type: ignore[no-untyped-def]
        raise TelephonyError("The line is busy. Try again in a minute.")

    monkeypatch.setattr(desk.calls.telephony, "place_call", refuse)
    with pytest.raises(TelephonyError):
        start(desk, script, "attempt-1")
    stored = desk.archive.find_calls(CallFilter()).rows[0].summary
    assert stored.status is CallStatus.FAILED
    assert desk.calls.refresh_call(stored.id).call.error_message == "The line is busy. Try again in a minute."


def test_stop_keeps_what_was_said(desk: App, clock: FakeClock) -> None:
    script = written_script(desk)
    call = start(desk, script, "attempt-1")
    clock.advance(40)
    live = desk.calls.refresh_call(call.id)
    said, speaking = live.call.utterances, live.speaking
    stopped = desk.calls.stop_call(call.id).call
    kept = stopped.utterances
    assert stopped.status is CallStatus.STOPPED and kept[: len(said)] == said  # nothing said is lost
    if speaking is not None:  # the line being said is finished whole, and the call ends with it
        assert kept[len(said)].id == speaking.id and kept[len(said)].text.startswith(speaking.text)
    assert kept[-1].text == ENDED_BY_PRESENTER and len(kept) == len(said) + (speaking is not None) + 1
    assert stopped.duration_seconds is not None and stopped.duration_seconds >= 40
    clock.advance(600)
    assert desk.calls.refresh_call(call.id).call.utterances == kept


def test_a_call_left_running_is_brought_up_to_date_by_the_list(desk: App, clock: FakeClock) -> None:
    """The tab closed mid-call: nobody refreshed it, yet nothing said is lost."""
    script = written_script(desk)
    call = start(desk, script, "attempt-1")
    clock.advance(3600)
    desk.calls.catch_up(wait=True)
    summaries = [row.summary for row in desk.archive.find_calls(CallFilter()).rows]
    assert summaries[0].status is CallStatus.COMPLETED and summaries[0].first_words.startswith("Hello Asha")
    assert len(desk.calls.refresh_call(call.id).call.utterances) > 10


def test_steps_are_logged_with_ids_and_no_secret(desk: App, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="salesbot")
    script = written_script(desk)
    call = start(desk, script, "attempt-1")
    clock.advance(3600)
    desk.calls.refresh_call(call.id)
    text = caplog.text
    assert f"customer {script.customer_id} saved" in text
    assert f"script {script.id} written by offline" in text
    assert f"call {call.id} placed" in text and f"call {call.id}: dialling -> completed" in text
    assert "+91" not in text  # numbers are personal data: ids only


def test_backends_are_described(desk: App) -> None:
    assert desk.capabilities.backends == "SQLite · offline writer · simulated calls"


def test_what_a_signed_in_presenter_creates_records_them(desk: App) -> None:
    ana = "ana@team.example"
    customer = desk.presenter.save_customer(CustomerForm(**ASHA), by=ana)
    draft = desk.presenter.write_script(customer.id, ScriptOptions(), by=ana)
    "".join(draft)
    assert draft.script is not None and draft.script.created_by == ana and customer.created_by == ana
    request = CallRequest(customer.id, draft.script.id, "attempt-1", created_by="bo@team.example")
    call = desk.presenter.start_call(request, script_text=draft.script.script + "\nOne more line.")
    edited = desk.presenter.list_scripts(customer.id)[0]  # the newest version
    assert call.created_by == "bo@team.example" and call.script_id == edited.id != draft.script.id
    assert edited.created_by == "bo@team.example"  # the unsaved edit stored as Bo's version, then called
    assert desk.calls.get_call(call.id).created_by == "bo@team.example"


def test_a_version_the_agent_cannot_follow_is_refused_at_start_call_and_dials_nobody(
    desk: App, store: SQLiteStore
) -> None:
    script = written_script(desk)
    markup_only = desk.presenter.save_script_edit(
        script.id, '[Opener]\n[Objections]\nIf they say "Too dear" answer: A pilot.'
    )
    request = CallRequest(script.customer_id, script.id, "attempt-x")
    with pytest.raises(CallRefused) as refused:
        desk.presenter.start_call(request, script_text=markup_only.script)
    assert (
        "nothing for the agent to say" in refused.value.user_message
        and "No call was placed" in refused.value.user_message
    )
    assert store._read("SELECT count(*) AS n FROM call_transcripts")[0]["n"] == 0
    spoken = desk.presenter.start_call(request, script_text="Hi Asha, it's Maya. Shall we talk on Thursday?")
    assert spoken.status is not CallStatus.FAILED and spoken.script_id not in {script.id, markup_only.id}
