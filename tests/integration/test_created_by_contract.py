"""Who did what (sign-in): customers, script versions and calls record the signed-in user, and the Transcripts
filter "Placed by" finds their calls (page, KPIs, export ids, search); the same on the SQLite file and on Supabase."""

from __future__ import annotations

from datetime import date

from salesbot.models import CallFilter
from salesbot.storage import CallStore, NewCall
from tests.builders import CUSTOMER, a_finished_call, customer_input

ANA, BO = "ana@team.example", "bo@team.example"


PRICING = [(CUSTOMER, "Tell me about pricing")]


def test_each_record_keeps_who_created_it(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input(), created_by=ANA)
    assert customer.created_by == ANA and any_store.get_customer(customer.id).created_by == ANA
    again = any_store.save_customer(customer_input(topics="Security"), created_by=BO)
    assert again.id == customer.id and again.created_by == ANA  # an update by someone else: still Ana's customer
    script = any_store.add_script(customer.id, "s", "offline", created_by=BO)
    assert script.created_by == BO and any_store.list_scripts(customer.id)[0].created_by == BO
    call, _ = any_store.create_call(
        NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a", created_by=BO)
    )
    assert call.created_by == BO and any_store.get_call(call.id).created_by == BO
    assert any_store.get_calls([call.id])[0].created_by == BO


def test_without_sign_in_nothing_is_recorded(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    script = any_store.add_script(customer.id, "s", "offline")
    call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "a"))
    assert customer.created_by == script.created_by == call.created_by == ""


def test_placed_by_filters_the_page_the_kpis_the_search_and_the_export(any_store: CallStore) -> None:
    ana = [a_finished_call(any_store, lines=PRICING, seconds=30, key=f"a{i}", created_by=ANA) for i in range(3)]
    bo = a_finished_call(any_store, lines=PRICING, seconds=30, key="b0", created_by=BO)
    anonymous = a_finished_call(any_store, lines=PRICING, seconds=30, key="n0")
    page = any_store.search_calls(CallFilter(created_by=ANA), limit=10, offset=0)
    assert sorted(r.summary.id for r in page.rows) == sorted(ana) and page.total == 3
    assert {r.summary.created_by for r in page.rows} == {ANA}
    assert any_store.search_calls(CallFilter(created_by=" Bo@Team.Example "), 10, 0).total == 1  # any case
    everyone = any_store.search_calls(CallFilter(), limit=10, offset=0)
    assert {r.summary.id: r.summary.created_by for r in everyone.rows}[anonymous] == ""
    stats = any_store.call_stats(CallFilter(created_by=ANA, date_from=date(2000, 1, 1)))
    assert (stats.calls, stats.connected) == (3, 3)
    assert any_store.call_stats(CallFilter(created_by="eve@elsewhere.example")).calls == 0
    searched = any_store.search_calls(CallFilter(created_by=BO, search="pricing"), limit=10, offset=0)
    assert [r.summary.id for r in searched.rows] == [bo] and searched.rows[0].summary.created_by == BO
    assert sorted(i for ids in any_store.iter_call_ids(CallFilter(created_by=ANA), batch=2) for i in ids) == ana
