"""The SQLite store's calls: one per attempt, changed as they go, read one, many, or by what the rules ask."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from salesbot.errors import NotFound, StorageError
from salesbot.models import Call, CallStatus, Outcome
from salesbot.storage import GET_CALLS_BATCH, CallChanges, NewCall, rows
from salesbot.storage.sqlite_base import SQLiteBase, column_values, now_text, utc_text


class SQLiteCalls(SQLiteBase):
    """Calls: created once per attempt key, updated by changes, and the reads placing and following need."""

    def create_call(self, new_call: NewCall) -> tuple[Call, bool]:
        with self._write() as conn:
            row = conn.execute(
                "SELECT id FROM call_transcripts WHERE attempt_key = ?", (new_call.attempt_key,)
            ).fetchone()
            if row:
                return self._get_call(conn, int(row["id"])), False
            if new_call.busy_since is not None:  # inside BEGIN IMMEDIATE: no other writer between check and insert
                busy = self._open_calls_to(conn, new_call.phone_e164, new_call.busy_since)
                if busy:
                    return busy[0], False
            cur = conn.execute(
                "INSERT INTO call_transcripts (customer_id, script_id, call_status, phone_e164, provider,"
                " attempt_key, country_code, created_at, created_by, request_fields) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    new_call.customer_id,
                    new_call.script_id,
                    CallStatus.DIALLING.value,
                    new_call.phone_e164,
                    new_call.provider,
                    new_call.attempt_key,
                    new_call.country_code,
                    new_call.created_at.isoformat() if new_call.created_at else now_text(),
                    new_call.created_by,
                    new_call.request_fields,
                ),
            )
            return self._get_call(conn, int(cur.lastrowid or 0)), True

    def update_call(self, call_id: int, changes: CallChanges) -> Call:
        values = column_values(changes)
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
        return self._query(lambda conn: self._open_calls_to(conn, phone_e164, since))

    def _open_calls_to(self, conn: sqlite3.Connection, phone_e164: str, since: datetime) -> list[Call]:
        open_statuses = tuple(s.value for s in CallStatus if not s.is_final)
        found = conn.execute(
            "SELECT * FROM call_transcripts WHERE phone_e164 = ? AND created_at >= ?"
            f" AND call_status IN ({','.join('?' * len(open_statuses))}) ORDER BY created_at DESC, id DESC",
            (phone_e164, utc_text(since), *open_statuses),
        ).fetchall()
        return [rows.call(r) for r in found]
