"""The Supabase store's footing: one client, a timeout on every request, and PostgREST's errors in plain words."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlparse

from salesbot.errors import NotFound, StorageError
from salesbot.models import CallStatus

log = logging.getLogger(__name__)
T = TypeVar("T")
UNFINISHED = [s.value for s in CallStatus if not s.is_final]
_CALL_COLUMNS = (
    "id,customer_id,script_id,transcript,call_status,phone_e164,provider,provider_call_id,attempt_key,utterances,"
    "started_at,ended_at,duration_seconds,error_message,recording_url,analysis,analysis_error,country_code,outcome,"
    "sentiment,objections,next_step_agreed,created_at,created_by,request_fields"
)


class SupabaseBase:
    """A supabase-py client (PostgREST) and the three ways the store asks it: run, select, one row by id."""

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


def first_row(data: Any) -> dict[str, Any]:
    """The first row PostgREST returned (inserts and updates return the rows they wrote)."""
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        raise StorageError("Supabase wrote the record but did not return it. Refresh the page.")
    return data[0]


def error_code(error: StorageError) -> str | None:
    """The PostgREST or PostgreSQL code behind a StorageError from _run."""
    code = getattr(error.__cause__, "code", None)
    return code if isinstance(code, str) else None


def is_duplicate(error: StorageError) -> bool:
    return error_code(error) == "23505"


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
