"""Bulk import into Supabase: three inserts a batch (customers, script versions, calls), each one request.

A customer already stored (same name, any case, and number) makes the customers' insert fail as a whole; the batch
then saves its customers one by one (found and updated, or inserted) and goes on."""

from __future__ import annotations

from salesbot.clock import utc_now
from salesbot.errors import StorageError
from salesbot.storage import CustomerHistory, rows
from salesbot.storage.bulk_rows import CALL_COLUMNS, CallValues
from salesbot.storage.supabase_base import SupabaseBase, first_row, is_duplicate


def _customer_ids(store: SupabaseBase, batch: list[CustomerHistory]) -> list[int]:
    """Each history's customer id: one insert for the batch's distinct customers, one by one when any is stored."""
    distinct: dict[tuple[str, str], CustomerHistory] = {}
    for h in batch:
        distinct.setdefault((h.customer.name.lower(), h.customer.phone_e164), h)
    values = [
        {**rows.customer_values(h.customer), "created_by": h.script_created_by, "created_at": _first(h)}
        for h in distinct.values()
    ]
    try:
        inserted = store._run("import customers", lambda: store.client.table("customers").insert(values).execute())
        ids = [int(first_row([r])["id"]) for r in inserted.data]
    except StorageError as e:
        if not is_duplicate(e):
            raise
        ids = [
            store.save_customer(  # type: ignore[attr-defined]  # the store class has it
                h.customer, h.script_created_by
            ).id
            for h in distinct.values()
        ]
    by_key = dict(zip(distinct, ids, strict=True))
    return [by_key[(h.customer.name.lower(), h.customer.phone_e164)] for h in batch]


def import_batch(store: SupabaseBase, batch: list[CustomerHistory], values: CallValues) -> int:
    """Store one batch; returns how many calls it held."""
    customer_ids = _customer_ids(store, batch)
    scripts = [
        {
            "customer_id": cid,
            "script": h.script,
            "writer": h.writer,
            "created_by": h.script_created_by,
            "created_at": (h.script_created_at or utc_now()).isoformat(),
        }
        for cid, h in zip(customer_ids, batch, strict=True)
    ]
    stored = store._run("import scripts", lambda: store.client.table("sales_scripts").insert(scripts).execute())
    script_ids = [int(first_row([r])["id"]) for r in stored.data]
    calls = [
        dict(zip(CALL_COLUMNS, values.row(cid, sid, h, call), strict=True))
        for cid, sid, h in zip(customer_ids, script_ids, batch, strict=True)
        for call in h.calls
    ]
    if calls:
        store._run("import calls", lambda: store.client.table("call_transcripts").insert(calls).execute())
    return len(calls)


def _first(history: CustomerHistory) -> str:
    """When a new customer was first seen: their version's date or first call's, else now."""
    known = [t for t in (history.script_created_at, *(c.created_at for c in history.calls)) if t is not None]
    return min(known, default=utc_now()).isoformat()
