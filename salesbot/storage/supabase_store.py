"""The Supabase store: the same CallStore over supabase-py (PostgREST), with errors told in plain words.

The class is put together from its parts: the client and its errors (`supabase_base`), customers and scripts
(`supabase_customers`), calls (`supabase_calls`), search, statistics and id batches (`supabase_listing`); the bulk
import in `supabase_bulk`."""

from __future__ import annotations

from collections.abc import Iterable

from salesbot.models import Customer, SalesScript
from salesbot.storage import CustomerHistory, supabase_bulk, supabase_export
from salesbot.storage.bulk_rows import CallValues
from salesbot.storage.supabase_calls import SupabaseCalls
from salesbot.storage.supabase_customers import SupabaseCustomers
from salesbot.storage.supabase_leases import SupabaseLeases
from salesbot.storage.supabase_listing import SupabaseListing


class SupabaseStore(SupabaseCustomers, SupabaseCalls, SupabaseListing, SupabaseLeases):
    """CallStore over Supabase Postgres; one client per process, a timeout on every request."""

    def customers_and_scripts(self, customer_ids: list[int]) -> tuple[list[Customer], list[SalesScript]]:
        return supabase_export.customers_and_scripts(self, customer_ids)

    def import_history(self, batch: list[CustomerHistory]) -> None:
        """Three round trips a batch: customers, scripts, calls (a customer already stored is updated instead)."""
        self.bulk_import([batch])

    def bulk_import(self, batches: Iterable[list[CustomerHistory]]) -> int:
        values = CallValues(json_columns=False)
        return sum(supabase_bulk.import_batch(self, batch, values) for batch in batches)
