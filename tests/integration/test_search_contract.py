"""The Transcripts page's filters, search, sorting, paging and KPIs: the same answers from both stores."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from salesbot.models import CallAnalysis, CallStatus, Outcome, Sentiment, Speaker, Utterance
from salesbot.storage import CallChanges, CallFilter, CallStore, NewCall
from salesbot.validation import validate_customer
from tests.conftest import ASHA

DAY1 = datetime(2026, 11, 20, 9, tzinfo=UTC)


def add_call(store: CallStore, name: str, country: str, phone: str, when: datetime, status: CallStatus,
             words: str, seconds: float | None, outcome: Outcome | None, sentiment: Sentiment = Sentiment.NEUTRAL) -> int:  # fmt: skip
    customer = store.save_customer(
        validate_customer({**ASHA, "name": name, "country_code": country, "phone_number": phone})
    )
    script = store.add_script(customer.id, "s", "offline")
    call, _ = store.create_call(
        NewCall(customer.id, script.id, customer.phone_e164, "simulated", f"{name}-{when.isoformat()}", country, when)
    )
    lines = [
        Utterance(id="0", speaker=Speaker.AGENT, text=f"Hello {name}, this is Maya.", at=when),
        Utterance(id="1", speaker=Speaker.CUSTOMER, text=words, at=when + timedelta(seconds=5)),
    ]
    analysis = CallAnalysis(summary="s", outcome=outcome, sentiment=sentiment, topics=[]) if outcome else None
    store.update_call(
        call.id, CallChanges(status=status, utterances=lines, duration_seconds=seconds, analysis=analysis)
    )
    return call.id


@pytest.fixture
def history(any_store: CallStore) -> dict[str, int]:
    s = any_store
    return {
        "asha": add_call(s, "Asha Rao", "IN", "98765 43210", DAY1, CallStatus.COMPLETED,
                         "The pricing sounds fair, let's book Thursday.", 120, Outcome.INTERESTED, Sentiment.POSITIVE),
        "ravi": add_call(s, "Ravi Kumar", "IN", "91234 56789", DAY1 + timedelta(days=1), CallStatus.COMPLETED,
                         "Too expensive for us, not interested.", 45, Outcome.NOT_INTERESTED, Sentiment.NEGATIVE),
        "bob": add_call(s, "Bob Smith", "US", "(415) 555-2671", DAY1 + timedelta(days=2), CallStatus.FAILED,
                        "", None, Outcome.NO_ANSWER),
        "mia": add_call(s, "Mia Wong", "US", "(212) 555-0187", DAY1 + timedelta(days=2, hours=3), CallStatus.COMPLETED,
                        "Send me information about the pricing and the CRM integration.", 300, Outcome.FOLLOW_UP),
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
