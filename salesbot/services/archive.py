"""What the Transcripts page reads: filtered pages of calls, KPIs, one call with its script, a one-call report."""

from __future__ import annotations

from dataclasses import dataclass

from salesbot.models import Call, Customer, SalesScript
from salesbot.services.scripts import version_number
from salesbot.storage import CallFilter, CallPage, CallStats, CallStore
from salesbot.transcripts import call_report

HISTORY_ROWS = 50  # the customer's calls listed beside one call


@dataclass(frozen=True)
class CallDetail:
    """One call as the Transcripts page opens it: its customer, the script used (v1, v2 … as the presenter saw it)
    and the customer's other calls."""

    call: Call
    customer: Customer
    scripts: list[SalesScript]  # newest first
    script: SalesScript | None  # None when the script was deleted
    script_version: int | None
    history: CallPage  # the customer's calls, newest first, with their total


class ArchiveService:
    """Read-only views of past calls; nothing here writes to the store."""

    def __init__(self, store: CallStore) -> None:
        self.store = store

    def find_calls(
        self, call_filter: CallFilter, page: int = 1, page_size: int = 25, with_total: bool = True
    ) -> CallPage:
        """One page (1-based) of the calls matching the filter."""
        offset = (max(page, 1) - 1) * page_size
        return self.store.search_calls(call_filter, limit=page_size, offset=offset, with_total=with_total)

    def call_stats(self, call_filter: CallFilter) -> CallStats:
        return self.store.call_stats(call_filter)

    def get_call(self, call_id: int) -> Call:
        return self.store.get_call(call_id)

    def call_detail(self, call_id: int) -> CallDetail:
        """A call with everything the page shows beside it (NotFound for an unknown id)."""
        call = self.store.get_call(call_id)
        customer = self.store.get_customer(call.customer_id)
        scripts = self.store.list_scripts(customer.id)
        history = self.store.search_calls(CallFilter(customer_id=customer.id), limit=HISTORY_ROWS, offset=0)
        script = next((s for s in scripts if s.id == call.script_id), None)
        return CallDetail(call, customer, scripts, script, version_number(scripts, call.script_id), history)

    def get_customer(self, customer_id: int) -> Customer:
        return self.store.get_customer(customer_id)

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        return self.store.list_scripts(customer_id)

    def call_report(self, call_id: int) -> str:
        call = self.store.get_call(call_id)
        script = self.store.get_script(call.script_id) if call.script_id else None
        return call_report(call, self.store.get_customer(call.customer_id), script)
