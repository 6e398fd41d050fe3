"""The Supabase store's lists of calls: a page (call_list view or rpc/call_page), keyset batches of ids, KPIs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from salesbot.errors import StorageError
from salesbot.models import CallFilter, CallPage, CallStats
from salesbot.storage import GET_CALLS_BATCH, keyset, rows, supabase_search, supabase_stats
from salesbot.storage.supabase_base import SupabaseBase, error_code


class SupabaseListing(SupabaseBase):
    """Search, statistics and the id batches an export walks, every filter run in the database."""

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
            if error_code(e) != "PGRST103":
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
        found = supabase_stats.stats(data)
        if found is None:
            raise StorageError("Supabase sent the call statistics in an unexpected shape.")
        return found
