"""The Supabase store: the same CallStore over supabase-py (PostgREST), with errors told in plain words."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlparse

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
from salesbot.storage import GET_CALLS_BATCH, CallChanges, CustomerHistory, NewCall, keyset, rows, supabase_search

log = logging.getLogger(__name__)
T = TypeVar("T")
_UNFINISHED = [s.value for s in CallStatus if not s.is_final]
_CALL_COLUMNS = (
    "id,customer_id,script_id,transcript,call_status,phone_e164,provider,provider_call_id,attempt_key,utterances,"
    "started_at,ended_at,duration_seconds,error_message,recording_url,analysis,analysis_error,country_code,outcome,"
    "sentiment,objections,next_step_agreed,created_at,created_by"
)


def _or_value(text: str) -> str:
    """A value inside PostgREST's or=(...), double-quoted so commas, dots, colons and parentheses stay data."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class SupabaseStore:
    """CallStore over Supabase Postgres; one client per process, a timeout on every request."""

    def __init__(self, url: str, key: str, timeout_s: float = 10.0) -> None:
        import httpx

        from supabase import ClientOptions, SupabaseException, create_client

        self.description = f"Supabase ({urlparse(url).hostname or url})"
        # Both options exist from supabase 2.34 (the floor in requirements.txt); an older client fails here, loudly,
        # rather than as a settings problem. No retries: a poll must not sleep 1+2+4 s inside its one-second tick.
        options = ClientOptions(httpx_client=httpx.Client(timeout=timeout_s), postgrest_client_retry=False)
        try:
            self.client = create_client(url, key, options=options)
        except SupabaseException as e:  # a malformed URL or a missing key: say which setting, never the key
            raise StorageError("SUPABASE_URL or SUPABASE_KEY is not valid. Check both settings.") from e

    def _run(self, what: str, query: Callable[[], T]) -> T:
        import httpx
        from postgrest.exceptions import APIError

        try:
            return query()
        except APIError as e:
            log.error("Supabase %s failed: code=%s message=%s", what, e.code, e.message)
            raise StorageError(_explain(e.code, e.message)) from e
        except httpx.TimeoutException as e:
            log.error("Supabase %s timed out", what)
            raise StorageError("Supabase did not answer in time. Try again in a moment.") from e
        except httpx.HTTPError as e:
            log.error("Supabase %s failed: %s", what, type(e).__name__)
            raise StorageError("Supabase cannot be reached. Check SUPABASE_URL and the network.") from e

    def _select(self, table: str, what: str, build: Callable[[Any], Any]) -> list[dict[str, Any]]:
        columns = _CALL_COLUMNS if table == "call_transcripts" else "*"  # not the search index column
        response = self._run(what, lambda: build(self.client.table(table).select(columns)).execute())
        return list(response.data)

    def _one(self, table: str, row_id: int, label: str) -> dict[str, Any]:
        found = self._select(table, f"read {table}", lambda q: q.eq("id", row_id))
        if not found:
            raise NotFound(f"{label} {row_id} no longer exists.")
        return found[0]

    # customers -------------------------------------------------------------
    def save_customer(self, customer: CustomerInput, created_by: str = "") -> Customer:
        values = rows.customer_values(customer)

        def existing() -> list[dict[str, Any]]:
            return self._select(
                "customers",
                "find customer",
                lambda q: q.ilike("name", like_literal(customer.name)).eq("phone_e164", customer.phone_e164),
            )

        found = existing()
        if found:
            response = self._run(
                "update customer",
                lambda: self.client.table("customers").update(values).eq("id", found[0]["id"]).execute(),
            )
            return rows.customer(_first(response.data))
        try:
            row = {**values, "created_by": created_by}  # an update keeps who first saved them
            response = self._run("insert customer", lambda: self.client.table("customers").insert(row).execute())
        except StorageError as e:
            if not _is_duplicate(e) or not existing():  # a duplicate: another session inserted it just now
                raise
            return self.save_customer(customer, created_by)
        return rows.customer(_first(response.data))

    def get_customer(self, customer_id: int) -> Customer:
        return rows.customer(self._one("customers", customer_id, "Customer"))

    def find_customers(self, query: str, limit: int = 20) -> list[Customer]:
        """One request: or=(and(name.ilike."*w1*",...),phone_e164.like."*digits*"), newest id first, limited."""
        if limit <= 0:
            return []
        words, digits = customer_terms(query)
        terms: list[str] = []
        if words:
            names = [f"name.ilike.{_or_value(f'*{like_literal(w)}*')}" for w in words]
            terms.append(names[0] if len(names) == 1 else f"and({','.join(names)})")
        if digits:
            terms.append(f"phone_e164.like.{_or_value(f'*{digits}*')}")

        def build(q: Any) -> Any:
            return (q.or_(",".join(terms)) if terms else q).order("id", desc=True).limit(limit)

        return [rows.customer(r) for r in self._select("customers", "find customers", build)]

    # scripts ---------------------------------------------------------------
    def add_script(self, customer_id: int, script: str, writer: str, created_by: str = "") -> SalesScript:
        row = {"customer_id": customer_id, "script": script, "writer": writer, "created_by": created_by}
        response = self._run("insert script", lambda: self.client.table("sales_scripts").insert(row).execute())
        return rows.script(_first(response.data))

    def get_script(self, script_id: int) -> SalesScript:
        return rows.script(self._one("sales_scripts", script_id, "Script version"))

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        found = self._select(
            "sales_scripts", "list scripts", lambda q: q.eq("customer_id", customer_id).order("id", desc=True)
        )
        return [rows.script(r) for r in found]

    # calls -----------------------------------------------------------------
    def create_call(self, new_call: NewCall) -> tuple[Call, bool]:
        row = {
            "customer_id": new_call.customer_id,
            "script_id": new_call.script_id,
            "call_status": CallStatus.DIALLING.value,
            "phone_e164": new_call.phone_e164,
            "provider": new_call.provider,
            "attempt_key": new_call.attempt_key,
            "country_code": new_call.country_code,
            "created_by": new_call.created_by,
        }
        if new_call.created_at:
            row["created_at"] = new_call.created_at.isoformat()
        try:
            response = self._run("insert call", lambda: self.client.table("call_transcripts").insert(row).execute())
        except StorageError as e:
            if not _is_duplicate(e):
                raise
            found = self._select(
                "call_transcripts", "find attempt", lambda q: q.eq("attempt_key", new_call.attempt_key)
            )
            if not found:
                raise
            return rows.call(found[0]), False
        return rows.call(_first(response.data)), True

    def update_call(self, call_id: int, changes: CallChanges) -> Call:
        values = rows.call_changes(changes)
        if not values:  # nothing to change: no PATCH (it would rewrite the row, its search vector and its indexes)
            return self.get_call(call_id)
        response = self._run(
            "update call", lambda: self.client.table("call_transcripts").update(values).eq("id", call_id).execute()
        )
        if not response.data:
            raise NotFound(f"Call {call_id} no longer exists.")
        return rows.call(_first(response.data))

    def get_call(self, call_id: int) -> Call:
        return rows.call(self._one("call_transcripts", call_id, "Call"))

    def get_calls(self, call_ids: list[int]) -> list[Call]:
        found: dict[int, Call] = {}
        for start in range(0, len(call_ids), GET_CALLS_BATCH):
            for r in self._calls_in(sorted(set(call_ids[start : start + GET_CALLS_BATCH]))):
                found[r["id"]] = rows.call(r)
        return [found[i] for i in call_ids if i in found]

    def _calls_in(self, call_ids: list[int]) -> list[dict[str, Any]]:
        return self._select("call_transcripts", "read calls", lambda q: q.in_("id", call_ids))

    def iter_call_ids(self, call_filter: CallFilter, batch: int = 500) -> Iterator[list[int]]:
        size, last, probe = max(1, min(batch, GET_CALLS_BATCH)), None, [True]
        while True:
            found = self._ids_after(call_filter, size, last, probe)
            if found:
                yield [int(r["id"]) for r in found]
            if len(found) < size:
                return
            end = found[-1]
            last = keyset.Position(int(end["id"]), end["created_at"], end["duration_seconds"])

    def _ids_after(
        self, f: CallFilter, size: int, last: keyset.Position | None, probe: list[bool]
    ) -> list[dict[str, Any]]:
        """One keyset batch: the filter, the rows after `last`, in the sort order. A search goes to rpc/call_page,
        told to skip its probe of the next calls in order once a probe has not filled a batch (probe[0])."""
        if f.search_terms():
            p_query = supabase_search.page_query(f, size, 0, False)
            p_query |= {"keys": True, "after": keyset.after(f.sort, last) if last else None, "probe": probe[0]}
            data = self._run("list call ids", lambda: self.client.rpc("call_page", {"p_query": p_query}).execute()).data
            if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
                raise StorageError("Supabase sent the page of calls in an unexpected shape.")
            probe[0] = probe[0] and bool(data.get("probed"))
            return [r for r in data["rows"] if isinstance(r, dict)]
        query = supabase_search.ordered(self._call_list(f, False, "id,created_at,duration_seconds"), f.sort)
        if last is not None:
            query = query.or_(keyset.postgrest_or(keyset.after(f.sort, last)))
        response = self._run("list call ids", lambda: query.limit(size).execute())
        return [r for r in response.data if isinstance(r, dict)]

    def import_history(self, batch: list[CustomerHistory]) -> None:
        """Three round trips a batch: customers, scripts, calls (a customer already stored is updated instead)."""
        values = [rows.customer_values(h.customer) for h in batch]
        try:
            inserted = self._run(
                "import customers", lambda: self.client.table("customers").insert(values).execute()
            ).data
            customer_ids = [_first([r])["id"] for r in inserted]
        except StorageError as e:
            if not _is_duplicate(e):
                raise
            customer_ids = [self.save_customer(h.customer).id for h in batch]
        scripts = [
            {"customer_id": cid, "script": h.script, "writer": h.writer}
            for cid, h in zip(customer_ids, batch, strict=True)
        ]
        stored = self._run("import scripts", lambda: self.client.table("sales_scripts").insert(scripts).execute()).data
        script_ids = [_first([r])["id"] for r in stored]
        calls = [
            {
                "customer_id": cid,
                "script_id": sid,
                "phone_e164": h.customer.phone_e164,
                "country_code": h.customer.country_code,
                "provider": call.provider,
                "attempt_key": call.attempt_key,
                "created_at": call.created_at.isoformat(),
                **rows.call_changes(call.changes),
            }
            for cid, sid, h in zip(customer_ids, script_ids, batch, strict=True)
            for call in h.calls
        ]
        columns = {k for c in calls for k in c}
        empty = {"transcript": "", "customer_text": "", "agent_text": "", "customer_spoke": False, "utterances": []}
        calls = [{k: c.get(k, empty.get(k)) for k in sorted(columns)} for c in calls]  # one shape for a bulk insert
        if calls:
            self._run("import calls", lambda: self.client.table("call_transcripts").insert(calls).execute())

    def search_calls(self, call_filter: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
        """One request, every filter (the customer's name included) run in the database: to the call_list view, or
        with a search to rpc/call_page."""
        f = call_filter
        if f.search_terms():  # rpc/call_page picks how to read the search's matches (see the migration)
            return self._search_page(f, limit, offset, with_total)
        query = supabase_search.ordered(self._call_list(f, with_total), f.sort)
        try:
            response = self._run("search calls", lambda: query.range(offset, offset + limit - 1).execute())
        except StorageError as e:
            if _code(e) != "PGRST103":
                raise
            # A page past the last match: PostgREST answers 416 when asked to count, so count alone.
            counted = self._run("count calls", lambda: self._call_list(f, True).limit(0).execute())
            return CallPage([], int(counted.count or 0))
        found: list[dict[str, Any]] = [r for r in response.data if isinstance(r, dict)]
        total = int(response.count or 0) if with_total else None
        return CallPage([rows.call_row(r, r["customer_name"] or "") for r in found], total)

    def _search_page(self, f: CallFilter, limit: int, offset: int, with_total: bool) -> CallPage:
        p_query = supabase_search.page_query(f, limit, offset, with_total)
        data = self._run("search calls", lambda: self.client.rpc("call_page", {"p_query": p_query}).execute()).data
        if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
            raise StorageError("Supabase sent the page of calls in an unexpected shape.")
        found = [rows.call_row(r, r["customer_name"] or "") for r in data["rows"] if isinstance(r, dict)]
        total = data.get("total")
        return CallPage(found, int(total) if with_total and total is not None else None)

    def _call_list(self, f: CallFilter, with_total: bool, columns: str = supabase_search.LIST_COLUMNS) -> Any:
        from postgrest.types import CountMethod

        count = CountMethod.exact if with_total else None
        return supabase_search.filtered(self.client.table("call_list").select(columns, count=count), f)

    def call_stats(self, call_filter: CallFilter) -> CallStats:
        """KPIs in one round trip (rpc/call_stats), with the same filters as search_calls sends to call_list."""
        p_filter = supabase_search.payload(call_filter)
        data = self._run("call stats", lambda: self.client.rpc("call_stats", {"p_filter": p_filter}).execute()).data
        found = supabase_search.stats(data)
        if found is None:
            raise StorageError("Supabase sent the call statistics in an unexpected shape.")
        return found

    def unfinished_calls(self) -> list[Call]:
        found = self._select(
            "call_transcripts", "list unfinished calls", lambda q: q.in_("call_status", _UNFINISHED).order("id")
        )
        return [rows.call(r) for r in found]

    def do_not_call_request(self, phone_e164: str) -> Call | None:
        found = self._select(
            "call_transcripts",
            "find a do-not-call request",
            lambda q: (
                q.eq("phone_e164", phone_e164)
                .eq("outcome", Outcome.DO_NOT_CALL.value)
                .order("created_at", desc=True)
                .order("id", desc=True)
                .limit(1)
            ),
        )
        return rows.call(found[0]) if found else None

    def open_calls_to(self, phone_e164: str, since: datetime) -> list[Call]:
        moment = since.astimezone(UTC) if since.tzinfo else since.replace(tzinfo=UTC)
        found = self._select(
            "call_transcripts",
            "find open calls",
            lambda q: (
                q.eq("phone_e164", phone_e164)
                .in_("call_status", _UNFINISHED)
                .gte("created_at", moment.isoformat())
                .order("created_at", desc=True)
                .order("id", desc=True)
            ),
        )
        return [rows.call(r) for r in found]


def _first(data: Any) -> dict[str, Any]:
    """The first row PostgREST returned (inserts and updates return the rows they wrote)."""
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        raise StorageError("Supabase wrote the record but did not return it. Refresh the page.")
    return data[0]


def _code(error: StorageError) -> str | None:
    """The PostgREST or PostgreSQL code behind a StorageError from _run."""
    code = getattr(error.__cause__, "code", None)
    return code if isinstance(code, str) else None


def _is_duplicate(error: StorageError) -> bool:
    return _code(error) == "23505"


def _explain(code: str | None, message: str | None) -> str:
    """PostgREST and Postgres error codes in words; never the key, never the query."""
    if code is None and message == "Invalid API key":  # Supabase's API gateway: a key the project does not have
        return (
            "Supabase does not accept the key in SUPABASE_KEY: it is mistyped or belongs to another project."
            " Copy the service_role key from the project's API settings."
        )
    if code == "22P05":
        return "Supabase cannot store a NUL character in text. Remove control characters from the text."
    if code == "42501":
        return "Supabase refused access (row level security or grants). Use the service_role key for SUPABASE_KEY."
    if code == "23505":
        return "That record already exists in Supabase."
    if code == "23503":
        return "That record refers to a customer or script that no longer exists."
    if code in {"PGRST301", "PGRST302"} or (code or "").startswith("PGRST3"):
        return "Supabase rejected the key. Check SUPABASE_KEY."
    if code in {"PGRST205", "42P01", "PGRST204", "42703", "PGRST202", "42883"}:  # a table, column or function
        return (
            "The salesbot tables, views or columns are missing in Supabase. Apply every file in supabase/migrations"
            " (see the README)."
        )
    if code and code.isdigit() and code.startswith("5"):
        return f"Supabase had a server error (HTTP {code}). Try again in a moment."
    return "Supabase could not save or read the call history. Try again."
