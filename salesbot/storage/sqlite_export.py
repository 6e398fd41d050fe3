"""What an export reads from the SQLite file beyond its calls: ids in one pass, customers and versions in bulk."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from salesbot.errors import StorageError
from salesbot.models import CallFilter, Customer, SalesScript
from salesbot.storage import GET_CALLS_BATCH, rows, sqlite_search


def ids_in_one_pass(
    connect: Callable[[], AbstractContextManager[sqlite3.Connection]], f: CallFilter, size: int
) -> Iterator[list[int]]:
    """Every matching id in the filter's order from one query (one read snapshot), `size` at a time: a search is
    matched once, not again for every batch as keyset paging would."""
    condition, params = sqlite_search.where(f)
    index, order = sqlite_search.ORDER.get(f.sort, sqlite_search.ORDER["newest"])
    try:
        with connect() as conn:
            conn.execute("BEGIN")  # one snapshot: a call written meanwhile is in or out, never read twice
            cursor = conn.execute(
                f"SELECT t.id FROM call_transcripts t INDEXED BY {index}{condition} ORDER BY {order}", params
            )
            while found := cursor.fetchmany(size):
                yield [int(r[0]) for r in found]
            conn.execute("COMMIT")
    except sqlite3.Error as e:
        raise StorageError() from e


def customers_and_scripts(
    conn: sqlite3.Connection, customer_ids: list[int]
) -> tuple[list[Customer], list[SalesScript]]:
    """The customers that still exist and every version of theirs, GET_CALLS_BATCH ids a query."""
    customers, scripts = [], []
    for start in range(0, len(customer_ids), GET_CALLS_BATCH):
        ids = customer_ids[start : start + GET_CALLS_BATCH]
        marks = ",".join("?" * len(ids))
        customers += [rows.customer(r) for r in conn.execute(f"SELECT * FROM customers WHERE id IN ({marks})", ids)]
        found = conn.execute(f"SELECT * FROM sales_scripts WHERE customer_id IN ({marks}) ORDER BY id DESC", ids)
        scripts += [rows.script(r) for r in found]
    return customers, scripts
