"""The Transcripts page's queries on Supabase: the call_list view's filters, search and sort, and the KPIs' payload."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from salesbot.models import CallFilter
from salesbot.search.terms import like_literal, name_pattern, tsquery, tsquery_term

# The call_list view (supabase/migrations): a page's columns with the customer's name, filtered in the database.
LIST_COLUMNS = (
    "id,customer_id,phone_e164,call_status,provider,started_at,duration_seconds,transcript,created_at,"
    "country_code,outcome,sentiment,customer_name,objections,next_step_agreed,analysis,created_by"
)
_SORTS = {"newest": ("created_at", True), "oldest": ("created_at", False), "longest": ("duration_seconds", True)}
_SORTS["shortest"] = ("duration_seconds", False)
# said_by -> the search vector (migration 20261128000000): the transcript as shown, or one speaker's lines
_VECTORS = {"": "transcript_tsv", "customer": "customer_tsv", "agent": "agent_tsv"}


def array_literal(values: tuple[str, ...]) -> str:
    """A PostgreSQL array literal, every element double-quoted so commas, braces and spaces stay data."""
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def filtered(query: Any, f: CallFilter) -> Any:
    """A call_list query with every filter of `f` (the same conditions call_stats gets from payload())."""
    if f.customer_name.strip():  # PostgREST reads each * as %: this is name_pattern, as call_stats gets it
        query = query.ilike("customer_name", f"*{like_literal(f.customer_name.strip())}*")
    if f.customer_id is not None:
        query = query.eq("customer_id", f.customer_id)
    if f.date_from:
        query = query.gte("created_at", f.date_from.isoformat())
    if f.date_to:
        query = query.lt("created_at", (f.date_to + timedelta(days=1)).isoformat())
    for column, values in (("call_status", f.statuses), ("outcome", f.outcomes), ("sentiment", f.sentiments)):
        if values:
            query = query.in_(column, list(values))
    if f.country_code:
        query = query.eq("country_code", f.country_code)
    if f.placed_by():
        query = query.eq("created_by", f.placed_by())
    if f.objections:  # any of these kinds: the arrays overlap (&&)
        query = query.filter("objections", "ov", array_literal(f.objections))
    if f.next_step_agreed is not None:  # calls not analysed yet (null) are neither
        query = query.is_("next_step_agreed", "true" if f.next_step_agreed else "false")
    terms = f.search_terms()
    if terms:  # fts(simple): to_tsquery, PostgreSQL's own parser splitting each term as it split the transcript
        query = query.text_search(_VECTORS[f.speaker()], tsquery(terms), options={"config": "simple"})
    return query


def ordered(query: Any, sort: str) -> Any:
    column, descending = _SORTS.get(sort, _SORTS["newest"])
    if column == "created_at":  # never null: plain order, so Postgres walks the (created_at, id) index
        return query.order("created_at", desc=descending).order("id", desc=descending)
    return query.order(column, desc=descending, nullsfirst=False).order("id", desc=True)  # no duration: last


def payload(f: CallFilter) -> dict[str, Any]:
    """The filter as call_filter_sql (the migrations) reads it, for rpc/call_stats and rpc/call_page: the search as
    terms, each its to_tsquery operand and, for a phrase, its words (answered from search_pairs)."""
    return {
        "date_from": f.date_from.isoformat() if f.date_from else None,
        "date_to": f.date_to.isoformat() if f.date_to else None,
        "statuses": list(f.statuses),
        "outcomes": list(f.outcomes),
        "sentiments": list(f.sentiments),
        "country_code": f.country_code,
        "customer_like": name_pattern(f.customer_name) if f.customer_name.strip() else "",
        "customer_id": f.customer_id,
        "terms": [
            {"query": tsquery_term(t), "phrase": " ".join(t.words) if t.phrase else None} for t in f.search_terms()
        ],
        "said_by": f.speaker(),
        "objections": list(f.objections),
        "next_step_agreed": f.next_step_agreed,
        "created_by": f.placed_by(),
    }


def page_query(f: CallFilter, limit: int, offset: int, with_total: bool) -> dict[str, Any]:
    """rpc/call_page's p_query: one page of a search, in the filter's order."""
    return {"filter": payload(f), "sort": f.sort, "limit": limit, "offset": offset, "count": with_total}
