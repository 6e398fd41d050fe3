"""What the Transcripts page reads: filtered pages of calls, KPIs, one call with its script, and exports."""

from __future__ import annotations

from collections.abc import Iterator

from salesbot.models import Call, Customer, SalesScript
from salesbot.storage import CallFilter, CallPage, CallRow, CallStats, CallStore
from salesbot.transcripts import call_report, write_csv


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

    def get_customer(self, customer_id: int) -> Customer:
        return self.store.get_customer(customer_id)

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        return self.store.list_scripts(customer_id)

    def export_csv(self, call_filter: CallFilter, batch: int = 1000) -> str:
        """Every call matching the filter as CSV, read page by page so memory stays bounded per page."""

        def pages() -> Iterator[list[CallRow]]:
            offset = 0
            while True:
                found = self.store.search_calls(call_filter, limit=batch, offset=offset, with_total=False).rows
                if found:
                    yield found
                if len(found) < batch:
                    return
                offset += batch

        return write_csv(pages())

    def call_report(self, call_id: int) -> str:
        call = self.store.get_call(call_id)
        script = self.store.get_script(call.script_id) if call.script_id else None
        return call_report(call, self.store.get_customer(call.customer_id), script)
