"""Bulk import into the SQLite file: a batch per transaction, rows by executemany, the search index filled once.

Inside the batch's transaction the full-text insert trigger is dropped, the calls inserted, the index filled for
the new ids in one statement and the trigger put back: other connections never see the store without it (they wait
for the write lock or read the state before), and a failed batch rolls all of it back."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from salesbot.clock import utc_now
from salesbot.storage import CustomerHistory, rows, sqlite_schema
from salesbot.storage.bulk_rows import CALL_COLUMNS, CallValues

_INSERT_CALL = f"INSERT INTO call_transcripts ({', '.join(CALL_COLUMNS)}) VALUES ({', '.join('?' * len(CALL_COLUMNS))})"
_INDEX_TRIGGER = "call_search_insert"
_CACHE_KIB = 65_536  # a bigger page cache for the batch: the indexes of a large file stay in memory


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id after every id the table has used (AUTOINCREMENT never reuses one, so neither does an import)."""
    used = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    top = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    return max(int(used[0]) if used else 0, int(top)) + 1


def _stamp(moment: datetime | None) -> str:
    return (moment or utc_now()).isoformat()


class _Customers:
    """The batch's customers: those stored already (same name, any case, and number) found, the others given ids."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._next = _next_id(conn, "customers")
        self._ids: dict[tuple[str, str], int] = {}
        self.new: list[tuple[object, ...]] = []
        self._columns: tuple[str, ...] = ()

    def id_of(self, history: CustomerHistory) -> int:
        customer = history.customer
        key = (customer.name.lower(), customer.phone_e164)
        if key in self._ids:
            return self._ids[key]
        found = self._conn.execute(
            "SELECT id FROM customers WHERE lower(name) = lower(?) AND phone_e164 = ?", key
        ).fetchone()
        if found is None or found[0] is None:
            found_id = self._next
            self._next += 1
            first = min((c.created_at for c in history.calls), default=None)
            values = rows.customer_values(customer)
            created = min(filter(None, (history.script_created_at, first)), default=None)
            self.new.append((found_id, *values.values(), _stamp(created), history.script_created_by))
            self._columns = ("id", *values, "created_at", "created_by")
        else:
            found_id = int(found[0])
        self._ids[key] = found_id
        return found_id

    def insert(self) -> None:
        if self.new:
            marks = ", ".join("?" * len(self._columns))
            self._conn.executemany(f"INSERT INTO customers ({', '.join(self._columns)}) VALUES ({marks})", self.new)


def import_batch(conn: sqlite3.Connection, batch: list[CustomerHistory], values: CallValues) -> int:
    """Store one batch inside the caller's write transaction; returns how many calls it held."""
    conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
    customers = _Customers(conn)
    script_id = _next_id(conn, "sales_scripts")
    scripts: list[tuple[object, ...]] = []
    calls: list[tuple[object, ...]] = []
    for history in batch:
        customer_id = customers.id_of(history)
        scripts.append((script_id, customer_id, history.script, history.writer, _stamp(history.script_created_at),
                        history.script_created_by))  # fmt: skip
        calls += [values.row(customer_id, script_id, history, call) for call in history.calls]
        script_id += 1
    customers.insert()
    conn.executemany(
        "INSERT INTO sales_scripts (id, customer_id, script, writer, created_at, created_by) VALUES (?,?,?,?,?,?)",
        scripts,
    )
    if calls:
        _insert_calls(conn, calls)
    return len(calls)


def _insert_calls(conn: sqlite3.Connection, calls: list[tuple[object, ...]]) -> None:
    """The calls, and their full-text entries in one statement after them (cheaper than a trigger a row)."""
    before = _next_id(conn, "call_transcripts") - 1
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_INDEX_TRIGGER,))
    kept = trigger.fetchone()
    if kept:
        conn.execute(f"DROP TRIGGER {_INDEX_TRIGGER}")
    conn.executemany(_INSERT_CALL, calls)
    if kept:
        conn.execute(f"{sqlite_schema.FILL_SEARCH} WHERE t.id > ?", (before,))
        conn.execute(kept[0])
