"""The embedded store: one SQLite file in WAL mode, safe for several browser sessions at once."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from salesbot.errors import NotFound, StorageError
from salesbot.models import (
    Call,
    CallFilter,
    CallPage,
    CallStats,
    CallStatus,
    Customer,
    CustomerInput,
    Outcome,
    SalesScript,
)
from salesbot.search.terms import customer_terms, like_literal
from salesbot.storage import (
    GET_CALLS_BATCH,
    CallChanges,
    CustomerHistory,
    NewCall,
    keyset,
    rows,
    sqlite_schema,
    sqlite_search,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


def _column_values(changes: CallChanges) -> dict[str, Any]:
    """A change as SQLite column values: the JSON columns as text."""
    values = rows.call_changes(changes)
    for column in ("utterances", "analysis", "objections"):
        if column in values:
            values[column] = json.dumps(values[column])
    return values


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _utc(moment: datetime) -> str:
    """A time as the stored text (UTC ISO 8601), so text order is time order; naive times are taken as UTC."""
    return (moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _unicode_lower(text: str | None) -> str | None:
    """lower() for every script (SQLite's own lower() and LIKE fold ASCII only), as PostgreSQL's ILIKE does."""
    return text.lower() if isinstance(text, str) else text


class SQLiteStore:
    """CallStore over a SQLite file. A connection per operation keeps it thread-safe under Streamlit."""

    def __init__(self, path: Path | str, busy_timeout_s: float = 15.0) -> None:
        self.path = Path(path)
        self.description = "SQLite"
        self._timeout = busy_timeout_s
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(sqlite_schema.SCHEMA)
                conn.execute("BEGIN IMMEDIATE")  # one process migrates a file; others wait and find it done
                try:
                    sqlite_schema.migrate(conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except (OSError, sqlite3.Error) as e:
            log.error("cannot open the SQLite store at %s: %s", self.path, e)
            raise StorageError(f"The database file {self.path} cannot be opened: {e}.") from e

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)
            conn.execute(f"PRAGMA busy_timeout={int(self._timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front, so it waits instead of failing."""
        try:
            with self._connect() as conn:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except sqlite3.IntegrityError as e:
            raise StorageError(f"That change conflicts with stored data ({e}).") from e
        except sqlite3.Error as e:
            log.error("SQLite write failed: %s", e)
            raise StorageError() from e

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            with self._connect() as conn:
                return conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            log.error("SQLite read failed: %s", e)
            raise StorageError() from e

    # customers -------------------------------------------------------------
    def save_customer(self, customer: CustomerInput, created_by: str = "") -> Customer:
        values = tuple(rows.customer_values(customer).values())
        with self._write() as conn:
            row = conn.execute(
                "SELECT id FROM customers WHERE lower(name) = lower(?) AND phone_e164 = ?",
                (customer.name, customer.phone_e164),
            ).fetchone()
            if row:
                customer_id = int(row["id"])
                conn.execute(
                    "UPDATE customers SET name=?, country_code=?, phone_number=?, phone_e164=?, email=?,"
                    " conversation_history=?, topics=? WHERE id=?",
                    (*values, customer_id),
                )
            else:
                cur = conn.execute(
                    "INSERT INTO customers (name, country_code, phone_number, phone_e164, email,"
                    " conversation_history, topics, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?)",
                    (*values, _now(), created_by),
                )
                customer_id = int(cur.lastrowid or 0)
        return self.get_customer(customer_id)

    def get_customer(self, customer_id: int) -> Customer:
        found = self._read("SELECT * FROM customers WHERE id = ?", (customer_id,))
        if not found:
            raise NotFound(f"Customer {customer_id} no longer exists.")
        return rows.customer(found[0])

    def find_customers(self, query: str, limit: int = 20) -> list[Customer]:
        """One query: newest first (by id) over the primary key, matching rows until the limit is reached."""
        words, digits = customer_terms(query)
        clauses: list[str] = []
        params: list[Any] = []
        if words:
            clauses.append("(" + " AND ".join(["unicode_lower(name) LIKE ? ESCAPE '\\'"] * len(words)) + ")")
            params += [f"%{like_literal(w.lower())}%" for w in words]
        if digits:
            clauses.append("phone_e164 LIKE ?")
            params.append(f"%{digits}%")
        condition = f" WHERE {' OR '.join(clauses)}" if clauses else ""
        found = self._read(f"SELECT * FROM customers{condition} ORDER BY id DESC LIMIT ?", (*params, max(limit, 0)))
        return [rows.customer(r) for r in found]

    # scripts ---------------------------------------------------------------
    def add_script(self, customer_id: int, script: str, writer: str, created_by: str = "") -> SalesScript:
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO sales_scripts (customer_id, script, writer, created_at, created_by) VALUES (?,?,?,?,?)",
                (customer_id, script, writer, _now(), created_by),
            )
            script_id = int(cur.lastrowid or 0)
        return self.get_script(script_id)

    def get_script(self, script_id: int) -> SalesScript:
        found = self._read("SELECT * FROM sales_scripts WHERE id = ?", (script_id,))
        if not found:
            raise NotFound(f"Script version {script_id} no longer exists.")
        return rows.script(found[0])

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        found = self._read("SELECT * FROM sales_scripts WHERE customer_id = ? ORDER BY id DESC", (customer_id,))
        return [rows.script(r) for r in found]

    # calls -----------------------------------------------------------------
    def create_call(self, new_call: NewCall) -> tuple[Call, bool]:
        with self._write() as conn:
            row = conn.execute(
                "SELECT id FROM call_transcripts WHERE attempt_key = ?", (new_call.attempt_key,)
            ).fetchone()
            if row:
                return self._get_call(conn, int(row["id"])), False
            cur = conn.execute(
                "INSERT INTO call_transcripts (customer_id, script_id, call_status, phone_e164, provider,"
                " attempt_key, country_code, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    new_call.customer_id,
                    new_call.script_id,
                    CallStatus.DIALLING.value,
                    new_call.phone_e164,
                    new_call.provider,
                    new_call.attempt_key,
                    new_call.country_code,
                    new_call.created_at.isoformat() if new_call.created_at else _now(),
                    new_call.created_by,
                ),
            )
            return self._get_call(conn, int(cur.lastrowid or 0)), True

    def update_call(self, call_id: int, changes: CallChanges) -> Call:
        values = _column_values(changes)
        if not values:  # nothing to change: a read, without taking the write lock
            return self.get_call(call_id)
        sets = ", ".join(f"{column} = ?" for column in values)
        with self._write() as conn:
            conn.execute(f"UPDATE call_transcripts SET {sets} WHERE id = ?", (*values.values(), call_id))
            return self._get_call(conn, call_id)

    def get_call(self, call_id: int) -> Call:
        try:
            with self._connect() as conn:
                return self._get_call(conn, call_id)
        except sqlite3.Error as e:
            raise StorageError() from e

    def _get_call(self, conn: sqlite3.Connection, call_id: int) -> Call:
        row = conn.execute("SELECT * FROM call_transcripts WHERE id = ?", (call_id,)).fetchone()
        if row is None:
            raise NotFound(f"Call {call_id} no longer exists.")
        return rows.call(row)

    def get_calls(self, call_ids: list[int]) -> list[Call]:
        found: dict[int, Call] = {}
        for start in range(0, len(call_ids), GET_CALLS_BATCH):
            chunk = call_ids[start : start + GET_CALLS_BATCH]
            marks = ",".join("?" * len(chunk))
            for r in self._read(f"SELECT * FROM call_transcripts WHERE id IN ({marks})", tuple(chunk)):
                found[r["id"]] = rows.call(r)
        return [found[i] for i in call_ids if i in found]

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
                        (*values.values(), (created.isoformat() if created else _now())),
                    )
                    customer_id = cur.lastrowid
                cur = conn.execute(
                    "INSERT INTO sales_scripts (customer_id, script, writer, created_at) VALUES (?,?,?,?)",
                    (customer_id, history.script, history.writer, _now()),
                )
                script_id = cur.lastrowid
                for call in history.calls:
                    values = _column_values(call.changes)
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

    def search_calls(self, call_filter: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
        return self._query(lambda conn: sqlite_search.search(conn, call_filter, limit, offset, with_total))

    def call_stats(self, call_filter: CallFilter) -> CallStats:
        return self._query(lambda conn: sqlite_search.stats(conn, call_filter))

    def _query(self, run: Callable[[sqlite3.Connection], T]) -> T:
        try:
            with self._connect() as conn:
                return run(conn)
        except sqlite3.Error as e:
            log.error("SQLite query failed: %s", e)
            raise StorageError() from e

    def unfinished_calls(self) -> list[Call]:
        # IN the open statuses, not NOT IN the final ones: the status index answers it (NOT IN read every call)
        unfinished = tuple(s.value for s in CallStatus if not s.is_final)
        found = self._read(
            f"SELECT * FROM call_transcripts WHERE call_status IN ({','.join('?' * len(unfinished))}) ORDER BY id",
            unfinished,
        )
        return [rows.call(r) for r in found]

    def do_not_call_request(self, phone_e164: str) -> Call | None:
        found = self._read(
            "SELECT * FROM call_transcripts WHERE phone_e164 = ? AND outcome = ? ORDER BY created_at DESC, id DESC"
            " LIMIT 1",
            (phone_e164, Outcome.DO_NOT_CALL.value),
        )
        return rows.call(found[0]) if found else None

    def open_calls_to(self, phone_e164: str, since: datetime) -> list[Call]:
        open_statuses = tuple(s.value for s in CallStatus if not s.is_final)
        found = self._read(
            "SELECT * FROM call_transcripts WHERE phone_e164 = ? AND created_at >= ?"
            f" AND call_status IN ({','.join('?' * len(open_statuses))}) ORDER BY created_at DESC, id DESC",
            (phone_e164, _utc(since), *open_statuses),
        )
        return [rows.call(r) for r in found]
