"""The embedded store: one SQLite file in WAL mode, safe for several browser sessions at once.

The class is put together from its parts: the footing (`sqlite_base`), customers and scripts (`sqlite_customers`),
calls (`sqlite_calls`); listing, search and statistics are here, their SQL in `sqlite_search`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from salesbot.models import CallFilter, CallPage, CallStats, Customer, SalesScript
from salesbot.storage import GET_CALLS_BATCH, CustomerHistory, keyset, sqlite_bulk, sqlite_export, sqlite_search
from salesbot.storage.bulk_rows import CallValues
from salesbot.storage.sqlite_calls import SQLiteCalls
from salesbot.storage.sqlite_customers import SQLiteCustomers
from salesbot.storage.sqlite_leases import SQLiteLeases


class SQLiteStore(SQLiteCustomers, SQLiteCalls, SQLiteLeases):
    """CallStore over a SQLite file. A connection per operation keeps it thread-safe under Streamlit."""

    def iter_call_ids(self, call_filter: CallFilter, batch: int = 500) -> Iterator[list[int]]:
        size, last = max(1, min(batch, GET_CALLS_BATCH)), None
        if call_filter.search_terms():  # matched once for the whole export, not again for every batch
            yield from sqlite_export.ids_in_one_pass(self._connect, call_filter, size)
            return
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

    def customers_and_scripts(self, customer_ids: list[int]) -> tuple[list[Customer], list[SalesScript]]:
        return self._query(lambda conn: sqlite_export.customers_and_scripts(conn, customer_ids))

    def import_history(self, batch: list[CustomerHistory]) -> None:
        self.bulk_import([batch])

    def bulk_import(self, batches: Iterable[list[CustomerHistory]]) -> int:
        stored, values = 0, CallValues(json_columns=True)
        for batch in batches:
            with self._write() as conn:
                stored += sqlite_bulk.import_batch(conn, batch, values)
        return stored
