"""The embedded store: one SQLite file in WAL mode, safe for several browser sessions at once."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from salesbot.errors import NotFound, StorageError
from salesbot.models import Call, CallAnalysis, CallStatus, CallSummary, Customer, SalesScript, Utterance
from salesbot.storage import CallChanges, NewCall
from salesbot.validation import CustomerInput

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    country_code TEXT NOT NULL DEFAULT 'IN',
    phone_number TEXT NOT NULL,
    phone_e164 TEXT NOT NULL,
    email TEXT,
    conversation_history TEXT NOT NULL DEFAULT '',
    topics TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS customers_name_phone ON customers (lower(name), phone_e164);
CREATE TABLE IF NOT EXISTS sales_scripts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    script TEXT NOT NULL,
    writer TEXT NOT NULL DEFAULT 'offline',
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sales_scripts_customer ON sales_scripts (customer_id, id);
CREATE TABLE IF NOT EXISTS call_transcripts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    script_id INTEGER REFERENCES sales_scripts(id) ON DELETE SET NULL,
    transcript TEXT NOT NULL DEFAULT '',
    call_status TEXT NOT NULL,
    phone_e164 TEXT NOT NULL,
    provider TEXT NOT NULL,
    provider_call_id TEXT UNIQUE,
    attempt_key TEXT NOT NULL UNIQUE,
    utterances TEXT NOT NULL DEFAULT '[]',
    started_at TEXT,
    ended_at TEXT,
    duration_seconds REAL,
    error_message TEXT,
    recording_url TEXT,
    analysis TEXT,
    analysis_error TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS call_transcripts_customer ON call_transcripts (customer_id);
CREATE INDEX IF NOT EXISTS call_transcripts_status ON call_transcripts (call_status);
CREATE INDEX IF NOT EXISTS call_transcripts_created ON call_transcripts (created_at DESC, id DESC);
"""

_CALL_COLUMNS = {
    "status": "call_status",
    "provider_call_id": "provider_call_id",
    "started_at": "started_at",
    "ended_at": "ended_at",
    "duration_seconds": "duration_seconds",
    "error_message": "error_message",
    "recording_url": "recording_url",
    "analysis_error": "analysis_error",
}
# Columns added after the first release, for files created before them.
_ADDED_COLUMNS = {"analysis": "TEXT", "analysis_error": "TEXT"}


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


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
                conn.executescript(SCHEMA)
                have = {r["name"] for r in conn.execute("PRAGMA table_info(call_transcripts)")}
                for column, kind in _ADDED_COLUMNS.items():
                    if column not in have:
                        conn.execute(f"ALTER TABLE call_transcripts ADD COLUMN {column} {kind}")
        except (OSError, sqlite3.Error) as e:
            log.error("cannot open the SQLite store at %s: %s", self.path, e)
            raise StorageError(f"The database file {self.path} cannot be opened: {e}.") from e

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
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
    def save_customer(self, customer: CustomerInput) -> Customer:
        values = (
            customer.name,
            customer.country_code,
            customer.phone_number,
            customer.phone_e164,
            customer.email,
            customer.conversation_history,
            "\n".join(customer.topics),
        )
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
                    " conversation_history, topics, created_at) VALUES (?,?,?,?,?,?,?,?)",
                    (*values, _now()),
                )
                customer_id = int(cur.lastrowid or 0)
        return self.get_customer(customer_id)

    def get_customer(self, customer_id: int) -> Customer:
        rows = self._read("SELECT * FROM customers WHERE id = ?", (customer_id,))
        if not rows:
            raise NotFound(f"Customer {customer_id} no longer exists.")
        r = rows[0]
        return Customer(
            id=r["id"],
            name=r["name"],
            country_code=r["country_code"],
            phone_number=r["phone_number"],
            phone_e164=r["phone_e164"],
            email=r["email"],
            conversation_history=r["conversation_history"],
            topics=[t for t in r["topics"].split("\n") if t],
            created_at=datetime.fromisoformat(r["created_at"]),
        )

    # scripts ---------------------------------------------------------------
    def add_script(self, customer_id: int, script: str, writer: str) -> SalesScript:
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO sales_scripts (customer_id, script, writer, created_at) VALUES (?,?,?,?)",
                (customer_id, script, writer, _now()),
            )
            script_id = int(cur.lastrowid or 0)
        return self.get_script(script_id)

    def get_script(self, script_id: int) -> SalesScript:
        rows = self._read("SELECT * FROM sales_scripts WHERE id = ?", (script_id,))
        if not rows:
            raise NotFound(f"Script version {script_id} no longer exists.")
        return _script(rows[0])

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        rows = self._read("SELECT * FROM sales_scripts WHERE customer_id = ? ORDER BY id DESC", (customer_id,))
        return [_script(r) for r in rows]

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
                " attempt_key, created_at) VALUES (?,?,?,?,?,?,?)",
                (
                    new_call.customer_id,
                    new_call.script_id,
                    CallStatus.DIALLING.value,
                    new_call.phone_e164,
                    new_call.provider,
                    new_call.attempt_key,
                    _now(),
                ),
            )
            return self._get_call(conn, int(cur.lastrowid or 0)), True

    def update_call(self, call_id: int, changes: CallChanges) -> Call:
        sets: list[str] = []
        params: list[Any] = []
        for attr, column in _CALL_COLUMNS.items():
            value = getattr(changes, attr)
            if value is None:
                continue
            if isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(value, CallStatus):
                value = value.value
            sets.append(f"{column} = ?")
            params.append(value)
        if changes.analysis is not None:
            sets.append("analysis = ?")
            params.append(changes.analysis.model_dump_json())
        if changes.utterances is not None:
            sets += ["utterances = ?", "transcript = ?"]
            params += [
                json.dumps([u.model_dump(mode="json") for u in changes.utterances]),
                "\n".join(f"{u.speaker.value.title()}: {u.text}" for u in changes.utterances),
            ]
        with self._write() as conn:
            if sets:
                conn.execute(f"UPDATE call_transcripts SET {', '.join(sets)} WHERE id = ?", (*params, call_id))
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
        return _call(row)

    def list_calls(self, limit: int = 200, offset: int = 0) -> list[CallSummary]:
        rows = self._read(
            "SELECT t.id, t.customer_id, c.name AS customer_name, t.phone_e164, t.call_status, t.provider,"
            " t.started_at, t.duration_seconds, substr(t.transcript, 1, 200) AS first_words, t.created_at"
            " FROM call_transcripts t JOIN customers c ON c.id = t.customer_id"
            " ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [
            CallSummary(
                id=r["id"],
                customer_id=r["customer_id"],
                customer_name=r["customer_name"],
                phone_e164=r["phone_e164"],
                status=CallStatus(r["call_status"]),
                provider=r["provider"],
                started_at=_dt(r["started_at"]),
                duration_seconds=r["duration_seconds"],
                first_words=_first_words(r["first_words"] or ""),
                created_at=datetime.fromisoformat(r["created_at"]),
            )
            for r in rows
        ]

    def unfinished_calls(self) -> list[Call]:
        final = tuple(s.value for s in CallStatus if s.is_final)
        rows = self._read(
            f"SELECT * FROM call_transcripts WHERE call_status NOT IN ({','.join('?' * len(final))}) ORDER BY id",
            final,
        )
        return [_call(r) for r in rows]


def _first_words(transcript: str, words: int = 12) -> str:
    first_line = transcript.split("\n", 1)[0]
    text = first_line.split(": ", 1)[-1]
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _script(r: sqlite3.Row) -> SalesScript:
    return SalesScript(
        id=r["id"],
        customer_id=r["customer_id"],
        script=r["script"],
        writer=r["writer"],
        created_at=datetime.fromisoformat(r["created_at"]),
    )


def _call(r: sqlite3.Row) -> Call:
    return Call(
        id=r["id"],
        customer_id=r["customer_id"],
        script_id=r["script_id"],
        phone_e164=r["phone_e164"],
        provider=r["provider"],
        provider_call_id=r["provider_call_id"],
        attempt_key=r["attempt_key"],
        status=CallStatus(r["call_status"]),
        utterances=[Utterance.model_validate(u) for u in json.loads(r["utterances"] or "[]")],
        started_at=_dt(r["started_at"]),
        ended_at=_dt(r["ended_at"]),
        duration_seconds=r["duration_seconds"],
        error_message=r["error_message"] or None,
        recording_url=r["recording_url"],
        analysis=CallAnalysis.model_validate_json(r["analysis"]) if r["analysis"] else None,
        analysis_error=r["analysis_error"] or None,
        created_at=datetime.fromisoformat(r["created_at"]),
    )
