"""The embedded store: one SQLite file in WAL mode, safe for several browser sessions at once.

The class is put together from its parts: the footing (`sqlite_base`), customers and scripts (`sqlite_customers`),
calls (`sqlite_calls`); listing, search and statistics are here, their SQL in `sqlite_search`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from salesbot.models import CallFilter, CallPage, CallStats
from salesbot.storage import GET_CALLS_BATCH, CustomerHistory, keyset, rows, sqlite_search
from salesbot.storage.sqlite_base import column_values, now_text
from salesbot.storage.sqlite_calls import SQLiteCalls
from salesbot.storage.sqlite_customers import SQLiteCustomers
from salesbot.storage.sqlite_leases import SQLiteLeases


class SQLiteStore(SQLiteCustomers, SQLiteCalls, SQLiteLeases):
    """CallStore over a SQLite file. A connection per operation keeps it thread-safe under Streamlit."""

    def iter_call_ids(self, call_filter: CallFilter, batch: int = 500) -> Iterator[list[int]]:
        size, last = max(1, min(batch, GET_CALLS_BATCH)), None
        while True:
            found = self._ids_after(call_filter, size, last)
            if found:
                yield [int(r["id"]) for r in found]
            if len(found) < size:
                return
            end = found[-1]
            last = keyset.Position(int(end["id"]), end["created_at"], end["duration_seconds"])

    def _ids_after(self, call_filter: CallFilter, size: int, last: keyset.Position | None) -> list[sqlite3.Row]:
        return self._query(lambda conn: sqlite_search.call_ids_after(conn, call_filter, size, last))

    def search_calls(self, call_filter: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
        return self._query(lambda conn: sqlite_search.search(conn, call_filter, limit, offset, with_total))

    def call_stats(self, call_filter: CallFilter) -> CallStats:
        return self._query(lambda conn: sqlite_search.stats(conn, call_filter))

    def import_history(self, batch: list[CustomerHistory]) -> None:
        with self._write() as conn:
            for history in batch:
                customer = history.customer
                found = conn.execute(
                    "SELECT id FROM customers WHERE lower(name) = lower(?) AND phone_e164 = ?",
                    (customer.name, customer.phone_e164),
                ).fetchone()
                customer_id = found["id"] if found else None
                if customer_id is None:
                    values = rows.customer_values(customer)
                    created = min((c.created_at for c in history.calls), default=None)
                    cur = conn.execute(
                        f"INSERT INTO customers ({', '.join(values)}, created_at) VALUES ({', '.join('?' * (len(values) + 1))})",
                        (*values.values(), (created.isoformat() if created else now_text())),
                    )
                    customer_id = cur.lastrowid
                cur = conn.execute(
                    "INSERT INTO sales_scripts (customer_id, script, writer, created_at) VALUES (?,?,?,?)",
                    (customer_id, history.script, history.writer, now_text()),
                )
                script_id = cur.lastrowid
                for call in history.calls:
                    values = column_values(call.changes)
                    base = {
                        "customer_id": customer_id,
                        "script_id": script_id,
                        "phone_e164": customer.phone_e164,
                        "country_code": customer.country_code,
                        "provider": call.provider,
                        "attempt_key": call.attempt_key,
                        "created_at": call.created_at.isoformat(),
                        **values,
                    }
                    conn.execute(
                        f"INSERT INTO call_transcripts ({', '.join(base)}) VALUES ({', '.join('?' * len(base))})",
                        tuple(base.values()),
                    )
