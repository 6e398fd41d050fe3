"""Storage: the CallStore interface every backend implements (SQLite embedded, Supabase later)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from salesbot.models import (
    Call,
    CallAnalysis,
    CallFilter,
    CallPage,
    CallStats,
    CallStatus,
    Customer,
    CustomerInput,
    SalesScript,
    Utterance,
)


@dataclass(frozen=True)
class NewCall:
    customer_id: int
    script_id: int
    phone_e164: str
    provider: str
    attempt_key: str
    country_code: str = "IN"
    created_at: datetime | None = None  # now, unless importing history
    created_by: str = ""  # the signed-in user placing it
    # The redial guard: refuse while another call to this number, created at or after this moment, is still open.
    # The store decides it atomically with the insert, so any number of processes place one call, not several.
    busy_since: datetime | None = None
    request_fields: str = ""  # an API call: the fields it was asked with (JSON), kept to compare a reused key


GET_CALLS_BATCH = 500  # ids per round trip (below PostgREST's max-rows, and a URL of a few kilobytes)


@dataclass(frozen=True)
class CallChanges:
    """Fields to change on a call; None leaves a field as it is."""

    status: CallStatus | None = None
    provider_call_id: str | None = None
    utterances: list[Utterance] | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    duration_seconds: float | None = None
    error_message: str | None = None
    recording_url: str | None = None
    analysis: CallAnalysis | None = None
    analysis_error: str | None = None  # "" clears a previous error


@dataclass(frozen=True)
class HistoricCall:
    """A finished call to import (demo data): when it was made and everything known about it."""

    attempt_key: str
    provider: str
    created_at: datetime
    changes: CallChanges
    created_by: str = ""  # who placed it (demo presenters)


@dataclass(frozen=True)
class CustomerHistory:
    """A customer, one script version and the calls made with it (a customer seen again gets another version)."""

    customer: CustomerInput
    script: str
    writer: str
    calls: list[HistoricCall]
    script_created_at: datetime | None = None  # when the version was written (now, unless given)
    script_created_by: str = ""


class CallStore(Protocol):
    """Customers, their script versions and their calls."""

    description: str

    def save_customer(self, customer: CustomerInput, created_by: str = "") -> Customer:
        """Insert the customer, or update the one with the same name and number (who first saved them stays)."""
        ...

    def get_customer(self, customer_id: int) -> Customer: ...

    def find_customers(self, query: str, limit: int = 20) -> list[Customer]:
        """Customers for a picker, newest first: every word of the query in the name (any case), or the query's
        digits (3 or more, spaces, +, dashes and parentheses ignored) in the number; a blank query finds the newest.
        % and _ match themselves; * separates words as a space does."""
        ...

    def add_script(self, customer_id: int, script: str, writer: str, created_by: str = "") -> SalesScript: ...

    def get_script(self, script_id: int) -> SalesScript: ...

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        """Every version for a customer, newest first."""
        ...

    def create_call(self, new_call: NewCall) -> tuple[Call, bool]:
        """Store a call before it is placed; for a known attempt key return that call and False.

        With `new_call.busy_since`, an open call to the same number created since then (another attempt) is
        returned with False instead, and nothing is stored: checked and inserted as one step, across processes."""
        ...

    def update_call(self, call_id: int, changes: CallChanges) -> Call: ...

    def get_call(self, call_id: int) -> Call: ...

    def get_calls(self, call_ids: list[int]) -> list[Call]:
        """The calls with these ids, in the order asked, one round trip per GET_CALLS_BATCH ids; ids that no longer
        exist are left out (an export never fails on a call deleted meanwhile)."""
        ...

    def iter_call_ids(self, call_filter: CallFilter, batch: int = 500) -> Iterator[list[int]]:
        """The ids of every call matching the filter, in its sort order, `batch` (at most GET_CALLS_BATCH) at a time.

        Keyset paging (each batch starts after the last row of the one before, not at an offset), so each batch
        costs the same however deep the export is; a call added meanwhile is in or out, never read twice."""
        ...

    def customers_and_scripts(self, customer_ids: list[int]) -> tuple[list[Customer], list[SalesScript]]:
        """The customers with these ids that still exist, and every script version of theirs (an export's batch of
        calls: a round trip or two per GET_CALLS_BATCH ids, not one per customer)."""
        ...

    def unfinished_calls(self) -> list[Call]:
        """Calls whose status is not final, oldest first."""
        ...

    def claim_lease(self, name: str, holder: str, seconds: float) -> bool:
        """Take the named piece of work for `seconds` if nobody holds it (or its lease ran out), or extend it for the
        holder that has it; False when another holder's lease is still running. One winner across processes."""
        ...

    def release_lease(self, name: str, holder: str) -> None:
        """Give the work back early (only the holder can)."""
        ...

    def open_calls_to(self, phone_e164: str, since: datetime) -> list[Call]:
        """Calls to exactly this number, created at or after `since`, whose status is not final; newest first."""
        ...

    def do_not_call_request(self, phone_e164: str) -> Call | None:
        """The most recent call to exactly this number whose analysis outcome is do_not_call, if any."""
        ...

    def search_calls(self, call_filter: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
        """One page of calls matching the filter, sorted as asked, and (with_total) how many match in all."""
        ...

    def call_stats(self, call_filter: CallFilter) -> CallStats:
        """KPIs over every call matching the filter. Connected: the customer answered (the call completed or was
        stopped, the customer said something, and its analysis, if any, is not voicemail, no_answer or incomplete);
        average_seconds is over connected calls with a duration."""
        ...


class HistoryImport(Protocol):
    """What `python -m salesbot seed` needs (demo data); the app's services never import history."""

    description: str

    def import_history(self, batch: list[CustomerHistory]) -> None:
        """Store customers with a script and finished calls each, in as few round trips as the store allows."""
        ...

    def bulk_import(self, batches: Iterable[list[CustomerHistory]]) -> int:
        """import_history for many batches at the store's fastest (one connection, bulk inserts, the search index
        filled once per batch); a batch's calls are stored together or not at all, and a customer already stored (same name, any case,
        and number) gets the version and calls. Returns how many calls were stored."""
        ...

    def search_calls(self, call_filter: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
        """As CallStore.search_calls (seed counts the calls already stored, to top up after them)."""
        ...
