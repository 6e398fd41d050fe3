"""The bulk import (`HistoryImport.bulk_import`, what `seed` uses) on every store: the same calls, versions and counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from salesbot.errors import StorageError
from salesbot.models import CallFilter, CallStatus, ObjectionKind, Outcome, Speaker, Utterance
from salesbot.storage import CallChanges, CallStore, CustomerHistory, HistoricCall, HistoryImport
from tests.builders import a_full_analysis, customer_input

WHEN = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
A, C = Speaker.AGENT, Speaker.CUSTOMER


def _call(key: str, at: datetime, said: str, by: str = "", analysed: bool = True) -> HistoricCall:
    lines = [
        Utterance(id="0", speaker=A, text="Could we talk about the rollout?", at=at + timedelta(seconds=4)),
        Utterance(id="1", speaker=C, text=said, at=at + timedelta(seconds=9.5)),
    ]
    analysis = (
        a_full_analysis(Outcome.FOLLOW_UP, (ObjectionKind.TIMING, ObjectionKind.COMPETITOR)) if analysed else None
    )
    changes = CallChanges(status=CallStatus.COMPLETED, provider_call_id=f"sim-{key}", utterances=lines, started_at=at,
                          ended_at=at + timedelta(seconds=11), duration_seconds=11.0, analysis=analysis)  # fmt: skip
    return HistoricCall(key, "simulated", at, changes, by)


def test_batches_store_customers_versions_and_calls_as_given(any_store: CallStore) -> None:
    importer: HistoryImport = any_store  # type: ignore[assignment]  # every store imports history
    ravi = customer_input(name="Ravi Rao", phone_number="91234 56789")
    v1 = CustomerHistory(ravi, "Script one", "offline", [_call("k1", WHEN, "Maybe next quarter.", "asha@x.example")],
                         WHEN - timedelta(hours=2), "asha@x.example")  # fmt: skip
    v2 = CustomerHistory(ravi, "Script two", "offline", [_call("k2", WHEN + timedelta(days=3), "Send the contract.")],
                         WHEN + timedelta(days=1), "asha@x.example")  # fmt: skip
    mia = CustomerHistory(customer_input(name="Mia Tan", phone_number="98765 43210"), "Hers", "offline",
                          [_call("k3", WHEN + timedelta(days=1), "We use another tool.", analysed=False)])  # fmt: skip
    assert importer.bulk_import(iter([[v1, v2], [mia]])) == 3
    found = any_store.find_customers("Ravi Rao")
    assert (
        len(found) == 1 and found[0].created_at == WHEN - timedelta(hours=2) and found[0].created_by == "asha@x.example"
    )
    scripts = sorted(any_store.list_scripts(found[0].id), key=lambda s: s.created_at)
    assert [(s.script, s.created_at, s.created_by) for s in scripts] == [
        ("Script one", WHEN - timedelta(hours=2), "asha@x.example"),
        ("Script two", WHEN + timedelta(days=1), "asha@x.example"),
    ]
    page = any_store.search_calls(CallFilter(sort="oldest"), limit=10, offset=0)
    calls = [any_store.get_call(r.summary.id) for r in page.rows]
    assert [(c.attempt_key, c.script_id, c.created_by) for c in calls] == [
        ("k1", scripts[0].id, "asha@x.example"), ("k3", calls[1].script_id, ""), ("k2", scripts[1].id, "")
    ]  # fmt: skip
    assert any_store.get_script(calls[1].script_id or 0).script == "Hers"
    first = calls[0]
    assert first.utterances == v1.calls[0].changes.utterances and first.analysis == v1.calls[0].changes.analysis
    assert (first.status, first.started_at, first.duration_seconds) == (CallStatus.COMPLETED, WHEN, 11.0)
    assert first.transcript == "Agent: Could we talk about the rollout?\nCustomer: Maybe next quarter."
    assert calls[1].analysis is None
    # the search index, the filter columns and the KPI totals are filled as for calls written one by one
    assert any_store.search_calls(CallFilter(search='"next quarter"'), 5, 0).total == 1
    assert any_store.search_calls(CallFilter(search="rollout", said_by="customer"), 5, 0).total == 0
    assert any_store.search_calls(CallFilter(objections=("competitor",)), 5, 0).total == 2
    assert any_store.search_calls(CallFilter(created_by="asha@x.example"), 5, 0).total == 1
    stats = any_store.call_stats(CallFilter())
    assert (stats.calls, stats.connected) == (3, 3) and stats == any_store.call_stats(CallFilter(customer_name="*"))
    # the coaching figures and topic coverage are stored with imported calls as with live ones (stats_columns)
    asha = next(p for p in stats.presenters if p.created_by == "asha@x.example")
    assert (asha.agent_words, asha.agent_questions) == (6, 1) and asha.customer_words == 3
    assert asha.objection_calls == 1 and sum(sum(c.values()) for c in stats.topics.values()) > 0


def test_a_failed_batch_stores_nothing_and_earlier_batches_stay(any_store: CallStore) -> None:
    importer: HistoryImport = any_store  # type: ignore[assignment]
    first = CustomerHistory(customer_input(name="Ravi"), "s", "offline", [_call("same", WHEN, "Yes.")])
    again = CustomerHistory(customer_input(name="Lena"), "s", "offline", [_call("other", WHEN, "Yes."),
                                                                           _call("same", WHEN, "Yes.")])  # fmt: skip
    with pytest.raises(StorageError):
        importer.bulk_import(iter([[first], [again]]))
    assert any_store.search_calls(CallFilter(), 10, 0).total == 1  # the calls of a batch are stored together or not
    assert any_store.search_calls(CallFilter(search="yes"), 5, 0).total == 1


def test_customers_and_scripts_reads_a_batch_of_customers_at_once(any_store: CallStore) -> None:
    importer: HistoryImport = any_store  # type: ignore[assignment]
    ravi = customer_input(name="Ravi Rao", phone_number="91234 56789")
    importer.bulk_import([[CustomerHistory(ravi, "v1", "offline", [_call("k1", WHEN, "Yes.")], WHEN),
                           CustomerHistory(ravi, "v2", "llm", [_call("k2", WHEN, "Yes.")], WHEN, "bo@x.example"),
                           CustomerHistory(customer_input(name="Mia"), "hers", "offline", [])]])  # fmt: skip
    ravi_id, mia_id = any_store.find_customers("Ravi")[0].id, any_store.find_customers("Mia")[0].id
    customers, scripts = any_store.customers_and_scripts([ravi_id, 999_999, mia_id])
    assert sorted(c.name for c in customers) == ["Mia", "Ravi Rao"]  # an id that does not exist is left out
    assert [(s.customer_id, s.script, s.writer, s.created_by) for s in scripts if s.customer_id == ravi_id] == [
        (ravi_id, "v2", "llm", "bo@x.example"), (ravi_id, "v1", "offline", "")
    ]  # fmt: skip
    assert [s.script for s in scripts if s.customer_id == mia_id] == ["hers"]
    assert any_store.customers_and_scripts([]) == ([], [])
