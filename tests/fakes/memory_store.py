"""An in-memory CallStore for tests: the SQLite store's answers from Python dicts, no file and no SQL.

Rows are kept as the tables hold them (salesbot.storage.rows builds them and reads them back), so a call read back is
a fresh model, as from a real store. Search matches with salesbot.search.matches (the highlighter's matcher), the name
filter with filters.name_pattern, keyset paging with keyset.after: the shared rules, not a copy of them.
Run through the store contract tests beside SQLite and Supabase (tests/integration/conftest.py: any_store).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from salesbot.errors import NotFound, StorageError
from salesbot.models import (
    Call,
    CallFilter,
    CallPage,
    CallStats,
    CallStatus,
    Customer,
    CustomerInput,
    ObjectionKind,
    Outcome,
    SalesScript,
)
from salesbot.search import terms as filters
from salesbot.search.matches import find_spans
from salesbot.storage import (
    GET_CALLS_BATCH,
    CallChanges,
    CustomerHistory,
    NewCall,
    keyset,
    rows,
    stats_build,
    stats_columns,
)

Row = dict[str, Any]
_OPEN = {s.value for s in CallStatus if not s.is_final}
_NOT_CONNECTED = {o.value for o in Outcome if not o.connected}
_SPEAKER_COLUMN = {"customer": "customer_text", "agent": "agent_text"}  # said_by -> column; anyone: transcript
_NEW_CALL: Row = {  # the columns' defaults, as in sqlite_schema.SCHEMA
    "request_fields": "",
    "transcript": "",
    "provider_call_id": None,
    "utterances": [],
    "started_at": None,
    "ended_at": None,
    "duration_seconds": None,
    "error_message": None,
    "recording_url": None,
    "analysis": None,
    "analysis_error": None,
    "outcome": None,
    "sentiment": None,
    "objections": None,
    "next_step_agreed": None,
    "customer_text": "",
    "agent_text": "",
    "customer_spoke": False,
    "created_by": "",
    **dict.fromkeys(stats_columns.COLUMNS),
}


def _utc(moment: datetime) -> str:
    """A time as the stored text (UTC ISO 8601), as the SQLite store compares `since`."""
    return (moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _like(pattern: str) -> re.Pattern[str]:
    """A LIKE pattern (backslash escapes) as a regex over the whole text, any case in any script."""
    out, chars = [], iter(pattern.lower())
    for char in chars:
        if char == "\\":
            out.append(re.escape(next(chars, "\\")))
        else:
            out.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
    return re.compile("".join(out), re.DOTALL)


def _holds(row: Row, alternatives: list[list[keyset.Condition]]) -> bool:
    """Whether the row meets any of the conjunctions (NULL compares as SQL does: never equal, less or greater)."""

    def holds(column: str, op: keyset.Op, value: Any) -> bool:
        have = row[column]
        if op == "is_null":
            return have is None
        if have is None or value is None:
            return False
        return bool(have < value if op == "lt" else have > value if op == "gt" else have == value)

    return any(all(holds(*condition) for condition in conjunction) for conjunction in alternatives)


def _ordered(found: Iterable[Row], sort: str) -> list[Row]:
    """The stores' orders (sqlite_search.ORDER): calls without a duration last either way, ties by id descending."""
    if sort == "oldest":
        return sorted(found, key=lambda r: (r["created_at"], r["id"]))
    if sort == "longest":
        return sorted(found, key=lambda r: (r["duration_seconds"] is None, -(r["duration_seconds"] or 0), -r["id"]))
    if sort == "shortest":
        return sorted(found, key=lambda r: (r["duration_seconds"] is None, r["duration_seconds"] or 0, -r["id"]))
    return sorted(found, key=lambda r: (r["created_at"], r["id"]), reverse=True)


def _connected(row: Row) -> bool:
    """The KPIs' connected (sqlite_daily.connected_sql): answered, the customer spoke, not an unengaged outcome."""
    return (
        row["call_status"] in ("completed", "stopped")
        and bool(row["customer_spoke"])
        and (row["outcome"] or "") not in _NOT_CONNECTED
    )


def _group(row: Row) -> list[Any]:
    """One call as a group of stats_build: its keys, then what it adds to each measure."""
    c = _connected(row)

    def when_connected(column: str) -> float:
        return float(row[column] or 0) if c else 0.0

    kinds = set(row["objections"] or ())
    return [
        row["created_at"][:10], row["call_status"], row["outcome"] or "", row["sentiment"] or "", row["created_by"],
        1, int(c), when_connected("duration_seconds"), int(c and row["duration_seconds"] is not None),
        int(c and bool(row["next_step_agreed"])), when_connected("agent_words"), when_connected("customer_words"),
        when_connected("agent_questions"), when_connected("longest_monologue"),
        int(c and row["longest_monologue"] is not None), when_connected("first_objection"),
        int(c and row["first_objection"] is not None), *(int(k.value in kinds) for k in ObjectionKind),
    ]  # fmt: skip


class MemoryStore:
    """CallStore (and HistoryImport) over dicts; one lock makes each operation atomic, as a transaction would."""

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        self.description = "memory"
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self.customers: dict[int, Row] = {}
        self.scripts: dict[int, Row] = {}
        self.calls: dict[int, Row] = {}
        self.leases: dict[str, tuple[str, datetime]] = {}  # name -> (holder, expires)
        self._last_id = {"customers": 0, "scripts": 0, "calls": 0}  # ids are never reused (AUTOINCREMENT)

    def _now(self) -> str:
        return self._clock().isoformat()

    def _new_id(self, table: str) -> int:
        self._last_id[table] += 1
        return self._last_id[table]

    def _customer_of(self, customer: CustomerInput) -> Row | None:
        for row in self.customers.values():
            if row["name"].lower() == customer.name.lower() and row["phone_e164"] == customer.phone_e164:
                return row
        return None

    def _refuse_orphan(self, customer_id: int, script_id: int | None = None) -> None:
        if customer_id not in self.customers or (script_id is not None and script_id not in self.scripts):
            raise StorageError("That change conflicts with stored data (FOREIGN KEY constraint failed).")

    # customers -------------------------------------------------------------
    def save_customer(self, customer: CustomerInput, created_by: str = "") -> Customer:
        with self._lock:
            row = self._customer_of(customer)
            if row is not None:
                row.update(rows.customer_values(customer))
            else:
                row = {**rows.customer_values(customer), "created_at": self._now(), "created_by": created_by}
                row["id"] = self._new_id("customers")
                self.customers[row["id"]] = row
            return rows.customer(row)

    def get_customer(self, customer_id: int) -> Customer:
        with self._lock:
            if customer_id not in self.customers:
                raise NotFound(f"Customer {customer_id} no longer exists.")
            return rows.customer(self.customers[customer_id])

    def find_customers(self, query: str, limit: int = 20) -> list[Customer]:
        words, digits = filters.customer_terms(query)
        lowered = [w.lower() for w in words]

        def found(row: Row) -> bool:
            if not words and not digits:
                return True
            by_name = bool(words) and all(w in row["name"].lower() for w in lowered)
            return by_name or (bool(digits) and digits in row["phone_e164"])

        with self._lock:
            newest = sorted(self.customers.values(), key=lambda r: -r["id"])
            return [rows.customer(r) for r in newest if found(r)][: max(limit, 0)]

    def delete_customer(self, customer_id: int) -> None:
        """Delete a customer with their scripts and calls (the tables' ON DELETE CASCADE): for tests, as an
        operator would in the database."""
        with self._lock:
            self.customers.pop(customer_id, None)
            for table in (self.scripts, self.calls):
                for key in [k for k, r in table.items() if r["customer_id"] == customer_id]:
                    del table[key]

    # scripts ---------------------------------------------------------------
    def add_script(self, customer_id: int, script: str, writer: str, created_by: str = "") -> SalesScript:
        with self._lock:
            self._refuse_orphan(customer_id)
            script_id = self._new_id("scripts")
            self.scripts[script_id] = {"id": script_id, "customer_id": customer_id, "script": script,
                                       "writer": writer, "created_at": self._now(), "created_by": created_by}  # fmt: skip
            return rows.script(self.scripts[script_id])

    def get_script(self, script_id: int) -> SalesScript:
        with self._lock:
            if script_id not in self.scripts:
                raise NotFound(f"Script version {script_id} no longer exists.")
            return rows.script(self.scripts[script_id])

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        with self._lock:
            mine = [r for r in self.scripts.values() if r["customer_id"] == customer_id]
            return [rows.script(r) for r in sorted(mine, key=lambda r: -r["id"])]

    def customers_and_scripts(self, customer_ids: list[int]) -> tuple[list[Customer], list[SalesScript]]:
        with self._lock:
            wanted = set(customer_ids)
            found = [rows.customer(self.customers[i]) for i in customer_ids if i in self.customers]
            mine = [r for r in self.scripts.values() if r["customer_id"] in wanted]
            return found, [rows.script(r) for r in sorted(mine, key=lambda r: -r["id"])]

    # calls -----------------------------------------------------------------
    def create_call(self, new_call: NewCall) -> tuple[Call, bool]:
        with self._lock:
            for row in self.calls.values():
                if row["attempt_key"] == new_call.attempt_key:
                    return rows.call(row), False
            if new_call.busy_since is not None:
                busy = self.open_calls_to(new_call.phone_e164, new_call.busy_since)
                if busy:
                    return busy[0], False
            self._refuse_orphan(new_call.customer_id, new_call.script_id)
            call_id = self._new_id("calls")
            self.calls[call_id] = {
                **_NEW_CALL,
                "id": call_id,
                "customer_id": new_call.customer_id,
                "script_id": new_call.script_id,
                "call_status": CallStatus.DIALLING.value,
                "phone_e164": new_call.phone_e164,
                "provider": new_call.provider,
                "attempt_key": new_call.attempt_key,
                "country_code": new_call.country_code,
                "created_at": new_call.created_at.isoformat() if new_call.created_at else self._now(),
                "created_by": new_call.created_by,
                "request_fields": new_call.request_fields,
            }
            return rows.call(self.calls[call_id]), True

    def update_call(self, call_id: int, changes: CallChanges) -> Call:
        values = rows.call_changes(changes)
        with self._lock:
            row = self.calls.get(call_id)
            if row is None:
                raise NotFound(f"Call {call_id} no longer exists.")
            provider_id = values.get("provider_call_id")
            if provider_id is not None and any(
                r["provider_call_id"] == provider_id and r["id"] != call_id for r in self.calls.values()
            ):
                raise StorageError("That change conflicts with stored data (UNIQUE constraint failed).")
            row.update(values)
            return rows.call(row)

    def get_call(self, call_id: int) -> Call:
        with self._lock:
            if call_id not in self.calls:
                raise NotFound(f"Call {call_id} no longer exists.")
            return rows.call(self.calls[call_id])

    def get_calls(self, call_ids: list[int]) -> list[Call]:
        with self._lock:
            return [rows.call(self.calls[i]) for i in call_ids if i in self.calls]

    def unfinished_calls(self) -> list[Call]:
        with self._lock:
            return [
                rows.call(r) for r in sorted(self.calls.values(), key=lambda r: r["id"]) if r["call_status"] in _OPEN
            ]

    def claim_lease(self, name: str, holder: str, seconds: float) -> bool:
        now = datetime.now(UTC)  # real time, as the database's clock is on the other stores
        with self._lock:
            held = self.leases.get(name)
            if held is not None and held[0] != holder and held[1] > now:
                return False
            self.leases[name] = (holder, now + timedelta(seconds=seconds))
            return True

    def release_lease(self, name: str, holder: str) -> None:
        with self._lock:
            if self.leases.get(name, ("", None))[0] == holder:
                del self.leases[name]

    def open_calls_to(self, phone_e164: str, since: datetime) -> list[Call]:
        after = _utc(since)
        with self._lock:
            found = [r for r in self.calls.values() if r["phone_e164"] == phone_e164 and r["created_at"] >= after
                     and r["call_status"] in _OPEN]  # fmt: skip
            return [rows.call(r) for r in _ordered(found, "newest")]

    def do_not_call_request(self, phone_e164: str) -> Call | None:
        with self._lock:
            found = [r for r in self.calls.values()
                     if r["phone_e164"] == phone_e164 and r["outcome"] == Outcome.DO_NOT_CALL.value]  # fmt: skip
            return rows.call(_ordered(found, "newest")[0]) if found else None

    def import_history(self, batch: list[CustomerHistory]) -> None:
        """All or nothing, as the SQLite store's one transaction."""
        with self._lock:
            saved = ({**self.customers}, {**self.scripts}, {**self.calls}, {**self._last_id})
            try:
                for history in batch:
                    self._import(history)
            except BaseException:
                self.customers, self.scripts, self.calls, self._last_id = saved
                raise

    def bulk_import(self, batches: Iterable[list[CustomerHistory]]) -> int:
        """import_history a batch at a time (each all or nothing)."""
        stored = 0
        for batch in batches:
            self.import_history(batch)
            stored += sum(len(h.calls) for h in batch)
        return stored

    def _import(self, history: CustomerHistory) -> None:
        customer = history.customer
        row = self._customer_of(customer)
        if row is None:
            known = [t for t in (history.script_created_at, *(c.created_at for c in history.calls)) if t]
            created = min(known, default=None)
            row = {**rows.customer_values(customer), "id": self._new_id("customers"),
                   "created_by": history.script_created_by,
                   "created_at": created.isoformat() if created else self._now()}  # fmt: skip
            self.customers[row["id"]] = row
        script_id = self._new_id("scripts")
        self.scripts[script_id] = {"id": script_id, "customer_id": row["id"], "script": history.script,
                                   "writer": history.writer, "created_by": history.script_created_by,
                                   "created_at": history.script_created_at.isoformat() if history.script_created_at
                                   else self._now()}  # fmt: skip
        for call in history.calls:
            if any(r["attempt_key"] == call.attempt_key for r in self.calls.values()):
                raise StorageError("That change conflicts with stored data (UNIQUE constraint failed).")
            call_id = self._new_id("calls")
            self.calls[call_id] = {
                **_NEW_CALL,
                "id": call_id,
                "customer_id": row["id"],
                "script_id": script_id,
                "call_status": CallStatus.DIALLING.value,
                "phone_e164": customer.phone_e164,
                "country_code": customer.country_code,
                "provider": call.provider,
                "attempt_key": call.attempt_key,
                "created_at": call.created_at.isoformat(),
                "created_by": call.created_by,
                **rows.call_changes(call.changes),
            }

    # the Transcripts page --------------------------------------------------
    def _matches(self, f: CallFilter) -> Callable[[Row], bool]:
        """The filter as a test of one row (sqlite_search.where, condition by condition)."""
        date_to = (f.date_to + timedelta(days=1)).isoformat() if f.date_to else None
        name = _like(filters.name_pattern(f.customer_name)) if f.customer_name.strip() else None
        terms, column = f.search_terms(), _SPEAKER_COLUMN.get(f.speaker(), "transcript")

        def said(row: Row) -> bool:
            if column == "transcript":  # the transcript as shown: a phrase may run on into the next line
                return all(find_spans(row["transcript"], [t]) for t in terms)
            lines = row[column].split("\n")  # one speaker's lines: a phrase never runs from one into the next
            return all(any(find_spans(line, [t]) for line in lines) for t in terms)

        def matches(r: Row) -> bool:
            return (
                (not f.date_from or r["created_at"] >= f.date_from.isoformat())
                and (date_to is None or r["created_at"] < date_to)
                and (not f.statuses or r["call_status"] in f.statuses)
                and (not f.outcomes or r["outcome"] in f.outcomes)
                and (not f.sentiments or r["sentiment"] in f.sentiments)
                and (not f.objections or any(kind in f.objections for kind in r["objections"] or ()))
                and (f.next_step_agreed is None or r["next_step_agreed"] is f.next_step_agreed)
                and (f.customer_id is None or r["customer_id"] == f.customer_id)
                and (not f.country_code or r["country_code"] == f.country_code)
                and (not f.placed_by() or r["created_by"] == f.placed_by())
                and (name is None or bool(name.fullmatch(self.customers[r["customer_id"]]["name"].lower())))
                and (not terms or said(r))
            )

        return matches

    def _matching(self, f: CallFilter) -> list[Row]:
        with self._lock:
            return _ordered(filter(self._matches(f), self.calls.values()), f.sort)

    def search_calls(self, call_filter: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
        found = self._matching(call_filter)
        with self._lock:
            page = [rows.call_row(r, self.customers[r["customer_id"]]["name"]) for r in found[offset : offset + limit]]
        return CallPage(page, len(found) if with_total else None)

    def iter_call_ids(self, call_filter: CallFilter, batch: int = 500) -> Iterator[list[int]]:
        size, last = max(1, min(batch, GET_CALLS_BATCH)), None
        while True:
            after = [] if last is None else keyset.after(call_filter.sort, last)
            found = [r for r in self._matching(call_filter) if last is None or _holds(r, after)][:size]
            if found:
                yield [r["id"] for r in found]
            if len(found) < size:
                return
            end = found[-1]
            last = keyset.Position(end["id"], end["created_at"], end["duration_seconds"])

    def call_stats(self, call_filter: CallFilter) -> CallStats:
        """The stores' sums (sqlite_daily.measures) one call at a time, built by the stores' stats_build."""
        found = self._matching(call_filter)
        topics = [
            (t, coverage, 1) for r in found if _connected(r) for t, coverage in json.loads(r["topic_coverage"] or "[]")
        ]
        return stats_build.build([_group(r) for r in found], topics)
