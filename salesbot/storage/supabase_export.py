"""What an export reads from Supabase beyond its calls: customers and their versions, GET_CALLS_BATCH ids a request."""

from __future__ import annotations

from typing import Any

from salesbot.models import Customer, SalesScript
from salesbot.storage import GET_CALLS_BATCH, rows
from salesbot.storage.supabase_base import SupabaseBase


def _chunk(store: SupabaseBase, ids: list[int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    people = store._select("customers", "read customers", lambda q: q.in_("id", ids))
    versions = store._select(
        "sales_scripts", "read scripts", lambda q: q.in_("customer_id", ids).order("id", desc=True)
    )
    return people, versions


def customers_and_scripts(store: SupabaseBase, customer_ids: list[int]) -> tuple[list[Customer], list[SalesScript]]:
    """Two requests per GET_CALLS_BATCH ids: the customers that still exist, and every version of theirs."""
    customers: list[Customer] = []
    scripts: list[SalesScript] = []
    for start in range(0, len(customer_ids), GET_CALLS_BATCH):
        people, versions = _chunk(store, customer_ids[start : start + GET_CALLS_BATCH])
        customers += [rows.customer(r) for r in people]
        scripts += [rows.script(r) for r in versions]
    return customers, scripts
