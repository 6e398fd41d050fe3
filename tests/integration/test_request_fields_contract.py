"""An API call keeps the fields it was asked with (to refuse its Idempotency-Key reused with others): stored with
the call on the SQLite file and on Supabase, with the redial guard (create_call_once) and without."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from salesbot.storage import CallStore, NewCall
from tests.builders import customer_input

ASKED = '{"consent": true, "customer_id": 1, "persona": null}'


def test_a_call_keeps_the_fields_it_was_asked_with(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    script = any_store.add_script(customer.id, "s", "offline")
    plain = NewCall(customer.id, script.id, customer.phone_e164, "simulated", "api:a", request_fields=ASKED)
    call, created = any_store.create_call(plain)
    assert created and call.request_fields == ASKED and any_store.get_call(call.id).request_fields == ASKED
    again, created = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "api:a"))
    assert not created and again.id == call.id and again.request_fields == ASKED  # the first request's, unchanged
    guarded = NewCall(customer.id, script.id, "+919812345678", "bland", "api:b", request_fields=ASKED,
                      busy_since=datetime.now(UTC) - timedelta(minutes=5))  # fmt: skip
    real, created = any_store.create_call(guarded)
    assert created and any_store.get_call(real.id).request_fields == ASKED


def test_a_call_from_the_pages_keeps_none(any_store: CallStore) -> None:
    customer = any_store.save_customer(customer_input())
    script = any_store.add_script(customer.id, "s", "offline")
    call, _ = any_store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", "page:a"))
    assert call.request_fields == "" and any_store.get_calls([call.id])[0].request_fields == ""
