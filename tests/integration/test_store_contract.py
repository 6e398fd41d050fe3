"""Every storage behaviour, run against both stores: the SQLite file and Supabase (real PostgreSQL 15
behind a PostgREST-protocol server, through the unmodified supabase client)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from salesbot.errors import NotFound, StorageError
from salesbot.models import CallAnalysis, CallStatus, Outcome, Sentiment, Speaker, Utterance
from salesbot.storage import CallChanges, CallStore, NewCall
from salesbot.validation import validate_customer
from tests.conftest import ASHA


def test_customer_round_trip_and_upsert_by_name_and_number(any_store: CallStore) -> None:
    first = any_store.save_customer(validate_customer(ASHA))
    assert first.phone_e164 == "+919876543210" and first.topics[0] == "Pricing"
    again = any_store.save_customer(validate_customer({**ASHA, "name": "asha rao", "topics": "Security"}))
    assert again.id == first.id and again.topics == ["Security"]
    other = any_store.save_customer(validate_customer({**ASHA, "name": "Ravi"}))
    assert other.id != first.id
    with pytest.raises(NotFound):
        any_store.get_customer(999)


def test_scripts_are_versions_newest_first(any_store: CallStore) -> None:
    customer = any_store.save_customer(validate_customer(ASHA))
    v1 = any_store.add_script(customer.id, "one", "offline")
    v2 = any_store.add_script(customer.id, "two", "edited")
    assert [s.id for s in any_store.list_scripts(customer.id)] == [v2.id, v1.id]
    assert any_store.get_script(v1.id).script == "one"


def test_create_call_is_idempotent_per_attempt_key(any_store: CallStore) -> None:
    customer = any_store.save_customer(validate_customer(ASHA))
    script = any_store.add_script(customer.id, "s", "offline")
    new = NewCall(customer.id, script.id, customer.phone_e164, "simulated", "attempt-1")
    call, created = any_store.create_call(new)
    again, created_again = any_store.create_call(new)
    assert created and not created_again and again.id == call.id
    assert call.status is CallStatus.DIALLING


def test_update_call_stores_utterances_transcript_and_times(any_store: CallStore) -> None:
    customer = any_store.save_customer(validate_customer(ASHA))
    script = any_store.add_script(customer.id, "s", "offline")
    call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    at = datetime(2026, 11, 24, 10, 0, 5, tzinfo=UTC)
    lines = [
        Utterance(id="0", speaker=Speaker.AGENT, text="Hello Asha", at=at),
        Utterance(id="1", speaker=Speaker.CUSTOMER, text="Hi there, who is this?", at=at),
    ]
    updated = any_store.update_call(
        call.id,
        CallChanges(status=CallStatus.COMPLETED, utterances=lines, started_at=at, ended_at=at, duration_seconds=5),
    )
    assert updated.utterances == lines and updated.status is CallStatus.COMPLETED
    assert updated.transcript == "Agent: Hello Asha\nCustomer: Hi there, who is this?"
    summaries = any_store.list_calls()
    assert summaries[0].first_words == "Hello Asha" and summaries[0].customer_name == "Asha Rao"
    assert any_store.unfinished_calls() == []


def test_call_for_a_missing_customer_is_refused(any_store: CallStore) -> None:
    with pytest.raises(StorageError):
        any_store.create_call(NewCall(404, 1, "+919876543210", "simulated", "x"))
    assert any_store.list_calls() == []


def test_many_sessions_writing_at_once_lose_nothing(any_store: CallStore) -> None:
    """Eight threads (like eight browser sessions), each with its own connections, write concurrently."""
    errors: list[BaseException] = []
    customer = any_store.save_customer(validate_customer(ASHA))

    def session(n: int) -> None:
        try:
            for i in range(10):
                script = any_store.add_script(customer.id, f"s{n}-{i}", "offline")
                call, _ = any_store.create_call(
                    NewCall(customer.id, script.id, customer.phone_e164, "simulated", f"{n}-{i}")
                )
                any_store.update_call(call.id, CallChanges(status=CallStatus.COMPLETED))
        except BaseException as e:  # collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(any_store.list_scripts(customer.id)) == 80
    assert len(any_store.list_calls(limit=1000)) == 80


def test_analysis_round_trips_and_errors_clear(any_store: CallStore) -> None:
    customer = any_store.save_customer(validate_customer(ASHA))
    script = any_store.add_script(customer.id, "s", "offline")
    call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    failed = any_store.update_call(call.id, CallChanges(analysis_error="The model was down."))
    assert failed.analysis_error == "The model was down." and failed.analysis is None
    analysis = CallAnalysis(summary="Fine.", outcome=Outcome.FOLLOW_UP, sentiment=Sentiment.NEUTRAL, topics=[])
    done = any_store.update_call(call.id, CallChanges(analysis=analysis, analysis_error=""))
    assert done.analysis == analysis and done.analysis_error is None


def test_repeating_the_same_append_adds_nothing(any_store: CallStore) -> None:
    customer = any_store.save_customer(validate_customer(ASHA))
    script = any_store.add_script(customer.id, "s", "offline")
    call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    lines = [Utterance(id="0", speaker=Speaker.AGENT, text="Hello", at=datetime(2026, 11, 24, tzinfo=UTC))]
    first = any_store.update_call(call.id, CallChanges(utterances=lines))
    again = any_store.update_call(call.id, CallChanges(utterances=lines))
    assert first.utterances == again.utterances == lines


def test_unfinished_calls_and_missing_records(any_store: CallStore) -> None:
    customer = any_store.save_customer(validate_customer(ASHA))
    script = any_store.add_script(customer.id, "s", "offline")
    live, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    done, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "b"))
    any_store.update_call(done.id, CallChanges(status=CallStatus.COMPLETED))
    any_store.update_call(live.id, CallChanges(status=CallStatus.FINISHING))
    assert [c.id for c in any_store.unfinished_calls()] == [live.id]
    with pytest.raises(NotFound):
        any_store.get_call(9999)
    with pytest.raises(NotFound):
        any_store.get_script(9999)
    with pytest.raises(StorageError):
        any_store.add_script(9999, "orphan", "offline")  # never a script (or call) without its customer
