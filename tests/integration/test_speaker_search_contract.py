"""Exact and speaker-aware search, and what the KPIs count as connected: the same answers from both stores."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from salesbot.models import CallFilter, CallStatus, Outcome, Speaker, Utterance
from salesbot.search import terms as filters
from salesbot.search.terms import Term
from salesbot.storage import CallChanges, CallStore, CustomerHistory, HistoricCall, HistoryImport, NewCall
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import a_finished_call, an_analysis, customer_input
from tests.fakes.memory_store import MemoryStore

DAY = datetime(2026, 11, 20, 9, tzinfo=UTC)
A, C = Speaker.AGENT, Speaker.CUSTOMER


def time_of(n: int) -> datetime:
    """The n-th call's time: four hours apart, so the fifth call and later fall on the next day."""
    return DAY + timedelta(hours=n * 4)


@pytest.fixture
def conversations(any_store: CallStore) -> dict[str, int]:
    s = any_store
    f = Outcome.FOLLOW_UP
    return {  # oldest first: the table lists them newest first
        "first_quarter": a_finished_call(s, "First Quarter", when=time_of(0), outcome=f, lines=[
            (A, "We can recover the cost within the first quarter."), (C, "Let's talk next week about prices.")]),
        "next_quarter": a_finished_call(s, "Next Quarter", when=time_of(1), outcome=f, lines=[
            (A, "The plan is priced per seat."), (C, "We will decide next quarter, honestly.")]),
        "price_asked": a_finished_call(s, "Price Asked", when=time_of(2), outcome=Outcome.INTERESTED, country="US",
                                       phone="(415) 555-2671", lines=[(A, "Hello, is this a good time?"),
                                                                      (C, "Yes. What is the price for twenty reps?")]),
        "split_lines": a_finished_call(s, "Split Lines", when=time_of(3), outcome=f, lines=[
            (C, "We can only start next"), (C, "quarter, after the audit."), (A, "Understood.")]),
        "hindi": a_finished_call(s, "Priya Sharma", when=time_of(4), outcome=f, lines=[
            (A, "हमारी कीमत प्रति सीट है।"), (C, "हम अगले क्वार्टर में फ़ैसला करेंगे।")]),
        "french": a_finished_call(s, "Élodie Martin", when=time_of(5), outcome=f, lines=[
            (A, "Bonjour Élodie, le devis est prêt."), (C, "Le café était très bon, envoyez-moi le devis.")]),
    }  # fmt: skip


ALL = ["french", "hindi", "split_lines", "price_asked", "next_quarter", "first_quarter"]


@pytest.mark.parametrize(
    ("search", "said_by", "expected"),
    [
        ("next quarter", "", ["split_lines", "next_quarter", "first_quarter"]),  # words: anywhere, any order
        ('"next quarter"', "", ["next_quarter"]),  # a phrase: consecutive, in order, within one line
        ('"next quarter"', "customer", ["next_quarter"]),
        ('"next quarter"', "agent", []),
        ("next quarter", "customer", ["split_lines", "next_quarter"]),  # both words in the customer's lines
        ('"start next quarter"', "customer", []),  # never from one utterance into the next
        ('"quarter, after the audit."', "customer", ["split_lines"]),  # punctuation inside quotes
        ("price", "", ["price_asked", "next_quarter", "first_quarter"]),  # a word's beginning: prices, priced
        ("price", "customer", ["price_asked", "first_quarter"]),  # not the agent's "priced per seat"
        ("price", "agent", ["next_quarter"]),
        ('"price"', "", ["price_asked"]),  # quoted: the whole word, not priced or prices
        ('"pri"', "", []),
        ("pri", "", ["price_asked", "next_quarter", "first_quarter"]),
        ('"next quarter" price', "", ["next_quarter"]),  # a phrase and a word, both required
        ('"next quarter" price', "customer", []),
        ('"first quarter" "next week"', "", ["first_quarter"]),
        ('"the first quarter"', "agent", ["first_quarter"]),
        ("\u201cnext quarter\u201d", "", ["next_quarter"]),  # curly quotes
        ('"next quarter', "", ["next_quarter"]),  # an unmatched quote: a phrase to the end
        ('next "quarter', "", ["split_lines", "next_quarter", "first_quarter"]),
        ('"" "..." %', "", ALL),  # quotes holding no word: no search at all
        ('"अगले क्वार्टर"', "customer", ["hindi"]),  # Devanagari: vowel signs and a nukta inside words
        ('"अगले क्वार्टर"', "agent", []),
        ("कीमत", "agent", ["hindi"]),
        ("कीमत", "customer", []),
        ('"फ़ैसला करेंगे।"', "", ["hindi"]),
        ('"café était"', "customer", ["french"]),
        ('"CAFÉ ÉTAIT"', "", ["french"]),  # any case
        ('"cafe\u0301 e\u0301tait"', "", ["french"]),  # decomposed accents are composed (NFC)
        ('"cafe etait"', "", []),  # accents matter, on both stores
        ('"envoyez-moi le devis"', "customer", ["french"]),
        ('"le devis"', "agent", ["french"]),
        ("élodie", "customer", []),  # only the agent said her name
        ("élodie", "", ["french"]),
        ("quarter", "nobody", ["split_lines", "next_quarter", "first_quarter"]),  # an unknown speaker: anyone
    ],
)
def test_phrases_words_and_speakers(
    any_store: CallStore, conversations: dict[str, int], search: str, said_by: str, expected: list[str]
) -> None:
    call_filter = CallFilter(search=search, said_by=said_by)
    page = any_store.search_calls(call_filter, limit=50, offset=0)
    assert [r.summary.id for r in page.rows] == [conversations[name] for name in expected]
    assert page.total == any_store.call_stats(call_filter).calls == len(expected)


@pytest.mark.parametrize(
    ("search", "said_by", "kwargs", "expected"),
    [
        ('"next quarter"', "customer", {"outcomes": ("follow_up",)}, ["next_quarter"]),
        ('"next quarter"', "customer", {"outcomes": ("interested",)}, []),
        ("price", "customer", {"country_code": "US"}, ["price_asked"]),
        ("price", "customer", {"country_code": "IN"}, ["first_quarter"]),
        ("quarter", "customer", {"sort": "oldest"}, ["next_quarter", "split_lines"]),
        ("quarter", "customer", {"sort": "longest"}, ["split_lines", "next_quarter"]),
        ('"le devis"', "customer", {"date_from": date(2026, 11, 21)}, ["french"]),
        ('"le devis"', "customer", {"date_to": date(2026, 11, 20)}, []),
        ("quarter", "", {"customer_name": "split"}, ["split_lines"]),
        ("quarter", "customer", {"statuses": ("failed",)}, []),
    ],
)
def test_speaker_search_combines_with_the_other_filters(
    any_store: CallStore, conversations: dict[str, int], search: str, said_by: str, kwargs: dict[str, object],
    expected: list[str],
) -> None:  # fmt: skip
    call_filter = CallFilter(search=search, said_by=said_by, **kwargs)  # type: ignore[arg-type]
    page = any_store.search_calls(call_filter, limit=50, offset=0)
    wanted = [conversations[name] for name in expected]
    assert [r.summary.id for r in page.rows] == wanted
    assert page.total == any_store.call_stats(call_filter).calls == len(expected)
    assert [i for batch in any_store.iter_call_ids(call_filter, 1) for i in batch] == wanted


@pytest.mark.parametrize(
    ("search", "terms"),
    [
        ('price "next quarter"', [Term(("price",), False), Term(("next", "quarter"), True)]),
        ('"next quarter', [Term(("next", "quarter"), True)]),  # an unmatched quote runs to the end
        ("\u201cNext Quarter\u201d next", [Term(("Next", "Quarter"), True), Term(("next",), False)]),
        ('"" "..." % _', []),
        ('"pricing, please!" pricing', [Term(("pricing", "please"), True), Term(("pricing",), False)]),
        ('"next quarter" "NEXT QUARTER"', [Term(("next", "quarter"), True)]),  # once, in any case
        ('"price" price', [Term(("price",), True), Term(("price",), False)]),  # a whole word, and a beginning
        ('cafe\u0301 "e\u0301tait"', [Term(("café",), False), Term(("était",), True)]),
        ('"नमस्ते दुनिया"', [Term(("नमस्ते", "दुनिया"), True)]),
        ('"' + " ".join(f"w{i}" for i in range(15)) + '"', [Term(tuple(f"w{i}" for i in range(12)), True)]),
        (" ".join(f"w{i}" for i in range(10)), [Term((f"w{i}",), False) for i in range(8)]),
        ("don't \"let's go\"", [Term(("don't",), False), Term(("let's", "go"), True)]),  # apostrophes are not quotes
    ],
)
def test_search_terms(search: str, terms: list[Term]) -> None:
    assert filters.search_terms(search) == terms == CallFilter(search=search).search_terms()


def test_search_words_are_every_word_once() -> None:
    assert CallFilter(search='price "next quarter" Price').search_words() == ["price", "next", "quarter"]


def test_connected_is_the_customer_answering(any_store: CallStore) -> None:
    """Completed or stopped, the customer said something, and the analysis (if any) does not say nobody engaged;
    the average duration is over connected calls only."""
    hello, yes = (A, "Hello, this is Maya."), (C, "Yes, go on.")
    cases = [  # name, status, lines, outcome, seconds, connected
        ("completed", CallStatus.COMPLETED, [hello, yes], Outcome.INTERESTED, 100, True),
        ("stopped", CallStatus.STOPPED, [hello, yes], Outcome.FOLLOW_UP, 40, True),
        ("not analysed", CallStatus.COMPLETED, [hello, yes], None, 70, True),
        ("do not call", CallStatus.COMPLETED, [hello, yes], Outcome.DO_NOT_CALL, 20, True),
        ("no duration", CallStatus.COMPLETED, [hello, yes], Outcome.INTERESTED, None, True),
        ("silent", CallStatus.COMPLETED, [hello, (C, "  ")], None, 30, False),  # a blank line is not speaking
        ("stopped before", CallStatus.STOPPED, [hello], Outcome.INTERESTED, 8, False),
        ("voicemail", CallStatus.COMPLETED, [hello, (C, "Leave a message.")], Outcome.VOICEMAIL, 30, False),
        ("no answer", CallStatus.COMPLETED, [hello, yes], Outcome.NO_ANSWER, 30, False),
        ("incomplete", CallStatus.COMPLETED, [hello, yes], Outcome.INCOMPLETE, 30, False),
        ("failed", CallStatus.FAILED, [hello, yes], None, 30, False),
        ("live", CallStatus.IN_PROGRESS, [hello, yes], None, 30, False),
        ("wrapping up", CallStatus.FINISHING, [hello, yes], None, 30, False),
    ]
    for n, (name, status, lines, outcome, seconds, _) in enumerate(cases):
        a_finished_call(any_store, name, lines=lines, when=time_of(n), status=status, seconds=seconds, outcome=outcome)
    stats = any_store.call_stats(CallFilter())
    assert (stats.calls, stats.connected) == (len(cases), sum(c[5] for c in cases)) == (13, 5)
    assert stats.average_seconds == pytest.approx((100 + 40 + 70 + 20) / 4)
    stopped = any_store.call_stats(CallFilter(statuses=("stopped",)))
    assert (stopped.calls, stopped.connected, stopped.average_seconds) == (2, 1, 40)
    nobody = any_store.call_stats(CallFilter(outcomes=("voicemail", "no_answer", "incomplete")))
    assert (nobody.calls, nobody.connected, nobody.average_seconds) == (3, 0, None)


def test_connected_follows_later_changes(any_store: CallStore) -> None:
    """The flag is kept with the utterances and the analysis, whichever changes last."""
    call_id = a_finished_call(any_store, "Later", lines=[(A, "Hello?")], when=time_of(0), status=CallStatus.IN_PROGRESS,
                              seconds=30)  # fmt: skip

    def connected() -> int:
        return any_store.call_stats(CallFilter()).connected

    assert connected() == 0
    any_store.update_call(call_id, CallChanges(status=CallStatus.COMPLETED))
    assert connected() == 0  # the customer has not spoken
    at = datetime(2026, 11, 20, 9, 1, tzinfo=UTC)
    lines = [Utterance(id="0", speaker=A, text="Hello?", at=at), Utterance(id="1", speaker=C, text="Hi!", at=at)]
    any_store.update_call(call_id, CallChanges(utterances=lines))
    assert connected() == 1
    voicemail = an_analysis(Outcome.VOICEMAIL)
    any_store.update_call(call_id, CallChanges(analysis=voicemail))
    assert connected() == 0
    assert any_store.search_calls(CallFilter(search='"hi"', said_by="customer"), 10, 0).total == 1


def delete_customer(store: CallStore, request: pytest.FixtureRequest, customer_id: int) -> None:
    """Delete a customer and (by cascade) their calls, as an operator would in the database."""
    if isinstance(store, SQLiteStore):
        with sqlite3.connect(store.path) as conn:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("DELETE FROM customers WHERE id = ?", (customer_id,))
        return
    if isinstance(store, MemoryStore):
        store.delete_customer(customer_id)
        return
    import psycopg

    with psycopg.connect(request.getfixturevalue("postgres").dsn, autocommit=True) as conn:
        conn.execute("delete from public.customers where id = %s", [customer_id])


def test_kpis_from_the_daily_totals_equal_kpis_from_the_calls(
    any_store: CallStore, request: pytest.FixtureRequest
) -> None:
    """Filters on the date, status, outcome, sentiment and country only are answered from per-day totals kept by
    the writes; through inserts, updates, imports and deletes they equal the KPIs counted from the calls."""
    store = any_store
    when = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    hello = Utterance(id="0", speaker=A, text="Hello?", at=when)
    yes = Utterance(id="1", speaker=C, text="Yes.", at=when)
    asha = store.save_customer(customer_input())
    script = store.add_script(asha.id, "s", "offline")
    first, _ = store.create_call(NewCall(asha.id, script.id, asha.phone_e164, "simulated", "a", created_at=when))
    second, _ = store.create_call(NewCall(asha.id, script.id, asha.phone_e164, "simulated", "b", created_at=when))
    store.update_call(first.id, CallChanges(status=CallStatus.IN_PROGRESS, utterances=[hello]))
    store.update_call(first.id, CallChanges(utterances=[hello, yes]))
    store.update_call(first.id, CallChanges(status=CallStatus.COMPLETED, duration_seconds=30.5))
    store.update_call(
        second.id, CallChanges(status=CallStatus.STOPPED, utterances=[hello, yes], duration_seconds=12.25)
    )
    analysis = {o: an_analysis(o) for o in Outcome}
    store.update_call(second.id, CallChanges(analysis=analysis[Outcome.VOICEMAIL]))
    store.update_call(first.id, CallChanges(analysis=analysis[Outcome.INTERESTED]))
    ravi = customer_input(name="Ravi", country_code="US", phone_number="(415) 555-2671")
    calls = [HistoricCall(f"r{n}", "simulated", when + timedelta(hours=n), CallChanges(
        status=CallStatus.COMPLETED, utterances=[hello, yes], duration_seconds=n + 0.5)) for n in range(3)]  # fmt: skip
    gone = customer_input(name="Gone")
    lost = [HistoricCall("g", "simulated", when, CallChanges(status=CallStatus.COMPLETED, utterances=[hello, yes]))]
    importer: HistoryImport = store  # type: ignore[assignment]  # both stores import history (the seed command)
    importer.import_history([CustomerHistory(ravi, "s", "offline", calls), CustomerHistory(gone, "s", "offline", lost)])
    delete_customer(store, request, store.find_customers("Gone")[0].id)
    for kwargs in ({}, {"statuses": ("completed",)}, {"outcomes": ("voicemail", "interested")}, {"country_code": "US"},
                   {"date_from": date(2026, 11, 21), "date_to": date(2026, 11, 21)}, {"sentiments": ("neutral",)},
                   {"date_to": date(2026, 11, 19)}):  # fmt: skip
        from_totals = store.call_stats(CallFilter(**kwargs))  # type: ignore[arg-type]
        from_calls = store.call_stats(CallFilter(customer_name="*", **kwargs))  # type: ignore[arg-type]
        assert from_totals == from_calls, kwargs
    everything = store.call_stats(CallFilter())
    assert (everything.calls, everything.connected) == (5, 4)  # the voicemail is not connected
    assert everything.average_seconds == pytest.approx((30.5 + 0.5 + 1.5 + 2.5) / 4)
    assert everything.per_day == [(date(2026, 11, 20), "", 1), (date(2026, 11, 20), "interested", 1),
                                  (date(2026, 11, 20), "voicemail", 1), (date(2026, 11, 21), "", 2)]  # fmt: skip
