"""The Supabase store: the same CallStore over supabase-py (PostgREST), with errors told in plain words.

The class is put together from its parts: the client and its errors (`supabase_base`), customers and scripts
(`supabase_customers`), calls (`supabase_calls`), search, statistics and id batches (`supabase_listing`); the bulk
import is here."""

from __future__ import annotations

from salesbot.errors import StorageError
from salesbot.storage import CustomerHistory, rows
from salesbot.storage.supabase_base import first_row, is_duplicate
from salesbot.storage.supabase_calls import SupabaseCalls
from salesbot.storage.supabase_customers import SupabaseCustomers
from salesbot.storage.supabase_leases import SupabaseLeases
from salesbot.storage.supabase_listing import SupabaseListing


class SupabaseStore(SupabaseCustomers, SupabaseCalls, SupabaseListing, SupabaseLeases):
    """CallStore over Supabase Postgres; one client per process, a timeout on every request."""

    def import_history(self, batch: list[CustomerHistory]) -> None:
        """Three round trips a batch: customers, scripts, calls (a customer already stored is updated instead)."""
        values = [rows.customer_values(h.customer) for h in batch]
        try:
            inserted = self._run(
                "import customers", lambda: self.client.table("customers").insert(values).execute()
            ).data
            customer_ids = [first_row([r])["id"] for r in inserted]
        except StorageError as e:
            if not is_duplicate(e):
                raise
            customer_ids = [self.save_customer(h.customer).id for h in batch]
        scripts = [
            {"customer_id": cid, "script": h.script, "writer": h.writer}
            for cid, h in zip(customer_ids, batch, strict=True)
        ]
        stored = self._run("import scripts", lambda: self.client.table("sales_scripts").insert(scripts).execute()).data
        script_ids = [first_row([r])["id"] for r in stored]
        calls = [
            {
                "customer_id": cid,
                "script_id": sid,
                "phone_e164": h.customer.phone_e164,
                "country_code": h.customer.country_code,
                "provider": call.provider,
                "attempt_key": call.attempt_key,
                "created_at": call.created_at.isoformat(),
                **rows.call_changes(call.changes),
            }
            for cid, sid, h in zip(customer_ids, script_ids, batch, strict=True)
            for call in h.calls
        ]
        columns = {k for c in calls for k in c}
        empty = {"transcript": "", "customer_text": "", "agent_text": "", "customer_spoke": False, "utterances": []}
        calls = [{k: c.get(k, empty.get(k)) for k in sorted(columns)} for c in calls]  # one shape for a bulk insert
        if calls:
            self._run("import calls", lambda: self.client.table("call_transcripts").insert(calls).execute())
