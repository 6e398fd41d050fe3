"""The Transcripts page's filters, search, sorting, paging and KPIs: the same answers from both stores."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from salesbot.models import (
    CallAnalysis,
    CallFilter,
    CallStatus,
    Coverage,
    ObjectionKind,
    Outcome,
    Sentiment,
)
from salesbot.storage import CallStore
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import a_finished_call, a_full_analysis
from tests.fakes.memory_store import MemoryStore

DAY1 = datetime(2026, 11, 20, 9, tzinfo=UTC)


@pytest.fixture
def history(any_store: CallStore) -> dict[str, int]:
    s = any_store
    return {
        "asha": a_finished_call(s, "Asha Rao", "The pricing sounds fair, let's book Thursday.", when=DAY1,
                                seconds=120, outcome=Outcome.INTERESTED, sentiment=Sentiment.POSITIVE),
        "ravi": a_finished_call(s, "Ravi Kumar", "Too expensive for us, not interested.", phone="91234 56789",
                                when=DAY1 + timedelta(days=1), seconds=45, outcome=Outcome.NOT_INTERESTED,
                                sentiment=Sentiment.NEGATIVE),
        "bob": a_finished_call(s, "Bob Smith", "", country="US", phone="(415) 555-2671", when=DAY1 + timedelta(days=2),
                               status=CallStatus.FAILED, seconds=None, outcome=Outcome.NO_ANSWER),
        "mia": a_finished_call(s, "Mia Wong", "Send me information about the pricing and the CRM integration.",
                               country="US", phone="(212) 555-0187", when=DAY1 + timedelta(days=2, hours=3),
                               seconds=300, outcome=Outcome.FOLLOW_UP),
    }  # fmt: skip


def ids(store: CallStore, **kwargs: object) -> list[int]:
    return [r.summary.id for r in store.search_calls(CallFilter(**kwargs), limit=50, offset=0).rows]  # type: ignore[arg-type]


def test_newest_first_by_default_with_totals(any_store: CallStore, history: dict[str, int]) -> None:
    page = any_store.search_calls(CallFilter(), limit=2, offset=0)
    assert page.total == 4
    assert [r.summary.id for r in page.rows] == [history["mia"], history["bob"]]
    second = any_store.search_calls(CallFilter(), limit=2, offset=2)
    assert [r.summary.id for r in second.rows] == [history["ravi"], history["asha"]]
    assert second.rows[1].summary.customer_name == "Asha Rao" and second.rows[1].country_code == "IN"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"date_from": date(2026, 11, 21)}, ["mia", "bob", "ravi"]),
        ({"date_to": date(2026, 11, 21)}, ["ravi", "asha"]),
        ({"date_from": date(2026, 11, 22), "date_to": date(2026, 11, 22)}, ["mia", "bob"]),
        ({"statuses": ("failed",)}, ["bob"]),
        ({"outcomes": ("interested", "follow_up")}, ["mia", "asha"]),
        ({"sentiments": ("negative",)}, ["ravi"]),
        ({"customer_name": "rao"}, ["asha"]),
        ({"customer_name": "nobody"}, []),
        ({"country_code": "US"}, ["mia", "bob"]),
        ({"search": "pricing"}, ["mia", "asha"]),
        ({"search": "pricing CRM"}, ["mia"]),
        ({"search": "EXPENSIVE"}, ["ravi"]),
        ({"search": "pricing", "country_code": "IN"}, ["asha"]),
        ({"search": '"quoted" % _'}, []),
        ({"sort": "oldest"}, ["asha", "ravi", "bob", "mia"]),
        ({"sort": "longest"}, ["mia", "asha", "ravi", "bob"]),
        ({"sort": "shortest"}, ["ravi", "asha", "mia", "bob"]),
    ],
)
def test_each_filter_search_and_sort(
    any_store: CallStore, history: dict[str, int], kwargs: dict[str, object], expected: list[str]
) -> None:
    assert ids(any_store, **kwargs) == [history[name] for name in expected]


def test_kpis_follow_the_filter(any_store: CallStore, history: dict[str, int]) -> None:
    everything = any_store.call_stats(CallFilter())
    assert everything.calls == 4 and everything.connected == 3
    assert everything.average_seconds == pytest.approx((120 + 45 + 300) / 3)
    assert everything.outcomes == {"interested": 1, "not_interested": 1, "no_answer": 1, "follow_up": 1}
    assert everything.per_day == [
        (date(2026, 11, 20), "interested", 1),
        (date(2026, 11, 21), "not_interested", 1),
        (date(2026, 11, 22), "follow_up", 1),
        (date(2026, 11, 22), "no_answer", 1),
    ]
    us = any_store.call_stats(CallFilter(country_code="US", search="pricing"))
    assert (us.calls, us.connected, us.outcomes) == (1, 1, {"follow_up": 1})
    assert any_store.call_stats(CallFilter(customer_name="nobody")).calls == 0


@pytest.mark.parametrize("sort", ["newest", "oldest", "longest", "shortest"])
@pytest.mark.parametrize("batch", [1, 2, 500])
def test_call_ids_in_batches_follow_the_sort_order(
    any_store: CallStore, history: dict[str, int], sort: str, batch: int
) -> None:
    """Keyset batches give the same ids as the table, ties (the same time, the same or no duration) included."""
    when = DAY1 + timedelta(days=1)  # the time of ravi's call, and his duration: ties on every sort key
    for name in ("Tie One", "Tie Two"):
        a_finished_call(any_store, name, "Again.", when=when, seconds=45)
    a_finished_call(any_store, "No Length", "", when=when, status=CallStatus.FAILED, seconds=None)
    for call_filter in (CallFilter(sort=sort), CallFilter(sort=sort, country_code="IN", search="again")):
        batches = list(any_store.iter_call_ids(call_filter, batch))
        assert all(0 < len(b) <= batch for b in batches)
        expected = [r.summary.id for r in any_store.search_calls(call_filter, limit=50, offset=0).rows]
        assert [i for b in batches for i in b] == expected and len(expected) >= 2
    assert list(any_store.iter_call_ids(CallFilter(search="nothing-like-this"), batch)) == []


@pytest.fixture
def languages(any_store: CallStore) -> dict[str, int]:
    s, day = any_store, DAY1 + timedelta(days=5)
    return {
        "hindi": a_finished_call(s, "Priya Sharma", "नमस्ते, मैं हिंदी में बात करना चाहूँगी। कीमत क्या है?",
                                 phone="87654 32109", when=day, seconds=60, outcome=Outcome.INTERESTED),
        "french": a_finished_call(s, "Élodie Martin", "Le café était très bon, envoyez-moi le devis.", country="FR",
                                  phone="6 12 34 56 78", when=day + timedelta(hours=1), seconds=90,
                                  outcome=Outcome.FOLLOW_UP),
        "arabic": a_finished_call(s, "Omar Haddad", "مرحباً، أريد معرفة السعر من فضلك", country="AE",
                                  phone="50 123 4567", when=day + timedelta(hours=2), seconds=30,
                                  outcome=Outcome.NOT_INTERESTED),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("नमस्ते", ["hindi"]),  # a virama and a vowel sign inside the word
        ("हिंदी", ["hindi"]),
        ("नमस", ["hindi"]),  # the beginning of a word
        ("नमस्ते कीमत", ["hindi"]),
        ("चाहूँगी।", ["hindi"]),  # the danda is punctuation
        ("café", ["french"]),
        ("CAFÉ TRÈS", ["french"]),
        ("ÉLODIE", ["french"]),  # the agent greets her by name
        ("envoyez-moi", ["french"]),
        ("مرحباً", ["arabic"]),
        ("السعر", ["arabic"]),
        ("نمستے", []),
        ("नमस्ते café", []),
    ],
)
def test_search_in_hindi_french_and_arabic(
    any_store: CallStore, languages: dict[str, int], search: str, expected: list[str]
) -> None:
    """Each store reads the search words with the tokenizer that indexed the transcripts, so words with combining
    marks are found whole; the KPIs count the same calls as the table."""
    assert ids(any_store, search=search) == [languages[name] for name in expected]
    assert any_store.call_stats(CallFilter(search=search)).calls == len(expected)


@pytest.mark.parametrize(
    ("customer_name", "expected"),
    [
        ("élodie", ["french"]),  # any case, in any script
        ("ÉLODIE MAR", ["french"]),
        ("priya*sharma", ["hindi"]),  # * stands for any text
        ("a", ["arabic", "french", "hindi"]),
        ("50%", []),  # % and _ are themselves
        ("omar_haddad", []),
    ],
)
def test_the_name_filter_is_the_same_for_the_table_and_the_kpis(
    any_store: CallStore, languages: dict[str, int], customer_name: str, expected: list[str]
) -> None:
    assert ids(any_store, customer_name=customer_name) == [languages[name] for name in expected]
    page = any_store.search_calls(CallFilter(customer_name=customer_name), limit=50, offset=0)
    assert page.total == any_store.call_stats(CallFilter(customer_name=customer_name)).calls == len(expected)


def test_a_page_past_the_last_match_is_empty_with_the_total(any_store: CallStore, history: dict[str, int]) -> None:
    """PostgREST answers 416 to an offset past the last row when asked to count; the store still gives the total."""
    past = any_store.search_calls(CallFilter(), limit=25, offset=100)
    assert past.rows == [] and past.total == 4
    assert any_store.search_calls(CallFilter(search="nothing-like-this"), limit=25, offset=25).total == 0
    assert any_store.search_calls(CallFilter(), limit=25, offset=100, with_total=False).rows == []


@pytest.mark.parametrize(
    ("search", "words"),
    [
        ("नमस्ते दुनिया", ["नमस्ते", "दुनिया"]),  # never cut at a combining mark
        ("cafe\u0301", ["café"]),  # decomposed accents, as some keyboards send them, composed (NFC)
        ('"quoted" % _ ...', ["quoted"]),  # punctuation at the ends dropped; words without letters ignored
        ("let's e-mail 2.34, (pricing)!", ["let's", "e-mail", "2.34", "pricing"]),
        ("Pricing pricing PRICING", ["Pricing"]),
        (" ".join(f"w{i}" for i in range(12)), [f"w{i}" for i in range(8)]),
    ],
)
def test_search_words_are_split_at_white_space_only(search: str, words: list[str]) -> None:
    assert CallFilter(search=search).search_words() == words


P, T, C, N = ObjectionKind.PRICE, ObjectionKind.TIMING, ObjectionKind.COMPETITOR, ObjectionKind.NO_NEED


@pytest.fixture
def objections(any_store: CallStore) -> dict[str, int]:
    s, day = any_store, DAY1 + timedelta(days=10)

    def add(name: str, hours: int, outcome: Outcome | None, analysis: CallAnalysis | None) -> int:
        return a_finished_call(s, name, "Words.", phone=f"98765 4321{hours}", when=day + timedelta(hours=hours),
                               outcome=outcome, analysis=analysis)  # fmt: skip

    return {
        "price_no": add("Price No", 0, Outcome.NOT_INTERESTED, a_full_analysis(Outcome.NOT_INTERESTED, (P,))),
        "price_later": add("Price Later", 1, Outcome.FOLLOW_UP, a_full_analysis(Outcome.FOLLOW_UP, (T, P, T), "Call back")),
        "rival_meeting": add("Rival Meeting", 2, Outcome.MEETING_BOOKED,
                             a_full_analysis(Outcome.MEETING_BOOKED, (C,), "Walkthrough")),
        "keen": add("Keen", 3, Outcome.INTERESTED, a_full_analysis(Outcome.INTERESTED)),
        "stop": add("Stop Calling", 4, Outcome.DO_NOT_CALL, a_full_analysis(Outcome.DO_NOT_CALL, (N,))),
        "unanalysed": add("Not Analysed", 5, None, None),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"objections": ("price",)}, ["price_later", "price_no"]),
        ({"objections": ("timing", "competitor")}, ["rival_meeting", "price_later"]),  # any of them
        ({"objections": ("authority",)}, []),
        ({"objections": ("no_need", "price")}, ["stop", "price_later", "price_no"]),
        ({"next_step_agreed": True}, ["rival_meeting", "price_later"]),
        ({"next_step_agreed": False}, ["stop", "keen", "price_no"]),  # a call not analysed is neither
        ({"objections": ("price",), "outcomes": ("not_interested",)}, ["price_no"]),  # price raised, not interested
        ({"objections": ("price",), "next_step_agreed": True}, ["price_later"]),
        ({"outcomes": ("follow_up", "meeting_booked", "interested"), "next_step_agreed": False}, ["keen"]),
        ({"objections": ("price", "competitor"), "next_step_agreed": False, "sort": "oldest"}, ["price_no"]),
        ({"outcomes": ("do_not_call",)}, ["stop"]),
    ],
)
def test_objection_and_next_step_filters_for_the_table_and_the_kpis(
    any_store: CallStore, objections: dict[str, int], kwargs: dict[str, object], expected: list[str]
) -> None:
    assert ids(any_store, **kwargs) == [objections[name] for name in expected]
    call_filter = CallFilter(**kwargs)  # type: ignore[arg-type]
    page = any_store.search_calls(call_filter, limit=50, offset=0)
    assert page.total == any_store.call_stats(call_filter).calls == len(expected)


def test_a_row_carries_its_objections_next_step_and_analysis(any_store: CallStore, objections: dict[str, int]) -> None:
    rows = {r.summary.id: r for r in any_store.search_calls(CallFilter(), limit=50, offset=0).rows}
    later = rows[objections["price_later"]]
    assert later.objections == ("price", "timing")  # each kind once, in ObjectionKind's order
    assert later.next_step_agreed is True
    assert later.analysis == any_store.get_call(objections["price_later"]).analysis
    assert later.analysis is not None and later.analysis.next_step is not None
    assert later.analysis.next_step.when == "Thursday at 3 pm" and later.analysis.talk.agent_share == 0.75
    keen = rows[objections["keen"]]
    assert (keen.objections, keen.next_step_agreed) == ((), False)
    unanalysed = rows[objections["unanalysed"]]
    assert (unanalysed.objections, unanalysed.next_step_agreed, unanalysed.analysis) == ((), None, None)


def test_connected_leaves_out_every_outcome_where_nobody_engaged(any_store: CallStore) -> None:
    for n, outcome in enumerate(Outcome):
        failed = outcome is Outcome.BUSY  # a busy line is only ever a failed call (analysis.verify)
        a_finished_call(any_store, f"Customer {n}", "Hello?", phone=f"98765 4321{n}", when=DAY1 + timedelta(hours=n),
                        seconds=30, outcome=outcome, status=CallStatus.FAILED if failed else CallStatus.COMPLETED)  # fmt: skip
    a_finished_call(
        any_store,
        "Stopped",
        "Yes, go on.",
        phone="91234 56789",
        when=DAY1,
        status=CallStatus.STOPPED,
        seconds=5,
        outcome=Outcome.INTERESTED,
    )
    stats = any_store.call_stats(CallFilter())
    assert stats.calls == len(Outcome) + 1
    # not voicemail, no_answer or incomplete; the stopped call counts (the customer had spoken)
    assert stats.connected == sum(o.connected for o in Outcome) + 1 == 6
    assert any_store.call_stats(CallFilter(outcomes=("incomplete", "voicemail"))).connected == 0
    assert any_store.call_stats(CallFilter(outcomes=("do_not_call",))).connected == 1
    assert stats.average_seconds == pytest.approx((30 * 5 + 5) / 6)  # over connected calls only


# An analysis as the first release stored it: topics with `covered` and `quote`, the recommendation as `next_step`.
FIRST_RELEASE: dict[str, Any] = {
    "summary": "Asked for pricing.",
    "outcome": "follow_up",
    "sentiment": "neutral",
    "topics": [
        {"topic": "Pricing", "covered": True, "quote": "What does it cost?"},
        {"topic": "Onboarding", "covered": False, "quote": ""},
    ],
    "next_step": "Send the pricing sheet and call back next week.",
    "analyst": "offline",
}


def store_raw_analysis(store: CallStore, request: pytest.FixtureRequest, call_id: int, analysis: dict[str, Any]) -> None:  # fmt: skip
    """Write an analysis straight into the table, as an earlier release of the app did (no objection columns)."""
    values = (json.dumps(analysis), analysis["outcome"], analysis["sentiment"], call_id)
    if isinstance(store, SQLiteStore):
        with sqlite3.connect(store.path) as conn:
            conn.execute(
                "UPDATE call_transcripts SET analysis = ?, outcome = ?, sentiment = ?, objections = NULL,"
                " next_step_agreed = NULL WHERE id = ?",
                values,
            )
        return
    if isinstance(store, MemoryStore):
        store.calls[call_id].update(analysis=analysis, outcome=values[1], sentiment=values[2], objections=None,
                                    next_step_agreed=None)  # fmt: skip
        return
    import psycopg

    with psycopg.connect(request.getfixturevalue("postgres").dsn) as conn:
        conn.execute(
            "update public.call_transcripts set analysis = %s::jsonb, outcome = %s, sentiment = %s, objections = null,"
            " next_step_agreed = null where id = %s",
            values,
        )


def test_analyses_stored_by_the_first_release_still_load(any_store: CallStore, request: pytest.FixtureRequest) -> None:
    call_id = a_finished_call(any_store, "Old Timer", "What does it cost?", when=DAY1)
    store_raw_analysis(any_store, request, call_id, FIRST_RELEASE)
    analysis = any_store.get_call(call_id).analysis
    assert analysis is not None and analysis.outcome is Outcome.FOLLOW_UP
    assert [(t.topic, t.status, t.evidence) for t in analysis.topics] == [
        ("Pricing", Coverage.COVERED, []),  # the unchecked quote is not kept as evidence
        ("Onboarding", Coverage.NOT_COVERED, []),
    ]
    assert analysis.next_step is None and analysis.recommendation == FIRST_RELEASE["next_step"]
    assert analysis.objections == []
    (row,) = any_store.search_calls(CallFilter(outcomes=("follow_up",)), limit=50, offset=0).rows
    assert row.analysis == analysis and row.objections == () and row.next_step_agreed is None
    assert ids(any_store, next_step_agreed=True) == [] and ids(any_store, objections=("price",)) == []
