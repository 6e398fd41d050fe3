"""Against a real Supabase project: runs only when SUPABASE_URL and SUPABASE_KEY are set (migration applied)."""

from __future__ import annotations

import os
import uuid

import pytest

from salesbot.storage import NewCall
from salesbot.storage.supabase_store import SupabaseStore
from tests.builders import customer_input

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not (os.environ.get("SUPABASE_URL") and os.environ.get("SUPABASE_KEY")),
        reason="SUPABASE_URL/SUPABASE_KEY not set",
    ),
]


def test_live_round_trip() -> None:
    store = SupabaseStore(os.environ["SUPABASE_URL"], os.environ["SUPABASE_KEY"])
    customer = store.save_customer(customer_input(name=f"Live test {uuid.uuid4().hex[:8]}"))
    script = store.add_script(customer.id, "live test script", "offline")
    key = uuid.uuid4().hex
    call, created = store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", key))
    again, created_again = store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", key))
    assert created and not created_again and again.id == call.id
