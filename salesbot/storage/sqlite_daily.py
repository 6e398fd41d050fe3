"""Per-day KPI totals on SQLite, kept current by triggers: the KPIs of a filter on the date, status, outcome,
sentiment, country and who placed the call, without reading every call; the same sums over the calls otherwise."""

from __future__ import annotations

import sqlite3
from typing import Any

from salesbot.models import CallFilter, ObjectionKind, Outcome

_NOT_CONNECTED = ", ".join(f"'{o.value}'" for o in Outcome if not o.connected)
STATS_VERSION = "next_steps"  # a column the totals of an earlier release lack: such a file gets them rebuilt


def connected_sql(row: str) -> str:
    """Connected: the customer answered. The call completed or was stopped, the customer said something, and its
    analysis (once there is one) does not say nobody engaged (voicemail, no answer, incomplete). The same on
    PostgreSQL (call_transcripts.connected, migration 20261128000000)."""
    return (
        f"({row}.call_status IN ('completed', 'stopped') AND {row}.customer_spoke = 1"
        f" AND coalesce({row}.outcome, '') NOT IN ({_NOT_CONNECTED}))"
    )


def keys(row: str) -> dict[str, str]:
    """The totals' key columns, as the call `row` gives them."""
    return {
        "day": f"substr({row}.created_at, 1, 10)",  # the UTC day, as the KPIs' per_day
        "call_status": f"{row}.call_status",
        "outcome": f"coalesce({row}.outcome, '')",  # '' before analysis
        "sentiment": f"coalesce({row}.sentiment, '')",
        "country_code": f"{row}.country_code",
        "created_by": f"{row}.created_by",
    }


def measures(row: str) -> dict[str, str]:
    """What one call adds to its group (summed): stats_build reads them in this order."""
    c = connected_sql(row)

    def when_connected(column: str) -> str:
        return f"CASE WHEN {c} THEN coalesce({row}.{column}, 0) ELSE 0 END"

    return {
        "calls": "1",
        "connected": c,
        "connected_seconds": when_connected("duration_seconds"),
        "connected_timed": f"({c} AND {row}.duration_seconds IS NOT NULL)",
        "next_steps": f"({c} AND coalesce({row}.next_step_agreed, 0) = 1)",
        "agent_words": when_connected("agent_words"),
        "customer_words": when_connected("customer_words"),
        "agent_questions": when_connected("agent_questions"),
        "monologue_seconds": when_connected("longest_monologue"),
        "monologue_calls": f"({c} AND {row}.longest_monologue IS NOT NULL)",
        "objection_seconds": when_connected("first_objection"),
        "objection_calls": f"({c} AND {row}.first_objection IS NOT NULL)",
        # objections holds a JSON array of kinds: a kind's quoted name is in it or not (any call, connected or not)
        **{f"objection_{k.value}": f"(instr(coalesce({row}.objections, ''), '\"{k.value}\"') > 0)" for k in ObjectionKind},
    }  # fmt: skip


def topic_rows(row: str) -> str:
    """Each topic of a connected call's analysis with its coverage (stats_columns.analysis_column's pairs)."""
    return f"json_each({row}.topic_coverage) j WHERE {connected_sql(row)}"


TOPIC = "json_extract(j.value, '$[0]')"
COVERAGE = "json_extract(j.value, '$[1]')"
_KEY = ", ".join(keys("t"))
_MEASURES = tuple(measures("t"))
_TABLES = (
    f"""CREATE TABLE IF NOT EXISTS call_daily_stats ({", ".join(f"{k} TEXT NOT NULL" for k in keys("t"))},
    {", ".join(f"{m} {'REAL' if m.endswith('seconds') else 'INTEGER'} NOT NULL DEFAULT 0" for m in _MEASURES)},
    PRIMARY KEY ({_KEY})) WITHOUT ROWID""",
    f"""CREATE TABLE IF NOT EXISTS call_daily_topics ({", ".join(f"{k} TEXT NOT NULL" for k in keys("t"))},
    topic TEXT NOT NULL, coverage TEXT NOT NULL, calls INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY ({_KEY}, topic, coverage)) WITHOUT ROWID""",
)


def _add(row: str, sign: int) -> str:
    """Add (sign 1) or take away (-1) one call, as `row` (new or old) holds it, to its groups."""
    values = ", ".join([*keys(row).values(), *(f"{sign} * ({e})" for e in measures(row).values())])
    sums = ", ".join(f"{m} = {m} + excluded.{m}" for m in _MEASURES)
    topics = ", ".join([*keys(row).values(), TOPIC, COVERAGE, str(sign)])
    return (
        f"INSERT INTO call_daily_stats ({_KEY}, {', '.join(_MEASURES)}) VALUES ({values})"
        f" ON CONFLICT ({_KEY}) DO UPDATE SET {sums};"
        f" INSERT INTO call_daily_topics ({_KEY}, topic, coverage, calls) SELECT {topics} FROM {topic_rows(row)}"
        f" ON CONFLICT ({_KEY}, topic, coverage) DO UPDATE SET calls = calls + excluded.calls;"
    )


_COUNTED = (
    "created_at, call_status, outcome, sentiment, country_code, created_by, duration_seconds, customer_spoke,"
    " next_step_agreed, objections, agent_words, customer_words, agent_questions, longest_monologue,"
    " first_objection, topic_coverage"
)
_TRIGGERS = ("call_daily_insert", "call_daily_delete", "call_daily_update")
SCHEMA = (  # one statement each, so they run inside the migration's transaction
    *_TABLES,
    f"CREATE TRIGGER IF NOT EXISTS call_daily_insert AFTER INSERT ON call_transcripts BEGIN {_add('new', 1)} END",
    f"CREATE TRIGGER IF NOT EXISTS call_daily_delete AFTER DELETE ON call_transcripts BEGIN {_add('old', -1)} END",
    f"""CREATE TRIGGER IF NOT EXISTS call_daily_update AFTER UPDATE OF {_COUNTED} ON call_transcripts BEGIN
        {_add("old", -1)} {_add("new", 1)}
    END""",
)
_SUMS = ", ".join(f"sum({e})" for e in measures("t").values())
_FILL = (
    f"INSERT INTO call_daily_stats ({_KEY}, {', '.join(_MEASURES)}) SELECT {', '.join(keys('t').values())}, {_SUMS}"
    f" FROM call_transcripts t GROUP BY {', '.join(str(n + 1) for n in range(len(keys('t'))))}",
    f"INSERT INTO call_daily_topics ({_KEY}, topic, coverage, calls) SELECT {', '.join(keys('t').values())},"
    f" {TOPIC}, {COVERAGE}, count(*) FROM call_transcripts t, {topic_rows('t')}"
    f" GROUP BY {', '.join(str(n + 1) for n in range(len(keys('t')) + 2))}",
)


def migrate(conn: sqlite3.Connection) -> None:
    """Create the totals (and their triggers) in a file that has none or an earlier release's, from its calls."""
    have = {r[1] for r in conn.execute("PRAGMA table_info(call_daily_stats)")}
    if have and STATS_VERSION not in have:
        for trigger in _TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        conn.execute("DROP TABLE call_daily_stats")
    for statement in SCHEMA:
        conn.execute(statement)
    if STATS_VERSION not in have:
        conn.execute("DELETE FROM call_daily_topics")
        for statement in _FILL:
            conn.execute(statement)


def answers(f: CallFilter) -> bool:
    """Whether the totals answer this filter: only the date, status, outcome, sentiment, country and placed by."""
    others = (f.search_terms(), f.customer_name.strip(), f.customer_id is not None, f.objections)
    return not any(others) and f.next_step_agreed is None


def condition(f: CallFilter) -> tuple[str, list[Any]]:
    """The filter over the totals' keys (answers(f) must hold)."""
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
    for column, value in (("country_code", f.country_code), ("created_by", f.placed_by())):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_GROUP = "day, call_status, outcome, sentiment, created_by"


def groups(conn: sqlite3.Connection, f: CallFilter) -> tuple[list[Any], list[Any]]:
    """The filter's groups (stats_build.GROUP_COLUMNS then the measures) and its topics (topic, coverage, calls)."""
    where, params = condition(f)
    found = conn.execute(
        f"SELECT {_GROUP}, {', '.join(f'sum({m})' for m in _MEASURES)} FROM call_daily_stats{where}"
        f" GROUP BY {_GROUP} HAVING sum(calls) > 0",
        params,
    ).fetchall()
    topics = conn.execute(
        f"SELECT topic, coverage, sum(calls) FROM call_daily_topics{where} GROUP BY topic, coverage"
        " HAVING sum(calls) > 0",
        params,
    ).fetchall()
    return found, topics
