"""What the Transcripts page reads: filtered pages of calls, KPIs, one call with its script, a one-call report."""

from __future__ import annotations

import math
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from salesbot.errors import NotFound, SalesbotError
from salesbot.exports.report import call_report
from salesbot.models import Call, CallFilter, CallPage, CallStats, Customer, SalesScript, version_number
from salesbot.storage import CallStore

HISTORY_ROWS = 50  # the customer's calls listed beside one call
# Reads that need not wait on each other; a task here never waits on another task here.
_READERS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="archive")


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


@dataclass(frozen=True)
class ArchiveView:
    """What the Transcripts page shows for a filter: KPIs, one page of calls (the last one if asked past it), and
    the open call, or why it could not be read."""

    stats: CallStats
    found: CallPage
    page: int
    pages: int
    detail: CallDetail | None = None
    call_missing: bool = False  # the call asked for is not in the archive
    detail_problem: str | None = None  # the call could not be read now; the rest still shows


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

    def view(self, call_filter: CallFilter, page: int, page_size: int, call_id: int | None = None) -> ArchiveView:
        """KPIs, a page of calls and the open call, read side by side (a network store answers them in parallel)."""
        stats = _READERS.submit(self.store.call_stats, call_filter)
        found = _READERS.submit(self.find_calls, call_filter, page, page_size, False)
        detail, missing, problem = None, False, None
        try:  # in this thread: only reads that wait on nothing else go to the pool, so it can never deadlock
            detail = self.call_detail(call_id) if call_id is not None else None
        except NotFound:
            missing = True
        except SalesbotError as e:
            problem = e.user_message
        pages = max(1, math.ceil(stats.result().calls / page_size))
        shown = min(max(page, 1), pages)
        rows = found.result() if shown == page else self.find_calls(call_filter, shown, page_size, with_total=False)
        return ArchiveView(stats.result(), rows, shown, pages, detail, missing, problem)

    def call_detail(self, call_id: int) -> CallDetail:
        """A call with everything the page shows beside it (NotFound for an unknown id)."""
        call = self.store.get_call(call_id)
        customer = _READERS.submit(self.store.get_customer, call.customer_id)
        scripts = _READERS.submit(self.store.list_scripts, call.customer_id)
        history: Future[CallPage] = _READERS.submit(
            self.store.search_calls, CallFilter(customer_id=call.customer_id), HISTORY_ROWS, 0
        )
        versions = scripts.result()
        script = next((s for s in versions if s.id == call.script_id), None)
        return CallDetail(
            call, customer.result(), versions, script, version_number(versions, call.script_id), history.result()
        )

    def call_report(self, call_id: int) -> str:
        call = self.store.get_call(call_id)
        script = self.store.get_script(call.script_id) if call.script_id else None
        version = version_number(self.store.list_scripts(call.customer_id), call.script_id) if script else None
        return call_report(call, self.store.get_customer(call.customer_id), script, version)
