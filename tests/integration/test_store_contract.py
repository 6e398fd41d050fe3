"""Every storage behaviour, run against both stores: the SQLite file and Supabase (real PostgreSQL 15
behind a PostgREST-protocol server, through the unmodified supabase client)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest

from salesbot.errors import NotFound, StorageError
from salesbot.models import CallFilter, CallStatus, Customer, ObjectionKind, Outcome, Sentiment, Speaker, Utterance
from salesbot.storage import GET_CALLS_BATCH, CallChanges, CallStore, CustomerHistory, HistoricCall, NewCall
from salesbot.storage.supabase_store import SupabaseStore
from tests.builders import a_full_analysis, a_saved_customer, an_analysis, customer_input
from tests.fakes.postgrest_server import PostgrestServer, make_key


def test_customer_round_trip_and_upsert_by_name_and_number(any_store: CallStore) -> None:
    first = any_store.save_customer(customer_input())
    assert first.phone_e164 == "+919876543210" and first.topics[0] == "Pricing"
    again = any_store.save_customer(customer_input(name="asha rao", topics="Security"))
    assert again.id == first.id and again.topics == ["Security"]
    other = any_store.save_customer(customer_input(name="Ravi"))
    assert other.id != first.id
    with pytest.raises(NotFound):
        any_store.get_customer(999)


def test_scripts_are_versions_newest_first(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    v1 = any_store.add_script(customer.id, "one", "offline")
    v2 = any_store.add_script(customer.id, "two", "edited")
    assert [s.id for s in any_store.list_scripts(customer.id)] == [v2.id, v1.id]
    assert any_store.get_script(v1.id).script == "one"


def test_create_call_is_idempotent_per_attempt_key(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    script = any_store.add_script(customer.id, "s", "offline")
    new = NewCall(customer.id, script.id, customer.phone_e164, "simulated", "attempt-1")
    call, created = any_store.create_call(new)
    again, created_again = any_store.create_call(new)
    assert created and not created_again and again.id == call.id
    assert call.status is CallStatus.DIALLING


def test_update_call_stores_utterances_transcript_and_times(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
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
    summaries = [row.summary for row in any_store.search_calls(CallFilter(), 200, 0).rows]
    assert summaries[0].first_words == "Hello Asha" and summaries[0].customer_name == "Asha Rao"
    assert any_store.unfinished_calls() == []


def test_get_calls_reads_a_batch_in_the_order_asked(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    script = any_store.add_script(customer.id, "s", "offline")
    at = datetime(2026, 11, 24, 10, 0, 5, tzinfo=UTC)
    made = []
    for n in range(3):
        call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", f"k{n}"))
        lines = [Utterance(id="0", speaker=Speaker.CUSTOMER, text=f"Line {n}", at=at)]
        made.append(any_store.update_call(call.id, CallChanges(status=CallStatus.COMPLETED, utterances=lines)))
    first, second, third = made
    assert any_store.get_calls([third.id, 9999, first.id]) == [third, first]  # a missing id is left out
    assert any_store.get_calls([second.id, second.id]) == [second, second]
    assert any_store.get_calls([]) == []
    assert any_store.get_calls([c.id for c in made]) == [any_store.get_call(c.id) for c in made]


def test_get_calls_is_one_round_trip_per_batch(postgrest: PostgrestServer, supabase_store: SupabaseStore) -> None:
    """Supabase only: ids past PostgREST's max-rows are read in batches, none lost to the cap."""
    when = datetime(2026, 11, 24, tzinfo=UTC)
    history = CustomerHistory(customer_input(), "s", "offline", [
        HistoricCall(f"h{n}", "simulated", when, CallChanges(status=CallStatus.COMPLETED)) for n in range(1200)])  # fmt: skip
    supabase_store.import_history([history])
    wanted = [i for batch in supabase_store.iter_call_ids(CallFilter(), 1000) for i in batch]
    assert len(wanted) == 1200
    before = len(postgrest.state.requests)
    found = supabase_store.get_calls([*wanted, 9_999_999])
    assert [c.id for c in found] == wanted
    assert len(postgrest.state.requests) - before == 3  # 1,201 ids: three reads of at most GET_CALLS_BATCH (500)
    assert GET_CALLS_BATCH == 500


def test_call_for_a_missing_customer_is_refused(any_store: CallStore) -> None:
    with pytest.raises(StorageError):
        any_store.create_call(NewCall(404, 1, "+919876543210", "simulated", "x"))
    assert any_store.search_calls(CallFilter(), 200, 0).rows == []


def test_many_sessions_writing_at_once_lose_nothing(any_store: CallStore) -> None:
    """Eight threads (like eight browser sessions), each with its own connections, write concurrently."""
    errors: list[BaseException] = []
    customer = any_store.save_customer(customer_input())

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
    assert len(any_store.search_calls(CallFilter(), 1000, 0).rows) == 80


def test_analysis_round_trips_and_errors_clear(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    script = any_store.add_script(customer.id, "s", "offline")
    call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    failed = any_store.update_call(call.id, CallChanges(analysis_error="The model was down."))
    assert failed.analysis_error == "The model was down." and failed.analysis is None
    analysis = an_analysis(Outcome.FOLLOW_UP, summary="Fine.")
    done = any_store.update_call(call.id, CallChanges(analysis=analysis, analysis_error=""))
    assert done.analysis == analysis and done.analysis_error is None
    full = a_full_analysis(Outcome.MEETING_BOOKED, (ObjectionKind.TIMING, ObjectionKind.PRICE), "Walkthrough")
    assert any_store.update_call(call.id, CallChanges(analysis=full)).analysis == full
    assert any_store.get_call(call.id).analysis == full


def test_an_update_with_nothing_to_change_returns_the_call_as_stored(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    script = any_store.add_script(customer.id, "s", "offline")
    call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    lines = [Utterance(id="0", speaker=Speaker.AGENT, text="Hello", at=datetime(2026, 11, 24, tzinfo=UTC))]
    stored = any_store.update_call(call.id, CallChanges(status=CallStatus.IN_PROGRESS, utterances=lines))
    assert any_store.update_call(call.id, CallChanges()) == stored
    with pytest.raises(NotFound):
        any_store.update_call(9999, CallChanges())


def test_repeating_the_same_append_adds_nothing(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    script = any_store.add_script(customer.id, "s", "offline")
    call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    lines = [Utterance(id="0", speaker=Speaker.AGENT, text="Hello", at=datetime(2026, 11, 24, tzinfo=UTC))]
    first = any_store.update_call(call.id, CallChanges(utterances=lines))
    again = any_store.update_call(call.id, CallChanges(utterances=lines))
    assert first.utterances == again.utterances == lines


def test_unfinished_calls_and_missing_records(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
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


def _ids(customers: list[Customer]) -> list[int]:
    return [c.id for c in customers]


def test_find_customers_with_a_blank_query_lists_the_newest_first_up_to_the_limit(any_store: CallStore) -> None:
    first = a_saved_customer(any_store, name="Asha Rao", phone_number="98765 43210")
    second = a_saved_customer(any_store, name="Ravi Kumar", phone_number="91234 56789")
    third = a_saved_customer(any_store, name="Priya Rao", phone_number="87654 32109")
    assert _ids(any_store.find_customers("")) == [third.id, second.id, first.id]
    assert _ids(any_store.find_customers("   ", limit=2)) == [third.id, second.id]
    assert any_store.find_customers("", limit=0) == []


def test_find_customers_by_name_ignores_case_and_word_order(any_store: CallStore) -> None:
    asha = a_saved_customer(any_store, name="Asha Rao", phone_number="98765 43210")
    ravi = a_saved_customer(any_store, name="Ravi Kumar", phone_number="91234 56789")
    priya = a_saved_customer(any_store, name="Priya Rao", phone_number="87654 32109")
    rashmi = a_saved_customer(any_store, name="Rashmi", phone_number="76543 21098")
    assert _ids(any_store.find_customers("RAO")) == [priya.id, asha.id]
    assert _ids(any_store.find_customers("ash")) == [rashmi.id, asha.id]
    assert _ids(any_store.find_customers("  rao   ASHA ")) == [asha.id]
    assert _ids(any_store.find_customers("kumar ravi")) == [ravi.id]
    assert _ids(any_store.find_customers("rao", limit=1)) == [priya.id]
    assert any_store.find_customers("Asha Kumar") == []
    assert any_store.find_customers("zebra") == []


def test_find_customers_by_number_ignores_spaces_plus_dashes_and_parentheses(any_store: CallStore) -> None:
    asha = a_saved_customer(any_store, name="Asha Rao", phone_number="98765 43210")  # +919876543210
    ravi = a_saved_customer(any_store, name="Ravi Kumar", phone_number="91234 56789")  # +919123456789
    assert _ids(any_store.find_customers("98765 43210")) == [asha.id]
    assert _ids(any_store.find_customers("+91 98765")) == [asha.id]
    assert _ids(any_store.find_customers("(912) 345-6789")) == [ravi.id]
    assert _ids(any_store.find_customers("345")) == [ravi.id]
    assert _ids(any_store.find_customers("91")) == []  # fewer than 3 digits: not a number search
    assert any_store.find_customers("555 1234") == []


def test_find_customers_matches_wildcards_and_punctuation_literally(any_store: CallStore) -> None:
    club = a_saved_customer(any_store, name="50% Club_Member", phone_number="98765 43210")
    a_saved_customer(any_store, name="5000 Clubs Member", phone_number="91234 56789")
    pune = a_saved_customer(any_store, name="Rao, Asha (Pune)", phone_number="87654 32109")
    quote = a_saved_customer(any_store, name='O"Brien \\ Sons: Ltd.', phone_number="76543 21098")
    assert _ids(any_store.find_customers("50%")) == [club.id]
    assert _ids(any_store.find_customers("club_")) == [club.id]
    assert _ids(any_store.find_customers("%")) == [club.id]
    assert _ids(any_store.find_customers("_")) == [club.id]
    assert any_store.find_customers("5_0") == [] and any_store.find_customers("a_ha") == []
    assert _ids(any_store.find_customers("rao, asha (pune")) == [pune.id]
    assert _ids(any_store.find_customers("(pune)")) == [pune.id]
    assert _ids(any_store.find_customers('o"brien \\ sons: ltd.')) == [quote.id]
    assert _ids(any_store.find_customers("\\")) == [quote.id]
    assert _ids(any_store.find_customers("member*50%")) == [club.id]  # * separates words, as a space does


def test_open_calls_to_a_number_since_a_time_newest_first(any_store: CallStore) -> None:
    asha = a_saved_customer(any_store, name="Asha Rao", phone_number="98765 43210")
    ravi = a_saved_customer(any_store, name="Ravi Kumar", phone_number="91234 56789")
    script = any_store.add_script(asha.id, "s", "offline")
    since = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

    def call(customer: Customer, key: str, minutes: float, status: CallStatus) -> int:
        at = since + timedelta(minutes=minutes)
        made, _ = any_store.create_call(
            NewCall(customer.id, script.id, customer.phone_e164, "simulated", key, created_at=at)
        )
        if status is not CallStatus.DIALLING:
            any_store.update_call(made.id, CallChanges(status=status))
        return made.id

    call(asha, "before", -0.01, CallStatus.DIALLING)  # open, but older than `since`
    at_since = call(asha, "at-since", 0, CallStatus.IN_PROGRESS)
    wrapping_up = call(asha, "wrapping-up", 3, CallStatus.FINISHING)
    unknown = call(asha, "unknown", 5, CallStatus.UNKNOWN)
    dialling = call(asha, "dialling", 5, CallStatus.DIALLING)  # same time as `unknown`: the later id first
    for n, final in enumerate((CallStatus.COMPLETED, CallStatus.FAILED, CallStatus.STOPPED)):
        call(asha, f"final-{n}", 6 + n, final)
    call(ravi, "other-number", 9, CallStatus.DIALLING)

    expected = [dialling, unknown, wrapping_up, at_since]
    assert [c.id for c in any_store.open_calls_to(asha.phone_e164, since)] == expected
    ist = since.astimezone(timezone(timedelta(hours=5, minutes=30)))  # the same moment, told in India
    assert [c.id for c in any_store.open_calls_to(asha.phone_e164, ist)] == expected
    later = any_store.open_calls_to(asha.phone_e164, since + timedelta(microseconds=1))
    assert [c.id for c in later] == [dialling, unknown, wrapping_up]
    assert [c.status for c in later] == [CallStatus.DIALLING, CallStatus.UNKNOWN, CallStatus.FINISHING]
    assert any_store.open_calls_to(asha.phone_e164, since + timedelta(minutes=10)) == []
    assert any_store.open_calls_to("+919999999999", since - timedelta(days=1)) == []


def test_the_latest_do_not_call_request_to_exactly_a_number(any_store: CallStore) -> None:
    asha = a_saved_customer(any_store, name="Asha Rao", phone_number="98765 43210")  # +919876543210
    again = a_saved_customer(
        any_store, name="Asha R.", phone_number="98765 43210"
    )  # the same number saved under another name
    ravi = a_saved_customer(any_store, name="Ravi Kumar", phone_number="91234 56789")
    script = any_store.add_script(asha.id, "s", "offline")
    day = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

    def call(customer: Customer, key: str, hours: float, outcome: Outcome | None, phone: str = "") -> int:
        at = day + timedelta(hours=hours)
        new = NewCall(customer.id, script.id, phone or customer.phone_e164, "simulated", key, created_at=at)
        made, _ = any_store.create_call(new)
        analysis = None
        if outcome is not None:
            analysis = an_analysis(outcome, Sentiment.NEGATIVE)
        any_store.update_call(made.id, CallChanges(status=CallStatus.COMPLETED, analysis=analysis))
        return made.id

    assert any_store.do_not_call_request(asha.phone_e164) is None  # no calls at all
    call(asha, "first", 0, Outcome.NOT_INTERESTED)
    call(asha, "unanalysed", 1, None)
    assert any_store.do_not_call_request(asha.phone_e164) is None
    call(asha, "asked", 2, Outcome.DO_NOT_CALL)
    call(again, "asked-again", 3, Outcome.DO_NOT_CALL)
    same_moment = call(asha, "asked-same-moment", 3, Outcome.DO_NOT_CALL)  # the same time: the later id wins
    call(asha, "keen-later", 4, Outcome.INTERESTED)  # a later call does not undo the request
    call(ravi, "ravi", 5, Outcome.INTERESTED)
    call(ravi, "prefix", 6, Outcome.DO_NOT_CALL, phone="+91987654321")  # a prefix of Asha's number
    call(ravi, "longer", 7, Outcome.DO_NOT_CALL, phone="+9198765432100")

    found = any_store.do_not_call_request(asha.phone_e164)
    assert found is not None and found.id == same_moment
    assert found.analysis is not None and found.analysis.outcome is Outcome.DO_NOT_CALL
    assert found.phone_e164 == asha.phone_e164 and found.created_at == day + timedelta(hours=3)
    assert any_store.do_not_call_request(ravi.phone_e164) is None
    assert any_store.do_not_call_request("9876543210") is None  # exactly the number


def test_the_postgrest_stand_in_parses_or_filters_as_strictly_as_postgrest(
    postgrest: PostgrestServer, supabase_store: SupabaseStore
) -> None:
    """Supabase only (here because find_customers relies on it): or=(...) per PostgREST's grammar, else PGRST100."""
    pune = a_saved_customer(supabase_store, name="Rao, Asha (Pune)", phone_number="98765 43210")
    ravi = a_saved_customer(supabase_store, name="Ravi Kumar", phone_number="91234 56789")
    a_saved_customer(supabase_store, name='Ravi "Junior" Kumar', phone_number="91234 56789")
    key = make_key("service_role")
    headers = {"apikey": key, "Authorization": f"Bearer {key}"}

    def get(or_filter: str) -> httpx.Response:
        return httpx.get(f"{postgrest.url}/rest/v1/customers", params={"or": or_filter}, headers=headers, timeout=5)

    quoted = get('(name.ilike."*rao, asha (pune)*",and(phone_e164.like.*123*,name.not.ilike."*\\"junior\\"*"))')
    assert quoted.status_code == 200 and sorted(r["id"] for r in quoted.json()) == [pune.id, ravi.id]
    for malformed, column in (("(name.ilike.*a*", 18), ("()", 4), ("(name.zz.1)", 12), ("(name.eq.1,)", 14)):
        answer = get(malformed)
        assert answer.status_code == 400, malformed
        body = answer.json()
        assert body["code"] == "PGRST100" and body["details"], malformed
        assert body["message"] == f'"failed to parse logic tree ({malformed})" (line 1, column {column})'
