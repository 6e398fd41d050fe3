"""The Transcripts page's queries on SQLite: filters, FTS5 transcript search, sorting, paging and KPIs."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

from salesbot.models import CallFilter, CallPage, CallStats
from salesbot.search.terms import fts5_query, name_pattern
from salesbot.storage import keyset, rows, sqlite_daily, sqlite_stats, stats_build

CONNECTED = sqlite_daily.connected_sql("t")  # the KPIs' connected; average duration over connected calls only
_SEARCHED = {"customer": "customer_text", "agent": "agent_text"}  # said_by -> FTS5 column; anyone: transcript

# sort -> (covering index to walk, ORDER BY it satisfies); calls without a duration sort last either way
ORDER = {
    "newest": ("call_transcripts_browse", "t.created_at DESC, t.id DESC"),
    "oldest": ("call_transcripts_browse", "t.created_at ASC, t.id ASC"),
    "longest": ("call_transcripts_by_length", "t.duration_seconds DESC, t.id DESC"),
    "shortest": ("call_transcripts_by_length", "t.duration_seconds IS NULL, t.duration_seconds ASC, t.id DESC"),
}


def where(f: CallFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.date_from:
        clauses.append("t.created_at >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        clauses.append("t.created_at < ?")
        params.append((f.date_to + timedelta(days=1)).isoformat())
    for column, values in (("t.call_status", f.statuses), ("t.outcome", f.outcomes), ("t.sentiment", f.sentiments)):
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params += list(values)
    if f.objections:  # any of these kinds (objections holds a JSON array of kinds)
        marks = ",".join("?" * len(f.objections))
        clauses.append(f"EXISTS (SELECT 1 FROM json_each(t.objections) WHERE json_each.value IN ({marks}))")
        params += list(f.objections)
    if f.next_step_agreed is not None:  # calls not analysed yet are neither
        clauses.append("t.next_step_agreed = ?")
        params.append(int(f.next_step_agreed))
    if f.customer_id is not None:
        clauses.append("t.customer_id = ?")
        params.append(f.customer_id)
    if f.country_code:
        clauses.append("t.country_code = ?")
        params.append(f.country_code)
    if f.placed_by():
        clauses.append("t.created_by = ?")
        params.append(f.placed_by())
    if f.customer_name.strip():  # as ILIKE does on PostgreSQL: any case, in any script
        clauses.append(
            "t.customer_id IN (SELECT id FROM customers WHERE unicode_lower(name) LIKE unicode_lower(?) ESCAPE '\\')"
        )
        params.append(name_pattern(f.customer_name))
    terms = f.search_terms()
    if terms:
        clauses.append("t.id IN (SELECT rowid FROM call_search WHERE call_search MATCH ?)")
        params.append(fts5_query(terms, _SEARCHED.get(f.speaker(), "transcript")))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def search(conn: sqlite3.Connection, f: CallFilter, limit: int, offset: int, with_total: bool = True) -> CallPage:
    """Find the page's ids on a covering index, then read just those rows."""
    condition, params = where(f)
    index, order = ORDER.get(f.sort, ORDER["newest"])
    source = f"call_transcripts t INDEXED BY {index}"
    total = conn.execute(f"SELECT count(*) FROM {source}{condition}", params).fetchone()[0] if with_total else None
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT t.id FROM {source}{condition} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
        )
    ]
    found = conn.execute(
        "SELECT t.id, t.customer_id, t.phone_e164, t.call_status, t.provider, t.started_at, t.duration_seconds,"
        " t.transcript, t.created_at, t.country_code, t.outcome, t.sentiment, t.objections, t.next_step_agreed,"
        " t.analysis, t.created_by, c.name AS customer_name"
        f" FROM call_transcripts t JOIN customers c ON c.id = t.customer_id WHERE t.id IN ({','.join('?' * len(ids))})",
        ids,
    ).fetchall()
    by_id = {r["id"]: r for r in found}
    page = [rows.call_row(by_id[i], by_id[i]["customer_name"]) for i in ids if i in by_id]
    return CallPage(page, None if total is None else int(total))


def call_ids_after(
    conn: sqlite3.Connection, f: CallFilter, batch: int, last: keyset.Position | None
) -> list[sqlite3.Row]:
    """The next `batch` matching rows after `last` in the filter's sort order: id, created_at, duration_seconds."""
    condition, params = where(f)
    if last is not None:
        after, more = keyset.sql(keyset.after(f.sort, last))
        condition = f"{condition} AND {after}" if condition else f" WHERE {after}"
        params += more
    index, order = ORDER.get(f.sort, ORDER["newest"])
    return conn.execute(
        f"SELECT t.id, t.created_at, t.duration_seconds FROM call_transcripts t INDEXED BY {index}{condition}"
        f" ORDER BY {order} LIMIT ?",
        [*params, batch],
    ).fetchall()


def stats(conn: sqlite3.Connection, f: CallFilter) -> CallStats:
    """The filter's groups (stats_build): from the per-day totals when they answer the filter, else summed over the
    matching calls (sqlite_stats): with a search, each call the full-text index found is sought on the covering
    index by id; without, the covering index by date is scanned."""
    if sqlite_daily.answers(f):
        return stats_build.build(*sqlite_daily.groups(conn, f))
    condition, params = where(f)
    index = "call_transcripts_facts" if f.search_terms() else "call_transcripts_browse"
    return sqlite_stats.stats(conn, index, condition, params)
