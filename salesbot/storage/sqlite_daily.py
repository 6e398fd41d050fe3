"""Per-day KPI totals on SQLite, kept current by triggers: the unfiltered page's KPIs without reading every call."""

from __future__ import annotations

import sqlite3
from typing import Any

from salesbot.models import CallFilter, Outcome

_NOT_CONNECTED = ", ".join(f"'{o.value}'" for o in Outcome if not o.connected)


def connected_sql(row: str) -> str:
    """Connected: the customer answered. The call completed or was stopped, the customer said something, and its
    analysis (once there is one) does not say nobody engaged (voicemail, no answer, incomplete). The same on
    PostgreSQL (call_transcripts.connected, migration 20261128000000)."""
    return (
        f"({row}.call_status IN ('completed', 'stopped') AND {row}.customer_spoke = 1"
        f" AND coalesce({row}.outcome, '') NOT IN ({_NOT_CONNECTED}))"
    )


_KEY = "day, call_status, outcome, sentiment, country_code"
_TABLE = f"""CREATE TABLE IF NOT EXISTS call_daily_stats (
    day TEXT NOT NULL,  -- the UTC day, as the KPIs' per_day
    call_status TEXT NOT NULL,
    outcome TEXT NOT NULL,  -- '' before analysis
    sentiment TEXT NOT NULL,
    country_code TEXT NOT NULL,
    calls INTEGER NOT NULL DEFAULT 0,
    connected INTEGER NOT NULL DEFAULT 0,
    connected_seconds REAL NOT NULL DEFAULT 0,
    connected_timed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY ({_KEY})
) WITHOUT ROWID"""


def _add(row: str, sign: int) -> str:
    """Add (sign 1) or take away (-1) one call, as `row` (new or old) holds it, to its group."""
    connected = connected_sql(row)
    return (
        f"INSERT INTO call_daily_stats ({_KEY}, calls, connected, connected_seconds, connected_timed) VALUES"
        f" (substr({row}.created_at, 1, 10), {row}.call_status, coalesce({row}.outcome, ''),"
        f" coalesce({row}.sentiment, ''), {row}.country_code, {sign}, {sign} * {connected},"
        f" CASE WHEN {connected} THEN {sign} * coalesce({row}.duration_seconds, 0) ELSE 0 END,"
        f" {sign} * ({connected} AND {row}.duration_seconds IS NOT NULL))"
        f" ON CONFLICT ({_KEY}) DO UPDATE SET calls = calls + excluded.calls, connected = connected + excluded.connected,"
        " connected_seconds = connected_seconds + excluded.connected_seconds,"
        " connected_timed = connected_timed + excluded.connected_timed;"
    )


_COUNTED = "created_at, call_status, outcome, sentiment, country_code, duration_seconds, customer_spoke"
SCHEMA = (  # one statement each, so they run inside the migration's transaction
    _TABLE,
    f"CREATE TRIGGER IF NOT EXISTS call_daily_insert AFTER INSERT ON call_transcripts BEGIN {_add('new', 1)} END",
    f"CREATE TRIGGER IF NOT EXISTS call_daily_delete AFTER DELETE ON call_transcripts BEGIN {_add('old', -1)} END",
    f"""CREATE TRIGGER IF NOT EXISTS call_daily_update AFTER UPDATE OF {_COUNTED} ON call_transcripts BEGIN
        {_add("old", -1)} {_add("new", 1)}
    END""",
)
_FILL = (
    f"INSERT INTO call_daily_stats ({_KEY}, calls, connected, connected_seconds, connected_timed)"
    " SELECT substr(t.created_at, 1, 10), t.call_status, coalesce(t.outcome, ''), coalesce(t.sentiment, ''),"
    f" t.country_code, count(*), sum({connected_sql('t')}),"
    f" coalesce(sum(CASE WHEN {connected_sql('t')} THEN t.duration_seconds END), 0),"
    f" count(CASE WHEN {connected_sql('t')} THEN t.duration_seconds END)"
    f" FROM call_transcripts t GROUP BY 1, 2, 3, 4, 5"
)


def migrate(conn: sqlite3.Connection) -> None:
    """Create the totals (and their triggers) in a file that has none, from the calls it holds."""
    new = not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'call_daily_stats'").fetchone()
    for statement in SCHEMA:
        conn.execute(statement)
    if new:
        conn.execute(_FILL)


def answers(f: CallFilter) -> bool:
    """Whether the totals answer this filter: only the date, status, outcome, sentiment and country set."""
    others = (f.search_terms(), f.customer_name.strip(), f.customer_id is not None, f.objections, f.placed_by())
    return not any(others) and f.next_step_agreed is None


def groups(conn: sqlite3.Connection, f: CallFilter) -> list[Any]:
    """Per day and outcome: calls, connected, connected seconds, connected calls with a duration (as stats reads)."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.date_from:
        clauses.append("day >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        clauses.append("day <= ?")
        params.append(f.date_to.isoformat())
    for column, values in (("call_status", f.statuses), ("outcome", f.outcomes), ("sentiment", f.sentiments)):
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params += list(values)
    if f.country_code:
        clauses.append("country_code = ?")
        params.append(f.country_code)
    condition = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return conn.execute(
        "SELECT day, outcome, sum(calls), sum(connected), sum(connected_seconds), sum(connected_timed)"
        f" FROM call_daily_stats{condition} GROUP BY day, outcome HAVING sum(calls) > 0 ORDER BY day, outcome",
        params,
    ).fetchall()
